"""What changed in a month, for the organisation's email newsletter: assemblies held,
answers that came, promises kept or broken, outcomes that moved, and the next assembly.
Worked out from the dated trail, like the progress reports, so a month's digest is the
same whenever it is made."""

from __future__ import annotations

import bisect
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


def digest_for(site, first: dt.date, end: dt.date | None = None, index: _ByMonth | None = None) -> Digest:
    """The month that starts `first`; or, given `end`, the days from `first` to `end`.
    `index`: the dated trail by month (see `months`), for a whole month."""
    if end is None:
        first = first.replace(day=1)
        end = month_end(first)
    within = lambda day: day is not None and first <= day <= end  # noqa: E731
    got = index.get if index is not None else None
    key = (first.year, first.month)
    d = Digest(first, end)
    d.held = [a for a in (got("held", key) if got else site.assemblies) if within(a.date) and a.date <= site.today]
    asks = index.asks if index is not None else [a for body in site.bodies.values() for a in body.asks]
    d.answers = sorted((a for a in (got("answers", key) if got else asks) if a.answer and within(a.answer.date)),
                       key=lambda a: (a.answer.date, a.body))
    d.kept = [a for a in (got("kept", key) if got else asks) if a.promise and a.promise.reached
              and within(a.promise.reached) and a.promise.state in ("kept", "kept-late")]
    d.broken = [a for a in (got("broken", key) if got else asks) if a.promise and within(a.promise.by)
                and a.promise.by < site.today and not (a.promise.reached and a.promise.reached <= a.promise.by)]
    pairs = got("moved", key) if got else [(o, u) for o in site.outcomes for u in o.updates]
    d.moved = sorted(((o, u) for o, u in pairs if u.status and within(u.date)),
                     key=lambda pair: (pair[1].date, pair[0].id))
    if index is not None:
        d.next_assembly = index.next_after(end)
    else:
        upcoming = sorted((a for a in site.assemblies if a.date > end), key=lambda a: a.date)
        d.next_assembly = upcoming[0] if upcoming else None
    return d


class _ByMonth:
    """The dated trail bucketed by (year, month), in its own order: each month looks only at its own."""

    def __init__(self, site):
        self.asks = [a for body in site.bodies.values() for a in body.asks]
        self.buckets: dict = {}

        def put(kind, day, item):
            if day is not None:
                self.buckets.setdefault((kind, day.year, day.month), []).append(item)
        for a in site.assemblies:
            put("held", a.date, a)
        for a in self.asks:
            if a.answer:
                put("answers", a.answer.date, a)
            if a.promise:
                put("kept", a.promise.reached, a)
                put("broken", a.promise.by, a)
        for o in site.outcomes:
            for u in o.updates:
                put("moved", u.date, (o, u))
        ordered = sorted(site.assemblies, key=lambda a: a.date)  # stable, as `sorted` in digest_for
        self._ordered, self._dates = ordered, [a.date for a in ordered]

    def get(self, kind, key):
        return self.buckets.get((kind, *key), [])

    def next_after(self, end):
        i = bisect.bisect_right(self._dates, end)
        return self._ordered[i] if i < len(self._ordered) else None


def months(site) -> list[Digest]:
    """A digest for every month from the first assembly's to today's, newest first, leaving out
    months in which nothing happened, the current one too: a list headed by "Nothing new this
    month" hides the month that had news (issue 34)."""
    if not site.assemblies:
        return []
    first = min(a.date for a in site.assemblies).replace(day=1)
    found, month, index = [], first, _ByMonth(site)
    while month <= site.today:
        d = digest_for(site, month, index=index)
        if not d.empty:
            found.append(d)
        month = month_end(month) + dt.timedelta(days=1)
    return found[::-1]
