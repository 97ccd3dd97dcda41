"""The MkDocs adapter: hands folkmoot's rendered pages and files to MkDocs.

All knowledge of records lives in the core; this module only loads the
project, refuses to build when a record has errors, and registers the
generated pages, photos, calendars and our CSS/JS as MkDocs files.
"""

from __future__ import annotations

import hashlib
import html
import logging
import subprocess
import sys
from importlib import resources
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .aggregate import build_site
from .background import Background
from .checks import check_project
from .project import organisation_from_options, today
from .render import Renderer

log = logging.getLogger("mkdocs.plugins.folkmoot")

ASSET_DIR = "assets/folkmoot"
# the page's own text (not the navigation) of every page but 404.html
PAGEFIND_ARGS = ["--root-selector", "article.md-content__inner:not([data-fm-nosearch])",
                 "--exclude-selectors", ".headerlink", "--glob", "**/index.html", "--silent"]
BACKGROUND_FROM = 20  # assemblies; below this a second process costs more than it saves


def write_assets(assets, site_dir: Path) -> int:
    """Write generated files into the built site, never outside it."""
    for asset in assets:
        dest = (site_dir / asset.dest_uri).resolve()
        if not dest.is_relative_to(site_dir):
            raise PluginError(f"Refusing to write {asset.dest_uri} outside the site folder.")
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(asset.content)
    return len(assets)


class FolkmootConfig(Config):
    organisation = c.Type(dict, default={})
    timezone = c.Type(str, default="Europe/London")
    templates_dir = c.Type(str, default="templates")


class FolkmootPlugin(BasePlugin[FolkmootConfig]):
    def __init__(self):
        super().__init__()
        self.preloaded = None  # (project, problems) when `folkmoot build` has checked already
        self.renderer: Renderer | None = None
        self.meta: dict[str, dict[str, str]] = {}  # page meta for generated pages, by src_uri
        self.pages = {}  # generated Page by src_uri
        self.serving = False
        self.dirty = False
        self.digests: dict[str, bytes] = {}  # src_uri -> digest of the content last built
        self.indexer = None  # Pagefind, left running under `serve`
        self.documents = None  # Background making evidence documents, data and feeds

    def on_startup(self, *, command, dirty):
        """Having this hook keeps one plugin across `serve` rebuilds, so a
        rebuild can tell which generated files changed (see `_generated`)."""
        self.serving = command == "serve"
        self.dirty = dirty

    def _generated(self, config, src_uri: str, content) -> File:
        """A generated file; in a dirty `serve` rebuild, unchanged ones are not rebuilt."""
        file = File.generated(config, src_uri, content=content)
        digest = hashlib.sha1(content.encode() if isinstance(content, str) else content).digest()
        if self.dirty and self.digests.get(src_uri) == digest:
            file.is_modified = lambda: False
        self.digests[src_uri] = digest
        return file

    def _root(self, config) -> Path:
        return Path(config.config_file_path).resolve().parent

    def on_config(self, config):
        for path, key in ((f"{ASSET_DIR}/folkmoot.css", "extra_css"), (f"{ASSET_DIR}/folkmoot.js", "extra_javascript"),
                          (f"{ASSET_DIR}/folkmoot-search.js", "extra_javascript")):
            if path not in config[key]:
                config[key].append(path)
        # Our partials (the Pagefind search box) come after an organisation's
        # own custom_dir and before the theme's.
        theme_dir = str(resources.files("generator").joinpath("theme"))
        if theme_dir not in config.theme.dirs:
            position = 1 if config.theme.custom_dir else 0
            config.theme.dirs.insert(position, theme_dir)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        root = self._root(config)
        if self.preloaded is not None:
            project, problems = self.preloaded
            self.preloaded = None
        else:
            project, problems = check_project(root)
        if problems.errors:
            listing = "\n".join(str(p) for p in problems.sorted() if p.severity == "error")
            raise PluginError(f"folkmoot found {len(problems.errors)} error(s) in the records; nothing was built.\n"
                              f"{listing}\nFix them and build again (`folkmoot check` lists them too).")
        for warning in problems.warnings:
            log.info(str(warning))
        project.organisation = organisation_from_options(dict(self.config))
        site = build_site(project, today())
        self.renderer = Renderer(site, [root / self.config.templates_dir], base_url=config.site_url or "",
                                 site_name=config.site_name)
        self.meta = {}

        self.pages = {}
        for page in self.renderer.pages():
            self.pages[page.src_uri] = page
            files.append(self._generated(config, page.src_uri, page.markdown))
        # Themes insert page.title and page.meta unescaped into <title> (after
        # `striptags`, which undoes our escaping), so titles from records are
        # given to them as escaped HTML text here.
        for assembly in site.assemblies:
            self.meta[f"assemblies/{assembly.slug}/index.md"] = {
                "title": html.escape(assembly.title),
                "description": html.escape(" ".join((assembly.summary or assembly.title).split())),
            }
        for theme in site.themes.values():
            self.meta[f"themes/{theme.slug}/index.md"] = {"title": html.escape(f"Theme: {theme.name}")}
        # Evidence documents, open data and feeds: made in a second process on
        # big sites, and written into the site once MkDocs has built it.
        if self.documents is not None:
            self.documents.result()  # the previous preview's, normally long finished
        renderer, site_dir = self.renderer, Path(config.site_dir).resolve()
        self.documents = Background(lambda: write_assets(renderer.documents(), site_dir),
                                    inline=len(site.assemblies) < BACKGROUND_FROM)
        for asset in self.renderer.assets():
            if asset.source is not None:
                files.append(File.generated(config, asset.dest_uri, abs_src_path=str(asset.source)))
            else:
                files.append(self._generated(config, asset.dest_uri, asset.content))
        for name in ("folkmoot.css", "folkmoot.js", "folkmoot-search.js"):
            data = resources.files("generator").joinpath("assets", name).read_bytes()
            files.append(self._generated(config, f"{ASSET_DIR}/{name}", data))
        home = files.get_file_from_path("index.md")
        if home is not None and self.dirty:
            home.is_modified = lambda: True  # its "next assembly" and "latest outcomes" come from records
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        # Pagefind indexes the built pages; the theme's own index would go unused.
        page.meta.setdefault("search", {"exclude": True})
        src = page.file.src_uri
        if src == "index.md" and self.renderer is not None:
            return markdown.rstrip() + "\n\n" + self.renderer.home_sections()
        for key, value in self.meta.get(src, {}).items():
            page.meta.setdefault(key, value)
        return markdown

    def on_page_content(self, html, *, page, config, files):
        generated = self.pages.get(page.file.src_uri)
        return generated.restore(html) if generated else html

    def on_post_page(self, output, *, page, config):
        if self.renderer is None or "</head>" not in output:
            return output
        output = output.replace("</head>", self.renderer.head(page.file.src_uri) + "</head>", 1)
        generated = self.pages.get(page.file.src_uri)
        if generated is not None and not generated.searchable:
            # no root element for Pagefind: search finds the recaps, not the lists of them
            output = output.replace('<article class="md-content__inner', '<article data-fm-nosearch class="md-content__inner', 1)
        return output

    def on_post_build(self, *, config):
        """Wait for the documents made alongside the build, then index the
        finished site with Pagefind (a Rust binary from PyPI's pagefind[bin])."""
        if not self.serving:
            self.documents.result()  # a preview does not wait for them: they appear when ready
        if self.indexer is not None and self.indexer.poll() is None:
            self.indexer.kill()  # indexing an older preview
            self.indexer.wait()
        self.indexer = subprocess.Popen(
            [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--output-subdir", "pagefind", *PAGEFIND_ARGS],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if self.serving:
            return  # search catches up a moment after the page is shown
        _, stderr = self.indexer.communicate()
        if self.indexer.returncode != 0:
            raise PluginError(f"The search index could not be built (pagefind: {stderr.strip()[:500]}).")

    def on_serve(self, server, *, config, builder):
        root = self._root(config)
        for folder in (root / "assemblies", root / self.config.templates_dir):
            if folder.is_dir():
                server.watch(str(folder))
        return server
