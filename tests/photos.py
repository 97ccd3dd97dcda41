"""Photos as a phone takes them: drawn scenes (no people) saved as JPEG with
everything a phone writes into one, so tests can prove none of it is published.

`python tests/photos.py` remakes the example records' photos.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image, ImageCms, ImageDraw

GPS = (53.4794, -2.2453)  # a public square, not anyone's home
SERIAL = "FM-TEST-SERIAL-7731"
MAKE, MODEL = "Examplephone", "Model 12 Pro"
COMMENT = b"taken at the assembly by a volunteer"
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="Examplephone Camera" '
       b'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:City="Northfield"/></rdf:RDF></x:xmpmeta>')
IPTC = b"\x1c\x02\x5a\x00\x0aNorthfield"  # IPTC City
SECRETS = [SERIAL.encode(), MAKE.encode(), MODEL.encode(), COMMENT, b"Northfield", b"Examplephone Camera"]


def _dms(value: float):
    from fractions import Fraction

    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = Fraction(round(((value - degrees) * 60 - minutes) * 60 * 100), 100)
    return (Fraction(degrees), Fraction(minutes), seconds)


def _app13(iptc: bytes) -> bytes:
    """A Photoshop APP13 segment holding IPTC data, as phones' editing apps write."""
    resource = b"8BIM\x04\x04\x00\x00" + len(iptc).to_bytes(4, "big") + iptc + (b"\0" if len(iptc) % 2 else b"")
    body = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + (len(body) + 2).to_bytes(2, "big") + body


def phone_jpeg(upright: Image.Image, orientation: int = 6, quality: int = 90) -> bytes:
    """`upright` stored as a phone stores it: sideways pixels plus an orientation tag,
    GPS, make, model, serial number, time, XMP, IPTC, a comment and an sRGB profile."""
    stored = upright.rotate(90, expand=True) if orientation == 6 else upright  # 6: turn 90° clockwise to view
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112] = MAKE, MODEL, orientation
    exif[0x0132] = "2025:11:13 19:42:07"
    ifd = exif.get_ifd(0x8769)
    ifd[0xA431] = SERIAL  # BodySerialNumber
    ifd[0x9003] = "2025:11:13 19:42:07"  # DateTimeOriginal
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = ("N" if GPS[0] >= 0 else "S"), _dms(GPS[0])
    gps[3], gps[4] = ("E" if GPS[1] >= 0 else "W"), _dms(GPS[1])
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    stored.convert("RGB").save(out, "JPEG", quality=quality, exif=exif.tobytes(), icc_profile=icc, comment=COMMENT,
                               xmp=XMP)
    data = out.getvalue()
    return data[:2] + _app13(IPTC) + data[2:]  # IPTC right after SOI


def flooded_street(width: int = 2400, height: int = 1600, seed: int = 1) -> Image.Image:
    """A terrace of houses with water up to the doorsteps and a blocked drain."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height))
    d = ImageDraw.Draw(image)
    for y in range(height // 2):  # grey rain sky
        shade = 150 + int(60 * y / (height / 2))
        d.line([(0, y), (width, y)], fill=(shade - 10, shade, shade + 12))
    ground = int(height * 0.62)
    house_w = width // 6
    for i in range(6):
        x0 = i * house_w
        wall = rng.choice([(150, 78, 58), (168, 92, 66), (138, 70, 54)])
        d.rectangle((x0 + 4, int(height * 0.22), x0 + house_w - 4, ground), fill=wall)
        d.polygon([(x0, int(height * 0.22)), (x0 + house_w // 2, int(height * 0.08)), (x0 + house_w, int(height * 0.22))],
                  fill=(70, 72, 80))
        for wx in (0.18, 0.6):
            for wy in (0.28, 0.42):
                d.rectangle((x0 + int(house_w * wx), int(height * wy), x0 + int(house_w * (wx + 0.22)),
                             int(height * (wy + 0.09))), fill=(205, 220, 228), outline=(240, 240, 240), width=6)
        d.rectangle((x0 + int(house_w * 0.42), int(height * 0.48), x0 + int(house_w * 0.58), ground),
                    fill=rng.choice([(30, 60, 110), (120, 30, 40), (30, 90, 60)]))
    d.rectangle((0, ground, width, height), fill=(92, 98, 90))
    water_top = ground + int(height * 0.06)
    d.rectangle((0, water_top, width, height), fill=(96, 112, 118))
    for _ in range(260):  # ripples and rain
        x, y = rng.randrange(width), rng.randrange(water_top, height)
        d.arc((x, y, x + rng.randrange(40, 160), y + rng.randrange(8, 24)), 180, 360, fill=(150, 165, 170), width=3)
    for _ in range(900):
        x, y = rng.randrange(width), rng.randrange(ground)
        d.line([(x, y), (x - 8, y + 40)], fill=(190, 200, 210), width=2)
    gx = int(width * 0.7)
    d.rectangle((gx, height - 170, gx + 260, height - 90), fill=(40, 40, 40))
    for k in range(7):
        d.line([(gx + 20 + 34 * k, height - 165), (gx + 20 + 34 * k, height - 95)], fill=(90, 90, 90), width=8)
    for _ in range(40):  # leaves blocking the drain
        lx, ly = gx + rng.randrange(-30, 270), height - 170 + rng.randrange(-20, 70)
        d.ellipse((lx, ly, lx + 34, ly + 18), fill=rng.choice([(150, 96, 30), (176, 120, 40), (120, 80, 26)]))
    return image


def sticky_notes(width: int = 2400, height: int = 1600, seed: int = 2) -> Image.Image:
    """A wall of sticky notes grouped under three paper headings, as after integration."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), (236, 231, 220))
    d = ImageDraw.Draw(image)
    for y in range(0, height, 48):  # brick courses of a hall wall
        d.line([(0, y), (width, y)], fill=(222, 214, 200), width=3)
    colours = [(255, 235, 120), (255, 182, 193), (170, 220, 255), (190, 240, 170)]
    for column in range(3):
        cx = int(width * (0.08 + column * 0.31))
        d.rectangle((cx, 120, cx + int(width * 0.26), 260), fill=(255, 255, 255), outline=(60, 60, 60), width=4)
        for k in range(3):
            d.line([(cx + 30, 160 + 30 * k), (cx + int(width * 0.2) - 40 * k, 160 + 30 * k)], fill=(30, 30, 30), width=7)
        for row in range(4):
            for item in range(2):
                x = cx + item * int(width * 0.13) + rng.randrange(-12, 12)
                y = 320 + row * 300 + rng.randrange(-12, 12)
                d.rectangle((x, y, x + 250, y + 250), fill=rng.choice(colours))
                for line in range(4):
                    d.line([(x + 24, y + 50 + 48 * line), (x + 24 + rng.randrange(120, 200), y + 50 + 48 * line)],
                           fill=(40, 40, 60), width=6)
    return image


def with_grain(image: Image.Image, amount: float = 0.18) -> Image.Image:
    """Sensor noise, which is what makes a real phone photo 4 to 12 MB."""
    fine = Image.effect_noise(image.size, 90).convert("RGB")
    coarse = Image.effect_noise((image.width // 4, image.height // 4), 90).convert("RGB").resize(image.size)
    return Image.blend(Image.blend(image, fine, amount), coarse, amount)  # grain that survives resizing too


def make_examples(root: Path) -> None:
    """The example records' photos, as `folkmoot clean-photos` leaves a phone's: upright,
    1,600 pixels wide, with nothing but the picture (a site's repository is public)."""
    from folkmoot.commands.photos import clean_bytes

    (root / "assemblies/2025-11-13-flooding/photos/flooded-street.jpg").write_bytes(
        clean_bytes(phone_jpeg(flooded_street()), "flooded-street.jpg")[0])
    folder = root / "assemblies/2026-06-18-cooler-streets/photos"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ideas-wall.jpg").write_bytes(clean_bytes(phone_jpeg(sticky_notes(), orientation=6), "ideas-wall.jpg")[0])


if __name__ == "__main__":
    make_examples(Path(__file__).resolve().parent.parent)
