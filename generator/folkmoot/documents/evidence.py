"""The content of a written evidence submission, independent of file format.

Follows the House of Commons select committee guidance: headed "Written
evidence submitted by <organisation>", an executive summary in bullet
points first, then numbered paragraphs: who we are and why we submit, how
the assembly worked, what residents said, and recommendations. The Word,
OpenDocument and web writers all render this one structure, so the word
count `check` reports is the count of what is submitted.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field

from folkmoot.text.slugs import slugify
from folkmoot.text.i18n import Language, N_, language
from folkmoot.records.model import VERDICT_LABELS, Assembly, Evidence, Outcome
from folkmoot.records.project import Organisation
from folkmoot.text.wording import in_sentence
from folkmoot.text.safe_markdown import plain, strip_lang_marks
from folkmoot.views import urls

# An integration point and how the room showed its support, as one sentence.
FINDING_SENTENCES = {
    "strong": N_("%(point)s (strong support in the room)."),
    "broad": N_("%(point)s (broad support)."),
    "mixed": N_("%(point)s (mixed views)."),
    "low": N_("%(point)s (little support)."),
}

# Commons (and Lords) committees take evidence in English only; anything else
# is written in the site's language unless the entry gives its own `language:`.
PARLIAMENT = re.compile(r"\bHouse of (Commons|Lords)\b|\bselect committee\b", re.IGNORECASE)


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)  # each becomes one numbered paragraph


@dataclass
class Document:
    title: str  # "Written evidence submitted by ..."
    to: str
    inquiry: str
    author: str
    summary: list[str]
    sections: list[Section]
    word_limit: int = 3000
    filename: str = "evidence"  # without extension
    opening: str = ""  # the line under the title; by default "Submitted to the <to>: <inquiry>"
    language: str = "en-GB"  # BCP 47 tag of the document's words, with a region (Word needs one)
    summary_heading: str = "Summary"
    restart_numbering: bool = False  # evidence numbers its paragraphs through; a report starts each section at 1

    @property
    def addressed(self) -> str:
        return self.to + (f": {self.inquiry}" if self.inquiry else "")

    @property
    def first_line(self) -> str:
        return self.opening or f"Submitted to the {self.addressed}"

    def words(self) -> int:
        texts = [self.title, *self.summary]
        for s in self.sections:
            texts.append(s.heading)
            texts.extend(s.paragraphs)
        return sum(len(re.findall(r"\S+", t)) for t in texts)


def documents_json(docs: list[Document]) -> bytes:
    """Documents as JSON, to keep between builds (nothing kept is ever run)."""
    return json.dumps([dataclasses.asdict(d) for d in docs], ensure_ascii=False).encode("utf-8")


def documents_from_json(data: bytes) -> list[Document]:
    return [Document(**{**d, "sections": [Section(**s) for s in d["sections"]]}) for d in json.loads(data)]


def document_language(entry: Evidence, site: Language) -> Language:
    """The language a submission is written in: the entry's own, else English for
    Parliament, else the site's."""
    if entry.language:
        return language(entry.language)
    if PARLIAMENT.search(entry.to):
        return language("en")
    return site


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."


def _place(a: Assembly) -> str:
    return ", ".join(strip_lang_marks(p) for p in (a.venue.name, a.venue.address) if p)


# An input item as a whole sentence, by its kind and whether a speaker is named: each
# language words "a talk on ... by ..." its own way (and Welsh mutates after "gan").
INPUT_SENTENCES = {
    "talk": (N_("There was a talk on \u201c%(title)s\u201d by %(who)s."), N_("There was a talk on \u201c%(title)s\u201d.")),
    "video": (N_("There was a video on \u201c%(title)s\u201d by %(who)s."), N_("There was a video on \u201c%(title)s\u201d.")),
    "story": (N_("There was a story on \u201c%(title)s\u201d by %(who)s."), N_("There was a story on \u201c%(title)s\u201d.")),
    "slides": (N_("There was a presentation on \u201c%(title)s\u201d by %(who)s."),
               N_("There was a presentation on \u201c%(title)s\u201d.")),
    "other": (N_("There was a contribution on \u201c%(title)s\u201d by %(who)s."),
              N_("There was a contribution on \u201c%(title)s\u201d.")),
}


def _assembly_paragraphs(a: Assembly, org: Organisation, t: Language) -> list[str]:
    paras = []
    values = {"org": org.name, "title": strip_lang_marks(a.title), "date": t.date(a.date, "long"), "place": _place(a)}
    held = t._("%(org)s held the %(title)s on %(date)s at %(place)s.", **values) if values["place"] else \
        t._("%(org)s held the %(title)s on %(date)s.", **values)
    if a.attendance is not None:
        held += " " + t.ngettext("%(num)s person took part.", "%(num)s people took part.", a.attendance)
    paras.append(held + " " + t._("A People's Assembly is an open meeting in three stages: input that sets the scene, "
                                  "deliberation in small groups, each with a facilitator and a note-taker, and "
                                  "integration, where groups share back and everyone shows their level of agreement "
                                  "with hand signals."))
    if a.input:
        items = []
        for item in a.input:
            who = ", ".join(strip_lang_marks(p) for p in (in_sentence(item.speaker), item.role) if p)
            with_who, alone = INPUT_SENTENCES.get(item.kind, INPUT_SENTENCES["other"])
            items.append(t._(with_who, title=strip_lang_marks(item.title), who=who) if who else
                         t._(alone, title=strip_lang_marks(item.title)))
        paras.append(" ".join(items))
    if a.questions:
        paras.append(t._("Participants discussed: %(questions)s", questions=" ".join(
            f"({i}) {strip_lang_marks(q)}" for i, q in enumerate(a.questions, 1))))
    if a.deliberation:
        counted = [g.participants for g in a.deliberation if g.participants]
        n = len(a.deliberation)
        if counted and min(counted) != max(counted):
            groups = t.ngettext("They met in %(num)s small group of %(least)s to %(most)s people.",
                                "They met in %(num)s small groups, of %(least)s to %(most)s people each.", n,
                                least=min(counted), most=max(counted))
        elif counted:
            groups = t.ngettext("They met in %(num)s small group of %(size)s people.",
                                "They met in %(num)s small groups of %(size)s people each.", n, size=counted[0])
        else:
            groups = t.ngettext("They met in %(num)s small group.", "They met in %(num)s small groups.", n)
        paras.append(groups + " " + t._("Notes were taken without names; the full notes are published on our website."))
    return paras


def _findings(a: Assembly, t: Language) -> list[str]:
    return [t._(FINDING_SENTENCES[p.support], point=strip_lang_marks(p.point).rstrip(".")) if p.support else
            _sentence(strip_lang_marks(p.point)) for p in a.integration]


def _recommendation(o: Outcome, t: Language) -> str:
    text = _sentence(strip_lang_marks(o.title))
    if o.detail:
        text += " " + _sentence(plain(o.detail))
    if o.directed_to:
        text += " " + t._("This is directed to %(bodies)s.", bodies=t.list(o.directed_to))
    last = o.last_update
    if last and last.note:
        text += " " + t._("Since the assembly: %(news)s", news=_sentence(strip_lang_marks(last.note)))
    latest = {v.on: v for v in sorted(o.verdicts, key=lambda v: v.date)}  # a committee wants the residents' own view
    for v in latest.values():
        values = {"date": t.date(v.date, "long"), "body": v.on, "verdict": t._(VERDICT_LABELS[v.verdict])}
        text += " " + (t._("When the assembly judged the answer of %(body)s on %(date)s, its verdict was "
                           "\u201c%(verdict)s\u201d, %(score)s out of 10.", **values, score=v.score) if v.score is not None
                       else t._("When the assembly judged the answer of %(body)s on %(date)s, its verdict was "
                                "\u201c%(verdict)s\u201d.", **values))
    return text


def _summary_bullets(assemblies: list[Assembly], outcomes: list[Outcome], org: Organisation, t: Language) -> list[str]:
    held = len(assemblies)
    people = sum(a.attendance or 0 for a in assemblies)
    if held == 1:
        a = assemblies[0]
        values = {"org": org.name, "date": t.date(a.date, "long"), "place": _place(a)}
        if people:
            first = t.ngettext("%(org)s held a People's Assembly on %(date)s at %(place)s, attended by %(num)s person.",
                               "%(org)s held a People's Assembly on %(date)s at %(place)s, attended by %(num)s people.",
                               people, **values) if values["place"] else \
                t.ngettext("%(org)s held a People's Assembly on %(date)s, attended by %(num)s person.",
                           "%(org)s held a People's Assembly on %(date)s, attended by %(num)s people.", people, **values)
        else:
            first = t._("%(org)s held a People's Assembly on %(date)s at %(place)s.", **values) if values["place"] \
                else t._("%(org)s held a People's Assembly on %(date)s.", **values)
    else:
        first = t.ngettext("%(org)s held %(num)s People's Assembly between %(first)s and %(last)s.",
                           "%(org)s held %(num)s People's Assemblies between %(first)s and %(last)s.", held,
                           org=org.name, first=t.date(assemblies[0].date, "month"), last=t.date(assemblies[-1].date, "month"))
        if people:
            first += " " + t.ngettext("%(num)s person took part in all.", "%(num)s people took part in all.", people)
    bullets = [first]
    strong = [strip_lang_marks(p.point) for a in assemblies for p in a.integration if p.support == "strong"]
    if strong:
        bullets.append(t._("Residents most strongly agreed: %(points)s.", points="; ".join(s.rstrip(".") for s in strong[:3])))
    for o in outcomes:
        title = strip_lang_marks(o.title).rstrip(".")
        bullets.append(t._("We recommend: %(idea)s (%(bodies)s).", idea=title, bodies=t.list(o.directed_to))
                       if o.directed_to else t._("We recommend: %(idea)s.", idea=title))
    return bullets


def _about(org: Organisation, to: str, inquiry: str, n_assemblies: int, t: Language) -> Section:
    paras = []
    if org.about:
        paras.append(" ".join(org.about.split()))
    if inquiry:
        paras.append(t.ngettext(
            "We submit this evidence to the %(to)s for the inquiry into %(inquiry)s so that the views residents formed "
            "together at a People's Assembly reach those who can act on them. Everything below comes from the "
            "published record of the assembly.",
            "We submit this evidence to the %(to)s for the inquiry into %(inquiry)s so that the views residents formed "
            "together at %(num)s People's Assemblies reach those who can act on them. Everything below comes from the "
            "published record of the assemblies.", n_assemblies, to=to, inquiry=inquiry))
    else:
        paras.append(t.ngettext(
            "We submit this evidence to the %(to)s for its work so that the views residents formed together at a "
            "People's Assembly reach those who can act on them. Everything below comes from the published record "
            "of the assembly.",
            "We submit this evidence to the %(to)s for its work so that the views residents formed together at "
            "%(num)s People's Assemblies reach those who can act on them. Everything below comes from the published "
            "record of the assemblies.", n_assemblies, to=to))
    if org.url:
        paras.append(t._("The full record, including every group's notes, is at %(url)s.", url=org.url))
    return Section(t._("About %(org)s", org=org.name), paras)


def _document(t: Language, org: Organisation, to: str, inquiry: str, **fields) -> Document:
    return Document(title=t._("Written evidence submitted by %(org)s", org=org.name), to=to, inquiry=inquiry,
                    author=org.name, language=t.tag, summary_heading=t._("Summary"),
                    opening=t._("Submitted to the %(to)s: %(inquiry)s", to=to, inquiry=inquiry) if inquiry
                    else t._("Submitted to the %(to)s", to=to), **fields)


def for_entry(assembly: Assembly, entry: Evidence, org: Organisation, index: int = 1,
              site: Language | None = None) -> Document:
    """The submission for one `evidence:` entry of one assembly."""
    t = document_language(entry, site or language("en"))
    wanted = set(entry.outcomes)
    outcomes = [o for o in assembly.outcomes if not wanted or o.id in wanted]
    sections = [
        _about(org, entry.to, entry.inquiry, 1, t),
        Section(t._("How the assembly worked"), _assembly_paragraphs(assembly, org, t)),
    ]
    if assembly.integration:
        sections.append(Section(t._("What residents told us"), _findings(assembly, t)))
    if outcomes:
        sections.append(Section(t._("Recommendations"), [_recommendation(o, t) for o in outcomes]))
    return _document(t, org, entry.to, entry.inquiry, summary=_summary_bullets([assembly], outcomes, org, t),
                     sections=sections, word_limit=entry.word_limit,
                     filename=slugify(f"{assembly.slug}-evidence-{index}-{entry.to}"))


def for_theme(assemblies: list[Assembly], theme: str, to: str, inquiry: str, org: Organisation,
              word_limit: int = 3000, t: Language | None = None) -> Document:
    """One submission combining the outcomes on `theme` from several assemblies."""
    t = t or language("en")
    key = slugify(theme)
    outcomes = [o for a in assemblies for o in a.outcomes if key in {slugify(x) for x in o.themes}]
    used = [a for a in assemblies if any(o.assembly is a for o in outcomes)]
    sections = [_about(org, to, inquiry, len(used), t)]
    for a in used:
        paragraphs = _assembly_paragraphs(a, org, t)
        if a.integration:
            paragraphs.append(t._("Residents agreed: %(points)s", points=" ".join(_findings(a, t))))
        sections.append(Section(f"{strip_lang_marks(a.title)}, {t.date(a.date, 'long')}", paragraphs))
    sections.append(Section(t._("Recommendations"), [_recommendation(o, t) for o in outcomes]))
    return _document(t, org, to, inquiry, summary=_summary_bullets(used, outcomes, org, t), sections=sections,
                     word_limit=word_limit, filename=slugify(f"theme-{key}-evidence-{to}"))


def documents_of(a: Assembly, org: Organisation, made: dict, site: Language) -> list[Document]:
    """The submission for each evidence entry of `a`, kept in `made` (a project's
    `documents`): `check` counts their words, and the same ones are then published."""
    key = (a.slug, repr(org), site.code)
    if key not in made or made[key][0] is not a:  # a preview keeps them while the record's objects are the same
        made[key] = (a, [for_entry(a, entry, org, i, site) for i, entry in enumerate(a.evidence, 1)])
    return made[key][1]


def check_word_limits(assemblies: list[Assembly], org: Organisation, made: dict | None = None,
                      site: Language | None = None, counts=None) -> list[tuple[str, int, str, str]]:
    """(path, line, message, hint) for every submission that would run over its word limit.

    `counts(a, make)`: the word count of each of `a`'s submissions, `make()` or kept ones."""
    found = []
    made = {} if made is None else made
    for a in assemblies:
        if not a.evidence:
            continue

        def make(a=a) -> list[int]:
            return [doc.words() for doc in documents_of(a, org, made, site or language("en"))]

        for entry, words in zip(a.evidence, counts(a, make) if counts else make()):
            if words > entry.word_limit:
                found.append((urls.record_file(a.slug), entry.line,
                              f"The evidence for {entry.to} would be {words:,} words, {words - entry.word_limit:,} over "
                              f"its limit of {entry.word_limit:,}.",
                              "List fewer outcomes under its `outcomes:`, shorten their `detail:`, or raise "
                              "`word_limit:` if the inquiry allows more."))
    return found
