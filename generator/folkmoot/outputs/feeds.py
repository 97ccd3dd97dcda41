"""Atom feeds (RFC 4287) of assemblies and of outcome updates."""

from __future__ import annotations

import datetime as dt
from html import escape
import xml.etree.ElementTree as ET

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

from folkmoot.text.slugs import slugify
from folkmoot.views.site import Site
from folkmoot.text.i18n import Language, N_
from folkmoot.records.model import RESPONSE_LABELS
from folkmoot.text.safe_markdown import strip_lang_marks, to_html
from folkmoot.views import urls

ATOM = "http://www.w3.org/2005/Atom"


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _feed(title: str, feed_url: str, site_url: str, updated: dt.date, author: str, lang: Language) -> ET.Element:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    feed.set(XML_LANG, lang.code)  # the feed's own words; entries in another language say so
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_url
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=feed_url, type="application/atom+xml")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=site_url, type="text/html")
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(updated)
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = author
    return feed


def _entry(feed: ET.Element, title: str, url: str, entry_id: str, updated: dt.date, html: str, lang: str = "") -> None:
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    if lang and lang.split("-")[0].lower() != feed.get(XML_LANG, "").split("-")[0].lower():
        entry.set(XML_LANG, lang)  # the record's own language, so readers voice its words correctly
    ET.SubElement(entry, f"{{{ATOM}}}title").text = title
    ET.SubElement(entry, f"{{{ATOM}}}id").text = entry_id
    ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=url, type="text/html")
    ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(updated)
    ET.SubElement(entry, f"{{{ATOM}}}content", type="html").text = html


def _bytes(feed: ET.Element) -> bytes:
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def assemblies_feed(site: Site, base: str, lang: Language) -> bytes:
    """Every published assembly, newest date first."""
    items = sorted(site.assemblies, key=lambda a: (a.date, a.slug), reverse=True)
    org = site.project.organisation.name
    updated = items[0].date if items else site.today
    feed = _feed(lang._("%(org)s: People's Assemblies", org=org), f"{base}{urls.FEED_ASSEMBLIES}", base, updated, org, lang)
    for a in items:
        url = f"{base}{urls.recap(a.slug)}"
        when = lang.date(a.date, "long") + (f", {a.time}" if a.time else "")
        html = f'<p lang="{escape(lang.code)}">{when}</p>' + str(to_html(a.summary))
        _entry(feed, strip_lang_marks(a.title), url, url, a.date, html, a.language)
    return _bytes(feed)


def updates_feed(site: Site, base: str, lang: Language) -> bytes:
    """Every follow-up update on every published outcome, newest first."""
    items = sorted(((u, o, i) for o in site.outcomes for i, u in enumerate(o.updates, 1)),
                   key=lambda t: (t[0].date, t[1].assembly.slug, t[1].id, t[2]), reverse=True)
    org = site.project.organisation.name
    updated = items[0][0].date if items else site.today
    feed = _feed(lang._("%(org)s: what happened to our assemblies' ideas", org=org), f"{base}{urls.FEED_OUTCOMES}", base,
                 updated, org, lang)
    from folkmoot.records.model import STATUS_LABELS

    for u, o, position in items:
        url = f"{base}{urls.outcome(o.assembly.slug, o.id)}"
        title = lang._("%(idea)s (progress: %(status)s)", idea=strip_lang_marks(o.title),
                       status=lang._(STATUS_LABELS[u.status])) if u.status in STATUS_LABELS else strip_lang_marks(o.title)
        html = str(to_html(u.note)) + (f'<p lang="{escape(lang.code)}"><a href="{escape(u.link)}">{lang._("Source")}</a></p>'
                                       if u.link else "")
        _entry(feed, title, url, f"{url}-update-{position}", u.date, html, o.assembly.language)
    return _bytes(feed)


def answers_feed(site: Site, base: str, lang: Language) -> bytes:
    """Every answer a body gave to an outcome, newest first."""
    items = sorted(((k, k.answer) for o in site.outcomes for k in site.asks(o) if k.answer),
                   key=lambda t: (t[1].date, t[0].outcome.assembly.slug, t[0].outcome.id, t[0].body), reverse=True)
    org = site.project.organisation.name
    updated = items[0][1].date if items else site.today
    feed = _feed(lang._("%(org)s: answers from the bodies our assemblies asked", org=org), f"{base}{urls.FEED_ANSWERS}",
                 base, updated, org, lang)
    for k, u in items:
        url = f"{base}{urls.outcome(k.outcome.assembly.slug, k.outcome.id)}"
        said = lang._(RESPONSE_LABELS.get(u.response, N_("Answered")))
        html = str(to_html(u.note)) + (f'<p lang="{escape(lang.code)}"><a href="{escape(u.link)}">{lang._("Their answer")}</a></p>'
                                       if u.link else "") + _promise_and_verdict(k, lang)
        # the answer is quoted as the site labels it, not lower-cased into the sentence
        title = lang._("%(body)s on \u201c%(idea)s\u201d: %(answer)s", body=k.body, answer=said,
                       idea=strip_lang_marks(k.outcome.title))
        _entry(feed, title, url, f"{url}-answer-{slugify(k.body)}", u.date, html, k.outcome.assembly.language)
    return _bytes(feed)


def _promise_and_verdict(k, lang: Language) -> str:
    """What the body promised and what the assembly made of its answer, as the pages say it."""
    from folkmoot.records.model import VERDICT_LABELS
    from folkmoot.views.accountability import PROMISE_LABELS

    parts = []
    if k.promise is not None:
        parts.append(lang._("Promised by %(date)s: %(state)s", date=lang.date(k.promise.by, "short"),
                            state=lang._(PROMISE_LABELS[k.promise.state])))
    if k.verdict is not None:
        values = {"date": lang.date(k.verdict.date, "short"), "verdict": lang._(VERDICT_LABELS[k.verdict.verdict])}
        parts.append(lang._("The assembly's verdict, %(date)s: %(verdict)s (%(score)s out of 10).", **values,
                            score=k.verdict.score) if k.verdict.score is not None else
                     lang._("The assembly's verdict, %(date)s: %(verdict)s.", **values))
    return "".join(f'<p lang="{escape(lang.code)}">{escape(text)}</p>' for text in parts)


# for the other feeds made elsewhere (the monthly digest's): the same Atom, written once
new_feed, add_entry, feed_bytes = _feed, _entry, _bytes
