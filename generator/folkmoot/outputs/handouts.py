"""What is handed out and pinned up: an A4 poster for every upcoming assembly, with a QR
code to register, and a one-page summary of every past one (what was asked, what the room
agreed, what has happened since) for the next assembly's tables.

Each is a standalone HTML page beside the recap (`poster.html`, `summary.html`), made to
print on one sheet: no theme, no script, nothing from elsewhere, in the site's language."""

from __future__ import annotations

import functools
from typing import Iterator

from folkmoot.outputs.page import Artifact
from folkmoot.outputs.plan import SitePlan
from folkmoot.outputs.templates import Templates
from folkmoot.records.model import Assembly
from folkmoot.views import urls

POSTER, SUMMARY = "poster.html", "summary.html"


def handout_of(assembly: Assembly, today) -> str:
    """The file beside a recap that prints it: a poster before the day, a summary after."""
    return POSTER if assembly.is_upcoming(today) else SUMMARY


class Handouts:
    def __init__(self, plan: SitePlan, templates: Templates):
        self.plan = plan
        self.templates = templates

    def artifacts(self) -> Iterator[Artifact]:
        site = self.plan.site
        for a in site.assemblies:
            name = handout_of(a, site.today)
            yield Artifact(f"{urls.recap(a.slug)}{name}", functools.partial(self.make, a, name), (a,))

    def make(self, a: Assembly, name: str) -> str:
        folder = urls.recap(a.slug)
        address = f"{self.plan.base_url}{folder}" if self.plan.base_url else ""
        return self.templates.render(name + ".j2", page_url=folder, a=a, address=address, kind=name.split(".")[0],
                                     target=a.registration or address)
