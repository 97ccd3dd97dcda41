"""A progress report as a document: the same Word and OpenDocument shape as evidence
and letters (a bulleted summary first, then numbered paragraphs), and the words of
its page on the site. Every figure is compared with the start of the period."""

from __future__ import annotations

from folkmoot.documents.evidence import Document, Section
from folkmoot.records.model import RESPONSE_LABELS, RESPONSES, STATUS_LABELS, VERDICT_LABELS, VERDICTS
from folkmoot.records.project import Organisation
from folkmoot.text.i18n import N_, Language
from folkmoot.text.safe_markdown import strip_lang_marks
from folkmoot.views.accountability import PROMISE_LABELS, PROMISE_STATES
from folkmoot.views.progress import Edition


def for_edition(edition: Edition, org: Organisation, t: Language) -> Document:
    start, end = edition.start, edition.end
    since, until = t.date(start.day, "long"), t.date(end.day, "long")
    summary = [
        t.ngettext("By %(date)s, bodies had been asked for %(num)s answer; %(new)s of those requests were made "
                   "since %(since)s.", "By %(date)s, bodies had been asked for %(num)s answers; %(new)s of those "
                   "requests were made since %(since)s.", len(end.sent), date=until, since=since,
                   new=len(end.sent) - len(start.sent)),
        t.ngettext("%(num)s answer had come, %(on_time)s of them on time (compared with %(before)s on %(since)s).",
                   "%(num)s answers had come, %(on_time)s of them on time (compared with %(before)s on %(since)s).",
                   end.answered, on_time=end.count("answered-on-time"), since=since, before=start.answered),
        t._("Promises made in answers: %(kept)s kept, %(late)s kept late, %(due)s due and %(broken)s broken; on "
            "%(since)s, %(kept_before)s kept and %(broken_before)s broken.", since=since,
            kept=end.promises["kept"], late=end.promises["kept-late"], due=end.promises["due"],
            broken=end.promises["broken"], kept_before=start.promises["kept"], broken_before=start.promises["broken"]),
        t.ngettext("%(num)s idea moved on in the period.", "%(num)s ideas moved on in the period.", len(edition.moved)),
        t.ngettext("%(num)s answer is still awaited (compared with %(before)s on %(since)s).",
                   "%(num)s answers are still awaited (compared with %(before)s on %(since)s).", len(end.waiting),
                   since=since, before=len(start.waiting)),
    ]
    sections = [Section(t._("How the bodies answered"), _counts(end, start, t)),
                Section(t._("What moved"), [_moved(o, before, after, t) for o, before, after in edition.moved] or
                        [t._("No idea changed its progress in this period.")]),
                Section(t._("Promises"), [_promise(a, t) for a in end.asks if a.promise] or
                        [t._("No body has yet promised to act by a date.")]),
                Section(t._("Still waiting for an answer"), [_waiting(a, t) for a in end.waiting] or
                        [t._("Every body asked has answered, or still has time to.")])]
    title = t._("Progress report: %(start)s to %(end)s", start=since, end=until)
    return Document(title=title, to="", inquiry="", author=org.name, summary=summary, sections=sections,
                    filename=f"progress-report-{edition.slug}", language=t.tag, summary_heading=t._("Summary"),
                    restart_numbering=True,
                    opening=t._("What happened to the ideas of %(org)s's People's Assemblies, worked out from the "
                                "published records as they stood on %(date)s.", org=org.name, date=until))


def _counts(end, start, t: Language) -> list[str]:
    found = [t._("%(label)s: %(num)s (compared with %(before)s on %(since)s).", label=t._(RESPONSE_LABELS[r]), num=end.responses[r],
                 before=start.responses[r], since=t.date(start.day, "long")) for r in RESPONSES if end.responses[r]]
    found += [t._("%(label)s: %(num)s (compared with %(before)s on %(since)s).", label=t._(VERDICT_JUDGED[v]), num=end.verdicts[v],
                  before=start.verdicts[v], since=t.date(start.day, "long")) for v in VERDICTS if end.verdicts[v]]
    return found or [t._("No body had answered by then.")]


# The assembly's verdicts, counted: "Answers the assembly was satisfied with: 3".
VERDICT_JUDGED = {"satisfied": N_("Answers the assembly was satisfied with"),
                  "partly satisfied": N_("Answers the assembly was partly satisfied with"),
                  "not satisfied": N_("Answers the assembly was not satisfied with")}
assert set(VERDICT_JUDGED) == set(VERDICT_LABELS) and set(PROMISE_STATES) == set(PROMISE_LABELS)


def _moved(o, before: str, after: str, t: Language) -> str:
    idea = strip_lang_marks(o.title)
    if not before:
        return t._("\u201c%(idea)s\u201d, new from the %(assembly)s: \u201c%(after)s\u201d.", idea=idea,
                   assembly=strip_lang_marks(o.assembly.title), after=t._(STATUS_LABELS[after]))
    return t._("\u201c%(idea)s\u201d: from \u201c%(before)s\u201d to \u201c%(after)s\u201d.", idea=idea,
               before=t._(STATUS_LABELS[before]), after=t._(STATUS_LABELS[after]))


def _promise(a, t: Language) -> str:
    return t._("%(body)s, on \u201c%(idea)s\u201d, promised to act by %(date)s: \u201c%(state)s\u201d.", body=a.body,
               idea=strip_lang_marks(a.outcome.title), date=t.date(a.promise.by, "long"),
               state=t._(PROMISE_LABELS[a.promise.state]))


def _waiting(a, t: Language) -> str:
    idea = strip_lang_marks(a.outcome.title)
    if a.state == "awaiting":
        return t.ngettext("\u201c%(idea)s\u201d, sent to %(body)s: no answer yet, %(num)s day since it was sent.",
                          "\u201c%(idea)s\u201d, sent to %(body)s: no answer yet, %(num)s days since it was sent.",
                          a.days, idea=idea, body=a.body)
    return t.ngettext("\u201c%(idea)s\u201d, sent to %(body)s: no answer, %(num)s day past the deadline.",
                      "\u201c%(idea)s\u201d, sent to %(body)s: no answer, %(num)s days past the deadline.",
                      a.days, idea=idea, body=a.body)
