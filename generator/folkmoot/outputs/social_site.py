"""The ready-made posts on the site: for each assembly with recent news, a page "Share on
social media" (linked from its recap, not in the navigation or search) with its slides,
each downloadable, all of them as one zip and as one PDF, and every caption beside a
copy button.

Slides cost far more than a share card, so they are made where they will be posted:
for assemblies held, answered or updated within `social: days:` (a year by default)
of the day of the build. `folkmoot social SLUG` makes them for any other. Each slide is
kept in the cache by what it shows, like the cards: a build after one record changed
draws that record's slides again, and no other.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import zipfile
from pathlib import Path
from typing import Iterator

from folkmoot.engine.cache import Cache, digest
from folkmoot.outputs import social
from folkmoot.outputs.cards import font_for
from folkmoot.outputs.page import Artifact, Page
from folkmoot.outputs.plan import SitePlan
from folkmoot.records.model import Assembly
from folkmoot.text.safe_markdown import strip_lang_marks
from folkmoot.views import urls


def share_folder(a: Assembly) -> str:
    return f"{urls.recap(a.slug)}share/"


def last_news(a: Assembly) -> dt.date:
    """The last day the assembly, or anything that happened to its ideas, was news."""
    days = [a.date] + [u.date for o in a.outcomes for u in o.updates] + \
        [v.date for o in a.outcomes for v in getattr(o, "verdicts", [])]
    return max(d for d in days if d is not None)


def posted(plan: SitePlan) -> list[Assembly]:
    """The held assemblies whose posts the site carries: news within `social: days:`."""
    if not plan.base_url:
        return []  # a post leads to the recap: without the site's address there is none
    site = plan.site
    days = site.project.settings.social_days
    return [a for a in site.assemblies if not a.is_upcoming(site.today)
            and (site.today - last_news(a)).days <= days]


class Posts:
    """One assembly's slides and captions, worked out once for its page and its files."""

    def __init__(self, plan: SitePlan, a: Assembly):
        lang, org = plan.lang, plan.site.project.organisation.name
        self.address = plan.base_url + urls.recap(a.slug)
        self.slides = social.carousel(a, plan.site, lang, org, self.address)
        self.captions = social.captions(a, self.slides, lang, self.address, plan.site.project.settings.hashtags)
        self.alts = [slide.alt(lang) for slide in self.slides]
        self.title = strip_lang_marks(a.title)

    @staticmethod
    def name(n: int) -> str:
        return f"slide-{n:02d}.png"


class SharePages:
    """The "Share on social media" page of each posted assembly."""

    def __init__(self, plan: SitePlan, templates):
        self.plan = plan
        self.templates = templates

    def artifacts(self) -> Iterator[Artifact]:
        for a in posted(self.plan):
            yield Artifact(urls.source(share_folder(a)), functools.partial(self.page, a), (a,), also=(str(self.plan.site.today),))

    def page(self, a: Assembly) -> Page:
        posts = Posts(self.plan, a)
        return self.templates.page("share.md.j2", urls.source(share_folder(a)), searchable=False, a=a,
                                   slides=[(Posts.name(n), alt) for n, alt in enumerate(posts.alts, 1)],
                                   captions=posts.captions, limits=social.LIMITS)


class SocialFiles:
    """Each posted assembly's slides, their zip and their PDF, beside its share page."""

    def __init__(self, plan: SitePlan, cache: Cache):
        self.plan = plan
        self.cache = cache

    def artifacts(self) -> Iterator[Artifact]:
        for a in posted(self.plan):
            yield Artifact(share_folder(a), functools.partial(self.make, a))

    def make(self, a: Assembly) -> dict:
        posts = Posts(self.plan, a)
        kept = [self.slide(slide) for slide in posts.slides]  # the cache's files, linked into the site
        files = {Posts.name(n): picture for n, picture in enumerate(kept, 1)}
        pictures = [p.read_bytes() if isinstance(p, Path) else p for p in kept]
        when = dt.datetime.combine(last_news(a), dt.time(), dt.timezone.utc)  # the record's day, not the build's
        files["carousel.pdf"] = social.pdf(pictures, posts.title, when)
        files["posts.zip"] = _zip([*((Posts.name(n), p) for n, p in enumerate(pictures, 1)),
                                   ("carousel.pdf", files["carousel.pdf"]),
                                   ("captions.txt", _captions_text(posts).encode("utf-8"))])
        return files

    def slide(self, slide: social.Slide) -> bytes | Path:
        """`social.draw`, through the cache: what the slide says and every font it is set in."""
        import PIL

        fonts = [str(font_for(word, weight)) for text, weight in ((slide.kicker, "regular"), (slide.heading, "bold"),
                                                                  *((p, "regular") for p in slide.points))
                 for word in text.split()]
        key = digest(social.VERSION, PIL.__version__, repr(slide), *fonts)
        return self.cache.file(key, lambda: social.draw(slide))


def _captions_text(posts: Posts) -> str:
    said = "".join(f"{channel}\n\n{text}\n\n" for channel, text in posts.captions.items())
    return said + "".join(f"{Posts.name(n)}: {alt}\n" for n, alt in enumerate(posts.alts, 1))


def _zip(entries) -> bytes:
    """The same files always give the same zip: fixed dates, fixed order, stored (PNG and PDF are compressed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return out.getvalue()
