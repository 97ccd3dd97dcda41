"""Issue 35 (begun): the posts a communications volunteer would have made by hand, made by
`folkmoot social SLUG` from the record, and read back as a reader's phone shows them:
words by OCR (Debian's tesseract), the QR code by zbarimg."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from PIL import Image

from conftest import copy_project, in_language, write_record
from folkmoot.cli import main
from folkmoot.outputs import social

FLOOD = "2025-11-13-flooding"
ADDRESS = f"https://northfieldclimate.example/assemblies-site/assemblies/{FLOOD}/"


def ocr(path) -> str:
    if not shutil.which("tesseract"):
        pytest.fail("tesseract is not installed: `make test` installs Debian's tesseract-ocr")
    read = subprocess.run(["tesseract", str(path), "-", "--psm", "4"], capture_output=True, text=True, timeout=120)
    return " ".join(read.stdout.split())


@pytest.fixture(scope="module")
def posts(tmp_path_factory, site_env):
    root = copy_project(tmp_path_factory.mktemp("social"))
    import os

    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = site_env["SOURCE_DATE_EPOCH"]
    try:
        assert main(["--root", str(root), "social", FLOOD, "--hashtag", "Northfield", "--hashtag", "#FloodReady"]) == 0
        first = {p.name: p.read_bytes() for p in (root / "social" / FLOOD).iterdir()}
        assert main(["--root", str(root), "social", FLOOD, "--hashtag", "Northfield", "--hashtag", "#FloodReady"]) == 0
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH") if old is None else os.environ.__setitem__("SOURCE_DATE_EPOCH", old)
    return root, root / "social" / FLOOD, first


def test_a_carousel_tells_the_assembly_in_order_and_leads_back_to_its_recap(posts):
    _, folder, first = posts
    slides = sorted(folder.glob("slide-*.png"))
    assert len(slides) >= 5
    for path in slides:
        with Image.open(path) as image:
            assert image.size == (1080, 1350)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == first  # the same record, the same bytes
    opening = ocr(slides[0])
    assert "People's Assembly on Flooding" in opening.replace("’", "'") and "46 people took part" in opening
    words = " ".join(ocr(p) for p in slides[1:-1])
    assert "What was asked" in words and "What the room agreed" in words and "What has happened since" in words
    assert "street-by-street community map" in words and "promise kept" in words
    last = slides[-1]
    assert "assemblies/2025-11-13-flooding/" in ocr(last)
    read = subprocess.run(["zbarimg", "--quiet", "--raw", str(last)], capture_output=True, text=True, timeout=60)
    assert read.stdout.strip() == ADDRESS
    # the PDF LinkedIn takes: the slides, in order, pixel for pixel
    import pikepdf

    with pikepdf.open(folder / "carousel.pdf") as pdf:
        assert len(pdf.pages) == len(slides)
        for page, path in zip(pdf.pages, slides):
            (shown,) = page.get_images().values()
            with Image.open(path) as slide:
                assert pikepdf.PdfImage(shown).as_pil_image().convert("RGB").tobytes() == slide.convert("RGB").tobytes()


def test_key_text_stays_inside_what_instagrams_grid_shows(posts):
    """The grid crops a 4:5 post to its centre 3:4: 34 pixels of each side are not shown."""
    _, folder, _ = posts
    for path in sorted(folder.glob("slide-*.png")):
        with Image.open(path) as image:
            body = image.convert("RGB").crop((0, 0, 1080, 1350 - 24))  # the accent bar below is decoration
            background = Image.new("RGB", body.size, social.BACKGROUND)
            from PIL import ImageChops

            left, top, right, bottom = ImageChops.difference(body, background).getbbox()
            assert left >= 34 and right <= 1080 - 34, (path.name, left, right)


def test_captions_and_alt_text_are_ready_to_paste_within_each_channels_limits(posts):
    _, folder, _ = posts
    text = (folder / "captions.txt").read_text(encoding="utf-8")
    channels = dict(part.split("\n\n", 1) for part in text.split("== ")[1:])
    instagram = next(v for k, v in channels.items() if k.startswith("instagram")).strip()
    linkedin = next(v for k, v in channels.items() if k.startswith("linkedin")).strip()
    short = next(v for k, v in channels.items() if k.startswith("short")).strip()
    assert len(instagram) <= 2200 and len(linkedin) <= 3000 and len(short) <= 300
    assert len(instagram.split("\n")[0]) <= 125 and instagram.split("\n")[0].startswith("People's Assembly on Flooding")
    assert "Link in bio." in instagram and "http" not in instagram and "#Northfield #FloodReady" in instagram
    assert ADDRESS in linkedin and ADDRESS in short
    assert "schemes?:" not in text  # a question ends its own clause
    alt = (folder / "alt-text.txt").read_text(encoding="utf-8").splitlines()
    assert len(alt) == len(list(folder.glob("slide-*.png")))
    assert alt[-1].endswith(f"{ADDRESS}, and a QR code to it.")


def test_a_point_too_long_for_one_slide_goes_on_to_the_next_never_cut_or_shrunk(tmp_path, site_env, monkeypatch):
    from folkmoot.text.i18n import language

    long = "The room asked for " + " ".join(f"measure {n} on street {n}," for n in range(1, 90)) + " and more."
    slides = social.paginate("Org", "What the room agreed", [long, "A second, short point."], "(continued)")
    assert len(slides) >= 2 and slides[-1].points[-1] == "A second, short point."
    said = " ".join(s.alt(language("en")) for s in slides)
    assert "measure 89 on street 89" in said and "…" not in said
    for slide in slides:
        with Image.open(io.BytesIO(social.draw(slide))) as image:
            body = image.convert("RGB").crop((0, 0, 1080, 1350 - 24))
            from PIL import ImageChops

            bottom = ImageChops.difference(body, Image.new("RGB", body.size, social.BACKGROUND)).getbbox()[3]
            assert bottom <= 1350 - 24 - 60, bottom  # drawn within the slide, above the bar


def test_in_welsh_the_slides_and_captions_speak_welsh(tmp_path, site_env, monkeypatch):
    root = in_language(copy_project(tmp_path), "cy")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", site_env["SOURCE_DATE_EPOCH"])
    assert main(["--root", str(root), "social", FLOOD]) == 0
    folder = root / "social" / FLOOD
    assert "Dolen yn y bywgraffiad." in (folder / "captions.txt").read_text(encoding="utf-8")
    assert "Dydd Iau, 13 Tachwedd 2025" in (folder / "alt-text.txt").read_text(encoding="utf-8")


def test_social_refuses_what_it_cannot_make(tmp_path, site_env, monkeypatch, capsys):
    root = copy_project(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", site_env["SOURCE_DATE_EPOCH"])
    assert main(["--root", str(root), "social", "2027-03-11-warm-homes"]) == 0  # to come: an invitation
    assert "an invitation (square and story)" in capsys.readouterr().out
    assert sorted(p.name for p in (root / "social/2027-03-11-warm-homes").iterdir()) == [
        "alt-text.txt", "captions.txt", "invitation-square.png", "invitation-story.png"]
    assert main(["--root", str(root), "social", "2099-01-01-nowhere"]) == 1
    assert "is not a published assembly" in capsys.readouterr().err
    write_record(root, "2026-02-02-broken", "title: Broken\ndate: 2026-02-31\n")
    assert main(["--root", str(root), "social", FLOOD]) == 1
    assert "the records have errors" in capsys.readouterr().err


def test_each_assembly_with_recent_news_has_a_share_page_with_its_slides_and_captions(example_site):
    import zipfile

    from conftest import soup

    folder = example_site / "assemblies" / FLOOD / "share"
    page = soup(folder / "index.html")
    recap = soup(example_site / "assemblies" / FLOOD / "index.html")
    assert recap.find("a", href="share/")  # linked from the recap
    assert not (example_site / "assemblies/2027-03-11-warm-homes/share/slide-01.png").exists()  # not held: invited to
    assert "data-fm-nosearch" in (folder / "index.html").read_text() and "share/" not in \
        " ".join(a.get("href", "") for a in soup(example_site / "index.html").select("nav a"))
    images = page.select("ol.fm-slides img")
    slides = sorted(p.name for p in folder.glob("slide-*.png"))
    assert [img["src"] for img in images] == slides and all(len(img["alt"]) > 20 for img in images)
    with zipfile.ZipFile(folder / "posts.zip") as z:
        assert sorted(z.namelist()) == sorted([*slides, "captions.txt"])  # the PDF beside it, not twice
        said = z.read("captions.txt").decode("utf-8")
    assert all(img["alt"] in said for img in images)
    instagram = page.find("textarea", id="fm-caption-instagram").get_text()
    assert "\n\n" in instagram and instagram.startswith("People's Assembly on Flooding")
    assert page.find("button", attrs={"data-fm-copy": "fm-caption-instagram"})


def test_a_caption_is_copied_with_the_keyboard_alone(example_site):
    """Issue 35, item 5: Tab to the button, Enter, and the caption is on the clipboard."""
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM_FLAGS, Server, chromium_path

    server = Server(example_site)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
            context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
            page = context.new_page()
            page.goto(server.base + f"assemblies/{FLOOD}/share/")
            button = page.locator("button[data-fm-copy='fm-caption-linkedin']")
            button.wait_for()
            page.locator("#fm-caption-linkedin").focus()
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.dataset.fmCopy") == "fm-caption-linkedin"
            page.keyboard.press("Enter")
            page.wait_for_timeout(300)
            copied = page.evaluate("navigator.clipboard.readText()")
            assert copied == page.locator("#fm-caption-linkedin").input_value() and ADDRESS in copied
            browser.close()
    finally:
        server.close()


def test_an_upcoming_assembly_has_an_invitation_square_and_story(example_site):
    """Issue 35, item 2: title, day and time, place, access (on the story) and where to register,
    with its QR code on the story; nothing of it under the story's buttons or below the square."""
    from PIL import ImageChops

    from conftest import soup

    folder = example_site / "assemblies/2027-03-11-warm-homes/share"
    register = "https://northfieldclimate.example/assemblies/warm-homes/register"
    for name, size in (("invitation-square.png", (1080, 1080)), ("invitation-story.png", (1080, 1920))):
        with Image.open(folder / name) as image:
            assert image.size == size
            body = image.convert("RGB").crop((0, 0, size[0], size[1] - 24))
            left, top, right, bottom = ImageChops.difference(body, Image.new("RGB", body.size, social.BACKGROUND)).getbbox()
            assert left >= 34 and right <= size[0] - 34 and bottom <= size[1] - 24 - 60
            if "story" in name:
                assert top >= social.STORY_MARGIN and bottom <= size[1] - social.STORY_MARGIN
    story = ocr(folder / "invitation-story.png")
    assert "Warm, Affordable Homes" in story and "18:30" in story and "Step-free entrance" in story
    assert "Register, or find out more" in ocr(folder / "invitation-square.png")
    read = subprocess.run(["zbarimg", "--quiet", "--raw", str(folder / "invitation-story.png")], capture_output=True,
                          text=True, timeout=60)
    assert read.stdout.strip() == register
    page = soup(folder / "index.html")
    short = page.find("textarea", id="fm-caption-short").get_text()
    assert short.startswith("Join us: People's Assembly on Warm, Affordable Homes, 11 March 2027") and register in short
    assert not (folder / "carousel.pdf").exists() and soup(
        example_site / "assemblies/2027-03-11-warm-homes/index.html").find("a", href="share/")


def test_a_progress_report_has_its_slides_with_the_reports_own_figures(example_site):
    """Issue 35, item 3: "6 months on", the same figures as the report, a code to its page."""
    from conftest import soup

    folder = example_site / "reports/2026-11-13/share"
    slides = sorted(folder.glob("slide-*.png"))
    assert slides and soup(example_site / "reports/2026-11-13/index.html").find("a", href="share/")
    words = " ".join(ocr(p) for p in slides)
    assert "6 months on: what happened to our ideas" in words
    assert "3 answers had come, 2 of them on time" in words
    read = subprocess.run(["zbarimg", "--quiet", "--raw", str(slides[-1])], capture_output=True, text=True, timeout=60)
    assert read.stdout.strip() == "https://northfieldclimate.example/assemblies-site/reports/2026-11-13/"


def test_slides_set_any_script_and_right_to_left_text_from_the_right():
    """Issue 35, item 6: Arabic is set against the right edge; Bengali and Devanagari are drawn."""
    from PIL import ImageChops

    def heading_box(slide):
        with Image.open(io.BytesIO(social.draw(slide))) as image:
            band = image.convert("RGB").crop((0, 170, 1080, 330))  # below the kicker: the heading
            return ImageChops.difference(band, Image.new("RGB", band.size, social.BACKGROUND)).getbbox()

    left, _, right, _ = heading_box(social.Slide("Org", "جمعية الشعب بشأن الفيضانات"))
    assert right > 1080 - social.SIDE - 20 and left > social.SIDE + 100  # set from the right, not the left
    for title in ("বন্যা নিয়ে জনসভা", "बाढ़ पर जनसभा", "Cynulliad y Bobl ar Lifogydd"):
        box = heading_box(social.Slide("Org", title))
        assert box and box[2] - box[0] > 200, title  # drawn, not left out


def test_the_sites_hashtags_and_period_come_from_its_settings(tmp_path, site_env, capsys, monkeypatch):
    from conftest import build, soup

    root = copy_project(tmp_path)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "hashtags: [Northfield, PeoplesAssembly]" in text
    config.write_text(text.replace("        days: 365 ", "        days: 40  "), encoding="utf-8")
    site = build(root, root / "site", site_env)
    # on 25 November 2026: the flooding assembly's last news is 36 days old, cooler streets' 56
    assert not (site / "assemblies/2026-06-18-cooler-streets/share").exists()
    assert not soup(site / "assemblies/2026-06-18-cooler-streets/index.html").find("a", href="share/")
    shared = soup(site / f"assemblies/{FLOOD}/share/index.html")
    assert "#Northfield #PeoplesAssembly" in shared.find("textarea", id="fm-caption-instagram").get_text()
    config.write_text(text.replace("hashtags: [Northfield, PeoplesAssembly]", "hashtags: [two words]"), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", site_env["SOURCE_DATE_EPOCH"])
    assert main(["--root", str(root), "check"]) == 1
    assert "Each of `hashtags` is one word" in capsys.readouterr().out


def test_a_title_written_to_break_out_stays_text_on_the_share_page(tmp_path, site_env):
    """The page's heading names the record; the theme would unescape it into <title>."""
    from conftest import build, soup

    root = copy_project(tmp_path)
    record = root / "assemblies" / FLOOD / "assembly.yml"
    hostile = 'Flood </title><script>alert(3)</script> [x](javascript:alert(1)) <img src=x onerror=alert(2)>'
    record.write_text(record.read_text(encoding="utf-8").replace(
        "title: People's Assembly on Flooding", "title: " + json_string(hostile), 1), encoding="utf-8")
    site = build(root, root / "site", site_env)
    text = (site / "assemblies" / FLOOD / "share/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in text and "<img src=x" not in text and 'href="javascript' not in text
    page = soup(site / "assemblies" / FLOOD / "share/index.html")
    assert page.title.get_text().startswith("Share on social media: Flood </title><script>alert(3)</script>")
    assert page.select_one("ol.fm-slides img")["alt"].startswith("Flood </title><script>")


def json_string(text: str) -> str:
    import json

    return json.dumps(text)
