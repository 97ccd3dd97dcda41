"""`folkmoot init DIR --name "..."`: a new organisation's own site, in minutes.

The new repository holds no generator code: folkmoot comes from the
package at the version in its requirements.txt, and the guides come with
it (a site may still put its own copy in content/guides/). What it holds is
the organisation's: settings to fill in, a home page, one draft record, a
folder for template overrides, and the GitHub workflows that check, build
and publish it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jinja2

from folkmoot import __version__
from folkmoot.resources import SKELETON
from folkmoot.commands.new import new_assembly
from folkmoot.records.yamlload import forbidden_character

# skeleton file -> where it goes in the new site (templates lose their .j2)
PLACES = {"gitignore": ".gitignore", "github/site.yml": ".github/workflows/site.yml",
          "github/dependabot.yml": ".github/dependabot.yml"}


class InitError(Exception):
    """Why no site was made, worded for the person running init."""


def _files(folder, prefix: str = ""):
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            yield from _files(entry, f"{prefix}{entry.name}/")
        elif not entry.name.startswith(("__", ".")):
            yield f"{prefix}{entry.name}", entry


def init_site(dest: Path, name: str, today: dt.date | None = None) -> list[str]:
    """Write a new site into `dest` (missing or empty); return the files written."""
    name = " ".join(name.split())
    if re.search(r"[<>]", name):
        raise InitError("the organisation's name may not contain < or >; write it as plain words.")
    if not name or len(name) > 100 or forbidden_character(name):
        raise InitError('give the organisation\'s name (up to 100 characters), e.g. --name "Riverside Climate Hub".')
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise InitError(f"{dest} is not empty; nothing was written. Choose a new folder name.")
    day = today or dt.date.today()
    slug = f"{day.isoformat()}-example"
    values = {"name": name, "name_yaml": json.dumps(name, ensure_ascii=False), "version": __version__,
              "example_slug": slug}
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    written = []
    for rel, entry in _files(SKELETON):
        target = PLACES.get(rel, rel.removesuffix(".j2"))
        text = entry.read_text(encoding="utf-8")
        if rel.endswith(".j2"):
            text = env.from_string(text).render(**values)
        path = dest / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(target)
    new_assembly(dest, "Example: People's Assembly on Heat", day.isoformat(), slug)
    written.append(f"assemblies/{slug}/assembly.yml")
    return sorted(written)
