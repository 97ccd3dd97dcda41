"""Small pages for the organisation's own website: each sits in an <iframe> there (see
`_embed.html.j2`) and says one thing the site says, kept current by every build: the next
assembly, one assembly's outcomes, one body's answers, the tracker's summary.

They live in `embed/` as plain files (not `index.html`, so search leaves them out),
with `embed.js`, the optional script a host page adds to size the frames to fit."""

from __future__ import annotations

import functools
import html
from typing import Iterator

from markupsafe import Markup

from folkmoot.outputs.page import Artifact
from folkmoot.outputs.plan import SitePlan
from folkmoot.outputs.templates import Templates
from folkmoot.resources import ASSETS
from folkmoot.views import urls

EMBED = "embed/"


def embed_code(base_url: str, path: str, title: str, height: int) -> str:
    """The HTML a volunteer copies onto another website, as text: every value escaped for
    the attribute it sits in, so a record's title or a body's name (`Flood" onload="...`)
    stays text there. A template prints it escaped once more, to be shown as it is copied."""
    def attribute(value) -> str:  # words a template escaped already (a translated sentence) are read back first
        text = value.unescape() if isinstance(value, Markup) else str(value)
        return html.escape(" ".join(text.split()), quote=True)

    return (f'<iframe src="{attribute(base_url + path)}" title="{attribute(title)}" style="width:100%;border:0" '
            f'height="{int(height)}" loading="lazy"></iframe>\n'
            f'<script src="{attribute(base_url + "embed/embed.js")}" async></script>')


def embed_of(kind: str, slug: str = "") -> str:
    """The address of an embed: `next`, `tracker`, `assembly` or `body` (with a slug)."""
    return f"{EMBED}{kind}-{slug}.html" if slug else f"{EMBED}{kind}.html"


class Embeds:
    def __init__(self, plan: SitePlan, templates: Templates):
        self.plan = plan
        self.templates = templates

    def artifacts(self) -> Iterator[Artifact]:
        site = self.plan.site
        yield Artifact(embed_of("next"), functools.partial(self.make, "embed_next.html.j2"))
        yield Artifact(embed_of("tracker"), functools.partial(self.make, "embed_tracker.html.j2"))
        for a in site.assemblies:
            if a.outcomes:
                yield Artifact(embed_of("assembly", a.slug), functools.partial(self.make, "embed_assembly.html.j2", a=a),
                               (a,))
        for body in site.bodies.values():
            yield Artifact(embed_of("body", body.slug), functools.partial(self.make, "embed_body.html.j2", body=body),
                           tuple(k.outcome for k in body.asks))
        yield Artifact(f"{EMBED}embed.js", lambda: (ASSETS / "embed.js").read_text(encoding="utf-8"), ())

    def make(self, template: str, **values) -> str:
        return self.templates.render(template, page_url=EMBED, home=urls.relative_url(EMBED, ""),
                                     address=lambda a: urls.relative_url(EMBED, urls.recap(a.slug)), **values)
