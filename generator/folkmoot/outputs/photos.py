"""Photos made safe to publish and light to load.

A phone photo carries where and when it was taken and the phone's serial
number, lies on its side until its orientation tag is read, and weighs 4 to
12 MB. Nothing of the original is published: each photo is decoded, turned
upright, converted to sRGB and encoded afresh at a few widths (never wider
than the original) as WebP, with no metadata at all. Every browser in use
reads WebP, so no JPEG copy is published: a site's size, which GitHub Pages
caps at 1 GB, is half what it was. (Share cards, which some platforms
refuse as WebP, are JPEG or PNG: see `cards`.)
The same photo and settings always give the same bytes, and the results are
cached by a digest of both (see `cache`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from folkmoot.text.slugs import slugify
from folkmoot.engine import work
from folkmoot.engine.cache import Cache, digest, file_digest
from folkmoot.records.model import Assembly, Photo

WIDTHS = (480, 960, 1600)
# Method 0 takes two thirds of method 2's time for files 1.5% larger (method 4: twice as long, 1-3% smaller).
WEBP = {"quality": 78, "method": 0}


def _settings() -> str:
    """Everything besides the photo that decides the bytes: part of every cache key, so an
    upgraded Pillow or libwebp makes new copies instead of reusing old ones."""
    import PIL
    from PIL import features

    return (f"images v4 {WIDTHS} webp {WEBP} lanczos srgb Pillow {PIL.__version__} "
            f"webp {features.version('webp')}")
SIZES = "(min-width: 76.25em) 42rem, (min-width: 45em) 80vw, 100vw"  # the width of the article column
ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height


@dataclass(frozen=True)
class Rendition:
    uri: str  # beside the recap page, e.g. "images/hall-960.webp"
    width: int
    height: int
    mime: str


@dataclass(frozen=True)
class PublishedPhoto:
    """A consented photo as the site publishes it: renditions, never the original."""

    photo: Photo
    source: Path
    webp: tuple[Rendition, ...]
    jpeg: tuple[Rendition, ...] = ()  # none since folkmoot 0.3; kept for templates copied from 0.2

    @property
    def fallback(self) -> Rendition:
        """What a browser without srcset loads: the middle width, or the largest there is."""
        return self.webp[min(1, len(self.webp) - 1)]

    @property
    def largest(self) -> Rendition:
        return self.webp[-1]

    def srcset(self, kind: str) -> str:
        return ", ".join(f"{r.uri} {r.width}w" for r in getattr(self, kind))


def upright_size(image) -> tuple[int, int]:
    """Width and height once the EXIF orientation is applied, from the header alone."""
    width, height = image.size
    orientation = image.getexif().get(0x0112, 1)
    return (height, width) if orientation in ROTATED else (width, height)


def widths_for(width: int) -> list[int]:
    """The widths to publish: the standard ones, but never wider than the photo itself."""
    if width >= WIDTHS[-1]:
        return list(WIDTHS)
    return [w for w in WIDTHS if w < width] + [width]


WEBP_MAX_SIDE = 16383  # WebP cannot hold a picture taller or wider than this


def sizes_for(width: int, height: int) -> list[tuple[int, int]]:
    """(width, height) of each rendition: the standard widths, but never taller than WebP
    allows (a phone screenshot of a long page is 1080 by 17,000), each width once."""
    sizes: dict[int, int] = {}
    for w in widths_for(width):
        h = max(1, round(height * w / width))
        if h > WEBP_MAX_SIDE:
            w, h = max(1, width * WEBP_MAX_SIDE // height), WEBP_MAX_SIDE
        sizes.setdefault(w, h)
    return list(sizes.items())


def plan(assembly: Assembly) -> list[PublishedPhoto]:
    """What each consented photo of `assembly` becomes; reads only image headers."""
    from PIL import Image

    published, taken = [], set()
    for photo in assembly.published_photos:
        source = assembly.folder / photo.file
        stem = slugify(PurePosixPath(photo.file).stem)
        name, n = stem, 2
        while name in taken:
            name, n = f"{stem}-{n}", n + 1
        taken.add(name)
        with Image.open(source) as image:
            width, height = upright_size(image)
        webp = tuple(Rendition(f"images/{name}-{w}.webp", w, h, "image/webp") for w, h in sizes_for(width, height))
        published.append(PublishedPhoto(photo, source, webp))
    return published


def _upright_srgb(source: Path, largest: int):
    """Decode (at no more than the size needed), turn upright, convert to sRGB, drop everything else."""
    from PIL import Image, ImageCms, ImageOps

    image = Image.open(source)
    rotated = image.getexif().get(0x0112, 1) in ROTATED
    if image.format == "JPEG":  # let the decoder scale down by 2, 4 or 8 where that still leaves enough
        image.draft("RGB", (1, largest) if rotated else (largest, 1))
    ImageOps.exif_transpose(image, in_place=True)  # copying a 12-megapixel photo costs more than decoding it
    if image.mode.startswith("I"):  # 16-bit greyscale: scale to 8 bits, where a plain convert would clip to white
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    profile = image.info.get("icc_profile")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if image.mode != ("RGBA" if has_alpha else "RGB"):
        image = image.convert("RGBA" if has_alpha else "RGB")
    if profile:
        try:
            src = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            image = ImageCms.profileToProfile(image, src, ImageCms.createProfile("sRGB"),
                                              outputMode=image.mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: keep the pixels as they are
    if image.mode == "RGBA":
        image = clear_hidden(image)
    image.info = {}
    return image


def clear_hidden(image):
    """Colour kept under fully transparent pixels cannot be seen, but anyone who drops the
    alpha channel sees it (a name and phone number drawn under alpha 0, say): it becomes
    transparent black, and what can be seen is unchanged."""
    from PIL import Image

    visible = image.getchannel("A").point(lambda a: 255 if a else 0)
    cleared = Image.new("RGBA", image.size, (0, 0, 0, 0))
    cleared.paste(image, mask=visible)
    return cleared


def encode(published: PublishedPhoto) -> dict[str, bytes]:
    """Every rendition of one photo, by its address. Takes a few hundred milliseconds."""
    work.done("photo")
    from PIL import Image

    image = _upright_srgb(published.source, published.largest.width)
    out: dict[str, bytes] = {}
    for webp in reversed(published.webp):  # largest first: each from the last
        if image.size != (webp.width, webp.height):  # a photo as wide as a rendition is used as it is
            image = image.resize((webp.width, webp.height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        image.info = {}
        buf = io.BytesIO()
        image.save(buf, "WEBP", **WEBP)
        out[webp.uri] = buf.getvalue()
    return out


def renditions(published: PublishedPhoto, cache: Cache) -> dict[str, bytes | Path]:
    """`encode`, through the cache: a photo already made with these settings is not made
    again. Each rendition is the cache's file (or its bytes, with no cache folder)."""
    key = digest(_settings(), file_digest(published.source), *(r.uri for r in published.webp))
    uris = [r.uri for r in published.webp]
    made: dict[str, bytes] = {}

    def make_all() -> dict[str, bytes]:
        if not made:
            made.update(encode(published))
        return made

    return {uri: cache.file(digest(key, uri), lambda uri=uri: make_all()[uri]) for uri in uris}
