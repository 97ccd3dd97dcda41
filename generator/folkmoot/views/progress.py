"""Progress reports: the state of every idea on a past day, worked out from the dated
trail, and what changed between one report and the next.

A report's figures depend only on the records and its end date, so an edition made
again years later says the same: each record is read as it stood on that day
(assemblies held by then, updates and verdicts dated by then, `asked` only once it
has come), and the accountability rules are applied with that day as "today".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from folkmoot.records.model import Assembly, Outcome
from folkmoot.records.settings import Reports, add_months
from folkmoot.views.accountability import OPEN, Ask, bodies_of


def periods(reports: Reports, today: dt.date) -> list[tuple[dt.date, dt.date]]:
    """(start, end) of every period that has ended by `today`, oldest first."""
    found, start, n = [], reports.start, 1
    while (end := add_months(reports.start, reports.months * n)) <= today and n <= 1200:
        found.append((start, end))
        start, n = end, n + 1
    return found


@dataclass(frozen=True)
class Period:
    """A report's number and dates alone: what lists and links need, without working
    out the state of every idea (see `edition`)."""

    number: int
    start: dt.date
    end: dt.date

    @property
    def slug(self) -> str:
        return self.end.isoformat()


def report_periods(site) -> list[Period]:
    """Every report whose period has ended, oldest first (`editions`, without their figures)."""
    reports = site.project.settings.reports
    return [Period(n, start, end) for n, (start, end) in enumerate(periods(reports, site.today), 1)] if reports else []


def outcomes_on(assemblies: list[Assembly], day: dt.date) -> list[Outcome]:
    """Every outcome as its record told of it on `day`: copies, the records untouched."""
    found = []
    for a in assemblies:
        if a.date > day:
            continue
        then = dataclasses.replace(a, outcomes=[])
        for o in a.outcomes:
            copy = dataclasses.replace(o, updates=[u for u in o.updates if u.date <= day],
                                       verdicts=[v for v in o.verdicts if v.date <= day],
                                       asked=o.asked if o.asked and o.asked <= day else None, assembly=then)
            then.outcomes.append(copy)
            found.append(copy)
    return found


@dataclass
class State:
    """Everything a report counts, on one day."""

    day: dt.date
    outcomes: list[Outcome]
    asks: list[Ask]

    @property
    def sent(self) -> list[Ask]:
        return [a for a in self.asks if a.state != "not-sent"]

    def count(self, *states: str) -> int:
        return sum(a.state in states for a in self.asks)

    @property
    def answered(self) -> int:
        return self.count("answered-on-time", "answered-late")

    @property
    def responses(self) -> Counter:
        return Counter(a.answer.response or "answered" for a in self.asks if a.answer)

    @property
    def promises(self) -> Counter:
        return Counter(a.promise.state for a in self.asks if a.promise)

    @property
    def verdicts(self) -> Counter:
        return Counter(a.verdict.verdict for a in self.asks if a.verdict)

    @property
    def statuses(self) -> dict[tuple[str, str], str]:
        return {(o.assembly.slug, o.id): o.current_status for o in self.outcomes}

    @property
    def waiting(self) -> list[Ask]:
        return sorted((a for a in self.asks if a.state in OPEN), key=lambda a: (-(a.days or 0), a.body, a.outcome.id))


def state_on(site, day: dt.date) -> State:
    outcomes = outcomes_on(site.assemblies, day)
    own = site.project.organisation.name
    asks = [a for body in bodies_of(outcomes, site.project.settings, day, own=own).values() for a in body.asks]
    return State(day, outcomes, asks)


@dataclass
class Edition:
    """One progress report: the state at its end, the state at its start, and what moved between."""

    start: State
    end: State
    number: int
    moved: list[tuple[Outcome, str, str]] = field(default_factory=list)  # (outcome at the end, status before, after)

    @property
    def slug(self) -> str:
        return self.end.day.isoformat()

    def new_since(self, *states: str) -> int:
        return self.end.count(*states) - self.start.count(*states)


def editions(site) -> list[Edition]:
    """Every edition whose period has ended, oldest first."""
    reports = site.project.settings.reports
    if reports is None:
        return []
    found = []
    for n, (start, end) in enumerate(periods(reports, site.today), 1):
        found.append(edition(site, start, end, n))
    return found


def edition(site, start: dt.date, end: dt.date, number: int = 1) -> Edition:
    """The report for the period from `start` to `end` (also `folkmoot report --from --to`)."""
    before, after = state_on(site, start), state_on(site, end)
    was = before.statuses
    moved = [(o, was.get((o.assembly.slug, o.id), ""), o.current_status) for o in after.outcomes
             if was.get((o.assembly.slug, o.id)) != o.current_status]
    return Edition(before, after, number, moved)
