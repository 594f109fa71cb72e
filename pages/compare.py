"""Compare two or three roles side by side (``?roles=a&roles=b``)."""

from ui.views import compare

compare.main()
