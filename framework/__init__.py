"""Career Explorer's domain: career frameworks as data, their graph, and the analyses over it.

Importable and testable without Streamlit. Typical use::

    from framework import load_framework
    from framework.graph import build_graph
    from framework.routes import progression_paths

    fw = load_framework("data/roles.yaml")
    G = build_graph(fw)
    routes = progression_paths(G, "associate-project-manager", "head-of-delivery-management", limit=3)
"""

from .errors import FrameworkError, InputError, NoPath, Problem, QueryError, RoleNotFound
from .loader import load_framework, load_framework_bytes, load_framework_text
from .models import Framework, Role

__all__ = [
    "Framework",
    "FrameworkError",
    "InputError",
    "NoPath",
    "Problem",
    "QueryError",
    "Role",
    "RoleNotFound",
    "load_framework",
    "load_framework_bytes",
    "load_framework_text",
]
