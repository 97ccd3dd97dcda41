"""Photos are published re-encoded, upright, small and without a trace of
their metadata, only with consent; every page that is shared has a card."""

from __future__ import annotations

import io
import logging
import re
import textwrap

from PIL import Image

from conftest import ROOT, build, copy_project, image_bytes, in_private_repository, run_check, soup, write_record
from photos import SECRETS, flooded_street, phone_jpeg

FLOOD = "assemblies/2025-11-13-flooding"
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"}


def published_images(site):
    return [p for p in site.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES and "pagefind" not in p.parts]


def test_no_published_image_carries_metadata_or_is_an_original(example_site):
    originals = {p.read_bytes() for p in (ROOT / "assemblies").rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES}
    images = published_images(example_site)
    assert len(images) >= 12
    for path in images:
        data = path.read_bytes()
        assert data not in originals, path
        assert not any(secret in data for secret in SECRETS), path
        assert b"Exif" not in data and b"8BIM" not in data and b"http://ns.adobe.com/xap" not in data, path
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert not {"exif", "xmp", "icc_profile", "comment", "photoshop", "XML:com.adobe.xmp"} & set(image.info), path
            assert image.width <= 1600, path


def test_photos_are_upright_at_several_widths_in_webp_alone(example_site):
    """Every browser in use reads WebP: no JPEG copy doubles the site's size."""
    page = soup(example_site / FLOOD / "index.html")
    figures = page.select("figure.fm-photo")
    assert len(figures) == 2
    street = figures[1]
    img = street.select_one("img")
    assert img["src"].endswith("-960.webp") and img["sizes"]
    assert [entry.split()[1] for entry in img["srcset"].split(", ")] == ["480w", "960w", "1600w"]
    assert img["loading"] == "lazy" and img["alt"].startswith("A drawing, not a photograph, of a terrace")
    assert (img["width"], img["height"]) == ("960", "640")  # landscape: the phone's orientation tag was applied
    assert not list((example_site / FLOOD / "images").glob("*.jpg"))
    for entry in img["srcset"].split(", "):
        uri, width = entry.split()
        with Image.open(example_site / FLOOD / uri) as image:
            assert image.width == int(width[:-1]) and image.width > image.height
    caption = street.select_one("figcaption").get_text(" ", strip=True)
    assert caption.startswith("What residents described") and "Credit: Drawn for Northfield Climate Centre" in caption
    # a drawing narrower than 1600 pixels is never made larger
    small = figures[0].select_one("img")["srcset"]
    assert [e.split()[1] for e in small.split(", ")] == ["480w", "800w"]


def test_a_photo_without_consent_appears_nowhere(tmp_path, site_env):
    """(In a private repository: in a public one, `check` refuses it.)"""
    root = in_private_repository(copy_project(tmp_path))
    record = root / FLOOD / "assembly.yml"
    text = record.read_text()
    record.write_text(text[:text.rindex("consent: true")] + "consent: false\n")
    site = build(root, root / "site", site_env)
    original = (root / FLOOD / "photos/flooded-street.jpg").read_bytes()
    for path in site.rglob("*"):
        if path.is_file() and "pagefind" not in path.parts:
            data = path.read_bytes()
            assert b"flooded-street" not in data and b"terrace of six brick houses" not in data, path
            assert original not in data, path
    assert not list(site.rglob("flooded-street*"))
    assert len(soup(site / FLOOD / "index.html").select("figure.fm-photo")) == 1


def test_every_shared_page_has_a_card(example_site):
    """A card with a photo is JPEG, one without is PNG; either stays under the
    300 KB above which WhatsApp shows no preview."""
    for folder, name, kind in (("assemblies/2025-11-13-flooding/", "card.jpg", "JPEG"),
                               ("assemblies/2027-03-11-warm-homes/", "card.png", "PNG"),
                               ("themes/flooding/", "card.png", "PNG"), ("outcomes/", "card.png", "PNG")):
        page = soup(example_site / folder / "index.html")
        meta = {m.get("property") or m.get("name"): m["content"] for m in page.find_all("meta") if m.get("content")}
        assert meta["og:image"] == f"https://northfieldclimate.example/assemblies-site/{folder}{name}"
        assert meta["og:image:type"] == f"image/{kind.lower()}"
        assert meta["twitter:card"] == "summary_large_image" and meta["og:image:alt"]
        assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
        with Image.open(example_site / folder / name) as card:
            assert card.size == (1200, 630) and card.format == kind and not card.info.get("exif")
        assert (example_site / folder / name).stat().st_size < 300_000
        assert not (example_site / folder / ({"card.jpg", "card.png"} - {name}).pop()).exists()


def _right_margin_is_clear(png: bytes) -> bool:
    """No text runs into the right-hand margin (64 px) of a card without a photo."""
    from folkmoot.outputs import cards

    with Image.open(io.BytesIO(png)) as image:
        strip = image.convert("RGB").crop((cards.WIDTH - cards.PAD + 8, 0, cards.WIDTH, cards.HEIGHT - 16))
        return {colour for _, colour in strip.getcolors(1_000_000)} == {cards.BACKGROUND}


def test_cards_wrap_long_titles_draw_bengali_and_leave_out_what_no_font_has():
    from folkmoot.outputs import cards

    long_title = "People's Assembly on Flooding, Drains, Sewers, Basements and Insurance " * 4
    long_card = cards.draw(cards.Card("Northfield Climate Centre", long_title, "Thursday 13 November 2025",
                                      "Agreed: " + "map the streets that flood first " * 12))
    assert _right_margin_is_clear(long_card)
    bengali = "বন্যা নিয়ে জনগণের সভা: আমরা কি প্রস্তুত?"
    assert cards.font_for("প্রস্তুত", "bold").name == "NotoSansBengali-Bold.ttf"
    bengali_card = cards.draw(cards.Card("Northfield Climate Centre", bengali, "13 November 2025"))
    assert _right_margin_is_clear(bengali_card)
    assert bengali_card != cards.draw(cards.Card("Northfield Climate Centre", "", "13 November 2025"))
    # Linear B: no font here has it, so the title is left off rather than drawn as boxes
    assert cards.draw(cards.Card("Org", "𐀀𐀁𐀂", "date")) == cards.draw(cards.Card("Org", "", "date"))
    with Image.open(io.BytesIO(long_card)) as image:
        assert image.size == (1200, 630)
    # words are drawn once and reused: a card is the same whatever was drawn before it
    cards._word.cache_clear()
    assert cards.draw(cards.Card("Northfield Climate Centre", long_title, "Thursday 13 November 2025",
                                 "Agreed: " + "map the streets that flood first " * 12)) == long_card


def test_a_warm_cache_makes_no_image_again(tmp_path, site_env, caplog):
    root = in_private_repository(copy_project(tmp_path))  # where consent can be taken back with the file left in
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.folkmoot")
    first = build(root, root / "site", site_env)
    before = {p.relative_to(first): p.read_bytes() for p in published_images(first)}
    # cold: everything made (a digest's email, made for its page, is reused by its files in the same build)
    assert any(re.search(r" [1-9]\d* photos, cards, documents and pages made", r.message) for r in caplog.records)
    caplog.clear()
    import os

    os.utime(root / "mkdocs.yml")  # touched, not changed: the build runs (else it keeps the site whole)
    second = build(root, root / "site", site_env)
    made = [r.message for r in caplog.records if "photos, cards, documents and pages made" in r.message]
    assert made and " 0 photos, cards, documents and pages made" in made[0], made
    assert {p.relative_to(second): p.read_bytes() for p in published_images(second)} == before
    # a changed photo's old copies leave the cache with the next build
    def kept() -> tuple[set[str], set[str]]:
        """(images and cards, everything else: pages) in the cache."""
        entries = list((root / ".cache/plugin/folkmoot").glob("*/*"))
        images = {p.name for p in entries if p.read_bytes()[:4] in (b"\x89PNG", b"RIFF") or p.read_bytes()[:2] == b"\xff\xd8"}
        return images, {p.name for p in entries} - images

    cached, _ = kept()
    record = root / "assemblies/2026-06-18-cooler-streets/assembly.yml"
    record.write_text(record.read_text().replace("consent: true", "consent: false"))
    build(root, root / "site", site_env)
    after, _ = kept()
    assert len(cached - after) == 4  # its three renditions, and the card that showed it
    assert len(after - cached) == 1  # the card drawn without it


def test_entries_a_power_cut_left_empty_are_made_again(tmp_path, site_env):
    """The cache writes each entry whole under another name and renames it, but does not force
    it to disk: after a power cut, what ext4 leaves of an entry not yet written is an empty
    file. The next build takes it for no entry, and publishes no empty picture or page."""
    import os

    root = copy_project(tmp_path)
    first = build(root, root / "site", site_env)
    before = {p.relative_to(first): p.read_bytes() for p in published_images(first)}
    entries = list((root / ".cache/plugin/folkmoot").glob("*/*"))
    for path in entries:
        path.write_bytes(b"")
    os.utime(root / "mkdocs.yml")  # touched: the build runs (else it keeps the site whole)
    second = build(root, root / "site", site_env)
    assert {p.relative_to(second): p.read_bytes() for p in published_images(second)} == before
    assert all(p.stat().st_size > 0 for p in second.rglob("*") if p.is_file() and p.name != ".nojekyll")
    assert all(p.stat().st_size > 0 for p in (root / ".cache/plugin/folkmoot").glob("*/*"))


def test_check_refuses_bombs_and_warns_on_huge_originals(project, capsys):
    bomb = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(bomb, "PNG")  # 400 megapixels in a few kilobytes
    noise = io.BytesIO()
    Image.effect_noise((2_300, 2_300), 120).convert("RGB").save(noise, "PNG", compress_level=0)
    write_record(project, "2024-11-07-flooding", textwrap.dedent("""\
        title: People's Assembly on Flooding
        date: 2024-11-07
        photos:
          - file: bomb.png
            alt: Nothing
            consent: true
          - file: big.png
            alt: Grey speckles
            consent: true
    """), {"bomb.png": bomb.getvalue(), "big.png": noise.getvalue()})
    status, lines = run_check(project, capsys)
    assert status == 1
    assert lines[0].startswith("assemblies/2024-11-07-flooding/assembly.yml:4: error: `bomb.png` has so many pixels")
    assert lines[1].startswith("assemblies/2024-11-07-flooding/assembly.yml:7: warning: `big.png` is 16 MB")


def test_a_damaged_photo_is_an_error_at_its_line(project, capsys):
    whole = phone_jpeg(flooded_street(600, 400))
    write_record(project, "2024-11-07-flooding", "title: T\ndate: 2024-11-07\nphotos:\n  - file: cut.jpg\n"
                                                "    alt: Water\n    consent: true\n", {"cut.jpg": whole[:len(whole) // 2]})
    status, lines = run_check(project, capsys)
    assert status == 1 and lines[0].startswith("assemblies/2024-11-07-flooding/assembly.yml:4: error: `cut.jpg` is not an "
                                               "image that can be opened")


def test_phone_photos_turned_sideways_are_published_upright(tmp_path, site_env):
    """The site strips and turns a phone's photo even where check lets it through (a private repository)."""
    root = in_private_repository(copy_project(tmp_path, with_assemblies=False))
    write_record(root, "2024-11-07-flooding", textwrap.dedent("""\
        title: People's Assembly on Flooding
        date: 2024-11-07
        photos:
          - file: photos/street.jpg
            alt: Water over the road
            consent: true
          - file: photos/tiny.png
            alt: A small drawing
            consent: true
    """), {"photos/street.jpg": phone_jpeg(flooded_street(1200, 800)), "photos/tiny.png": image_bytes(300, 200)})
    site = build(root, root / "site", site_env)
    folder = site / "assemblies/2024-11-07-flooding/images"
    sizes = {p.name: Image.open(p).size for p in folder.iterdir()}
    assert sizes == {"street-480.webp": (480, 320), "street-960.webp": (960, 640), "street-1200.webp": (1200, 800),
                     "tiny-300.webp": (300, 200)}


def test_images_and_cards_are_byte_identical_when_made_again(tmp_path, site_env):
    import shutil

    root = copy_project(tmp_path)
    one = build(root, tmp_path / "one", site_env)
    shutil.rmtree(root / ".cache")  # made afresh, not read back
    two = build(root, tmp_path / "two", site_env)
    images = published_images(one)
    assert images
    for path in images:
        assert (two / path.relative_to(one)).read_bytes() == path.read_bytes(), path


def test_published_photos_cards_and_documents_are_the_cache_files_not_copies(tmp_path, site_env, monkeypatch):
    """A thousand assemblies' images and documents are hundreds of megabytes: the site links
    to the files the cache keeps, readable by a web server; on another disk, it copies them."""
    import os

    root = copy_project(tmp_path)
    site = build(root, root / "site", site_env)
    cached = {p.stat().st_ino for p in (root / ".cache/plugin/folkmoot").glob("*/*")}
    files = [p for p in published_images(site) + list(site.rglob("*.docx")) + list(site.rglob("*.odt"))
             if p.relative_to(site).parts[0] not in ("assets", "guides")]  # the theme's favicon and logo, the guides'
    # screenshots: the package's own files, copied by MkDocs
    assert len(files) > 20
    for path in files:
        assert path.stat().st_ino in cached and path.stat().st_mode & 0o444 == 0o444, path

    def no_links(*args):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", no_links)
    elsewhere = build(root, tmp_path / "elsewhere", site_env)
    for path in files:
        copy = elsewhere / path.relative_to(site)
        assert copy.stat().st_ino not in cached and copy.read_bytes() == path.read_bytes(), path


def test_a_photo_taller_than_webp_allows_is_published_at_a_height_it_can_hold(tmp_path, site_env):
    """Issue 23, item 9: a 1080 by 17,000 phone screenshot stopped the build (WebP's limit is 16,383)."""
    root = in_private_repository(copy_project(tmp_path, with_assemblies=False))
    tall = io.BytesIO()
    Image.linear_gradient("L").resize((1080, 17_000)).convert("RGB").save(tall, "PNG")
    write_record(root, "2024-11-07-flooding", "title: T\ndate: 2024-11-07\nphotos:\n  - file: long.png\n"
                 "    alt: A long screenshot\n    consent: true\n", {"long.png": tall.getvalue()})
    site = build(root, root / "site", site_env)
    made = sorted((site / "assemblies/2024-11-07-flooding/images").glob("long-*.webp"))
    assert made
    for path in made:
        with Image.open(path) as image:
            assert image.height <= 16_383 and image.width <= 1080


def test_colour_hidden_under_transparent_pixels_is_published_nowhere(tmp_path, site_env):
    """Issue 23, item 2: text drawn under alpha 0 showed on card.jpg, and stayed in the WebP
    copies for anyone who drops the alpha channel."""
    from PIL import ImageDraw

    root = in_private_repository(copy_project(tmp_path, with_assemblies=False))
    logo = Image.new("RGBA", (900, 600), (0, 0, 0, 0))
    ImageDraw.Draw(logo).rectangle((0, 0, 899, 599), fill=(200, 0, 0, 0))  # red, fully transparent
    ImageDraw.Draw(logo).ellipse((300, 150, 600, 450), fill=(0, 90, 200, 255))  # what can be seen
    data = io.BytesIO()
    logo.save(data, "PNG")
    write_record(root, "2024-11-07-flooding", "title: T\ndate: 2024-11-07\nphotos:\n  - file: logo.png\n"
                 "    alt: A blue circle\n    consent: true\n", {"logo.png": data.getvalue()})
    site = build(root, root / "site", site_env)
    folder = site / "assemblies/2024-11-07-flooding"
    for path in (folder / "images").glob("*.webp"):
        with Image.open(path) as image:
            red = [p for p in image.convert("RGBA").get_flattened_data() if p[3] == 0 and p[0] > 120 and p[1] < 80 and p[2] < 80]
            assert not red, (path.name, red[:3])
    with Image.open(folder / "card.jpg") as card:
        panel = card.convert("RGB").crop((card.width - 40, 20, card.width - 10, 50))
        assert all(r > 200 and g > 200 and b > 200 for r, g, b in panel.get_flattened_data())  # white, not red or black


def test_a_card_with_a_pasted_100000_letter_word_is_drawn_in_bounded_work(monkeypatch):
    """Issue 23, item 13: a word longer than the line was cut one letter at a time and
    measured again each time: a 2,500-letter link took 17 s, a pasted blob hours."""
    from PIL import ImageFont

    from folkmoot.outputs import cards

    measured = [0]
    real = ImageFont.FreeTypeFont.getlength

    def counting(font, text, *args, **kwargs):
        measured[0] += len(text)
        if measured[0] > 2_000_000:  # letters measured: a linear cut measures a few tens of thousands
            raise AssertionError("the card measured far more text than it draws")
        return real(font, text, *args, **kwargs)

    monkeypatch.setattr(ImageFont.FreeTypeFont, "getlength", counting)
    blob = "aGVsbG8gd29ybGQ" * 6667  # 100,005 letters, as a pasted base64 image would be
    card = cards.draw(cards.Card("Northfield Climate Centre", "Flooding " + blob, "13 November 2025",
                                 "Agreed: see https://example.org/" + blob))
    assert _right_margin_is_clear(card)
    assert measured[0] < 300_000


def test_cards_draw_what_they_can_of_emoji_and_set_right_to_left_words_in_reading_order():
    """Issue 23, item 16: one emoji removed the whole title; an Arabic title that mixed
    fonts (with "COP30", or after "Agreed:") came out in reversed word order."""
    from folkmoot.outputs import cards

    def card(title, body=""):
        return cards.draw(cards.Card("Org", title, "13 November 2025", body))

    assert card("Flooding 🌊 assembly") == card("Flooding assembly") != card("")
    assert card("Flooding🌊") == card("Flooding")

    title = "مؤتمر COP30 للمناخ"  # "the COP30 conference on climate"
    words = title.split()
    assert cards.font_for(words[0], "bold") != cards.font_for("COP30", "bold")  # a line in two fonts
    # drawn from the left: the last word first, then COP30, and the first word at the right
    assert cards.visual_order(words, rtl=True) == [2, 1, 0]
    assert cards.visual_order(["Agreed:", "نوسع", "المساحات", "الخضراء"], rtl=False) == [0, 3, 2, 1]
    assert cards.visual_order(["Agreed:", "build", "COP30"], rtl=False) == [0, 1, 2]
    assert cards.visual_order(["نوسع", "COP", "30", "2025", "المساحات"], rtl=True) == [4, 1, 2, 3, 0]
    # a right-to-left title is set against the right edge of the text, not the left
    with Image.open(io.BytesIO(card(title))) as image:
        left, _, right, _ = image.convert("L").point(lambda v: 255 if v > 250 else 0).getbbox()  # the white title
    assert right > cards.WIDTH - cards.PAD - 20 and left > cards.PAD + 100, (left, right)
