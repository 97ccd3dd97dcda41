"""Share cards: the 1200 by 630 picture a link shows on WhatsApp or social media.

Drawn with Pillow from the record: the organisation, the title, the date,
the point the room agreed most strongly (or the summary), and a consented
photo when there is one. Text wraps to fit and never overflows: a title
that is too long is made smaller, then cut with an ellipsis. Each word is
set in the first font that has every one of its letters (Noto's fonts
cover most scripts; `fonts-noto-core` on Debian); letters that no
installed font can draw (an emoji) are left out rather than drawn as boxes.
"""

from __future__ import annotations

import functools
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from folkmoot.engine import work
from folkmoot.engine.cache import Cache, digest, file_digest

WIDTH, HEIGHT = 1200, 630
PAD = 64
BACKGROUND, ACCENT = (26, 35, 126), (255, 183, 77)  # indigo 900 and amber 300: 13:1 and 9:1 with white
TEXT, SOFT = (255, 255, 255), (197, 202, 233)  # white 13.7:1, indigo 100 9.3:1 on the background
PHOTO_WIDTH = 420
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts",
             Path.home() / ".local/share/fonts")
FIRST_CHOICE = {"bold": ("NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"),
                "regular": ("NotoSans-Regular.ttf", "DejaVuSans.ttf", "LiberationSans-Regular.ttf")}
VERSION = "cards v7"  # v2: simple scripts laid out without raqm; v3: a fixed palette, or JPEG with a photo; v4: PNG level 3;
# v5: words drawn once and pasted; v6: a transparent photo laid on white, hidden colour and all;
# v7: right-to-left words in reading order, set to the right; letters no font has left out, not the text
# JPEG for a card with a photo: a tenth of the time of PNG and a third of the bytes (WhatsApp shows no
# preview above about 300 KB, which a PNG with a photo exceeded); 4:4:4 keeps coloured text crisp.
JPEG = {"quality": 85, "subsampling": "4:4:4", "optimize": False, "progressive": False}


@dataclass(frozen=True)
class Card:
    kicker: str  # small, above: the organisation
    title: str
    subtitle: str = ""  # a date, or counts
    body: str = ""  # the point the room agreed, or the summary
    photo: Path | None = None  # a consented photo, drawn on the right

    @property
    def filename(self) -> str:
        """Beside the page it belongs to."""
        return "card.jpg" if self.photo is not None else "card.png"

    @property
    def mime(self) -> str:
        return "image/jpeg" if self.photo is not None else "image/png"

    @property
    def alt(self) -> str:
        return ". ".join(p for p in (self.title, self.subtitle, self.kicker) if p)


@functools.lru_cache(maxsize=1)
def _installed_fonts() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in FONT_DIRS:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.suffix.lower() in (".ttf", ".otf") and path.name not in found:
                    found[path.name] = path
    return found


@functools.lru_cache(maxsize=256)
def _coverage(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    try:
        with TTFont(str(path), lazy=True) as font:
            return frozenset(font.getBestCmap() or ())
    except Exception:  # an unreadable font file is one we cannot use
        return frozenset()


def _script_fonts(ch: str, weight: str) -> list[Path]:
    """Fonts named for the script of `ch` (NotoSansBengali-Bold.ttf for a Bengali letter)."""
    name = unicodedata.name(ch, "").split(" ")
    return _fonts_named(tuple(name[:2]), weight) if name and name[0] else []


@functools.lru_cache(maxsize=512)
def _fonts_named(words: tuple[str, ...], weight: str) -> list[Path]:
    fonts = _installed_fonts()
    style = "Bold" if weight == "bold" else "Regular"
    prefixes = [f"NotoSans{words[0].title()}", f"NotoSans{''.join(w.title() for w in words)}",
                f"NotoSerif{words[0].title()}"]
    return [fonts[n] for n in sorted(fonts) for p in prefixes
            if n.startswith(p) and n.endswith(f"-{style}.ttf") and n[len(p)] == "-"]


@functools.lru_cache(maxsize=8192)
def font_for(word: str, weight: str) -> Path | None:
    """The first font that can draw every letter of `word`, or None. The usual fonts
    are tried first; a script's own fonts only for letters they lack."""
    needed = {ord(c) for c in word if not c.isspace()}
    usual = [_installed_fonts()[n] for n in FIRST_CHOICE[weight] if n in _installed_fonts()]
    for path in usual:
        if needed <= _coverage(path):
            return path
    covered = _coverage(usual[0]) if usual else frozenset()
    candidates = [p for ch in dict.fromkeys(word) if ord(ch) not in covered for p in _script_fonts(ch, weight)]
    for path in dict.fromkeys(candidates):
        if needed <= _coverage(path):
            return path
    return None


@functools.lru_cache(maxsize=128)
def _font(path: Path, size: int, shaped: bool = True):
    """`shaped`: laid out by raqm, which scripts such as Bengali and Arabic need; Latin,
    Greek and Cyrillic are set as well, and several times faster, without it."""
    from PIL import ImageFont, features

    engine = ImageFont.Layout.RAQM if shaped and features.check("raqm") else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(path), size, layout_engine=engine)


def _needs_shaping(text: str) -> bool:
    """Scripts whose letters join, reorder or run right to left (Hebrew and Arabic to
    Mongolian, the Indic and South-East Asian scripts, presentation forms, and the
    supplementary planes); punctuation such as ’ – … does not need raqm."""
    return any(0x0590 <= o <= 0x1CFF or 0xA800 <= o <= 0xABFF or 0xFB1D <= o <= 0xFEFF or o >= 0x10000
               for o in map(ord, text))


@functools.lru_cache(maxsize=16384)
def _length(font, text: str) -> float:
    return font.getlength(text)


@functools.lru_cache(maxsize=2048)
def _word(font, word: str):
    """`word` drawn once in `font` as an 8-bit mask, and where it sits from the pen. Hinting
    makes FreeType slow (about 80 microseconds a letter at 64 pixels), and the same words
    come back card after card: the organisation, the months, "People's Assembly"."""
    from PIL import Image, ImageDraw

    left, top, right, bottom = font.getbbox(word)
    mask = Image.new("L", (max(1, right - left), max(1, bottom - top)))
    ImageDraw.Draw(mask).text((-left, -top), word, font=font, fill=255)
    return mask, left, top


def _placed(text: str, weight: str, size: int) -> list:
    """Each word of `text` with the font it is set in. A word no one font can draw (an
    emoji, a word mixing scripts) is set in runs of one font each, and letters no
    installed font has are left out: the rest of the text is still drawn."""
    found: list[tuple[str, Path]] = []
    for word in text.split():
        path = font_for(word, weight)
        if path is not None:
            found.append((word, path))
            continue
        runs: list[list] = []
        for ch in word:
            path = font_for(ch, weight)
            if path is None:
                continue
            if runs and runs[-1][1] == path:
                runs[-1][0] += ch
            else:
                runs.append([ch, path])
        found += [(run, path) for run, path in runs]
    # for the whole text drawn, so a line in one script keeps one font object
    shaped = _needs_shaping("".join(word for word, _ in found))
    return [(word, _font(path, size, shaped)) for word, path in found]


def _cut(font, word: str, width: int) -> str:
    """The longest start of `word` that fits in `width` with an ellipsis. Found by halving,
    on at most `width` letters (none is narrower than a pixel): a pasted link or blob of
    100,000 letters is measured about ten times, not once for every letter it loses."""
    word = word[:width]
    fits, too_long = 1, len(word)
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        if font.getlength(word[:middle] + "…") <= width:
            fits = middle
        else:
            too_long = middle
    return word[:fits] + "…"


def _lines(text: str, weight: str, size: int, width: int, max_lines: int):
    """Words in their fonts, wrapped to `width`; None when nothing can be drawn.
    The last line ends with an ellipsis when the text did not fit."""
    placed = _placed(text, weight, size)
    if not placed:
        return None
    lines, line, used = [], [], 0
    for word, font in placed:
        space = _length(font, " ")
        # one word longer than the line is cut (with more letters than pixels it is, unmeasured)
        w = width + 1 if len(word) > width else _length(font, word)
        if w > width and len(word) > 1:
            word = _cut(font, word, width)
            w = _length(font, word)
        if line and used + space + w > width:
            lines.append(line)
            line, used = [], 0
        used += (space if line else 0) + w
        line.append((word, font))
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        word, font = last[-1]
        last[-1] = (word.rstrip(".,;:") + "…", font)
        while sum(_length(f, w) + _length(f, " ") for w, f in last) > width and len(last) > 1:
            last.pop()
            word, font = last[-1]
            last[-1] = (word.rstrip(".,;:") + "…", font)
    return lines


def _direction(text: str) -> str:
    """"R" or "L" for the first letter with a strong direction, "" for none (digits, signs)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "R"
        if kind == "L":
            return "L"
    return ""


def visual_order(words: list[str], rtl: bool) -> list[int]:
    """The order in which a line's words are drawn from left to right: the Unicode
    bidirectional algorithm at the level of words. A run of right-to-left words reads
    from the right; in a right-to-left text the whole line does, and a run of
    left-to-right words within it ("COP30") keeps its own order."""
    kinds = [_direction(w) for w in words]
    base = "R" if rtl else "L"
    resolved = []
    for i, kind in enumerate(kinds):
        if not kind:  # a number after left-to-right words is one of them; else it, or a sign, takes
            before = next((k for k in reversed(kinds[:i]) if k), base)  # its neighbours' way when they agree
            after = next((k for k in kinds[i + 1:] if k), base)
            digits = any(unicodedata.bidirectional(ch) == "EN" for ch in words[i])
            kind = "L" if digits and before == "L" else before if before == after else base
        resolved.append(kind)
    runs, i = [], 0
    while i < len(words):
        j = i
        while j < len(words) and resolved[j] == resolved[i]:
            j += 1
        runs.append(list(range(i, j))[::-1] if resolved[i] == "R" else list(range(i, j)))
        i = j
    return [k for run in (runs[::-1] if rtl else runs) for k in run]


def _draw_lines(image, lines, x: int, y: int, size: int, fill, leading: float = 1.22, width: int = 0) -> int:
    """`width`: the room for the text; a right-to-left text is set against its right edge."""
    from PIL import ImageDraw, ImageFont

    rtl = _direction(" ".join(w for line in lines for w, _ in line)) == "R"
    for line in lines:
        fonts = {id(f) for _, f in line}
        used = sum(_length(f, w) for w, f in line) + sum(_length(f, " ") for _, f in line[1:])
        cx = x + max(0, width - used) if rtl else x
        if line[0][1].layout_engine == ImageFont.Layout.RAQM and len(fonts) == 1:
            # shaped in one font: drawn whole, so letters join and right-to-left scripts read right
            ImageDraw.Draw(image).text((cx, y), " ".join(w for w, _ in line), font=line[0][1], fill=fill)
        else:
            for k in visual_order([w for w, _ in line], rtl):
                word, font = line[k]
                if font.layout_engine == ImageFont.Layout.RAQM:
                    ImageDraw.Draw(image).text((cx, y), word, font=font, fill=fill)
                else:
                    mask, left, top = _word(font, word)
                    image.paste(fill, (round(cx) + left, y + top), mask)
                cx += _length(font, word) + _length(font, " ")
        y += int(size * leading)
    return y


def _photo_panel(source: Path, height: int):
    from PIL import ImageOps

    from folkmoot.outputs.photos import _upright_srgb

    from PIL import Image

    image = _upright_srgb(source, max(PHOTO_WIDTH, height) * 2)  # enough for any crop
    if image.mode == "RGBA":  # a JPEG card has no transparency: lay it on white, as a reader sees it
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    return ImageOps.fit(image.convert("RGB"), (PHOTO_WIDTH, height), method=3, centering=(0.5, 0.5))


@functools.lru_cache(maxsize=1)
def _palette():
    """Every colour a card without a photo has: the background, and each text colour
    blended into it in 85 steps (what anti-aliased edges are made of)."""
    from PIL import Image

    colours = [tuple(round(b + (c - b) * step / 84) for b, c in zip(BACKGROUND, colour))
               for colour in (TEXT, SOFT, ACCENT) for step in range(85)]
    palette = Image.new("P", (1, 1))
    palette.putpalette([v for colour in colours for v in colour] + [0] * 3 * (256 - len(colours)))
    return palette


def draw(card: Card) -> bytes:
    """The card as JPEG (with a photo) or PNG bytes (see `Card.filename`); the same card
    always gives the same bytes."""
    work.done("card")
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    text_width = WIDTH - 2 * PAD
    if card.photo is not None:
        image.paste(_photo_panel(card.photo, HEIGHT), (WIDTH - PHOTO_WIDTH, 0))
        text_width -= PHOTO_WIDTH
    d = ImageDraw.Draw(image)
    d.rectangle((0, HEIGHT - 16, WIDTH, HEIGHT), fill=ACCENT)
    for size in (64, 56, 48, 42):
        title = _lines(card.title, "bold", size, text_width, 3)
        if title is None or len(title) < 3 or size == 42 or not title[-1][-1][0].endswith("…"):
            break
    # (lines, size, colour, leading, space after): laid out first, then centred in the height
    blocks = [(_lines(card.kicker, "regular", 30, text_width, 1), 30, SOFT, 1.22, 18),
              (title, size, TEXT, 1.15, 14),
              (_lines(card.subtitle, "regular", 32, text_width, 1), 32, ACCENT, 1.22, 22)]
    used = sum(len(lines) * int(sz * lead) + after for lines, sz, _, lead, after in blocks if lines)
    room = max(0, (HEIGHT - 16 - 2 * PAD - used) // 36)
    blocks.append((_lines(card.body, "regular", 28, text_width, min(3, room)) if room else None, 28, SOFT, 1.28, 0))
    total = sum(len(lines) * int(sz * lead) + after for lines, sz, _, lead, after in blocks if lines)
    y = max(PAD, (HEIGHT - 16 - total) // 2)
    for lines, sz, colour, lead, after in blocks:
        if lines:
            y = _draw_lines(image, lines, PAD, y, sz, colour, lead, text_width) + after
    out = io.BytesIO()
    if card.photo is not None:
        image.save(out, "JPEG", **JPEG)
    else:  # 8-bit colour at level 3: 2.8 ms and 29 KB (24-bit PNG at level 1: 19 ms, 65 KB; level 6: 6.6 ms, 24 KB)
        image.quantize(palette=_palette(), dither=Image.Dither.NONE).save(out, "PNG", compress_level=3)
    return out.getvalue()


def card_file(card: Card, cache: Cache) -> bytes | Path:
    """`draw`, through the cache: fonts, texts and photo are all in the key."""
    import PIL

    # every font a word would be set in (one installed later changes the card), and Pillow's version
    fonts = [str(font_for(word, weight)) for text, weight in ((card.kicker, "regular"), (card.title, "bold"),
                                                              (card.subtitle, "regular"), (card.body, "regular"))
             for word in text.split()]
    photo = file_digest(card.photo) if card.photo is not None else ""
    key = digest(VERSION, PIL.__version__, card.kicker, card.title, card.subtitle, card.body, photo, *fonts)
    return cache.file(key, lambda: draw(card))
