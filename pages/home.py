"""Home: what the framework holds, and where each kind of user should start."""

from ui.views import home

home.main()
