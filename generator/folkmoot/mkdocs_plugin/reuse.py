"""MkDocs' own work on a generated page, kept between builds.

folkmoot makes each page's Markdown and reuses that of unchanged records (see
`Renderer._page_from`), but MkDocs then converts every page to HTML and
renders the theme around it: on a site of 1,000 assemblies that is most of a
build after one record changed. MkDocs 1.x has no incremental build, so for
the pages folkmoot generates (never hand-written ones) both steps are kept
in the cache folder, under a digest of everything they are made from:

- conversion: the page's final Markdown and address, the Markdown settings
  and the versions of everything that converts it give the HTML, table of
  contents, title and anchors (kept as JSON; nothing kept is ever run);
- theme: the page's HTML, title, table of contents, meta, neighbours and
  ancestors, the whole navigation, the site's settings and the theme's
  templates give the finished page.

MkDocs has no hook that skips either step, so a generated page's `render`
method is wrapped (`wrap_render`), and its template is swapped for
`REUSE_TEMPLATE`, which prints what `theme_output` made or kept.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from folkmoot.engine import work
from folkmoot.engine.cache import Cache, code_digest, digest, file_digest, versions

log = logging.getLogger("mkdocs.plugins.folkmoot")
REUSE_TEMPLATE = "folkmoot-reuse.html"  # in folkmoot/theme/
PACKAGES = ("mkdocs", "properdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "pygments")
MARKDOWN_LINK = re.compile(r"\]\(|\]:")  # MkDocs checks and rewrites these against the site's files
# what MkDocs' get_context puts in every page's context; anything else a plugin added is in the key
STANDARD_CONTEXT = {"nav", "pages", "base_url", "extra_css", "extra_javascript", "mkdocs_version",
                    "build_date_utc", "config", "page"}


def stable_repr(value) -> str:
    """repr, with functions and classes by name instead of by address (a Markdown
    extension's settings may hold a slugify function)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{stable_repr(k)}: {stable_repr(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(stable_repr(v) for v in value) + "]"
    if callable(value):
        return f"<{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}>"
    return repr(value)


def _toc(items) -> list:
    return [{"name": a.title, "id": a.id, "level": a.level, "children": _toc(a.children)} for a in items]


def _link(page) -> tuple:
    return (page.title, page.url) if page is not None else None


def _nav(items) -> list:
    """Every title and address in the navigation, in order: each page shows all of it."""
    return [(type(item).__name__, item.title, getattr(item, "url", None), _nav(getattr(item, "children", None) or []))
            for item in items]


class Reuse:
    """What this build converted and rendered, or reused, for generated pages."""

    def __init__(self, cache: Cache, config):
        self.cache = cache
        self.converted = self.rendered = 0  # made afresh; the rest were reused
        self.pages = 0
        markdown = stable_repr([config.markdown_extensions, config.mdx_configs or {}, config.use_directory_urls,
                                config.site_url, dict(config.validation)])
        self._conversion = digest("conversion v1", code_digest(), versions(*PACKAGES), markdown)
        self._theme_site: str | None = None  # set from the navigation, once every page has its title
        self._build_date = False  # whether an override of the theme prints the build date
        self._templates: dict[str, str | None] = {}  # src_uri -> the template the page asked for

    def wrap_render(self, page) -> None:
        """Before MkDocs reads `page`: its conversion to HTML comes from the cache
        when its final Markdown (after every plugin) is one converted before."""
        original = page.render

        def render(config, files):
            if MARKDOWN_LINK.search(page.markdown):
                return original(config, files)
            self.pages += 1
            key = digest(self._conversion, page.file.src_uri, page.markdown)
            made = []

            def convert() -> bytes:
                original(config, files)
                made.append(True)
                return json.dumps({"content": page.content, "toc": _toc(page.toc), "title": page._title_from_render,
                                   "anchors": sorted(page.present_anchor_ids or ())}, ensure_ascii=False).encode()

            data = self.cache.get(key, convert)
            if made:
                self.converted += 1
                work.done("conversion")
                return
            from mkdocs.structure.toc import get_toc

            kept = json.loads(data)
            page.content, page.toc = kept["content"], get_toc(kept["toc"])
            page._title_from_render, page.present_anchor_ids = kept["title"], set(kept["anchors"])

        page.render = render

    def swap_template(self, page) -> None:
        """After conversion: MkDocs will render `REUSE_TEMPLATE`, and `theme_output`
        decides (with the whole navigation known) whether the real one must run."""
        self._templates[page.file.src_uri] = page.meta.get("template")
        page.meta["template"] = REUSE_TEMPLATE

    def theme_output(self, page, context: dict, config, nav, env) -> str | None:
        """The finished page for `context`, rendered with the template the page asked
        for, or kept from a build with the same inputs; None for pages not swapped."""
        src_uri = page.file.src_uri
        if src_uri not in self._templates:
            return None
        template = self._templates.pop(src_uri)
        if template is None:
            page.meta.pop("template", None)
        else:
            page.meta["template"] = template
        if self._theme_site is None:
            self._theme_site = digest("theme v1", code_digest(), versions(*PACKAGES), _settings(config),
                                      stable_repr([_nav(nav.items), _link(nav.homepage)]))
            self._build_date = _uses_build_date(config)
        extra = {k: v for k, v in context.items() if k not in STANDARD_CONTEXT}
        key = digest(self._theme_site, src_uri, stable_repr([
            page.url, page.canonical_url, page.abs_url, page.edit_url, page.is_homepage, page.title,
            sorted(page.meta.items()), _toc(page.toc), _link(page.previous_page), _link(page.next_page),
            [_link(a) for a in page.ancestors], context["base_url"], context["extra_css"],
            context["extra_javascript"], sorted(extra.items())]),
            context["build_date_utc"].isoformat() if self._build_date else "", page.content)
        made = []

        def render() -> bytes:
            made.append(True)
            return env.get_template(template or "main.html").render(context).encode()

        output = self.cache.get(key, render).decode()
        self.rendered += bool(made)
        work.done("theme page", bool(made))
        return output

    def say(self) -> None:
        log.info(f"folkmoot: MkDocs converted {self.converted} and rendered {self.rendered} "
                 f"of {self.pages} generated pages; the rest were reused")


def _settings(config) -> str:
    """The site's settings as the theme sees them: mkdocs.yml's values, each plugin's
    options and the files of the theme's own folder of overrides."""
    values = {k: v for k, v in config.items() if k not in ("plugins", "theme", "site_dir")}  # a new staging folder each build
    plugins = {name: dict(plugin.config) for name, plugin in config.plugins.items()}
    theme = config.theme
    # by content, not by time: a CI checkout dates every file afresh
    custom = sorted((p.relative_to(theme.custom_dir).as_posix(), file_digest(p))
                    for p in Path(theme.custom_dir).rglob("*") if p.is_file()) if theme.custom_dir else []
    return stable_repr([values, plugins, theme.name, list(theme.dirs), dict(theme), custom])


def _uses_build_date(config) -> bool:
    """No template of MkDocs' or Material's pages prints the build date; an organisation's override may."""
    custom = config.theme.custom_dir
    return bool(custom) and any("build_date_utc" in p.read_text(encoding="utf-8", errors="replace")
                                for p in Path(custom).rglob("*.html"))
