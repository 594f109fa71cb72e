"""A learning catalogue added in the sidebar is checked in the upload worker, like a framework: a YAML file as the
loader reads it in-process, a spreadsheet as ``import resources`` reads it, every problem located."""

from __future__ import annotations

import pytest

from framework import FrameworkError, load_framework
from framework.learning import Vocabulary, check_catalogue, load_catalogue
from tests.conftest import DATA
from ui import upload_worker

LIMIT = 2 * 2**20


@pytest.fixture(scope="module")
def council():
    return Vocabulary.of(load_framework(DATA / "roles.yaml"))


def test_a_yaml_catalogue_comes_back_as_it_is_read_in_process_its_other_ids_as_warnings(council):
    data = (DATA / "learning" / "ddat.yaml").read_bytes()
    catalogue, notes = upload_worker.check_catalogue_upload(data, "ddat.yaml", max_bytes=LIMIT, vocabulary=council)
    assert catalogue == load_catalogue(data, name="ddat.yaml")
    _, warnings = check_catalogue(data, name="ddat.yaml", framework=council, unknown="warning")
    assert notes == [str(w) for w in warnings]
    assert notes[0].startswith("ddat.yaml:"), "each at its line"
    assert "warning: unknown skill 'adapting-to-delivery-methodologies'" in notes[0]


def test_a_spreadsheet_is_imported_with_its_account_of_every_row(council):
    data = (
        b"title,address,kind,access,skill,level,source\n"
        b"Agile basics,https://learn.example.org/agile,course,organisation,Agile and Lean practices,Working,ours\n"
        b"Bad,https://learn.example.org/bad,podcast,open,planning,,ours\n"
    )
    catalogue, notes = upload_worker.check_catalogue_upload(data, "ours.csv", max_bytes=LIMIT, vocabulary=council)
    assert [e.title for e in catalogue.resources] == ["Agile basics"]
    assert catalogue.resources[0].serves[0].skill == "agile-and-lean-practices"
    assert (
        "  row 3: 'Bad' — kind 'podcast' is not one of course, guide, book, community, shadowing, on-the-job" in notes
    )


def test_a_file_that_is_not_a_catalogue_raises_its_located_problems(council):
    with pytest.raises(FrameworkError) as raised:
        upload_worker.check_catalogue_upload(b"id: c\nresources: [\n", "c.yaml", max_bytes=LIMIT, vocabulary=council)
    assert [p.line for p in raised.value.problems] == [3]
    with pytest.raises(FrameworkError) as raised:
        upload_worker.check_catalogue_upload(b"x" * (LIMIT + 1), "big.yaml", max_bytes=LIMIT, vocabulary=council)
    assert "larger than the 2 MiB limit" in str(raised.value)
