"""Render the site's pages from the aggregated data: records in, Markdown out.

Each page is a Jinja2 template from `templates/` (the project's own first,
then folkmoot's defaults), rendered to Markdown that MkDocs (or anything
else) turns into HTML. Text from records goes through `safe_markdown`.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import posixpath
import re
import traceback
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jinja2
from markupsafe import Markup

from folkmoot.outputs import ical as calendar
from folkmoot.outputs import cards
from folkmoot.outputs import charts
from folkmoot.documents import evidence
from folkmoot.documents import office as evidence_files
from folkmoot.outputs import feeds
from folkmoot.outputs import head as headmeta
from folkmoot.outputs import photos as images
from folkmoot.documents import letters
from folkmoot.outputs import opendata
from folkmoot.text.slugs import slugify
from folkmoot.views.site import Site
from folkmoot.engine.background import run_all
from folkmoot.engine.cache import Cache, code_digest, digest, file_digest, folder_digest, versions
from folkmoot.views.accountability import STATE_LABELS
from folkmoot.text.i18n import N_, Language
from folkmoot.records.model import KIND_LABELS, RESPONSE_LABELS, STATUS_LABELS, SUPPORT_LABELS, SUPPORT_LEVELS, Assembly
from folkmoot.problems import Problem
from folkmoot.resources import TEMPLATES
from folkmoot.records.project import build_timestamp
from folkmoot.text.safe_markdown import inline_text, plain, record_text, strip_lang_marks, to_html
from folkmoot.records.schema import record_schema


@dataclass(frozen=True)
class Page:
    """A generated Markdown page: `src_uri` like 'assemblies/<slug>/index.md'.

    Our templates are mostly finished HTML between Markdown headings. Markdown
    would re-parse every tag of that HTML, which was the largest cost of a big
    build, so each HTML block is set aside in `fragments` and left in the
    Markdown as a placeholder; `restore` puts it back into the converted HTML.
    """

    src_uri: str
    markdown: str
    fragments: tuple[str, ...] = ()
    nonce: str = ""
    searchable: bool = True  # lists of what other pages say, and evidence (the recap's words again), are left out of search
    language: str = ""  # the page's language when all of it is in one other than the site's (evidence documents)

    def restore(self, html: str) -> str:
        if not self.fragments:
            return html
        restored, count = _stash_mark(self.nonce).subn(lambda m: self.fragments[int(m.group(1))], html)
        if count != len(self.fragments):
            raise ValueError(f"{self.src_uri}: {count} of {len(self.fragments)} HTML blocks came back from Markdown")
        return restored


BLOCK_HTML = re.compile(r"^<(div|table|ul|ol|p|figure|article|section|dl|nav|aside|form|details)[\s>]")


def _stash_mark(nonce: str) -> re.Pattern:
    return re.compile(rf"<p>fm-stash-{nonce}-(\d+)</p>")


def stash_html(text: str) -> tuple[str, tuple[str, ...], str]:
    """Replace each block-level HTML block (no blank lines inside) with a placeholder.

    The placeholder carries a digest of the page, so text in a record cannot
    forge one; record text cannot end a block either (see `_one_line`)."""
    nonce = hashlib.sha256(text.encode()).hexdigest()[:16]
    fragments: list[str] = []
    blocks = text.split("\n\n")
    for i, block in enumerate(blocks):
        if BLOCK_HTML.match(block):
            fragments.append(block.strip("\n"))
            blocks[i] = f"fm-stash-{nonce}-{len(fragments) - 1}"  # a plain paragraph: cheapest for Markdown
    return "\n\n".join(blocks), tuple(fragments), nonce


@dataclass(frozen=True)
class Asset:
    """A file published alongside the pages. Nothing is copied as it is: even photos are made anew."""

    dest_uri: str
    content: str | bytes | Path  # a Path: a file the cache folder keeps (see `Cache.file`)


def relative_url(from_url: str, to_url: str) -> str:
    """Link from the page at `from_url` (a folder address like 'assemblies/x/') to `to_url`.

    Both are addresses inside the site, so the common leading folders are
    dropped and each remaining folder of `from_url` becomes '../' (much
    cheaper than posixpath.relpath, which pages with long tables call often)."""
    here = from_url.split("/")[:-1] if from_url else []
    there = to_url.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:]) or "./"


def video_embed(url: str) -> tuple[str, str] | None:
    """(provider, embed URL) for YouTube and Vimeo links; None for other links."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.").removeprefix("m.")
    video_id = ""
    if host in ("youtube.com", "youtube-nocookie.com"):
        if parts.path == "/watch":
            video_id = (parse_qs(parts.query).get("v") or [""])[0]
        elif parts.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parts.path.split("/")[2]
    elif host == "youtu.be":
        video_id = parts.path.lstrip("/").split("/")[0]
    elif host == "vimeo.com" and re.fullmatch(r"/\d+", parts.path):
        return "Vimeo", f"https://player.vimeo.com/video/{parts.path[1:]}?dnt=1&autoplay=1"
    if re.fullmatch(r"[A-Za-z0-9_-]{6,20}", video_id or ""):
        return "YouTube", f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1"
    return None


def _one_line(value):
    """Every plain string a template prints becomes one line.

    Templates put record text inside HTML blocks; a blank line in, say, a
    venue's access notes would end the block and let the rest be read as
    Markdown (links, attribute lists). Markup (already-safe HTML, such as
    rendered notes) is left alone; HTML collapses the whitespace anyway."""
    if isinstance(value, str) and "\n" in value and not isinstance(value, Markup):
        return " ".join(value.split())
    return value


def description_of(assembly: Assembly) -> str:
    """One line of plain text for a page's meta description and its sharing cards."""
    return plain(assembly.summary) if assembly.summary else strip_lang_marks(assembly.title)


def gettext_functions(lang: Language) -> dict:
    """Jinja's newstyle `gettext` and `ngettext` for `lang`: what `_()` and
    `{% trans %}` call. Values are escaped (the translation is not: it is
    ours, and may hold a link), and numbers are written the language's way."""

    def fill(context, text: str, values: dict):
        values = {k: _one_line(v) for k, v in lang.placeholders(values).items()}
        return Markup(text) % values if context.eval_ctx.autoescape else text % values

    @jinja2.pass_context
    def gettext(context, message: str, **values):
        return fill(context, lang.translations.gettext(message), values)

    @jinja2.pass_context
    def ngettext(context, singular: str, plural: str, n: int, **values):
        values.setdefault("num", n)
        return fill(context, lang.translations.ngettext(singular, plural, n), values)

    return {"gettext": gettext, "ngettext": ngettext}


def _page_json(page: Page) -> bytes:
    return json.dumps({"src_uri": page.src_uri, "markdown": page.markdown, "fragments": list(page.fragments),
                       "nonce": page.nonce, "searchable": page.searchable, "language": page.language},
                      ensure_ascii=False).encode("utf-8")


def _page_from_json(data: bytes) -> Page:
    kept = json.loads(data)
    return Page(kept["src_uri"], kept["markdown"], tuple(kept["fragments"]), kept["nonce"], kept["searchable"],
                kept["language"])


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process, by file and source
    checksum: a preview's rebuild (a new Renderer each time) compiles nothing
    again unless a template changed. Every Renderer's environment has the
    same options, so the compiled code is the same."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])  # ignored if the source changed

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED = _CompiledTemplates()
_THEME_COMPILED: dict[tuple, _CompiledTemplates] = {}


def theme_bytecode_cache(env: jinja2.Environment) -> _CompiledTemplates:
    """The same for the theme's templates, which MkDocs compiles afresh in every preview
    rebuild; one per set of environment options, as those shape the compiled code."""
    options = (tuple(sorted(env.extensions)), getattr(env, "newstyle_gettext", False), repr(env.autoescape),
               env.block_start_string, env.variable_start_string, env.trim_blocks, env.lstrip_blocks,
               repr(sorted(env.policies.items())))
    return _THEME_COMPILED.setdefault(options, _CompiledTemplates())


class TemplateProblem(Exception):
    """A template that cannot be rendered, located at its file and line."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def _shown_template(filename: str, root: Path | None) -> str:
    path = Path(filename)
    if root is not None and path.is_absolute() and path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    return f"folkmoot's own templates/{path.name}" if path.is_absolute() else filename


def template_problem(exc: Exception, root: Path | None) -> Problem:
    """Where in which template `exc` happened, worded for whoever edits templates."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return Problem(_shown_template(exc.filename or exc.name or "?", root), exc.lineno or 0,
                       f"This template has a syntax error: {exc.message}.",
                       "Check that every {% ... %} has its {% end... %} and every {{ is closed by }}.")
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    where = frames[-1] if frames else None
    path = _shown_template(where.filename, root) if where else "templates"
    line = where.lineno if where else 0
    if isinstance(exc, RecursionError):
        return Problem(path, line, "This template extends or includes itself, so it never ends.",
                       "Extend or include a different template (folkmoot's own ones cannot be named the same as yours).")
    if isinstance(exc, jinja2.TemplateNotFound):
        return Problem(path, line, f"This template names `{exc.name}`, which does not exist.",
                       "Check the name against the files in templates/ and folkmoot's own templates.")
    if isinstance(exc, jinja2.UndefinedError):
        return Problem(path, line, f"This template uses something that does not exist: {exc.message}.",
                       "Check the spelling against folkmoot's own template of the same name.")
    return Problem(path, line, f"This template failed: {type(exc).__name__}: {exc}.",
                   "Compare it with folkmoot's own template of the same name.")


class Renderer:
    def __init__(self, site: Site, template_dirs: list[Path] | None = None, base_url: str = "",
                 site_name: str = "", cache: Cache | None = None, edit_base: str = "", page_memo: dict | None = None):
        """`edit_base`: the address that a record's path inside the repository is added to, to
        edit it on GitHub (e.g. https://github.com/org/repo/edit/main/); empty for no edit links.
        `page_memo`: kept by a preview between rebuilds (see `_page_from`)."""
        self.site = site
        self.page_memo = page_memo
        self._record_digests: dict[str, str] = {}
        self._within: list[set[str]] = []  # the cache keys each `_kept` being made has used so far
        self.base_url = base_url if not base_url or base_url.endswith("/") else base_url + "/"
        self.site_name = site_name or site.project.organisation.name
        self.recaps = {f"assemblies/{a.slug}/index.md": a for a in site.assemblies}
        self._documents: dict[str, list[tuple[str, evidence.Document]]] = {}
        self._photos: dict[str, list[images.PublishedPhoto]] = {}
        self.cache = cache or Cache(None)
        self.edit_base = edit_base
        self.template_dirs = [d for d in template_dirs or [] if d.is_dir()]
        loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(str(d)) for d in self.template_dirs]
        loaders.append(jinja2.FileSystemLoader(str(TEMPLATES)))
        self.lang = lang = site.project.language
        self.env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=True,
                                      undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                                      keep_trailing_newline=True, finalize=_one_line, extensions=["jinja2.ext.i18n"],
                                      bytecode_cache=COMPILED)
        self.env.policies["ext.i18n.trimmed"] = True
        self.env.newstyle_gettext = True  # what `install_gettext_callables(newstyle=True)` sets
        self.env.globals.update(gettext_functions(lang))

        def label(labels: dict):
            return lambda value: lang._(labels[value]) if value in labels else value

        self.env.filters.update(md=to_html, inline=inline_text, rec=record_text, plain_text=strip_lang_marks,
                                long_date=lambda d: lang.date(d, "full"), short_date=lambda d: lang.date(d, "short"),
                                number=lang.number, status_label=label(STATUS_LABELS), support_label=label(SUPPORT_LABELS),
                                response_label=label(RESPONSE_LABELS), state_label=label(STATE_LABELS),
                                theme_slug=slugify, in_lang=self.in_lang,
                                # kept for templates copied from folkmoot 0.2: English only; use ngettext
                                plural=lambda n, one, many="": f"{n} {one if n == 1 else (many or one + 's')}")
        self.env.globals.update(site=site, org=site.project.organisation, video_embed=video_embed,
                                url=self._url, statuses=list(STATUS_LABELS), photo_sizes=images.SIZES,
                                kind_label=label(KIND_LABELS), lang_attr=self.lang_attr, outcome_rows=self._outcome_rows,
                                ask_rows=self._ask_rows,
                                plural_forms=lang.plural_forms, site_language=lang.code)

    def in_lang(self, text, assembly: Assembly) -> Markup:
        """`text` (already safe, e.g. from `inline`) in a <span> with the record's language, when it is not the site's."""
        attr = self.lang_attr(assembly)
        return Markup("<span{}>{}</span>").format(attr, text) if attr else Markup.escape(text)

    @jinja2.pass_context
    def _outcome_rows(self, context, outcomes, show_assembly: bool) -> Markup:
        """The rows of an outcome table (`_outcome_rows.md.j2`), in the order of `outcomes`."""
        return self._rows(context["page_url"], "_outcome_rows.md.j2", "outcomes", outcomes, lambda o: o.assembly,
                          lambda o: o.id, show_assembly=bool(show_assembly))

    @jinja2.pass_context
    def _ask_rows(self, context, asks) -> Markup:
        """The rows of a body's table of what it was asked (`_ask_rows.md.j2`), in order."""
        return self._rows(context["page_url"], "_ask_rows.md.j2", "asks", asks, lambda k: k.outcome.assembly,
                          lambda k: f"{k.outcome.id}\0{k.body}")

    def _rows(self, page_url: str, template: str, name: str, items, assembly_of, id_of, **values) -> Markup:
        """Table rows for `items`, one line each, made by `template` for each run of items
        of one assembly and kept like pages (see `_kept`): after an edit, a table of
        thousands of rows makes again only the rows of the record that changed."""
        runs: list[list] = []
        for item in items:
            if runs and assembly_of(runs[-1][0]) is assembly_of(item):
                runs[-1].append(item)
            else:
                runs.append([item])
        extra = repr(sorted(values.items()))
        return Markup("".join(
            self._kept(("rows v1", template, page_url, extra, assembly_of(run[0]).slug, *(id_of(i) for i in run)),
                       (assembly_of(run[0]),),
                       lambda run=run: self._render(template, page_url=page_url, **{name: run}, **values))
            for run in runs))

    def lang_attr(self, assembly: Assembly) -> Markup:
        """` lang="..."` for an element holding a record's words, when they are not in the site's language."""
        if not assembly.language or self.lang.same_as(assembly.language):
            return Markup("")
        return Markup(' lang="{}"').format(assembly.language)

    @staticmethod
    @jinja2.pass_context
    def _url(context, target: str) -> Markup:
        return Markup.escape(relative_url(context["page_url"], target))

    def _render(self, template: str, **values) -> str:
        try:
            return self.env.get_template(template).render(**values)
        except (jinja2.TemplateError, RecursionError, TypeError, ValueError, AttributeError) as exc:
            raise TemplateProblem(template_problem(exc, self.site.project.root)) from None

    def _page(self, template: str, src_uri: str, searchable: bool = True, language: str = "", **values) -> Page:
        page_url = posixpath.dirname(src_uri)
        page_url = f"{page_url}/" if page_url else ""
        text = self._render(template, page_url=page_url, **values)
        return Page(src_uri, *stash_html(text), searchable=searchable, language=language)

    @functools.cached_property
    def _inputs(self) -> tuple:
        """Everything besides the records that a page depends on: when any of it changes,
        a preview renders every page again. (Bodies' urls and deadlines are in the settings.)"""
        # by content, not by time: a CI checkout dates every file afresh
        templates = tuple((i, p.relative_to(d).as_posix(), file_digest(p))
                          for i, d in enumerate(self.template_dirs) for p in sorted(d.rglob("*")) if p.is_file())
        project = self.site.project
        return (self.site.today, templates, repr(project.settings), repr(project.organisation), self.lang.code,
                self.base_url, self.site_name, self.edit_base, tuple(self.site.themes),
                tuple((b.name, b.slug) for b in self.site.bodies.values()))

    def _page_from(self, src_uri: str, records: tuple, make) -> Page:
        """`make()`, or the page made before at `src_uri` from the same inputs (see `_kept`);
        kept as JSON: nothing in the cache is ever run."""
        return self._kept(("page v1", src_uri), records, make, _page_json, _page_from_json)

    def _kept(self, key: tuple[str, ...], records: tuple, make, dump=str.encode, load=bytes.decode):
        """`make()`, or what was made before under `key` from the same inputs: a page, a
        record's rows of a table, its calendar.

        - In a preview, what its last rebuild made from the very same record objects
          (a preview keeps a record's objects while its folder is unchanged, see
          `load_project`), when nothing else changed either.
        - In a build, what the cache folder keeps under a digest of `key`, folkmoot's
          own code, every other input, and every file of the records (`records` may
          hold outcomes: their records count). Its first line names what it was made
          from (a record's rows inside a page), so that a page reused whole keeps them
          from being pruned."""
        if self.page_memo is not None:
            found = self.page_memo.get(key)
            if found and found[0] == self._inputs and len(found[1]) == len(records) \
                    and all(a is b for a, b in zip(found[1], records)):
                return found[2]
            made = make()
            self.page_memo[key] = (self._inputs, records, made)
            return made
        if self.cache.folder is None:
            return make()
        kept = digest(*key, self._inputs_digest, *(self._record_digest(getattr(r, "assembly", r)) for r in records))
        data = self.cache.load(kept)
        if data is not None:  # what was kept, and the keys it was made from (rows in a page): used too
            inner, _, data = data.partition(b"\n")
            nested = set(inner.decode().split())
            self.cache.used |= nested
            made = load(data)
        else:
            self._within.append(set())
            try:
                made = make()
            finally:
                nested = self._within.pop()
            self.cache.store(kept, " ".join(sorted(nested)).encode() + b"\n" + dump(made))
        if self._within:  # a page reused whole must keep its rows: the next edit needs them
            self._within[-1] |= nested | {kept}
        return made

    @functools.cached_property
    def _inputs_digest(self) -> str:
        return digest(code_digest(), repr(self._inputs))

    def _record_digest(self, assembly: Assembly) -> str:
        """Every file in the record's folder, by name and content: what its pages are made
        from. `check` worked it out already (its key in the cache) unless it could not."""
        if assembly.slug not in self._record_digests:
            self._record_digests[assembly.slug] = (self.site.project.record_keys.get(assembly.slug)
                                                   or folder_digest(assembly.folder))
        return self._record_digests[assembly.slug]

    def pages(self) -> list[Page]:
        site = self.site
        pages = [self._page("assemblies.md.j2", "assemblies/index.md", searchable=False),
                 self._page("outcomes.md.j2", "outcomes/index.md", searchable=False),
                 self._page("themes.md.j2", "themes/index.md", searchable=False),
                 self._page("data.md.j2", "data/index.md", searchable=False, tables=opendata.TABLES,
                            charts=self.charts())]
        for assembly in site.assemblies:
            pages.append(self._page_from(f"assemblies/{assembly.slug}/index.md", (assembly,),
                                         functools.partial(self.recap, assembly)))
            for folder, doc in self.evidence_documents(assembly):
                pages.append(self._page_from(f"{folder}index.md", (assembly,),
                                             functools.partial(self.evidence_page, folder, doc, assembly)))
        for theme in site.themes.values():
            src_uri = f"themes/{theme.slug}/index.md"
            pages.append(self._page_from(src_uri, (*theme.assemblies, *theme.outcomes), functools.partial(
                self._page, "theme.md.j2", src_uri, searchable=False, theme=theme)))
        pages.append(self._page("responses.md.j2", "responses/index.md", searchable=False))
        for slug, body in site.bodies.items():
            src_uri = f"responses/{slug}/index.md"
            pages.append(self._page_from(src_uri, tuple(k.outcome for k in body.asks), functools.partial(
                self._page, "response_body.md.j2", src_uri, searchable=False, body=body,
                letter=self.letters[slug].filename)))
        return pages

    @functools.cached_property
    def letters(self) -> dict[str, evidence.Document]:
        """The chasing letter to every body asked anything, by the body's slug."""
        org = self.site.project.organisation
        return {slug: letters.for_body(b, org, self.site.today, self.base_url, self.lang)
                for slug, b in self.site.bodies.items()}

    def recap(self, assembly: Assembly) -> Page:
        return self._page("recap.md.j2", f"assemblies/{assembly.slug}/index.md", a=assembly,
                          upcoming=assembly.is_upcoming(self.site.today),
                          documents=self.evidence_documents(assembly), photos=self.photos(assembly),
                          edit_url=self.record_edit_url(assembly))

    def record_edit_url(self, assembly: Assembly) -> str:
        if not self.edit_base:
            return ""
        path = assembly.folder / "assembly.yml"
        return self.edit_base + path.relative_to(self.site.project.root).as_posix()

    def photos(self, assembly: Assembly) -> list[images.PublishedPhoto]:
        """The consented photos of a published assembly, as the site publishes them."""
        if assembly.slug not in self._photos:
            self._photos[assembly.slug] = images.plan(assembly)
        return self._photos[assembly.slug]

    @functools.cached_property
    def cards(self) -> dict[str, cards.Card]:
        """The share card of every recap, theme page and the tracker, by the page folder it belongs to."""
        site, org, lang = self.site, self.site.project.organisation.name, self.lang
        found = {}
        for a in site.assemblies:
            strongest = sorted(a.integration, key=lambda p: SUPPORT_LEVELS.index(p.support) if p.support else 9)
            body = lang._("Agreed: %(point)s", point=strip_lang_marks(strongest[0].point)) \
                if strongest and strongest[0].support in ("strong", "broad") else description_of(a) if a.summary else ""
            photos = self.photos(a)
            found[f"assemblies/{a.slug}/"] = cards.Card(org, strip_lang_marks(a.title), lang.date(a.date, "full"), body,
                                                        photos[0].source if photos else None)
        for t in site.themes.values():
            counts = lang.ngettext("%(num)s assembly", "%(num)s assemblies", len(t.assemblies)) + " · " + \
                lang.ngettext("%(num)s outcome", "%(num)s outcomes", len(t.outcomes))
            found[f"themes/{t.slug}/"] = cards.Card(org, lang._("Theme: %(name)s", name=strip_lang_marks(t.name)), counts,
                                                    "; ".join(strip_lang_marks(o.title) for o in t.outcomes[:3]))
        done = lang.list(lang._("%(status)s: %(count)s", status=lang._(STATUS_LABELS[s]), count=n)
                         for s, n in site.status_counts())
        found["outcomes/"] = cards.Card(org, lang._("What happened to our assemblies' ideas"),
                                        lang.ngettext("%(num)s outcome", "%(num)s outcomes", len(site.outcomes)), done)
        return found

    def evidence_documents(self, assembly: Assembly) -> list[tuple[str, evidence.Document]]:
        """(folder address, document) for each evidence entry of a published assembly."""
        if assembly.slug not in self._documents:
            docs = evidence.documents_of(assembly, self.site.project.organisation, self.site.project.documents,
                                         self.lang)
            self._documents[assembly.slug] = [(f"assemblies/{assembly.slug}/evidence-{i}/", doc)
                                              for i, doc in enumerate(docs, 1)]
        return self._documents[assembly.slug]

    def evidence_page(self, folder: str, doc: evidence.Document, assembly: Assembly) -> Page:
        starts, n = [], 1
        for section in doc.sections:
            starts.append(n)
            n += len(section.paragraphs)
        # out of search: its words are the recap's, which names the committee and links here
        return self._page("evidence.md.j2", folder + "index.md", searchable=False, doc=doc, starts=starts, a=assembly,
                          language=doc.language, own_words_lang=Markup("") if self.lang.same_as(doc.language)
                          else Markup(' lang="{}"').format(self.lang.code))

    def home_sections(self, page_url: str = "") -> str:
        return self._render("home.md.j2", page_url=page_url)

    def charts(self) -> list[tuple[str, str, str, list[charts.Bar]]]:
        """(id, title, svg, bars) for the data page: attendance, outcomes by status, assemblies per theme."""
        site, lang = self.site, self.lang
        held = [a for a in reversed(site.past) if a.attendance is not None]
        attendance = [charts.Bar(f"{lang.date(a.date, 'short_month')}: {name}", a.attendance)
                      for a, name in zip(held, charts.distinct_names([strip_lang_marks(a.title) for a in held]))]
        statuses = [charts.Bar(lang._(STATUS_LABELS[s]), n) for s, n in site.status_counts()]
        themes = sorted((charts.Bar(strip_lang_marks(t.name), len(t.assemblies)) for t in site.themes.values() if t.assemblies),
                        key=lambda b: (-b.value, b.label))
        answers = [charts.Bar(lang._(label, body=strip_lang_marks(b.name)), n) for b in site.bodies.values() if b.sent
                   for label, n in ((N_("answered: %(body)s"), b.answered),
                                    (N_("awaiting: %(body)s"), b.count("awaiting")),
                                    (N_("overdue: %(body)s"), b.count("overdue", "long-overdue")))]
        specs = [("chart-attendance", lang._("Attendance at each assembly, oldest first"), attendance,
                  (lang._("Assembly"), lang._("People"))),
                 ("chart-answers", lang._("Ideas answered, awaiting an answer and overdue, for each body asked"), answers,
                  (lang._("Body and answer"), lang._("Ideas"))),
                 ("chart-status", lang._("Outcomes by current status"), statuses, (lang._("Status"), lang._("Outcomes"))),
                 ("chart-themes", lang._("Assemblies per theme"), themes, (lang._("Theme"), lang._("Assemblies")))]
        return [(cid, title, charts.bar_chart(cid, title, bars, lang, 300 if cid == "chart-answers" else 240), bars, heads)
                for cid, title, bars, heads in specs]

    def head(self, src_uri: str) -> str:
        """Machine-readable <head> additions for the page generated at `src_uri` (or a hand-written one)."""
        org = self.site.project.organisation
        folder = f"{posixpath.dirname(src_uri)}/" if posixpath.dirname(src_uri) else ""
        page = f"{self.base_url}{folder}"
        site_feeds = [(self.lang._("%(org)s: assemblies", org=org.name), f"{self.base_url}feeds/assemblies.xml"),
                      (self.lang._("%(org)s: outcome updates", org=org.name), f"{self.base_url}feeds/outcomes.xml")]
        card = self.cards.get(folder) if folder else None
        image = f"{page}{card.filename}" if card else ""
        assembly = self.recaps.get(src_uri)
        if assembly is None:
            title = card.title if card else self.site_name
            return headmeta.head_tags(title, "", page, self.site_name, image=image,
                                      image_alt=card.alt if card else "", image_type=card.mime if card else "",
                                      feeds=site_feeds)
        photos = [f"{page}{p.largest.uri}" for p in self.photos(assembly)]
        return headmeta.head_tags(
            strip_lang_marks(assembly.title), description_of(assembly),
            page, self.site_name, image=image, image_alt=card.alt, image_type=card.mime,
            jsonld=headmeta.event_jsonld(assembly, org, page, photos), feeds=site_feeds)

    def data_files(self) -> list[Asset]:
        site, base = self.site, self.base_url
        files = [Asset(f"data/{name}", content=opendata.csv_bytes(frame))
                 for name, frame in opendata.frames(site, base).items()]
        files.append(Asset("data/assemblies.json",
                           content=opendata.json_bytes(site, base, build_timestamp().isoformat(), self.photos)))
        files.append(Asset("data/record.schema.json",
                           content=json.dumps(record_schema(base), indent=1).encode() + b"\n"))
        files.append(Asset("feeds/assemblies.xml", content=feeds.assemblies_feed(site, base, self.lang)))
        files.append(Asset("feeds/outcomes.xml", content=feeds.updates_feed(site, base, self.lang)))
        files.append(Asset("feeds/answers.xml", content=feeds.answers_feed(site, base, self.lang)))
        org = site.project.organisation
        files.append(Asset("calendar.ics", content=calendar.ics_for(
            site.upcoming, org, self.lang, name=self.lang._("%(org)s: People's Assemblies", org=org.name))))
        return files

    @functools.cached_property
    def word_template(self) -> Path | None:
        """The organisation's own `templates/evidence.docx`, whose styles documents take."""
        return next((d / "evidence.docx" for d in self.template_dirs if (d / "evidence.docx").is_file()), None)

    def docx(self, doc: evidence.Document, when) -> bytes:
        """Word file, built on the organisation's Word template when it has one."""
        return evidence_files.to_docx(doc, when, self.word_template)

    def assets(self) -> list[Asset]:
        """Files that are quick to make: each upcoming assembly's .ics. (Photos are never
        copied as they are: `images` makes them anew, with the documents.)"""
        org, stamp = self.site.project.organisation, build_timestamp().isoformat()  # DTSTAMP
        return [Asset(f"assemblies/{a.slug}/{a.slug}.ics",
                      content=self._kept(("ics v1", stamp, a.slug), (a,),
                                         lambda a=a: calendar.ics_for([a], org, self.lang).decode()))
                for a in self.site.assemblies if a.is_upcoming(self.site.today)]

    def image_files(self, workers: int | None = 1) -> list[Asset]:
        """Every photo at every width, and every share card: the slowest files, cached,
        and made on `workers` cores (None: all of them)."""
        cache = self.cache
        tasks = []  # each: (site folder, make) where make() gives {file name: bytes}
        for assembly in self.site.assemblies:
            for photo in self.photos(assembly):
                tasks.append((f"assemblies/{assembly.slug}/", functools.partial(images.renditions, photo, cache)))
        for folder, card in self.cards.items():
            tasks.append((folder, functools.partial(lambda c: {c.filename: cards.card_file(c, cache)}, card)))
        files = []
        for (folder, _), (made, used, counts) in zip(tasks, run_all([cache.tracked(make) for _, make in tasks], workers)):
            cache.merge(used, *counts)  # what a worker used must not be pruned
            files += [Asset(folder + name, content=data) for name, data in made.items()]
        return files

    def documents(self, workers: int | None = 1) -> list[Asset]:
        """Files that take real work to make: evidence documents and letters, open data,
        feeds, photos and cards.

        Nothing else depends on them, so a big build makes them in a second
        process while MkDocs renders the pages (see `background`)."""
        files = self.data_files() + self.image_files(workers)
        # Dated by the last day their record tells of (a letter: today), not by the build, so a
        # push that changes nothing in a record (CI sets SOURCE_DATE_EPOCH to each commit's time)
        # makes none of its documents again; never dated after the build.
        documents = [(folder, doc, a.latest_date) for a in self.site.assemblies
                     for folder, doc in self.evidence_documents(a)]
        documents += [(f"responses/{slug}/", doc, self.site.today) for slug, doc in self.letters.items()]
        inputs = digest("documents v2", code_digest(), versions("python-docx", "odfpy", "lxml"),
                        file_digest(self.word_template) if self.word_template else "")
        built = build_timestamp()
        for folder, doc, day in documents:  # kept in the cache: a build after one edit makes that record's again
            when = min(built, dt.datetime.combine(day, dt.time(), dt.timezone.utc))
            key = digest(inputs, when.isoformat(), repr(doc))
            files.append(Asset(f"{folder}{doc.filename}.docx",
                               content=self.cache.file(key + "docx", functools.partial(self.docx, doc, when))))
            files.append(Asset(f"{folder}{doc.filename}.odt",
                               content=self.cache.file(key + "odt", functools.partial(evidence_files.to_odt, doc, when))))
        return files
