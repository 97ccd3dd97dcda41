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
from dataclasses import dataclass
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
    """The assemblies whose posts the site carries: every upcoming one (its invitation), and
    each held one with news within `social: days:` (its carousel)."""
    if not plan.base_url:
        return []  # a post leads to the recap: without the site's address there is none
    site = plan.site
    days = site.project.settings.social_days
    return [a for a in site.assemblies if a.is_upcoming(site.today) or (site.today - last_news(a)).days <= days]


@dataclass
class Posts:
    """One assembly's or report's slides and captions, worked out once for its page and its files."""

    folder: str  # where they are published: beside the page they share
    slides: list
    captions: dict
    alts: list
    title: str
    names: list
    when: dt.datetime  # the day of the record or report they tell of, for the PDF
    invitation: bool = False

    @property
    def pdf(self) -> bool:
        return not self.invitation  # a carousel, as LinkedIn takes one


def assembly_posts(plan: SitePlan, a: Assembly) -> Posts:
    lang, org, tags = plan.lang, plan.site.project.organisation.name, plan.site.project.settings.hashtags
    address = plan.base_url + urls.recap(a.slug)
    if a.is_upcoming(plan.site.today):
        slides = social.invitation(a, lang, org, address)
        said = social.invitation_captions(a, lang, address, tags)
        names = ["invitation-square.png", "invitation-story.png"]
    else:
        slides = social.carousel(a, plan.site, lang, org, address)
        said = social.captions(a, slides, lang, address, tags)
        names = [f"slide-{n:02d}.png" for n in range(1, len(slides) + 1)]
    return Posts(share_folder(a), slides, said, [s.alt(lang) for s in slides], strip_lang_marks(a.title), names,
                 dt.datetime.combine(last_news(a), dt.time(), dt.timezone.utc), a.is_upcoming(plan.site.today))


def report_posts(plan: SitePlan, period, doc) -> Posts:
    lang, org, tags = plan.lang, plan.site.project.organisation.name, plan.site.project.settings.hashtags
    address = plan.base_url + urls.report(period.slug)
    months = round((period.end - period.start).days / 30.44)
    slides = social.report_slides(doc, months, lang, org, address)
    return Posts(urls.report(period.slug) + "share/", slides, social.report_captions(doc, slides, lang, address, tags),
                 [s.alt(lang) for s in slides], doc.title, [f"slide-{n:02d}.png" for n in range(1, len(slides) + 1)],
                 dt.datetime.combine(period.end, dt.time(), dt.timezone.utc))


def reported(plan: SitePlan) -> list:
    """The progress reports whose posts the site carries: those that ended within `social: days:`."""
    if not plan.base_url:
        return []
    today, days = plan.site.today, plan.site.project.settings.social_days
    return [(period, doc) for period, doc in plan.reports if (today - period.end).days <= days]


def everything(plan: SitePlan):
    """(what it is made from, where, a function making its Posts) for each assembly and report
    posted: the posts themselves are worked out only when their page or files are made."""
    for a in posted(plan):
        yield (a,), share_folder(a), functools.partial(assembly_posts, plan, a)
    for period, doc in reported(plan):
        yield plan.held_by(period.end), urls.report(period.slug) + "share/", \
            functools.partial(report_posts, plan, period, doc)


class SharePages:
    """The "Share on social media" page of each posted assembly."""

    def __init__(self, plan: SitePlan, templates):
        self.plan = plan
        self.templates = templates

    def artifacts(self) -> Iterator[Artifact]:
        for sources, folder, make in everything(self.plan):
            yield Artifact(urls.source(folder), functools.partial(self.page, make), sources,
                           also=(str(self.plan.site.today),))

    def page(self, make) -> Page:
        posts = make()
        return self.templates.page("share.md.j2", urls.source(posts.folder), searchable=False, title=posts.title,
                                   slides=list(zip(posts.names, posts.alts)), captions=posts.captions,
                                   limits=social.LIMITS, invitation=posts.invitation, pdf=posts.pdf)


class SocialFiles:
    """Each posted assembly's slides, their zip and their PDF, beside its share page."""

    def __init__(self, plan: SitePlan, cache: Cache):
        self.plan = plan
        self.cache = cache

    def artifacts(self) -> Iterator[Artifact]:
        for _, folder, make in everything(self.plan):
            yield Artifact(folder, functools.partial(self.make, make))

    def make(self, make) -> dict:
        posts = make()
        kept = [self.slide(slide) for slide in posts.slides]  # the cache's files, linked into the site
        files = dict(zip(posts.names, kept))
        pictures = [p.read_bytes() if isinstance(p, Path) else p for p in kept]
        if posts.pdf:  # dated by the record or report, not the build
            files["carousel.pdf"] = social.pdf(pictures, posts.title, posts.when)
        files["posts.zip"] = _zip([*zip(posts.names, pictures),
                                   *((name, files[name]) for name in ("carousel.pdf",) if name in files),
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
    return said + "".join(f"{name}: {alt}\n" for name, alt in zip(posts.names, posts.alts))


def _zip(entries) -> bytes:
    """The same files always give the same zip: fixed dates, fixed order, stored (PNG and PDF are compressed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return out.getvalue()
