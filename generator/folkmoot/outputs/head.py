"""What goes in a page's <head> for machines: schema.org Event JSON-LD,
Open Graph and Twitter card tags, feed discovery links.

Every value comes from records, so every value is escaped: attributes with
html.escape, and JSON-LD with <, > and & written as \\u escapes so that no
text can close the <script> element it sits in.
"""

from __future__ import annotations

import datetime as dt
import html
import json

from folkmoot.outputs.ical import event_times
from folkmoot.outputs.cards import HEIGHT as CARD_HEIGHT
from folkmoot.outputs.cards import WIDTH as CARD_WIDTH
from folkmoot.outputs.plan import SitePlan, description_of
from folkmoot.records.model import Assembly
from folkmoot.records.project import Organisation
from folkmoot.text.safe_markdown import plain, strip_lang_marks
from folkmoot.views import urls


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _safe_json(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)


def event_jsonld(a: Assembly, org: Organisation, page_url: str, images: list[str]) -> dict:
    start, end = event_times(a, org.timezone)
    physical = bool(a.venue.name or a.venue.address)
    online = bool(a.venue.online)
    mode = ("MixedEventAttendanceMode" if physical and online else
            "OnlineEventAttendanceMode" if online else "OfflineEventAttendanceMode")
    locations = []
    if physical:
        locations.append({"@type": "Place", "name": a.venue.name or a.venue.address,
                          "address": a.venue.address or a.venue.name})
    if online:
        locations.append({"@type": "VirtualLocation", "url": a.venue.online})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": a.title,
        "startDate": _iso(start),
        "endDate": _iso(end),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": f"https://schema.org/{mode}",
        "organizer": {"@type": "Organization", "name": org.name, **({"url": org.url} if org.url else {})},
        "url": page_url,
        "isAccessibleForFree": True,
    }
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if a.summary:
        data["description"] = plain(a.summary)
    if images:
        data["image"] = images
    return data


def head_tags(title: str, description: str, page_url: str, site_name: str, image: str = "", image_alt: str = "",
              image_type: str = "image/png", jsonld: dict | None = None, feeds: list[tuple[str, str]] = ()) -> str:
    tags = [
        '<meta property="og:type" content="website">',
        f'<meta property="og:site_name" content="{_attr(site_name)}">',
        f'<meta property="og:title" content="{_attr(title)}">',
        f'<meta property="og:url" content="{_attr(page_url)}">',
        f'<meta name="twitter:card" content="{"summary_large_image" if image else "summary"}">',
        f'<meta name="twitter:title" content="{_attr(title)}">',
    ]
    if description:
        tags += [f'<meta property="og:description" content="{_attr(description)}">',
                 f'<meta name="twitter:description" content="{_attr(description)}">']
    if image:  # a share card (see `cards`): always 1200 by 630, PNG or JPEG
        tags += [f'<meta property="og:image" content="{_attr(image)}">',
                 f'<meta property="og:image:type" content="{_attr(image_type)}">',
                 f'<meta property="og:image:width" content="{CARD_WIDTH}">',
                 f'<meta property="og:image:height" content="{CARD_HEIGHT}">',
                 f'<meta name="twitter:image" content="{_attr(image)}">']
        if image_alt:
            tags += [f'<meta property="og:image:alt" content="{_attr(image_alt)}">',
                     f'<meta name="twitter:image:alt" content="{_attr(image_alt)}">']
    for feed_title, href in feeds:
        # "alternate feed", not plain "alternate": mkdocs-material treats every
        # link[rel=alternate] as a language version and fetches its sitemap.xml.
        tags.append(f'<link rel="alternate feed" type="application/atom+xml" title="{_attr(feed_title)}" href="{_attr(href)}">')
    if jsonld:
        tags.append(f'<script type="application/ld+json">\n{_safe_json(jsonld)}\n</script>')
    return "\n".join(tags) + "\n"


def head_for(plan: SitePlan, src_uri: str, title: str = "") -> str:
    """Machine-readable <head> additions for the page generated at `src_uri` (or a hand-written
    one); `title`: the page's own, for a page without a share card, as the theme has it: HTML
    text (`Publication.page_meta` escapes what records say, MkDocs may write `&#58;`), so it is
    read back to plain text here and escaped once, as every value is, by `head_tags`."""
    lang, base_url, site_name = plan.lang, plan.base_url, plan.site_name
    title = html.unescape(title)
    org = plan.site.project.organisation
    folder = urls.folder_of(src_uri)
    page = f"{base_url}{folder}"
    site_feeds = [(lang._("%(org)s: assemblies", org=org.name), f"{base_url}{urls.FEED_ASSEMBLIES}"),
                  (lang._("%(org)s: outcome updates", org=org.name), f"{base_url}{urls.FEED_OUTCOMES}")]
    card = plan.cards.get(folder) if folder else None
    image = f"{page}{card.filename}" if card else ""
    assembly = plan.recaps.get(src_uri)
    if assembly is None:
        # the home page is called "Home" in the navigation; shared, it is the site
        title = card.title if card else title if title and src_uri != "index.md" else site_name
        return head_tags(title, "", page, site_name, image=image, image_alt=card.alt if card else "",
                         image_type=card.mime if card else "", feeds=site_feeds)
    photos = [f"{page}{p.largest.uri}" for p in plan.photos(assembly)]
    return head_tags(strip_lang_marks(assembly.title), description_of(assembly), page, site_name, image=image,
                     image_alt=card.alt, image_type=card.mime, jsonld=event_jsonld(assembly, org, page, photos),
                     feeds=site_feeds)
