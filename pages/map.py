"""Career map: every role by grade (left to right) and discipline (rows), with the moves between them.

The page is :mod:`ui.views.map`: it reads the view's state (kinds of move, disciplines, the role to find — all in
the URL), draws the picture (:mod:`ui.map_svg`), its table and its summary, and turns a click on a role into links
to its profile and to the routes from "my current role".
"""

from ui.views import map

map.main()
