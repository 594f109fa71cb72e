"""Write a framework back to YAML, the same way every time.

Importers generate framework files that are committed to the repository, so the output must be
deterministic (a re-run on the same input gives a byte-identical file, and a diff shows only what really
changed) and pleasant to read and edit:

* fields keep the models' order (``sort_keys=False``), so a file reads id, title, grade, … as the models
  declare them;
* absent optional fields (``None``) and empty lists or mappings are left out, so a file holds only what
  the source says — but a ``None`` *value inside a mapping* (a skill level with no descriptor) is kept,
  because there the null is the information;
* ``kind``, the tag that says which kind of source a role has, is always written, even though it has a
  default, because a reader of the file (and the loader) needs it to tell the kinds apart;
* long lines are never folded (``width=10**9``) and non-ASCII text (typographic quotes, ``£``) is written
  as itself, so text copied from a document stays greppable.

The first line points editors at the JSON Schema so they can autocomplete and check the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from .models import Framework

__all__ = ["SCHEMA_LINE", "dump_framework", "framework_data", "write_framework_yaml"]

#: The editor hint every shipped framework file starts with (files live in ``data/``, the schema in ``schema/``).
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/framework.schema.json"

#: Keys written even when their value looks empty or default: discriminator tags.
_ALWAYS_KEEP = frozenset({"kind"})


def framework_data(framework: Framework) -> dict[str, Any]:
    """The framework as plain data, ready for YAML: no ``None`` fields, no empty lists or mappings."""
    data = framework.model_dump(mode="json", exclude_none=True)
    return _prune(data)


def _prune(value: Any) -> Any:
    """Drop empty lists and mappings, recursively (a mapping emptied by pruning is dropped in turn)."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            item = _prune(item)
            if key in _ALWAYS_KEEP or not _is_empty_container(item):
                out[key] = item
        return out
    if isinstance(value, list):
        return [item for item in (_prune(v) for v in value) if not _is_empty_container(item)]
    return value


def _is_empty_container(value: Any) -> bool:
    return isinstance(value, dict | list) and not value


def _comment_lines(header_comment: str | Iterable[str] | None) -> list[str]:
    if header_comment is None:
        return []
    lines = header_comment.splitlines() if isinstance(header_comment, str) else list(header_comment)
    return [line if line.startswith("#") else f"# {line}".rstrip() for line in lines]


def dump_framework(framework: Framework, *, header_comment: str | Iterable[str] | None = None) -> str:
    """Render ``framework`` as YAML text: the schema line, the header comment lines, then the data.

    ``header_comment`` is a string (one comment line per text line) or a list of lines; a leading ``#``
    is added where missing. Keep it free of dates and absolute paths, or the output stops being
    reproducible.
    """
    body = yaml.safe_dump(
        framework_data(framework),
        sort_keys=False,
        allow_unicode=True,
        width=10**9,
    )
    return "\n".join([SCHEMA_LINE, *_comment_lines(header_comment), body.rstrip("\n")]) + "\n"


def write_framework_yaml(
    framework: Framework, path: str | Path, *, header_comment: str | Iterable[str] | None = None
) -> Path:
    """Write ``framework`` to ``path`` as UTF-8 YAML with ``\\n`` line ends; returns the path written."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = dump_framework(framework, header_comment=header_comment)
    path.write_text(text, encoding="utf-8", newline="\n")
    return path
