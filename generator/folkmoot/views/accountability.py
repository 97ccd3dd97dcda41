"""Who was asked, did they answer, and how late: worked out from the records.

Two separate things are tracked for every outcome, and never mixed: each
body's **answer** (accepted, partly, rejected, noted, or none yet) and the
outcome's **progress** (its status). For every (outcome, body) pair the
contract's rules give one state, against "today" (SOURCE_DATE_EPOCH when
set, so a rebuild is byte-identical):

- the clock starts at `asked`, else at the first update with status `shared`;
  before either the outcome is *not sent*;
- the deadline is `respond_by`, else the start plus `response_days` (the
  body's own when `recipients` gives one);
- the answer is the body's first update with `from:` naming it;
- then: answered on time or late; or awaiting, overdue (past the deadline),
  long overdue (past it by another full `response_days`).

An answer may promise action by a date (`promised_by`), tracked as its own
clock: kept (the outcome reached `done`, or `adopted` for an answer that
only noted the idea and so promised a decision, by then), kept late, due,
or broken (past the date and not reached). The assembly's `verdicts` on an
answer travel with it. A community action is the community's own work, not
a request: neither the organisation nor its partners in `directed_to` are
bodies asked (no page, letter or "not sent yet"); nor is the organisation's
own name on a recommendation.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field

from folkmoot.text.i18n import N_
from folkmoot.text.slugs import slugify
from folkmoot.records.settings import Settings
from folkmoot.records.model import Outcome, Update, Verdict

STATES = ("answered-on-time", "answered-late", "awaiting", "overdue", "long-overdue", "not-sent")
STATE_LABELS = {"answered-on-time": N_("Answered on time"), "answered-late": N_("Answered late"),
                "awaiting": N_("Awaiting an answer"), "overdue": N_("Overdue"), "long-overdue": N_("Long overdue"),
                "not-sent": N_("Not sent yet")}
OPEN = ("awaiting", "overdue", "long-overdue")
PROMISE_STATES = ("kept", "kept-late", "due", "broken")
PROMISE_LABELS = {"kept": N_("Promise kept"), "kept-late": N_("Promise kept late"), "due": N_("Promise due"),
                  "broken": N_("Promise broken")}


@dataclass
class Promise:
    """What a body said it would do by `by`, and whether it did."""

    by: dt.date
    state: str  # one of PROMISE_STATES
    reached: dt.date | None  # when the outcome reached what was promised
    decision: bool  # the answer only noted the idea: the promise was to decide, kept by `adopted` too


def promise_of(outcome: Outcome, answer: Update | None, today: dt.date) -> Promise | None:
    if answer is None or answer.promised_by is None:
        return None
    decision = answer.response == "noted"
    wanted = ("adopted", "done") if decision else ("done",)
    reached = next((u.date for u in outcome.updates if u.status in wanted and u.date >= answer.date), None)
    by = answer.promised_by
    if reached is not None:
        state = "kept" if reached <= by else "kept-late"
    else:
        state = "due" if today <= by else "broken"
    return Promise(by, state, reached, decision)


@dataclass
class Ask:
    """One body asked about one outcome."""

    outcome: Outcome
    body: str  # the body's one name (see bodies.Settings.canonical)
    asked: dt.date | None
    deadline: dt.date | None
    answer: Update | None
    state: str
    days: int | None  # to answer; or waiting so far; or past the deadline, when overdue
    promise: Promise | None = None
    verdicts: list[Verdict] = field(default_factory=list)  # the assembly's, on this answer, oldest first

    @property
    def verdict(self) -> Verdict | None:
        """The assembly's latest judgement of this answer."""
        return self.verdicts[-1] if self.verdicts else None

    @property
    def answered(self) -> bool:
        return self.answer is not None

    @property
    def days_overdue(self) -> int | None:
        return self.days if self.state in ("overdue", "long-overdue") else None


@dataclass
class Body:
    name: str
    slug: str
    url: str = ""
    asks: list[Ask] = field(default_factory=list)

    def count(self, *states: str) -> int:
        return sum(a.state in states for a in self.asks)

    @property
    def sent(self) -> list[Ask]:
        return [a for a in self.asks if a.state != "not-sent"]

    @property
    def answered(self) -> int:
        return self.count("answered-on-time", "answered-late")

    @property
    def median_days(self) -> float | None:
        days = [a.days for a in self.asks if a.answered and a.days is not None]
        return statistics.median(days) if days else None

    def promises(self, *states: str) -> int:
        return sum(a.promise is not None and a.promise.state in states for a in self.asks)

    def judged(self, *verdicts: str) -> int:
        return sum(a.verdict is not None and a.verdict.verdict in verdicts for a in self.asks)

    @property
    def unanswered(self) -> list[Ask]:
        """What a chasing letter lists: sent and not answered, longest waiting first."""
        return sorted((a for a in self.asks if a.state in OPEN), key=lambda a: (a.asked or dt.date.max, a.outcome.id))


def asks_for(outcome: Outcome, settings: Settings, today: dt.date) -> list[Ask]:
    start = outcome.asked or next((u.date for u in outcome.updates if u.status == "shared"), None)
    asks, seen = [], set()
    for written in outcome.directed_to:
        body = settings.canonical(written)
        if body in seen:
            continue
        seen.add(body)
        allowed = settings.days_for(body)
        deadline = outcome.respond_by or (start + dt.timedelta(days=allowed) if start else None)
        answer = next((u for u in outcome.updates if u.source and settings.canonical(u.source) == body), None)
        if answer is not None:
            late = deadline is not None and answer.date > deadline
            state = "answered-late" if late else "answered-on-time"
            days = (answer.date - start).days if start else None
        elif start is None:
            state, days = "not-sent", None
        elif deadline is not None and today > deadline + dt.timedelta(days=allowed):
            state, days = "long-overdue", (today - deadline).days
        elif deadline is not None and today > deadline:
            state, days = "overdue", (today - deadline).days
        else:
            state, days = "awaiting", (today - start).days
        judged = sorted((v for v in outcome.verdicts if settings.canonical(v.on) == body), key=lambda v: v.date)
        asks.append(Ask(outcome, body, start, deadline, answer, state, days, promise_of(outcome, answer, today), judged))
    return asks


def bodies_of(outcomes: list[Outcome], settings: Settings, today: dt.date, own: str = "") -> dict[str, Body]:
    """Every body asked anything, by the slug of its page, sorted by name, leaving out `own`
    (the organisation, which does its community actions itself). Two names that make the
    same slug get distinct pages (-2, -3...)."""
    by_name: dict[str, Body] = {}
    own = settings.canonical(own).casefold() if own else ""
    for outcome in outcomes:
        if outcome.kind == "community-action":
            continue
        for ask in asks_for(outcome, settings, today):
            if own and ask.body.casefold() == own:
                continue
            if ask.body not in by_name:
                by_name[ask.body] = Body(ask.body, "", settings.url_for(ask.body))
            by_name[ask.body].asks.append(ask)
    bodies: dict[str, Body] = {}
    for name in sorted(by_name, key=lambda n: (n.casefold(), n)):
        base = slugify(name)
        slug, n = base, 2
        while slug in bodies:
            slug, n = f"{base}-{n}", n + 1
        by_name[name].slug = slug
        bodies[slug] = by_name[name]
    return bodies


def last_news(o: Outcome) -> dt.date:
    """The day anything last happened to an outcome: the assembly, `asked`, or its latest update."""
    return max([o.assembly.date] + [u.date for u in o.updates] + ([o.asked] if o.asked else []))


def due_for_review(outcomes: list[Outcome], settings: Settings, today: dt.date) -> list[Outcome]:
    """Open outcomes with no news (no update, nor `asked`) for `review_days`, oldest news first."""
    limit = dt.timedelta(days=settings.review_days)
    due = [o for o in outcomes if o.current_status not in ("done", "declined") and today - last_news(o) >= limit]
    return sorted(due, key=lambda o: (last_news(o), o.assembly.slug, o.id))


def _letter(site, body) -> str:
    """Where the letter chasing `body` is: on the site, ready to download, for a volunteer with
    only a browser; the command, for a site with no address yet."""
    from folkmoot.views import urls

    base = site.project.site_url
    if base:
        return f"the letter is ready at `{base.rstrip('/')}/{urls.body(body.slug)}`"
    return f"folkmoot letter \"{body.name}\""


def to_do(site) -> list[tuple[str, int, str]]:
    """(path, line, what to do) for every outcome due for review, every overdue answer and every broken
    promise: a volunteer's list."""
    from folkmoot.records.record_files import relpath

    items = []
    root = site.project.root
    for o in due_for_review(site.outcomes, site.project.settings, site.today):
        last = last_news(o)
        items.append((relpath(root, o.assembly.folder / "assembly.yml"), o.line,
                      f"due for review: `{o.id}` ({o.title}) has had no news since {last.isoformat()} "
                      f"({(site.today - last).days} days). Add an update saying what has happened, even if nothing has."))
    for body in site.bodies.values():
        for a in body.asks:
            if a.state in ("overdue", "long-overdue"):
                items.append((relpath(root, a.outcome.assembly.folder / "assembly.yml"), a.outcome.line,
                              f"overdue: {a.body} has not answered `{a.outcome.id}` ({a.outcome.title}), due "
                              f"{a.deadline.isoformat()}, {a.days} days ago. Chase them ({_letter(site, body)}), "
                              "then add their answer as an update with `from:` and `response:`."))
            if a.promise is not None and a.promise.state == "broken":
                items.append((relpath(root, a.outcome.assembly.folder / "assembly.yml"), a.answer.line,
                              f"broken promise: {a.body} promised to act on `{a.outcome.id}` ({a.outcome.title}) by "
                              f"{a.promise.by.isoformat()}, {(site.today - a.promise.by).days} days ago, and it is not "
                              "done. Ask them what happened, then add an update with the outcome's new status."))
    return sorted(items)
