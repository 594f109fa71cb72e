"""Readable ids made from names: what importers and derived expectations use for ids nobody wrote.

An id must stay the same for the same name on every run and every machine (files made from it are committed
and compared byte for byte), and be safe in a URL, so it is the name's letters and digits in ASCII (accents
dropped, other scripts transliterated: ``Ведущий`` → ``vedushchiy``, ``项目经理`` → ``xiangmujingli``),
lower-cased, with every run of other characters made one hyphen. Symbols (``’``, ``–``, emoji) are dropped.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

__all__ = ["file_stem", "slugify", "unique_slugs"]


def slugify(text: str) -> str:
    """A readable, URL-safe id for a name; "" when nothing is left.

    >>> slugify("Head of (Agile) delivery management")
    'head-of-agile-delivery-management'
    >>> slugify("Chef de projet numérique"), slugify("Ведущий менеджер"), slugify("🧠 Knowledge & Impact")
    ('chef-de-projet-numerique', 'vedushchiy-menedzher', 'knowledge-impact')
    """
    ascii_text = "".join(
        c if c.isascii() else anyascii(c) if unicodedata.category(c)[0] in "LN" else ""
        for c in unicodedata.normalize("NFC", text)
    )
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def file_stem(kind: str, *parts: str, most: int = 40) -> str:
    """A download's file name without its extension: ``kind`` and each non-empty part, slugified and cut to
    ``most`` characters ("development-plan", "Sam Okafor", … → "development-plan-sam-okafor-…"). A person's
    files are told apart in a downloads folder by whose they are and when, not by "(1)", "(2)"."""
    return "-".join([kind, *(slug for part in parts if (slug := slugify(part or "")[:most].strip("-")))])


def unique_slugs(names: list[str], *, fallback: str = "item") -> dict[str, str]:
    """A distinct id for each distinct name, in order: the slug, or the slug with ``-2``, ``-3``… where an
    earlier name took it (and ``fallback`` for a name with no letters or digits at all)."""
    taken: set[str] = set()
    out: dict[str, str] = {}
    for name in names:
        if name in out:
            continue
        base = slugify(name) or fallback
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        out[name] = slug
    return out
