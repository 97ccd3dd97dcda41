"""Check one assembly record against the contract and build its model.

``check_record`` reads ``assemblies/<slug>/assembly.yml``, reports every
problem it finds with its line, and returns an ``Assembly`` built from the
parts that were valid (None when the record cannot be used at all).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path

from folkmoot.records import answers, model as m
from folkmoot.records.record_files import read_text, relpath, resolve_inside
from folkmoot.problems import Problems
from folkmoot.text.safe_markdown import web_address
from folkmoot.records.safeguarding import find_contact_details, masked
from folkmoot.records.fields import SLUG, FieldReader, describe, items, minutes
from folkmoot.records.photo_entries import photo_entries
from folkmoot.records.yamlload import LDict, load_yaml

# BCP 47: a language, then an optional script, region and variants (en-GB, cy, sr-Latn, bn-BD)
LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?(?:-(?:[A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*$")
TIME = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d(?:\s*[-–]\s*([01]?\d|2[0-3]):[0-5]\d)?$")

TOP_FIELDS = ("title", "date", "time", "draft", "language", "venue", "registration", "organisers", "themes",
              "summary", "attendance", "recap_video", "recap", "input", "questions", "deliberation",
              "integration", "outcomes", "evidence", "photos")
VENUE_FIELDS = ("name", "address", "access", "online")
INPUT_FIELDS = ("title", "speaker", "role", "kind", "url", "summary")
GROUP_FIELDS = ("group", "participants", "question", "notes", "notes_file")
POINT_FIELDS = ("point", "support")
OUTCOME_FIELDS = ("id", "title", "detail", "kind", "directed_to", "themes", "status", "asked", "respond_by", "updates",
                  "verdicts")
UPDATE_FIELDS = ("date", "status", "from", "response", "promised_by", "note", "link")
EVIDENCE_FIELDS = ("to", "inquiry", "deadline", "outcomes", "reference", "url", "word_limit", "language")

DROPPED = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), "a picture",
     "Pictures in notes would load from elsewhere; add photos under `photos:` instead."),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>"), "an HTML tag",
     "Use Markdown instead, e.g. **bold** or [words](https://...)."),
)
LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")  # the address of a Markdown link [words](address)


MAX_SLUG = 100  # the slug is a folder in the site, and names files such as <slug>.ics


def is_valid_slug(slug: str) -> bool:
    return len(slug) <= MAX_SLUG and bool(SLUG.match(slug))


class _Reader(FieldReader):
    """A record's fields, with what the site leaves out of its Markdown and what must never be published."""

    def markdown(self, d: LDict | None, key: str, text: str, line: int | None = None) -> str:
        """Warn about what the published page will leave out of Markdown text,
        so nothing a volunteer typed disappears unnoticed."""
        first = line if line is not None else d.value_line(key)
        for pattern, what, hint in DROPPED:
            match = pattern.search(text)
            if match:
                self.warning(first + text.count("\n", 0, match.start()),
                             f"`{key}` contains {what} (`{match.group(0)[:30]}`), which the site leaves out.", hint)
        for match in LINK.finditer(text):
            address = match.group(1)
            if web_address(address) == address:
                continue
            line = first + text.count("\n", 0, match.start())
            if web_address(address):
                self.warning(line, f"The link `{address[:60]}` in `{key}` has no https:// at the start; the site adds it.",
                             f"Write the full address, `https://{address[:60]}`, so it is right everywhere.")
            else:
                self.warning(line, f"The link `{address[:60]}` in `{key}` is not a web address, so the site shows "
                             "its words without the link.", "Link to a page starting with https://, or remove the link.")
        return text

    def safeguard(self, text: str, line: int, field: str) -> None:
        for finding in find_contact_details(text):
            self.error(line + finding.line_offset,
                       f"`{field}` contains what looks like {finding.article} ({masked(finding.text)}); published notes must never identify anyone.",
                       f"Remove the {finding.kind}. If it belongs to an organisation, link to its website instead.")


def check_record(root: Path, folder: Path, problems: Problems, settings=None) -> m.Assembly | None:
    """Validate ``folder/assembly.yml``; report problems; return the model or None.

    `settings` (bodies.Settings) knows the aliases of the bodies outcomes are sent to."""
    path = folder / "assembly.yml"
    shown = relpath(root, path)
    r = _Reader(shown, problems)
    if path.is_symlink() and not path.resolve().is_relative_to(folder.resolve()):
        r.error(0, "assembly.yml is a link to a file outside this folder.", "Replace the link with the file itself.")
        return None
    text = read_text(path, shown, problems)
    if text is None:
        return None
    before = len(problems.errors)
    data = load_yaml(text, shown, problems)
    if data is None:
        if len(problems.errors) == before:
            r.error(1, "assembly.yml is empty.", "Start from `folkmoot new \"Title\" --date YYYY-MM-DD`, which writes a complete example.")
        return None
    d = r.mapping(data, 1, "assembly.yml", "`title: People's Assembly on Heat` on one line, `date: 2025-07-10` on the next.")
    if d is None:
        return None
    r.unknown_keys(d, TOP_FIELDS, "of an assembly")

    title = r.text(d, "title", required=True)
    date = r.date(d, "date", required=True)
    time = ""
    if "time" in d and d["time"] is not None:
        raw = d["time"]
        if isinstance(raw, int) and not isinstance(raw, bool):
            r.error(d.line_of("time"), "`time` was read as a number because it is not in quotes.",
                    'Put the time in double quotes, e.g. `time: "18:30-20:30"`.')
        elif not isinstance(raw, str) or not TIME.match(raw.strip()):
            r.error(d.line_of("time"), f"`time` is {describe(raw)}, not a time or time range.",
                    'Write it as 24-hour times in quotes, e.g. `time: "18:30-20:30"`.')
        else:
            time = raw.strip()
            parts = re.split(r"\s*[-–]\s*", time)
            if len(parts) == 2 and minutes(parts[1]) <= minutes(parts[0]):
                r.error(d.line_of("time"), f"`time` is `{time}`: it ends before it starts.",
                        'Write the start first, e.g. `time: "18:30-20:30"`.')
                time = ""
    draft = r.boolean(d, "draft") or False
    public = settings.public if settings is not None else True
    if draft and public:
        r.warning(d.line_of("draft"), "This draft is not published on the site, but the repository is public: "
                  "anyone can read its text on GitHub now.",
                  "Keep notes that must stay private out of the repository until they are ready, or publish from "
                  "a private repository (then set `repository: private` in mkdocs.yml).")
    language = _language(r, d)
    if date and not draft:
        _folder_matches(r, d, folder.name, date)

    venue = m.Venue()
    if d.get("venue") is not None:
        v = r.mapping(d["venue"], d.line_of("venue"), "`venue`", "`venue:` then indented `name: ...`, `address: ...`.")
        if v is not None:
            r.unknown_keys(v, VENUE_FIELDS, "of a venue")
            venue = m.Venue(name=r.text(v, "name"), address=r.text(v, "address"),
                            access=r.text(v, "access"), online=r.link(v, "online"))

    summary = r.markdown(d, "summary", r.text(d, "summary"))

    recap_file = ""
    recap = ""
    if d.get("recap") is not None:
        recap_file = r.text(d, "recap")
        if recap_file:
            found = resolve_inside(folder, recap_file, shown, d.line_of("recap"), problems, "recap")
            if found is not None:
                recap_shown = relpath(root, found)
                recap = read_text(found, recap_shown, problems) or ""
                recap_reader = _Reader(recap_shown, problems)
                recap_reader.safeguard(recap, 1, "recap")
                recap_reader.markdown(None, "recap", recap, 1)

    questions = []
    q_list = r.sequence(d, "questions", "`questions:` then lines like `  - Are we prepared for flooding?`")
    for i, q in enumerate(q_list):
        if isinstance(q, str) and q.strip():
            questions.append(q.strip())
            r.safeguard(q, q_list.line_of(i), "questions")
        else:
            r.error(q_list.line_of(i), f"Question {i + 1} should be one line of text, but it is {describe(q)}.",
                    "Write each question as `- Question text?`; put it in double quotes if it contains a colon.")
            questions.append("")

    assembly = m.Assembly(
        slug=folder.name, folder=folder, title=title, date=date or dt.date.min, time=time, draft=draft, language=language,
        venue=venue, registration=r.link(d, "registration"), organisers=r.text_list(d, "organisers"),
        themes=_theme_list(r, d), summary=summary,
        attendance=r.integer(d, "attendance", 0, 1_000_000), recap_video=r.link(d, "recap_video"),
        recap=recap, recap_file=recap_file, questions=questions,
    )
    assembly.input = list(_inputs(r, d))
    assembly.deliberation = list(_groups(r, d, root, folder, problems, len(questions)))
    assembly.integration = list(_points(r, d))
    assembly.outcomes = _outcomes(r, d, assembly, settings)
    assembly.evidence = list(_evidence(r, d, {o.id for o in assembly.outcomes}))
    assembly.photos = list(photo_entries(r, d, folder, problems, public))
    if not title or date is None:
        return None
    return assembly


def _inputs(r: _Reader, d: LDict):
    for i, e in items(r, d, "input", "`- title: ...` with `speaker:`, `kind: talk` indented below.", "Item"):
        r.unknown_keys(e, INPUT_FIELDS, "of an input item")
        summary = r.markdown(e, "summary", r.text(e, "summary"))
        yield m.InputItem(title=r.text(e, "title", required=True, where=f" in input item {i + 1}"),
                          speaker=r.text(e, "speaker"), role=r.text(e, "role"),
                          kind=r.choice(e, "kind", m.INPUT_KINDS, "talk"), url=r.link(e, "url"), summary=summary)


def _groups(r: _Reader, d: LDict, root: Path, folder: Path, problems: Problems, n_questions: int):
    for i, e in items(r, d, "deliberation", "`- group: Table 1` with `notes: |` indented below.", "Group"):
        r.unknown_keys(e, GROUP_FIELDS, "of a group")
        label = r.text(e, "group", required=True, where=f" in group {i + 1}") or f"Group {i + 1}"
        question = r.integer(e, "question", 1, 1000)
        if question is not None and question > n_questions:
            r.error(e.line_of("question"), f"`question: {question}` points to question {question}, but this record lists {n_questions} question{'s' if n_questions != 1 else ''}.",
                    "Questions are numbered from 1 in the order of the `questions:` list.")
            question = None
        notes = r.markdown(e, "notes", r.text(e, "notes"))
        notes_file = r.text(e, "notes_file")
        if notes and notes_file:
            r.error(e.line_of("notes_file"), "This group has both `notes` and `notes_file`.",
                    "Keep one: either type the notes under `notes: |`, or point `notes_file` at a Markdown file.")
        elif notes_file:
            found = resolve_inside(folder, notes_file, r.shown, e.line_of("notes_file"), problems, "notes_file")
            if found is not None:
                shown = relpath(root, found)
                notes = read_text(found, shown, problems) or ""
                file_reader = _Reader(shown, problems)
                file_reader.safeguard(notes, 1, "notes")
                file_reader.markdown(None, "notes", notes, 1)
        yield m.Group(group=label, notes=notes, participants=r.integer(e, "participants", 1, 1000),
                      question=question, notes_file=notes_file)


def _points(r: _Reader, d: LDict):
    for i, e in items(r, d, "integration", "`- point: ...` with `support: strong` indented below.", "Point"):
        r.unknown_keys(e, POINT_FIELDS, "of an integration point")
        point = r.text(e, "point", required=True, where=f" in integration point {i + 1}")
        if point:
            yield m.IntegrationPoint(point=point, support=r.choice(e, "support", m.SUPPORT_LEVELS))


def _outcomes(r: _Reader, d: LDict, assembly: m.Assembly, settings=None) -> list[m.Outcome]:
    canonical = settings.canonical if settings is not None else (lambda name: " ".join(name.split()))
    outcomes: list[m.Outcome] = []
    seen: dict[str, int] = {}
    for i, e in items(r, d, "outcomes", "`- id: map-flood-risk` with `title: ...` indented below.", "Outcome"):
        r.unknown_keys(e, OUTCOME_FIELDS, "of an outcome")
        oid = str(i + 1)
        if e.get("id") is not None:
            raw = e["id"]
            if not isinstance(raw, str) or not SLUG.match(raw):
                r.error(e.line_of("id"), f"The outcome id `{raw}` is not well formed.",
                        "Use lowercase letters, digits and hyphens only, e.g. `id: map-flood-risk`.")
            else:
                oid = raw
        if oid in seen:
            r.error(e.line_of("id") if "id" in e else e.line, f"The outcome id `{oid}` is used twice (first on line {seen[oid]}).",
                    "Give every outcome its own id; ids are the stable addresses people link to.")
        seen.setdefault(oid, e.line_of("id") if "id" in e else e.line)
        directed_to = r.text_list(e, "directed_to")
        bodies = {canonical(b): b for b in directed_to}
        asked, respond_by = r.date(e, "asked"), r.date(e, "respond_by")
        if asked and assembly.date and asked < assembly.date:
            r.error(e.line_of("asked"), f"`asked` ({asked}) is before the assembly itself ({assembly.date}).",
                    "Write the day the outcome was sent to the bodies in `directed_to`, on or after the assembly.")
        if asked and respond_by and respond_by < asked:
            r.error(e.line_of("respond_by"), f"`respond_by` ({respond_by}) is before `asked` ({asked}).",
                    "The deadline for an answer comes after the day it was asked.")
        if asked and answers.after_today(asked, settings):
            r.error(e.line_of("asked"), f"`asked` is {asked}, which has not come yet; it records the day the outcome "
                    "was sent.", "Write the day it was sent, or leave `asked` out until it has been.")
        if (asked or respond_by) and not directed_to:
            r.error(e.line_of("asked" if asked else "respond_by"), "This outcome says when it was asked, but not who.",
                    "Add `directed_to: [Body name]`.")
        updates = []
        answered: dict[str, int] = {}
        mistaken: set[str] = set()  # bodies whose answer has a mistake of its own: a verdict on it says nothing more
        u_seq = r.sequence(e, "updates", "`- date: 2025-01-14` with `status:` and `note:` indented below.")
        for j, item in enumerate(u_seq):
            u = r.mapping(item, u_seq.line_of(j), f"Update {j + 1}", "`- date: 2025-01-14` with `status:` and `note:` indented below.")
            if u is None:
                continue
            r.unknown_keys(u, UPDATE_FIELDS, "of an update")
            udate = r.date(u, "date", required=True)
            if udate is None:
                if isinstance(u.get("from"), str):
                    mistaken.add(canonical(u["from"]))
                continue
            if updates and udate < updates[-1].date:
                r.error(u.line_of("date"), f"This update ({udate}) is dated before the one above it ({updates[-1].date}).",
                        "List updates oldest first, so the last one gives the current status.")
            source, response = r.text(u, "from"), r.choice(u, "response", m.RESPONSES)
            if response and not source:
                r.error(u.line_of("response"), "`response` says how a body answered, but `from` does not say which body.",
                        "Add `from:` with the body's name as it is written in `directed_to`.")
            if source and canonical(source) not in bodies:
                names = sorted(bodies.values())
                close = difflib.get_close_matches(source, names, n=1, cutoff=0.5)
                hint = (f"Did you mean `{close[0]}`? " if close else "") + (
                    f"`from` must be one of this outcome's `directed_to`: {', '.join(names)}." if names else
                    "Add the body to this outcome's `directed_to` first.")
                r.error(u.line_of("from"), f"`from: {source}` is not among the bodies this outcome was sent to.", hint)
                mistaken.add(canonical(source))
            elif source and canonical(source) in answered and response:
                r.warning(u.line_of("from"), f"{source} already answered on line {answered[canonical(source)]}; "
                          "the first answer is the one counted.", "Leave out `response:` on later updates from the same body.")
            if source and response:
                answered.setdefault(canonical(source), u.line_of("from"))
            if answers.after_today(udate, settings):
                r.error(u.line_of("date"), f"This update is dated {udate}, which has not come yet; an update records "
                        "something that has happened.", "Check the year, or add the update once it has happened.")
            if asked and udate < asked and source:
                r.error(u.line_of("date"), f"This answer ({udate}) is dated before the outcome was asked ({asked}).",
                        "Check both dates.")
            updates.append(m.Update(date=udate, status=r.choice(u, "status", m.STATUSES), note=r.text(u, "note"),
                                    link=r.link(u, "link"), source=source, response=response, line=u.line,
                                    promised_by=answers.promised_by(r, u, source, udate)))
        shared = next((u.date for u in updates if u.status == "shared"), None)
        if respond_by and not asked and shared and respond_by < shared:
            r.error(e.line_of("respond_by"), f"`respond_by` ({respond_by}) is before the update that shared the "
                    f"outcome ({shared}), when the wait for an answer starts.", "Check both dates.")
        outcome = m.Outcome(
            id=oid, title=r.text(e, "title", required=True, where=f" in outcome {i + 1}"), detail=r.markdown(e, "detail", r.text(e, "detail")),
            kind=r.choice(e, "kind", m.OUTCOME_KINDS, "recommendation"), directed_to=directed_to,
            themes=_theme_list(r, e) or list(assembly.themes), status=r.choice(e, "status", m.STATUSES),
            updates=updates, asked=asked, respond_by=respond_by, line=e.line,
            verdicts=answers.verdicts(r, e, canonical, [u for u in updates if canonical(u.source) not in mistaken],
                                      settings, mistaken),
            directed_to_line=e.line_of("directed_to") if "directed_to" in e else e.line, assembly=assembly)
        sent = asked and not answers.after_today(asked, settings)
        if outcome.current_status == "proposed" and (sent or any(u.source for u in updates)):
            r.warning(e.line_of("status") if "status" in e else e.line,
                      f"`{oid}` was sent{f' on {asked}' if asked else ''} and may have been answered, but its status "
                      "is still `proposed`, so the site shows it as Proposed.",
                      "Add an update with `status: shared` on the day it was sent (or the status it has reached since).")
        if outcome.title:
            outcomes.append(outcome)
    return outcomes


def _theme_list(r: _Reader, d: LDict) -> list[str]:
    """`themes`, where a line like `themes: flooding, heat` (no brackets) is one theme called
    that to YAML, so it is refused rather than published as one."""
    value = d.get("themes")
    if isinstance(value, str) and "," in value:
        r.error(d.line_of("themes"), f"`themes: {value.strip()}` is one theme to YAML, with commas in its name.",
                f"Put the themes in square brackets: `themes: [{value.strip()}]`.")
        return []
    return r.text_list(d, "themes")


def _folder_matches(r: _Reader, d: LDict, name: str, date: dt.date) -> None:
    """A published record's folder is its page's address for good: it must carry the record's
    own date, and not the name `folkmoot init` gave the starter record."""
    found = re.match(r"(\d{4}-\d{2}-\d{2})-(.*)", name)
    topic = found[2] if found and found[2] != "example" else "topic"
    if found and found[1] != date.isoformat():
        r.error(d.line_of("date"), f"The folder is named for {found[1]}, but `date:` says {date}: the page's address "
                "comes from the folder's name, and renaming it once published breaks every link to it.",
                f"Rename the folder to `{date}-{topic}` before publishing (keep `draft: true` until then).")
    elif name.endswith("-example"):
        r.error(d.line_of("draft") if "draft" in d else d.line_of("date"),
                "This folder is still called `...-example`, the name `folkmoot init` gave the starter record: "
                "published, its address would say so for good.",
                f"Rename the folder to `{date}-` and a word or two about the topic, e.g. `{date}-flooding`, "
                "before publishing.")


def _language(r: _Reader, d: LDict) -> str:
    language = r.text(d, "language")
    if language and not LANGUAGE.match(language):
        r.error(d.line_of("language"), f"`language` is `{language}`, which is not a language tag.",
                "Write a BCP 47 tag such as `cy` (Welsh), `en-GB`, `fr` or `bn` (Bengali).")
        return ""
    return language


def _evidence(r: _Reader, d: LDict, outcome_ids: set[str]):
    for i, e in items(r, d, "evidence", "`- to: House of Commons ... Committee` with `inquiry: ...` indented below.", "Entry"):
        r.unknown_keys(e, EVIDENCE_FIELDS, "of an evidence entry")
        wanted = r.text_list(e, "outcomes")
        for oid in wanted:
            if oid not in outcome_ids:
                close = difflib.get_close_matches(oid, sorted(outcome_ids), n=1, cutoff=0.6)
                r.error(e.line_of("outcomes"), f"Evidence entry {i + 1} lists the outcome `{oid}`, but no outcome has that id.",
                        f"Did you mean `{close[0]}`?" if close else "Use the `id:` of an outcome in this record.")
        word_limit = r.integer(e, "word_limit", 100, 100_000)
        yield m.Evidence(to=r.text(e, "to", required=True, where=f" in evidence entry {i + 1}"),
                         inquiry=r.text(e, "inquiry"), deadline=r.date(e, "deadline"), outcomes=wanted,
                         reference=r.text(e, "reference"), url=r.link(e, "url"),
                         word_limit=word_limit if word_limit is not None else 3000, language=_language(r, e),
                         line=e.line)

