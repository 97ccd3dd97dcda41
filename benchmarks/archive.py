"""What an archive of assemblies with phone photos weighs: published, and in the repository.

    .venv/bin/python benchmarks/archive.py [--assemblies 300] [--photos 8] [--grain 0.06]

GitHub Pages refuses a published site over 1 GB and asks that repositories
stay under 1 GB. This projects both for N assemblies with P phone photos
each (issue 22: 300 assemblies with 8 photos, both under 1 GB):

- per photo, measured on P drawn 12-megapixel phone photos with sensor
  noise (`--grain`: 0.06 is moderate; 0.18, benchmarks/photos.py's, is a
  worst case, since noise defeats compression): what is committed once
  `folkmoot clean-photos` (or the browser page) has made it safe, and the
  WebP copies the site publishes, and the share card a photo makes;
- per assembly without photos, measured by building N synthetic
  assemblies (benchmarks/synth.py, their own photos left out): its pages,
  documents, data and search, and its record's files.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "generator"), str(ROOT / "tests"), str(ROOT / "benchmarks")]  # tests/photos.py, not ours

import synth  # noqa: E402
from photos import flooded_street, phone_jpeg, with_grain  # noqa: E402

from folkmoot.commands.photos import clean_bytes  # noqa: E402
from folkmoot.engine.cache import Cache  # noqa: E402
from folkmoot.mkdocs_plugin.run import build_site  # noqa: E402
from folkmoot.outputs import cards, photos  # noqa: E402
from folkmoot.records.model import Photo  # noqa: E402


def photo_figures(n: int, folder: Path, grain: float) -> tuple[float, float, float, float]:
    """(as taken, committed, published, card) bytes per photo, averaged over n photos."""
    taken = committed = published = card = 0
    for i in range(1, n + 1):
        original = phone_jpeg(with_grain(flooded_street(4000, 3000, seed=i), grain), quality=92)
        clean, _ = clean_bytes(original, "street.jpg")
        path = folder / f"street-{i}.jpg"
        path.write_bytes(clean)
        from PIL import Image

        with Image.open(path) as image:
            width, height = image.size
        webp = tuple(photos.Rendition(f"images/s-{w}.webp", w, round(height * w / width), "image/webp")
                     for w in photos.widths_for(width))
        made = photos.encode(photos.PublishedPhoto(Photo(file=path.name, alt="a", consent=True), path, webp))
        drawn = cards.draw(cards.Card("Northfield Climate Centre", "People's Assembly on Flooding",
                                      "Thursday, 13 November 2025", "Agreed: a flood plan for every street", path))
        taken, committed = taken + len(original), committed + len(clean)
        published, card = published + sum(len(b) for b in made.values()), card + len(drawn)
    return taken / n, committed / n, published / n, card / n


def folder_bytes(folder: Path, skip: tuple[str, ...] = ()) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not any(s in p.parts for s in skip))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assemblies", type=int, default=300)
    parser.add_argument("--photos", type=int, default=8)
    parser.add_argument("--grain", type=float, default=0.06, help="sensor noise: 0.06 moderate, 0.18 a worst case")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795564800")
    scratch = Path(tempfile.mkdtemp())
    try:
        taken, committed, published, card = photo_figures(args.photos, scratch, args.grain)
        project = synth.make_project(args.assemblies, scratch / "project")
        for found in (project / "assemblies").rglob("photos"):  # this projection adds its own
            shutil.rmtree(found)
        for record in (project / "assemblies").glob("*/assembly.yml"):
            text = record.read_text()
            if "\nphotos:\n" in text:
                record.write_text(text[:text.index("\nphotos:\n")] + "\n")
        site = build_site(project, project / "site")
        n, p = args.assemblies, args.photos
        site_without = folder_bytes(site, skip=("pagefind",)) + folder_bytes(site / "pagefind")
        records_without = folder_bytes(project / "assemblies")
        card_without = sum(f.stat().st_size for f in site.glob("assemblies/*/card.png")) / max(1, n)
        published_total = site_without + n * p * published + n * (card - card_without)
        repository_total = records_without + n * p * committed
        print(f"Per photo (mean of {p} 12 MP phone photos, grain {args.grain}): as taken {taken / 1e6:.2f} MB, committed "
              f"{committed / 1e6:.2f} MB, published {published / 1e6:.2f} MB; a card with a photo {card / 1e3:.0f} KB")
        print(f"{n} assemblies without photos: site {site_without / 1e6:.1f} MB, records {records_without / 1e6:.1f} MB")
        print(f"Projected, {n} assemblies with {p} photos each ({n * p:,} photos):")
        print(f"  published site {published_total / 1e6:,.0f} MB ({published_total / 1e9:.0%} of GitHub Pages' 1 GB)")
        print(f"  repository {repository_total / 1e6:,.0f} MB (GitHub recommends under 1 GB); with the phones' "
              f"originals it would be {(records_without + n * p * taken) / 1e6:,.0f} MB")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
