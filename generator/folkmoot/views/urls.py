"""Every address folkmoot publishes, in one place.

Addresses are folders inside the site ("assemblies/<slug>/"), relative to
its root, as MkDocs serves them; a page's Markdown source is that folder's
`index.md`. Feeds, open data, letters and the adapter all ask here, so an
address is spelled once.
"""

from __future__ import annotations

import posixpath

ASSEMBLIES = "assemblies/"
OUTCOMES = "outcomes/"
THEMES = "themes/"
RESPONSES = "responses/"
DATA = "data/"
GUIDES = "guides/"
REPORTS = "reports/"
CALENDAR = "calendar.ics"
FEED_ASSEMBLIES = "feeds/assemblies.xml"
FEED_OUTCOMES = "feeds/outcomes.xml"
FEED_ANSWERS = "feeds/answers.xml"


def recap(slug: str) -> str:
    return f"{ASSEMBLIES}{slug}/"


def outcome(slug: str, outcome_id: str) -> str:
    """An outcome's place on its assembly's recap."""
    return f"{recap(slug)}#outcome-{outcome_id}"


def evidence(slug: str, n: int) -> str:
    """The n-th (from 1) evidence submission of an assembly."""
    return f"{recap(slug)}evidence-{n}/"


def theme(slug: str) -> str:
    return f"{THEMES}{slug}/"


def body(slug: str) -> str:
    """One body's page: everything it was asked, and its letter."""
    return f"{RESPONSES}{slug}/"


def report(end: str) -> str:
    """The progress report for the period ending on `end` (YYYY-MM-DD)."""
    return f"{REPORTS}{end}/"


def record_file(slug: str) -> str:
    """A record's YAML file, inside the repository (not the site)."""
    return f"assemblies/{slug}/assembly.yml"


def source(folder: str) -> str:
    """The Markdown source MkDocs knows the page at `folder` by."""
    return f"{folder}index.md"


def folder_of(src_uri: str) -> str:
    """The address of the page made from `src_uri` ('' for the home page), as MkDocs gives
    it with `use_directory_urls`: `x/index.md` is `x/`, and `guides/x.md` is `guides/x/`."""
    folder, name = posixpath.split(src_uri)
    stem = posixpath.splitext(name)[0]
    if stem not in ("index", "README"):
        folder = posixpath.join(folder, stem)
    return f"{folder}/" if folder else ""


def relative_url(from_url: str, to_url: str) -> str:
    """Link from the page at `from_url` (a folder address like 'assemblies/x/') to `to_url`.

    Both are addresses inside the site, so the common leading folders are
    dropped and each remaining folder of `from_url` becomes '../' (much
    cheaper than posixpath.relpath, which pages with long tables call often)."""
    here = from_url.split("/")[:-1] if from_url else []
    there = to_url.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:]) or "./"
