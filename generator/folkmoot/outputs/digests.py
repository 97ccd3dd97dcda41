"""A month's digest for the organisation's newsletter (see `views.digest`): a page for
each month with the email-ready HTML and plain text to copy, the HTML itself
(`email.html`) and text (`email.txt`) beside it, and a full-content feed that "RSS to
email" campaigns can send on their own. Made only when the site has an absolute
address (`site_url`): an email's links must work outside the site."""

from __future__ import annotations

import functools
from html.parser import HTMLParser

from markupsafe import Markup
from typing import Iterator

from folkmoot.outputs import feeds
from folkmoot.outputs.page import Artifact
from folkmoot.outputs.plan import SitePlan
from folkmoot.outputs.templates import Templates, textarea_text
from folkmoot.views import urls
from folkmoot.views.digest import Digest

DIGEST, FEED = "digest/", "feeds/digest.xml"


class _Text(HTMLParser):
    """The email's HTML as plain text: headings on lines of their own, list items as "- ",
    and each link's address after its words."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.href: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "p", "ul"):
            self.out.append("\n\n")
        elif tag == "li":
            self.out.append("\n- ")
        elif tag == "a":
            self.href.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag):
        if tag == "a" and self.href:
            self.out.append(f" ({self.href.pop()})")

    def handle_data(self, data):
        self.out.append(" ".join(data.split()) if data.strip() else (" " if data and self.out else ""))


def as_text(email: str) -> str:
    parser = _Text()
    parser.feed(email)
    lines = [" ".join(line.split()) for line in "".join(parser.out).splitlines()]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"


class Digests:
    def __init__(self, plan: SitePlan, templates: Templates):
        self.plan = plan
        self.templates = templates
        self._emails: dict[str, str] = {}

    def artifacts(self) -> Iterator[Artifact]:
        """The pages (as a page output); `files` are the email files and the feed."""
        return self.pages()

    @property
    def digests(self) -> list[Digest]:
        return self.plan.digests

    def email(self, d: Digest) -> str:
        if d.slug not in self._emails:
            self._emails[d.slug] = self.plan.kept.get(("digest email v1", d.slug), d.records, lambda: self.templates.render(
                "digest_email.html.j2", page_url=urls.DATA, d=d).strip() + "\n")
        return self._emails[d.slug]

    def pages(self) -> Iterator[Artifact]:
        if not self.digests:
            return
        page = self.templates.page
        yield Artifact(urls.source(DIGEST), lambda: page("digests.md.j2", urls.source(DIGEST), searchable=False,
                                                         digests=self.digests), together=DIGEST)
        for d in self.digests:
            src_uri = urls.source(f"{DIGEST}{d.slug}/")
            yield Artifact(src_uri, functools.partial(self.page, d, src_uri), d.records, together=DIGEST)

    def page(self, d: Digest, src_uri: str):
        email = self.email(d)
        return self.templates.page("digest.md.j2", src_uri, searchable=False, d=d, email=textarea_text(email),
                                   text=textarea_text(as_text(email)))

    def files(self) -> Iterator[Artifact]:
        for d in self.digests:
            # its character set first, so that a browser opening the file shows its quotes as quotes
            yield Artifact(f"{DIGEST}{d.slug}/email.html", lambda d=d: '<meta charset="utf-8">\n' + self.email(d),
                           d.records, together=DIGEST)
            yield Artifact(f"{DIGEST}{d.slug}/preview.html", functools.partial(self.preview, d), d.records,
                           together=DIGEST)
            yield Artifact(f"{DIGEST}{d.slug}/email.txt", lambda d=d: as_text(self.email(d)), d.records,
                           together=DIGEST)
        if self.digests:
            yield Artifact(FEED, self.feed, together=DIGEST)

    def preview(self, d: Digest) -> str:
        """The email as a page of its own, for the digest page's preview frame: with its
        character set, language and title, which a fragment to paste cannot carry."""
        return self.templates.render("digest_preview.html.j2", page_url=urls.DATA, d=d, email=Markup(self.email(d)))

    def feed(self) -> bytes:
        site, lang, base = self.plan.site, self.plan.lang, self.plan.base_url
        org = site.project.organisation.name
        feed = feeds.new_feed(lang._("%(org)s: monthly digest", org=org), f"{base}{FEED}", base, self.digests[0].end,
                           org, lang)
        for d in self.digests:
            url = f"{base}{DIGEST}{d.slug}/"
            feeds.add_entry(feed, lang._("What happened in %(month)s", month=lang.date(d.month, "month")), url, url,
                         min(d.end, site.today), self.email(d))
        return feeds.feed_bytes(feed)
