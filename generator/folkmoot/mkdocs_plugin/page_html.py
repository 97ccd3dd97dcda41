"""What the adapter adds to a page MkDocs has themed: folkmoot's head tags, the
page's language where it is not the site's, search's boundary, and a
preview's banner."""

from __future__ import annotations

import html
import re

from folkmoot.text.i18n import lang_and_dir

LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
ARTICLE = re.compile(r'<article [^>]*class="md-content__inner[^"]*"[^>]*>')


def page_language(generated, meta: dict, lang) -> str:
    """The language a whole page is in, when it is not the site's: an evidence
    document's (English for Parliament), or a hand-written page's `language:`
    (folkmoot's guides say `en`). Recaps mark each of the record's words instead,
    as the page's own words around them are in the site's language."""
    if generated is not None:
        language = generated.language
    else:
        language = str(meta.get("language") or "")
        if not LANGUAGE_TAG.fullmatch(language):
            return ""
    return "" if lang.same_as(language) else language


def finish_page(output: str, head: str, generated, language: str, banner: str) -> str:
    output = output.replace("</head>", head + "</head>", 1)
    if 'for="__toc"' in output and 'id="__toc"' not in output:
        # the theme writes the table of contents' toggle only for a page listed in the
        # navigation; a recap's label would point at nothing (a validator error)
        output = output.replace('<div class="md-container"', '<input class="md-toggle" type="checkbox" '
                                'id="__toc">\n<div class="md-container"', 1)
    if generated is not None and not generated.searchable:
        # no root element for Pagefind: search finds the recaps, not the lists of them
        output = output.replace('<article class="md-content__inner', '<article data-fm-nosearch class="md-content__inner', 1)
    if language:  # the page's words are in another language than the site's (WCAG 3.1.2)
        attributes = lang_and_dir(html.escape(language))
        output = ARTICLE.sub(lambda m: m.group(0).replace("<article ", f"<article{attributes} ", 1), output, count=1)
    if banner:
        output = ARTICLE.sub(lambda m: m.group(0) + banner, output, count=1)
    return output


class NavPlace:
    """Where a page sits in the navigation, for a reader to see.

    A recap, a body's page or a theme's page is reached from its list, not listed
    itself, so the navigation highlighted nothing: its list is marked active while the
    page is themed. And the home page's entry said the site's name a second time,
    under the site's name: it says "Home" instead."""

    def __init__(self):
        self.lit = None

    def light(self, page, nav) -> None:
        self.dim()
        if page in nav.pages or "/" not in page.url.strip("/"):
            return
        section = page.url.split("/")[0] + "/"
        self.lit = next((p for p in nav.pages if p.url == section), None)
        if self.lit is not None:
            self.lit.active = True

    def dim(self) -> None:
        if self.lit is not None:
            self.lit.active = False
            self.lit = None

    @staticmethod
    def name_home(page, markdown: str, site_name: str, lang) -> None:
        from mkdocs.utils import get_markdown_title

        if "title" not in page.meta and get_markdown_title(markdown) == site_name:
            page.title = lang._("Home")
