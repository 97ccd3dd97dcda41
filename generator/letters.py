"""A letter for chasing: everything a body was sent that it has not answered,
or has answered and not yet done, in the same Word and OpenDocument style
as the evidence documents (numbered paragraphs, a bulleted summary first).
"""

from __future__ import annotations

import datetime as dt

from .accountability import Body
from .aggregate import slugify
from .evidence import Document, Section
from .model import RESPONSE_LABELS, STATUS_LABELS
from .project import Organisation


def _day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def for_body(body: Body, org: Organisation, today: dt.date, base_url: str) -> Document:
    base = base_url if base_url.endswith("/") else base_url + "/"

    def where(ask) -> str:
        return f"{base}assemblies/{ask.outcome.assembly.slug}/#outcome-{ask.outcome.id}" if base_url else ""

    waiting = body.unanswered
    unfinished = [a for a in body.asks if a.answered and a.outcome.current_status not in ("done", "declined")]
    overdue = [a for a in waiting if a.state in ("overdue", "long-overdue")]
    summary = [f"{len(waiting)} of the ideas our People's Assemblies sent to {body.name} "
               f"{'has' if len(waiting) == 1 else 'have'} no answer yet; {len(overdue)} "
               f"{'is' if len(overdue) == 1 else 'are'} past the time given for one.",
               f"{len(unfinished)} that {body.name} answered {'is' if len(unfinished) == 1 else 'are'} not yet done."]
    sections = [Section("Why we are writing", [
        f"{org.name} holds People's Assemblies, open meetings where residents hear from people who know a subject, "
        "talk it through in small groups and agree what should happen next. The ideas below were sent to you "
        "from those meetings.",
        "We would be grateful for an answer to each one still waiting: whether you accept it, in full or in part, "
        "or why not. We publish every answer, and how long it took, so that residents can follow what happened to "
        "their ideas" + (f", at {base}responses/." if base_url else ".")])]
    if waiting:
        paragraphs = []
        for a in waiting:
            late = (f" It is {a.days} days past that date." if a.state in ("overdue", "long-overdue") else
                    f" That date has not yet passed.")
            paragraphs.append(f"\u201c{a.outcome.title}\u201d, from the {a.outcome.assembly.title} on "
                              f"{_day(a.outcome.assembly.date)}. Sent to you on {_day(a.asked)}, with an answer due "
                              f"by {_day(a.deadline)}.{late}" + (f" {where(a)}" if where(a) else ""))
        sections.append(Section("Ideas awaiting your answer", paragraphs))
    if unfinished:
        sections.append(Section("Ideas you answered that are not yet done", [
            f"\u201c{a.outcome.title}\u201d, from the {a.outcome.assembly.title}: you answered "
            f"\u201c{RESPONSE_LABELS.get(a.answer.response, 'answered').lower()}\u201d on {_day(a.answer.date)}; "
            f"its progress is \u201c{STATUS_LABELS.get(a.outcome.current_status, a.outcome.current_status).lower()}\u201d. "
            "We would welcome news of what has happened since." + (f" {where(a)}" if where(a) else "")
            for a in unfinished]))
    contact = f" You can reach us at {org.contact}." if org.contact else ""
    sections.append(Section("Replying", [f"Thank you for your time.{contact} Please quote the title of each idea "
                                         "you answer, so that we can publish your answer beside it."]))
    return Document(title=f"Unanswered ideas from {org.name}'s People's Assemblies", to=body.name,
                    inquiry="", author=org.name, summary=summary, sections=sections,
                    filename=slugify(f"letter-to-{body.name}"),
                    opening=f"To {body.name}, from {org.name}, {_day(today)}")
