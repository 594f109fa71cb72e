"""Nothing personal is kept where other sessions could reach it.

A person's self-assessment lives in their session only: the gap, the chart and the plan made from it are built
for their run, and the process-wide caches (the loaded frameworks and the views they keep) hold nothing of it.
Two sessions, as AppTest runs them: one enters an assessment with a name of its own and opens every tab; then
every cache shared by sessions is searched for it, and a second session sees none of it.
"""

from __future__ import annotations

import gc
import pickle

from streamlit.testing.v1 import AppTest

from tests.apptest import plan_opened
from tests.conftest import ROOT
from ui.data import Loaded
from ui.session.assessment import Assessment

PAGE = "pages/gap.py"
MARKER = "Assessment of Zebedee Quorn-Abernethy"
APM, DM = "associate-project-manager", "delivery-manager"


def shared_loaded_frameworks() -> list[Loaded]:
    """Every loaded framework of the process that is not someone's upload: those are shared by all sessions.

    Frameworks loaded at start-up are frozen out of the collector's sight (``ui.data.preload_once``), and any test
    of this process may have run it: they are let back for the search, and frozen again after it."""
    frozen = gc.get_freeze_count()
    gc.unfreeze()
    try:
        objects = gc.get_objects()
    finally:
        if frozen:
            gc.freeze()
    return [obj for obj in objects if isinstance(obj, Loaded) and not obj.key.startswith("upload-")]


def holds(value: object, marker: str) -> bool:
    """Whether ``value``, with everything it refers to, holds ``marker`` anywhere (as pickled, or as written)."""
    needle = marker.encode()
    try:
        return needle in pickle.dumps(value)
    except Exception:  # an object that cannot be pickled: look at what it says of itself
        return marker in repr(value)


def assessed_session() -> AppTest:
    at = AppTest.from_file(str(ROOT / PAGE), default_timeout=60)
    at.query_params.update({"compare": "self", "current": APM, "target": DM})
    at.session_state["gap_assessment"] = Assessment(
        framework="council-digital",
        based_on=APM,
        levels={"planning": "expert", "prototyping": "working", "agile-and-lean-practices": "expert"},
        edited=True,
        source="zebedee.yaml",
        label=MARKER,
    )
    at.run()  # every tab is drawn
    assert not at.exception
    return plan_opened(at)  # and every part of the plan


def test_an_assessment_leaves_nothing_in_the_caches_sessions_share():
    at = assessed_session()
    shown = "\n".join(m.value for m in at.markdown)
    assert MARKER in shown, "the person sees their own assessment"
    assert "# Development plan: Assessment of Zebedee" in shown, "and the plan made from it"
    shared = shared_loaded_frameworks()
    assert shared, "the council framework is loaded and shared"
    # Every shared framework of the process (other tests' too), so none can hold what this session typed.
    views = [view for loaded in shared for view in loaded.cached_views()]
    assert views, "views of the framework are kept"
    for key, view in views:
        assert not holds(key, MARKER), key
        assert not holds(view, MARKER), key
        assert all(not isinstance(arg, dict) for arg in key[1]), "no cached view is keyed by a level map"


def test_another_session_sees_none_of_it():
    assessed_session()
    other = AppTest.from_file(str(ROOT / PAGE), default_timeout=60)
    other.query_params.update({"compare": "self", "current": APM, "target": DM})
    other.run()
    shown = "\n".join(m.value for m in other.markdown)
    assert MARKER not in shown
    assert "Zebedee" not in shown
    levels = dict(zip(other.data_editor[0].value.index, other.data_editor[0].value["My level"], strict=True))
    assert levels["planning"] == "Awareness", "the other session starts from the current role's own levels"


# --------------------------------------------------------------------------- development records and teams

RECORD_MARKER = "Quorn-Abernethy record note"


def _record_text() -> bytes:
    from framework import load_framework
    from framework.record import Evidence, dump_record
    from tests.record_samples import sam

    council = load_framework(ROOT / "data" / "roles.yaml")
    record = sam(council)
    first = record.check_ins[0]
    rating = first.skills["planning"].model_copy(update={"evidence": [Evidence(text=RECORD_MARKER)]})
    first = first.model_copy(update={"skills": {**first.skills, "planning": rating}, "notes": RECORD_MARKER})
    record = record.model_copy(
        update={"person": "Zebedee Quorn-Abernethy", "check_ins": [first, *record.check_ins[1:]]}
    )
    return dump_record(record).encode()


def _assert_not_shared(marker: str) -> None:
    shared = shared_loaded_frameworks()
    assert shared
    for loaded in shared:
        for key, view in loaded.cached_views():
            assert not holds(key, marker), key
            assert not holds(view, marker), key


def test_a_record_and_a_team_leave_nothing_in_the_caches_sessions_share():
    record = AppTest.from_file(str(ROOT / "pages/record.py"), default_timeout=60).run()
    record.file_uploader[0].set_value(("z.yaml", _record_text(), "application/yaml")).run()
    assert not record.exception
    assert "Zebedee" in record.header[0].value, "the person sees their own record"
    widgets = record.session_state["dev_record"].session.widgets("record")
    record.selectbox(key=f"{widgets}-check-in").set_value(0).run()
    widgets = record.session_state["dev_record"].session.widgets("record")
    assert RECORD_MARKER in record.text_area(key=f"{widgets}-notes").value
    team = AppTest.from_file(str(ROOT / "pages/team.py"), default_timeout=60).run()
    team.file_uploader[0].set_value([("z.yaml", _record_text(), "application/yaml")]).run()
    assert not team.exception
    assert "Zebedee" in "\n".join(m.value for m in team.markdown)
    gap = AppTest.from_file(str(ROOT / PAGE), default_timeout=60)
    gap.query_params.update({"compare": "self", "current": APM, "target": DM})
    gap.session_state["dev_record"] = record.session_state["dev_record"]
    gap.run()
    next(b for b in gap.button if b.label.startswith("Use the levels")).click().run()
    assert not gap.exception
    for marker in (RECORD_MARKER, "Zebedee"):
        _assert_not_shared(marker)
    other = AppTest.from_file(str(ROOT / "pages/record.py"), default_timeout=60).run()
    assert "Zebedee" not in "\n".join(m.value for m in other.markdown)
    assert "dev_record" not in other.session_state
