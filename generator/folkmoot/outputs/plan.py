"""What the site will publish besides pages, worked out once per build: each
record's photos and evidence documents, every body's letter and every share
card, and where each record is edited. Pages, head tags and files all read
it, so each is planned in one place.
"""

from __future__ import annotations

import functools
import re

from folkmoot.documents import evidence, letters, reports
from folkmoot.outputs import cards, photos
from folkmoot.outputs.kept import Kept
from folkmoot.records.model import SUPPORT_LEVELS, STATUS_LABELS, Assembly
from folkmoot.text.i18n import Language
from folkmoot.text.safe_markdown import plain, strip_lang_marks
from folkmoot.views import digest, progress, urls
from folkmoot.views.site import Site


def description_of(assembly: Assembly) -> str:
    """One line of plain text for a page's meta description and its sharing cards."""
    return plain(assembly.summary) if assembly.summary else strip_lang_marks(assembly.title)


GITHUB_EDIT = re.compile(r"^https://github\.com/([A-Za-z0-9-]{1,39})/([A-Za-z0-9._-]{1,100})/edit/([^/]+)/$")


def github_repository(edit_base: str) -> tuple[str, str] | None:
    """(owner/name, branch) of the site's repository on GitHub, from its edit links: where the
    form at /admin/ saves (see `admin.py`); None when the site does not say."""
    found = GITHUB_EDIT.match(edit_base or "")
    return (f"{found[1]}/{found[2]}", found[3]) if found else None


class SitePlan:
    def __init__(self, site: Site, lang: Language, base_url: str, site_name: str, edit_base: str, kept: Kept):
        """`edit_base`: the address that a record's path inside the repository is added to, to
        edit it on GitHub (e.g. https://github.com/org/repo/edit/main/); empty for no edit links.
        `kept`: what earlier builds made, so that documents of unchanged records are not made again."""
        self.site = site
        self.lang = lang
        self.base_url = base_url
        self.site_name = site_name
        self.edit_base = edit_base
        self.kept = kept
        self.recaps = {urls.source(urls.recap(a.slug)): a for a in site.assemblies}
        self._documents: dict[str, list[tuple[str, evidence.Document]]] = {}
        self._photos: dict[str, list[photos.PublishedPhoto]] = {}

    @property
    def has_form(self) -> bool:
        return github_repository(self.edit_base) is not None

    def record_edit_url(self, assembly: Assembly) -> str:
        if not self.edit_base:
            return ""
        path = assembly.folder / "assembly.yml"
        return self.edit_base + path.relative_to(self.site.project.root).as_posix()

    def photos(self, assembly: Assembly) -> list[photos.PublishedPhoto]:
        """The consented photos of a published assembly, as the site publishes them."""
        if assembly.slug not in self._photos:
            self._photos[assembly.slug] = photos.plan(assembly)
        return self._photos[assembly.slug]

    def plan_documents(self) -> None:
        """Make (or find kept) every evidence document, letter and report before the build
        forks its second process: the pages need them too, so each is then made once, not
        once in each process, and each catalogue is read once."""
        for a in self.site.assemblies:
            self.evidence_documents(a)
        self.letters, self.reports  # noqa: B018 (worked out and kept, for both processes)

    def _kept_documents(self, key: tuple, sources: tuple, make) -> list[evidence.Document]:
        return self.kept.get(("documents v2", *key), sources, make, evidence.documents_json, evidence.documents_from_json)

    def evidence_documents(self, assembly: Assembly) -> list[tuple[str, evidence.Document]]:
        """(folder address, document) for each evidence entry of a published assembly."""
        if assembly.slug not in self._documents:
            docs = self._kept_documents(("evidence", assembly.slug), (assembly,), lambda: evidence.documents_of(
                assembly, self.site.project.organisation, self.site.project.documents, self.lang))
            self._documents[assembly.slug] = [(urls.evidence(assembly.slug, i), doc) for i, doc in enumerate(docs, 1)]
        return self._documents[assembly.slug]

    @functools.cached_property
    def editions(self) -> list[progress.Edition]:
        """Every progress report's figures: worked out only when a report's page or document is made."""
        return progress.editions(self.site)

    @functools.cached_property
    def reports(self) -> list[tuple[progress.Period, evidence.Document]]:
        """Every progress report whose period has ended, oldest first, with its document."""
        org = self.site.project.organisation
        return [(p, self._kept_documents(("report", p.slug), self.held_by(p.end), lambda i=i: [
            reports.for_edition(self.editions[i], org, self.lang)])[0])
            for i, p in enumerate(progress.report_periods(self.site))]

    def held_by(self, day) -> tuple[Assembly, ...]:
        """The records a progress report to `day` is made from: those held by then (see
        `progress.state_on`); a later record cannot change it."""
        return tuple(a for a in self.site.assemblies if a.date <= day)

    @functools.cached_property
    def digests(self) -> list[digest.Digest]:
        """Every month's newsletter digest, worked out once for its pages and its files; none
        without an absolute address for the site, as an email's links must work elsewhere."""
        return digest.months(self.site) if self.base_url else []

    @functools.cached_property
    def letters(self) -> dict[str, evidence.Document]:
        """The chasing letter to every body asked anything, by the body's slug."""
        org = self.site.project.organisation
        return {slug: self._kept_documents(("letter", slug), tuple(k.outcome for k in b.asks), lambda b=b: [
            letters.for_body(b, org, self.site.today, self.base_url, self.lang)])[0]
            for slug, b in self.site.bodies.items()}

    @functools.cached_property
    def cards(self) -> dict[str, cards.Card]:
        """The share card of every recap, theme page and the tracker, by the page folder it belongs to."""
        site, org, lang = self.site, self.site.project.organisation.name, self.lang
        found = {}
        for a in site.assemblies:
            strongest = sorted(a.integration, key=lambda p: SUPPORT_LEVELS.index(p.support) if p.support else 9)
            body = lang._("Agreed: %(point)s", point=strip_lang_marks(strongest[0].point)) \
                if strongest and strongest[0].support in ("strong", "broad") else description_of(a) if a.summary else ""
            shown = self.photos(a)
            found[urls.recap(a.slug)] = cards.Card(org, strip_lang_marks(a.title), lang.date(a.date, "full"), body,
                                                   shown[0].source if shown else None)
        for t in site.themes.values():
            counts = lang._("%(assemblies)s, %(outcomes)s",  # two counts, each with its own plural
                            assemblies=lang.ngettext("%(num)s assembly", "%(num)s assemblies", len(t.assemblies)),
                            outcomes=lang.ngettext("%(num)s outcome", "%(num)s outcomes", len(t.outcomes)))
            found[urls.theme(t.slug)] = cards.Card(org, lang._("Theme: %(name)s", name=strip_lang_marks(t.name)), counts,
                                                   "; ".join(strip_lang_marks(o.title) for o in t.outcomes[:3]))
        done = lang.list(lang._("%(status)s: %(count)s", status=lang._(STATUS_LABELS[s]), count=n)
                         for s, n in site.status_counts())
        found[urls.OUTCOMES] = cards.Card(org, lang._("What happened to our assemblies' ideas"),
                                          lang.ngettext("%(num)s outcome", "%(num)s outcomes", len(site.outcomes)), done)
        return found
