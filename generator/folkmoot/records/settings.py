"""The bodies outcomes are sent to, as the site's settings describe them.

One council is often written several ways ("Islington Council", "LB
Islington"); `recipients:` in mkdocs.yml names each body once, with its
aliases, its website and its own deadline, so that every count and page
treats it as one body. A body not listed there is known by its name as
written.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass, field

from folkmoot.problems import Problems
from folkmoot.records.fields import is_web_link

RESPONSE_DAYS, REVIEW_DAYS = 56, 182  # the contract's defaults


def normal(name: str) -> str:
    """One spelling of a name: spaces collapsed, and Unicode composed (NFC), so "Café"
    typed with an accented letter or with an e and a combining accent is one body."""
    return unicodedata.normalize("NFC", " ".join(str(name).split()))


@dataclass(frozen=True)
class Recipient:
    name: str
    aliases: tuple[str, ...] = ()
    url: str = ""
    response_days: int | None = None


@dataclass(frozen=True)
class Reports:
    """`reports: {every: 6 months, from: 2025-11-13}`: a progress report for each period."""

    months: int  # the length of each period
    start: dt.date  # the first period starts here


@dataclass
class Settings:
    """`response_days`, `review_days`, `recipients` and `repository` from the folkmoot plugin options."""

    response_days: int = RESPONSE_DAYS
    review_days: int = REVIEW_DAYS
    recipients: dict[str, Recipient] = field(default_factory=dict)
    public: bool = True  # the repository is public (free GitHub Pages needs it): whatever is committed is published
    # the day the site is built for: an update or `asked` after it has not happened yet. Part of
    # every checked record's cache key (through repr), so a record is checked again each day.
    today: dt.date | None = None
    reports: Reports | None = None
    # the bundled example: its fictional `.example` addresses are deliberate (see `placeholders`)
    example_site: bool = False
    form_sign_in: str = ""  # the address of a GitHub authenticator, for the form's "Sign In with GitHub"
    # `social:`: the hashtags of the ready-made posts, and for how long after its last news an
    # assembly keeps them on the site (posts are made where they will be posted: recent ones)
    hashtags: tuple[str, ...] = ()
    social_days: int = 365

    def __post_init__(self):
        self._index = {}
        for recipient in self.recipients.values():
            for name in (recipient.name, *recipient.aliases):
                self._index[normal(name).casefold()] = recipient.name

    def canonical(self, name: str) -> str:
        """The one name a body goes by: its `recipients` entry when a name or alias matches."""
        return self._index.get(normal(name).casefold(), normal(name))

    def days_for(self, body: str) -> int:
        recipient = self.recipients.get(self.canonical(body))
        return recipient.response_days if recipient and recipient.response_days else self.response_days

    def url_for(self, body: str) -> str:
        recipient = self.recipients.get(self.canonical(body))
        return recipient.url if recipient else ""


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if needle in normal(line):
            return number
    return 0


def _setting_line(text: str, key: str, after: int) -> int:
    """The line of a recipient's own `key:` (indented, after its name's line), never
    another of the same name such as `site_url:`; else the recipient's line."""
    for number, line in enumerate(text.splitlines(), 1):
        if number > after and line[:1].isspace() and line.strip().startswith(f"{key}:"):
            return number
    return after


def _days(value, name: str, where: str, problems: Problems, text: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 3650:
        problems.error("mkdocs.yml", _line_of(text, f"{name}:"), f"`{name}` {where}is `{value}`, not a number of days.",
                       f"Write a whole number of days from 1 to 3650, e.g. `{name}: 56`.")
        return None
    return value


def read_settings(options: dict, problems: Problems, text: str) -> Settings:
    """Validate and read the accountability settings; `text` is mkdocs.yml, for line numbers."""
    response_days = _days(options.get("response_days"), "response_days", "", problems, text)
    review_days = _days(options.get("review_days"), "review_days", "", problems, text)
    raw = options.get("recipients") or {}
    recipients: dict[str, Recipient] = {}
    if not isinstance(raw, dict):
        problems.error("mkdocs.yml", _line_of(text, "recipients:"), "`recipients` should be a set of body names.",
                       "Write each body's name followed by a colon, with `aliases:`, `url:` or `response_days:` "
                       "indented below it.")
        raw = {}
    seen: dict[str, str] = {}
    for name, details in raw.items():
        name = normal(name) if isinstance(name, (str, int)) else ""
        details = details if isinstance(details, dict) else {}
        line = _line_of(text, f"{name}:")
        if not name:
            problems.error("mkdocs.yml", _line_of(text, '"":') or _line_of(text, "recipients:"),
                           "A recipient has no name, so its page and letter would have none.",
                           "Write the body's name before the colon, e.g. `Northfield Borough Council:`.")
            continue
        unknown = set(details) - {"aliases", "url", "response_days"}
        if unknown:
            problems.error("mkdocs.yml", line, f"`{sorted(unknown)[0]}` is not a setting of a recipient.",
                           "A recipient may have `aliases`, `url` and `response_days`.")
        aliases = details.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list):
            problems.error("mkdocs.yml", _setting_line(text, "aliases", line),
                           f"The `aliases` of {name} should be a list of names.",
                           "Write them like this: `aliases: [Other Name, Another Name]`.")
            aliases = []
        aliases = tuple(normal(a) for a in aliases if isinstance(a, (str, int)) and normal(a))
        url = details.get("url") or ""
        if url and not (isinstance(url, str) and is_web_link(url)):
            problems.error("mkdocs.yml", _setting_line(text, "url", line),
                           f"The `url` of {name} should start with https://.", "Copy it from the browser's address bar.")
            url = ""
        for alias in (name, *aliases):
            key = alias.casefold()
            if key in seen and seen[key] != name:
                problems.error("mkdocs.yml", _line_of(text, alias), f"`{alias}` is given for both {seen[key]} and {name}.",
                               "A name or alias can belong to one body only.")
            seen[key] = name
        recipients[name] = Recipient(name, aliases, url.strip() if isinstance(url, str) else "",
                                     _days(details.get("response_days"), "response_days", f"of {name} ", problems, text))
    return Settings(response_days or RESPONSE_DAYS, review_days or REVIEW_DAYS, recipients,
                    public=repository_is_public(options, problems, text),
                    reports=read_reports(options.get("reports"), problems, text),
                    example_site=options.get("example_site") is True,
                    form_sign_in=_form_sign_in(options.get("form_sign_in"), problems, text),
                    **_social(options.get("social"), problems, text))


def _social(value, problems: Problems, text: str) -> dict:
    """`social: {hashtags: [...], days: 365}`."""
    if value in (None, {}):
        return {}
    line = _line_of(text, "social:")
    if not isinstance(value, dict) or set(value) - {"hashtags", "days"}:
        problems.error("mkdocs.yml", line, "`social` takes `hashtags` (a list of words) and `days` (a number).",
                       "For example: `social: {hashtags: [Northfield, PeoplesAssembly], days: 365}`.")
        return {}
    found = {}
    tags = value.get("hashtags") or []
    tags = [tags] if isinstance(tags, str) else tags
    if not isinstance(tags, list) or not all(isinstance(t, str) and re.fullmatch(r"#?\w{1,60}", t) for t in tags):
        problems.error("mkdocs.yml", _setting_line(text, "hashtags", line), "Each of `hashtags` is one word of "
                       "letters, digits or _, with or without #.", "For example: `hashtags: [Northfield, PeoplesAssembly]`.")
    else:
        found["hashtags"] = tuple(t.lstrip("#") for t in tags)
    if "days" in value:
        days = _days(value.get("days"), "days", "of social ", problems, text)
        if days:
            found["social_days"] = days
    return found


def _form_sign_in(value, problems: Problems, text: str) -> str:
    """The authenticator the form at /admin/ signs in with GitHub through (an OAuth client such
    as sveltia-cms-auth, run by the organisation); without it volunteers sign in with a token."""
    if value in (None, ""):
        return ""
    if not (isinstance(value, str) and is_web_link(value) and value.startswith("https://")):
        problems.error("mkdocs.yml", _line_of(text, "form_sign_in:"), "`form_sign_in` should be the https:// address "
                       "of the authenticator that signs volunteers in to GitHub for the form.",
                       "Leave it out to sign in with a token; see the guide \"Editing in a form\".")
        return ""
    return value.strip()


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved on by whole months; the 31st becomes the month's last day."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return min(day.replace(year=year, month=month, day=1) + dt.timedelta(days=day.day - 1),
               following - dt.timedelta(days=1))


EVERY = re.compile(r"^\s*(\d{1,3})\s+(months?|years?)\s*$")


def read_reports(value, problems: Problems, text: str) -> Reports | None:
    """`reports:` with `every:` (months or years) and `from:` (a date); None when it is not set."""
    if value is None:
        return None
    line = _line_of(text, "reports:")
    if not isinstance(value, dict) or set(value) - {"every", "from"}:
        problems.error("mkdocs.yml", line, "`reports` should say `every:` and `from:`.",
                       "Write it like this, indented below `reports:`: `every: 6 months` and `from: 2025-11-13`.")
        return None
    match = EVERY.match(str(value.get("every") or ""))
    months = int(match[1]) * (12 if match[2].startswith("year") else 1) if match else 0
    if not 1 <= months <= 120:
        problems.error("mkdocs.yml", _setting_line(text, "every", line), f"`every` is `{value.get('every')}`, not a "
                       "length of time folkmoot can count.", "Write a number of months or years, e.g. `every: 6 months`.")
        return None
    start = value.get("from")
    if isinstance(start, dt.datetime):
        start = start.date()
    if not isinstance(start, dt.date):
        problems.error("mkdocs.yml", _setting_line(text, "from", line), f"`from` is `{start}`, not a date.",
                       "Write the day the first period starts, year-month-day, e.g. `from: 2025-11-13`.")
        return None
    return Reports(months, start)


VISIBILITY = "FOLKMOOT_REPOSITORY"  # set by the Pages workflow from GitHub's own word on the repository


def repository_is_public(options: dict, problems: Problems, text: str) -> bool:
    """Whether anyone can read the repository. GitHub's word (the workflow passes the
    event's `repository.visibility`) wins over mkdocs.yml's `repository:`; public is the
    default, because free GitHub Pages publishes only from a public repository."""
    seen = os.environ.get(VISIBILITY, "").strip().lower()
    if seen in ("public", "private", "internal"):
        return seen == "public"
    value = options.get("repository") or "public"
    if value not in ("public", "private"):
        problems.error("mkdocs.yml", _line_of(text, "repository:"), f"`repository` is `{value}`, not public or private.",
                       "Write `repository: public` if anyone can see the repository on GitHub (free GitHub Pages "
                       "needs that), or `repository: private`.")
        return True
    return value == "public"
