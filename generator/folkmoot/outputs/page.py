"""What outputs produce: a generated Markdown `Page`, or an `Asset` file, and the
`Artifact` protocol by which each kind of output plans them.

Like Lektor's build programs, an artifact names where it is published, the
records it is made from, and how to make it; `kept.Kept` then reuses what an
earlier build made from the same records.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Protocol


@dataclass(frozen=True)
class Page:
    """A generated Markdown page: `src_uri` like 'assemblies/<slug>/index.md'.

    Our templates are mostly finished HTML between Markdown headings. Markdown
    would re-parse every tag of that HTML, which was the largest cost of a big
    build, so each HTML block is set aside in `fragments` and left in the
    Markdown as a placeholder; `restore` puts it back into the converted HTML.
    """

    src_uri: str
    markdown: str
    fragments: tuple[str, ...] = ()
    nonce: str = ""
    searchable: bool = True  # lists of what other pages say, and evidence (the recap's words again), are left out of search
    language: str = ""  # the page's language when all of it is in one other than the site's (evidence documents)

    def restore(self, html: str) -> str:
        if not self.fragments:
            return html
        found = []

        def put(m):
            if m.group(1) != self.nonce:
                return m.group(0)
            found.append(1)
            return self.fragments[int(m.group(2))]
        restored = _STASH.sub(put, html)
        count = len(found)
        if count != len(self.fragments):
            raise ValueError(f"{self.src_uri}: {count} of {len(self.fragments)} HTML blocks came back from Markdown")
        return restored


BLOCK_HTML = re.compile(r"^<(div|table|ul|ol|p|figure|article|section|dl|nav|aside|form|details)[\s>]")


_STASH = re.compile(r"<p>fm-stash-([0-9a-f]{16})-(\d+)</p>")


def _stash_mark(nonce: str) -> re.Pattern:
    return re.compile(rf"<p>fm-stash-{nonce}-(\d+)</p>")


def stash_html(text: str) -> tuple[str, tuple[str, ...], str]:
    """Replace each block-level HTML block (no blank lines inside) with a placeholder.

    The placeholder carries a digest of the page, so text in a record cannot
    forge one; record text cannot end a block either (see `templates.one_line`)."""
    nonce = hashlib.sha256(text.encode()).hexdigest()[:16]
    fragments: list[str] = []
    blocks = text.split("\n\n")
    for i, block in enumerate(blocks):
        if BLOCK_HTML.match(block):
            fragments.append(block.strip("\n"))
            blocks[i] = f"fm-stash-{nonce}-{len(fragments) - 1}"  # a plain paragraph: cheapest for Markdown
    return "\n\n".join(blocks), tuple(fragments), nonce


def page_json(page: Page) -> bytes:
    return json.dumps({"src_uri": page.src_uri, "markdown": page.markdown, "fragments": list(page.fragments),
                       "nonce": page.nonce, "searchable": page.searchable, "language": page.language},
                      ensure_ascii=False).encode("utf-8")


def page_from_json(data: bytes) -> Page:
    kept = json.loads(data)
    return Page(kept["src_uri"], kept["markdown"], tuple(kept["fragments"]), kept["nonce"], kept["searchable"],
                kept["language"])


@dataclass(frozen=True)
class Asset:
    """A file published alongside the pages. Nothing is copied as it is: even photos are made anew."""

    dest_uri: str
    content: str | bytes | Path  # a Path: a file the cache folder keeps (see `Cache.file`)


@dataclass(frozen=True)
class Artifact:
    """One thing an output publishes: where, from which records, and how it is made.

    `sources` are the records (or outcomes, whose records count) it is made from;
    None means every published record. `also`: what else it is made from besides
    them and the site's settings (a build's timestamp, say). What an earlier build
    made from the same sources is reused (see `kept.Kept`). `together`: artifacts that
    share work (a digest's page, files and feed, one email) and are made in one
    process; by default, what is published in one folder is (see `Publication.made`)."""

    dest: str
    make: Callable[[], Page]
    sources: tuple | None = None
    also: tuple[str, ...] = ()
    together: str = ""


class Output(Protocol):
    """A kind of output (recaps, theme pages, ...): it plans its artifacts, and the
    facade (`publication.Publication`) makes or reuses each."""

    def artifacts(self) -> Iterable[Artifact]: ...
