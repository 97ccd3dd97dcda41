"""The Jinja2 environment every page is rendered in, and what a template error says.

Templates are folkmoot's own (`folkmoot/templates/`) behind the site's
`templates/` folder, so an organisation overrides one by copying it. Every
value a template prints is escaped, and record text is made one line (see
`one_line`) so that it can never end the HTML block it sits in.
"""

from __future__ import annotations

import re
import traceback
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jinja2
from markupsafe import Markup

from folkmoot.engine import work
from folkmoot.outputs.page import Page, stash_html
from folkmoot.outputs.photos import SIZES as PHOTO_SIZES
from folkmoot.problems import Problem
from folkmoot.records.model import VERDICT_LABELS, KIND_BY, KIND_LABELS, RESPONSE_LABELS, STATUS_LABELS, SUPPORT_LABELS, Assembly
from folkmoot.resources import TEMPLATES
from folkmoot.text.i18n import Language, lang_and_dir, right_to_left
from folkmoot.text.safe_markdown import inline_text, record_text, strip_lang_marks, to_html
from folkmoot.text.slugs import slugify
from folkmoot.text.wording import capitalised, colon, in_sentence, time_range
from folkmoot.outputs.qr import qr_svg
from folkmoot.views.accountability import PROMISE_LABELS, STATE_LABELS
from folkmoot.views.site import Site
from folkmoot.views.urls import folder_of, relative_url


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


def one_line(value):
    """Every plain string a template prints becomes one line.

    Templates put record text inside HTML blocks; a blank line in, say, a
    venue's access notes would end the block and let the rest be read as
    Markdown (links, attribute lists). Markup (already-safe HTML, such as
    rendered notes) is left alone; HTML collapses the whitespace anyway."""
    if isinstance(value, str) and "\n" in value and not isinstance(value, Markup):
        return " ".join(value.split())
    return value


SENTENCE_END = ".!?…。؟"
# A title that ends its own sentence ("Why are tenants left out?") followed by the colon or
# comma a message puts after it: "left out?: Shared" reads as a typo, so the mark goes
AFTER_QUESTION = re.compile(r"([?!？！؟])((?:</(?:a|span|strong|em|code)>)*)[\u00a0\u202f ]?[:,](?=[\s<])")
TAG = re.compile(r"<[^>]+>")


def end_sentence(value) -> Markup:
    """Words that make a sentence (an answer, its note and link) ended with a full stop unless
    they end with one already, so that "They promised ..." after them starts a sentence of its
    own instead of running on ("after 14 days They promised")."""
    text = value if isinstance(value, Markup) else Markup.escape(value)
    plain = TAG.sub("", str(text)).rstrip()
    return text if not plain or plain[-1] in SENTENCE_END else Markup(str(text).rstrip() + ".")


def textarea_text(text: str) -> Markup:
    """Text for a <textarea> inside a page's HTML block, its line breaks kept as `&#10;`: a
    blank line would end the block, and every template value is made one line."""
    return Markup(str(Markup.escape(text)).replace("\n", "&#10;"))


def printed_address(url: str) -> Markup:
    """An address printed on paper, where a reader types it: it may break after a slash,
    never at a hyphen inside a name ("2025-11-13-" at a line's end reads as the whole)."""
    found = re.match(r"([a-z]+://[^/]+/)(.*)$", str(url))
    if not found:
        return Markup.escape(url)
    parts = [Markup('<span class="fm-nowrap">%s</span>') % part if "-" in part else Markup.escape(part)
             for part in found[2].split("/")]
    return Markup.escape(found[1]) + Markup("<wbr>") + Markup("/<wbr>").join(parts)


def backticks(value) -> Markup:
    """folkmoot's own words that quote a name between backticks (a column, a value), with the
    name shown as code instead of the backticks. Escaped first: nothing here becomes markup
    but the <code> it adds."""
    text = value if isinstance(value, Markup) else Markup.escape(value)
    return Markup(re.sub(r"`([^`<>]+)`", r"<code>\1</code>", str(text)))


def gettext_functions(lang: Language) -> dict:
    """Jinja's newstyle `gettext` and `ngettext` for `lang`: what `_()` and
    `{% trans %}` call. Values are escaped (the translation is not: it is
    ours, and may hold a link), and numbers are written the language's way."""

    def fill(context, text: str, values: dict):
        values = {k: one_line(v) for k, v in lang.placeholders(values).items()}
        return Markup(text) % values if context.eval_ctx.autoescape else text % values

    @jinja2.pass_context
    def gettext(context, message: str, **values):
        return fill(context, lang.translations.gettext(message), values)

    @jinja2.pass_context
    def ngettext(context, singular: str, plural: str, n: int, **values):
        values.setdefault("num", n)
        return fill(context, lang.translations.ngettext(singular, plural, n), values)

    return {"gettext": gettext, "ngettext": ngettext}


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

    def __reduce__(self):  # raised in a worker process (see `background.run_all`), it travels back whole
        return TemplateProblem, (self.problem,)


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


class Templates:
    """folkmoot's templates and the site's overrides, ready to render pages in the site's language.

    `kept` (a `kept.Kept`) keeps the rows of big tables per record, like pages."""

    def __init__(self, site: Site, template_dirs: list[Path], lang: Language, kept):
        self.site = site
        self.kept = kept
        self.template_dirs = [d for d in template_dirs or [] if d.is_dir()]
        loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(str(d)) for d in self.template_dirs]
        loaders.append(jinja2.FileSystemLoader(str(TEMPLATES)))
        self.lang = lang
        self.env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=True,
                                      undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                                      keep_trailing_newline=True, finalize=one_line, extensions=["jinja2.ext.i18n"],
                                      bytecode_cache=COMPILED)
        self.env.policies["ext.i18n.trimmed"] = True
        self.env.newstyle_gettext = True  # what `install_gettext_callables(newstyle=True)` sets
        self.env.globals.update(gettext_functions(lang), colon=colon(lang.primary))

        def label(labels: dict):
            return lambda value: lang._(labels[value]) if value in labels else value

        self.env.filters.update(md=to_html, inline=inline_text, rec=record_text, plain_text=strip_lang_marks,
                                end_sentence=end_sentence, backticks=backticks, in_sentence=in_sentence,
                                printed_address=printed_address,
                                textarea=textarea_text,
                                # long_date has the weekday, for a date on its own; `day` has none, for a date
                                # inside a sentence ("as of", "on"), where Welsh would mutate the weekday
                                long_date=lambda d: capitalised(lang.date(d, "full")), day=lambda d: lang.date(d, "long"),
                                time_range=lambda t: time_range(t, lang.primary),
                                short_date=lambda d: lang.date(d, "short"),
                                number=lang.number, status_label=label(STATUS_LABELS), support_label=label(SUPPORT_LABELS),
                                response_label=label(RESPONSE_LABELS), state_label=label(STATE_LABELS),
                                verdict_label=label(VERDICT_LABELS), promise_label=label(PROMISE_LABELS),
                                theme_slug=slugify, in_lang=self.in_lang, is_rtl=right_to_left)
        self.env.globals.update(site=site, org=site.project.organisation, video_embed=video_embed,
                                url=self._url, statuses=list(STATUS_LABELS), promise_states=list(PROMISE_LABELS), photo_sizes=PHOTO_SIZES,
                                kind_label=label(KIND_LABELS), kind_by=KIND_BY, lang_attr=self.lang_attr, outcome_rows=self._outcome_rows,
                                ask_rows=self._ask_rows, qr=qr_svg, lang_date=lang.date,
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
        of one assembly and kept like pages (see `Kept.get`): after an edit, a table of
        thousands of rows makes again only the rows of the record that changed."""
        runs: list[list] = []
        for item in items:
            if runs and assembly_of(runs[-1][0]) is assembly_of(item):
                runs[-1].append(item)
            else:
                runs.append([item])
        extra = repr(sorted(values.items()))
        return Markup("".join(
            self.kept.get(("rows v1", template, page_url, extra, assembly_of(run[0]).slug, *(id_of(i) for i in run)),
                       (assembly_of(run[0]),),
                       lambda run=run: self.render(template, page_url=page_url, **{name: run}, **values))
            for run in runs))

    def lang_attr(self, assembly: Assembly) -> Markup:
        """` lang="..."` for an element holding a record's words, when they are not in the site's language."""
        if not assembly.language or self.lang.same_as(assembly.language):
            return Markup("")
        return Markup(lang_and_dir(str(Markup.escape(assembly.language))))

    @staticmethod
    @jinja2.pass_context
    def _url(context, target: str) -> Markup:
        return Markup.escape(relative_url(context["page_url"], target))

    def render(self, template: str, **values) -> str:
        work.done("template")
        try:
            return AFTER_QUESTION.sub(r"\1\2", self.env.get_template(template).render(**values))
        except (jinja2.TemplateError, RecursionError, TypeError, ValueError, AttributeError) as exc:
            raise TemplateProblem(template_problem(exc, self.site.project.root)) from None

    def page(self, template: str, src_uri: str, searchable: bool = True, language: str = "", **values) -> Page:
        page_url = folder_of(src_uri)
        text = self.render(template, page_url=page_url, **values)
        return Page(src_uri, *stash_html(text), searchable=searchable, language=language)



def install_in_theme(env: jinja2.Environment, lang: Language) -> None:
    """The theme's templates (folkmoot's search box) say folkmoot's words in the site's
    language too. MkDocs has already added Jinja's i18n extension, newstyle, for its own themes."""
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    env.policies["ext.i18n.trimmed"] = True
    env.newstyle_gettext = True
    env.globals.update(gettext_functions(lang))
    env.globals["fm_plural_forms"] = lang.plural_forms
    if env.bytecode_cache is None:
        env.bytecode_cache = theme_bytecode_cache(env)
