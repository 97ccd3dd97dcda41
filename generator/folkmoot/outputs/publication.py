"""Everything the site publishes, behind one facade: what an adapter (MkDocs
today) calls to get the pages, their head tags and titles, and the files.

Each kind of output plans its own artifacts (see `page.Artifact`); this
module only makes them, reusing what `kept.Kept` has, and runs the slow
ones (photos, cards) on several cores.
"""

from __future__ import annotations

import functools
import html
from pathlib import Path

from folkmoot.engine import work
from folkmoot.engine.background import run_all
from folkmoot.engine.cache import Cache
from folkmoot.outputs import qr
from folkmoot.outputs.admin import Admin
from folkmoot.outputs.digests import Digests
from folkmoot.outputs.embeds import Embeds, embed_code
from folkmoot.outputs.handouts import Handouts
from folkmoot.outputs.files import CardFiles, Calendars, DataFiles, DocumentFiles, PhotoFiles
from folkmoot.outputs.head import head_for
from folkmoot.outputs.kept import Kept
from folkmoot.outputs.page import Artifact, Asset, Page
from folkmoot.outputs.pages import PAGE_OUTPUTS
from folkmoot.outputs.plan import SitePlan, description_of
from folkmoot.outputs.social_site import SocialFiles, posted, share_folder
from folkmoot.outputs.templates import Templates
from folkmoot.records.model import Assembly
from folkmoot.text.i18n import N_
from folkmoot.text.safe_markdown import strip_lang_marks
from folkmoot.views import urls
from folkmoot.views.site import Site

# Short titles for the lists, in the site's language: what the navigation shows
# when mkdocs.yml lists a page without a title of its own.
LIST_TITLES = ((urls.ASSEMBLIES, N_("Assemblies")), (urls.OUTCOMES, N_("Outcomes")), (urls.RESPONSES, N_("Who answered")),
               (urls.THEMES, N_("Themes")), (urls.DATA, N_("Open data")))


class Publication:
    def __init__(self, site: Site, template_dirs: list[Path] | None = None, base_url: str = "",
                 site_name: str = "", cache: Cache | None = None, edit_base: str = "", page_memo: dict | None = None):
        """`edit_base`: where a record is edited on GitHub (see `SitePlan`); empty for no edit links.
        `page_memo`: kept by a preview between rebuilds (see `Kept`)."""
        self.site = site
        self.lang = site.project.language
        self.cache = cache or Cache(None)
        base_url = base_url if not base_url or base_url.endswith("/") else base_url + "/"
        site_name = site_name or site.project.organisation.name
        self.template_dirs = [d for d in template_dirs or [] if d.is_dir()]
        self.kept = Kept(site, self.template_dirs, self.lang, (base_url, site_name, edit_base), self.cache, page_memo)
        self.plan = SitePlan(site, self.lang, base_url, site_name, edit_base, self.kept)
        self.templates = Templates(site, self.template_dirs, self.lang, self.kept)
        self.templates.env.globals["base_url"] = base_url  # absolute addresses: snippets for other websites
        self.templates.env.globals["embed_code"] = functools.partial(embed_code, base_url)
        # whether /reports/ and /digest/ exist, for the pages that link to them
        self.templates.env.globals["has_reports"] = lambda: bool(self.plan.reports)
        self.templates.env.globals["has_digests"] = lambda: bool(self.plan.digests)

    @property
    def recaps(self) -> dict[str, Assembly]:
        """Each published record by its recap's source, e.g. 'assemblies/<slug>/index.md'."""
        return self.plan.recaps

    def record_edit_url(self, assembly: Assembly) -> str:
        return self.plan.record_edit_url(assembly)

    def evidence_documents(self, assembly: Assembly):
        return self.plan.evidence_documents(assembly)

    def pages(self, workers: int | None = 1) -> list[Page]:
        """Every generated page; one made from records is reused while they are unchanged."""
        return self.made(workers, files=False)[0]

    def made(self, workers: int | None = 1, files: bool = True) -> tuple[list[Page], list[Asset]]:
        """Every generated page and (with `files`) every file that is quick to make (each
        upcoming assembly's .ics, each printable poster or summary, the embeds, the digests
        and the form editor), on `workers` cores (None: all of them): a cold build of 1,000
        assemblies has 2,000 pages to make. What is published in one record's folder is made
        by one worker (a recap and its printed summary carry the same QR code), and so are
        the digests (their pages, files and feed share each email; see `Artifact.together`):
        each is worked out once, and the work done is the same in every build. A preview
        makes everything here, where it keeps what it made between rebuilds."""
        if self.kept.page_memo is not None:
            workers = 1
        outputs = [output(self.plan, self.templates) for output in PAGE_OUTPUTS]
        jobs = [(True, art) for output in outputs for art in output.artifacts()]
        admin = Admin(self.plan, self.templates)
        if files:
            digests = next(output for output in outputs if isinstance(output, Digests))
            jobs += [(False, art) for output in (Calendars(self.plan), Handouts(self.plan, self.templates),
                                                 Embeds(self.plan, self.templates), admin)
                     for art in output.artifacts()] + [(False, art) for art in digests.files()]
        folders: dict[str, list[int]] = {}  # by default, by folder: 'assemblies/<slug>' holds all of a record's
        for n, (_, art) in enumerate(jobs):
            folders.setdefault(art.together or "/".join(art.dest.split("/")[:2]), []).append(n)

        def make(numbers: list[int]) -> tuple[list, dict]:
            before = qr.known()
            return ([self.kept.page(art.dest, self._sources(art), art.make) if is_page else self._file(art)
                     for is_page, art in (jobs[n] for n in numbers)], qr.encoded_since(before))

        found: list = [None] * len(jobs)
        groups = list(folders.values())
        for numbers, ((results, codes), used, counts) in zip(groups, run_all(
                [self.cache.tracked(functools.partial(make, numbers)) for numbers in groups], workers)):
            self.cache.merge(used, *counts)  # what a worker used must not be pruned
            qr.remember(codes)  # the social media slides made next carry them too
            for n, result in zip(numbers, results):
                found[n] = result
        pages = [result for result, (is_page, _) in zip(found, jobs) if is_page]
        assets = [result for result, (is_page, _) in zip(found, jobs) if not is_page]
        return pages, assets + (admin.files() if files else [])

    def _sources(self, art: Artifact) -> tuple:
        return self.kept.every if art.sources is None else art.sources

    def _file(self, art: Artifact) -> Asset:
        """The artifact's file, or the one an earlier build made from the same sources (see `Kept.get`)."""
        return Asset(art.dest, self.kept.get(("file v1", art.dest, *art.also), self._sources(art), art.make,
                                             _dump_file, _load_file))

    def home_sections(self, page_url: str = "") -> str:
        """What goes below the site's own home page: the next assembly, the latest outcomes."""
        return self.kept.get(("home v1", page_url), self.kept.every,
                             lambda: self.templates.render("home.md.j2", page_url=page_url))

    def head(self, src_uri: str, title: str = "") -> str:
        return head_for(self.plan, src_uri, title)

    def page_meta(self) -> dict[str, dict[str, str]]:
        """Titles and descriptions of generated pages, by source, in the site's language.

        Themes insert page.title and page.meta unescaped into <title> (after
        `striptags`, which undoes our escaping), so titles from records are
        given as escaped HTML text."""
        lang = self.lang
        meta = {urls.source(folder): {"title": html.escape(lang._(title))} for folder, title in LIST_TITLES}
        # the answers table needs the page's whole width: no table of contents beside it
        meta[urls.source(urls.RESPONSES)]["hide"] = ["toc"]
        for assembly in self.site.assemblies:
            meta[urls.source(urls.recap(assembly.slug))] = {
                "title": html.escape(strip_lang_marks(assembly.title)),
                "description": html.escape(description_of(assembly)),
            }
            for folder, doc in self.plan.evidence_documents(assembly):
                meta[urls.source(folder)] = {"title": html.escape(f"{doc.title}: {strip_lang_marks(assembly.title)}")}
        for a in posted(self.plan):  # its heading names the record: the theme would unescape it into <title>
            meta[urls.source(share_folder(a))] = {"title": html.escape(
                lang._("Share on social media: %(title)s", title=strip_lang_marks(a.title)))}
        for theme in self.site.themes.values():
            meta[urls.source(urls.theme(theme.slug))] = {
                "title": html.escape(lang._("Theme: %(name)s", name=strip_lang_marks(theme.name)))}
        for slug, body in self.site.bodies.items():
            meta[urls.source(urls.body(slug))] = {"title": html.escape(lang._("Answers from %(name)s", name=body.name))}
        return meta

    @functools.cached_property
    def word_template(self) -> Path | None:
        """The organisation's own `templates/evidence.docx`, whose styles documents take."""
        return next((d / "evidence.docx" for d in self.template_dirs if (d / "evidence.docx").is_file()), None)

    def documents(self, workers: int | None = 1) -> list[Asset]:
        """Files that take real work to make: open data, feeds, photos, cards, evidence
        documents and letters, photos and cards on `workers` cores (None: all of them).

        Nothing else depends on them, so a big build makes them in a second
        process while MkDocs renders the pages (see `background`)."""
        # the folders first: their workers fork before the open data's tables fill this process
        files = self._folders([*PhotoFiles(self.plan, self.cache).artifacts(),
                               *CardFiles(self.plan, self.cache).artifacts(),
                               *SocialFiles(self.plan, self.cache).artifacts()], workers)
        files += [self._file(art) for art in DataFiles(self.plan).artifacts()]
        files += [Asset(art.dest, art.make())
                  for art in DocumentFiles(self.plan, self.cache, self.word_template).artifacts()]
        return files

    def _folders(self, artifacts: list[Artifact], workers: int | None) -> list[Asset]:
        """Artifacts that each make a folder's files, on `workers` cores."""
        cache, files = self.cache, []
        for art, (made, used, counts) in zip(artifacts, run_all([cache.tracked(a.make) for a in artifacts], workers)):
            cache.merge(used, *counts)  # what a worker used must not be pruned
            files += [Asset(art.dest + name, content=data) for name, data in made.items()]
        return files


def _dump_file(content: str | bytes) -> bytes:
    return b"s" + content.encode("utf-8") if isinstance(content, str) else b"b" + content


def _load_file(data: bytes) -> str | bytes:
    return data[1:].decode("utf-8") if data[:1] == b"s" else data[1:]
