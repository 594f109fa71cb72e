"""What an import read, what it skipped and why: the account every importer gives of its input.

An importer never drops anything silently. It counts what it read per file and in all (job families,
levels, areas, expectations, examples, links), names each thing it skipped with the reason, and lists the
repairs it made (a quirk of the source it worked around). :meth:`ImportSummary.lines` is what the command line
prints and the app shows, the same words in both.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from ..models import Framework
from ..wording import plural

__all__ = ["ImportResult", "ImportSummary", "Input", "Skipped", "shown"]

#: The counts every summary reports, in this order (an importer may add its own after them).
COUNTED = ("families", "levels", "roles", "areas", "expectations", "examples", "links")
_SINGULAR = {"families": "family", **{k: k[:-1] for k in COUNTED if k != "families"}}


@dataclass(frozen=True)
class Input:
    """One file handed to an importer: its name (never a path: it is shown to people) and its bytes."""

    name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Skipped:
    """Something of the source that is not in the output, and why."""

    where: str  #: "people.md line 204", "row 7", "engineering.yml competency 3"
    what: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what} — {self.reason}"


#: Spaces a message shows as a plain space: no-break, narrow no-break, figure, thin and other Unicode spaces.
_SPACES = dict.fromkeys(
    map(ord, "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u3000"), " "
)


def shown(text: str, most: int | None = 60) -> str:
    """A text of the source quoted in a message: a no-break space (and every other kind of space) shown as the
    space it looks like, never as ``\\xa0``; cut to ``most`` characters with an ellipsis."""
    text = text.translate(_SPACES)
    if most is not None and len(text) > most:
        text = text[: most - 1] + "…"
    return repr(text)


@dataclass
class ImportSummary:
    """The account of one import (filled in while it runs; read once it returns)."""

    source: str  #: what was imported, e.g. "FT job-family files"
    files: list[str] = field(default_factory=list)  #: one line per file read: what it held
    counts: Counter[str] = field(default_factory=Counter)
    skipped: list[Skipped] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)  #: quirks of the source worked around, one line each
    notes: list[str] = field(default_factory=list)  #: decisions worth knowing (levels merged, names taken)

    def skip(self, where: str, what: str, reason: str) -> None:
        self.skipped.append(Skipped(where, what, reason))

    def lines(self) -> list[str]:
        out = [f"{self.source}:"]
        out += [f"  read {line}" for line in self.files]
        totals = [plural(self.counts[k], _SINGULAR.get(k, k)) for k in COUNTED if k in self.counts]
        totals += [plural(n, _SINGULAR.get(k, k)) for k, n in self.counts.items() if k not in COUNTED]
        out.append("in all: " + (", ".join(totals) if totals else "nothing"))
        out.append(f"skipped {len(self.skipped)}" + (":" if self.skipped else " (nothing left out)"))
        out += [f"  {item}" for item in self.skipped]
        if self.repairs:
            out.append(f"repaired {len(self.repairs)}:")
            out += [f"  warning: {line}" for line in self.repairs]
        if self.notes:
            out.append("notes:")
            out += [f"  {line}" for line in self.notes]
        return out


@dataclass(frozen=True)
class ImportResult:
    """A framework made by an importer, with the account of how."""

    framework: Framework
    summary: ImportSummary
    header: tuple[str, ...] = ()  #: comment lines for the top of the written file (source, licence, how to remake)
