"""What a body promised in its answer, and what the assembly made of the answer.

`promised_by` on an answer (an update with `from:`) is the day the body said it
would act, or decide; `verdicts` on an outcome record how the assembly judged
a body's answer, later, by hand signals or a 0-10 vote. Both are read here so
that `validate` stays the reader of the record's shape.
"""

from __future__ import annotations

import datetime as dt
import difflib

from folkmoot.records import model as m
from folkmoot.records.fields import SLUG, FieldReader
from folkmoot.records.yamlload import LDict

VERDICT_FIELDS = ("date", "on", "verdict", "score", "at", "note")


def after_today(day: dt.date, settings) -> bool:
    """Whether `day` is still to come on the day the site is built. A day's grace: in a time
    zone ahead of the build machine's, "today" may already be tomorrow there."""
    today = getattr(settings, "today", None)
    return today is not None and day > today + dt.timedelta(days=1)


def promised_by(r: FieldReader, u: LDict, source: str, answered_on: dt.date | None) -> dt.date | None:
    """An answer's `promised_by`: a promise needs a body that made it, and comes with or after the answer."""
    value = r.date(u, "promised_by")
    if value is None:
        return None
    if not source:
        r.error(u.line_of("promised_by"), "`promised_by` says when a body promised to act, but `from` does not say "
                "which body.", "Add `from:` with the body's name, as in `directed_to`, to the update that is its answer.")
    elif answered_on and value < answered_on:
        r.error(u.line_of("promised_by"), f"`promised_by` ({value}) is before the answer that made the promise "
                f"({answered_on}).", "Write the day by which the body said it would act.")
    return value


def verdicts(r: FieldReader, e: LDict, canonical, updates: list[m.Update], settings,
             mistaken: set[str] = frozenset()) -> list[m.Verdict]:
    """An outcome's `verdicts`: each on a body that answered, dated on or after that answer.
    `mistaken`: bodies whose answer has an error of its own (a typo in `from:`, a bad date),
    which a verdict on them does not repeat, nor suggest as what was meant."""
    answers: dict[str, m.Update] = {}
    for u in updates:
        if u.source:
            answers.setdefault(canonical(u.source), u)
    found = []
    seq = r.sequence(e, "verdicts", "`- date: 2025-05-14` with `on:`, `verdict:` and `score:` indented below.")
    for j, item in enumerate(seq):
        v = r.mapping(item, seq.line_of(j), f"Verdict {j + 1}", "`- date: 2025-05-14` with `on:` and `verdict:` below.")
        if v is None:
            continue
        r.unknown_keys(v, VERDICT_FIELDS, "of a verdict")
        day, on = r.date(v, "date", required=True), r.text(v, "on", required=True)
        verdict = r.choice(v, "verdict", m.VERDICTS)
        if not verdict and "verdict" not in v:
            r.error(v.line, "This verdict does not say what the assembly thought of the answer.",
                    "Add `verdict: satisfied`, `partly satisfied` or `not satisfied`.")
        score, at = r.integer(v, "score", 0, 10), r.text(v, "at")
        if at and not SLUG.match(at):
            r.error(v.line_of("at"), f"`at: {at}` is not an assembly's folder name.",
                    "Write the folder of the assembly where the answer was judged, e.g. `2025-05-14-flooding-follow-up`.")
        answer = answers.get(canonical(on)) if on else None
        if on and answer is None and mistaken:
            pass  # the answer's own error says what to fix
        elif on and answer is None:
            names = sorted({u.source for u in answers.values()})
            close = difflib.get_close_matches(on, names, n=1, cutoff=0.5)
            r.error(v.line_of("on"), f"`on: {on}` is not a body that answered this outcome; a verdict judges an answer.",
                    (f"Did you mean `{close[0]}`? " if close else "") + (
                        f"Bodies that answered: {', '.join(names)}." if names else
                        "Add the body's answer first: an update with `from:` and `response:`."))
        elif day and answer is not None and day < answer.date:
            r.error(v.line_of("date"), f"This verdict ({day}) is before the answer it judges ({answer.date}).",
                    "Check both dates.")
        if day and after_today(day, settings):
            r.error(v.line_of("date"), f"This verdict is dated {day}, which has not come yet.",
                    "Add the verdict once the assembly has judged the answer.")
        if day and on and verdict:
            found.append(m.Verdict(date=day, on=on, verdict=verdict, score=score, at=at, note=r.text(v, "note"),
                                   line=v.line))
    return found
