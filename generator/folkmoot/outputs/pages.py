"""The site's pages, each kind an output that plans its own: the lists, every
record's recap and evidence pages, theme pages, and the answers of every body.

Each page is a Jinja2 template (see `templates`) rendered to Markdown that
MkDocs (or anything else) turns into HTML. A page made from some records names
them, so that `kept.Kept` can reuse it while they are unchanged.
"""

from __future__ import annotations

import functools
from typing import Iterator

from markupsafe import Markup

from folkmoot.documents.evidence import Document
from folkmoot.outputs import opendata
from folkmoot.outputs.charts import data_charts
from folkmoot.outputs.digests import Digests
from folkmoot.outputs.page import Artifact, Page
from folkmoot.outputs.plan import SitePlan
from folkmoot.outputs.social_site import SharePages, is_posted, reported
from folkmoot.outputs.templates import Templates
from folkmoot.records.model import Assembly
from folkmoot.views import urls


class _Pages:
    def __init__(self, plan: SitePlan, templates: Templates):
        self.plan = plan
        self.templates = templates
        self.site = plan.site


class ListPages(_Pages):
    """The lists across every record: assemblies, the outcomes tracker, themes, open data."""

    def artifacts(self) -> Iterator[Artifact]:
        page = self.templates.page
        yield Artifact(urls.source(urls.ASSEMBLIES),
                       lambda: page("assemblies.md.j2", urls.source(urls.ASSEMBLIES), searchable=False))
        yield Artifact(urls.source(urls.OUTCOMES),
                       lambda: page("outcomes.md.j2", urls.source(urls.OUTCOMES), searchable=False,
                                    editions=self.plan.reports))
        yield Artifact(urls.source(urls.THEMES),
                       lambda: page("themes.md.j2", urls.source(urls.THEMES), searchable=False))
        yield Artifact(urls.source(urls.DATA),
                       lambda: page("data.md.j2", urls.source(urls.DATA), searchable=False, tables=opendata.TABLES,
                                    charts=data_charts(self.site, self.plan.lang)))


class RecordPages(_Pages):
    """Each published record's recap, then a printable page for each of its evidence submissions."""

    def artifacts(self) -> Iterator[Artifact]:
        for assembly in self.site.assemblies:
            yield Artifact(urls.source(urls.recap(assembly.slug)), functools.partial(self.recap, assembly), (assembly,))
            for folder, doc in self.plan.evidence_documents(assembly):
                yield Artifact(urls.source(folder), functools.partial(self.evidence_page, folder, doc, assembly),
                               (assembly,))

    def recap(self, assembly: Assembly) -> Page:
        plan = self.plan
        return self.templates.page("recap.md.j2", urls.source(urls.recap(assembly.slug)), a=assembly,
                                   upcoming=assembly.is_upcoming(self.site.today),
                                   documents=plan.evidence_documents(assembly), photos=plan.photos(assembly),
                                   edit_url=plan.record_edit_url(assembly), has_form=plan.has_form,
                                   shared=is_posted(plan, assembly),
                                   address=f"{plan.base_url}{urls.recap(assembly.slug)}" if plan.base_url else "")

    def evidence_page(self, folder: str, doc: Document, assembly: Assembly) -> Page:
        starts, n = [], 1
        for section in doc.sections:
            starts.append(n)
            n += len(section.paragraphs)
        lang = self.plan.lang
        # out of search: its words are the recap's, which names the committee and links here
        return self.templates.page("evidence.md.j2", urls.source(folder), searchable=False, doc=doc, starts=starts,
                                   a=assembly, language=doc.language,
                                   own_words_lang=Markup("") if lang.same_as(doc.language)
                                   else Markup(' lang="{}"').format(lang.code))


class ThemePages(_Pages):
    """A page for each theme, with its assemblies and outcomes."""

    def artifacts(self) -> Iterator[Artifact]:
        for theme in self.site.themes.values():
            src_uri = urls.source(urls.theme(theme.slug))
            yield Artifact(src_uri, functools.partial(self.templates.page, "theme.md.j2", src_uri, searchable=False,
                                                      theme=theme),
                           (*theme.assemblies, *theme.outcomes))


class AnswerPages(_Pages):
    """Every body asked anything, then one page for each: what it was asked, its answers, its letter."""

    def artifacts(self) -> Iterator[Artifact]:
        page = self.templates.page
        yield Artifact(urls.source(urls.RESPONSES),
                       lambda: page("responses.md.j2", urls.source(urls.RESPONSES), searchable=False))
        for slug, body in self.site.bodies.items():
            src_uri = urls.source(urls.body(slug))
            yield Artifact(src_uri, functools.partial(page, "response_body.md.j2", src_uri, searchable=False,
                                                      body=body, letter=self.plan.letters[slug].filename),
                           tuple(k.outcome for k in body.asks))


class ReportPages(_Pages):
    """The progress reports: a list of editions, and one page for each (its words are its document's)."""

    def artifacts(self) -> Iterator[Artifact]:
        editions = self.plan.reports
        if not editions:
            return
        page = self.templates.page
        yield Artifact(urls.source(urls.REPORTS), lambda: page("reports.md.j2", urls.source(urls.REPORTS),
                                                               searchable=False, editions=editions))
        shared = {period.slug for period, _ in reported(self.plan)}
        for i, (period, doc) in enumerate(editions):
            src_uri = urls.source(urls.report(period.slug))
            # its neighbours' dates are in it too, and they are fixed by the settings
            yield Artifact(src_uri, functools.partial(self.report, src_uri, i, doc, period.slug in shared),
                           self.plan.held_by(period.end), also=(str(period.slug in shared),))

    def report(self, src_uri: str, i: int, doc: Document, shared: bool = False) -> Page:
        editions = self.plan.editions
        return self.templates.page("report.md.j2", src_uri, searchable=False, edition=editions[i], doc=doc, shared=shared,
                                   previous=editions[i - 1] if i else None,
                                   following=editions[i + 1] if i + 1 < len(editions) else None)


PAGE_OUTPUTS = (ListPages, RecordPages, ThemePages, AnswerPages, ReportPages, Digests, SharePages)
