"""Size as a budget: GitHub Pages refuses a published site over 1 GB and asks that
repositories stay under 1 GB, so `check` warns before either is near, and
`build` says what the site and the repository's photos weigh."""

from __future__ import annotations

from pathlib import Path

from folkmoot.problems import Problems
from folkmoot.records.project import Project
from folkmoot.records.record_files import IMAGE_SUFFIXES

PAGES_LIMIT = 1_000_000_000  # GitHub Pages: a published site of at most 1 GB
SITE_WARNING = 0.8 * PAGES_LIMIT
PHOTOS_WARNING = 500_000_000  # half of GitHub's recommended 1 GB for a whole repository
PHOTO_BYTES = 600_000  # published per photo (3 WebP widths), measured by benchmarks/photos.py: an upper estimate
PAGE_BYTES_PER_ASSEMBLY = 150_000  # its pages, card, calendar and documents, and its share of search


def repository_photo_bytes(root: Path) -> int:
    """Every image file committed under assemblies/ and content/."""
    return sum(p.stat().st_size for folder in ("assemblies", "content") if (root / folder).is_dir()
               for p in (root / folder).rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file())


def estimated_site_bytes(project: Project) -> int:
    """About what a build would publish, counted without opening a file (check stays fast)."""
    published = project.published
    return len(published) * PAGE_BYTES_PER_ASSEMBLY + sum(len(a.published_photos) for a in published) * PHOTO_BYTES


def site_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


def mb(n: float) -> str:
    return f"{n / 1e6:,.0f} MB" if n >= 10e6 else f"{n / 1e6:.1f} MB"


def check_budget(project: Project, problems: Problems) -> None:
    photo_bytes = repository_photo_bytes(project.root)
    if photo_bytes > PHOTOS_WARNING:
        problems.warning("assemblies", 0, f"The photos in the repository weigh {mb(photo_bytes)}; GitHub asks that a "
                         "whole repository stay under 1 GB, and every clone downloads them all.",
                         "Run `folkmoot clean-photos`, which makes each at most 1,600 pixels, and keep only the "
                         "photos the site shows.")
    site = estimated_site_bytes(project)
    if site > SITE_WARNING:
        problems.warning("assemblies", 0, f"The site would be about {mb(site)} ({site / PAGES_LIMIT:.0%} of the 1 GB "
                         "GitHub Pages publishes at most).",
                         "Publish fewer photos per assembly, or move older assemblies' photos out of the site.")


def build_summary(root: Path, site: Path) -> str:
    """What `folkmoot build` says of sizes after a build."""
    size, photo_bytes = site_bytes(site), repository_photo_bytes(root)
    line = (f"The site is {mb(size)} ({size / PAGES_LIMIT:.1%} of the 1 GB GitHub Pages publishes); "
            f"the photos in the repository weigh {mb(photo_bytes)}.")
    if size > SITE_WARNING:
        line += " Warning: the site is near GitHub Pages' limit; publish fewer photos."
    return line
