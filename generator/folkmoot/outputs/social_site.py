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
import json
import weakref
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from folkmoot.engine.cache import Cache, digest, versions
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
        [v.date for o in a.outcomes for v in o.verdicts]
    return max(d for d in days if d is not None)


_POSTED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def posted(plan: SitePlan) -> tuple[Assembly, ...]:
    """The assemblies whose posts the site carries: every upcoming one (its invitation), and
    each held one with news within `social: days:` (its carousel). Worked out once per plan:
    every recap asks whether it is among them."""
    if plan not in _POSTED:
        _POSTED[plan] = _posted(plan)
    return _POSTED[plan]


def is_posted(plan: SitePlan, a: Assembly) -> bool:
    return any(p is a for p in posted(plan))


def _posted(plan: SitePlan) -> tuple[Assembly, ...]:
    if not plan.base_url:
        return ()  # a post leads to the recap: without the site's address there is none
    site = plan.site
    days = site.project.settings.social_days
    return tuple(a for a in site.assemblies if a.is_upcoming(site.today) or (site.today - last_news(a)).days <= days)


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
    return posts_of(a, plan.site, plan.lang, plan.base_url, plan.site.project.settings.hashtags)


def posts_of(a: Assembly, site, lang, base_url: str, hashtags: tuple[str, ...]) -> Posts:
    """An assembly's posts: its invitation while it is to come, its carousel once held. The
    site's share page and `folkmoot social SLUG` both make them here."""
    org = site.project.organisation.name
    address = base_url + urls.recap(a.slug)
    upcoming = a.is_upcoming(site.today)
    if upcoming:
        slides = social.invitation(a, lang, org, address)
        said = social.invitation_captions(a, lang, address, hashtags)
        names = ["invitation-square.png", "invitation-story.png"]
    else:
        slides = social.carousel(a, site, lang, org, address)
        said = social.captions(a, slides, lang, address, hashtags)
        names = [f"slide-{n:02d}.png" for n in range(1, len(slides) + 1)]
    return Posts(share_folder(a), slides, said, [s.alt(lang) for s in slides], strip_lang_marks(a.title), names,
                 dt.datetime.combine(last_news(a), dt.time(), dt.timezone.utc), upcoming)


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
        for sources, folder, make in everything(self.plan):
            yield Artifact(folder, functools.partial(self.files, folder, sources, make))

    def files(self, folder: str, sources: tuple, make) -> dict:
        """The folder's files, each a file the cache keeps. Which ones is itself kept, by the
        records the posts are made from and the day: a build that changed neither works out
        nothing, and draws, encodes and zips nothing."""
        if self.cache.folder is None:  # nothing is kept: the files themselves
            made: dict[str, bytes] = {}
            self.make(make, made)
            return made
        key = ("social files v1", folder, str(self.plan.site.today))
        names = json.loads(self.plan.kept.get(key, sources, lambda: json.dumps(self.make(make))))
        found = {name: self.cache.kept(k) for name, k in names.items()}
        if None in found.values():  # kept no longer (the cache was emptied): made again
            made: dict[str, bytes] = {}
            self.make(make, made)
            return made
        return found

    def make(self, make, made: dict | None = None) -> dict[str, str]:
        """Draw (or find kept) each slide, then the PDF and the zip: {file name: cache key};
        `made` gets each file's bytes as well."""
        made = {} if made is None else made
        posts = make()
        keys = {name: self.slide_key(slide) for name, slide in zip(posts.names, posts.slides)}
        for name, slide in zip(posts.names, posts.slides):
            made[name] = self._bytes(keys[name], functools.partial(social.draw, slide))
        pictures = [made[name] for name in posts.names]
        if posts.pdf:  # dated by the record or report, not the build
            keys["carousel.pdf"] = digest("social pdf", social.VERSION, versions("img2pdf"), posts.title,
                                          str(posts.when), *keys.values())  # another img2pdf, another file
            made["carousel.pdf"] = self._bytes(keys["carousel.pdf"], lambda: social.pdf(pictures, posts.title,
                                                                                        posts.when))
        captions = _captions_text(posts)
        keys["posts.zip"] = digest("social zip", social.VERSION, captions, *(f"{n} {keys[n]}" for n in posts.names))
        # the slides and the words, not the PDF again: the site's weight counts against GitHub's 1 GB
        made["posts.zip"] = self._bytes(keys["posts.zip"], lambda: _zip(
            [*zip(posts.names, pictures), ("captions.txt", captions.encode("utf-8"))]))
        return keys

    def _bytes(self, key: str, make) -> bytes:
        kept = self.cache.file(key, make)
        return kept.read_bytes() if isinstance(kept, Path) else kept

    def slide_key(self, slide: social.Slide) -> str:
        """What the slide shows, every font it is set in, and how slides are drawn."""
        import PIL

        fonts = [str(font_for(word, weight)) for text, weight in ((slide.kicker, "regular"), (slide.heading, "bold"),
                                                                  *((p, "regular") for p in slide.points))
                 for word in text.split()]
        return digest(social.VERSION, PIL.__version__, repr(slide), *fonts)


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
