"""How long photos and share cards take, cold and warm, and what they weigh.

    .venv/bin/python benchmarks/photos.py [--photos 8]

Builds the example site with the flooding recap carrying N 12-megapixel
phone photos (drawn, with sensor grain and full metadata), first with an
empty image cache, then again with the cache from the first build, and
prints the time spent making images and cards, the whole build's time, and
what one photo weighs: as the phone took it, as committed (cleaned by
`folkmoot clean-photos`, as a site's public repository needs), as published
(every rendition), and what a 360 px phone loads.

    --as-taken   commit the phone's originals (in a private repository)
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "generator"), str(ROOT / "tests")]

from conftest import copy_project  # noqa: E402
from photos import flooded_street, phone_jpeg, with_grain  # noqa: E402

from folkmoot.outputs import photos as images  # noqa: E402
from folkmoot.mkdocs_plugin.run import build_site  # noqa: E402

FLOOD = "assemblies/2025-11-13-flooding"


def project_with_photos(folder: Path, n: int, as_taken: bool = False) -> tuple[Path, int, int]:
    """(project, bytes of the phone's photos, bytes committed)."""
    from conftest import in_private_repository

    from folkmoot.commands.photos import clean_bytes

    root = copy_project(folder)
    if as_taken:
        in_private_repository(root)
    record = root / FLOOD / "assembly.yml"
    text = record.read_text()
    entries, originals, committed = [], 0, 0
    for i in range(1, n + 1):
        data = phone_jpeg(with_grain(flooded_street(4000, 3000, seed=i)), quality=92)
        originals += len(data)
        if not as_taken:
            data = clean_bytes(data, f"street-{i}.jpg")[0]
        (root / FLOOD / f"photos/street-{i}.jpg").write_bytes(data)
        committed += len(data)
        entries.append(f"  - file: photos/street-{i}.jpg\n    alt: Drawing {i}\n    consent: true\n")
    record.write_text(text[:text.index("\nphotos:\n")] + "\nphotos:\n" + "".join(entries))
    return root, originals, committed


def timed_build(root: Path) -> tuple[float, float]:
    """(whole build, time inside images.encode and cards.draw) in seconds."""
    from folkmoot.outputs import cards

    spent = [0.0]

    def clock(fn):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - start
        return wrapper

    real_encode, real_draw = images.encode, cards.draw
    images.encode, cards.draw = clock(real_encode), clock(real_draw)
    try:
        start = time.perf_counter()
        build_site(root, root / "site")
        return time.perf_counter() - start, spent[0]
    finally:
        images.encode, cards.draw = real_encode, real_draw


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=8)
    parser.add_argument("--as-taken", action="store_true", help="commit the phone's originals (a private repository)")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795564800")
    from folkmoot.mkdocs_plugin import documents as plugin_documents
    plugin_documents.BACKGROUND_FROM = 10_000  # in this process, so the clock sees the image work
    folder = Path(tempfile.mkdtemp())
    try:
        n = args.photos
        root, originals, committed = project_with_photos(folder, n, args.as_taken)
        cold, cold_images = timed_build(root)
        warm, warm_images = timed_build(root)
        images_folder = root / "site" / FLOOD / "images"
        published = sum(p.stat().st_size for p in images_folder.glob("street-*"))
        files = len(list(images_folder.glob("street-1-*")))
        phone = sum((images_folder / f"street-{i}-960.webp").stat().st_size for i in range(1, n + 1))
        print(f"{n} photos of 12 MP, per photo: as taken {originals / n / 1e6:.2f} MB, committed "
              f"{committed / n / 1e6:.2f} MB, published {published / n / 1e6:.2f} MB in {files} files")
        print(f"a 360 px phone (2x) loads {phone / 1e6:.2f} MB of 960 px WebP for all {n} of them")
        print(f"cold build {cold:.2f} s, of which making photos and cards {cold_images:.2f} s")
        print(f"warm build {warm:.2f} s, of which making photos and cards {warm_images:.2f} s")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
