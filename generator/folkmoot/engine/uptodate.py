"""Whether a build would make exactly the site the last one made, as `make` knows a target
is up to date: then `folkmoot build` keeps that site and does nothing.

A build depends on the project's files (records, pages, templates, settings), folkmoot's
own code and the packages it uses, the day ("today" decides upcoming and overdue) and a
few settings from outside. The stamp of the last good build says all of that by each
file's name, size and times (never its contents: nothing is read), and says what the site
folder held when that build finished. Both must match, or the build runs in full: an
edited record, a new day, a newer folkmoot, or a site folder someone touched.

The stamp lives in the kept-work cache, which anyone may delete. It can only ever keep a
site that a full build made from these same inputs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from folkmoot.engine.cache import code_digest, digest, versions

STAMP = "last-build.json"
# what a project holds that no build reads: version control, caches, environments
SKIPPED = {"node_modules", "__pycache__", "venv", "wheels"}
PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown", "Jinja2", "PyYAML", "Pillow", "Babel",
            "pagefind", "pagefind-bin", "python-docx", "odfpy", "segno", "img2pdf", "cmarkgfm", "nh3", "icalendar", "pandas")


def _listing(folder: Path, skip: Path | None = None):
    """(relative path, size, modified, inode) of every file under `folder`, in a fixed order."""
    stack = [folder]
    while stack:
        current = stack.pop()
        with os.scandir(current) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_dir(follow_symlinks=False):
                    path = Path(entry.path)
                    if entry.name.startswith(".") or entry.name in SKIPPED or path == skip:
                        continue
                    stack.append(path)
                else:
                    st = entry.stat(follow_symlinks=False)
                    yield f"{Path(entry.path).relative_to(folder).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}"


def inputs(root: Path, target: Path, settings: tuple[str, ...]) -> str:
    """Everything a build of `root` into `target` is made from, as one digest."""
    return digest("inputs v1", code_digest(), versions(*PACKAGES), str(target), *settings,
                  *_listing(root, skip=target))


def site_state(target: Path) -> str:
    try:
        return digest("site v1", *_listing(target))
    except OSError:
        return ""


def unchanged(cache_folder: Path, key: str, target: Path) -> list[str] | None:
    """The warnings the last build printed, when it was made from `key` and its site is as it
    left it; None when a build must run."""
    try:
        stamp = json.loads((cache_folder / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stamp, dict) or stamp.get("inputs") != key or not isinstance(stamp.get("warnings"), list):
        return None
    if stamp.get("site") != site_state(target) or not (target / "index.html").is_file():
        return None
    return [str(w) for w in stamp["warnings"]]


def remember(cache_folder: Path, key: str, target: Path, warnings: list[str]) -> None:
    """After a good build: what it was made from, and what the site folder holds now."""
    try:
        cache_folder.mkdir(parents=True, exist_ok=True)
        tmp = cache_folder / f".{STAMP}.{os.getpid()}"
        tmp.write_text(json.dumps({"inputs": key, "site": site_state(target), "warnings": warnings}),
                       encoding="utf-8")
        os.replace(tmp, cache_folder / STAMP)
    except OSError:
        pass  # no stamp: the next build runs in full


def forget(cache_folder: Path) -> None:
    try:
        (cache_folder / STAMP).unlink()
    except OSError:
        pass
