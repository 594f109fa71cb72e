"""Counts, numbers and lists as a person writes them in a sentence: ``3 roles``, ``1,000,000``, ``A, B and C``.

Every message, summary and export of the app words them the same way, through these three functions.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["and_list", "number", "plural"]

#: Plurals that adding -s (or -ies) does not make.
_IRREGULAR = {"criterion": "criteria"}


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and ``word``, in the plural unless the count is one (``many`` when the plural is not regular).

    >>> plural(1, "role"), plural(2, "role"), plural(3, "family"), plural(4, "criterion"), plural(1500, "key")
    ('1 role', '2 roles', '3 families', '4 criteria', '1,500 keys')
    >>> plural(2, "lateral move"), plural(2, "person", "people")
    ('2 lateral moves', '2 people')
    """
    if count == 1:
        return f"1 {word}"
    if many is None:
        *first, last = word.split(" ")
        if last in _IRREGULAR:
            last = _IRREGULAR[last]
        elif last.endswith("y") and last[-2:-1] not in ("a", "e", "o", "u"):
            last = last[:-1] + "ies"
        else:
            last += "s"
        many = " ".join([*first, last])
    return f"{count:,} {many}"


def number(value: object) -> str:
    """A number as a person writes it: whole numbers without a decimal point and with thousands separated, others
    to one place; yes and no for true and false.

    >>> number(5.0), number(1_000_000), number(2.45), number(True)
    ('5', '1,000,000', '2.5', 'yes')
    """
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.1f}"


def and_list(items: Iterable[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``; "" for none.

    >>> and_list(["Delivery Manager"]), and_list(["A", "B", "C"])
    ('Delivery Manager', 'A, B and C')
    """
    items = list(items)
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)
