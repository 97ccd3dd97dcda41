"""What a committed photo gives away, read before it is published anywhere.

A site's repository is usually public (free GitHub Pages needs it), so a photo
is public the moment it is pushed, long before the site publishes a clean
copy. A phone writes where the photo was taken, its make, model and serial
number and sometimes its owner's name into the file, and keeps it at 12
megapixels or more. `check` reports both at the photo's line and names
`folkmoot clean-photos`, which rewrites the file without them.
"""

from __future__ import annotations

from pathlib import Path

FIX = "Run `folkmoot clean-photos {path}` (it keeps the picture as it looks, upright, and removes the rest), " \
      "or prepare photos with the site's page \"Prepare photos to upload\" before adding them."
MAX_SIDE = 3200  # pixels on the long side: twice the widest copy the site publishes
CLEAN_SIDE = 1600  # what clean-photos and the browser page make: the widest copy the site publishes

GPS_IFD, EXIF_IFD = 0x8825, 0x8769
DEVICE_TAGS = {0x010F: "the phone's make", 0x0110: "the phone's model"}
PERSONAL_TAGS = {0x013B: "the photographer's name", 0x8298: "a copyright owner's name", 0xA430: "the camera owner's name",
                 0xA431: "the device's serial number", 0xA435: "the lens's serial number",
                 0x927C: "the maker's private notes (often a serial number)", 0x9286: "a comment"}
XMP_MARKS = {b"GPSLatitude": "the place it was taken", b"exif:GPS": "the place it was taken",
             b"photoshop:City": "the place it was taken", b"SerialNumber": "the device's serial number",
             b"dc:creator": "the photographer's name", b"Iptc4xmpCore:Location": "the place it was taken"}


def inspect(path: Path) -> tuple[list[str], int]:
    """(the private details in the file, in words ("the place it was taken", ...), its long
    side in pixels), from one reading of its header."""
    from PIL import Image

    found: list[str] = []
    with Image.open(path) as image:
        side = max(image.size)
        exif = image.getexif()
        gps = exif.get_ifd(GPS_IFD)
        if any(tag in gps for tag in (1, 2, 3, 4)):
            found.append("the place it was taken")
        inner = exif.get_ifd(EXIF_IFD)
        for tags in (DEVICE_TAGS, PERSONAL_TAGS):
            for tag, words in tags.items():
                if (exif.get(tag) or inner.get(tag)) and words not in found:
                    found.append(words)
        xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
        xmp = xmp.encode() if isinstance(xmp, str) else xmp
        for mark, words in XMP_MARKS.items():
            if mark in xmp and words not in found:
                found.append(words)
        if image.info.get("photoshop") and "IPTC details (place, names)" not in found:
            found.append("IPTC details (place, names)")
        if image.info.get("comment") and "a comment" not in found:
            found.append("a comment")
    return found, side



def listed(details: list[str]) -> str:
    """"a, b and c", for a sentence."""
    return details[0] if len(details) == 1 else ", ".join(details[:-1]) + " and " + details[-1]
