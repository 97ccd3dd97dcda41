"""How much real work a build did: catalogues parsed, templates rendered, QR codes
encoded, cards drawn, photos encoded, documents written.

Stages report here as they do the work (`done("qr code")`), never when they
reuse it. A test builds, changes one record, builds again and reads the tally:
a regression (work made again that should have been kept) fails on any
machine, however fast, where a timed test would drift with it. The benchmark
prints the same tally beside its seconds.

A forked worker's tally is a copy; `Cache.tracked` carries what it did back
to the process that started it (see `take` and `add`).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

# What each kind counts, in the words a report prints.
KINDS = {
    "catalogue": "translation catalogues parsed",
    "template": "templates rendered",
    "qr": "QR codes encoded",
    "card": "share cards drawn",
    "slide": "social media slides drawn",
    "photo": "photos encoded",
    "document": "Word and OpenDocument files written",
    "page": "generated pages made",
    "conversion": "generated pages converted to HTML by MkDocs",
    "theme page": "generated pages rendered in the theme by MkDocs",
    "search index": "search indexes made",
}

_tally: Counter = Counter()


def done(kind: str, n: int = 1) -> None:
    """Say that `n` pieces of work of `kind` (one of KINDS) were just done, not reused."""
    _tally[kind] += n


def tally() -> dict[str, int]:
    """Everything done in this process (and added from its workers) so far."""
    return {kind: _tally[kind] for kind in KINDS}


def since(before: dict[str, int]) -> dict[str, int]:
    """What was done after `before` (an earlier `tally()`)."""
    now = tally()
    return {kind: now[kind] - before.get(kind, 0) for kind in KINDS}


def add(counts: dict[str, int]) -> None:
    """Add what a worker process did (its `since`) to this process's tally."""
    for kind, n in counts.items():
        _tally[kind] += n


def take() -> dict[str, int]:
    """The tally so far, leaving it at zero: `Cache.tracked` sets the caller's work
    aside while a piece of work runs, so what that piece did can travel back from a
    forked worker, and is counted once either way."""
    taken = tally()
    _tally.clear()
    return taken


def summary(counts: dict[str, int]) -> str:
    """One line for the build's log: "2 translation catalogues parsed, 40 templates rendered, ..."."""
    return ", ".join(f"{counts.get(kind, 0)} {words}" for kind, words in KINDS.items())


def write_report(path: Path, counts: dict[str, int]) -> None:
    """The tally as JSON, for `folkmoot build --work-report` (tests and the benchmark read it)."""
    path.write_text(json.dumps(counts, indent=1, sort_keys=True) + "\n", encoding="utf-8")
