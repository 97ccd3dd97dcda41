"""What a volunteer pastes onto the organisation's own website carries no script from a
record (issue 31, items 1 and 2), tried in a real host page in Chromium."""

from __future__ import annotations

import re

import pytest

from browser import CHROMIUM_FLAGS, Server, chromium_path
from conftest import build, copy_project
from folkmoot.text.slugs import slugify
from folkmoot.views import urls

SITE_URL = "https://northfieldclimate.example/assemblies-site/"
TITLE = 'Flood" onload="alert(document.domain)'
BODY = 'Council"></iframe><script>alert(document.cookie)</script>'
SLUG = "2025-11-13-flooding"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, site_env):
    """The example, with one record's title and one body's name written to break out of an attribute."""
    root = copy_project(tmp_path_factory.mktemp("hostile"))
    record = root / "assemblies" / SLUG / "assembly.yml"
    text = record.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^title: .*$", "title: '" + TITLE + "'", text, count=1)
    text = text.replace("directed_to: [Northfield Water]", "directed_to: ['" + BODY + "']")
    record.write_text(text, encoding="utf-8")
    return build(root, root / "site", site_env)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def servers(hostile_site, tmp_path_factory):
    site = Server(hostile_site)
    host_folder = tmp_path_factory.mktemp("host")
    host = Server(host_folder)
    yield site, host, host_folder
    site.close()
    host.close()


def copied_snippets(page, url: str) -> list[str]:
    """The snippets exactly as a volunteer selects and copies them from the page."""
    page.goto(url)
    return [c.text_content() for c in page.locator("details.fm-embed pre code").all()]


def test_pasted_snippets_run_no_script_from_a_record_on_the_host_page(browser, servers):
    site, host, host_folder = servers
    context = browser.new_context()
    page = context.new_page()
    snippets = copied_snippets(page, f"{site.base}assemblies/{SLUG}/")
    snippets += copied_snippets(page, f"{site.base}{urls.body(slugify(BODY))}")
    assert len(snippets) == 2, snippets
    dialogs = []
    frames_html = "\n".join(s.replace(SITE_URL, site.base) for s in snippets)
    (host_folder / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Our charity</title></head>'
        f"<body><h1>Our charity</h1>{frames_html}</body></html>", encoding="utf-8")
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(host.base)
    page.wait_for_load_state("networkidle")
    assert dialogs == [], "a record's text ran as script on the organisation's website"
    titles = page.eval_on_selector_all("iframe", "fs => fs.map(f => f.title)")
    assert titles[0] == TITLE and BODY in titles[1]  # the record's words, as words
    assert page.locator("body > script").count() == 2  # only the two embed.js lines, nothing a name opened
    assert all(src.startswith(site.base) for src in page.eval_on_selector_all("script", "ss => ss.map(s => s.src)"))
    context.close()


def test_embed_js_resizes_only_the_sites_own_frames(browser, servers, tmp_path):
    """An unrelated frame (an advert) that posts the same message is left at its height;
    a folkmoot frame that told its height before embed.js arrived is sized all the same."""
    site, host, host_folder = servers
    (host_folder / "ad.html").write_text(
        '<!doctype html><html lang="en"><head><title>Ad</title></head><body><script>'
        'parent.postMessage({folkmootEmbed: "/embed/next.html", height: 4000}, "*");'
        'setInterval(function () { parent.postMessage({folkmootEmbed: "x", height: 4000}, "*"); }, 50);'
        "</script></body></html>", encoding="utf-8")
    (host_folder / "frames.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head><body>'
        f'<iframe id="ad" src="{host.base}ad.html" title="Advert" height="120"></iframe>'
        f'<iframe id="ours" src="{site.base}embed/tracker.html" title="Tracker" height="120" style="width:100%;border:0"></iframe>'
        # embed.js arrives late, after the frames have loaded and told their height
        f'<script>setTimeout(function () {{ var s = document.createElement("script"); s.src = "{site.base}embed/embed.js"; '
        "document.body.appendChild(s); }, 800);</script></body></html>", encoding="utf-8")
    context = browser.new_context()
    requested = []
    context.on("request", lambda r: requested.append(r.url))
    page = context.new_page()
    page.goto(host.base + "frames.html")
    page.wait_for_function("document.getElementById('ours').style.height !== ''", timeout=10000)
    page.wait_for_timeout(500)
    assert page.eval_on_selector("#ad", "f => f.getBoundingClientRect().height") < 200
    ours = page.eval_on_selector("#ours", "f => f.getBoundingClientRect().height")
    inner = next(f for f in page.frames if f.url.endswith("embed/tracker.html"))
    shown = inner.evaluate("document.body.getBoundingClientRect().height")
    assert abs(ours - shown) <= 2, (ours, shown)  # as tall as what it shows, no blank below
    # issue 34, item 8: a frame that grew shrinks again when what it shows does
    inner.evaluate("document.querySelector('ul, table, p:last-of-type').remove()")
    page.wait_for_function("h => document.getElementById('ours').getBoundingClientRect().height < h - 5", arg=ours)
    assert not any("favicon" in r for r in requested)  # an embed asks its host for nothing
    context.close()
