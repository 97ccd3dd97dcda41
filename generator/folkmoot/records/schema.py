"""The record format as a JSON Schema, published with the site for other tools.

Built from the same field lists and allowed values as `validate`, so the
two cannot drift apart; `validate` remains the authority (it also checks
files, safeguarding and cross-references, which a schema cannot).
"""

from __future__ import annotations

from folkmoot.records import answers, model as m
from folkmoot.records import validate as v
from folkmoot.records.photo_entries import PHOTO_FIELDS

DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
LINK = {"type": "string", "format": "uri", "pattern": "^https?://"}
TEXT = {"type": "string", "minLength": 1}
NAMES = {"oneOf": [TEXT, {"type": "array", "items": TEXT}]}
SLUG = {"type": "string", "pattern": v.SLUG.pattern}


def _object(fields: tuple[str, ...], properties: dict, required: tuple[str, ...] = ()) -> dict:
    assert set(properties) == set(fields), set(fields) ^ set(properties)
    return {"type": "object", "additionalProperties": False, "required": list(required),
            "properties": {name: properties[name] for name in fields}}


def record_schema(base_url: str = "") -> dict:
    update = _object(v.UPDATE_FIELDS, {"date": DATE, "status": {"enum": list(m.STATUSES)}, "note": TEXT,
                                       "link": LINK, "from": {**TEXT, "description": "one of the outcome's directed_to"},
                                       "response": {"enum": list(m.RESPONSES)},
                                       "promised_by": {**DATE, "description": "with from: when the body said it would act"}},
                     ("date",))
    update["dependentRequired"] = {"response": ["from"], "promised_by": ["from"]}
    verdict = _object(answers.VERDICT_FIELDS, {
        "date": DATE, "on": {**TEXT, "description": "a body that answered, one of directed_to"},
        "verdict": {"enum": list(m.VERDICTS)}, "score": {"type": "integer", "minimum": 0, "maximum": 10},
        "at": {**SLUG, "description": "the assembly (folder) where the answer was judged"}, "note": TEXT},
        ("date", "on", "verdict"))
    outcome = _object(v.OUTCOME_FIELDS, {
        "id": SLUG, "title": TEXT, "detail": {"type": "string", "description": "Markdown"},
        "kind": {"enum": list(m.OUTCOME_KINDS)}, "directed_to": NAMES, "themes": NAMES,
        "status": {"enum": list(m.STATUSES)}, "asked": DATE, "respond_by": DATE,
        "updates": {"type": "array", "items": update}, "verdicts": {"type": "array", "items": verdict}}, ("title",))
    schema = _object(v.TOP_FIELDS, {
        "title": TEXT,
        "date": DATE,
        "time": {"type": "string", "pattern": v.TIME.pattern},
        "draft": {"type": "boolean"},
        "language": {"type": "string", "pattern": v.LANGUAGE.pattern, "description": "BCP 47 tag; default the site's"},
        "venue": _object(v.VENUE_FIELDS, {"name": TEXT, "address": TEXT, "access": TEXT, "online": LINK}),
        "registration": LINK,
        "organisers": NAMES,
        "themes": NAMES,
        "summary": {"type": "string", "description": "Markdown, 1-3 sentences"},
        "attendance": {"type": "integer", "minimum": 0},
        "recap_video": LINK,
        "recap": {"type": "string", "description": "path of a Markdown file inside the assembly's folder"},
        "input": {"type": "array", "items": _object(v.INPUT_FIELDS, {
            "title": TEXT, "speaker": TEXT, "role": TEXT, "kind": {"enum": list(m.INPUT_KINDS)}, "url": LINK,
            "summary": {"type": "string", "description": "Markdown"}}, ("title",))},
        "questions": {"type": "array", "items": TEXT},
        "deliberation": {"type": "array", "items": _object(v.GROUP_FIELDS, {
            "group": TEXT, "participants": {"type": "integer", "minimum": 1},
            "question": {"type": "integer", "minimum": 1},
            "notes": {"type": "string", "description": "Markdown"},
            "notes_file": {"type": "string", "description": "path of a Markdown file inside the assembly's folder"}},
            ("group",))},
        "integration": {"type": "array", "items": _object(v.POINT_FIELDS, {
            "point": TEXT, "support": {"enum": list(m.SUPPORT_LEVELS)}}, ("point",))},
        "outcomes": {"type": "array", "items": outcome},
        "evidence": {"type": "array", "items": _object(v.EVIDENCE_FIELDS, {
            "to": TEXT, "inquiry": TEXT, "deadline": DATE, "outcomes": NAMES, "reference": TEXT, "url": LINK,
            "word_limit": {"type": "integer", "minimum": 100},
            "language": {"type": "string", "pattern": v.LANGUAGE.pattern,
                         "description": "BCP 47 tag; default English for Parliament, else the site's"}}, ("to",))},
        "photos": {"type": "array", "items": _object(PHOTO_FIELDS, {
            "file": TEXT, "alt": TEXT, "caption": TEXT, "credit": TEXT, "consent": {"type": "boolean"}},
            ("file", "alt"))},
    }, ("title", "date"))
    schema.update({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{base_url.rstrip('/')}/data/record.schema.json" if base_url else "record.schema.json",
        "title": "People's Assembly record (assemblies/<slug>/assembly.yml)",
        "description": "The folkmoot record format. Dates are YAML dates (shown here as ISO strings).",
    })
    return schema
