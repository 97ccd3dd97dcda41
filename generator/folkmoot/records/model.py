"""Plain classes for a validated assembly record.

Only `validate` creates these; everything downstream (aggregate, render,
evidence, data) reads them and never sees raw YAML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from folkmoot.text.i18n import N_

INPUT_KINDS = ("talk", "video", "story", "slides", "other")
SUPPORT_LEVELS = ("strong", "broad", "mixed", "low")
OUTCOME_KINDS = ("recommendation", "community-action", "question")
STATUSES = ("proposed", "shared", "acknowledged", "in-progress", "adopted", "done", "declined")
RESPONSES = ("accepted", "partly", "rejected", "noted")  # a body's answer: separate from the outcome's progress
# What a reader sees for each value: marked for the catalogue, translated where shown.
RESPONSE_LABELS = {"accepted": N_("Accepted"), "partly": N_("Partly accepted"), "rejected": N_("Rejected"),
                   "noted": N_("Noted")}
SUPPORT_LABELS = {
    "strong": N_("Strong support"),
    "broad": N_("Broad support"),
    "mixed": N_("Mixed views"),
    "low": N_("Low support"),
}
STATUS_LABELS = {
    "proposed": N_("Proposed"),
    "shared": N_("Shared"),
    "acknowledged": N_("Acknowledged"),
    "in-progress": N_("In progress"),
    "adopted": N_("Adopted"),
    "done": N_("Done"),
    "declined": N_("Declined"),
}
KIND_LABELS = {
    "talk": N_("Talk"), "video": N_("Video"), "story": N_("Story"), "slides": N_("Slides"), "other": N_("Other"),
    "recommendation": N_("Recommendation"), "community-action": N_("Community action"), "question": N_("Question"),
}
VERDICTS = ("satisfied", "partly satisfied", "not satisfied")  # the assembly's judgement of an answer
VERDICT_LABELS = {"satisfied": N_("Satisfied"), "partly satisfied": N_("Partly satisfied"),
                  "not satisfied": N_("Not satisfied")}
# An input item and who gave it, whole, for each kind ("Talk by ..."): Welsh mutates after "gan".
KIND_BY = {"talk": N_("Talk by %(speaker)s"), "video": N_("Video by %(speaker)s"), "story": N_("Story by %(speaker)s"),
           "slides": N_("Slides by %(speaker)s"), "other": N_("Contribution by %(speaker)s")}


@dataclass
class Venue:
    name: str = ""
    address: str = ""
    access: str = ""
    online: str = ""


@dataclass
class InputItem:
    title: str
    speaker: str = ""
    role: str = ""
    kind: str = "talk"
    url: str = ""
    summary: str = ""  # Markdown


@dataclass
class Group:
    group: str
    notes: str = ""  # Markdown, from `notes` or the text of `notes_file`
    participants: int | None = None
    question: int | None = None  # 1-based
    notes_file: str = ""


@dataclass
class IntegrationPoint:
    point: str
    support: str = ""


@dataclass
class Update:
    date: dt.date
    status: str = ""
    note: str = ""
    link: str = ""
    source: str = ""  # `from:`: the body this update is the answer of (its name as written)
    response: str = ""  # with `from`: accepted, partly, rejected or noted
    line: int = 0
    promised_by: dt.date | None = None  # with `from`: when the body said it would act (or decide)


@dataclass
class Verdict:
    """How the assembly judged one body's answer, and when (hand signals, or a 0-10 vote)."""

    date: dt.date
    on: str  # the body whose answer is judged, as written
    verdict: str  # one of VERDICTS
    score: int | None = None  # 0 to 10, as the room voted
    at: str = ""  # the assembly (folder) where it was judged
    note: str = ""
    line: int = 0


@dataclass
class Outcome:
    id: str
    title: str
    detail: str = ""
    kind: str = "recommendation"
    directed_to: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    status: str = ""
    updates: list[Update] = field(default_factory=list)
    asked: dt.date | None = None  # the day it was sent to the bodies in directed_to
    respond_by: dt.date | None = None  # a deadline for their answer that applies to it
    line: int = 0  # where the outcome starts in assembly.yml
    directed_to_line: int = 0
    verdicts: list[Verdict] = field(default_factory=list)
    assembly: "Assembly | None" = field(default=None, repr=False, compare=False)

    @property
    def current_status(self) -> str:
        """The contract: last update's status, else `status`, else proposed."""
        for update in reversed(self.updates):
            if update.status:
                return update.status
        return self.status or "proposed"

    @property
    def last_update(self) -> Update | None:
        return self.updates[-1] if self.updates else None


@dataclass
class Evidence:
    to: str
    inquiry: str = ""
    deadline: dt.date | None = None
    outcomes: list[str] = field(default_factory=list)  # empty: all
    reference: str = ""
    url: str = ""
    word_limit: int = 3000
    language: str = ""  # BCP 47 tag the document is written in; empty: see evidence.document_language
    line: int = 0  # where the entry starts in assembly.yml, for warnings


@dataclass
class Photo:
    file: str
    alt: str
    caption: str = ""
    credit: str = ""
    consent: bool = False


@dataclass
class Assembly:
    slug: str
    folder: Path
    title: str
    date: dt.date
    time: str = ""
    draft: bool = False
    language: str = ""  # BCP 47 tag of the record's text; empty: the site's language
    venue: Venue = field(default_factory=Venue)
    registration: str = ""
    organisers: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    summary: str = ""
    attendance: int | None = None
    recap_video: str = ""
    recap: str = ""  # Markdown text of the recap file
    recap_file: str = ""
    input: list[InputItem] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    deliberation: list[Group] = field(default_factory=list)
    integration: list[IntegrationPoint] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)

    def is_upcoming(self, today: dt.date) -> bool:
        return self.date >= today

    def question_text(self, index: int | None) -> str:
        if index is None or not (1 <= index <= len(self.questions)):
            return ""
        return self.questions[index - 1]

    @property
    def latest_date(self) -> dt.date:
        """The last day the record tells of: the assembly itself, or an outcome sent or updated later."""
        return max([self.date, *(o.asked for o in self.outcomes if o.asked),
                    *(u.date for o in self.outcomes for u in o.updates)])

    @property
    def published_photos(self) -> list[Photo]:
        return [p for p in self.photos if p.consent]
