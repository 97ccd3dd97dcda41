"""`folkmoot digest --since DATE`: the newsletter digest for any stretch of days up to today,
as email-ready HTML or plain text on standard output, for a newsletter that is not monthly."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from folkmoot.commands.review import checked_site


def print_digest(root: Path, since: str, output_format: str) -> int:
    from folkmoot.outputs.digests import Digests, as_text
    from folkmoot.outputs.publication import Publication
    from folkmoot.views.digest import digest_for

    try:
        first = dt.date.fromisoformat(since)
    except ValueError:
        print(f"folkmoot digest: --since {since}: write the day as year-month-day, e.g. 2026-06-01.", file=sys.stderr)
        return 2
    checked = checked_site(root, "digest")
    if checked is None:
        return 1
    project, site = checked
    if not project.site_url:
        print("folkmoot digest: set `site_url` in mkdocs.yml first: an email's links must lead to the site.",
              file=sys.stderr)
        return 1
    if first > site.today:
        print(f"folkmoot digest: {first} has not come yet (today is {site.today}).", file=sys.stderr)
        return 1
    publication = Publication(site, [root / "templates"], base_url=project.site_url)
    email = Digests(publication.plan, publication.templates).email(digest_for(site, first, site.today))
    print(email if output_format == "html" else as_text(email), end="")
    return 0
