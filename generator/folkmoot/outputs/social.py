"""Ready-made posts for social media: a carousel of portrait slides for an assembly, the
same slides as one PDF (how LinkedIn takes a carousel), and captions and alt text in
each channel's limits, in the site's language, from the record.

Slides are 1080 by 1350 (Instagram's 4:5, also TikTok's photo mode). Text is set as the
share cards set it (`cards.py`: any script, right to left, a font per word), at sizes a
phone reads, and never made smaller to fit: what does not fit goes on the next slide.
Everything sits inside the centre 3:4 that Instagram's grid shows. White and indigo
100 on indigo 900 are 13.7:1 and 9.3:1. The same record always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from folkmoot.engine import work
from folkmoot.outputs.cards import ACCENT, BACKGROUND, SOFT, TEXT, _draw_lines, _lines, _palette
from folkmoot.outputs.templates import AFTER_QUESTION
from folkmoot.records.model import STATUS_LABELS, SUPPORT_LABELS, Assembly
from folkmoot.text.i18n import N_, Language
from folkmoot.text.safe_markdown import plain, strip_lang_marks
from folkmoot.text.wording import time_range
from folkmoot.views.accountability import PROMISE_LABELS, STATE_LABELS

# Part of every kept slide's, PDF's and zip's key: a change to how they are made makes them again.
# v2: 8-bit where no QR code is drawn; v3: the PDF's pages at JPEG quality 60, the zip without it;
# v4: 8-bit with a QR code too; v5: the PDF holds the slides' PNG data (img2pdf)
VERSION = "slides v5"
WIDTH, HEIGHT = 1080, 1350
SIDE = 96  # Instagram's grid shows the centre 3:4 (1012 wide): 34 px a side are lost there
TOP, BOTTOM = 110, 150
HEADING, BODY, KICKER = 64, 42, 34  # never smaller: a phone must read them
LEADING = 1.3
GAP = 26  # between two points
QR_SIDE = 420
LIMITS = {"instagram": 2200, "linkedin": 3000, "short": 300}
INSTAGRAM_FIRST = 125  # what the feed shows before "more"


@dataclass(frozen=True)
class Slide:
    kicker: str  # the organisation, and where in the carousel
    heading: str
    points: tuple[str, ...] = ()
    qr: str = ""  # an address, written out and drawn as a QR code below the points
    plain: bool = False  # the points as lines, without bullets (the title slide)
    size: tuple[int, int] = (WIDTH, HEIGHT)  # portrait 4:5; an invitation is also square and a story

    def alt(self, lang: Language) -> str:
        """What the slide says, in sentences, for people who cannot see it."""
        said = [self.heading.rstrip(".:") + "."] + [p if p.endswith((".", "?", "!")) else p + "." for p in self.points]
        if self.qr:
            said.append(lang._("%(address)s, and a QR code to it.", address=self.qr))
        return " ".join(said)


def _text_lines(text: str, weight: str, size: int):
    return _lines(text, weight, size, WIDTH - 2 * SIDE, 1000) or []


def paginate(kicker: str, heading: str, points: list[str], more: str, qr: str = "") -> list[Slide]:
    """`points` under `heading`, as many slides as they need: each point whole on one slide
    when it fits on an empty one, and carried on to the next, line by line, when even that
    is too little; never cut, never set smaller. `more`: the heading of a slide that goes on."""
    room = HEIGHT - TOP - BOTTOM - int(KICKER * LEADING) - 24 - 2 * int(HEADING * 1.15) - 24
    line = int(BODY * LEADING)
    slides, current, used = [], [], 0
    for point in points:
        lines = [" ".join(word for word, _ in found) for found in _text_lines(point, "regular", BODY)]
        while lines:
            fit = (room - used - GAP) // line if current else max(1, (room - GAP) // line)
            if current and len(lines) > fit and len(lines) * line + GAP <= room:
                fit = 0  # whole on the next slide rather than broken here
            if fit > 0:
                current.append(" ".join(lines[:fit]))
                used += min(fit, len(lines)) * line + GAP
                lines = lines[fit:]
            if lines:  # the rest of it on the next slide
                slides.append(current)
                current, used = [], 0
    if current or not slides:
        slides.append(current)
    last_room = room - (QR_SIDE + 40 + len(address_lines(qr)) * line if qr else 0)
    if qr and used > last_room and current:
        slides.append([])  # the code on a slide of its own, after the points
    return [Slide(kicker, heading if i == 0 else more, tuple(found), qr if i == len(slides) - 1 else "")
            for i, found in enumerate(slides)]


def draw(slide: Slide) -> bytes:
    """The slide as PNG bytes: the same slide always gives the same bytes."""
    work.done("slide")
    from PIL import Image, ImageDraw

    w, h = slide.size
    image = Image.new("RGB", (w, h), BACKGROUND)
    ImageDraw.Draw(image).rectangle((0, h - 24, w, h), fill=ACCENT)
    width = w - 2 * SIDE
    y = STORY_MARGIN if slide.size == STORY else TOP  # a story's app covers its top and bottom
    kicker = _lines(slide.kicker, "regular", KICKER, width, 2)
    if kicker:
        y = _draw_lines(image, kicker, SIDE, y, KICKER, SOFT, LEADING, width) + 24
    heading = _lines(slide.heading, "bold", HEADING, width, 5)
    if heading:
        y = _draw_lines(image, heading, SIDE, y, HEADING, TEXT, 1.15, width) + 24
    for point in slide.points:
        lines = _text_lines(point, "regular", BODY)
        if lines:
            if not slide.plain:
                ImageDraw.Draw(image).rectangle((SIDE - 34, y + 14, SIDE - 22, y + 26), fill=ACCENT)
            y = _draw_lines(image, lines, SIDE, y, BODY, TEXT, LEADING, width) + GAP
    if slide.qr:
        for piece in address_lines(slide.qr):
            y = _draw_lines(image, _text_lines(piece, "regular", BODY), SIDE, y, BODY, ACCENT, LEADING, width)
        bottom = STORY_MARGIN if slide.size == STORY else BOTTOM
        if h - bottom - QR_SIDE >= y + 24:  # a code where it fits below the words (not on a square)
            image.paste(_qr(slide.qr), ((w - QR_SIDE) // 2, h - bottom - QR_SIDE))
    out = io.BytesIO()  # 8-bit in the share cards' colours (a QR code's black is the palette's last): a
    # quarter of the time to write, half the bytes
    image.quantize(palette=_palette(), dither=Image.Dither.NONE).save(out, "PNG", compress_level=3)
    return out.getvalue()


def address_lines(address: str) -> list[str]:
    """An address as a reader types it, without `https://`, broken only after a slash:
    never cut short with an ellipsis, whatever its length."""
    text = address.split("://", 1)[-1]
    pieces = [piece + "/" for piece in text.split("/")[:-1]] + ([text.rsplit("/", 1)[-1]] if not text.endswith("/") else [])
    lines: list[str] = []
    for piece in pieces:
        joined = (lines[-1] + piece) if lines else piece
        fits = _text_lines(joined, "regular", BODY)
        if lines and len(fits) == 1 and not fits[0][-1][0].endswith("…"):
            lines[-1] = joined
        else:
            lines.append(piece)
    return lines


def _qr(address: str):
    """A QR code of `address`, dark on white with its quiet zone, QR_SIDE square."""
    from PIL import Image

    from folkmoot.outputs.qr import code

    rows = [bytes(0 if dark else 255 for dark in row) for row in code(address).matrix_iter(scale=1, border=4)]
    return Image.frombytes("L", (len(rows), len(rows)), b"".join(rows)).resize((QR_SIDE, QR_SIDE),
                                                                              Image.NEAREST).convert("RGB")


def pdf(pictures: list[bytes], title: str, when: dt.datetime) -> bytes:
    """The slides as one PDF, a page each: LinkedIn's carousel. img2pdf puts each slide's
    PNG data in as it is: the pages are the slides pixel for pixel, and no picture is
    decoded or encoded again (Pillow's PDF made each page a JPEG: five times the time,
    twice the bytes). Dated by the day the slides tell of, never the build: the same
    slides, the same file (img2pdf's own writer; pikepdf's gives each file a new ID)."""
    import img2pdf

    return img2pdf.convert(pictures, title=title, creationdate=when, moddate=when, engine=img2pdf.Engine.internal,
                           layout_fun=img2pdf.get_fixed_dpi_layout_fun((144, 144)))


# Headings of the slides, marked for the catalogue
ASKED, AGREED, SINCE, MORE = (N_("What was asked"), N_("What the room agreed"), N_("What has happened since"),
                              N_("Read everything, and follow what happens next"))


def carousel(a: Assembly, site, lang: Language, org: str, address: str) -> list[Slide]:
    """The slides of a held assembly, in order: title, date and how many took part; what was
    asked; what the room agreed (strong or broad support); what has happened since; where to
    read more, with a QR code to the recap."""
    title = strip_lang_marks(a.title)
    head = [lang.date(a.date, "full")]
    if a.attendance:
        head.append(lang.ngettext("%(num)s person took part.", "%(num)s people took part.", a.attendance))
    if a.summary:
        head.append(" ".join(plain(a.summary).split()))
    slides = [Slide(org, title, tuple(head), plain=True)]
    if a.questions:
        slides += paginate(org, lang._(ASKED), [strip_lang_marks(q) for q in a.questions], _continued(lang, lang._(ASKED)))
    agreed = [p for p in a.integration if p.support in ("strong", "broad")]
    if agreed:
        slides += paginate(org, lang._(AGREED), [lang._("%(point)s (%(support)s)", point=strip_lang_marks(p.point),
                                                        support=lang._(SUPPORT_LABELS[p.support]).lower())
                                                 for p in agreed], _continued(lang, lang._(AGREED)))
    since = [_since(o, site, lang) for o in a.outcomes]
    if since:
        slides += paginate(org, lang._(SINCE), since, _continued(lang, lang._(SINCE)))
    slides += paginate(org, lang._(MORE), [lang._("Everything from this assembly, and what happens next:")],
                       lang._(MORE), qr=address)
    total = len(slides)
    return [Slide(lang._("%(org)s · %(n)s of %(total)s", org=org, n=i, total=total), s.heading, s.points, s.qr,
                  s.plain) for i, s in enumerate(slides, 1)]


def _continued(lang: Language, heading: str) -> str:
    """The heading (already in the site's language) of a slide that goes on from the one before."""
    return lang._("%(heading)s (continued)", heading=heading)


SQUARE, STORY = (1080, 1080), (1080, 1920)
STORY_MARGIN = 250  # Instagram and TikTok lay their own buttons over a story's top and bottom


def invitation(a: Assembly, lang: Language, org: str, address: str) -> list[Slide]:
    """An upcoming assembly as a square post and a story: title, day and time, place, access,
    and where to register (its address written out; on the story, its QR code too)."""
    when = _when(a, lang, "full")
    where = _where(a)
    access = _access(a, lang)
    target = a.registration or address
    ask = lang._("Register, or find out more:") if a.registration else lang._("Find out more:")
    kicker = lang._("%(org)s: People's Assembly", org=org)
    title = strip_lang_marks(a.title)
    # the square has room for the essentials; the access notes are on the story and in the caption
    square = [when] + ([strip_lang_marks(a.venue.name or a.venue.address)] if where else []) + [ask]
    return [Slide(kicker, title, tuple(square), qr=target, plain=True, size=SQUARE),
            Slide(kicker, title, tuple([when] + ([where] if where else []) + access + [ask]), qr=target, plain=True,
                  size=STORY)]


def _when(a: Assembly, lang: Language, form: str) -> str:
    return lang.date(a.date, form) + (f", {time_range(a.time, lang.primary)}" if a.time else "")


def _where(a: Assembly) -> str:
    return ", ".join(strip_lang_marks(p) for p in (a.venue.name, a.venue.address) if p)


def _access(a: Assembly, lang: Language) -> list[str]:
    if not a.venue.access:
        return []
    return [lang._("Access: %(access)s", access=" ".join(strip_lang_marks(a.venue.access).split()))]


def invitation_captions(a: Assembly, lang: Language, address: str, hashtags: tuple[str, ...]) -> dict:
    first = lang._("Join us: %(title)s, %(when)s.", title=strip_lang_marks(a.title), when=_when(a, lang, "long"))
    body = ([_where(a)] if _where(a) else []) + _access(a, lang)
    if a.summary:
        body.append(" ".join(plain(a.summary).split()))
    return _captions(first, body, lang, a.registration or address, hashtags)


def report_slides(doc, months: int, lang: Language, org: str, address: str) -> list[Slide]:
    """A progress report as slides: "6 months on", with the same figures as its summary, and
    a QR code to the report's page."""
    heading = lang.ngettext("%(num)s month on: what happened to our ideas",
                            "%(num)s months on: what happened to our ideas", months)
    slides = paginate(org, heading, list(doc.summary), _continued(lang, heading), qr=address)
    return [Slide(lang._("%(org)s · %(n)s of %(total)s", org=org, n=i, total=len(slides)), s.heading, s.points,
                  s.qr) for i, s in enumerate(slides, 1)] if len(slides) > 1 else slides


def report_captions(doc, slides: list[Slide], lang: Language, address: str, hashtags: tuple[str, ...]) -> dict:
    return _captions(slides[0].heading + ".", list(doc.summary), lang, address, hashtags)


def _since(outcome, site, lang: Language) -> str:
    """One outcome's progress, and each body's answer and promise, as one point."""
    said = [lang._("%(idea)s: %(status)s.", idea=strip_lang_marks(outcome.title),
                   status=lang._(STATUS_LABELS[outcome.current_status]))]
    for ask in site.asks(outcome):
        state = lang._(STATE_LABELS[ask.state])
        if ask.promise:
            state += ", " + lang._(PROMISE_LABELS[ask.promise.state]).lower()
        said.append(lang._("%(body)s: %(state)s.", body=ask.body, state=state))
    return AFTER_QUESTION.sub(r"\1\2", " ".join(said))  # "schemes? Shared", not "schemes?: Shared"


def captions(a: Assembly, slides: list[Slide], lang: Language, address: str, hashtags: tuple[str, ...]) -> dict:
    """Ready to paste: Instagram (the point first, "link in bio"), LinkedIn (with the link)
    and a short one for X, Bluesky and Mastodon (with the link), each within its limit."""
    title = strip_lang_marks(a.title)
    first = AFTER_QUESTION.sub(r"\1\2", lang._("%(title)s: what the room agreed, and what happened next.",
                                                 title=title))
    return _captions(first, [p for s in slides[1:-1] for p in s.points], lang, address, hashtags)


def _captions(first: str, body: list[str], lang: Language, address: str, hashtags: tuple[str, ...]) -> dict:
    """The point first, then as much of `body` as each channel holds, then the link and tags."""
    tags = " ".join(f"#{t.lstrip('#')}" for t in hashtags)

    def fit(parts: list[str], tail: str, limit: int) -> str:
        text = "\n\n".join(parts)
        while parts and len(text) + len(tail) + 2 > limit:
            parts = parts[:-1]
            text = "\n\n".join(parts)
        return (text + "\n\n" + tail).strip()

    instagram = fit([first, *body], "\n\n".join(x for x in (lang._("Link in bio."), tags) if x), LIMITS["instagram"])
    linkedin = fit([first, *body], "\n\n".join(x for x in (address, tags) if x), LIMITS["linkedin"])
    short = fit([first], "\n".join(x for x in (address, tags) if x), LIMITS["short"])
    if len(short) > LIMITS["short"]:
        short = (first[: LIMITS["short"] - len(address) - 3].rstrip() + "… " + address)
    return {"instagram": instagram, "linkedin": linkedin, "short": short}
