"""`folkmoot new`: a starter record that passes `check`, written as the form editor writes one."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from folkmoot.records.validate import is_valid_slug

FILLER = {"people's", "peoples", "people", "assembly", "on", "the", "a", "an", "of", "and", "for", "in",
          "about", "our", "to", "with"}


class ScaffoldError(Exception):
    """A reason `new` refused, worded for the volunteer."""


def slug_for(title: str, date: dt.date) -> str:
    words = [w for w in re.findall(r"[a-z0-9']+", title.lower()) if w not in FILLER]
    words = [w.replace("'", "") for w in words][:3] or ["assembly"]
    return f"{date.isoformat()}-{'-'.join(words)}"


def new_assembly(root: Path, title: str, date_text: str, slug: str | None = None) -> Path:
    try:
        date = dt.date.fromisoformat(date_text)
    except ValueError:
        raise ScaffoldError(f"`{date_text}` is not a date. Write it as year-month-day, e.g. --date 2025-07-10.") from None
    if not title.strip():
        raise ScaffoldError("The title is empty. Give one in quotes, e.g. \"People's Assembly on Heat\".")
    slug = slug or slug_for(title, date)
    if not is_valid_slug(slug):
        raise ScaffoldError(f"`{slug}` is not a valid folder name. Use lowercase letters, digits and hyphens.")
    base = root / "assemblies"
    folder = base / slug
    if folder.exists():
        raise ScaffoldError(f"assemblies/{slug} already exists; nothing was changed. Edit that record, or choose "
                            "another name with --slug.")
    base.mkdir(exist_ok=True)
    folder.mkdir()
    (folder / "assembly.yml").write_text(starter(" ".join(title.split()), date), encoding="utf-8")
    return folder.relative_to(root) if folder.is_relative_to(root) else folder


# What YAML would read as something other than text, or cannot start a plain value
NOT_PLAIN = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`\s]|: | #|:$|\s$|^(?:true|false|null|~|[-+]?[0-9][0-9._:eE+-]*)$", re.I)


def yaml_text(value: str) -> str:
    """A line of text as the form editor writes it: plain when YAML reads it back as the same
    text, in double quotes otherwise."""
    return json.dumps(value, ensure_ascii=False) if NOT_PLAIN.search(value) or "\n" in value else value


def starter(title: str, date: dt.date) -> str:
    """The new record, as the form at /admin/ would write it (its order, its style, no
    comments), so that its first save there changes nothing. The guide "Writing a record"
    and the form's hints say what else a record can hold."""
    return f"title: {yaml_text(title)}\ndate: {date.isoformat()}\ndraft: true\n"
