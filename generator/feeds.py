"""Atom feeds (RFC 4287) of assemblies and of outcome updates."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from .aggregate import Site, slugify
from .safe_markdown import to_html

ATOM = "http://www.w3.org/2005/Atom"


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _feed(title: str, feed_url: str, site_url: str, updated: dt.date, author: str) -> ET.Element:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_url
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=feed_url, type="application/atom+xml")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=site_url, type="text/html")
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(updated)
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = author
    return feed


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _entry(feed: ET.Element, title: str, url: str, entry_id: str, updated: dt.date, html: str, lang: str = "") -> None:
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    if lang:  # the record's own language, so readers voice its words correctly
        entry.set(XML_LANG, lang)
    ET.SubElement(entry, f"{{{ATOM}}}title").text = title
    ET.SubElement(entry, f"{{{ATOM}}}id").text = entry_id
    ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=url, type="text/html")
    ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(updated)
    ET.SubElement(entry, f"{{{ATOM}}}content", type="html").text = html


def _bytes(feed: ET.Element) -> bytes:
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def assemblies_feed(site: Site, base: str) -> bytes:
    """Every published assembly, newest date first."""
    items = sorted(site.assemblies, key=lambda a: (a.date, a.slug), reverse=True)
    org = site.project.organisation.name
    updated = items[0].date if items else site.today
    feed = _feed(f"{org}: People's Assemblies", f"{base}feeds/assemblies.xml", base, updated, org)
    for a in items:
        url = f"{base}assemblies/{a.slug}/"
        when = f"{a.date.day} {a.date:%B %Y}" + (f", {a.time}" if a.time else "")
        html = f"<p>{when}</p>" + str(to_html(a.summary))
        _entry(feed, a.title, url, url, a.date, html, a.language)
    return _bytes(feed)


def updates_feed(site: Site, base: str) -> bytes:
    """Every follow-up update on every published outcome, newest first."""
    items = sorted(((u, o, i) for o in site.outcomes for i, u in enumerate(o.updates, 1)),
                   key=lambda t: (t[0].date, t[1].assembly.slug, t[1].id, t[2]), reverse=True)
    org = site.project.organisation.name
    updated = items[0][0].date if items else site.today
    feed = _feed(f"{org}: what happened to our assemblies' ideas", f"{base}feeds/outcomes.xml", base, updated, org)
    for u, o, position in items:
        url = f"{base}assemblies/{o.assembly.slug}/#outcome-{o.id}"
        status = f" ({u.status.replace('-', ' ')})" if u.status else ""
        html = str(to_html(u.note)) + (f'<p><a href="{u.link}">Source</a></p>' if u.link else "")
        _entry(feed, f"{o.title}{status}", url, f"{url}-update-{position}", u.date, html, o.assembly.language)
    return _bytes(feed)


def answers_feed(site: Site, base: str) -> bytes:
    """Every answer a body gave to an outcome, newest first."""
    from .model import RESPONSE_LABELS

    items = sorted(((k, k.answer) for o in site.outcomes for k in site.asks(o) if k.answer),
                   key=lambda t: (t[1].date, t[0].outcome.assembly.slug, t[0].outcome.id, t[0].body), reverse=True)
    org = site.project.organisation.name
    updated = items[0][1].date if items else site.today
    feed = _feed(f"{org}: answers from the bodies our assemblies asked", f"{base}feeds/answers.xml", base, updated, org)
    for k, u in items:
        url = f"{base}assemblies/{k.outcome.assembly.slug}/#outcome-{k.outcome.id}"
        said = RESPONSE_LABELS.get(u.response, "Answered")
        html = str(to_html(u.note)) + (f'<p><a href="{u.link}">Their answer</a></p>' if u.link else "")
        _entry(feed, f"{k.body}: {said.lower()}, “{k.outcome.title}”", url,
               f"{url}-answer-{slugify(k.body)}", u.date, html)
    return _bytes(feed)
