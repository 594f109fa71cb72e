"""The JSON Schema of a framework file, generated from the models.

Editors that speak the YAML language server read it through the ``# yaml-language-server: $schema=...`` line
at the top of a framework file, so whoever edits ``roles.yaml`` gets completion and checks as they type.
The committed copies (``schema/framework.schema.json``, ``schema/profile.schema.json`` for skills profiles and
``schema/record.schema.json`` for development records, ``schema/learning.schema.json`` for learning catalogues)
are kept current by a test.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .learning import Catalogue
from .models import SCHEMA_VERSION, Framework
from .record import DevelopmentRecord
from .skills import Profile

__all__ = ["SCHEMAS", "SCHEMA_DIR", "SCHEMA_PATH", "schema_text"]

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "schema"
SCHEMA_PATH = SCHEMA_DIR / "framework.schema.json"
#: kind → (model, committed file name)
SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "framework": (Framework, "framework.schema.json"),
    "profile": (Profile, "profile.schema.json"),
    "record": (DevelopmentRecord, "record.schema.json"),
    "learning": (Catalogue, "learning.schema.json"),
}


def schema_text(kind: str = "framework") -> str:
    """The JSON Schema of a framework file (or a skills profile), as committed in ``schema/``."""
    model, filename = SCHEMAS[kind]
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"career-explorer/{filename}#v{SCHEMA_VERSION}",
        **model.model_json_schema(mode="validation"),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
