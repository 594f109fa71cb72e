"""What each page shows, as typed view models: frozen dataclasses built from a framework, its graph and ids.

Pages (``ui/views/``) only draw these; every rule about what a page says lives here, unit-tested without
Streamlit. Every builder takes the framework and its graph first, then plain ids and options — never a
person's data — so its result can be cached by its arguments and shared by the sessions that ask the same::

    profile = role_profile(framework, G, "delivery-manager")
    routes = routes_view(framework, G, "associate-project-manager", "delivery-manager", limit=3)

A view built from what one person entered (a self-assessment) is built for that person's run only.
"""

from .compare import Comparison, comparison
from .gap import GapView, gap_view
from .home import HomeView, home_view
from .labels import grade_text, kind_label, role_label, role_labels, roles_by_discipline
from .paths import RoutesView, RouteView, SkillChange, StepView, routes_view
from .review import ReviewView, review_view
from .roles import CatalogueView, Connection, RoleProfile, SkillLine, StatedFact, catalogue_view, role_profile

__all__ = [
    "CatalogueView",
    "Comparison",
    "Connection",
    "GapView",
    "HomeView",
    "ReviewView",
    "RoleProfile",
    "RouteView",
    "RoutesView",
    "SkillChange",
    "SkillLine",
    "StatedFact",
    "StepView",
    "catalogue_view",
    "comparison",
    "gap_view",
    "grade_text",
    "home_view",
    "kind_label",
    "review_view",
    "role_label",
    "role_labels",
    "role_profile",
    "roles_by_discipline",
    "routes_view",
]
