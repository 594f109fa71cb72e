"""Team: several development records at once — a skills matrix, coverage and single points of failure. The
records are read for this browser session only; nothing is stored."""

from ui.views import team

team.main()
