"""What changed in a month, for the organisation's email newsletter: assemblies held,
answers that came, promises kept or broken, outcomes that moved, and the next assembly.
Worked out from the dated trail, like the progress reports, so a month's digest is the
same whenever it is made."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from folkmoot.records.model import Assembly, Outcome, Update
from folkmoot.views.accountability import Ask


@dataclass
class Digest:
    month: dt.date  # its first day
    end: dt.date  # its last day
    held: list[Assembly] = field(default_factory=list)
    answers: list[Ask] = field(default_factory=list)  # answers that came in the month
    kept: list[Ask] = field(default_factory=list)  # promises kept in the month
    broken: list[Ask] = field(default_factory=list)  # promises whose day passed in the month, not kept
    moved: list[tuple[Outcome, Update]] = field(default_factory=list)  # an update with a status, in the month
    next_assembly: Assembly | None = None  # as of the month's end

    @property
    def slug(self) -> str:
        return self.month.strftime("%Y-%m")

    @property
    def whole_month(self) -> bool:
        return self.month.day == 1 and self.end == month_end(self.month)

    @property
    def records(self) -> tuple[Assembly, ...]:
        """Every record the month tells of, once each: what its digest is made from. A record
        that comes into the month, or leaves it, changes this too."""
        found = {id(a): a for a in self.held}
        found.update((id(k.outcome.assembly), k.outcome.assembly) for k in (*self.answers, *self.kept, *self.broken))
        found.update((id(o.assembly), o.assembly) for o, _ in self.moved)
        if self.next_assembly is not None:
            found[id(self.next_assembly)] = self.next_assembly
        return tuple(found.values())

    @property
    def empty(self) -> bool:
        return not (self.held or self.answers or self.kept or self.broken or self.moved)


def month_end(first: dt.date) -> dt.date:
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def digest_for(site, first: dt.date, end: dt.date | None = None) -> Digest:
    """The month that starts `first`; or, given `end`, the days from `first` to `end`."""
    if end is None:
        first = first.replace(day=1)
        end = month_end(first)
    within = lambda day: day is not None and first <= day <= end  # noqa: E731
    d = Digest(first, end)
    d.held = [a for a in site.assemblies if within(a.date) and a.date <= site.today]
    asks = [a for body in site.bodies.values() for a in body.asks]
    d.answers = sorted((a for a in asks if a.answer and within(a.answer.date)), key=lambda a: (a.answer.date, a.body))
    d.kept = [a for a in asks if a.promise and a.promise.reached and within(a.promise.reached)
              and a.promise.state in ("kept", "kept-late")]
    d.broken = [a for a in asks if a.promise and within(a.promise.by) and a.promise.by < site.today
                and not (a.promise.reached and a.promise.reached <= a.promise.by)]
    d.moved = sorted(((o, u) for o in site.outcomes for u in o.updates if u.status and within(u.date)),
                     key=lambda pair: (pair[1].date, pair[0].id))
    upcoming = sorted((a for a in site.assemblies if a.date > end), key=lambda a: a.date)
    d.next_assembly = upcoming[0] if upcoming else None
    return d


def months(site) -> list[Digest]:
    """A digest for every month from the first assembly's to today's, newest first, leaving out
    months in which nothing happened, the current one too: a list headed by "Nothing new this
    month" hides the month that had news (issue 34)."""
    if not site.assemblies:
        return []
    first = min(a.date for a in site.assemblies).replace(day=1)
    found, month = [], first
    while month <= site.today:
        d = digest_for(site, month)
        if not d.empty:
            found.append(d)
        month = month_end(month) + dt.timedelta(days=1)
    return found[::-1]
