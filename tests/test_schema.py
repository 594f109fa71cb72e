"""The committed JSON Schema is the one the models generate, and shipped files satisfy it."""

from __future__ import annotations

import json

import pytest
import yaml

from framework.schema import SCHEMA_DIR, SCHEMA_PATH, SCHEMAS, schema_text
from tests.conftest import SHIPPED


@pytest.mark.parametrize("kind", SCHEMAS)
def test_committed_schemas_are_current(kind):
    filename = SCHEMAS[kind][1]
    assert (SCHEMA_DIR / filename).read_text(encoding="utf-8") == schema_text(kind), (
        f"schema/{filename} is stale: run 'python -m framework schema --kind {kind} -o schema/{filename}'"
    )


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_files_satisfy_the_json_schema(path):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=str)
    assert not errors, errors[:3]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_files_name_the_schema_for_editors(path):
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schema/framework.schema.json\n"
    )


def test_the_schema_rejects_what_the_models_reject():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    bad = {"id": "x", "name": "X", "grades": [{"id": "a"}], "roles": [{"id": "r", "titel": "typo"}]}
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(bad))
