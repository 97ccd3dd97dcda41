"""`folkmoot social SLUG`: the posts a communications volunteer would have made by hand
for one assembly: its carousel of slides (PNG), the same slides as a PDF for LinkedIn,
the captions for each channel and each slide's alt text, ready to paste.

Written into `social/<slug>/` (or `--out`), from records that pass `check`, for a
published assembly: held, its carousel; still to come, its invitation (a square post and
a story). The site carries the same for recent assemblies (see `outputs/social_site.py`)."""

from __future__ import annotations

import sys
from pathlib import Path

from folkmoot.commands.review import checked_site
from folkmoot.outputs import social
from folkmoot.outputs.social_site import posts_of


def write_posts(root: Path, slug: str, out: Path | None, hashtags: tuple[str, ...]) -> int:
    root = root.resolve()
    checked = checked_site(root, "social")
    if checked is None:
        return 1
    project, site = checked
    assembly = next((a for a in site.assemblies if a.slug == slug), None)
    if assembly is None:
        print(f"folkmoot social: `{slug}` is not a published assembly; give its folder's name, e.g. "
              f"{site.assemblies[-1].slug if site.assemblies else '2025-11-13-flooding'}.", file=sys.stderr)
        return 1
    if not project.site_url:
        print("folkmoot social: set `site_url` in mkdocs.yml first: the last slide leads to the recap.",
              file=sys.stderr)
        return 1
    base_url = project.site_url.rstrip("/") + "/"
    posts = posts_of(assembly, site, project.language, base_url, hashtags or project.settings.hashtags)
    folder = (out or root / "social" / slug).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    pictures = [social.draw(slide) for slide in posts.slides]
    for name, picture in zip(posts.names, pictures):
        (folder / name).write_bytes(picture)
    if posts.pdf:
        (folder / "carousel.pdf").write_bytes(social.pdf(pictures, posts.title, posts.when))
    (folder / "captions.txt").write_text("".join(f"== {channel} ({len(text)} of {social.LIMITS[channel]})\n\n{text}\n\n"
                                                 for channel, text in posts.captions.items()), encoding="utf-8")
    (folder / "alt-text.txt").write_text("".join(f"{name}: {alt}\n" for name, alt in zip(posts.names, posts.alts)),
                                         encoding="utf-8")
    made = "an invitation (square and story)" if posts.invitation else f"{len(pictures)} slides, carousel.pdf"
    print(f"Wrote {made}, captions.txt and alt-text.txt into {folder}.")
    return 0
