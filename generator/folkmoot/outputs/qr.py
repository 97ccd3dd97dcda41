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
        from segno import encoder

        work.done("qr")
        own = encoder.find_and_apply_best_mask
        # for this one code only (a build encodes in one thread)
        encoder.find_and_apply_best_mask = functools.partial(_best_mask, own)
        try:
            found = _CODES[url] = segno.make(url, error="m")
        finally:
            encoder.find_and_apply_best_mask = own
    return found


def _best_mask(own, matrix, width, height, proposed_mask=None):
    """segno's `find_and_apply_best_mask` for a QR code (not a Micro QR code): the same mask,
    chosen by segno's own penalty score, but each of the eight masks laid over the matrix
    by numpy instead of module by module in Python, which was half the time of a code
    (a test holds the codes to segno's own, mask for mask)."""
    import numpy as np
    from segno import encoder

    if proposed_mask is not None or width != height or width < 21:
        return own(matrix, width, height, proposed_mask)
    unmasked = np.frombuffer(b"".join(bytes(row) for row in matrix), dtype=np.uint8).reshape(height, width)
    best = None
    for number, pattern in enumerate(_patterns(width)):
        masked = unmasked ^ pattern
        score = _penalty(masked)
        if best is None or score < best[0]:  # the first of equal scores, as segno keeps it
            best = (score, number, masked)
    return best[1], tuple(bytearray(row.tobytes()) for row in best[2])


N3 = bytes((1, 0, 1, 1, 1, 0, 1))  # dark light dark dark dark light dark


def _penalty(m) -> int:
    """segno's `evaluate_mask` (ISO/IEC 18004:2015 7.8.3.1), worked out the same way, with
    numpy: N1 runs of five or more alike, N2 two-by-two blocks alike, N3 finder-like runs
    beside four light modules, N4 the share of dark modules (reserved modules count as segno
    counts them)."""
    import numpy as np

    size = m.shape[0]
    n1 = 0
    for lines in (m, m.T):
        edges = np.flatnonzero(np.diff(lines, axis=1, prepend=255, append=255).ravel() != 0)
        # runs within each line: the line's edges are where the row changes, as a diff over
        # the whole line (with a sentinel each side) marks every start and every end
        runs = np.diff(edges)
        runs = runs[runs > 0]
        n1 += int((runs[runs >= 5] - 2).sum())
    same = (m[1:, 1:] == m[1:, :-1]) & (m[1:, :-1] == m[:-1, 1:]) & (m[:-1, 1:] == m[:-1, :-1])
    n2 = 3 * int(same.sum())
    n3 = sum(_finder_like(bytes(line.tobytes()), size) for lines in (m, m.T) for line in lines)
    n4 = 10 * int(abs(float(int(m.sum())) / size ** 2 * 100 - 50) / 5)
    return n1 + n2 + n3 + n4


def _finder_like(seq: bytes, size: int) -> int:
    count = 0
    at = seq.find(N3)
    while at != -1:
        after = at + 7
        if at in (0, size - 7) or not any(seq[max(at - 4, 0):min(at, size)]) \
                or not any(seq[max(after, 0):min(after + 4, size)]):
            count += 40
        else:
            after = at + 4
        at = seq.find(N3, after)
    return count


@functools.lru_cache(maxsize=64)
def _patterns(size: int) -> tuple:
    """Each of segno's eight data masks for a QR code `size` modules wide, as 0 and 1 over
    the encoding region (the function patterns are never masked), as segno works it out."""
    import numpy as np
    from segno import encoder

    functions = encoder.make_matrix(size, size)
    encoder.add_finder_patterns(functions, size, size)
    encoder.add_alignment_patterns(functions, size, size)
    functions[-8][8] = 0x1
    region = np.array([list(row) for row in functions], dtype=np.uint8) > 0x1
    i, j = np.indices((size, size))
    return tuple(np.array([[bool(mask(a, b)) for a, b in zip(ri, rj)] for ri, rj in zip(i, j)], dtype=np.uint8)
                 * region for mask in encoder.get_data_mask_functions(False))


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
