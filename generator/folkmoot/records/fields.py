"""Typed access to a record's YAML, reporting every problem at its line.

`FieldReader` reads text, dates, numbers, choices and links from one
mapping; `validate` builds the record's model with it, section by section.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from urllib.parse import urlsplit

from folkmoot.problems import Problems
from folkmoot.records.yamlload import InvalidScalar, LDict, LList

MISSING = object()
# a folder name, an outcome's id, an assembly named in `at:`: lowercase words joined by hyphens
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FIRST_YEAR, LAST_YEAR = 1900, 2200  # far-off dates are typos, and overflow date arithmetic


class FieldReader:
    """Typed access to one YAML mapping, reporting problems at the right line."""

    def __init__(self, shown: str, problems: Problems):
        self.shown = shown
        self.problems = problems

    def error(self, line: int, message: str, hint: str = "") -> None:
        self.problems.error(self.shown, line, message, hint)

    def warning(self, line: int, message: str, hint: str = "") -> None:
        self.problems.warning(self.shown, line, message, hint)

    def mapping(self, value, line: int, what: str, example: str) -> LDict | None:
        if isinstance(value, LDict):
            return value
        self.error(getattr(value, "line", line), f"{what} should be a set of `field: value` lines, but it is {describe(value)}.",
                   f"Write it like this: {example}")
        return None

    def sequence(self, d: LDict, key: str, example: str) -> LList:
        value = d.get(key)
        if value is None:
            return LList()
        if isinstance(value, LList):
            return value
        self.error(d.line_of(key), f"`{key}` should be a list (lines starting with `- `), but it is {describe(value)}.",
                   f"Write it like this: {example}")
        return LList()

    def unknown_keys(self, d: LDict, allowed: tuple[str, ...], where: str) -> None:
        for key in d:
            if key in allowed:
                continue
            line = d.line_of(key)
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            hint = f"Did you mean `{close[0]}`?" if close else f"The fields allowed {where} are: {', '.join(allowed)}."
            self.error(line, f"`{key}` is not a field {where}.", hint)

    def text(self, d: LDict, key: str, required: bool = False, where: str = "") -> str:
        value = d.get(key, MISSING)
        line = d.line_of(key) if key in d else d.line
        if value is MISSING or value is None or (isinstance(value, str) and not value.strip()):
            if required:
                missing = "missing" if value is MISSING else "empty"
                self.error(line, f"`{key}` is {missing}{where}; it is required.", f"Add a line such as `{key}: ...`.")
            return ""
        if isinstance(value, bool) or isinstance(value, (LDict, LList, dt.date)):
            self.error(line, f"`{key}` should be text, but it is {describe(value)}.",
                       f"Put the text in double quotes, e.g. `{key}: \"...\"`.")
            return ""
        if isinstance(value, (int, float)):
            return str(value)
        text = str(value).strip() if "\n" not in str(value).strip() else str(value)
        self.safeguard(text, d.value_line(key), key)
        return text

    def text_list(self, d: LDict, key: str) -> list[str]:
        value = d.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value.strip()] if value.strip() else []
        if not isinstance(value, LList):
            self.error(d.line_of(key), f"`{key}` should be a list of names, but it is {describe(value)}.",
                       f"Write it like this: `{key}: [First, Second]`.")
            return []
        result = []
        for i, item in enumerate(value):
            if isinstance(item, (str, int)) and not isinstance(item, bool) and str(item).strip():
                result.append(str(item).strip())
                self.safeguard(result[-1], value.line_of(i), key)
            else:
                self.error(value.line_of(i), f"Each entry of `{key}` should be a short piece of text, but one is {describe(item)}.",
                           "Remove the empty or nested entry.")
        return result

    def date(self, d: LDict, key: str, required: bool = False) -> dt.date | None:
        value = d.get(key)
        line = d.line_of(key)
        if value is None:
            if required:
                self.error(line, f"`{key}` is missing; it is required.", f"Add `{key}: 2025-07-10` (year-month-day).")
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            if not FIRST_YEAR <= value.year <= LAST_YEAR:
                self.error(line, f"`{key}` is {value.isoformat()}, which is not a year anyone will hold an assembly in.",
                           f"Check the year; dates from {FIRST_YEAR} to {LAST_YEAR} are accepted.")
                return None
            return value
        if isinstance(value, InvalidScalar):
            self.error(line, f"`{key}` is `{value}`, which is not a real date ({value.reason}).",
                       "Check the month and day; write it as year-month-day, e.g. 2025-07-10.")
            return None
        self.error(line, f"`{key}` is {describe(value)}, not a date.",
                   f"Write it as year-month-day without quotes, e.g. `{key}: 2025-07-10`.")
        return None

    def integer(self, d: LDict, key: str, minimum: int = 0, maximum: int = 10_000_000) -> int | None:
        value = d.get(key)
        if value is None:
            return None
        line = d.line_of(key)
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(line, f"`{key}` should be a whole number, but it is {describe(value)}.",
                       f"Write just the number, e.g. `{key}: 40`.")
            return None
        if not minimum <= value <= maximum:
            self.error(line, f"`{key}` is {value}, outside the sensible range {minimum} to {maximum:,}.",
                       "Check the number.")
            return None
        return value

    def boolean(self, d: LDict, key: str) -> bool | None:
        value = d.get(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.error(d.line_of(key), f"`{key}` should be true or false, but it is {describe(value)}.",
                       f"Write `{key}: true` or `{key}: false`.")
            return None
        return value

    def choice(self, d: LDict, key: str, allowed: tuple[str, ...], default: str = "") -> str:
        value = d.get(key)
        if value is None:
            return default
        if not isinstance(value, str) or value not in allowed:
            close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6)
            hint = (f"Did you mean `{close[0]}`? " if close else "") + f"Use one of: {', '.join(allowed)}."
            self.error(d.line_of(key), f"`{key}` is `{value}`, which is not one of the allowed values.", hint)
            return default
        return value

    def link(self, d: LDict, key: str) -> str:
        value = d.get(key)
        if value is None:
            return ""
        line = d.line_of(key)
        if not isinstance(value, str) or not is_web_link(value):
            self.error(line, f"`{key}` should be a web address starting with https:// (or http://), but it is `{value}`.",
                       "Copy the full address from the browser's address bar.")
            return ""
        return value.strip()


def minutes(hhmm: str) -> int:
    hours, minutes = hhmm.strip().split(":")
    return int(hours) * 60 + int(minutes)


def is_web_link(value: str) -> bool:
    value = value.strip()
    if not value or any(c.isspace() for c in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def describe(value) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"`{str(value).lower()}` (yes/no)"
    if isinstance(value, LDict):
        return "a block of fields"
    if isinstance(value, LList):
        return "a list"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    text = str(value)
    return f"the text `{text[:40]}{'…' if len(text) > 40 else ''}`"


def items(r: FieldReader, d: LDict, key: str, example: str, what: str):
    """Yield (index, mapping) for each well-formed entry of the list ``key``."""
    seq = r.sequence(d, key, example)
    for i, item in enumerate(seq):
        entry = r.mapping(item, seq.line_of(i), f"{what} {i + 1} in `{key}`", example)
        if entry is not None:
            yield i, entry
