"""`folkmoot clean-photos` and `folkmoot add-photos`: photos made safe before they are committed.

The site never publishes a photo as it was added, but the repository holds
the file itself, and a site's repository is usually public. A clean photo is
upright, at most 1,600 pixels on its long side, and carries nothing but its
pixels and colour profile: no place, time, phone, serial number or owner.
"""

from __future__ import annotations

import functools
import io
import os
import re
import tempfile
from pathlib import Path

from folkmoot.records.photo_privacy import CLEAN_SIDE, inspect, standard_profile
from folkmoot.records.record_files import IMAGE_SUFFIXES, relpath
from folkmoot.text.slugs import slugify


class PhotoError(Exception):
    """Why a photo was not cleaned or added, worded for the volunteer."""


FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "HEIF": ".jpg"}  # an iPhone's HEIC becomes a JPEG


@functools.cache
def _open_heic_too() -> None:
    """iPhones save HEIC, which Pillow reads through pillow-heif (libheif)."""
    from pillow_heif import register_heif_opener

    register_heif_opener()


def clean_bytes(data: bytes, name: str) -> tuple[bytes, str]:
    """The photo in `data`, upright, at most CLEAN_SIDE on its long side, with only its colour
    profile kept; and its format's usual suffix. The picture looks as it did."""
    from PIL import Image, ImageOps

    _open_heic_too()
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            if kind not in FORMATS:
                raise PhotoError(f"{name} is a {kind or 'kind of'} file that cannot be cleaned; save it as JPEG or PNG first.")
            icc = image.info.get("icc_profile")
            upright = ImageOps.exif_transpose(image)  # the pixels as the photo is seen, and no orientation tag
            upright.load()
    except PhotoError:
        raise
    except Exception:
        raise PhotoError(f"{name} is not a photo that can be opened (it may be damaged, or another kind of file).") from None
    upright.info = {}  # Pillow would write a comment, XMP or EXIF found here into the new file
    if max(upright.size) > CLEAN_SIDE:
        upright.thumbnail((CLEAN_SIDE, CLEAN_SIDE), Image.Resampling.LANCZOS)
    if icc and not standard_profile(icc):  # its text may name someone: its colours turned into sRGB's instead
        upright, icc = _in_srgb(upright, icc), None
    options = {"icc_profile": icc} if icc else {}
    out = io.BytesIO()
    if kind in ("JPEG", "HEIF"):
        upright.convert("RGB").save(out, "JPEG", quality=85, **options)
    elif kind == "WEBP":
        upright.save(out, "WEBP", quality=85, **options)
    else:
        upright.save(out, "PNG", optimize=True, **options)
    return out.getvalue(), FORMATS[kind]


def _in_srgb(image, icc: bytes):
    """The picture's colours converted from its own profile to sRGB, which needs no profile
    (a browser assumes it); as it was when the profile cannot be read."""
    from PIL import ImageCms

    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        mode = "RGBA" if "A" in image.getbands() else "RGB"
        return ImageCms.profileToProfile(image.convert(mode), source, ImageCms.createProfile("sRGB"), outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image


def is_clean(path: Path) -> bool:
    """Whether a photo already is what clean-photos makes: nothing but its pixels (and a
    standard colour profile), upright, and no wider than the site publishes. Such a file is
    left alone, so cleaning twice changes nothing (no new file, no drifting pixels)."""
    from PIL import Image

    try:
        details, side = inspect(path)
        with Image.open(path) as image:
            upright = image.getexif().get(0x0112, 1) in (0, 1)
    except Exception:  # Pillow raises several kinds for a file it cannot read: cleaning says what is wrong
        return False
    return not details and side <= CLEAN_SIDE and upright


def _write(path: Path, data: bytes) -> None:
    """Whole or not at all: the old file stays until the new one is complete."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".clean-")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def clean_photos(root: Path, paths: list[str]) -> list[str]:
    """Rewrite each photo in place (a folder: every photo in it; nothing named: every photo
    under assemblies/). Gives back what it said it did, a line a photo."""
    root = root.resolve()
    targets: list[Path] = []
    for name in paths or ["assemblies"]:
        path = (root / name).resolve()
        if not path.is_relative_to(root):
            raise PhotoError(f"{name} is outside the project; only its own photos are cleaned.")
        if path.is_dir():
            targets += sorted(p for p in path.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file())
        elif path.is_file():
            targets.append(path)
        else:
            raise PhotoError(f"there is no file or folder {name}.")
    done = []
    for path in targets:
        if is_clean(path):
            done.append(f"{relpath(root, path)}: already clean, left as it is")
            continue
        before = path.read_bytes()
        data, _ = clean_bytes(before, relpath(root, path))
        if data != before:
            _write(path, data)
        done.append(f"{relpath(root, path)}: {len(before) / 1e6:.1f} MB -> {len(data) / 1e6:.1f} MB, nothing but the picture")
    return done


def add_photos(root: Path, slug: str, files: list[Path]) -> list[str]:
    """Clean copies of `files` into assemblies/<slug>/photos/, each with an entry in the
    record's `photos:` whose `alt:` is left for the volunteer to write."""
    record = (root / "assemblies" / slug / "assembly.yml").resolve()
    if not record.is_file() or not record.is_relative_to((root / "assemblies").resolve()):
        raise PhotoError(f"there is no assembly `{slug}` (looked for assemblies/{slug}/assembly.yml).")
    folder = record.parent / "photos"
    cleaned = []
    for source in files:  # every file first: all are added, or none (a retry then adds no `-2` copies)
        if not source.is_file():
            raise PhotoError(f"there is no file {source}. Nothing was added.")
        try:
            cleaned.append((source, *clean_bytes(source.read_bytes(), source.name)))
        except PhotoError as exc:
            raise PhotoError(f"{exc} Nothing was added.") from None
    folder.mkdir(exist_ok=True)
    entries, done, written = [], [], []
    try:
        for source, data, suffix in cleaned:
            stem = slugify(source.stem)
            dest, n = folder / f"{stem}{suffix}", 2
            while dest.exists():
                dest, n = folder / f"{stem}-{n}{suffix}", n + 1
            _write(dest, data)
            written.append(dest)
            entries.append(f"  - file: photos/{dest.name}\n"
                           f"    alt: \"\"  # FILL IN: what the photo shows, for readers who cannot see it\n"
                           f"    consent: false  # true once everyone recognisable in it has agreed\n")
            done.append(f"assemblies/{slug}/photos/{dest.name}")
        _add_entries(record, entries)
    except BaseException:
        for path in written:  # the record was not changed: take back the files it would have listed
            path.unlink(missing_ok=True)
        raise
    return done


def _add_entries(record: Path, entries: list[str]) -> None:
    """Append entries to the record's top-level `photos:` list, or start one at its end;
    everything else in the file, comments included, is left as it was."""
    text = record.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(r"photos:\s*(\[\s*\])?\s*(#.*)?$", line)), None)
    flow = next((i for i, line in enumerate(lines) if re.match(r"photos:\s*\[", line)), None)
    if start is None and flow is not None:  # `photos: [{file: ..., ...}]`: the new ones join that list
        text = _into_flow_list(text, lines, flow, entries)
    elif start is None:
        text = text.rstrip("\n") + "\n\nphotos:\n" + "".join(entries)
    else:
        lines[start] = "photos:\n"
        item = next((re.match(r"( *)- ", line) for line in lines[start + 1:] if re.match(r" *- ", line)), None)
        indent = item.group(1) if item else "  "
        entries = [re.sub(r"(?m)^  ", indent, entry) for entry in entries]
        end = start + 1
        while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t#-"):
            end += 1
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        text = "".join(lines[:end]) + "".join(entries) + "".join(lines[end:])
    _write(record, text.encode("utf-8"))  # whole or not at all


def _into_flow_list(text: str, lines: list[str], first: int, entries: list[str]) -> str:
    """The entries added inside a flow-style `photos: [...]`, before its closing bracket,
    as flow mappings (the same YAML, one line each)."""
    import yaml

    offset = sum(len(line) for line in lines[:first])
    depth, end = 0, None
    for i, char in enumerate(text[offset:], offset):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                end = i
                break
    if end is None:
        raise PhotoError("the record's `photos:` list has no closing `]`; fix it (`folkmoot check` shows where), "
                         "then add the photos again. Nothing was added.")
    items = []
    for entry in entries:
        data = yaml.safe_load(entry)[0]
        items.append("{file: %s, alt: \"\", consent: false}" % data["file"])
    inside = text[offset:end].rstrip()
    joiner = "" if inside.endswith("[") else ","
    return text[:offset] + inside + joiner + "\n  " + ",\n  ".join(items) + text[end:]
