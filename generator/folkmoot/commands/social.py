"""`folkmoot social SLUG`: the posts a communications volunteer would have made by hand
for one assembly: its carousel of slides (PNG), the same slides as a PDF for LinkedIn,
the captions for each channel and each slide's alt text, ready to paste.

Written into `social/<slug>/` (or `--out`), from records that pass `check`, only for a
published assembly that has been held."""

from __future__ import annotations

import sys
from pathlib import Path

from folkmoot.commands.review import checked_site
from folkmoot.outputs import social
from folkmoot.records.project import build_timestamp
from folkmoot.text.safe_markdown import strip_lang_marks
from folkmoot.views import urls


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
    if assembly.is_upcoming(site.today):
        print(f"folkmoot social: {slug} has not been held yet; its posts tell what the room agreed.", file=sys.stderr)
        return 1
    if not project.site_url:
        print("folkmoot social: set `site_url` in mkdocs.yml first: the last slide leads to the recap.",
              file=sys.stderr)
        return 1
    lang = project.language
    address = project.site_url.rstrip("/") + "/" + urls.recap(slug)
    slides = social.carousel(assembly, site, lang, project.organisation.name, address)
    folder = (out or root / "social" / slug).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    pictures = [social.draw(slide) for slide in slides]
    for n, picture in enumerate(pictures, 1):
        (folder / f"slide-{n:02d}.png").write_bytes(picture)
    (folder / "carousel.pdf").write_bytes(social.pdf(pictures, strip_lang_marks(assembly.title), build_timestamp()))
    said = social.captions(assembly, slides, lang, address, hashtags)
    (folder / "captions.txt").write_text("".join(f"== {channel} ({len(text)} of {social.LIMITS[channel]})\n\n{text}\n\n"
                                                 for channel, text in said.items()), encoding="utf-8")
    (folder / "alt-text.txt").write_text("".join(f"slide-{n:02d}.png: {slide.alt(lang)}\n"
                                                 for n, slide in enumerate(slides, 1)), encoding="utf-8")
    print(f"Wrote {len(pictures)} slides, carousel.pdf, captions.txt and alt-text.txt into {folder}.")
    return 0
