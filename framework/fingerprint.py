"""A framework's content hash: what a person's record notes, so that a changed framework is noticed.

The hash is of the framework's canonical data (its model dumped to JSON with sorted keys), not of the file's
bytes: reformatting a file or reordering its keys leaves it unchanged, while any change to a role, a skill, a
descriptor or a scale changes it.
"""

from __future__ import annotations

import hashlib
import json

from .models import Framework

__all__ = ["content_hash"]

PREFIX = "sha256:"


def content_hash(framework: Framework) -> str:
    """``sha256:<hex>`` of the framework's canonical data."""
    data = framework.model_dump(mode="json", exclude_none=True)
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()
