"""A record's `photos:`: each entry checked, and its file read as the repository shows it.

In a public repository a committed photo is public already, whatever the site
publishes, so one without consent, or one that still carries its phone's
details, is an error there (see `photo_privacy`).
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from folkmoot.problems import Problems
from folkmoot.records import model as m
from folkmoot.records.fields import FieldReader, items
from folkmoot.records.photo_privacy import FIX, MAX_SIDE, inspect, listed
from folkmoot.records.record_files import IMAGE_SUFFIXES, LARGE_IMAGE_BYTES, MAX_IMAGE_BYTES, image_problem, resolve_inside
from folkmoot.records.yamlload import LDict

PHOTO_FIELDS = ("file", "alt", "caption", "credit", "consent")


def photo_entries(r: FieldReader, d: LDict, folder: Path, problems: Problems, public: bool = True):
    """Each photo entry. In a public repository a committed photo is public already: one
    without consent, or still carrying its phone's details, is an error there. A picture in
    the folder that no entry lists is checked too (see `unlisted_pictures`)."""
    listed_files: set[Path] = set()
    for i, e in items(r, d, "photos", "`- file: photos/circle.jpg` with `alt: ...` and `consent: true` below.", "Photo"):
        r.unknown_keys(e, PHOTO_FIELDS, "of a photo")
        alt = r.text(e, "alt")
        if not alt:
            r.error(e.line_of("alt") if "alt" in e else e.line, f"Photo {i + 1} has no `alt` text.",
                    "Add `alt:` describing what the photo shows, for readers who cannot see it.")
        file = r.text(e, "file", required=True, where=f" in photo {i + 1}")
        consent = r.boolean(e, "consent")
        if file:
            found = resolve_inside(folder, file, r.shown, e.line_of("file"), problems, "file")
            if found is None:
                continue
            listed_files.add(found.resolve())
            shown = f"{posixpath.dirname(r.shown)}/{file}"  # as the project's commands take it
            if found.suffix.lower() in (".heic", ".heif"):
                slug = posixpath.basename(posixpath.dirname(r.shown))
                r.error(e.line_of("file"), f"`{file}` is an iPhone HEIC photo, which most browsers cannot show.",
                        f"Run `folkmoot add-photos {slug} {shown}`, which adds a safe JPEG "
                        "copy and its entry, then delete the .heic file and this entry. (On the iPhone, Settings > "
                        "Camera > Formats > Most Compatible takes JPEG photos.)")
                continue
            if found.suffix.lower() not in IMAGE_SUFFIXES:
                r.error(e.line_of("file"), f"`{file}` is not a photo format the site can show.",
                        f"Use one of: {', '.join(IMAGE_SUFFIXES)}.")
                continue
            if found.stat().st_size > MAX_IMAGE_BYTES:
                r.error(e.line_of("file"), f"`{file}` is larger than {MAX_IMAGE_BYTES // 1_000_000} MB.",
                        "Resize it to about 2000 pixels wide before adding it.")
                continue
            refused = image_problem(found)
            if refused:
                r.error(e.line_of("file"), f"`{file}` {refused[0]}", refused[1])
                continue
            size = found.stat().st_size
            if size > LARGE_IMAGE_BYTES:
                r.warning(e.line_of("file"), f"`{file}` is {size / 1_000_000:.0f} MB. The site publishes a small copy, "
                          "but the original stays in the repository and makes it slow to download.",
                          "Resize it to about 2000 pixels wide before adding it.")
            _private_details(r, e, file, found, shown, public)
            if not consent and public:
                r.error(e.line_of("consent") if "consent" in e else e.line,
                        f"Photo `{file}` has no `consent: true`, yet the repository is public: anyone can download "
                        "it from GitHub now, although the site leaves it out.",
                        "Keep the photo out of the repository until everyone recognisable in it has agreed: delete "
                        "the file and its entry (if it was pushed already, see the guide \"Publishing from your "
                        "browser\"), or add `consent: true` once they agreed.")
            elif not consent:
                r.warning(e.line_of("consent") if "consent" in e else e.line,
                          f"Photo `{file}` will not be published: it does not say `consent: true`.",
                          "Add `consent: true` once everyone recognisable in it has agreed.")
            if alt:
                yield m.Photo(file=file, alt=alt, caption=r.text(e, "caption"), credit=r.text(e, "credit"),
                              consent=bool(consent))
    unlisted_pictures(folder, listed_files, posixpath.dirname(r.shown), problems, public)


def unlisted_pictures(folder: Path, listed_files: set[Path], shown_folder: str, problems: Problems,
                      public: bool) -> None:
    """Pictures in the record's folder that no `photos:` entry lists: uploaded in GitHub's
    editor before the entry was written, or left behind. The site does not publish them, but
    the repository does: one with a phone's details is an error in a public repository, and
    every one is a warning, so that it is listed or deleted."""
    report = problems.error if public else problems.warning
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in (*IMAGE_SUFFIXES, ".heic", ".heif")):
        if path.resolve() in listed_files or not path.is_file() or path.is_symlink():
            continue
        shown = f"{shown_folder}/{path.relative_to(folder).as_posix()}"
        try:
            details, _ = inspect(path)
        except Exception:  # not a picture Pillow can read: only listed ones must be
            details = []
        if details:
            report(shown, 0, f"This picture is not listed under `photos:`, and it still carries {listed(details)}: "
                   + ("the repository is public, so anyone can read them now." if public else
                      "everyone who can see the repository can read them."), FIX.format(path=shown))
        problems.warning(shown, 0, "This picture is in the record's folder but not listed under `photos:`, so the "
                         "site does not show it (the repository does).",
                         "List it under `photos:` with its `alt:` and `consent:`, or delete it if it is not needed.")

def _private_details(r: FieldReader, e: LDict, file: str, found: Path, shown: str, public: bool) -> None:
    """A photo that still carries where it was taken or whose phone took it, or is far bigger
    than the site can use: an error in a public repository (it is public already), else a
    warning (the site never publishes either)."""
    report = r.error if public else r.warning
    fix = FIX.format(path=shown)
    details, side = inspect(found)
    if details:
        where = "the repository is public, so anyone can read them now" if public else \
            "the site removes them, but everyone who can see the repository can read them"
        report(e.line_of("file"), f"`{file}` still carries {listed(details)}: {where}.", fix)
    if side > MAX_SIDE:
        report(e.line_of("file"), f"`{file}` is {side:,} pixels on its long side, far more than the site can use "
               f"(it publishes at most 1,600), and it makes the repository slow to download.", fix)

