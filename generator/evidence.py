"""The content of a written evidence submission, independent of file format.

Follows the House of Commons select committee guidance: headed "Written
evidence submitted by <organisation>", an executive summary in bullet
points first, then numbered paragraphs: who we are and why we submit, how
the assembly worked, what residents said, and recommendations. The Word,
OpenDocument and web writers all render this one structure, so the word
count `check` reports is the count of what is submitted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .aggregate import slugify
from .model import Assembly, Evidence, Outcome
from .project import Organisation
from .safe_markdown import plain

SUPPORT_WORDS = {
    "strong": "strong support in the room",
    "broad": "broad support",
    "mixed": "mixed views",
    "low": "little support",
}


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


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."


def _when_where(a: Assembly) -> str:
    place = ", ".join(p for p in (a.venue.name, a.venue.address) if p)
    when = f"{a.date.day} {a.date:%B %Y}"
    return f"on {when}" + (f" at {place}" if place else "")


def _assembly_paragraphs(a: Assembly, org: Organisation) -> list[str]:
    paras = []
    people = f" {a.attendance} people took part." if a.attendance is not None else ""
    paras.append(f"{org.name} held the {a.title} {_when_where(a)}.{people} A People's Assembly is an open "
                 "meeting in three stages: input that sets the scene, deliberation in small groups, each with a "
                 "facilitator and a note-taker, and integration, where groups share back and everyone shows "
                 "their level of agreement with hand signals.")
    if a.input:
        items = []
        for item in a.input:
            who = ", ".join(p for p in (item.speaker, item.role) if p)
            items.append(f"{KIND_PHRASES.get(item.kind, 'a contribution')} on \u201c{item.title}\u201d"
                         + (f" by {who}" if who else ""))
        paras.append("The input was " + "; ".join(items) + ".")
    if a.questions:
        paras.append("Participants discussed: " + " ".join(
            f"({i}) {q}" for i, q in enumerate(a.questions, 1)))
    if a.deliberation:
        counted = [g.participants for g in a.deliberation if g.participants]
        size = f", of {min(counted)} to {max(counted)} people each" if counted else ""
        paras.append(f"They met in {len(a.deliberation)} small groups{size}. Notes were taken without names; "
                     "the full notes are published on our website.")
    return paras


KIND_PHRASES = {"talk": "a talk", "video": "a video", "story": "a story", "slides": "a presentation",
                "other": "a contribution"}


def _findings(a: Assembly) -> list[str]:
    return [_sentence(p.point.rstrip(".") + (f" ({SUPPORT_WORDS[p.support]})" if p.support else ""))
            for p in a.integration]


def _recommendation(o: Outcome) -> str:
    text = _sentence(o.title)
    if o.detail:
        text += " " + _sentence(plain(o.detail))
    if o.directed_to:
        text += f" This is directed to {', '.join(o.directed_to)}."
    last = o.last_update
    if last and last.note:
        text += f" Since the assembly: {_sentence(last.note)}"
    return text


def _summary_bullets(assemblies: list[Assembly], outcomes: list[Outcome], org: Organisation) -> list[str]:
    held = sum(1 for a in assemblies)
    people = sum(a.attendance or 0 for a in assemblies)
    if held == 1:
        a = assemblies[0]
        first = f"{org.name} held a People's Assembly {_when_where(a)}" + (
            f", attended by {people} people." if people else ".")
    else:
        first = f"{org.name} held {held} People's Assemblies between {assemblies[0].date:%B %Y} and " \
                f"{assemblies[-1].date:%B %Y}" + (f", attended by {people} people in all." if people else ".")
    bullets = [first]
    strong = [p.point for a in assemblies for p in a.integration if p.support == "strong"]
    if strong:
        bullets.append("Residents most strongly agreed: " + "; ".join(s.rstrip(".") for s in strong[:3]) + ".")
    for o in outcomes:
        bullets.append(f"We recommend: {o.title.rstrip('.')}" + (f" ({', '.join(o.directed_to)})." if o.directed_to else "."))
    return bullets


def _about(org: Organisation, to: str, inquiry: str, n_assemblies: int) -> Section:
    paras = []
    if org.about:
        paras.append(" ".join(org.about.split()))
    what = "a People's Assembly" if n_assemblies == 1 else f"{n_assemblies} People's Assemblies"
    purpose = f"the inquiry into {inquiry}" if inquiry else "its work"
    paras.append(f"We submit this evidence to the {to} for {purpose} so that the views residents formed together "
                 f"at {what} reach those who can act on them. Everything below comes from the published record "
                 f"of the assembl{'y' if n_assemblies == 1 else 'ies'}.")
    if org.url:
        paras.append(f"The full record, including every group's notes, is at {org.url}.")
    return Section(f"About {org.name}", paras)


def for_entry(assembly: Assembly, entry: Evidence, org: Organisation, index: int = 1) -> Document:
    """The submission for one `evidence:` entry of one assembly."""
    wanted = set(entry.outcomes)
    outcomes = [o for o in assembly.outcomes if not wanted or o.id in wanted]
    sections = [
        _about(org, entry.to, entry.inquiry, 1),
        Section("How the assembly worked", _assembly_paragraphs(assembly, org)),
    ]
    if assembly.integration:
        sections.append(Section("What residents told us", _findings(assembly)))
    if outcomes:
        sections.append(Section("Recommendations", [_recommendation(o) for o in outcomes]))
    return Document(title=f"Written evidence submitted by {org.name}", to=entry.to, inquiry=entry.inquiry,
                    author=org.name, summary=_summary_bullets([assembly], outcomes, org), sections=sections,
                    word_limit=entry.word_limit, filename=slugify(f"{assembly.slug}-evidence-{index}-{entry.to}"))


def for_theme(assemblies: list[Assembly], theme: str, to: str, inquiry: str, org: Organisation,
              word_limit: int = 3000) -> Document:
    """One submission combining the outcomes on `theme` from several assemblies."""
    key = slugify(theme)
    outcomes = [o for a in assemblies for o in a.outcomes if key in {slugify(t) for t in o.themes}]
    used = [a for a in assemblies if any(o.assembly is a for o in outcomes)]
    sections = [_about(org, to, inquiry, len(used))]
    for a in used:
        sections.append(Section(f"{a.title}, {a.date.day} {a.date:%B %Y}", _assembly_paragraphs(a, org) + [
            "Residents agreed: " + " ".join(_findings(a))] if a.integration else _assembly_paragraphs(a, org)))
    sections.append(Section("Recommendations", [_recommendation(o) for o in outcomes]))
    return Document(title=f"Written evidence submitted by {org.name}", to=to, inquiry=inquiry, author=org.name,
                    summary=_summary_bullets(used, outcomes, org), sections=sections, word_limit=word_limit,
                    filename=slugify(f"theme-{key}-evidence-{to}"))


def documents_of(a: Assembly, org: Organisation, made: dict) -> list[Document]:
    """The submission for each evidence entry of `a`, kept in `made` (a project's
    `documents`): `check` counts their words, and the same ones are then published."""
    key = (a.slug, repr(org))
    if key not in made:
        made[key] = [for_entry(a, entry, org, i) for i, entry in enumerate(a.evidence, 1)]
    return made[key]


def check_word_limits(assemblies: list[Assembly], org: Organisation, made: dict | None = None
                      ) -> list[tuple[str, int, str, str]]:
    """(path, line, message, hint) for every submission that would run over its word limit."""
    found = []
    made = {} if made is None else made
    for a in assemblies:
        for entry, doc in zip(a.evidence, documents_of(a, org, made)):
            words = doc.words()
            if words > entry.word_limit:
                found.append((f"assemblies/{a.slug}/assembly.yml", entry.line,
                              f"The evidence for {entry.to} would be {words:,} words, {words - entry.word_limit:,} over "
                              f"its limit of {entry.word_limit:,}.",
                              "List fewer outcomes under its `outcomes:`, shorten their `detail:`, or raise "
                              "`word_limit:` if the inquiry allows more."))
    return found
