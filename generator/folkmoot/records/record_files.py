"""Reading files a record points to, safely.

Every path in a record must stay inside its assembly's folder, exist, be a
sane size and (for text) be UTF-8. Problems are reported, never raised.
"""

from __future__ import annotations

import stat
from pathlib import Path, PurePosixPath

from folkmoot.problems import Problems
from folkmoot.records.yamlload import control_character_problem, forbidden_character

MAX_TEXT_BYTES = 1_000_000
MAX_IMAGE_BYTES = 40_000_000  # refused: no camera photo is this large
LARGE_IMAGE_BYTES = 15_000_000  # warned: it slows every clone of the repository
MAX_PATH_CHARS = 200  # a file name, not a sentence
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")


def relpath(root: Path, path: Path) -> str:
    """A path as shown to volunteers: relative to the project, forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def read_text(path: Path, shown: str, problems: Problems, line: int = 0) -> str | None:
    """Read a UTF-8 text file, reporting size and encoding problems at ``shown``."""
    try:
        info = path.stat()
    except (OSError, ValueError) as exc:
        problems.error(shown, line, f"The file cannot be read ({getattr(exc, 'strerror', None) or exc}).", "")
        return None
    if not stat.S_ISREG(info.st_mode):  # a folder, or a pipe that would never finish reading
        problems.error(shown, line, "This is not an ordinary file (it is a folder or a special file).",
                       "Replace it with a plain text file.")
        return None
    size = info.st_size
    if size > MAX_TEXT_BYTES:
        problems.error(shown, line, f"The file is {size // 1000:,} KB, more than the {MAX_TEXT_BYTES // 1000:,} KB a record file may be.",
                       "Is this the right file? Split very long notes or move data elsewhere.")
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.error(shown, line, f"The file cannot be read ({exc.strerror}).", "")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_line = data.count(b"\n", 0, exc.start) + 1
        problems.error(shown, bad_line, "This line has characters that are not UTF-8 text (is it a binary file, or saved in another encoding?).",
                       "Save the file as UTF-8 text; most editors offer this under 'Save with encoding'.")
        return None
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        problems.error(shown, text.count("\n", 0, text.index("\x00")) + 1,
                       "The file contains a NUL byte, so it is not a text file.", "Save it again as plain UTF-8 text.")
        return None
    bad = forbidden_character(text)
    if bad:
        problems.error(shown, text.count("\n", 0, bad.start()) + 1, *control_character_problem(text, bad))
        return None
    return text


def resolve_inside(folder: Path, value: str, shown: str, line: int, problems: Problems,
                   field: str) -> Path | None:
    """Resolve ``value`` relative to ``folder`` and insist it stays inside and exists."""
    hint = f"Give a path inside this assembly's folder, such as `{field_example(field)}`."
    if "\n" in value.strip() or len(value) > MAX_PATH_CHARS:
        problems.error(shown, line, f"`{field}` should be the name of a file, but it is {len(value):,} characters of text.",
                       hint + " Put the text itself into that file.")
        return None
    if "\\" in value:
        problems.error(shown, line, f"`{field}` uses a backslash (\\) in `{value}`.", "Use forward slashes (/) between folder names.")
        return None
    pure = PurePosixPath(value)
    if pure.is_absolute() or value.startswith("~"):
        problems.error(shown, line, f"`{field}` is an absolute path (`{value}`).", hint)
        return None
    if ".." in pure.parts:
        problems.error(shown, line, f"`{field}` points outside the assembly's folder with `..` (`{value}`).", hint)
        return None
    path = folder / pure
    try:
        resolved = path.resolve()
        inside = resolved.is_relative_to(folder.resolve())
        exists = path.exists()
    except (OSError, RuntimeError, ValueError) as exc:
        problems.error(shown, line, f"`{field}` names `{value[:60]}`, which cannot be used as a file name "
                       f"({getattr(exc, 'strerror', None) or exc}).", hint)
        return None
    if not inside:
        problems.error(shown, line, f"`{field}` leads outside the assembly's folder (`{value}` is a link to somewhere else).", hint)
        return None
    if not exists:
        problems.error(shown, line, f"`{field}` names `{value}`, which does not exist.",
                       "Check the spelling and upper/lower case, and that the file was committed.")
        return None
    if not path.is_file():
        problems.error(shown, line, f"`{field}` names `{value}`, which is a folder or special file, not a file.", hint)
        return None
    return path


def field_example(field: str) -> str:
    return {"notes_file": "notes/table-1.md", "recap": "recap.md", "file": "photos/circle.jpg"}.get(field, "notes.md")


IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "AVIF", "MPO"}  # MPO: a phone's JPEG with a depth map
MAX_PIXELS = 130_000_000  # larger than any phone camera; a decompression bomb is far larger


def image_problem(path: Path) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) when `path` is not a photo the site can publish.

    Opened with Pillow, whatever the file's name says: a text file named
    .png, a broken download or a decompression bomb is refused here, at the
    record's line, instead of stopping a build later."""
    from PIL import Image

    try:
        with Image.open(path) as image:
            if image.format not in IMAGE_FORMATS:
                return (f"is a {image.format} image, which the site does not publish.",
                        "Save it as JPEG or PNG.")
            width, height = image.size
            if width * height > MAX_PIXELS:
                return (f"is {width:,} by {height:,} pixels, far more than any photo needs.",
                        "Resize it to about 2000 pixels wide before adding it.")
            image.verify()
        with Image.open(path) as image:  # verify() reads no pixels of a JPEG: decode it, small, to be sure
            image.draft("RGB", (64, 64))
            image.load()
    except Image.DecompressionBombError:
        return ("has so many pixels that opening it could exhaust the build's memory.",
                "Resize it to about 2000 pixels wide before adding it.")
    except Exception:  # Pillow raises many kinds for a file that is not an image
        return ("is not an image that can be opened, whatever its name says (it may be damaged, or another kind of file).",
                "Export the photo again as JPEG or PNG and add that file.")
    return None
