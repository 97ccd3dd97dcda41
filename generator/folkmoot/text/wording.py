"""Record text put inside folkmoot's own sentences."""

from __future__ import annotations

import re

# An article starting a label written to stand alone ("A resident of Northfield")
LEADING_ARTICLE = re.compile(r"^(A|An|The|Un|Une|Le|La|Les)(?= [a-zà-ÿ])")


def in_sentence(value: str) -> str:
    """A speaker written as a label of its own, put inside a sentence: "Story by a resident",
    not "Story by A resident". Only an article followed by a lower-case word is lowered, so
    a name ("The Wharf Tenants") is left as it is."""
    return LEADING_ARTICLE.sub(lambda m: m[1].lower(), value) if isinstance(value, str) else value


def colon(primary: str) -> str:
    """The colon a template puts after translated words ("Access: ..."): French sets it off
    with a no-break space ("Accessibilité : ..."), which no line may break before."""
    return "\u00a0:" if primary == "fr" else ":"


TIMES = re.compile(r"^\s*(\d{1,2}):(\d{2})(?:\s*[-–]\s*(\d{1,2}):(\d{2}))?\s*$")


def time_range(value: str, primary: str) -> str:
    """A record's `time:` ("18:30-20:30") as the language writes it: "18:30–20:30" with an en
    dash, or in French "18 h 30 – 20 h 30". Text that is not a time is left as it is."""
    found = TIMES.match(str(value or ""))
    if not found:
        return value

    def one(hours: str, minutes: str) -> str:
        if primary == "fr":
            return f"{int(hours)}\u00a0h" + ("" if minutes == "00" else f"\u00a0{minutes}")
        return f"{int(hours):02d}:{minutes}"

    start = one(found[1], found[2])
    if not found[3]:
        return start
    return start + ("\u00a0– " if primary == "fr" else "–") + one(found[3], found[4])


def capitalised(text: str) -> str:
    """A date that starts a line ("jeudi 13 novembre 2025" in French) with a capital."""
    return text[:1].upper() + text[1:]
