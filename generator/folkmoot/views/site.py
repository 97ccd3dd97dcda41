"""Views across published assemblies: upcoming and past, themes, the outcomes tracker.

Drafts are dropped here, once, so that nothing downstream can publish them.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from dataclasses import dataclass, field

from folkmoot.records.model import STATUSES, Assembly, Outcome
from folkmoot.records.project import Project
from folkmoot.text.slugs import slugify


@dataclass
class Theme:
    slug: str
    name: str
    assemblies: list[Assembly] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)


@dataclass
class Site:
    """Everything the templates need, computed once per build."""

    project: Project
    today: dt.date
    upcoming: list[Assembly]  # soonest first
    past: list[Assembly]  # newest first
    themes: dict[str, Theme]  # by slug, sorted by name
    outcomes: list[Outcome]  # every published outcome, newest assembly first

    @property
    def assemblies(self) -> list[Assembly]:
        return self.upcoming + self.past

    @property
    def next_assembly(self) -> Assembly | None:
        return self.upcoming[0] if self.upcoming else None

    def latest_outcomes(self, n: int = 5) -> list[Outcome]:
        """Outcomes with the most recent news first (last update, else the assembly's date)."""
        def when(o: Outcome) -> tuple:
            last = o.last_update.date if o.last_update else o.assembly.date
            return (last, o.assembly.date, o.assembly.slug, o.id)
        return sorted(self.outcomes, key=when, reverse=True)[:n]

    @functools.cached_property
    def bodies(self):
        """Every body asked anything (accountability.Body), by the slug of its page."""
        from folkmoot.views.accountability import bodies_of

        return bodies_of(self.outcomes, self.project.settings, self.today, own=self.project.organisation.name)

    @functools.cached_property
    def _asks(self) -> dict[tuple[str, str], list]:
        found: dict[tuple[str, str], list] = {}
        for body in self.bodies.values():
            for ask in body.asks:
                found.setdefault((ask.outcome.assembly.slug, ask.outcome.id), []).append(ask)
        return found

    def asks_in(self, assembly: Assembly) -> bool:
        """Whether any outcome of `assembly` was sent to a body: its counts depend on the day."""
        return any(self.asks(o) for o in assembly.outcomes)

    def asks(self, outcome: Outcome) -> list:
        """Each body this outcome was sent to, with its answer or how late it is (accountability.Ask)."""
        return self._asks.get((outcome.assembly.slug, outcome.id), [])

    def body_of(self, name: str):
        canonical = self.project.settings.canonical(name)
        return next((b for b in self.bodies.values() if b.name == canonical), None)

    def longest_overdue(self, n: int = 5) -> list:
        overdue = [a for b in self.bodies.values() for a in b.asks if a.state in ("overdue", "long-overdue")]
        return sorted(overdue, key=lambda a: (-a.days, a.body, a.outcome.id))[:n]

    def status_counts(self, outcomes: list[Outcome] | None = None) -> list[tuple[str, int]]:
        counts = Counter(o.current_status for o in (self.outcomes if outcomes is None else outcomes))
        return [(s, counts[s]) for s in STATUSES if counts[s]]


def build_site(project: Project, today: dt.date) -> Site:
    published = [a for a in project.assemblies if not a.draft]
    upcoming = sorted((a for a in published if a.is_upcoming(today)), key=lambda a: (a.date, a.slug))
    past = sorted((a for a in published if not a.is_upcoming(today)), key=lambda a: (a.date, a.slug), reverse=True)
    outcomes = [o for a in upcoming + past for o in a.outcomes]

    themes: dict[str, Theme] = {}
    def theme(name: str) -> Theme:
        slug = slugify(name)
        return themes.setdefault(slug, Theme(slug=slug, name=name.strip().lower()))
    for a in upcoming + past:
        # a set per record: "flooding" and "Flooding" are one theme, listed once
        for slug in dict.fromkeys(slugify(name) for name in a.themes):
            theme(next(n for n in a.themes if slugify(n) == slug)).assemblies.append(a)
        for o in a.outcomes:
            for slug in dict.fromkeys(slugify(name) for name in o.themes):
                theme(next(n for n in o.themes if slugify(n) == slug)).outcomes.append(o)
    ordered = dict(sorted(themes.items(), key=lambda kv: kv[1].name))
    return Site(project=project, today=today, upcoming=upcoming, past=past, themes=ordered, outcomes=outcomes)
