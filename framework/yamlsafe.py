"""Safe, bounded YAML reading with located errors.

PyYAML's C safe loader is used when it is present (the pure-Python safe loader otherwise): no tag can build a
Python object. On top of that, input from strangers is bounded before it is parsed:

* **size** — at most ``max_bytes`` (``MAX_BYTES`` by default) are read;
* **encoding** — UTF-8 only (a BOM is allowed); a bad byte is reported by line and column;
* **nesting** — at most ``MAX_DEPTH`` levels (libyaml's composer recurses in C, so very deep nesting would
  crash the process rather than raise);
* **aliases** — the document, with every alias expanded, may hold at most ``MAX_NODES`` nodes (an "alias
  bomb" is a few hundred bytes that expand to billions of nodes).

A cheap scan of the text bounds the nesting from above; only a file that might break a limit (or that uses
anchors at all) is walked event by event to measure it exactly, so ordinary files pay almost nothing.
Duplicate mapping keys, which PyYAML would silently resolve by keeping the last, are reported as problems.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from .errors import FrameworkError, PathPart, Problem

try:  # the C loader is an order of magnitude faster; the pure-Python one is used where libyaml is absent
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "locate",
    "parse_yaml",
    "read_text",
]

MAX_BYTES = 32 * 1024 * 1024  #: largest file read from disk (uploads use a smaller limit)
MAX_DEPTH = 64  #: deepest nesting of mappings and sequences
MAX_NODES = 5_000_000  #: most nodes in a document once every alias is expanded

_ANCHOR = re.compile(r"(?:^|[\s\[{,])&[^\s\[\]{},]")
_BLOCK_INDICATORS = re.compile(r"[-:?]")


class _Loader(_SafeLoader):
    """The safe loader, plus a record of duplicate mapping keys."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[Any, Any]] = []  # (key, mark)

    def construct_mapping(self, node, deep=False):
        seen: set = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                key = (key_node.tag, key_node.value)
                if key in seen:
                    self.duplicates.append((key_node.value, key_node.start_mark))
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read_text(path: str | Path, *, max_bytes: int = MAX_BYTES, name: str | None = None) -> str:
    """Read a UTF-8 text file of at most ``max_bytes``; raise :class:`FrameworkError` otherwise."""
    name = name or str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except IsADirectoryError:
        raise FrameworkError.single("is a directory, not a file", file=name, code="unreadable") from None
    except FileNotFoundError:
        raise FrameworkError.single("no such file", file=name, code="unreadable") from None
    except OSError as exc:
        raise FrameworkError.single(f"cannot read the file: {exc.strerror}", file=name, code="unreadable") from None
    return decode(data, name=name, max_bytes=max_bytes)


def decode(data: bytes, *, name: str, max_bytes: int = MAX_BYTES) -> str:
    """Decode uploaded or read bytes as UTF-8, within the size limit, with a located error."""
    if len(data) > max_bytes:
        raise FrameworkError.single(
            f"the file is larger than the {_size(max_bytes)} limit", file=name, code="too-large"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise FrameworkError.single(
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be decoded)",
            file=name,
            line=line,
            column=column,
            code="encoding",
        ) from None


def parse_yaml(text: str, *, name: str = "<input>") -> tuple[Any, list[Problem]]:
    """Parse one YAML document safely. Returns the data and any duplicate-key problems.

    Raises :class:`FrameworkError` for a syntax error or a document over the limits.
    """
    _check_limits(text, name)
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        raise FrameworkError([_yaml_problem(exc, name)], summary="the file is not valid YAML") from None
    except yaml.YAMLError as exc:  # e.g. a ReaderError for a control character
        problem = Problem(f"not valid YAML: {_one_line(exc)}", file=name, code="yaml-syntax")
        position = getattr(exc, "position", None)
        if position is not None:
            line = text.count("\n", 0, position) + 1
            column = position - (text.rfind("\n", 0, position) + 1) + 1
            problem = Problem(problem.message, file=name, line=line, column=column, code="yaml-syntax")
        raise FrameworkError([problem], summary="the file is not valid YAML") from None
    except RecursionError:  # pragma: no cover - the depth check runs first
        raise FrameworkError.single("the document is nested too deeply", file=name, code="too-deep") from None
    finally:
        loader.dispose()
    problems = [
        Problem(
            f"duplicate key {key!r}: YAML keeps only the last value, so an earlier one would be lost",
            file=name,
            line=mark.line + 1,
            column=mark.column + 1,
            code="duplicate-key",
        )
        for key, mark in loader.duplicates
    ]
    return data, problems


def locate(text: str, paths: Sequence[Sequence[PathPart]]) -> list[tuple[int, int] | None]:
    """Find the 1-based (line, column) of each field path in the document (None where it cannot be found).

    Used only when there are problems to report, so the ordinary load pays nothing for it.
    """
    try:
        root = yaml.compose(text, Loader=_SafeLoader)
    except yaml.YAMLError:
        return [None] * len(paths)
    return [_locate_one(root, path) for path in paths]


def _locate_one(node, path: Sequence[PathPart]) -> tuple[int, int] | None:
    if node is None:
        return None
    mark = node.start_mark
    for part in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                    mark = key_node.start_mark
                    child = value_node
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            child = node.value[part]
            mark = child.start_mark
        if child is None:
            break  # the deepest existing node is the best place to point at (e.g. a missing field)
        node = child
    return mark.line + 1, mark.column + 1


def _check_limits(text: str, name: str) -> None:
    """Reject nesting over MAX_DEPTH and alias expansion over MAX_NODES before the parser sees them."""
    has_anchor = _ANCHOR.search(text) is not None
    if not has_anchor and _depth_upper_bound(text) <= MAX_DEPTH:
        return
    depth = nodes = 0
    sizes: dict[str, int] = {}
    stack: list[tuple[str | None, int]] = []
    try:
        for event in yaml.parse(text, Loader=_SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                nodes += 1
                depth += 1
                stack.append((event.anchor, nodes))
                if depth > MAX_DEPTH:
                    raise _limit(f"the document is nested more than {MAX_DEPTH} levels deep", event, name, "too-deep")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
                anchor, start = stack.pop()
                if anchor is not None:
                    sizes[anchor] = nodes - start + 1
            elif isinstance(event, yaml.ScalarEvent):
                nodes += 1
                if event.anchor is not None:
                    sizes[event.anchor] = 1
            elif isinstance(event, yaml.AliasEvent):
                nodes += sizes.get(event.anchor, 1)
            if nodes > MAX_NODES:
                raise _limit(
                    f"the document expands to more than {MAX_NODES:,} nodes (too many aliases)",
                    event,
                    name,
                    "too-many-nodes",
                )
    except yaml.MarkedYAMLError as exc:
        raise FrameworkError([_yaml_problem(exc, name)], summary="the file is not valid YAML") from None
    except yaml.YAMLError:
        return  # reported, with its position, by the real parse


def _depth_upper_bound(text: str) -> int:
    """An upper bound on the nesting depth, from the text alone.

    Flow nesting can never exceed the number of ``[`` and ``{`` in the text; block nesting on a line can
    never exceed twice the line's indentation plus its indicators (each level needs a column of indent or
    an indicator of its own). Ordinary files come out far below the limit.
    """
    flow = text.count("[") + text.count("{")
    if flow > MAX_DEPTH:
        return flow
    block = 0
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if not stripped or stripped[0] == "#":
            continue
        indent = len(line) - len(stripped)
        bound = 2 * (indent + len(_BLOCK_INDICATORS.findall(stripped)) + 1)
        if bound > block:
            block = bound
            if block + flow > MAX_DEPTH:
                break
    return block + flow


def _limit(message: str, event, name: str, code: str) -> FrameworkError:
    mark = event.start_mark
    return FrameworkError(
        [Problem(message, file=name, line=mark.line + 1, column=mark.column + 1, code=code)],
        summary="the file is over a safety limit",
    )


def _yaml_problem(exc: yaml.MarkedYAMLError, name: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    parts = [p for p in (exc.context, exc.problem) if p]
    message = "; ".join(parts) or "invalid YAML"
    if exc.problem and "could not determine a constructor" in exc.problem:
        message = f"tag not allowed: {exc.problem.split('for the tag')[-1].strip()} (only plain YAML data is read)"
    return Problem(
        f"YAML syntax: {message}",
        file=name,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
        code="yaml-syntax",
    )


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):g} MiB" if n >= 1024 * 1024 else f"{n / 1024:g} KiB"
