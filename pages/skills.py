"""Skills: every skill (or area) of the framework, and one skill (``?skill=``) or area (``?area=``) level by level."""

from ui.views import skills

skills.main()
