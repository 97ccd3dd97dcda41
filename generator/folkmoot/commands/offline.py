"""`folkmoot offline SITE`: a built site made to be opened from disk.

A pull request's preview is a zip of the built site. Unzipped and opened from
disk, a link to `assemblies/` shows the browser's folder listing, because only a
web server turns a folder into its `index.html`. This writes `index.html` into
every relative link that ends in a folder, in every page of the copy, so the
preview reads like the site. The published site is never made this way.
"""

from __future__ import annotations

import re
from pathlib import Path

# a relative link or source: not absolute (/x, //host, scheme:), ending in a folder's slash
LINK = re.compile(r'(\s(?:href|src)=")((?![a-zA-Z][a-zA-Z0-9+.-]*:|/)[^"?#]*/|(?:\.\.?/)*\.\.?)((?:[?#][^"]*)?)"')


def _with_index(match: re.Match) -> str:
    path = match[2] if match[2].endswith("/") else match[2] + "/"
    return f'{match[1]}{path}index.html{match[3]}"'


def make_offline(site: Path) -> int:
    """Rewrite the links of every page under `site`; give back how many pages changed."""
    site = site.resolve()
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site} holds no built site (no index.html); run `folkmoot build` first.")
    changed = 0
    for page in sorted(site.rglob("*.html")):
        if page.is_symlink() or not page.resolve().is_relative_to(site):
            continue
        text = page.read_text(encoding="utf-8", errors="surrogateescape")
        made = LINK.sub(_with_index, text)
        if made != text:
            page.unlink()  # a page may be a link into the cache: replace it, never write through it
            page.write_text(made, encoding="utf-8", errors="surrogateescape")
            changed += 1
    return changed
