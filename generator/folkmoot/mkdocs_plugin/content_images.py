"""Pictures in `content/` published clean, as record photos are.

MkDocs copies every file of docs_dir as it is, so a phone photo used on a
hand-written page would carry its GPS position and serial number to the
site. `check` reports such a picture (an error in a public repository);
where it is only a warning, the site gets a clean copy made here, kept in
the cache like the other photos.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import Files

from folkmoot.commands.content_check import needs_cleaning
from folkmoot.commands.photos import PhotoError, clean_bytes
from folkmoot.engine.cache import Cache, digest, file_digest, versions
from folkmoot.records.record_files import IMAGE_SUFFIXES


def publish_clean(files: Files, cache: Cache) -> None:
    for file in files:
        if file.generated_by is not None or not file.abs_src_path or Path(file.src_uri).suffix.lower() not in IMAGE_SUFFIXES:
            continue
        path = Path(file.abs_src_path)
        if needs_cleaning(path) is None:
            continue
        key = digest("content picture v1", versions("Pillow", "pillow-heif"), file_digest(path))
        try:
            file.content_bytes = cache.get(key, lambda: clean_bytes(path.read_bytes(), file.src_uri)[0])
        except PhotoError:
            continue  # one Pillow can read the header of but not clean: check has said what to do
