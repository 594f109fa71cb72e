"""The JSON Schema of a framework file, generated from the models.

Editors that speak the YAML language server read it through the ``# yaml-language-server: $schema=...`` line
at the top of a framework file, so whoever edits ``roles.yaml`` gets completion and checks as they type.
The committed copy (``schema/framework.schema.json``) is kept current by a test.
"""

from __future__ import annotations

import json
from pathlib import Path

from .models import SCHEMA_VERSION, Framework

__all__ = ["SCHEMA_PATH", "framework_schema", "schema_text"]

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schema" / "framework.schema.json"


def framework_schema() -> dict:
    schema = Framework.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"career-explorer/framework.schema.json#v{SCHEMA_VERSION}",
        **schema,
    }


def schema_text() -> str:
    return json.dumps(framework_schema(), indent=2, ensure_ascii=False) + "\n"
