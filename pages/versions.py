"""Compare versions, for leadership and HR: what changed between two versions of a framework."""

from ui.views import versions

versions.main()
