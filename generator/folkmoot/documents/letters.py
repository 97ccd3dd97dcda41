"""A letter for chasing: everything a body was sent that it has not answered,
or has answered and not yet done, in the same Word and OpenDocument style
as the evidence documents (numbered paragraphs, a bulleted summary first).
"""

from __future__ import annotations

import datetime as dt

from folkmoot.views.accountability import Body
from folkmoot.text.slugs import slugify
from folkmoot.documents.evidence import Document, Section
from folkmoot.records.model import RESPONSE_LABELS, STATUS_LABELS, VERDICT_LABELS
from folkmoot.text.i18n import Language, N_, language
from folkmoot.records.project import Organisation
from folkmoot.text.safe_markdown import strip_lang_marks
from folkmoot.views import urls


def for_body(body: Body, org: Organisation, today: dt.date, base_url: str, t: Language | None = None) -> Document:
    """The letter to `body`, in the site's language `t`."""
    t = t or language("en")
    base = base_url if base_url.endswith("/") else base_url + "/"

    def day(value: dt.date) -> str:
        return t.date(value, "long")

    def where(ask) -> str:
        return f" {base}{urls.outcome(ask.outcome.assembly.slug, ask.outcome.id)}" if base_url else ""

    waiting = body.unanswered
    unfinished = [a for a in body.asks if a.answered and a.outcome.current_status not in ("done", "declined")]
    overdue = [a for a in waiting if a.state in ("overdue", "long-overdue")]
    summary = [t.ngettext("%(num)s of the ideas our People's Assemblies sent to %(body)s has no answer yet.",
                          "%(num)s of the ideas our People's Assemblies sent to %(body)s have no answer yet.",
                          len(waiting), body=body.name) + " " +
               t.ngettext("%(num)s is past the time given for one.", "%(num)s are past the time given for one.",
                          len(overdue)),
               t.ngettext("%(num)s that %(body)s answered is not yet done.",
                          "%(num)s that %(body)s answered are not yet done.", len(unfinished), body=body.name)]
    published = f"{base}responses/"
    follow = t._("We publish every answer, and how long it took, so that residents can follow what happened to "
                 "their ideas, at %(url)s.", url=published) if base_url else \
        t._("We publish every answer, and how long it took, so that residents can follow what happened to their ideas.")
    sections = [Section(t._("Why we are writing"), [
        t._("%(org)s holds People's Assemblies, open meetings where residents hear from people who know a subject, "
            "talk it through in small groups and agree what should happen next. The ideas below were sent to you "
            "from those meetings.", org=org.name),
        t._("We would be grateful for an answer to each one still waiting: whether you accept it, in full or in "
            "part, or why not.") + " " + follow])]
    if waiting:
        paragraphs = []
        for a in waiting:
            late = (t.ngettext("It is %(num)s day past that date.", "It is %(num)s days past that date.", a.days)
                    if a.state in ("overdue", "long-overdue") else t._("That date has not yet passed."))
            paragraphs.append(t._("\u201c%(idea)s\u201d, from the %(assembly)s on %(date)s. Sent to you on %(asked)s, "
                                  "with an answer due by %(due)s.", idea=strip_lang_marks(a.outcome.title),
                                  assembly=strip_lang_marks(a.outcome.assembly.title), date=day(a.outcome.assembly.date),
                                  asked=day(a.asked), due=day(a.deadline)) + " " + late + where(a))
        sections.append(Section(t._("Ideas awaiting your answer"), paragraphs))
    if unfinished:
        sections.append(Section(t._("Ideas you answered that are not yet done"), [
            # the labels are quoted as the site shows them, never lower-cased into the sentence
            t._("\u201c%(idea)s\u201d, from the %(assembly)s. On %(date)s your answer was: \u201c%(answer)s\u201d. "
                "Its progress is now: \u201c%(progress)s\u201d. We would welcome news of what has happened since.",
                idea=strip_lang_marks(a.outcome.title), assembly=strip_lang_marks(a.outcome.assembly.title),
                answer=t._(RESPONSE_LABELS.get(a.answer.response, N_("Answered"))), date=day(a.answer.date),
                progress=t._(STATUS_LABELS.get(a.outcome.current_status, a.outcome.current_status)))
            + promised(a, t, today) + judged(a, t) + where(a) for a in unfinished]))
    thanks = t._("Thank you for your time.")
    if org.contact:
        thanks += " " + t._("You can reach us at %(contact)s.", contact=org.contact)
    sections.append(Section(t._("Replying"), [thanks + " " + t._(
        "Please quote the title of each idea you answer, so that we can publish your answer beside it.")]))
    return Document(title=t._("Unanswered ideas from %(org)s's People's Assemblies", org=org.name), to=body.name,
                    inquiry="", author=org.name, summary=summary, sections=sections,
                    filename=slugify(f"letter-to-{body.name}"), language=t.tag, summary_heading=t._("Summary"),
                    opening=t._("To %(body)s, from %(org)s, %(date)s", body=body.name, org=org.name, date=day(today)))


def promised(ask, t: Language, today: dt.date) -> str:
    """What the body promised in its answer, when the date has not been met."""
    p = ask.promise
    if p is None or p.state not in ("due", "broken"):
        return ""
    by = t.date(p.by, "long")
    if p.state == "broken":
        return " " + t.ngettext("You promised to act by %(date)s; that was %(num)s day ago.",
                                "You promised to act by %(date)s; that was %(num)s days ago.", (today - p.by).days, date=by)
    return " " + t._("You promised to act by %(date)s.", date=by)


def judged(ask, t: Language) -> str:
    """The assembly's latest verdict on the answer, quoted as the site labels it."""
    v = ask.verdict
    if v is None:
        return ""
    values = {"date": t.date(v.date, "long"), "verdict": t._(VERDICT_LABELS[v.verdict]), "score": v.score}
    return " " + (t._("The assembly judged your answer on %(date)s: \u201c%(verdict)s\u201d, %(score)s out of 10.", **values)
                  if v.score is not None else
                  t._("The assembly judged your answer on %(date)s: \u201c%(verdict)s\u201d.", **values))
