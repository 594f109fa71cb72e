"""Safe, bounded YAML reading with located errors.

PyYAML's C safe loader is used when it is present (the pure-Python safe loader otherwise): no tag can build a
Python object. On top of that, input from strangers is bounded before it is parsed:

* **size** — at most ``max_bytes`` (``MAX_BYTES`` by default) are read;
* **encoding** — UTF-8 only (a BOM is allowed); a bad byte is reported by line and column, and so is text
  (a ``str``) holding a lone surrogate, which no file can encode;
* **nesting** — at most ``MAX_DEPTH`` levels (libyaml's composer recurses in C, so very deep nesting would
  crash the process rather than raise);
* **nodes** — the document, with every alias expanded, may hold at most ``MAX_NODES`` nodes (an "alias
  bomb" is a few hundred bytes that expand to billions of nodes); input read under a smaller size limit (an
  upload) gets a smaller budget, :func:`node_limit`, so that a small file cannot cost hundreds of megabytes.

A cheap scan of the text bounds the nesting and the node count from above; only a file that might break a
limit (or that uses anchors at all) is walked event by event to measure it exactly, so ordinary files pay
almost nothing. Duplicate mapping keys, which PyYAML would silently resolve by keeping the last, are reported
as problems.

Values are plain YAML data: strings, numbers, yes/no, null, dates, lists and mappings (``!!set`` reads as a
mapping with null values, as the YAML spec defines it; merge keys ``<<`` work). ``!!binary`` is refused (it
would slip bytes past the checks that expect text), and so is every tag outside the YAML core types. A value
that its type cannot hold (``2024-13-45`` as a date, an integer of more than 4,000 digits, ``!!bool maybe``)
is a located problem, never a crash.
"""

from __future__ import annotations

import codecs
import gc
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import GeneratorType
from typing import Any, ClassVar

import yaml

from .errors import InputError, PathPart, Problem
from .wording import plural

try:  # the C loader is an order of magnitude faster; the pure-Python one is used where libyaml is absent
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "MAX_PROBLEMS",
    "cap_problems",
    "gc_paused",
    "locate",
    "node_limit",
    "parse_yaml",
    "parse_yaml_document",
    "read_text",
    "unreadable",
]

MAX_BYTES = 32 * 1024 * 1024  #: largest file read from disk (uploads use a smaller limit)
MAX_DEPTH = 64  #: deepest nesting of mappings and sequences
MAX_NODES = 5_000_000  #: most nodes in a document once every alias is expanded
MIN_NODES = 50_000  #: the smallest node budget, whatever the size limit
MAX_PROBLEMS = 1_000  #: problems listed for one file; one more line says how many were left out
BYTES_PER_NODE = 16  #: real frameworks spend 30–45 bytes per node; the budget allows twice as dense
MAX_INT_BITS = 13_288  #: integers up to about 10**4000: any larger could not even be printed
MAX_INT_CHARS = 4_100  #: the longest integer literal read (underscores and a base prefix included)

_ANCHOR = re.compile(r"(?:^|[\s\[{,])&[^\s\[\]{},]")  # what _has_anchor finds, and how it is defined
_AMPERSAND = re.compile(r"&[^\s\[\]{},]")
_BEFORE_ANCHOR = re.compile(r"[\s\[{,]")
_BLOCK_INDICATORS = re.compile(r"[-:?]")


_gc_lock = threading.Lock()
_gc_holders = 0
_gc_was_enabled = True


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the whole process (nestable, thread-safe).

    Reading a large file builds millions of small objects, none of them in a reference cycle, and each
    collection walks the young ones again: loading and building the graph of a 1,000-role framework takes
    about twice as long with the collector running. Pausing it is a decision for whoever owns the process, so
    no function of ``framework`` pauses it on its own: the command line pauses it for its whole run (one user,
    one command), and the app only while it loads the shipped frameworks at start-up, before any session runs
    (``ui.data.preload``). In a server, pausing it during one person's upload would pause it for every other
    session too.
    """
    global _gc_holders, _gc_was_enabled
    with _gc_lock:
        if _gc_holders == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_holders += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_holders -= 1
            if _gc_holders == 0 and _gc_was_enabled:
                gc.enable()


def cap_problems(problems: list[Problem]) -> list[Problem]:
    """The first ``MAX_PROBLEMS`` problems, and one more saying how many others there were.

    A hostile upload of half a megabyte can hold 250,000 problems: listing them all would cost hundreds of
    megabytes here and tens of megabytes of text on the page, and help no one. Notes already saying that
    problems were left out (code ``too-many-problems``) are kept.
    """
    notes = [p for p in problems if p.code == "too-many-problems"]
    rest = [p for p in problems if p.code != "too-many-problems"]
    if len(rest) <= MAX_PROBLEMS:
        return problems
    kept, dropped = rest[:MAX_PROBLEMS], rest[MAX_PROBLEMS:]
    note = Problem(
        f"… and {plural(len(dropped), 'more problem')}, not listed: fix these first",
        file=kept[0].file,
        severity="error" if any(p.severity == "error" for p in dropped) else "warning",
        code="too-many-problems",
    )
    return [*kept, *notes, note]


def node_limit(max_bytes: int) -> int:
    """The node budget of input read under a size limit of ``max_bytes``.

    ``MAX_NODES`` for files from disk; less for smaller limits (an upload of 2 MiB may hold 131,072 nodes),
    but never under ``MIN_NODES``. A dense file of tiny values costs some 350 bytes of memory per node while
    it is read, and as much again per problem when each value is wrong, so this keeps a small upload cheap:
    at worst some 2 s and 200 MiB, where 262,144 nodes cost 350 MiB.
    """
    if max_bytes >= MAX_BYTES:
        return MAX_NODES
    return min(MAX_NODES, max(MIN_NODES, max_bytes // BYTES_PER_NODE))


_TAG = "tag:yaml.org,2002:"
_MERGE = _TAG + "merge"
_KINDS = {
    "int": "a whole number",
    "float": "a number",
    "bool": "a yes/no value",
    "timestamp": "a date",
    "null": "null",
    "set": "a set",
    "omap": "an ordered map",
    "pairs": "pairs",
    "map": "a mapping",
    "seq": "a list",
    "str": "text",
}
#: What PyYAML's constructors raise (besides YAMLError) for a value its tag cannot hold.
_CONVERSION_ERRORS = (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError)


def _bad_value(node, exc: BaseException) -> yaml.constructor.ConstructorError:
    tag = node.tag or ""
    kind = _KINDS.get(tag.removeprefix(_TAG), tag)
    reason = ""
    if "digits" in str(exc):
        reason = " (it has more than 4,000 digits)"
    elif kind == "a date" and isinstance(exc, ValueError) and "does not match" not in str(exc):
        reason = f" ({_one_line(exc)[:80]})"  # e.g. "month must be in 1..12"
    if isinstance(node, yaml.ScalarNode):
        shown = repr(node.value) if len(node.value) <= 40 else repr(node.value[:37]) + "..."
        problem = f"{shown} cannot be read as {kind}{reason}; put it in quotes if it is text"
    else:
        problem = f"this {type(node).__name__.removesuffix('Node').lower()} cannot be read as {kind}{reason}"
    return yaml.constructor.ConstructorError(None, None, problem, node.start_mark)


def _construct_int(loader, node):
    """An integer small enough to print: Python refuses to turn one of over 4,300 digits into text.

    The length is checked first: PyYAML reads ``1:00:00:…`` (base 60) digit by digit, in quadratic time.
    """
    if isinstance(node.value, str) and len(node.value) > MAX_INT_CHARS:
        raise ValueError("more than 4,000 digits")
    value = _SafeLoader.construct_yaml_int(loader, node)
    if value.bit_length() > MAX_INT_BITS:
        raise ValueError("more than 4,000 digits")
    return value


def _guarded_generator(generator, node):
    try:
        yield from generator
    except _CONVERSION_ERRORS as exc:
        raise _bad_value(node, exc) from None


def _guarded(construct):
    """A constructor that turns PyYAML's stray ValueError, KeyError, … into a located ConstructorError."""

    def guarded(loader, node):
        try:
            result = construct(loader, node)
        except _CONVERSION_ERRORS as exc:
            raise _bad_value(node, exc) from None
        return _guarded_generator(result, node) if isinstance(result, GeneratorType) else result

    return guarded


def _no_binary(loader, node):
    raise yaml.constructor.ConstructorError(
        None, None, "binary data (!!binary) is not allowed: write the value as text", node.start_mark
    )


class _Loader(_SafeLoader):
    """The safe loader, plus a record of duplicate mapping keys, and located errors for every bad value."""

    yaml_constructors: ClassVar[dict] = {
        tag: _guarded(construct) for tag, construct in _SafeLoader.yaml_constructors.items()
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[Any, Any]] = []  # (key, mark)
        self.merged = False  # a merge key (<<) rewrote a mapping's nodes while the data was built

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: set = set()
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                    key = (key_node.tag, key_node.value)
                    if key in seen:
                        self.duplicates.append((key_node.value, key_node.start_mark))
                    seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def flatten_mapping(self, node):
        if not self.merged:
            for key_node, _ in node.value:
                if key_node.tag == _MERGE:
                    self.merged = True
                    break
        return super().flatten_mapping(node)


# A set is a mapping with null values (YAML 1.1): read it as one, not as a Python set, which would lose the
# order of a list of text lines and slip past the checks that walk mappings and lists.
_Loader.yaml_constructors[_TAG + "set"] = _guarded(_SafeLoader.yaml_constructors[_TAG + "map"])
_Loader.yaml_constructors[_TAG + "binary"] = _no_binary
_Loader.yaml_constructors[_TAG + "int"] = _guarded(_construct_int)


def read_text(path: str | Path, *, max_bytes: int = MAX_BYTES, name: str | None = None) -> str:
    """Read a UTF-8 text file of at most ``max_bytes``; raise :class:`~framework.errors.InputError` otherwise."""
    name = name or str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise unreadable(exc, name) from None
    return decode(data, name=name, max_bytes=max_bytes)


def unreadable(exc: OSError, name: str) -> InputError:
    """The located error for a file that could not be opened (missing, a folder, not allowed), worded the same
    wherever a file is opened or looked at."""
    if isinstance(exc, IsADirectoryError):
        return InputError.single("is a directory, not a file", file=name, code="unreadable")
    if isinstance(exc, FileNotFoundError):
        return InputError.single("no such file", file=name, code="unreadable")
    return InputError.single(f"cannot read the file: {exc.strerror}", file=name, code="unreadable")


def decode(data: bytes, *, name: str, max_bytes: int = MAX_BYTES) -> str:
    """Decode uploaded or read bytes as UTF-8, within the size limit, with a located error."""
    if len(data) > max_bytes:
        raise InputError.single(f"the file is larger than the {_size(max_bytes)} limit", file=name, code="too-large")
    encoding = _wide_encoding(data)
    if encoding:
        raise InputError.single(
            f"the file is not UTF-8 text: it looks like {encoding}; save it as UTF-8",
            file=name,
            line=1,
            column=1,
            code="encoding",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _line_and_column(data, exc.start, b"\n")
        message = f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be decoded)"
        raise InputError.single(message, file=name, line=line, column=column, code="encoding") from None


_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def _wide_encoding(data: bytes) -> str | None:
    """ "UTF-16" or "UTF-32" when the bytes look like one (a byte-order mark, or NUL bytes between the
    characters of a text that starts in ASCII), so the message can say what to do rather than name a byte."""
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            return encoding
    head = data[:64]
    if len(head) >= 4 and head.count(0) * 2 >= len(head):
        return "UTF-32" if head[1:3] == b"\0\0" or head[:3] == b"\0\0\0" else "UTF-16"
    return None


def parse_yaml(text: str, *, name: str = "<input>", max_nodes: int = MAX_NODES) -> tuple[Any, list[Problem]]:
    """Parse one YAML document safely. Returns the data and any duplicate-key problems.

    Raises :class:`~framework.errors.InputError` for a syntax error, a bad value or a document over the limits.
    """
    _check_unicode(text, name)
    return _parse(text, name, max_nodes)


def parse_yaml_document(
    text: str, *, name: str = "<input>", max_nodes: int = MAX_NODES
) -> tuple[Any, list[Problem], Any]:
    """:func:`parse_yaml`, plus the composed document to pass to :func:`locate` as ``root``.

    Locating problems needs the document's nodes; reusing the ones the parse built saves composing the whole
    text again (a third of the load of a large framework that has warnings). ``root`` is None when the
    nodes cannot be reused: merge keys (``<<``) rewrite the mappings they sit in while the data is built.
    """
    _check_unicode(text, name)
    return _parse_document(text, name, max_nodes)


def _parse(text: str, name: str, max_nodes: int) -> tuple[Any, list[Problem]]:
    data, problems, _ = _parse_document(text, name, max_nodes)
    return data, problems


def _parse_document(text: str, name: str, max_nodes: int) -> tuple[Any, list[Problem], Any]:
    _check_limits(text, name, max_nodes)
    loader = _Loader(text)
    root = None
    try:
        root = loader.get_single_node()  # what get_single_data does, in two steps, to keep the nodes
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        raise InputError([_yaml_problem(exc, name)], summary="the file is not valid YAML") from None
    except yaml.YAMLError as exc:  # e.g. a ReaderError for a control character
        problem = Problem(f"not valid YAML: {_one_line(exc)}", file=name, code="yaml-syntax")
        position = getattr(exc, "position", None)
        if position is not None:
            line = text.count("\n", 0, position) + 1
            column = position - (text.rfind("\n", 0, position) + 1) + 1
            problem = Problem(problem.message, file=name, line=line, column=column, code="yaml-syntax")
        raise InputError([problem], summary="the file is not valid YAML") from None
    except RecursionError:  # pragma: no cover - the depth check runs first
        raise InputError.single("the document is nested too deeply", file=name, code="too-deep") from None
    except _CONVERSION_ERRORS as exc:  # pragma: no cover - every constructor is guarded; this is the backstop
        raise InputError.single(f"not valid YAML data: {_one_line(exc)}", file=name, code="yaml-value") from None
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
    if loader.merged:  # merge keys moved nodes around: the document no longer reads as the text does
        root = None
    return data, problems, root


def locate(text: str, paths: Sequence[Sequence[PathPart]], *, root: Any = None) -> list[tuple[int, int] | None]:
    """Find the 1-based (line, column) of each field path in the document (None where it cannot be found).

    Used only when there are problems to report, so the ordinary load pays nothing for it. The keys of each
    mapping visited are indexed once, so thousands of problems in one large mapping stay linear. ``root``,
    the document :func:`parse_yaml_document` composed from ``text``, saves composing it again.
    """
    if not paths:
        return []
    if root is None:
        try:
            root = yaml.compose(text, Loader=_SafeLoader)
        except (yaml.YAMLError, *_CONVERSION_ERRORS):
            return [None] * len(paths)
    index: dict[int, dict[str, tuple[Any, Any]]] = {}
    return [_locate_one(root, path, index) for path in paths]


def _keys(node, index: dict[int, dict[str, tuple[Any, Any]]]) -> dict[str, tuple[Any, Any]]:
    keys = index.get(id(node))
    if keys is None:
        keys = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                keys.setdefault(key_node.value, (key_node, value_node))  # the first, as the old scan found
        index[id(node)] = keys
    return keys


def _locate_one(node, path: Sequence[PathPart], index: dict) -> tuple[int, int] | None:
    if node is None:
        return None
    mark = node.start_mark
    for part in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            found = _keys(node, index).get(str(part))
            if found is not None:
                mark = found[0].start_mark
                child = found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            child = node.value[part]
            mark = child.start_mark
        if child is None:
            break  # the deepest existing node is the best place to point at (e.g. a missing field)
        node = child
    return mark.line + 1, mark.column + 1


def _check_unicode(text: str, name: str) -> None:
    """Text with a lone surrogate (possible in a ``str``, never in UTF-8) is a located problem, not a crash."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line, column = _line_and_column(text, exc.start, "\n")
        message = f"the text holds U+{ord(text[exc.start]):04X}, half of a surrogate pair, which is not a character"
        raise InputError.single(message, file=name, line=line, column=column, code="encoding") from None


def _check_limits(text: str, name: str, max_nodes: int = MAX_NODES) -> None:
    """Reject nesting over MAX_DEPTH and more than ``max_nodes`` nodes (aliases expanded) before the parser
    builds anything: the walk streams events, so it costs time but almost no memory."""
    has_anchor = _has_anchor(text)
    if not has_anchor and 2 * len(text) + 2 <= max_nodes and _depth_upper_bound(text) <= MAX_DEPTH:
        return  # every node takes at least half a character, so the text cannot hold more
    depth = nodes = 0
    aliases = False
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
                aliases = True
            if nodes > max_nodes:
                message = (
                    f"the document expands to more than {max_nodes:,} nodes (too many aliases)"
                    if aliases
                    else f"the document holds more than {max_nodes:,} values (scalars, lists and mappings), far "
                    "more than a file of this size needs"
                )
                raise _limit(message, event, name, "too-many-nodes")
    except yaml.MarkedYAMLError as exc:
        raise InputError([_yaml_problem(exc, name)], summary="the file is not valid YAML") from None
    except yaml.YAMLError:
        return  # reported, with its position, by the real parse


def _has_anchor(text: str) -> bool:
    """``_ANCHOR.search(text) is not None``, some fifty times faster: that pattern starts with an alternation,
    so the regex engine tries it at every character; here only the ampersands are visited. (Matches cannot
    hide in overlaps: an ``&`` right after another ``&`` never has the space, bracket or comma before it.)"""
    if "&" not in text:
        return False
    for match in _AMPERSAND.finditer(text):
        start = match.start()
        if start == 0 or _BEFORE_ANCHOR.match(text, start - 1):
            return True
    return False


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


def _limit(message: str, event, name: str, code: str) -> InputError:
    mark = event.start_mark
    return InputError(
        [Problem(message, file=name, line=mark.line + 1, column=mark.column + 1, code=code)],
        summary="the file is over a safety limit",
    )


def _at(mark) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}"


def _plain_words(exc: yaml.MarkedYAMLError):
    """What a YAML syntax error means for the person who wrote the file, and where to look: the place to fix,
    which for an unclosed quote is where it opens, not the end of the file the parser reached. None where the
    parser's own words are the best there is."""
    context, problem = exc.context or "", exc.problem or ""
    start, found = exc.context_mark, exc.problem_mark
    if "quoted scalar" in context and start is not None:
        return "a quoted text starts here and its closing quote is missing", start
    if "mapping values are not allowed" in problem:
        return "a second ': ' on one line: put a text that holds ': ' in quotes", found
    if "tab character" in problem or "'\\t'" in problem:
        return "a tab character: YAML indents with spaces only", found
    if "could not find expected ':'" in problem and start is not None:
        return "a line with no 'name: value' where one was expected (a missing colon?)", start
    if "expected <block end>" in problem or "expected '-' indicator" in problem:
        since = f" of the block that starts at {_at(start)}" if start is not None else ""
        return f"this line's indentation does not line up with the lines{since}", found
    if "flow sequence" in context or "flow mapping" in context:
        opened = f" at {_at(start)}" if start is not None else ""
        return f"a list or mapping in brackets opened{opened} is not closed as expected here", found
    return None


def _yaml_problem(exc: yaml.MarkedYAMLError, name: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    parts = [p for p in (exc.context, exc.problem) if p]
    message = "; ".join(parts) or "invalid YAML"
    kind = "YAML value" if isinstance(exc, yaml.constructor.ConstructorError) else "YAML syntax"
    if exc.problem and "could not determine a constructor" in exc.problem:
        message = f"tag not allowed: {exc.problem.split('for the tag')[-1].strip()} (only plain YAML data is read)"
    elif kind == "YAML syntax":
        plain = _plain_words(exc)
        if plain is not None and plain[1] is not None:
            message = f"{plain[0]} (the YAML reader says: {message})"
            mark = plain[1]
    return Problem(
        f"{kind}: {message}",
        file=name,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
        code="yaml-syntax",
    )


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):g} MiB" if n >= 1024 * 1024 else f"{n / 1024:g} KiB"


def _line_and_column(text, offset: int, newline) -> tuple[int, int]:
    """The line and column (both from 1) of ``offset`` in ``text`` (bytes or str, with its ``newline``)."""
    return text.count(newline, 0, offset) + 1, offset - (text.rfind(newline, 0, offset) + 1) + 1
