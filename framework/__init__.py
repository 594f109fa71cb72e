"""Career Explorer's domain: career frameworks as data, their graph, and the analyses over it.

Importable and testable without Streamlit. The names below are the package's public API — what the README's
examples use — each defined in the module that owns it:

* loading a framework file: :func:`load_framework` (and ``…_text``, ``…_bytes``), :func:`check_framework` for
  the loader's warnings beside the framework (:mod:`framework.loader`);
* its graph: :func:`build_graph`, :func:`ladder` (:mod:`framework.graph`); routes between roles:
  :func:`progression_paths`, :func:`next_steps` (:mod:`framework.routes`);
* what a move asks: :func:`skill_gap` (:mod:`framework.skills`), :func:`expectation_gap`
  (:mod:`framework.expectations`), and the plan for a 1:1, :func:`development_plan` (:mod:`framework.plan`);
* whether the structure is sound: :func:`findings` (:mod:`framework.findings`), :func:`grading_consistency`
  (:mod:`framework.grading`), and what changed between versions, :func:`diff_frameworks`
  (:mod:`framework.versions`);
* errors: :class:`FrameworkError`, with every :class:`Problem` located (:mod:`framework.errors`).

>>> from framework import build_graph, load_framework, progression_paths
>>> council = load_framework("data/roles.yaml")
>>> G = build_graph(council)
>>> [route.effort for route in progression_paths(G, "associate-project-manager", "head-of-delivery-management")]
[35.0]
"""

from .errors import FrameworkError, InputError, NoPath, Problem, QueryError, RoleNotFound
from .expectations import expectation_gap
from .findings import findings
from .grading import grading_consistency
from .graph import EffortWeights, LateralRule, build_graph, ladder
from .loader import (
    Checked,
    check_framework,
    check_framework_bytes,
    check_framework_text,
    load_framework,
    load_framework_bytes,
    load_framework_text,
)
from .models import Framework, Role
from .plan import development_plan
from .routes import next_steps, progression_paths
from .skills import Profile, skill_gap
from .versions import diff_frameworks

__all__ = [
    "Checked",
    "EffortWeights",
    "Framework",
    "FrameworkError",
    "InputError",
    "LateralRule",
    "NoPath",
    "Problem",
    "Profile",
    "QueryError",
    "Role",
    "RoleNotFound",
    "build_graph",
    "check_framework",
    "check_framework_bytes",
    "check_framework_text",
    "development_plan",
    "diff_frameworks",
    "expectation_gap",
    "findings",
    "grading_consistency",
    "ladder",
    "load_framework",
    "load_framework_bytes",
    "load_framework_text",
    "next_steps",
    "progression_paths",
    "skill_gap",
]
