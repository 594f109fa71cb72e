"""What the importers share: reading an input's text and YAML within bounds, and merging level orders."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import networkx as nx
from pydantic import ValidationError

from ..errors import InputError, Problem
from ..yamlsafe import MAX_BYTES, decode, node_limit, parse_yaml
from .summary import Input

__all__ = ["merge_orders", "model_problems", "read_text", "read_yaml", "strip_text"]

_LISTED = 20  #: model problems listed by name; the rest are counted


def read_text(source: Input, *, max_bytes: int = MAX_BYTES) -> str:
    """The input as UTF-8 text (a BOM allowed), within ``max_bytes``; a located error otherwise."""
    return decode(source.data, name=source.name, max_bytes=max_bytes)


def read_yaml(text: str, *, name: str) -> Any:
    """One YAML document, read safely and within the parser's bounds — its node budget set by its own size, as
    an upload's is, so a small file cannot expand (through aliases) into a large one; a duplicate key is an
    error here, since an importer must not keep one of two values silently."""
    data, problems = parse_yaml(text, name=name, max_nodes=node_limit(len(text.encode("utf-8"))))
    if problems:
        raise InputError(problems, summary=f"{name} has duplicate keys")
    return data


def strip_text(value: Any) -> str | None:
    """A text of the source without the spaces and line ends around it (YAML ``|`` blocks end in a line end);
    None for anything that is not text or is blank."""
    if not isinstance(value, str):
        return None
    return value.strip() or None


def merge_orders(orders: Iterable[Sequence[str]], *, what: str, where: str) -> list[str]:
    """One order holding each of ``orders`` (lowest first), every item placed where each order puts it;
    items no order compares keep the order they first appear in. Two orders that disagree are an error."""
    graph = nx.DiGraph()
    first: dict[str, int] = {}
    for order in orders:
        for item in order:
            first.setdefault(item, len(first))
            graph.add_node(item)
        for lower, upper in itertools.pairwise(order):
            if lower != upper:
                graph.add_edge(lower, upper)
    try:
        return list(nx.lexicographical_topological_sort(graph, key=first.__getitem__))
    except nx.NetworkXUnfeasible:
        cycle = nx.find_cycle(graph)
        chain = " → ".join([*(u for u, _ in cycle), cycle[0][0]])
        raise InputError(
            [Problem(f"the {what}s are in different orders in different places: {chain}", file=where)],
            summary=f"the {what}s cannot be put in one order",
        ) from None


T = TypeVar("T")


def model_problems(importer: Callable[..., T]) -> Callable[..., T]:
    """An importer whose source holds a value the framework cannot (a text longer than 50,000 characters, a
    link of thousands) raises :class:`InputError` naming each, never a traceback."""

    @functools.wraps(importer)
    def run(*args: Any, **kwargs: Any) -> T:
        try:
            return importer(*args, **kwargs)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            problems = [
                Problem(
                    f"the source holds a value a framework cannot: {'.'.join(map(str, e['loc'])) or 'value'}: "
                    f"{e['msg'][:1].lower()}{e['msg'][1:]}",
                    code="import-value",
                )
                for e in errors[:_LISTED]
            ]
            if len(errors) > _LISTED:
                problems.append(Problem(f"… and {len(errors) - _LISTED} more", code="too-many-problems"))
            raise InputError(problems, summary="the source holds values a framework cannot") from None

    return run
