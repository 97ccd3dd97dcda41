"""What `check` says about `content/`, the hand-written pages and their pictures.

A picture there is published by MkDocs as it is, and is in the (usually
public) repository from the moment it is pushed, so it gets the same
questions as a record's photo. And a hand-written page where folkmoot makes
pages from the records (`assemblies/`, `themes/`, ...) would be replaced by
them without a word, so it is refused.
"""

from __future__ import annotations

from pathlib import Path

from folkmoot.problems import Problems
from folkmoot.records.photo_privacy import FIX, MAX_SIDE, inspect, listed
from folkmoot.records.record_files import IMAGE_SUFFIXES
from folkmoot.views import urls

CONTENT = "content"
# the folders whose every page folkmoot writes from the records
GENERATED = tuple(folder.rstrip("/") for folder in (urls.ASSEMBLIES, urls.OUTCOMES, urls.THEMES, urls.RESPONSES,
                                                    urls.DATA, "feeds/"))
PAGE_SUFFIXES = (".md", ".markdown")


def content_images(root: Path) -> list[Path]:
    folder = root / CONTENT
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file())


def needs_cleaning(path: Path) -> tuple[list[str], int] | None:
    """(the private details, the long side) of a picture the site must not publish as it
    is, or None when it may be published as it is (or cannot be read: MkDocs copies it)."""
    try:
        details, side = inspect(path)
    except Exception:  # Pillow raises several kinds for a file that is not a picture it can read
        return None
    return (details, side) if details or side > MAX_SIDE else None


def check_content(root: Path, public: bool, problems: Problems) -> None:
    folder = root / CONTENT
    if not folder.is_dir():
        return
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in PAGE_SUFFIXES and p.is_file()):
        relative = path.relative_to(folder).as_posix()
        first = relative.rsplit(".", 1)[0].split("/")[0]
        if first in GENERATED:
            problems.error(f"{CONTENT}/{relative}", 0, f"folkmoot makes every page under `{first}/` from the records, "
                           "so this hand-written page would be replaced by them or clash with one.",
                           f"Move it out of `{CONTENT}/{first}` (e.g. to `{CONTENT}/about-{first}.md`) and link to it.")
    report = problems.error if public else problems.warning
    for path in content_images(root):
        found = needs_cleaning(path)
        if found is None:
            continue
        shown = path.relative_to(root).as_posix()
        details, side = found
        if details:
            where = "the repository is public, so anyone can read them now" if public else \
                "the site publishes a clean copy, but everyone who can see the repository can read them"
            report(shown, 0, f"This picture still carries {listed(details)}: {where}.", FIX.format(path=shown))
        if side > MAX_SIDE:
            report(shown, 0, f"This picture is {side:,} pixels on its long side, far more than a page can use, "
                   "and it makes the repository slow to download.", FIX.format(path=shown))
