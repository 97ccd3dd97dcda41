"""iCalendar (RFC 5545) files for upcoming assemblies, via the icalendar library."""

from __future__ import annotations

import datetime as dt
import functools
import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar

from folkmoot.text.i18n import Language
from folkmoot.records.model import Assembly
from folkmoot.records.project import Organisation, build_timestamp
from folkmoot.text.safe_markdown import strip_lang_marks
from folkmoot.views import urls

TIME_RANGE = re.compile(r"(\d{1,2}):(\d{2})(?:\s*[-–]\s*(\d{1,2}):(\d{2}))?")


def event_times(assembly: Assembly, timezone: str) -> tuple[dt.date | dt.datetime, dt.date | dt.datetime]:
    """Start and end: timed in the organisation's zone, or a whole day when no time is given."""
    match = TIME_RANGE.fullmatch(assembly.time or "")
    if not match:
        return assembly.date, assembly.date + dt.timedelta(days=1)
    zone = ZoneInfo(timezone)
    h1, m1, h2, m2 = match.groups()
    start = dt.datetime.combine(assembly.date, dt.time(int(h1), int(m1)), zone)
    if h2 is None:
        return start, start + dt.timedelta(hours=2)
    end = dt.datetime.combine(assembly.date, dt.time(int(h2), int(m2)), zone)
    return start, end if end > start else end + dt.timedelta(days=1)


def ics_for(assemblies: list[Assembly], org: Organisation, site_url: str, lang: Language | None = None,
            name: str = "") -> bytes:
    """`site_url`: where the site is published (mkdocs.yml's `site_url`), which each event
    links to and takes its UID's host from; not `organisation.url`, which may be the
    organisation's own website, where the recaps are not. `lang`: the site's language;
    each event's text is marked with its record's (RFC 5545 LANGUAGE)."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//folkmoot//People's Assemblies//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
    site_url = site_url if not site_url or site_url.endswith("/") else site_url + "/"
    host = urlsplit(site_url).netloc or urlsplit(org.url).netloc or "folkmoot.invalid"
    stamp = build_timestamp()
    for a in assemblies:
        event = icalendar.Event()
        event.add("uid", f"{a.slug}@{host}")
        event.add("dtstamp", stamp)
        start, end = event_times(a, org.timezone)
        event.add("dtstart", start)
        event.add("dtend", end)
        words = {"LANGUAGE": a.language or (lang.code if lang else "en")}
        event.add("summary", strip_lang_marks(a.title), parameters=words)
        if a.summary:
            event.add("description", strip_lang_marks(a.summary.strip()), parameters=words)
        place = ", ".join(strip_lang_marks(p) for p in (a.venue.name, a.venue.address) if p)
        if place:
            event.add("location", place, parameters=words)
        if site_url:
            event.add("url", f"{site_url}{urls.recap(a.slug)}")
        event.add("status", "CONFIRMED")
        cal.add_component(event)
    text = cal.to_ical()
    if any(a.time for a in assemblies):  # the zone's definition goes last, as add_component would put it
        end = b"END:VCALENDAR\r\n"
        text = text[:-len(end)] + _timezone(org.timezone) + end
    return text


@functools.lru_cache(maxsize=8)
def _timezone(tzid: str) -> bytes:
    """The VTIMEZONE for `tzid`, written out: working out its transitions and writing them
    (some 130 dates for Europe/London) took 12 ms, so once per process."""
    return icalendar.Timezone.from_tzid(tzid).to_ical()
