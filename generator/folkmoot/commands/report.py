"""`folkmoot report --from --to`: a progress report for any period, as .docx and .odt.

The site publishes one per period when `reports:` is set; this makes one for a
committee, a funder or a board meeting, for whatever dates they ask about. Both
days must have come: a report tells of what had happened by its end."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from folkmoot.commands.review import checked_site
from folkmoot.documents import office, reports
from folkmoot.views.progress import edition


def write_report(root: Path, start: str, end: str, out: Path | None, force: bool = False) -> int:
    try:
        first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except ValueError:
        print(f"folkmoot report: --from {start} --to {end}: write both days as year-month-day, e.g. 2025-11-13.",
              file=sys.stderr)
        return 2
    root = root.resolve()
    checked = checked_site(root, "report")
    if checked is None:
        return 1
    project, site = checked
    if not first < last <= site.today:
        print(f"folkmoot report: the period must start before it ends, and end by today ({site.today}).",
              file=sys.stderr)
        return 1
    doc = reports.for_edition(edition(site, first, last), project.organisation, project.language)
    try:
        stem = office.write_files(doc, (out or root / "reports").resolve(), office.dated(last), project.word_template,
                                  force)
    except office.WouldOverwrite as exc:
        print(f"folkmoot report: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {stem}.docx and .odt: progress from {first} to {last}.")
    return 0
