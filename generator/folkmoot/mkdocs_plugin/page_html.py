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
    if generated is not None and not generated.searchable:
        # no root element for Pagefind: search finds the recaps, not the lists of them
        output = output.replace('<article class="md-content__inner', '<article data-fm-nosearch class="md-content__inner', 1)
    if language:  # the page's words are in another language than the site's (WCAG 3.1.2)
        attributes = lang_and_dir(html.escape(language))
        output = ARTICLE.sub(lambda m: m.group(0).replace("<article ", f"<article{attributes} ", 1), output, count=1)
    if banner:
        output = ARTICLE.sub(lambda m: m.group(0) + banner, output, count=1)
    return output
