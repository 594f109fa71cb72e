"""Pay and progression criteria, for leadership and HR: every grade's pay and what it takes to progress."""

from ui.views import pay

pay.main()
