"""What a committed photo gives away, read before it is published anywhere.

A site's repository is usually public (free GitHub Pages needs it), so a photo
is public the moment it is pushed, long before the site publishes a clean
copy. A phone writes where the photo was taken, its make, model and serial
number and sometimes its owner's name into the file, and keeps it at 12
megapixels or more. `check` reports both at the photo's line and names
`folkmoot clean-photos`, which rewrites the file without them.
"""

from __future__ import annotations

import re
from pathlib import Path

FIX = "Run `folkmoot clean-photos {path}` (it keeps the picture as it looks, upright, and removes the rest), " \
      "or prepare photos with the site's page \"Prepare photos to upload\" before adding them."
MAX_SIDE = 3200  # pixels on the long side: twice the widest copy the site publishes
CLEAN_SIDE = 1600  # what clean-photos and the browser page make: the widest copy the site publishes

GPS_IFD, EXIF_IFD = 0x8825, 0x8769
DEVICE_TAGS = {0x010F: "the phone's make", 0x0110: "the phone's model"}
PERSONAL_TAGS = {0x013B: "the photographer's name", 0x8298: "a copyright owner's name", 0xA430: "the camera owner's name",
                 0xA431: "the device's serial number", 0xA435: "the lens's serial number", 0xC62F: "the camera's serial number",
                 0x927C: "the maker's private notes (often a serial number)", 0x9286: "a comment",
                 0x010E: "a description", 0x9C9D: "the author's name", 0x9C9C: "a comment", 0x9C9B: "a title",
                 0x9C9E: "keywords", 0x9C9F: "a subject", 0xA420: "a unique id of the picture",
                 0x0132: "when it was taken", 0x9003: "when it was taken", 0x9004: "when it was taken",
                 0x0131: "the software or phone that saved it"}
# What may stay in a public picture: how its pixels are laid out, nothing else (an allow-list: a
# tag not named here is refused, whatever it holds)
SAFE_EXIF = {0x0100, 0x0101, 0x0102, 0x0103, 0x0106, 0x0112, 0x0115, 0x011A, 0x011B, 0x011C, 0x0128, 0x0213,
             EXIF_IFD, 0x9000, 0xA000, 0xA001, 0xA002, 0xA003}
XMP_MARKS = {b"GPSLatitude": "the place it was taken", b"exif:GPS": "the place it was taken",
             b"photoshop:City": "the place it was taken", b"SerialNumber": "the device's serial number",
             b"dc:creator": "the photographer's name", b"Iptc4xmpCore:Location": "the place it was taken",
             b"LocationCreated": "the place it was taken", b"CreatorContactInfo": "the photographer's address or phone"}
# A picture's own information that is not text: how it is stored and shown (Pillow's names)
SAFE_INFO = {"dpi", "gamma", "transparency", "srgb", "aspect", "interlace", "jfif", "jfif_version", "jfif_unit",
             "jfif_density", "progressive", "progression", "adobe", "adobe_transform", "icc_profile", "exif",
             "chromaticity", "duration", "loop", "background", "timestamp", "bbox", "blend", "disposal",
             "compression", "dpi_is_float", "xmp", "photoshop", "comment"}
# JPEG segments a clean picture may have: JFIF, EXIF (checked tag by tag), its colour profile, Adobe's colour flags
SAFE_SEGMENTS = {("APP0", b"JFIF"), ("APP0", b"JFXX"), ("APP1", b"Exif"), ("APP2", b"ICC_PROFILE"), ("APP14", b"Adobe")}

# Colour profiles that say nothing about who made the picture: the standard ones, by the text they carry
STANDARD_PROFILES = {"sRGB IEC61966-2.1", "sRGB IEC61966-2-1 black scaled", "sRGB", "sRGB built-in", "sRGB v4",
                     "Display P3", "Apple Display P3", "DCI-P3 D65", "Adobe RGB (1998)", "Generic Gray Gamma 2.2 Profile",
                     "Gray Gamma 2.2", "Dot Gain 20%"}
# (Chromium's own sRGB profile, which the form editor's photos carry, says "Google Inc. 2016")
STANDARD_TEXT = re.compile(r"((Copyright( \(c\))?( \d{4})? )?(Apple Inc\.|Apple Computer Inc\.|Google Inc\.|Google LLC|"
                           r"International Color Consortium|Hewlett-Packard Company|Microsoft Corporation|"
                           r"Adobe Systems Incorporated)(,? \d{4})?\.?|No copyright, use freely|Public Domain|CC0|"
                           r"IEC http://www\.iec\.ch|IEC 61966-2-?\.?1 Default RGB colou?r space - sRGB|Apple Computer, Inc\.|"
                           r"Apple Inc\.|Google|Display P3|sRGB|)")


def inspect(path: Path) -> tuple[list[str], int]:
    """(the private details in the file, in words ("the place it was taken", ...), its long
    side in pixels), from one reading of its header. Anything that can carry text and is not
    on an allow-list counts: a public picture keeps its pixels, its layout and a standard
    colour profile, nothing else."""
    from PIL import ExifTags, Image

    found: list[str] = []

    def add(words: str) -> None:
        if words not in found:
            found.append(words)

    with Image.open(path) as image:
        side = max(image.size)
        exif = image.getexif()
        gps = exif.get_ifd(GPS_IFD)
        if gps:
            add("the place it was taken" if any(tag in gps for tag in (1, 2, 3, 4)) else "GPS details")
        inner = exif.get_ifd(EXIF_IFD)
        others = []
        for tag in (*exif, *inner):
            if tag in SAFE_EXIF or tag == GPS_IFD:
                continue
            words = DEVICE_TAGS.get(tag) or PERSONAL_TAGS.get(tag)
            if words:
                add(words)
            else:
                others.append(ExifTags.TAGS.get(tag, f"tag 0x{tag:04X}"))
        if exif.get_ifd(0xA005) or exif.get_ifd(0x0001):  # interoperability, or a thumbnail: another picture
            others.append("a thumbnail")
        if others:
            add(f"EXIF details a picture does not need ({', '.join(sorted(set(others)))})")
        xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
        xmp = xmp.encode() if isinstance(xmp, str) else xmp
        marks = [words for mark, words in XMP_MARKS.items() if mark in xmp]
        for words in marks:
            add(words)
        if xmp and not marks:
            add("XMP details (who made it, where, with what)")
        if image.info.get("photoshop"):
            add("IPTC details (place, names)")
        if image.info.get("comment") or image.info.get("Comment"):
            add("a comment")
        text = dict(getattr(image, "text", None) or {})  # PNG tEXt, iTXt and zTXt chunks
        text.update({k: v for k, v in image.info.items() if isinstance(k, str) and k not in SAFE_INFO
                     and isinstance(v, (str, bytes))})
        if text:
            add(f"text written into the file ({', '.join(sorted(text))})")
        segments = sorted({m for m, data in getattr(image, "applist", [])
                           if not any(m == name and data.startswith(mark) for name, mark in SAFE_SEGMENTS)
                           and not (m == "APP1" and data.startswith(b"http://ns.adobe.com/xap/"))})
        if segments:
            add(f"other blocks of data ({', '.join(segments)}), such as a second picture or an editor's notes")
        icc = image.info.get("icc_profile")
        if icc and not standard_profile(icc):
            add("a colour profile that is not a standard one (it can name a person, a phone or a serial number)")
    return found, side


def standard_profile(icc: bytes) -> bool:
    """Whether an ICC colour profile is a standard one (sRGB, Display P3 ...): every text it
    carries is on the allow-list above. A profile made on a phone or by an editor can hold a
    name, a phone number or a serial number in its description or copyright."""
    texts = profile_texts(icc)
    if texts is None:
        return False
    description = texts.get(b"desc", "")
    return description in STANDARD_PROFILES and all(STANDARD_TEXT.fullmatch(t.strip()) for sig, t in texts.items()
                                                    if sig != b"desc")


def profile_texts(icc: bytes) -> dict[bytes, str] | None:
    """Every tag of an ICC profile that holds text, by its signature; None for a profile
    that cannot be read."""
    import struct

    try:
        count = struct.unpack(">I", icc[128:132])[0]
        if count > 200:
            return None
        texts: dict[bytes, str] = {}
        for i in range(count):
            sig, offset, size = struct.unpack(">4sII", icc[132 + 12 * i:144 + 12 * i])
            data = icc[offset:offset + size]
            kind = data[:4]
            if kind == b"desc":  # ICC v2: an ASCII count and text
                n = struct.unpack(">I", data[8:12])[0]
                texts[sig] = data[12:12 + n].split(b"\0", 1)[0].decode("latin-1")
            elif kind == b"text":
                texts[sig] = data[8:].split(b"\0", 1)[0].decode("latin-1")
            elif kind == b"mluc":  # ICC v4: records of UTF-16 text, one per language
                records, record_size = struct.unpack(">II", data[8:16])
                parts = []
                for r in range(min(records, 100)):
                    _, length, start = struct.unpack(">4sII", data[16 + r * record_size:16 + r * record_size + 12])
                    parts.append(data[start:start + length].decode("utf-16-be", "replace"))
                texts[sig] = parts[0] if len(set(parts)) <= 1 and parts else "\n".join(parts)
        return texts
    except (struct.error, UnicodeDecodeError, ValueError):
        return None


def listed(details: list[str]) -> str:
    """"a, b and c", for a sentence."""
    return details[0] if len(details) == 1 else ", ".join(details[:-1]) + " and " + details[-1]
