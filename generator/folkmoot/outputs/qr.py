"""QR codes for what is printed: a handout or poster carries its page's address as a code a
phone can read. segno draws them as SVG, so they print sharp at any size and weigh a few
kilobytes; the address is always printed beside the code as well."""

from __future__ import annotations

import functools
import html

from markupsafe import Markup

from folkmoot.engine import work


def qr_svg(url: str, label: str) -> Markup:
    """`url` as an inline SVG QR code (error correction M: a crease or a smudge is read through),
    named `label` for screen readers."""
    attributes = f'<svg role="img" aria-label="{html.escape(label, quote=True)}" class="fm-qr" '
    return Markup(_svg(url).replace('<svg ', attributes, 1))


_CODES: dict = {}  # address -> segno's code, each encoded once per build


def code(url: str):
    """Encoded once per address: a recap, its printed summary and its last social media slide
    carry the same one, and segno's search for the best mask is most of the cost."""
    found = _CODES.get(url)
    if found is None:
        import segno

        work.done("qr")
        found = _CODES[url] = segno.make(url, error="m")
    return found


def known() -> frozenset[str]:
    return frozenset(_CODES)


def encoded_since(before: frozenset[str]) -> dict:
    """The codes encoded here since `known()` gave `before`: what a worker process sends
    back (see `Publication.made`), so that no other process encodes them again."""
    return {url: found for url, found in _CODES.items() if url not in before}


def remember(codes: dict) -> None:
    _CODES.update(codes)


@functools.lru_cache(maxsize=4096)
def _svg(url: str) -> str:
    svg = code(url).svg_inline(scale=3, border=4, dark="#000", light="#fff", omitsize=True)  # a viewBox: sized by CSS
    return svg.replace(' class="segno"', "")
