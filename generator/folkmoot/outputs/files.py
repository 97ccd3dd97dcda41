"""The site's files besides its pages, each kind an output that plans its own:
open data and feeds, calendars, photos, share cards, and the Word and ODF
files of evidence submissions and letters.

An artifact's `make` gives the file's content (bytes, or a Path the cache
keeps), or, for photos and cards, a folder's files by name. Photos, cards and
documents are cached by a digest of everything they are made from.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Iterator

from folkmoot.documents import office
from folkmoot.documents.evidence import Document
from folkmoot.engine.cache import Cache, code_digest, digest, file_digest, versions
from folkmoot.outputs import cards, feeds, ical, opendata, photos
from folkmoot.outputs.page import Artifact
from folkmoot.outputs.plan import SitePlan
from folkmoot.records.project import build_timestamp
from folkmoot.records.schema import record_schema
from folkmoot.views import urls


class DataFiles:
    """Open data (CSV, JSON, the record schema), the three feeds and the calendar of upcoming assemblies."""

    def __init__(self, plan: SitePlan):
        self.plan = plan

    def artifacts(self) -> Iterator[Artifact]:
        plan, site, base, lang = self.plan, self.plan.site, self.plan.base_url, self.plan.lang
        for name, frame in opendata.frames(site, base).items():
            yield Artifact(f"{urls.DATA}{name}", functools.partial(opendata.csv_bytes, frame))
        stamp = build_timestamp().isoformat()
        yield Artifact(f"{urls.DATA}assemblies.json", lambda: opendata.json_bytes(
            site, base, stamp, plan.photos, lambda a, make: plan.kept.get(("open data v1", a.slug, base), (a,), make)),
            also=(stamp,))
        yield Artifact(f"{urls.DATA}record.schema.json", lambda: json.dumps(record_schema(base), indent=1).encode() + b"\n")
        yield Artifact(urls.FEED_ASSEMBLIES, lambda: feeds.assemblies_feed(site, base, lang))
        yield Artifact(urls.FEED_OUTCOMES, lambda: feeds.updates_feed(site, base, lang))
        yield Artifact(urls.FEED_ANSWERS, lambda: feeds.answers_feed(site, base, lang))
        org = site.project.organisation
        yield Artifact(urls.CALENDAR, lambda: ical.ics_for(
            site.upcoming, org, base, lang, name=lang._("%(org)s: People's Assemblies", org=org.name)), also=(stamp,))


class Calendars:
    """Each upcoming assembly's own .ics, beside its recap: quick to make, and kept per record."""

    def __init__(self, plan: SitePlan):
        self.plan = plan

    def artifacts(self) -> Iterator[Artifact]:
        site, lang, base = self.plan.site, self.plan.lang, self.plan.base_url
        org, stamp = site.project.organisation, build_timestamp().isoformat()  # DTSTAMP
        for a in site.assemblies:
            if a.is_upcoming(site.today):
                yield Artifact(f"{urls.recap(a.slug)}{a.slug}.ics", lambda a=a: ical.ics_for([a], org, base, lang),
                               (a,), also=(stamp,))


class PhotoFiles:
    """Every consented photo at every width (see `photos`): a recap folder's files by name."""

    def __init__(self, plan: SitePlan, cache: Cache):
        self.plan = plan
        self.cache = cache

    def artifacts(self) -> Iterator[Artifact]:
        for assembly in self.plan.site.assemblies:
            for photo in self.plan.photos(assembly):
                yield Artifact(urls.recap(assembly.slug), functools.partial(photos.renditions, photo, self.cache),
                               (assembly,))


class CardFiles:
    """The share card of every recap, theme page and the tracker, beside the page it belongs to."""

    def __init__(self, plan: SitePlan, cache: Cache):
        self.plan = plan
        self.cache = cache

    def artifacts(self) -> Iterator[Artifact]:
        for folder, card in self.plan.cards.items():
            yield Artifact(folder, functools.partial(lambda c: {c.filename: cards.card_file(c, self.cache)}, card))


class DocumentFiles:
    """Evidence submissions and chasing letters as Word and OpenDocument files.

    Dated by the last day their record tells of (a letter: today), not by the
    build, so a push that changes nothing in a record (CI sets SOURCE_DATE_EPOCH
    to each commit's time) makes none of its documents again; never dated after
    the build. Kept in the cache: a build after one edit makes that record's again."""

    def __init__(self, plan: SitePlan, cache: Cache, word_template: Path | None):
        self.plan = plan
        self.cache = cache
        self.word_template = word_template

    def docx(self, doc: Document, when) -> bytes:
        """Word file, built on the organisation's Word template when it has one."""
        return office.to_docx(doc, when, self.word_template)

    def artifacts(self) -> Iterator[Artifact]:
        plan, site = self.plan, self.plan.site
        documents = [(folder, doc, a.latest_date, (a,)) for a in site.assemblies
                     for folder, doc in plan.evidence_documents(a)]
        documents += [(urls.body(slug), doc, site.today, None) for slug, doc in plan.letters.items()]
        documents += [(urls.report(p.slug), doc, p.end, None) for p, doc in plan.reports]
        inputs = digest("documents v2", code_digest(), versions("python-docx", "odfpy", "lxml"),
                        file_digest(self.word_template) if self.word_template else "")
        for folder, doc, day, sources in documents:
            when = office.dated(day)
            key = digest(inputs, when.isoformat(), repr(doc))
            yield Artifact(f"{folder}{doc.filename}.docx",
                           functools.partial(self.cache.file, key + "docx", functools.partial(self.docx, doc, when)),
                           sources)
            yield Artifact(f"{folder}{doc.filename}.odt",
                           functools.partial(self.cache.file, key + "odt", functools.partial(office.to_odt, doc, when)),
                           sources)
