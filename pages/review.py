"""Structure review, for leadership and HR: rungs, gaps, dead ends, cliffs, spans of control."""

from ui.views import review

review.main()
