"""Property: record text stays text wherever it is pasted, a picture's text is refused
whatever container carries it, and no setting's value makes `check` raise.

Issue 31 found one example of each class (a title that ran as script in a host page, a
PNG `Comment` chunk that `check` did not read, a `reports: from:` a century early); these
generate the class, so that the next member is found here and not by a reviewer.
"""

from __future__ import annotations

import html
import io
import re

import cmarkgfm
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, PngImagePlugin

from folkmoot.commands.github import markdown_text
from folkmoot.outputs.embeds import embed_code
from folkmoot.records.photo_privacy import SAFE_EXIF, inspect

# What breaks out of a context: quotes, brackets, entities, script, links, references, mentions
FRAGMENTS = st.sampled_from(['"', "'", "<", ">", "&", "&quot;", "&#34;", "</iframe>", "<script>alert(1)</script>",
                             '" onload="alert(1)', "javascript:", "https://evil.test/x", "www.evil.test", "org/repo#1",
                             "#12", "GH-3", "@someone", "`", "``", "*", "_", "[a](b)", "![i](x)", "<!--", "\\", "|",
                             "\u202e", "\n", "\t", " ", "- ", "1. ", "2) ", "=", "---"])
# (control characters other than line breaks and tabs are refused by `check` before anything is written)
letters = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=8)
hostile = st.lists(st.one_of(FRAGMENTS, letters), min_size=1, max_size=12).map("".join)


def _normal(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=300, deadline=None, derandomize=True)
@given(title=hostile)
def test_record_text_in_a_copied_embed_snippet_stays_text(title):
    code = embed_code("https://northfield.example/site/", "embed/assembly-2025-11-13-flooding.html", title, 320)
    page = BeautifulSoup(f"<!doctype html><body>{code}</body>", "html.parser")
    frames, scripts = page.find_all("iframe"), page.find_all("script")
    assert len(frames) == 1 and len(scripts) == 1
    assert set(frames[0].attrs) == {"src", "title", "style", "height", "loading"}
    assert frames[0]["title"] == _normal(title)
    assert scripts[0].attrs == {"src": "https://northfield.example/site/embed/embed.js", "async": ""}
    # shown on the page escaped once more, the text a volunteer copies is the code itself
    assert html.unescape(html.escape(code)) == code


@settings(max_examples=300, deadline=None, derandomize=True)
@given(text=hostile)
def test_record_text_in_the_reminders_issue_never_links_mentions_or_marks_up(text):
    rendered = cmarkgfm.github_flavored_markdown_to_html(f"- {markdown_text(text)}\n")
    page = BeautifulSoup(rendered, "html.parser")
    assert not page.find_all(["a", "img", "script", "iframe", "table", "em", "strong", "del"]), rendered
    assert not re.search(r"://|www\.|#\d|@\w|(?i:\bgh-\d)", rendered), rendered  # what GitHub itself links
    if "`" not in text:  # what is between backticks is shown as code, the rest word for word
        shown = page.get_text().replace("\u200b", "")
        assert _normal(shown) == _normal(text)


# Every kind of container a picture can carry text in, each filled with the generated text

def _png(chunk: str, key: str, text: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    {"tEXt": info.add_text, "zTXt": lambda k, v: info.add_text(k, v, zip=True), "iTXt": info.add_itxt}[chunk](key, text)
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(out, "PNG", pnginfo=info)
    return out.getvalue()


TEXT_TAGS = [0x010D, 0x010E, 0x010F, 0x0110, 0x0131, 0x013B, 0x013C, 0x8298, 0x9C9B, 0x9C9C, 0x9C9D, 0x9C9E, 0x9C9F,
             0xA420, 0xA430, 0xA431, 0xA433, 0xA434, 0xA435, 0xC62F, 0xC614, 0x9286, 0x0131]


def _jpeg(save: dict) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(out, "JPEG", **save)
    return out.getvalue()


def _exif(tag: int, text: str) -> bytes:
    exif = Image.Exif()
    exif[tag] = text.encode("utf-16-le") if 0x9C9B <= tag <= 0x9C9F else text
    return _jpeg({"exif": exif.tobytes()})


def _xmp(element: str, text: str) -> bytes:
    xmp = (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           f'<rdf:Description xmlns:ns="http://ns.example/{element}/"><ns:{element}>{html.escape(text)}</ns:{element}>'
           f"</rdf:Description></rdf:RDF></x:xmpmeta>").encode()
    return _jpeg({"xmp": xmp})


def _profile(text: str) -> bytes:
    from PIL import ImageCms

    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    old = "sRGB built-in".encode("utf-16-be")
    new = (text * 13)[:13].ljust(13).encode("utf-16-be", "replace")[: len(old)].ljust(len(old), b"\x00")
    return _jpeg({"icc_profile": icc.replace(old, new)}) if new != old else _jpeg({"icc_profile": icc})


words = st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=30)
keys = st.text(st.characters(min_codepoint=65, max_codepoint=122, whitelist_categories=("Lu", "Ll")), min_size=1,
               max_size=20)
carriers = st.one_of(
    st.tuples(st.just("png"), st.sampled_from(["tEXt", "zTXt", "iTXt"]), keys, words).map(lambda t: _png(*t[1:])),
    st.tuples(st.sampled_from([t for t in TEXT_TAGS if t not in SAFE_EXIF]), words).map(lambda t: _exif(*t)),
    st.tuples(st.integers(0xC000, 0xCFFF).filter(lambda t: t not in SAFE_EXIF), words).map(lambda t: _exif(*t)),
    st.tuples(keys, words).map(lambda t: _xmp(*t)),
    words.map(lambda t: _jpeg({"comment": t.encode()})),
    words.filter(lambda t: (t * 13)[:13] != "sRGB built-in").map(_profile),
)


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(picture=carriers)
def test_text_in_any_container_a_picture_carries_is_refused(tmp_path, picture):
    path = tmp_path / "picture"
    path.write_bytes(picture)
    found, _side = inspect(path)
    assert found, picture[:300]


def test_a_plain_picture_with_a_standard_profile_passes(tmp_path):
    """The other side of the allow-list: what a clean photo keeps is not refused."""
    from PIL import ImageCms

    path = tmp_path / "picture.jpg"
    path.write_bytes(_jpeg({"icc_profile": ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()}))
    assert inspect(path)[0] == []


# Every setting's range: whatever the values, `check` answers with located errors or passes

RECORD = "title: Flooding\ndate: 2025-11-13\n"
epochs = st.one_of(st.integers(-(2**40), 2**70).map(str), st.sampled_from(["", "now", "1e9", "0x10", " 1795564800 "]))
spans = st.one_of(st.sampled_from(["1 month", "6 months", "1 year", "3 weeks"]),
                  st.tuples(st.integers(-5, 10**6), st.sampled_from(["month", "months", "year", "day", "fortnight"]))
                  .map(lambda t: f"{t[0]} {t[1]}"), st.text(max_size=12))
starts = st.one_of(st.dates().map(str), st.sampled_from(["2025-11-13", "1925-11-13", "9999-12-31", "2025-02-30", ""]),
                   st.text(max_size=12))


@settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(epoch=epochs, every=spans, start=starts)
def test_no_reports_setting_or_clock_makes_check_raise(tmp_path, monkeypatch, epoch, every, start):
    import json

    from folkmoot.cli import main

    root = tmp_path / f"p{abs(hash((epoch, every, start)))}"
    (root / "assemblies/2025-11-13-flooding").mkdir(parents=True)
    (root / "assemblies/2025-11-13-flooding/assembly.yml").write_text(RECORD, encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Northfield\nsite_url: https://northfield.example/\nplugins:\n  - folkmoot:\n"
        f"      example_site: true\n      reports:\n        every: {json.dumps(every)}\n"
        f"        from: {json.dumps(start)}\n", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert main(["--root", str(root), "check", "--format", "text"]) in (0, 1)
