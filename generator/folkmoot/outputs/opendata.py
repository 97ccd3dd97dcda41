"""Open data: CSV tables and a JSON dump of everything published.

Columns and their meanings are declared once, here; the CSV files and the
data page that documents them are both built from these declarations.
Cells that a spreadsheet would run as a formula are made inert.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from folkmoot.views.site import Site
from folkmoot.text.i18n import N_
from folkmoot.records.model import Assembly, Outcome
from folkmoot.views import urls

if TYPE_CHECKING:  # pandas takes a third of a second to import; only the data files need it
    import pandas as pd


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str


TABLES: dict[str, tuple[str, list[Column]]] = {
    "assemblies.csv": (N_("One row per published assembly, newest first."), [
        Column("slug", N_("The assembly's identifier; its page's address is /assemblies/ followed by it.")),
        Column("title", N_("The assembly's title.")),
        Column("date", N_("The date it was (or will be) held, YYYY-MM-DD.")),
        Column("time", N_("Local start and end time, e.g. 18:30-20:30; empty if not given.")),
        Column("state", N_("`upcoming` or `past`, on the day the site was built.")),
        Column("venue", N_("The venue's name.")),
        Column("address", N_("The venue's address.")),
        Column("access", N_("Access information for the venue.")),
        Column("online", N_("Link to join online, for hybrid or online assemblies.")),
        Column("organisers", N_("Organising groups, separated by semicolons.")),
        Column("themes", N_("Themes, separated by semicolons.")),
        Column("attendance", N_("Number of people who took part; empty if not recorded.")),
        Column("groups", N_("Number of small groups in the deliberation.")),
        Column("integration_points", N_("Number of key points shared back in the integration.")),
        Column("outcomes", N_("Number of outcomes (recommendations, actions, questions).")),
        Column("summary", N_("A one-to-three sentence summary (Markdown).")),
        Column("url", N_("The assembly's page on this site.")),
    ]),
    "outcomes.csv": (N_("One row per outcome of a published assembly, with its current status."), [
        Column("assembly", N_("The slug of the assembly the outcome came from.")),
        Column("assembly_date", N_("The date of that assembly.")),
        Column("id", N_("The outcome's identifier within its assembly.")),
        Column("title", N_("What the outcome asks for or commits to.")),
        Column("kind", N_("`recommendation`, `community-action` or `question`.")),
        Column("directed_to", N_("Who is asked to act, separated by semicolons.")),
        Column("themes", N_("Themes, separated by semicolons.")),
        Column("status", N_("Current status: the last update's status, else the outcome's own, else `proposed`.")),
        Column("last_update", N_("Date of the most recent follow-up update; empty if none.")),
        Column("last_update_note", N_("What that update said.")),
        Column("updates", N_("How many follow-up updates there are.")),
        Column("url", N_("The outcome on its assembly's page.")),
    ]),
    "updates.csv": (N_("One row per follow-up update, oldest first within each outcome."), [
        Column("assembly", N_("The slug of the assembly.")),
        Column("outcome", N_("The outcome's identifier.")),
        Column("date", N_("When the update happened, YYYY-MM-DD.")),
        Column("status", N_("The status it moved the outcome to; empty if unchanged.")),
        Column("note", N_("What happened.")),
        Column("link", N_("A source for the update, such as minutes or a letter.")),
    ]),
    "responses.csv": (N_("One row per outcome and body it was sent to: who was asked, and whether and when they answered."), [
        Column("assembly", N_("The slug of the assembly the outcome came from.")),
        Column("outcome", N_("The outcome's identifier within its assembly.")),
        Column("body", N_("The body asked, by its one name (aliases joined up).")),
        Column("asked", N_("When it was sent to them, YYYY-MM-DD: `asked`, else the first update with status `shared`; "
                        "empty if not sent yet.")),
        Column("deadline", N_("When an answer was due: `respond_by`, else `asked` plus the days the body has to answer.")),
        Column("answered", N_("When they answered, YYYY-MM-DD; empty if they have not.")),
        Column("answer", N_("Their answer: `accepted`, `partly`, `rejected` or `noted`; empty if none. This is what "
                         "they said, not whether it was done (see `status` in outcomes.csv).")),
        Column("days", N_("Days from being asked to the answer; or, while unanswered, days waiting so far (awaiting) "
                       "or days past the deadline (overdue, long overdue).")),
        Column("state", N_("`answered-on-time`, `answered-late`, `awaiting`, `overdue`, `long-overdue` or `not-sent`, "
                        "on the day the site was built.")),
        Column("promised_by", N_("The day by which the body said in its answer it would act (or decide), "
                              "YYYY-MM-DD; empty if it gave none.")),
        Column("promise", N_("`kept`, `kept-late`, `due` or `broken`, on the day the site was built; empty without "
                          "a promise.")),
        Column("verdict", N_("The assembly's latest judgement of the answer: `satisfied`, `partly satisfied` or "
                          "`not satisfied`; empty if it has not judged it.")),
        Column("verdict_score", N_("The room's score for the answer, 0 to 10, when it voted one.")),
        Column("verdict_date", N_("When the assembly judged the answer, YYYY-MM-DD.")),
    ]),
}


def _join(values: list[str]) -> str:
    return "; ".join(values)


def _inert(value):
    """Text starting = + - @ (or a tab/CR) runs as a formula in spreadsheets; prefix it with '."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def page_url(base: str, assembly: Assembly) -> str:
    return f"{base}{urls.recap(assembly.slug)}"


def frames(site: Site, base: str) -> dict[str, pd.DataFrame]:
    import pandas as pd

    today = site.today
    assemblies = [{
        "slug": a.slug, "title": a.title, "date": a.date.isoformat(), "time": a.time,
        "state": "upcoming" if a.is_upcoming(today) else "past", "venue": a.venue.name, "address": a.venue.address,
        "access": a.venue.access, "online": a.venue.online, "organisers": _join(a.organisers),
        "themes": _join(a.themes), "attendance": a.attendance, "groups": len(a.deliberation),
        "integration_points": len(a.integration), "outcomes": len(a.outcomes), "summary": a.summary.strip(),
        "url": page_url(base, a),
    } for a in site.upcoming[::-1] + site.past]
    assemblies.sort(key=lambda r: r["date"], reverse=True)
    outcomes = [{
        "assembly": o.assembly.slug, "assembly_date": o.assembly.date.isoformat(), "id": o.id, "title": o.title,
        "kind": o.kind, "directed_to": _join(o.directed_to), "themes": _join(o.themes), "status": o.current_status,
        "last_update": o.last_update.date.isoformat() if o.last_update else "",
        "last_update_note": o.last_update.note if o.last_update else "", "updates": len(o.updates),
        "url": f"{base}{urls.outcome(o.assembly.slug, o.id)}",
    } for o in site.outcomes]
    updates = [{
        "assembly": o.assembly.slug, "outcome": o.id, "date": u.date.isoformat(), "status": u.status,
        "note": u.note, "link": u.link,
    } for o in site.outcomes for u in o.updates]
    responses = [{
        "assembly": k.outcome.assembly.slug, "outcome": k.outcome.id, "body": k.body,
        "asked": k.asked.isoformat() if k.asked else "", "deadline": k.deadline.isoformat() if k.deadline else "",
        "answered": k.answer.date.isoformat() if k.answer else "", "answer": k.answer.response if k.answer else "",
        "days": k.days, "state": k.state,
        "promised_by": k.promise.by.isoformat() if k.promise else "", "promise": k.promise.state if k.promise else "",
        "verdict": k.verdict.verdict if k.verdict else "", "verdict_score": k.verdict.score if k.verdict else None,
        "verdict_date": k.verdict.date.isoformat() if k.verdict else "",
    } for o in site.outcomes for k in site.asks(o)]
    result = {}
    for name, rows in (("assemblies.csv", assemblies), ("outcomes.csv", outcomes), ("updates.csv", updates),
                       ("responses.csv", responses)):
        columns = [c.name for c in TABLES[name][1]]
        frame = pd.DataFrame(rows, columns=columns)
        for whole in ("attendance", "days", "verdict_score"):
            if whole in frame:
                frame[whole] = frame[whole].astype("Int64")
        result[name] = frame
    return result


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.map(_inert).to_csv(index=False, lineterminator="\n").encode("utf-8")


def _outcome_json(o: Outcome, base: str) -> dict:
    return {
        "id": o.id, "title": o.title, "detail": o.detail, "kind": o.kind, "directed_to": o.directed_to,
        "themes": o.themes, "status": o.status or None, "current_status": o.current_status,
        "url": f"{base}{urls.outcome(o.assembly.slug, o.id)}",
        "updates": [{"date": u.date.isoformat(), "status": u.status or None, "note": u.note, "link": u.link or None,
                     "from": u.source or None, "response": u.response or None,
                     "promised_by": u.promised_by.isoformat() if u.promised_by else None} for u in o.updates],
        "verdicts": [{"date": v.date.isoformat(), "on": v.on, "verdict": v.verdict, "score": v.score, "at": v.at or None,
                      "note": v.note} for v in o.verdicts],
    }


def assembly_json(a: Assembly, base: str, today, photos: list) -> dict:
    """`photos`: the assembly's published photos (`images.PublishedPhoto`); originals are never linked."""
    return {
        "slug": a.slug, "url": page_url(base, a), "title": a.title, "date": a.date.isoformat(),
        "time": a.time or None, "language": a.language or None, "state": "upcoming" if a.is_upcoming(today) else "past",
        "venue": {"name": a.venue.name, "address": a.venue.address, "access": a.venue.access,
                  "online": a.venue.online or None},
        "registration": a.registration or None, "organisers": a.organisers, "themes": a.themes,
        "summary": a.summary, "attendance": a.attendance, "recap_video": a.recap_video or None, "recap": a.recap,
        "input": [{"title": i.title, "speaker": i.speaker, "role": i.role, "kind": i.kind, "url": i.url or None,
                   "summary": i.summary} for i in a.input],
        "questions": a.questions,
        "deliberation": [{"group": g.group, "participants": g.participants, "question": g.question,
                          "notes": g.notes} for g in a.deliberation],
        "integration": [{"point": p.point, "support": p.support or None} for p in a.integration],
        "outcomes": [_outcome_json(o, base) for o in a.outcomes],
        "evidence": [{"to": e.to, "inquiry": e.inquiry, "deadline": e.deadline.isoformat() if e.deadline else None,
                      "outcomes": e.outcomes, "reference": e.reference or None, "url": e.url or None,
                      "word_limit": e.word_limit} for e in a.evidence],
        "photos": [{"url": f"{page_url(base, a)}{p.largest.uri}", "width": p.largest.width, "height": p.largest.height,
                    "alt": p.photo.alt, "caption": p.photo.caption, "credit": p.photo.credit} for p in photos],
    }


PARTS = "\0folkmoot: the assemblies go here\0"  # no record's text can hold a NUL: YAML refuses it


def json_bytes(site: Site, base: str, generated: str, photos, kept=None) -> bytes:
    """`photos(assembly)`: its published photos, as the pages show them. `kept(assembly, make)`:
    an assembly's part as an earlier build made it from the same record (`Kept.get`), or `make()`.

    The file is indented, which Python's JSON encoder does only in Python, record by record:
    at 1,000 assemblies that was most of the time after one edit. So each assembly is
    encoded on its own, indented as it stands in the whole file, and kept."""
    org = site.project.organisation
    assemblies = site.upcoming + site.past
    data = {
        "generated": generated,
        "organisation": {"name": org.name, "about": " ".join(org.about.split()), "url": org.url or None},
        "assemblies": [PARTS] if assemblies else [],
    }
    whole = json.dumps(data, ensure_ascii=False, indent=1)

    def part(a) -> str:  # two levels in (the file's mapping, its list), one space each
        encoded = json.dumps(assembly_json(a, base, site.today, photos(a)), ensure_ascii=False, indent=1)
        return "\n".join("  " + line for line in encoded.split("\n"))  # JSON strings hold no line breaks

    if assemblies:
        parts = [kept(a, functools.partial(part, a)) if kept else part(a) for a in assemblies]
        whole = whole.replace("[\n  " + json.dumps(PARTS) + "\n ]", "[\n" + ",\n".join(parts) + "\n ]", 1)
    return whole.encode("utf-8")
