"""The MkDocs adapter: hands folkmoot's rendered pages and files to MkDocs.

All knowledge of records lives in the core; this module only loads the
project, refuses to build when a record has errors, and registers the
generated pages, photos, calendars and our CSS/JS as MkDocs files.
"""

from __future__ import annotations

import hashlib
import html
import logging
import os
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from folkmoot.views.site import build_site
from folkmoot.engine.background import Background, BackgroundError, die_with_parent
from folkmoot.engine.cache import project_cache
from folkmoot.commands.check import check_project
from folkmoot.text.i18n import N_
from folkmoot.problems import Problem
from folkmoot.resources import ASSETS, GUIDES, THEME
from folkmoot.records.project import organisation_from_options, today
from folkmoot.text.safe_markdown import strip_lang_marks
from folkmoot.outputs.pages import Renderer, TemplateProblem, description_of, theme_bytecode_cache
from folkmoot.mkdocs_plugin.reuse import Reuse
from folkmoot.engine.sitedir import mark, refusal

log = logging.getLogger("mkdocs.plugins.folkmoot")

ASSET_DIR = "assets/folkmoot"
# the page's own text (not the navigation) of every page but 404.html
PAGEFIND_ARGS = ["--root-selector", "article.md-content__inner:not([data-fm-nosearch])",
                 "--exclude-selectors", ".headerlink", "--glob", "**/index.html", "--silent"]
BACKGROUND_FROM = 20  # assemblies; below this a second process costs more than it saves


def write_assets(assets, site_dir: Path) -> list[str]:
    """Write generated files into the built site, never outside it.

    A photo, card or document kept in the cache folder is linked, not copied: a
    thousand assemblies' are some 350 MB to write and, on the next build, to delete.
    Nothing writes into a published file (a file is replaced, never rewritten in
    place), so the site and the cache can share it; GitHub's Pages upload copies
    links as files. Where a link cannot be made (another disk), the file is copied."""
    for asset in assets:
        dest = (site_dir / asset.dest_uri).resolve()
        if not dest.is_relative_to(site_dir):
            raise PluginError(f"Refusing to write {asset.dest_uri} outside the site folder.")
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.unlink(missing_ok=True)  # a preview's earlier link: writing through it would change the cache
        if isinstance(asset.content, Path):
            try:
                os.link(asset.content, dest)
            except OSError:
                shutil.copyfile(asset.content, dest)
        else:
            dest.write_bytes(asset.content)
    return [asset.dest_uri for asset in assets]


def remove_files(uris, site_dir: Path) -> None:
    """Remove these files of the site (what a preview no longer makes), never outside it."""
    for uri in uris:
        path = (site_dir / uri).resolve()
        if path.is_relative_to(site_dir) and path != site_dir and path.is_file():
            path.unlink(missing_ok=True)  # the preview may be removing its folder just now


LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
ARTICLE = re.compile(r'<article [^>]*class="md-content__inner[^"]*"[^>]*>')


def _banner(errors: list[Problem]) -> str:
    items = "".join(f"<li><code>{html.escape(f'{p.path}:{p.line}' if p.line else p.path)}</code> "
                    f"{html.escape(p.message)} {html.escape(p.hint)}</li>" for p in sorted(errors))
    n = len(errors)
    return (f'<div class="admonition failure fm-preview-errors" role="alert">'
            f'<p class="admonition-title">This preview is out of date: {n} error{"s" if n != 1 else ""} to fix</p>'
            f"<ul>{items}</ul><p>Fix them and save; this page reloads by itself. "
            "Until then it shows the last version that built.</p></div>")


def _edit_base(config, root: Path) -> str:
    """Where a file of the repository is edited on GitHub, worked out from `repo_url` and
    `edit_uri` (which points at docs_dir, e.g. edit/main/content/); empty when they are not set."""
    from urllib.parse import urljoin

    repo_url, edit_uri = config.repo_url or "", config.edit_uri or ""
    docs = Path(config.docs_dir).resolve()
    if not repo_url or not edit_uri or not docs.is_relative_to(root):
        return ""
    inside = docs.relative_to(root).as_posix().strip("/") + "/"
    edit_uri = edit_uri if edit_uri.endswith("/") else edit_uri + "/"
    if not edit_uri.endswith(inside):
        return ""
    return urljoin(repo_url if repo_url.endswith("/") else repo_url + "/", edit_uri[:-len(inside)])


def _rewatch_when_replaced(server, root: Path, folders: list[Path]) -> None:
    """A watched folder that is deleted and made again (a branch switch, a
    `git checkout` of it) is no longer watched; watch the new one and rebuild."""
    import watchdog.events

    wanted = {str(f) for f in folders}

    def on_any_event(event):
        path = os.fsdecode(getattr(event, "dest_path", "") or event.src_path)
        if path not in wanted or not os.path.isdir(path):
            return
        try:
            server.unwatch(path)
        except (KeyError, ValueError):
            pass
        server.watch(path)
        with server._rebuild_cond:  # MkDocs' own "a file changed" signal
            server._want_rebuild = True
            server._rebuild_cond.notify_all()

    handler = watchdog.events.FileSystemEventHandler()
    handler.on_any_event = on_any_event
    server.observer.schedule(handler, str(root), recursive=False)


class FolkmootConfig(Config):
    organisation = c.Type(dict, default={})
    timezone = c.Type(str, default="Europe/London")
    templates_dir = c.Type(str, default="templates")
    # read and checked by the core (bodies.read_settings), which reports mistakes at their line
    response_days = c.Optional(c.Type(int))
    review_days = c.Optional(c.Type(int))
    recipients = c.Type(dict, default={})


class FolkmootPlugin(BasePlugin[FolkmootConfig]):
    def __init__(self):
        super().__init__()
        self.preloaded = None  # (project, problems) when `folkmoot build` has checked already
        self.renderer: Renderer | None = None
        self.meta: dict[str, dict[str, str]] = {}  # page meta for generated pages, by src_uri
        self.pages = {}  # generated Page by src_uri
        self.serving = False
        self.checked: dict = {}  # under `serve`: each record's last check, by folder (see load_project)
        self.rendered: dict = {}  # under `serve`: pages made from unchanged records (see Renderer._page_from)
        self.dirty = False
        self.digests: dict[str, bytes] = {}  # src_uri -> digest of the content last built
        self.indexer = None  # Pagefind, left running under `serve`
        self.documents = None  # Background making evidence documents, data and feeds
        self.reuse: Reuse | None = None  # MkDocs' conversion and theme for generated pages, kept between builds
        self.env = None  # the theme's Jinja environment, to render a generated page's own template
        self.home = ""  # sections added below content/index.md
        self.banner = ""  # under `serve`: what is wrong with the records, shown on every page
        self.rebuild_all = False  # under `serve`: the banner came or went, so every page changes
        self.outputs: set[str] = set()  # under `serve`: what the last build published, to drop stale pages
        self.document_outputs: set[str] = set()  # under `serve`: what the last documents written were
        self._files: Files | None = None
        self.package_pages: set[str] = set()  # folkmoot's own guides, given to sites that lack them
        self.failure = ""  # why the last build stopped, for `folkmoot build` to print (MkDocs only logs it)

    def on_startup(self, *, command, dirty):
        """Having this hook keeps one plugin across `serve` rebuilds, so a
        rebuild can tell which generated files changed (see `_generated`)."""
        self.serving = command == "serve"
        self.dirty = dirty

    def _generated(self, config, src_uri: str, content, inclusion=InclusionLevel.UNDEFINED) -> File:
        """A generated file; in a dirty `serve` rebuild, unchanged ones are not rebuilt."""
        file = File.generated(config, src_uri, content=content, inclusion=inclusion)
        digest = hashlib.sha1(content.encode() if isinstance(content, str) else content).digest()
        if self.dirty and not self.rebuild_all and self.digests.get(src_uri) == digest:
            file.is_modified = lambda: False
        self.digests[src_uri] = digest
        return file

    def _root(self, config) -> Path:
        return Path(config.config_file_path).resolve().parent

    def on_config(self, config):
        # `mkdocs build` empties site_dir first: refuse a folder that holds anything else
        reason = refusal(self._root(config), Path(config.site_dir), Path(config.docs_dir))
        if reason:
            raise PluginError(f"Nothing was built: {reason}")
        for path, key in ((f"{ASSET_DIR}/folkmoot.css", "extra_css"), (f"{ASSET_DIR}/folkmoot.js", "extra_javascript"),
                          (f"{ASSET_DIR}/folkmoot-search.js", "extra_javascript")):
            if path not in config[key]:
                config[key].append(path)
        # Our partials (the Pagefind search box) come after an organisation's
        # own custom_dir and before the theme's.
        theme_dir = str(THEME)
        if theme_dir not in config.theme.dirs:
            position = 1 if config.theme.custom_dir else 0
            config.theme.dirs.insert(position, theme_dir)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        root = self._root(config)
        if self.preloaded is not None:
            project, problems = self.preloaded
            self.preloaded = None
        else:  # a preview re-checks only the records whose folders changed
            project, problems = check_project(root, self.checked if self.serving else None)
        self._finish_documents(wait=False)  # the previous preview's, normally long finished
        errors = problems.errors
        if not errors:
            try:
                self._render(project, config, root)
            except TemplateProblem as exc:
                errors = [exc.problem]
        if errors and not (self.serving and self.renderer is not None):
            listing = "\n".join(str(p) for p in sorted(errors))
            self.failure = (f"folkmoot found {len(errors)} error(s); nothing was built.\n"
                            f"{listing}\nFix them and build again (`folkmoot check` lists them too).")
            raise PluginError(self.failure)
        for warning in problems.warnings:
            log.info(str(warning))
        # Under `serve`, a record with errors keeps the last good pages, and
        # every page says what is wrong, where, instead of the browser waiting.
        banner = _banner(errors) if errors else ""
        self.rebuild_all, self.banner = banner != self.banner, banner
        for page in self.pages.values():
            # a page of one record, theme, body or document is reached from the lists, not the
            # navigation: MkDocs neither lists it (with no `nav:`) nor reports it missing from `nav:`
            one_of_many = page.src_uri.count("/") > 1
            files.append(self._generated(config, page.src_uri, page.markdown,
                                         InclusionLevel.NOT_IN_NAV if one_of_many else InclusionLevel.UNDEFINED))
        # folkmoot's guides, unless the site has its own page of the same name
        self.package_pages.clear()
        for guide in sorted(GUIDES.iterdir(), key=lambda g: g.name):
            src_uri = f"guides/{guide.name}"
            if guide.name.endswith(".md") and files.get_file_from_path(src_uri) is None:
                files.append(self._generated(config, src_uri, guide.read_text(encoding="utf-8")))
                self.package_pages.add(src_uri)
        for asset in self.renderer.assets():
            files.append(self._generated(config, asset.dest_uri, asset.content))
        for name in ("folkmoot.css", "folkmoot.js", "folkmoot-search.js"):
            data = (ASSETS / name).read_bytes()
            files.append(self._generated(config, f"{ASSET_DIR}/{name}", data))
        if self.dirty:
            for file in files.documentation_pages():
                # the home page's "next assembly" and "latest outcomes" come from records
                if self.rebuild_all or file.src_uri == "index.md":
                    file.is_modified = lambda: True
        self._files = files
        return files

    def _render(self, project, config, root: Path) -> None:
        """Render every generated page before MkDocs writes any, so a broken template
        stops the build whole (TemplateProblem) instead of half-way."""
        project.organisation = organisation_from_options(dict(self.config))
        site = build_site(project, today())
        renderer = Renderer(site, [root / self.config.templates_dir], base_url=config.site_url or "",
                            site_name=config.site_name, cache=project_cache(root), edit_base=_edit_base(config, root),
                            page_memo=self.rendered if self.serving else None)
        renderer.cache.used |= project.cache_used  # the checked records, kept when the build prunes
        # Evidence documents, open data, feeds, photos and cards: made in a second process
        # on big sites. A build starts it before rendering the pages, which would otherwise
        # leave the second core idle (a broken template still stops the build whole: the
        # process is stopped and the staging folder removed). A small site makes them after
        # the pages, in this process; so does a preview, which writes into the site it shows.
        site_dir = Path(config.site_dir).resolve()
        serving = self.serving

        inline = len(site.assemblies) < BACKGROUND_FROM
        previous = self.document_outputs

        @renderer.cache.tracked  # what it used and made travels back, to be counted and pruned with the pages
        def make_documents() -> list[str]:
            # in the second process, photos and cards are made on every core; never fork
            # the MkDocs process itself, whose preview server has threads
            written = write_assets(renderer.documents(workers=1 if inline else None), site_dir)
            if serving:  # a photo taken out, a card now card.jpg: the preview shows no file left over
                remove_files(previous - set(written), site_dir)
            return written

        if early := not (inline or serving):
            self.documents = Background(make_documents)
        pages = {page.src_uri: page for page in renderer.pages()}
        if not early:
            self.documents = Background(make_documents, inline=inline)
        home = renderer.home_sections()
        self.renderer, self.pages, self.home = renderer, pages, home
        self.reuse = Reuse(renderer.cache, config)
        # Themes insert page.title and page.meta unescaped into <title> (after
        # `striptags`, which undoes our escaping), so titles from records are
        # given to them as escaped HTML text here.
        self.meta = {}
        # Short titles for the lists, in the site's language: what the navigation shows
        # when mkdocs.yml lists a page without a title of its own.
        for src_uri, title in (("assemblies/index.md", N_("Assemblies")), ("outcomes/index.md", N_("Outcomes")),
                               ("responses/index.md", N_("Answers")), ("themes/index.md", N_("Themes")),
                               ("data/index.md", N_("Open data"))):
            self.meta[src_uri] = {"title": html.escape(renderer.lang._(title))}
        for assembly in site.assemblies:
            self.meta[f"assemblies/{assembly.slug}/index.md"] = {
                "title": html.escape(strip_lang_marks(assembly.title)),
                "description": html.escape(description_of(assembly)),
            }
            for folder, doc in renderer.evidence_documents(assembly):
                self.meta[f"{folder}index.md"] = {"title": html.escape(f"{doc.title}: {strip_lang_marks(assembly.title)}")}
        for theme in site.themes.values():
            self.meta[f"themes/{theme.slug}/index.md"] = {"title": html.escape(renderer.lang._("Theme: %(name)s", name=strip_lang_marks(theme.name)))}
        for slug, body in site.bodies.items():
            self.meta[f"responses/{slug}/index.md"] = {"title": html.escape(renderer.lang._("Answers from %(name)s", name=body.name))}

    def _finish_documents(self, wait: bool = True) -> None:
        """Collect the previous preview's documents; a failure there was that
        build's, and must not stop the next one (it is made afresh). Still
        running, they are stopped, not waited for: this build makes them again,
        reusing every photo and card already in the cache, and the edit shows
        at once instead of after the last build's photos."""
        if not wait and self.documents is not None and not self.documents.done():
            log.info("folkmoot: the previous preview's documents were not finished; making them again")
            self.stop_background()
        if self.documents is not None:
            try:
                written = self._collect(self.documents.result())
                self.document_outputs = set(written)
            except BackgroundError as exc:
                log.error(f"folkmoot: the evidence documents and data of the previous preview failed: {exc}")
            self.documents = None

    def _collect(self, result: tuple[list[str], set[str], tuple[int, int]]) -> list[str]:
        """Add what the documents used and made to the pages' count (see `Cache.tracked`), say
        it, and give back the files they wrote."""
        written, used, counts = result
        cache = self.renderer.cache
        cache.merge(used, *counts)
        log.info(f"folkmoot: {len(written)} documents, data files, photos and cards written; "
                 f"{cache.made} photos, cards, documents and pages made, {cache.reused} reused from "
                 ".cache/plugin/folkmoot")
        return written

    def stop_background(self) -> None:
        """The build failed or was stopped: its second process, and Pagefind, must stop
        writing (into the staging folder that is about to be removed)."""
        if self.documents is not None:
            self.documents.cancel()
            self.documents = None
        if self.indexer is not None and self.indexer.poll() is None:
            self.indexer.kill()
            self.indexer.wait()

    def on_env(self, env, *, config, files):
        """The theme's templates (folkmoot's search box) say folkmoot's words in the site's language too.
        MkDocs has already added Jinja's i18n extension, newstyle, for its own themes."""
        from folkmoot.text.i18n import language
        from folkmoot.outputs.pages import gettext_functions

        self.env = env
        lang = language(config.theme.get("language") or "en")
        if "jinja2.ext.InternationalizationExtension" not in env.extensions:
            env.add_extension("jinja2.ext.i18n")
        env.policies["ext.i18n.trimmed"] = True
        env.newstyle_gettext = True
        env.globals.update(gettext_functions(lang))
        env.globals["fm_plural_forms"] = lang.plural_forms
        if env.bytecode_cache is None:
            env.bytecode_cache = theme_bytecode_cache(env)
        return env

    def on_build_error(self, *, error):
        self.stop_background()

    def on_page_markdown(self, markdown, *, page, config, files):
        # Pagefind indexes the built pages; the theme's own index would go unused.
        page.meta.setdefault("search", {"exclude": True})
        src = page.file.src_uri
        if src == "index.md" and self.renderer is not None:
            return markdown.rstrip() + "\n\n" + self.home
        for key, value in self.meta.get(src, {}).items():
            page.meta.setdefault(key, value)
        return markdown

    @event_priority(-100)  # last: a generated page is rendered here, with what every plugin added
    def on_page_context(self, context, *, page, config, nav):
        """Pages made from records have no Markdown file to edit: the theme's edit
        button goes to the record itself, or is left off."""
        src = page.file.src_uri
        if src in self.pages or src in self.package_pages:
            assembly = self.renderer.recaps.get(src) if self.renderer else None
            page.edit_url = (self.renderer.record_edit_url(assembly) or None) if assembly else None
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
        if generated is None:
            return html
        if self.reuse is not None:
            self.reuse.swap_template(page)
        return generated.restore(html)

    def on_post_page(self, output, *, page, config):
        if self.renderer is None or "</head>" not in output:
            return output
        output = output.replace("</head>", self.renderer.head(page.file.src_uri) + "</head>", 1)
        generated = self.pages.get(page.file.src_uri)
        if generated is not None and not generated.searchable:
            # no root element for Pagefind: search finds the recaps, not the lists of them
            output = output.replace('<article class="md-content__inner', '<article data-fm-nosearch class="md-content__inner', 1)
        language = self._record_language(page, config)
        if language:  # the page's words are in another language than the site's (WCAG 3.1.2)
            output = ARTICLE.sub(lambda m: m.group(0).replace("<article ", f'<article lang="{html.escape(language)}" ', 1),
                                 output, count=1)
        if self.banner:
            output = ARTICLE.sub(lambda m: m.group(0) + self.banner, output, count=1)
        return output

    def _record_language(self, page, config) -> str:
        """The language a whole page is in, when it is not the site's: an evidence
        document's (English for Parliament), or a hand-written page's `language:`
        (folkmoot's guides say `en`). Recaps mark each of the record's words instead,
        as the page's own words around them are in the site's language."""
        if self.renderer is None:
            return ""
        src_uri = page.file.src_uri
        generated = self.pages.get(src_uri)
        if generated is not None:
            language = generated.language
        else:
            language = str(page.meta.get("language") or "")
            if not LANGUAGE_TAG.fullmatch(language):
                return ""
        return "" if self.renderer.lang.same_as(language) else language

    def on_post_build(self, *, config):
        """Wait for the documents made alongside the build, then index the finished
        pages with Pagefind (a Rust binary from PyPI's pagefind[bin]). One after the
        other, not together: in a cold build of 1,000 assemblies the photo workers
        and Pagefind side by side came to 1 GB; after a small edit the documents are
        done before MkDocs is, so waiting for them costs nothing."""
        site_dir = Path(config.site_dir).resolve()
        mark(site_dir)
        if self.serving:
            self._drop_stale(site_dir)
        elif self.documents is not None:  # a preview does not wait for them: they appear when ready
            try:
                result = self.documents.result()
            except BackgroundError as exc:
                self.failure = f"The evidence documents, open data and feeds could not be made: {exc}"
                raise PluginError(self.failure) from None
            finally:
                self.documents = None
            self._collect(result)
            self.renderer.cache.prune()  # a preview may show a record mid-edit: only a build prunes
        if self.reuse is not None:
            log.info(f"folkmoot: MkDocs converted {self.reuse.converted} and rendered {self.reuse.rendered} "
                     f"of {self.reuse.pages} generated pages; the rest were reused")
        if self.indexer is not None and self.indexer.poll() is None:
            self.indexer.kill()  # indexing an older preview
            self.indexer.wait()
        self.indexer = subprocess.Popen(
            [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--output-subdir", "pagefind", *PAGEFIND_ARGS],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, preexec_fn=die_with_parent)
        if self.serving:
            return  # search catches up a moment after the page is shown
        _, stderr = self.indexer.communicate()
        if self.indexer.returncode != 0:
            raise PluginError(f"The search index could not be built (pagefind: {stderr.strip()[:500]}).")

    def _drop_stale(self, site_dir: Path) -> None:
        """A preview builds over the last one: remove what no longer exists
        (a deleted record, one turned back into a draft, a theme now unused)."""
        current = {f.dest_uri for f in self._files} if self._files is not None else set()
        folders = {posixpath.dirname(uri) for uri in current}
        for uri in sorted(self.outputs - current):
            folder = posixpath.dirname(uri)
            gone = folder and not any(f == folder or f.startswith(folder + "/") for f in folders)
            path = (site_dir / (folder if gone else uri)).resolve()
            if not path.is_relative_to(site_dir) or path == site_dir:
                continue
            if gone:
                shutil.rmtree(path, ignore_errors=True)
            elif path.is_file():
                path.unlink()
        self.outputs = current

    def on_serve(self, server, *, config, builder):
        root = self._root(config)
        folders = [root / "assemblies", root / self.config.templates_dir]
        for folder in folders:
            if folder.is_dir():
                server.watch(str(folder))
        _rewatch_when_replaced(server, root, folders)
        return server
