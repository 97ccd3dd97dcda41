"""Reading files a record points to, safely.

Every path in a record must stay inside its assembly's folder, exist, be a
sane size and (for text) be UTF-8. Problems are reported, never raised.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from .problems import Problems

MAX_TEXT_BYTES = 1_000_000
MAX_IMAGE_BYTES = 20_000_000
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
        size = path.stat().st_size
    except OSError as exc:
        problems.error(shown, line, f"The file cannot be read ({exc.strerror}).", "")
        return None
    if size > MAX_TEXT_BYTES:
        problems.error(shown, line, f"The file is {size // 1000:,} KB, more than the {MAX_TEXT_BYTES // 1000:,} KB a record file may be.",
                       "Is this the right file? Split very long notes or move data elsewhere.")
        return None
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_line = data.count(b"\n", 0, exc.start) + 1
        problems.error(shown, bad_line, "This line has characters that are not UTF-8 text (is it a binary file, or saved in another encoding?).",
                       "Save the file as UTF-8 text; most editors offer this under 'Save with encoding'.")
        return None
    if "\x00" in text:
        problems.error(shown, text.count("\n", 0, text.index("\x00")) + 1,
                       "The file contains a NUL byte, so it is not a text file.", "Save it again as plain UTF-8 text.")
        return None
    return text.removeprefix("\ufeff")


def resolve_inside(folder: Path, value: str, shown: str, line: int, problems: Problems,
                   field: str) -> Path | None:
    """Resolve ``value`` relative to ``folder`` and insist it stays inside and exists."""
    hint = f"Give a path inside this assembly's folder, such as `{field_example(field)}`."
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
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        problems.error(shown, line, f"`{field}` leads outside the assembly's folder (`{value}` is a link to somewhere else).", hint)
        return None
    if not path.exists():
        problems.error(shown, line, f"`{field}` names `{value}`, which does not exist.",
                       "Check the spelling and upper/lower case, and that the file was committed.")
        return None
    if not path.is_file():
        problems.error(shown, line, f"`{field}` names `{value}`, which is a folder, not a file.", hint)
        return None
    return path


def field_example(field: str) -> str:
    return {"notes_file": "notes/table-1.md", "recap": "recap.md", "file": "photos/circle.jpg"}.get(field, "notes.md")
