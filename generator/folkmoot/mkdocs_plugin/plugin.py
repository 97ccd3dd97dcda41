"""The MkDocs adapter: hands folkmoot's rendered pages and files to MkDocs.

All knowledge of records lives in the core; this class holds only MkDocs'
hooks. It loads the project, refuses to build when a record has errors,
and registers what `outputs.publication.Publication` made as MkDocs files.
The slow files (`documents`), search (`search_index`), the site folder
(`site_files`) and what a preview adds (`preview`) live beside it.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from folkmoot.commands.check import check_project
from folkmoot.engine.cache import project_cache
from folkmoot.engine.sitedir import mark, refusal
from folkmoot.mkdocs_plugin.config import FolkmootConfig, add_theme_and_assets, edit_base, project_root
from folkmoot.mkdocs_plugin.content_images import publish_clean
from folkmoot.mkdocs_plugin.documents import Documents
from folkmoot.mkdocs_plugin.generated import GeneratedFiles
from folkmoot.mkdocs_plugin.page_html import NavPlace, finish_page, page_language
from folkmoot.mkdocs_plugin.preview import banner, watch_records
from folkmoot.mkdocs_plugin.reuse import Reuse
from folkmoot.mkdocs_plugin.search_index import SearchIndex
from folkmoot.mkdocs_plugin.site_files import drop_stale
from folkmoot.outputs.publication import Publication
from folkmoot.outputs.templates import TemplateProblem, install_in_theme
from folkmoot.records.project import organisation_from_options, today
from folkmoot.text.i18n import language
from folkmoot.views.site import build_site

log = logging.getLogger("mkdocs.plugins.folkmoot")


def _answer_material_notice() -> None:
    """Material prints its end-of-life notice, pointing at another engine, under the `mkdocs`
    command (not folkmoot's or ProperDocs'): say where this project's own answer is."""
    path = Path(sys.argv[0])
    if path.stem == "mkdocs" or (path.name == "__main__.py" and path.parent.name == "mkdocs"):
        log.info("folkmoot: Material for MkDocs' end-of-life notice (May 2027) asks nothing of this site: "
                 "README.md says what to do when Material ends (\"The engine underneath\").")


def publication_for(project, config, options, root: Path, page_memo: dict | None) -> Publication:
    """What the site publishes, as of today, with this site's settings."""
    project.organisation = organisation_from_options(dict(options))
    publication = Publication(build_site(project, today()), [root / options.templates_dir],
                              base_url=config.site_url or "", site_name=config.site_name, cache=project_cache(root),
                              edit_base=edit_base(config, root), page_memo=page_memo)
    publication.cache.used |= project.cache_used  # the checked records, kept when the build prunes
    return publication


def render_all(project, config, options, root: Path, documents: Documents, page_memo: dict | None):
    """Render every generated page and quick file before MkDocs writes any, so a broken
    template stops the build whole (TemplateProblem) instead of half-way; then start the
    slow files (on a big site, in a second process beside MkDocs' own work)."""
    publication = publication_for(project, config, options, root, page_memo)
    start_documents = documents.plan(publication, Path(config.site_dir).resolve(), page_memo is not None)
    made, assets = publication.made(workers=1 if page_memo is not None else None)
    start_documents()
    return publication, {page.src_uri: page for page in made}, assets


def failure(errors) -> str:
    listing = "\n".join(str(p) for p in sorted(errors))
    return (f"folkmoot found {len(errors)} error(s); nothing was built.\n"
            f"{listing}\nFix them and build again (`folkmoot check` lists them too).")


class FolkmootPlugin(BasePlugin[FolkmootConfig]):
    def __init__(self):
        super().__init__()
        self.preloaded = None  # (project, problems) when `folkmoot build` has checked already
        self.publication: Publication | None = None
        self.meta: dict[str, dict[str, str]] = {}  # page meta for generated pages, by src_uri
        self.pages, self.assets = {}, []  # generated Page by src_uri, and the quick files made with them
        self.serving = False
        self.checked: dict = {}  # under `serve`: each record's last check, by folder (see load_project)
        self.rendered: dict = {}  # under `serve`: pages made from unchanged records (see outputs.kept)
        self.generated = GeneratedFiles()  # what a dirty preview rebuild need not write again
        self.search = SearchIndex()  # left running under `serve`
        self.documents = Documents()  # evidence documents, data, feeds, photos and cards
        self.reuse: Reuse | None = None  # MkDocs' conversion and theme for generated pages, kept between builds
        self.env = None  # the theme's Jinja environment, to render a generated page's own template
        self.home = ""  # sections added below content/index.md
        self.banner = ""  # under `serve`: what is wrong with the records, shown on every page
        self.outputs: set[str] = set()  # under `serve`: what the last build published, to drop stale pages
        self._files: Files | None = None
        self.nav_place, self.failure = NavPlace(), ""  # failure: why the last build stopped, for `folkmoot build` to print (MkDocs only logs it)

    def on_startup(self, *, command, dirty):
        """Keeps one plugin across `serve` rebuilds, to tell which generated files changed."""
        self.serving = command == "serve"
        self.generated.dirty = dirty
        _answer_material_notice()

    def on_config(self, config):
        # `mkdocs build` empties site_dir first: refuse a folder that holds anything else
        reason = refusal(project_root(config), Path(config.site_dir), Path(config.docs_dir))
        if reason:
            raise PluginError(f"Nothing was built: {reason}")
        add_theme_and_assets(config)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        root = project_root(config)
        if self.preloaded is not None:
            project, problems = self.preloaded
            self.preloaded = None
        else:  # a preview re-checks only the records whose folders changed
            project, problems = check_project(root, self.checked if self.serving else None)
        self.documents.finish_previous(wait=False)  # the previous preview's, normally long finished
        errors = problems.errors
        if not errors:
            try:
                self.publication, self.pages, self.assets = render_all(
                    project, config, self.config, root, self.documents, self.rendered if self.serving else None)
                self.home, self.meta = self.publication.home_sections(), self.publication.page_meta()
                self.reuse = Reuse(self.publication.cache, config)
            except TemplateProblem as exc:
                errors = [exc.problem]
        if errors and not (self.serving and self.publication is not None):
            self.failure = failure(errors)
            raise PluginError(self.failure)
        for warning in problems.warnings:
            log.info(str(warning))
        # Under `serve`, a record with errors keeps the last good pages, and every page says what is wrong.
        shown = banner(errors) if errors else ""
        self.generated.rebuild_all, self.banner = shown != self.banner, shown
        publish_clean(files, self.publication.cache)
        self.generated.add(files, config, self.pages.values(), self.assets)
        self._files = files
        return files

    def stop_background(self) -> None:
        """The build failed or was stopped: its second process and Pagefind stop writing."""
        self.documents.stop()
        self.search.stop()

    def on_env(self, env, *, config, files):
        """The theme's templates (folkmoot's search box) say folkmoot's words in the site's language too."""
        self.env = env
        install_in_theme(env, language(config.theme.get("language") or "en"))
        if not self.serving:  # the pages are about to be written: search reads each as it is
            self.search.begin()
        return env

    def on_build_error(self, *, error):
        self.stop_background()

    def on_page_markdown(self, markdown, *, page, config, files):
        # Pagefind indexes the built pages; the theme's own index would go unused.
        page.meta.setdefault("search", {"exclude": True})
        src = page.file.src_uri
        if src == "index.md" and self.publication is not None:
            NavPlace.name_home(page, markdown, config.site_name, self.publication.lang)
            return markdown.rstrip() + "\n\n" + self.home
        for key, value in self.meta.get(src, {}).items():
            page.meta.setdefault(key, value)
        return markdown

    @event_priority(-100)  # last: a generated page is rendered here, with what every plugin added
    def on_page_context(self, context, *, page, config, nav):
        """Pages made from records have no Markdown file to edit: the theme's edit
        button goes to the record itself, or is left off."""
        self.nav_place.light(page, nav)
        src = page.file.src_uri
        if src in self.pages or src in self.generated.guides:
            assembly = self.publication.recaps.get(src) if self.publication else None
            page.edit_url = (self.publication.record_edit_url(assembly) or None) if assembly else None
        if self.reuse is not None:
            output = self.reuse.theme_output(page, context, config, nav, self.env)
            if output is not None:
                context["fm_page_output"] = output
        return context

    def on_pre_page(self, page, *, config, files):
        if self.reuse is not None and page.file.src_uri in self.pages:
            self.reuse.wrap_render(page)
        return page

    def on_page_content(self, html, *, page, config, files):
        generated = self.pages.get(page.file.src_uri)
        if generated is not None and self.reuse is not None:
            self.reuse.swap_template(page)
        return html if generated is None else generated.restore(html)

    @event_priority(-100)  # last: Pagefind reads the page as it is written
    def on_post_page(self, output, *, page, config):
        self.nav_place.dim()
        if self.publication is not None and "</head>" in output:
            generated = self.pages.get(page.file.src_uri)
            output = finish_page(output, self.publication.head(page.file.src_uri, page.title), generated,
                                 page_language(generated, page.meta, self.publication.lang), self.banner)
        self.search.add(page.url, output)
        return output

    def on_post_build(self, *, config):
        """Wait for the documents made alongside the build, then for Pagefind, fed
        each page as it was written, to write the search index."""
        site_dir = Path(config.site_dir).resolve()
        mark(site_dir)
        if self.serving:  # a preview does not wait for its documents, nor for search: they catch up
            self.outputs = drop_stale(self.outputs, {f.dest_uri for f in self._files or ()}, site_dir)
            self.search.start(config.site_dir, background=True)
            return
        try:
            self.documents.wait()
            if self.reuse is not None:
                self.reuse.say()
            self.search.finish(config.site_dir, self.publication.cache)
        except PluginError as exc:  # what `folkmoot build` prints (MkDocs only logs it)
            self.failure = str(exc)
            raise
        self.publication.cache.prune()  # a preview may show a record mid-edit: only a build prunes

    def on_serve(self, server, *, config, builder):
        watch_records(server, project_root(config), self.config.templates_dir)
        return server
