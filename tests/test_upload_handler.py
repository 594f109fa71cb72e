"""The one way a page takes a person's file (ui/uploads.py): used once, said once; a file that cannot be used
changes nothing and its problems stay in view while it stays in the uploader, without being read again."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from framework.skills import Profile, dump_profile
from tests.conftest import COUNCIL

GOOD = dump_profile(Profile(framework="council-digital", skills={"planning": "expert"})).encode()
OTHER = dump_profile(Profile(framework="council-digital", skills={"planning": "working"})).encode()
BAD = b"profile_version: 1\nframework: council-digital\nskills:\n  planing: expert\n"


def _page(framework_path: str) -> None:
    """A page that keeps the levels of the profile uploaded, and counts how often it reads a file."""
    import streamlit as st

    from framework import load_framework
    from framework.skills import load_profile
    from ui.uploads import Used, file_upload

    council = load_framework(framework_path)

    def use(name: str, data: bytes) -> Used:
        st.session_state["reads"] = st.session_state.get("reads", 0) + 1
        profile = load_profile(data, name=name, framework=council)
        st.session_state["levels"] = dict(profile.skills)
        return Used(f"Loaded {name}", ("a warning line",))

    file_upload("Load a profile", key="profile-upload", use=use, kept="your levels are unchanged", help="YAML")
    st.button("Another click")


def page() -> AppTest:
    return AppTest.from_function(_page, default_timeout=30, args=(str(COUNCIL),)).run()


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    return at.file_uploader[0].set_value((name, data, "application/yaml")).run()


def test_a_file_is_used_once_and_said_once():
    at = upload(page(), "mine.yaml", GOOD)
    assert not at.exception
    assert [s.value for s in at.success] == ["Loaded mine.yaml"]
    assert [c.value for c in at.code] == ["a warning line"]
    assert at.session_state["levels"] == {"planning": "expert"}
    at.button[0].click().run()
    assert at.session_state["reads"] == 1, "a rerun does not use the same file again"
    assert [s.value for s in at.success] == [], "said once"
    upload(at, "newer.yaml", OTHER)
    assert at.session_state["reads"] == 2
    assert at.session_state["levels"] == {"planning": "working"}, "another file is used"


def test_a_file_that_cannot_be_used_changes_nothing_and_its_problems_stay_in_view():
    at = upload(page(), "mine.yaml", GOOD)
    upload(at, "bad.yaml", BAD)
    assert not at.exception
    assert at.session_state["levels"] == {"planning": "expert"}, "what was there stays"
    (error,) = at.error
    assert "bad.yaml could not be used, so your levels are unchanged" in error.value
    said = at.code[0].value
    assert "bad.yaml:4:3: skills.planing: unknown skill 'planing' (did you mean 'planning'?)" in said
    at.button[0].click().run()
    assert at.session_state["reads"] == 2, "not read again"
    assert [e.value for e in at.error] == [error.value], "still said while the file is there"
    assert at.code[0].value == said


def test_a_file_removed_and_given_again_is_used_again():
    at = upload(page(), "mine.yaml", GOOD)
    at.file_uploader[0].set_value(None).run()
    assert "profile-upload-done" not in at.session_state
    upload(at, "mine.yaml", GOOD)
    assert at.session_state["reads"] == 2
