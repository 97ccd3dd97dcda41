"""Markdown typed by the public, turned into HTML that can never run script.

Record text is rendered by cmark-gfm (cmarkgfm), GitHub's own Markdown
engine: volunteers edit in GitHub's web editor, so the published notes look
exactly like its preview, and it is some 25 times faster than
Python-Markdown, which mattered for thousands of group notes. Its safe mode
already drops raw HTML and javascript: links; the result is then cleaned with
nh3 against a short allow-list all the same: no script, no event handlers,
no images (a remote image would let a third party see who reads the
notes), links only to http(s).
"""

from __future__ import annotations

import functools
import html
import re

import cmarkgfm
import nh3
from markupsafe import Markup

from folkmoot.text.i18n import lang_and_dir

ALLOWED_TAGS = {"p", "br", "hr", "ul", "ol", "li", "strong", "em", "b", "i", "code", "pre", "blockquote",
                "a", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "del", "sup", "sub"}
# No attribute holds free text (a link's title is dropped), so a marked word
# `[...]{lang=..}` can only ever be found, and made a <span>, in text.
ALLOWED_ATTRIBUTES = {"a": {"href"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}

WEB = re.compile(r"^https?://", re.IGNORECASE)

# A few words in another language than the record's, marked without HTML:
# `[Croeso i bawb]{lang=cy}`. The tag is checked by `check` (validate.LANGUAGE).
LANG_SPAN = re.compile(r"\[([^\[\]<>\n]+)\]\{lang=([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)\}")


def _lang_spans(escaped: str) -> str:
    """Turn marked words into <span lang>; `escaped` is already HTML-escaped text."""
    return LANG_SPAN.sub(lambda m: f"<span{lang_and_dir(m.group(2))}>{m.group(1)}</span>", escaped)


def strip_lang_marks(text: str) -> str:
    """The words without their marks, for plain text: feeds, documents, attributes."""
    return LANG_SPAN.sub(r"\1", text)


def record_text(text) -> Markup:
    """A plain field of a record made safe for a page, its marked words in their language.

    It is made one line: templates put record text inside HTML blocks, and a
    blank line would end the block and let the rest be read as Markdown."""
    if isinstance(text, Markup):
        return text
    return Markup(_lang_spans(html.escape(" ".join(str(text).split()), quote=True)))


def web_address(href: str) -> str | None:
    """The address a link in record text goes to, or None when it goes nowhere on the web.

    `www.example.org` is what people type for a web address, so it gets
    https://; any other address without http(s) (a relative path, mailto:,
    an anchor) is dropped; `check` warns at its line (`_Reader.markdown`)."""
    href = href.strip()
    if WEB.match(href):
        return href
    if href.lower().startswith("www."):
        return "https://" + href
    return None


def _link_filter(element: str, attribute: str, value: str) -> str | None:
    if element == "a" and attribute == "href":
        return web_address(value)
    return value


def to_html(text: str) -> Markup:
    """Render untrusted Markdown to sanitised HTML."""
    if not text:
        return Markup("")
    html = cmarkgfm.github_flavored_markdown_to_html(text)
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes={"http", "https"},
                      link_rel="nofollow noopener noreferrer", attribute_filter=_link_filter)
    # Blank lines (possible only inside <pre>) would end the HTML block a page
    # template puts this in; an encoded newline shows the same.
    clean = _lang_spans(clean.strip("\n"))
    while "\n\n" in clean:
        clean = clean.replace("\n\n", "\n&#10;")
    return Markup(clean)


BLOCK_TAG = re.compile(r"</?(?:p|br|hr|ul|ol|li|pre|blockquote|h[1-6]|table|thead|tbody|tr|th|td)\b[^>]*>")


@functools.lru_cache(maxsize=8192)  # a summary is shown as plain text on several pages and in several tags
def plain(markdown_text: str) -> str:
    """Markdown to plain sentences, for documents and meta tags."""
    text = BLOCK_TAG.sub(" ", str(to_html(markdown_text)))
    text = re.sub(r"<[^>]+>", "", text)  # inline tags (links, emphasis) join the words around them
    return " ".join(strip_lang_marks(html.unescape(text)).split())


def inline_text(text: str) -> Markup:
    """Plain text made safe for a Markdown heading or link label.

    Every ASCII punctuation mark becomes a numeric entity, so no Markdown
    extension (emphasis, links, attribute lists `{: ...}`) can act on it,
    and HTML cannot open; the reader sees the same characters.
    """
    if isinstance(text, Markup):
        return text
    out = []
    for ch in " ".join(strip_lang_marks(str(text)).split()):
        if ch.isascii() and not ch.isalnum() and ch != " ":
            out.append(f"&#{ord(ch)};")
        else:
            out.append(ch)
    return Markup("".join(out))
