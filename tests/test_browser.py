"""The example site in a real headless Chromium: accessibility, search, links, phones, privacy."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from browser import CHROMIUM_FLAGS, Server, chromium_path
from conftest import ROOT, soup

PAGE_TYPES = {
    "home": "",
    "assemblies-index": "assemblies/",
    "past-recap": "assemblies/2025-11-13-flooding/",
    "upcoming-recap": "assemblies/2027-03-11-warm-homes/",
    "outcomes-tracker": "outcomes/",
    "theme": "themes/flooding/",
    "themes-index": "themes/",
    "guide": "guides/writing-a-record/",
    "prepare-photos": "guides/prepare-photos/",
    "evidence": "assemblies/2025-11-13-flooding/evidence-1/",
    "open-data": "data/",
    "responses": "responses/",
    "body-answers": "responses/northfield-borough-council/",
    "progress-report": "reports/2026-11-13/",
    "progress-reports": "reports/",
}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
SCREENSHOTS = ROOT / "site-screenshots"


@pytest.fixture(scope="module")
def server(example_site):
    srv = Server(example_site)
    yield srv
    srv.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.fixture
def page_factory(browser, server):
    """New pages whose requests to anywhere but our server are recorded (and fail to resolve).

    Requests are observed, not routed: Playwright's routing breaks the
    search's web worker."""
    contexts = []

    def make(width: int = 1280, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.third_party = []
        context.on("request", lambda r: None if r.url.startswith((server.base, "data:", "blob:"))
                   else page.third_party.append(r.url))
        return page

    yield make
    for context in contexts:
        context.close()


def _assert_no_axe_violations(page, name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state("networkidle")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    report = "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n    " +
                       "\n    ".join(n["target"][0] + ": " + n["failureSummary"].replace("\n", " ") for n in v["nodes"][:5])
                       for v in violations)
    assert not violations, f"{name}: {len(violations)} axe violation(s)\n{report}"
    assert not page.third_party, page.third_party


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_no_axe_violations(page_factory, server, name):
    page = page_factory()
    page.goto(server.base + PAGE_TYPES[name])
    _assert_no_axe_violations(page, name)


@pytest.fixture(scope="module")
def welsh_server(welsh_site):
    srv = Server(welsh_site)
    yield srv
    srv.close()


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_no_axe_violations_in_welsh(browser, welsh_server, name):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.third_party = []
    context.on("request", lambda r: None if r.url.startswith((welsh_server.base, "data:", "blob:"))
               else page.third_party.append(r.url))
    page.goto(welsh_server.base + PAGE_TYPES[name])
    assert page.evaluate("document.documentElement.lang") == "cy"
    _assert_no_axe_violations(page, f"{name} (Welsh)")
    context.close()


def test_a_page_in_two_languages_marks_each_and_scripts_speak_welsh(browser, welsh_server):
    """Welsh page words, the record's English, and a Bengali welcome: each element says its language,
    as the browser computes it (the nearest lang), and the filter counts in Welsh plural forms."""
    from folkmoot.text.i18n import language

    cy = language("cy")
    page = browser.new_page()
    page.goto(welsh_server.base + PAGE_TYPES["upcoming-recap"])
    nearest = "el => el.closest('[lang]').getAttribute('lang')"
    assert page.locator("h2").first.evaluate(nearest) == "cy"
    assert page.locator("h1 span").evaluate(nearest) == "en-GB"
    assert page.locator(".fm-summary p").first.evaluate(nearest) == "en-GB"
    assert page.locator(".fm-summary span[lang=bn]").evaluate(nearest) == "bn"
    assert page.locator(".fm-meta dt").first.evaluate(nearest) == "cy"
    page.goto(welsh_server.base + "outcomes/")
    rows = page.locator("#fm-outcomes-table tbody tr:not([hidden])")
    for status in ("done", "in-progress", ""):  # different numbers take different Welsh forms
        page.select_option("#fm-status-filter", status)
        shown = rows.count()
        assert page.locator(".fm-filter__count").inner_text() == \
            cy.ngettext("%(num)s outcome shown", "%(num)s outcomes shown", shown).replace("%(num)s", str(shown))
    page.close()


def test_search_finds_a_word_from_one_groups_notes(page_factory, server):
    page = page_factory()
    page.goto(server.base + PAGE_TYPES["outcomes-tracker"])
    box = page.locator("form[data-fm-search] input")
    box.click()
    box.press_sequentially("soakaway", delay=20)  # typed, as a reader would
    hit = page.locator(".md-search-result__item a[href*='2025-11-13-flooding']").first
    hit.wait_for(timeout=15_000)
    hrefs = [a.get_attribute("href") for a in page.locator(".md-search-result__item a").all()]
    assert all("/assemblies/2025-11-13-flooding/" in h for h in hrefs), hrefs
    assert page.locator(".md-search-result__meta").inner_text() == "1 matching page"
    assert "soakaway" in page.locator(".md-search-result__item mark").first.inner_text().lower()
    assert page.locator(".md-search-result__item h1").first.inner_text() == "People's Assembly on Flooding"
    hit.click()
    page.wait_for_url(re.compile(r".*/assemblies/2025-11-13-flooding/.*"))
    assert "Flooding" in page.locator("h1").first.inner_text()
    assert not page.third_party


def test_search_is_usable_by_keyboard(page_factory, server):
    page = page_factory()
    page.goto(server.base)
    page.keyboard.press("/")  # the theme's shortcut opens the search
    box = page.locator("form[data-fm-search] input")
    box.wait_for(state="visible")
    assert page.evaluate("() => document.activeElement.matches('form[data-fm-search] input')")
    page.keyboard.type("heatwave")
    page.locator(".md-search-result__item a").first.wait_for(timeout=15_000)
    assert _tab_to(page, ".md-search-result__item a", limit=3)
    assert _has_visible_focus(page)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/assemblies/2026-06-18-cooler-streets/.*"))


def _target_file(site: Path, page_rel: str, href: str) -> tuple[Path, str]:
    parts = urlsplit(href)
    base_dir = posixpath.dirname(page_rel)
    target = posixpath.normpath(posixpath.join(base_dir, unquote(parts.path))) if parts.path else page_rel
    path = site / target
    if parts.path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, parts.fragment


def test_every_internal_link_and_anchor_resolves(example_site):
    broken = []
    checked = 0
    ids_cache: dict[Path, set[str]] = {}
    for html in sorted(example_site.rglob("*.html")):
        rel = html.relative_to(example_site).as_posix()
        page = soup(html)
        for tag, attr in (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src")):
            for el in page.find_all(tag):
                href = el.get(attr)
                if not href or re.match(r"^[a-z][a-z0-9+.-]*:", href) or href.startswith("//"):
                    continue
                if rel == "404.html":  # served at any depth, so it links from the site root
                    continue
                path, fragment = _target_file(example_site, rel, href)
                checked += 1
                if not path.is_file():
                    broken.append(f"{rel}: {href} (no file {path.relative_to(example_site)})")
                    continue
                if fragment and path.suffix == ".html" and not fragment.startswith("/"):  # "#/..." is the form's route
                    if path not in ids_cache:
                        doc = soup(path)
                        ids_cache[path] = {e["id"] for e in doc.find_all(id=True)} | {
                            e["name"] for e in doc.find_all("a", attrs={"name": True})}
                    if unquote(fragment) not in ids_cache[path]:
                        broken.append(f"{rel}: {href} (no #{fragment})")
    assert checked > 200
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_phone_width_has_no_sideways_scrolling(page_factory, server, name):
    page = page_factory(360, 740)
    page.goto(server.base + PAGE_TYPES[name])
    page.wait_for_load_state("networkidle")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-360.png"), full_page=True)
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 360px wide"


def test_recap_video_contacts_nobody_until_play(page_factory, server):
    page = page_factory()
    page.goto(server.base + PAGE_TYPES["past-recap"])
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(300)
    assert page.third_party == []
    assert page.locator("iframe").count() == 0
    page.locator("button.fm-video__play").click()
    page.locator("iframe.fm-video__frame").wait_for()
    page.wait_for_timeout(300)
    assert any(u.startswith("https://www.youtube-nocookie.com/embed/") for u in page.third_party), page.third_party


def _tab_to(page, selector: str, limit: int = 80) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return True
    return False


def _has_visible_focus(page) -> bool:
    return page.evaluate("""() => {
        const s = getComputedStyle(document.activeElement);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
    }""")


def test_video_consent_works_by_keyboard(page_factory, server):
    page = page_factory()
    page.goto(server.base + PAGE_TYPES["past-recap"])
    assert _tab_to(page, "button.fm-video__play")
    assert _has_visible_focus(page)
    page.keyboard.press("Enter")
    page.locator("iframe.fm-video__frame").wait_for()
    assert page.evaluate("() => document.activeElement.tagName") == "IFRAME"


def test_outcome_filter_works_by_keyboard(page_factory, server):
    page = page_factory()
    page.goto(server.base + PAGE_TYPES["outcomes-tracker"])
    rows = page.locator("#fm-outcomes-table tbody tr")
    total = rows.count()
    assert _tab_to(page, "#fm-status-filter")
    assert _has_visible_focus(page)
    page.keyboard.press("ArrowDown")  # "any status" -> "proposed"
    value = page.locator("#fm-status-filter").input_value()
    assert value == "proposed"
    visible = page.locator("#fm-outcomes-table tbody tr:not([hidden])")
    assert 0 < visible.count() < total
    assert all(r.get_attribute("data-status") == "proposed" for r in visible.all())
    assert page.locator(".fm-filter__count").inner_text() == f"{visible.count()} outcome{'s' if visible.count() != 1 else ''} shown"


EIGHT = "assemblies/2025-11-13-flooding/"


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory, site_env):
    """The flooding recap as a volunteer might publish it: with eight 12-megapixel phone photos,
    cleaned before they were committed (as a public repository needs)."""
    from conftest import build, copy_project
    from folkmoot.commands.photos import clean_bytes
    from photos import flooded_street, phone_jpeg, with_grain

    root = copy_project(tmp_path_factory.mktemp("eight"))
    record = root / EIGHT / "assembly.yml"
    text = record.read_text()
    entries, originals = [], 0
    for n in range(1, 9):
        data = phone_jpeg(with_grain(flooded_street(4000, 3000, seed=n)), quality=92)
        (root / EIGHT / f"photos/street-{n}.jpg").write_bytes(clean_bytes(data, "street.jpg")[0])
        originals += len(data)
        entries.append(f"  - file: photos/street-{n}.jpg\n    alt: Drawing {n} of a flooded street\n"
                       f"    caption: Street {n}\n    consent: true\n")
    record.write_text(text[:text.index("\nphotos:\n")] + "\nphotos:\n" + "".join(entries))
    site = build(root, root / "site", site_env)
    srv = Server(site)
    yield srv, originals
    srv.close()


def _transferred(page) -> int:
    return page.evaluate("""() => performance.getEntriesByType('navigation').concat(
        performance.getEntriesByType('resource')).reduce((n, e) => n + (e.transferSize || e.encodedBodySize || 0), 0)""")


def test_eight_phone_photos_weigh_under_a_megabyte_on_a_phone_before_scrolling(browser, photo_site):
    from axe_playwright_python.sync_playwright import Axe

    server, originals = photo_site
    context = browser.new_context(viewport={"width": 360, "height": 780}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(server.base + EIGHT)
        page.wait_for_load_state("networkidle")
        before = _transferred(page)
        assert before < 1_000_000, f"{before:,} bytes before scrolling"
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_timeout(500)
        for _ in range(10):  # scroll through, so every lazy photo loads
            page.mouse.wheel(0, -400)
            page.wait_for_timeout(150)
        page.wait_for_load_state("networkidle")
        after = _transferred(page)
        loaded = page.evaluate("[...document.querySelectorAll('figure img')].map(i => i.currentSrc)")
        assert len(loaded) == 8 and all(src.endswith(".webp") for src in loaded), loaded
        assert after < originals / 10, (after, originals)
        print(f"\nrecap with eight 12 MP photos at 360 px, 2x: {before:,} bytes before scrolling, "
              f"{after:,} after scrolling through; the originals weigh {originals:,}")
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                           "resultTypes": ["violations"]})
        assert results.response["violations"] == []
    finally:
        context.close()


def test_two_clicks_from_home_say_what_the_council_has_not_answered(browser, server):
    """On a phone: which of our recommendations has the council not answered, and for how long?"""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 360, "height": 780}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(server.base)
        page.get_by_role("link", name="Who was asked, and did they answer?").click()
        page.get_by_role("link", name="Northfield Borough Council", exact=True).click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith("/responses/northfield-borough-council/")
        row = page.locator("table.fm-body-asks tr", has_text="New street trees where shade is scarcest")
        assert "26 days overdue" in row.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
        assert results.response["violations"] == []
    finally:
        context.close()


def test_tracker_filters_by_body_theme_and_progress_and_keeps_them_in_the_address(page_factory, server):
    page = page_factory()
    page.goto(server.base + "outcomes/?body=northfield-borough-council")
    visible = page.locator("#fm-outcomes-table tbody tr:not([hidden])")
    assert page.locator("#fm-body-filter").input_value() == "northfield-borough-council"
    assert visible.count() == 5
    page.select_option("#fm-theme-filter", "green-spaces")
    shown = visible.evaluate_all("rows => rows.map(r => [r.dataset.bodies, r.dataset.themes, r.innerText])")
    assert 1 <= len(shown) < 5 and any("shade is scarcest" in text for _, _, text in shown)
    assert all("|northfield-borough-council|" in b and "|green-spaces|" in t for b, t, _ in shown)
    assert page.url.endswith("?body=northfield-borough-council&theme=green-spaces")
    page.select_option("#fm-status-filter", "done")
    assert visible.count() == 0 and "0 outcomes shown" in page.locator(".fm-filter__count").inner_text()


def test_theme_links_are_at_least_24_pixels_square(page_factory, server):
    page = page_factory(360, 780)
    page.goto(server.base + "assemblies/")
    sizes = page.eval_on_selector_all("a.fm-theme", "els => els.map(e => [e.getBoundingClientRect().width, "
                                                   "e.getBoundingClientRect().height])")
    assert sizes and all(w >= 24 and h >= 24 for w, h in sizes), sizes


def test_prepare_photos_makes_an_upright_copy_with_nothing_but_the_picture_and_sends_nothing(page_factory, server,
                                                                                             tmp_path):
    """The browser page a volunteer uses before uploading: a sideways phone JPEG with GPS and a
    serial number comes back upright, at most 1,600 pixels, with no metadata, made on the device."""
    import base64
    import io

    from PIL import Image, ImageChops, ImageStat

    from photos import SECRETS, flooded_street, phone_jpeg

    upright = flooded_street(2400, 1600)
    original = tmp_path / "IMG_0042.jpg"
    original.write_bytes(phone_jpeg(upright, orientation=6))  # stored sideways, with GPS, serial, XMP, IPTC
    page = page_factory(390, 844)
    page.goto(server.base + "guides/prepare-photos/")
    page.wait_for_load_state("networkidle")
    after_load = []
    page.on("request", lambda r: after_load.append(r.url))
    page.set_input_files("#fm-photo-pick", str(original))
    link = page.locator("a.fm-photo-prep__save")
    link.wait_for()
    assert link.get_attribute("download") == "IMG_0042-safe.jpg"
    assert "1600 × 1067 pixels" in link.inner_text()
    encoded = page.evaluate("""async (href) => {
        const bytes = new Uint8Array(await (await fetch(href)).arrayBuffer());
        let text = ""; bytes.forEach((b) => { text += String.fromCharCode(b); });
        return btoa(text); }""", link.get_attribute("href"))
    data = base64.b64decode(encoded)
    assert not any(secret in data for secret in SECRETS)
    with Image.open(io.BytesIO(data)) as copy:
        assert copy.format == "JPEG" and copy.size == (1600, 1067)
        assert not copy.getexif() and not copy.info.get("xmp") and not copy.info.get("photoshop")
        small = (96, 64)
        diff = ImageChops.difference(copy.convert("RGB").resize(small), upright.convert("RGB").resize(small))
        assert sum(ImageStat.Stat(diff).mean) / 3 < 4  # upright, as the phone showed it
    assert all(url.startswith("blob:") for url in after_load), after_load  # nothing was sent anywhere
    assert not page.third_party


def test_prepare_photos_without_javascript_shows_no_control_that_does_nothing(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.base + "guides/prepare-photos/")
    assert not page.locator("#fm-photo-pick").is_visible()
    assert "needs JavaScript" in page.locator("article").inner_text()
    context.close()


# Controls that need no script: links, the theme's drawer and table-of-contents toggles
# (CSS checkboxes and their labels), and <details> summaries.
WORK_WITHOUT_SCRIPT = "a[href], label[for='__drawer'], label[for='__toc'], label.md-nav__link, label.md-nav__title, summary"


@pytest.mark.parametrize("width", [390, 1280])
def test_without_javascript_no_visible_control_does_nothing(browser, server, width):
    """Issue 24: with JavaScript off, the tracker showed three filter boxes that did nothing
    (the theme's display rule beat `hidden`), and the recap a play button that did nothing."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 900})
    page = context.new_page()
    found = []
    for name, path in sorted(PAGE_TYPES.items()):
        page.goto(server.base + path)
        controls = page.locator(f"button, select, input:not([type=checkbox]):not([type=radio]), textarea, "
                                f"[role=button], [tabindex='0']:not({WORK_WITHOUT_SCRIPT})")
        for i in range(controls.count()):
            control = controls.nth(i)
            # the theme's back-to-top button waits, hidden="" and transparent, for a script to show it
            if control.is_visible() and control.evaluate("e => getComputedStyle(e).opacity") != "0":
                found.append(f"{name}: {control.evaluate('e => e.outerHTML.slice(0, 120)')}")
    context.close()
    assert not found, "\n".join(found)


@pytest.mark.parametrize("width", [390, 1280])
def test_on_a_recap_the_navigation_shows_assemblies_and_it_still_goes_there(page_factory, server, width):
    """Issue 24: on a recap the navigation highlighted nothing; its list is now marked, and
    the theme must not make the marked entry a dead label."""
    page = page_factory(width=width)
    page.goto(server.base + "assemblies/2025-11-13-flooding/")
    if width < 1220:
        page.locator("label.md-header__button[for='__drawer']").click()
    link = page.locator("nav.md-nav--primary li.md-nav__item--active > a.md-nav__link")
    assert link.inner_text().strip() == "Assemblies"
    link.click()
    page.wait_for_url(server.base + "assemblies/")


def test_the_sites_name_is_not_cut_in_the_header_of_a_phone(page_factory, server):
    page = page_factory(width=360, height=640)
    page.goto(server.base + "assemblies/2025-11-13-flooding/")
    name = page.locator(".md-header__topic:first-child .md-ellipsis")
    assert name.inner_text().strip() == "Northfield People's Assemblies"
    cut = name.evaluate("e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1")
    assert not cut
    box, header = name.bounding_box(), page.locator(".md-header").bounding_box()
    assert header["y"] <= box["y"] and box["y"] + box["height"] <= header["y"] + header["height"]


def test_a_printed_recap_is_a_clean_handout_with_its_address_and_a_qr_code_to_it(browser, server, tmp_path):
    """Issue 26: printed, the recap carried its play and edit buttons, no address of its own,
    links without theirs, and a heading alone at the foot of a page."""
    import io
    import subprocess

    from pypdf import PdfReader

    address = "https://northfieldclimate.example/assemblies-site/assemblies/2025-11-13-flooding/"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=4)
    page = context.new_page()
    page.goto(server.base + "assemblies/2025-11-13-flooding/")
    page.wait_for_load_state("networkidle")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=False)))
    pages = [p.extract_text() for p in pdf.pages]
    text = "\n".join(pages)
    squashed = " ".join(text.split())
    assert "Edit this record" not in text and "Play the recap video" not in text
    flat = "".join(text.split())  # a long address breaks across lines in the PDF's text
    assert address in flat
    assert "(https://www.northfield-council.example/flooding/september-2025-report)" in flat  # a link's address
    headings = {" ".join(h.inner_text().split()) for h in page.locator("article h2, article h3").all()}
    for number, words in enumerate(pages, 1):
        lines = [ln.strip() for ln in words.splitlines() if ln.strip()]
        assert not lines or lines[-1] not in headings, f"page {number} ends with the heading {lines[-1]!r}"
    # the QR code, as printed, reads back as the page's address
    page.emulate_media(media="print")
    shot = tmp_path / "qr.png"
    page.locator(".fm-print-source svg.fm-qr").screenshot(path=str(shot))
    read = subprocess.run(["zbarimg", "--quiet", "--raw", str(shot)], capture_output=True, text=True, timeout=60)
    assert read.stdout.strip() == address
    context.close()


def test_a_search_result_opens_the_section_that_matched_with_the_words_marked(page_factory, server):
    """Issue 26: a hit opened the top of a 13,000-pixel recap, with nothing highlighted."""
    page = page_factory(width=1280, height=900)
    page.goto(server.base + PAGE_TYPES["outcomes-tracker"])
    box = page.locator("form[data-fm-search] input")
    box.click()
    box.press_sequentially("soakaway", delay=20)
    # on a busy machine the results of a word half typed may show first: then those of the whole word
    hit = page.locator('.md-search-result__item a[href*="highlight=soakaway"]').first
    hit.wait_for(timeout=15_000)
    assert hit.locator(".fm-search-section").inner_text() == "Table 2"
    assert "#table-2" in hit.get_attribute("href") and "highlight=soakaway" in hit.get_attribute("href")
    hit.click()
    page.wait_for_url(re.compile(r".*/assemblies/2025-11-13-flooding/\?highlight=soakaway#table-2$"))
    marked = page.locator("article mark.pagefind-highlight")
    marked.first.wait_for(timeout=10_000)
    assert marked.first.inner_text().lower() == "soakaway"
    assert marked.first.is_visible() and page.locator("#table-2").is_visible()
    top = page.evaluate("document.getElementById('table-2').getBoundingClientRect().top")
    assert 0 <= top < 300  # the page opened at the group's notes, not at its top
    assert not page.third_party


@pytest.mark.parametrize("path, target, words", [
    ("assemblies/2027-03-11-warm-homes/poster.html", "https://northfieldclimate.example/assemblies/warm-homes/register",
     ["People's Assembly on Warm, Affordable Homes", "Everyone is welcome"]),
    ("assemblies/2025-11-13-flooding/summary.html",
     "https://northfieldclimate.example/assemblies-site/assemblies/2025-11-13-flooding/",
     ["What was asked", "What the room agreed", "What has happened since",
      "Publish the September flood investigation in plain English: Done"]),
])
def test_a_poster_and_a_summary_print_on_one_a4_page_with_a_qr_code_that_reads(browser, server, tmp_path, path,
                                                                               target, words):
    """Issue 26: a one-page A4 poster for an upcoming assembly, with a QR code to register, and a
    one-page summary of a past one to hand out at the next."""
    import io
    import subprocess

    from pypdf import PdfReader

    context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=4)
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server.base + path)
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    assert len(pdf.pages) == 1
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4, in points
    import unicodedata

    text = " ".join(unicodedata.normalize("NFKC", pdf.pages[0].extract_text()).split())  # "ﬁ" ligatures: "fi"
    for expected in words:
        assert expected in text, (expected, text)
    assert target in "".join(text.split())
    shot = tmp_path / "qr.png"
    page.locator(".qr svg").screenshot(path=str(shot))
    read = subprocess.run(["zbarimg", "--quiet", "--raw", str(shot)], capture_output=True, text=True, timeout=60)
    assert read.stdout.strip() == target
    assert requests == [server.base + path]  # nothing else: no theme, no script, nothing from elsewhere
    context.close()


EMBEDS = ["embed/next.html", "embed/tracker.html", "embed/assembly-2025-11-13-flooding.html",
          "embed/body-northfield-borough-council.html"]


@pytest.mark.parametrize("width", [320, 1024])
def test_embeds_sit_on_another_website_without_scroll_bars_and_open_links_in_the_top_window(browser, server,
                                                                                              tmp_path, width):
    """Issue 26: a host page on another origin (another port, as the organisation's own website
    would be) embeds each embed with the snippet the site offers."""
    host_folder = tmp_path / "host"
    host_folder.mkdir()
    frames = "\n".join(f'<iframe src="{server.base}{path}" title="{path}" style="width:100%;border:0" height="200">'
                       f'</iframe>' for path in EMBEDS)
    (host_folder / "index.html").write_text(f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
                                            f'<meta name="viewport" content="width=device-width"><title>Our charity</title>'
                                            f'</head><body><h1>Our charity</h1>{frames}'
                                            f'<script src="{server.base}embed/embed.js" async></script></body></html>')
    host = Server(host_folder)
    try:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        requests = []
        context.on("request", lambda r: requests.append(r.url))
        page.goto(host.base)
        page.wait_for_load_state("networkidle")
        for path in EMBEDS:
            frame = next(f for f in page.frames if f.url == server.base + path)
            # sized to what it shows (by embed.js): nothing to scroll, across or down
            page.wait_for_function("f => f.style.height !== ''",  # set by embed.js, however late it came
                                   arg=page.locator(f'iframe[title="{path}"]').element_handle())
            sizes = frame.evaluate("({sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth,"
                                   " sh: document.documentElement.scrollHeight, ch: document.documentElement.clientHeight})")
            assert sizes["sw"] <= sizes["cw"], (path, sizes)
            assert sizes["sh"] <= sizes["ch"] + 1, (path, sizes)
            assert frame.evaluate("document.documentElement.lang") == "en"
        assert all(r.startswith((host.base, server.base)) for r in requests), requests
        # a link in a frame opens in the top window, on the site
        tracker = next(f for f in page.frames if f.url.endswith("embed/tracker.html"))
        tracker.locator("h1 a").click()
        page.wait_for_url(server.base + "outcomes/")
        context.close()
    finally:
        host.close()


@pytest.mark.parametrize("path", EMBEDS)
def test_no_axe_violations_in_an_embed(page_factory, server, path):
    page = page_factory(width=320)
    page.goto(server.base + path)
    _assert_no_axe_violations(page, path)


def test_pages_offer_the_snippet_that_embeds_them(example_site):
    page = soup(example_site / "assemblies/2025-11-13-flooding/index.html")
    code = page.select_one("details.fm-embed code").get_text()
    assert code.startswith('<iframe src="https://northfieldclimate.example/assemblies-site/embed/'
                           'assembly-2025-11-13-flooding.html"')
    assert '<script src="https://northfieldclimate.example/assemblies-site/embed/embed.js" async></script>' in code
    for path in ("index.html", "outcomes/index.html", "responses/northfield-borough-council/index.html"):
        assert soup(example_site / path).select_one("details.fm-embed summary").get_text() == "Put this on your website"


def test_bad_news_is_never_shown_in_the_colour_of_good_news(page_factory, server):
    """Issue 34, item 3: one rule coloured everything bold in an answered row green, so
    "promise broken" and "Rejected" looked like good news. Each has its own colour now."""
    page = page_factory(1280, 900)
    seen = {}
    for address in ("responses/northfield-borough-council/", "outcomes/", "assemblies/2025-11-13-flooding/"):
        page.goto(server.base + address)
        for text, colour in page.eval_on_selector_all(
                "strong", "ss => ss.map(s => [s.textContent.trim(), getComputedStyle(s).color])"):
            red, green, _ = (int(v) for v in colour[colour.index("(") + 1:].rstrip(")").split(",")[:3])
            if text in ("Rejected", "promise broken"):
                assert red > green + 60, (address, text, colour)
                seen[text] = True
            elif text == "Accepted":
                assert green > red, (address, text, colour)
                seen[text] = True
    assert seen == {"Rejected": True, "promise broken": True, "Accepted": True}


WORDS_WHOLE = """as => as.map(a => {
  const words = [];
  const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.textContent.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      words.push([m[0], range.getClientRects().length]);
    }
  }
  return [a.textContent, words.filter(w => w[1] > 1).map(w => w[0])];
})"""


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_who_answered_never_breaks_a_name_inside_a_word(page_factory, server, width):
    """Issue 34, item 1: at 1280 px the table broke "Mem/ber of/Parlia/ment" while the space to
    its right stayed empty. Each body's name reads whole, on phones (a card per body) and wide."""
    page = page_factory(width, 900)
    page.goto(server.base + "responses/")
    names = page.eval_on_selector_all(".fm-responses tbody td:first-child a", WORDS_WHOLE)
    assert len(names) == 4 and all(not broken for _, broken in names), names
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"responses-{width}.png"), full_page=True)


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_each_tracker_filter_keeps_its_label_beside_its_list(page_factory, server, width):
    """Issue 34, item 9: at 390 px a label ended one row and its list began the next."""
    page = page_factory(width, 900)
    page.goto(server.base + "outcomes/")
    pairs = page.eval_on_selector_all(".fm-filter label", """labels => labels.map(l => {
        const a = l.getBoundingClientRect(), b = document.getElementById(l.htmlFor).getBoundingClientRect();
        return [l.textContent, Math.abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2), b.left - a.right, b.right];
    })""")
    assert len(pairs) == 4
    for label, off_centre, gap, right in pairs:
        assert off_centre < 8 and 0 <= gap < 24 and right <= width, (label, off_centre, gap, right)
    page.screenshot(path=str(SCREENSHOTS / f"tracker-filters-{width}.png"), clip={"x": 0, "y": 0, "width": width,
                                                                                   "height": 900})
