"""Pure modules on their own, without a build: reading YAML with its lines, safe
Markdown, head tags, feeds and addresses. Each is what a whole build relies on,
tested here where a failure names the module at fault."""

from __future__ import annotations

import json
import re

import feedparser
import pytest

from conftest import ROOT
from folkmoot.outputs import feeds
from folkmoot.outputs.head import event_jsonld, head_tags
from folkmoot.problems import Problems
from folkmoot.records.project import load_project
from folkmoot.records.yamlload import LDict, LList, load_yaml
from folkmoot.text.safe_markdown import inline_text, plain, strip_lang_marks, to_html
from folkmoot.views import urls
from folkmoot.views.site import build_site


def test_yaml_keeps_the_line_of_every_key_and_item():
    problems = Problems()
    data = load_yaml("title: Heat\ndate: 2025-07-10\noutcomes:\n  - id: shade\n    title: Trees\n  - id: water\n",
                     "a.yml", problems)
    assert not problems.errors
    assert isinstance(data, LDict) and data.line_of("date") == 2
    assert isinstance(data["outcomes"], LList) and data["outcomes"].line_of(1) == 6
    assert data["outcomes"][0].line_of("title") == 5


@pytest.mark.parametrize("text, line, words", [
    ("title: a\ntitle: b\n", 2, "twice"),
    ("title: Heat\n  date: x: y\n", 2, "not valid YAML"),
    ("base: &b {x: 1}\nother: *b\n", 2, ""),
    ("title: a\u0007b\n", 1, ""),
])
def test_yaml_mistakes_are_errors_at_their_line(text, line, words):
    problems = Problems()
    load_yaml(text, "a.yml", problems)  # what could be read may come back; the error is what counts
    [error] = problems.errors
    assert (error.path, error.line) == ("a.yml", line)
    assert words in error.message


def test_markdown_from_the_public_never_carries_script():
    html = str(to_html('Hi <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>'
                       ' [ok](https://example.org)'))
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html
    assert '<a href="https://example.org" rel="nofollow noopener noreferrer">ok</a>' in html


def test_plain_and_inline_text_say_the_same_words_safely():
    assert plain("**Shade** for [bus stops](https://example.org)\n\n- one\n- two") == "Shade for bus stops one two"
    assert str(inline_text("a *b* [c](d) {: .x}")) == "a &#42;b&#42; &#91;c&#93;&#40;d&#41; &#123;&#58; &#46;x&#125;"
    assert strip_lang_marks("[croeso]{lang=cy} i bawb") == "croeso i bawb"


def test_head_tags_escape_record_text_and_json_ld_cannot_close_its_script():
    tags = head_tags('Heat "&" <b>', "A <desc>", "https://x.org/a/", "Site")
    assert 'content="Heat &quot;&amp;&quot; &lt;b&gt;"' in tags and "<b>" not in tags
    project, _ = load_project(ROOT)
    site = build_site(project, project.assemblies[0].date)
    assembly = site.assemblies[0]
    object.__setattr__(assembly, "title", "</script><script>alert(1)</script>")
    jsonld = head_tags("t", "", "https://x.org/", "Site", jsonld=event_jsonld(assembly, project.organisation,
                                                                             "https://x.org/", []))
    body = jsonld.split('<script type="application/ld+json">', 1)[1].rsplit("</script>", 1)[0]
    assert "</script>" not in body and "<" not in body
    assert json.loads(body)["name"] == "</script><script>alert(1)</script>"


def test_feeds_are_atom_that_a_reader_parses_with_absolute_links():
    project, _ = load_project(ROOT)
    site = build_site(project, project.assemblies[0].date)
    base = "https://org.github.io/assemblies-site/"
    for make in (feeds.assemblies_feed, feeds.updates_feed, feeds.answers_feed):
        parsed = feedparser.parse(make(site, base, project.language))
        assert not parsed.bozo, (make.__name__, parsed.bozo_exception)
        assert parsed.entries, make.__name__
        for entry in parsed.entries:
            assert entry.link.startswith(base + "assemblies/"), entry.link
    first = feedparser.parse(feeds.assemblies_feed(site, base, project.language)).entries
    assert {e.link for e in first} == {base + urls.recap(a.slug) for a in site.assemblies}


def test_every_address_is_a_folder_and_its_source():
    assert urls.recap("2025-11-13-flooding") == "assemblies/2025-11-13-flooding/"
    assert urls.evidence("x", 2) == "assemblies/x/evidence-2/"
    assert urls.outcome("x", "shade") == "assemblies/x/#outcome-shade"
    assert urls.source(urls.body("council")) == "responses/council/index.md"
    assert urls.folder_of("themes/heat/index.md") == "themes/heat/" and urls.folder_of("index.md") == ""
    assert re.fullmatch(r"(\.\./)+responses/council/", urls.relative_url("assemblies/x/", urls.body("council")))


def test_the_preview_box_shows_quoted_words_as_code_not_backticks():
    """Issue 32, item 6."""
    from folkmoot.mkdocs_plugin.preview import banner
    from folkmoot.problems import Problem

    box = banner([Problem("assemblies/x/assembly.yml", 6, "`date` is `2025-11-31` <b>", "Write `date: 2025-11-30`.")])
    assert "`" not in box and "<code>date</code> is <code>2025-11-31</code> &lt;b&gt;" in box
    assert "<code>date: 2025-11-30</code>" in box


def test_qr_codes_are_segnos_own_mask_for_mask():
    """outputs/qr.py lays segno's eight masks over a code with numpy and scores them as segno
    does: the code printed and drawn must be the very one segno would choose, for any address."""
    import random

    import segno

    from folkmoot.outputs import qr

    rng = random.Random(7)
    words = ["assemblies", "2025-11-13-flooding", "share", "Cymraeg-ŵyl", "évaluation", "reports", "2026-h1"]
    addresses = [f"https://{rng.choice(['northfield.example', 'a.example', 'longer-organisation-name.example'])}/"
                 + "/".join(rng.choice(words) for _ in range(rng.randint(0, 7))) + "/" for _ in range(120)]
    for address in addresses:
        qr._CODES.pop(address, None)
        ours, theirs = qr.code(address), segno.make(address, error="m")
        assert (ours.mask, ours.version, ours.matrix) == (theirs.mask, theirs.version, theirs.matrix), address
    assert len({qr.code(a).mask for a in addresses}) > 3, "the addresses try several masks"
