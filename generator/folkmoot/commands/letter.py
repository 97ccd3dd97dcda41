"""`folkmoot letter`: a letter to one body, chasing what it has not answered or not finished."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from folkmoot.commands.review import checked_site
from folkmoot.documents import letters, office


def write_letter(root: Path, body_name: str, out: Path | None, force: bool = False) -> int:
    root = root.resolve()
    checked = checked_site(root, "letter")
    if checked is None:
        return 1
    project, site = checked
    body = site.body_of(body_name)
    if body is None:
        names = [b.name for b in site.bodies.values()]
        close = difflib.get_close_matches(body_name, names, n=1, cutoff=0.5)
        hint = f" Did you mean \"{close[0]}\"?" if close else f" Bodies asked: {', '.join(names) or 'none yet'}."
        print(f"folkmoot letter: no published outcome was sent to \"{body_name}\".{hint}", file=sys.stderr)
        return 1
    doc = letters.for_body(body, project.organisation, site.today, project.site_url, project.language)
    try:
        stem = office.write_files(doc, (out or root / "letters").resolve(), office.dated(site.today),
                                  project.word_template, force)
    except office.WouldOverwrite as exc:
        print(f"folkmoot letter: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {stem}.docx and .odt: {len(body.unanswered)} unanswered, to {body.name}.")
    return 0
