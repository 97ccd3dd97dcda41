"""A site's repository is usually public: what is committed must be as safe as what
is published. Photos are cleaned before they are committed; check refuses what the
repository would give away, at its line, and says how to fix it."""

from __future__ import annotations

import io
import textwrap

import pytest

from PIL import Image, ImageChops, ImageStat

from conftest import ROOT, image_bytes, in_private_repository, run_check, write_record
from folkmoot.cli import main
from folkmoot.records.photo_privacy import inspect
from photos import SECRETS, flooded_street, phone_jpeg

RECORD = """\
    title: People's Assembly on Flooding
    date: 2024-11-07
    photos:
      - file: photos/street.jpg
        alt: Water over the road
        consent: true
"""


def _difference(a: Image.Image, b: Image.Image) -> float:
    small = (96, 64)
    diff = ImageChops.difference(a.convert("RGB").resize(small), b.convert("RGB").resize(small))
    return sum(ImageStat.Stat(diff).mean) / 3


def test_the_example_photos_carry_nothing_but_the_picture():
    photos = sorted((ROOT / "assemblies").rglob("photos/*.jpg"))
    assert len(photos) == 2
    for path in photos:
        assert inspect(path)[0] == [], path
        data = path.read_bytes()
        assert not any(secret in data for secret in SECRETS), path
        with Image.open(path) as image:
            assert max(image.size) <= 1600 and not image.getexif()


def test_a_phone_photo_is_refused_at_its_line_and_clean_photos_fixes_it_upright(project, capsys):
    upright = flooded_street(1800, 1200)
    write_record(project, "2024-11-07-flooding", RECORD, {"photos/street.jpg": phone_jpeg(upright, orientation=6)})
    status, lines = run_check(project, capsys)
    assert status == 1
    assert lines[0].startswith("assemblies/2024-11-07-flooding/assembly.yml:4: error: `photos/street.jpg` still carries "
                               "the place it was taken")
    assert "serial number" in lines[0] and "the repository is public" in lines[0]
    assert "`folkmoot clean-photos assemblies/2024-11-07-flooding/photos/street.jpg`" in lines[0]

    assert main(["--root", str(project), "clean-photos", "assemblies/2024-11-07-flooding/photos/street.jpg"]) == 0
    status, lines = run_check(project, capsys)
    assert status == 0, lines
    cleaned = project / "assemblies/2024-11-07-flooding/photos/street.jpg"
    data = cleaned.read_bytes()
    assert not any(secret in data for secret in SECRETS)
    with Image.open(cleaned) as image:
        assert image.size == (1600, 1067) and not image.getexif() and "icc_profile" in image.info
        assert _difference(image, upright) < 4  # the picture as it was seen: upright, not turned again
        assert _difference(image, upright.rotate(180)) > 20


def test_a_photo_far_bigger_than_the_site_uses_is_refused_and_made_smaller(project, capsys):
    big = io.BytesIO()
    flooded_street(4032, 3024).save(big, "PNG")
    write_record(project, "2024-11-07-flooding", RECORD.replace("street.jpg", "street.png"),
                 {"photos/street.png": big.getvalue()})
    status, lines = run_check(project, capsys)
    assert status == 1 and "is 4,032 pixels on its long side" in lines[0] and ":4: error:" in lines[0]
    assert main(["--root", str(project), "clean-photos"]) == 0  # every photo under assemblies/
    assert run_check(project, capsys)[0] == 0
    with Image.open(project / "assemblies/2024-11-07-flooding/photos/street.png") as image:
        assert image.size == (1600, 1200) and image.format == "PNG"


def test_in_a_private_repository_a_phone_photo_is_a_warning(project, capsys):
    write_record(project, "2024-11-07-flooding", RECORD, {"photos/street.jpg": phone_jpeg(flooded_street(600, 400))})
    in_private_repository(project)
    status, lines = run_check(project, capsys)
    assert status == 0 and "warning: `photos/street.jpg` still carries the place it was taken" in lines[0]


def test_add_photos_copies_clean_photos_and_adds_entries_to_fill_in(project, tmp_path, capsys):
    phone = tmp_path / "IMG_2041.JPG"
    phone.write_bytes(phone_jpeg(flooded_street(4000, 3000)))
    write_record(project, "2024-11-07-flooding", textwrap.dedent("""\
        title: People's Assembly on Flooding  # the title
        date: 2024-11-07
        photos:
        - file: photos/hall.png
          alt: The hall
          consent: true
        # a comment that stays
        summary: Flooding.
    """), {"photos/hall.png": (lambda b: (Image.new("RGB", (30, 20)).save(b, "PNG"), b.getvalue())[1])(io.BytesIO())})
    assert main(["--root", str(project), "add-photos", "2024-11-07-flooding", str(phone), str(phone)]) == 0
    out = capsys.readouterr().out
    assert "Added assemblies/2024-11-07-flooding/photos/img-2041.jpg" in out and "img-2041-2.jpg" in out
    record = project / "assemblies/2024-11-07-flooding/assembly.yml"
    text = record.read_text()
    assert "title: People's Assembly on Flooding  # the title" in text and "# a comment that stays" in text
    status, lines = run_check(project, capsys)
    assert status == 1 and any("has no `alt` text" in ln for ln in lines), lines
    record.write_text(text.replace('alt: ""', "alt: A flooded street").replace("consent: false", "consent: true"))
    assert run_check(project, capsys)[0] == 0
    with Image.open(project / "assemblies/2024-11-07-flooding/photos/img-2041.jpg") as image:
        assert image.size == (1600, 1200) and not image.getexif()
    assert phone.read_bytes()[:2] == b"\xff\xd8" and inspect(phone)[0]  # the original is left alone


def test_add_photos_starts_a_list_in_a_record_without_one(project, tmp_path, capsys):
    phone = tmp_path / "street.jpg"
    phone.write_bytes(phone_jpeg(flooded_street(900, 600)))
    write_record(project, "2024-11-07-flooding", "title: T\ndate: 2024-11-07\nphotos: []\nsummary: S.\n")
    assert main(["--root", str(project), "add-photos", "2024-11-07-flooding", str(phone)]) == 0
    record = project / "assemblies/2024-11-07-flooding/assembly.yml"
    record.write_text(record.read_text().replace('alt: ""', "alt: A street").replace("consent: false", "consent: true"))
    status, lines = run_check(project, capsys)
    assert status == 0, lines
    assert main(["--root", str(project), "add-photos", "nope", str(phone)]) == 1
    assert "there is no assembly `nope`" in capsys.readouterr().err
    outside = tmp_path / "elsewhere"
    (outside / "x").mkdir(parents=True)
    (outside / "x/assembly.yml").write_text("title: T\n")
    assert main(["--root", str(project), "add-photos", "../elsewhere/x", str(phone)]) == 1  # never outside assemblies/
    assert not (outside / "x/photos").exists()


def test_check_warns_with_figures_before_the_site_or_the_photos_near_githubs_limits(tmp_path, capsys, monkeypatch):
    from conftest import copy_project

    from folkmoot.commands import budget

    root = copy_project(tmp_path)
    status, lines = run_check(root, capsys)
    assert status == 0 and not any("GitHub Pages publishes" in ln or "weigh" in ln for ln in lines)
    # as if the photos were 2,000 times heavier and the site were as big as 1,000 assemblies with 8 photos each
    monkeypatch.setattr(budget, "PHOTOS_WARNING", budget.repository_photo_bytes(root) // 2000)
    monkeypatch.setattr(budget, "PAGE_BYTES_PER_ASSEMBLY", 300_000_000)
    status, lines = run_check(root, capsys)
    assert status == 0
    assert any(ln.startswith("assemblies: warning: The photos in the repository weigh 0.") and "1 GB" in ln
               for ln in lines), lines
    assert any(ln.startswith("assemblies: warning: The site would be about 902 MB (90% of the 1 GB GitHub Pages "
                             "publishes at most)") for ln in lines), lines


def test_build_says_what_the_site_and_the_photos_weigh(tmp_path, capsys, site_env, monkeypatch):
    from conftest import copy_project

    root = copy_project(tmp_path)
    for key, value in site_env.items():
        monkeypatch.setenv(key, value)
    assert main(["--root", str(root), "build"]) == 0
    out = capsys.readouterr().out
    assert "The site is " in out and "of the 1 GB GitHub Pages publishes); the photos in the repository weigh 0.4 MB." in out


def test_an_iphone_heic_photo_gets_a_hint_and_add_photos_turns_it_into_a_jpeg(project, tmp_path, capsys):
    """Issue 23, item 18: a HEIC photo got "not a photo format" with no way forward."""
    import pillow_heif

    pillow_heif.register_heif_opener()
    heic = io.BytesIO()
    flooded_street(1200, 800).save(heic, "HEIF", quality=80)
    write_record(project, "2024-11-07-flooding", RECORD.replace("street.jpg", "IMG_0001.HEIC"),
                 {"photos/IMG_0001.HEIC": heic.getvalue()})
    status, lines = run_check(project, capsys)
    assert status == 1 and "is an iPhone HEIC photo" in lines[0]
    assert "`folkmoot add-photos 2024-11-07-flooding assemblies/2024-11-07-flooding/photos/IMG_0001.HEIC`" in lines[0]
    source = project / "assemblies/2024-11-07-flooding/photos/IMG_0001.HEIC"
    assert main(["--root", str(project), "add-photos", "2024-11-07-flooding", str(source)]) == 0
    with Image.open(project / "assemblies/2024-11-07-flooding/photos/img-0001.jpg") as image:
        assert image.format == "JPEG" and image.size == (1200, 800) and not image.getexif()


def test_the_cache_never_decides_what_is_published(tmp_path, capsys, site_env, monkeypatch):
    """Issue 23, item 1: the checked records kept under .cache/ were trusted over the
    records. An entry changed to publish a draft or a photo without consent, to drop a
    record, or left empty or cut short, is a miss: the record itself is read again."""
    import json
    import subprocess

    from conftest import copy_project, image_bytes

    for key, value in site_env.items():
        monkeypatch.setenv(key, value)
    root = in_private_repository(copy_project(tmp_path))
    write_record(root, "2025-02-20-budget", "title: Budget draft\ndate: 2025-02-20\ndraft: true\n")
    write_record(root, "2025-03-20-parks", "title: Parks\ndate: 2025-03-20\nphotos:\n  - file: photos/circle.jpg\n"
                 "    alt: A circle of chairs\n", {"photos/circle.jpg": image_bytes(800, 600, "JPEG")})
    status, first = run_check(root, capsys)
    assert status == 0

    def tamper(change) -> int:
        changed = 0
        for entry in (root / ".cache/plugin/folkmoot").glob("*/*"):
            try:
                kept = json.loads(entry.read_bytes())
            except ValueError:
                continue
            if isinstance(kept, dict) and isinstance(kept.get("assembly"), dict):
                changed += change(entry, kept, kept["assembly"]["slug"])
        return changed

    def forge(entry, kept, slug):
        if slug == "2025-02-20-budget":
            kept["assembly"]["draft"] = False
        elif slug == "2025-03-20-parks":
            kept["assembly"]["photos"][0]["consent"] = True
        elif slug == "2025-11-13-flooding":
            kept["assembly"] = None
        else:
            return 0
        entry.write_text(json.dumps(kept))
        return 1

    assert tamper(forge) == 3
    assert run_check(root, capsys) == (0, first)  # still "will not be published", and no record dropped
    assert main(["--root", str(root), "build"]) == 0
    capsys.readouterr()
    site = root / "site"
    assert not (site / "assemblies/2025-02-20-budget").exists()
    assert (site / "assemblies/2025-03-20-parks/index.html").exists()
    assert not [p for p in site.rglob("*") if "circle" in p.name]
    assert "A circle of chairs" not in (site / "assemblies/2025-03-20-parks/index.html").read_text()
    assert (site / "assemblies/2025-11-13-flooding/index.html").exists()

    # entries cut short, emptied, or of the wrong shape: checked afresh, never a traceback
    shapes = [b"", b'{"assembly": {"slug": "2025-1', b"[]", b'{"assembly": {"title": 5}, "problems": []}']
    for i, entry in enumerate(sorted((root / ".cache/plugin/folkmoot").glob("*/*"))):
        entry.write_bytes(shapes[i % len(shapes)])
    assert run_check(root, capsys) == (0, first)

    # a repository that tracks .cache/ is refused
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "-f", ".cache"], check=True)
    status, lines = run_check(root, capsys)
    assert status == 1 and any(ln.startswith(".cache: error: The cache folder is committed") for ln in lines), lines


def test_a_phone_photo_on_a_hand_written_page_is_refused_or_published_clean(tmp_path, capsys, site_env, monkeypatch):
    """Issue 23, item 3: `content/hall.jpg` was copied to the site byte for byte, GPS and
    serial number included. In a public repository check refuses it; in a private one the
    site gets a clean copy."""
    from conftest import copy_project

    for key, value in site_env.items():
        monkeypatch.setenv(key, value)
    root = copy_project(tmp_path)
    (root / "content/hall.jpg").write_bytes(phone_jpeg(flooded_street(4000, 3000)))
    index = root / "content/index.md"
    index.write_text(index.read_text() + "\n![The hall set out for the assembly](hall.jpg)\n")
    status, lines = run_check(root, capsys)
    assert status == 1
    assert any(ln.startswith("content/hall.jpg: error: This picture still carries the place it was taken") and
               "`folkmoot clean-photos content/hall.jpg`" in ln for ln in lines), lines
    assert any(ln.startswith("content/hall.jpg: error: This picture is 4,000 pixels") for ln in lines), lines

    in_private_repository(root)
    status, lines = run_check(root, capsys)
    assert status == 0 and any(ln.startswith("content/hall.jpg: warning:") for ln in lines), lines
    assert main(["--root", str(root), "build"]) == 0
    capsys.readouterr()
    published = root / "site/hall.jpg"
    assert not any(secret in published.read_bytes() for secret in SECRETS)
    assert inspect(published) == ([], 1600)
    assert 'src="hall.jpg"' in (root / "site/index.html").read_text()

    assert main(["--root", str(root), "clean-photos", "content/hall.jpg"]) == 0
    capsys.readouterr()
    assert run_check(root, capsys)[0] == 0 and inspect(root / "content/hall.jpg") == ([], 1600)


@pytest.mark.parametrize("page", ["assemblies/index.md", "assemblies.md", "assemblies/2025-11-13-flooding.md",
                                  "responses/leeds-city-council/index.md"])
def test_a_hand_written_page_where_folkmoot_makes_pages_is_refused(tmp_path, capsys, page):
    """Issue 23, item 18: such a page was replaced by the generated one without a word."""
    from conftest import copy_project

    root = copy_project(tmp_path)
    (root / "content" / page).parent.mkdir(parents=True, exist_ok=True)
    (root / "content" / page).write_text("# Our assemblies\n\nWritten by hand.\n")
    status, lines = run_check(root, capsys)
    first = page.split("/")[0].removesuffix(".md")
    assert status == 1 and f"content/{page}: error: folkmoot makes every page under `{first}/` from the records" in \
        "\n".join(lines), lines


# Issue 31, items 5 to 10: every container a picture can carry text in, checked by an allow-list.

def _png_with_text() -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jane Doe")
    info.add_text("Comment", "Taken at 12 Acacia Avenue")
    info.add_itxt("Description", "The Doe family's front room")
    out = io.BytesIO()
    flooded_street(600, 400).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def _jpeg_with_exif_text() -> bytes:
    exif = Image.Exif()
    exif[0x010E] = "Jane Doe at home"  # ImageDescription
    exif[0x013C] = "Jane Doe's iPhone"  # HostComputer
    exif[0x9C9D] = "Jane Doe".encode("utf-16-le")  # XPAuthor
    exif[0xC62F] = "SN-88412"  # CameraSerialNumber
    out = io.BytesIO()
    flooded_street(600, 400).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def _jpeg_with_xmp_contact() -> bytes:
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           b'<rdf:Description xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/" '
           b'xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"><Iptc4xmpCore:CreatorContactInfo '
           b'Iptc4xmpCore:CiAdrExtadr="12 Acacia Avenue" Iptc4xmpCore:CiEmailWork="jane@example.org"/>'
           b'<Iptc4xmpExt:LocationCreated>12 Acacia Avenue</Iptc4xmpExt:LocationCreated>'
           b"</rdf:Description></rdf:RDF></x:xmpmeta>")
    out = io.BytesIO()
    flooded_street(600, 400).save(out, "JPEG", xmp=xmp)
    return out.getvalue()


def _personal_profile() -> bytes:
    """Pillow's own sRGB profile with its description and copyright rewritten to name someone."""
    from PIL import ImageCms

    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    for old, new in (("sRGB built-in", "Jane's phone!"), ("No copyright, use freely", "Call Jane on 07700900123")):
        assert len(old) == len(new) and old.encode("utf-16-be") in icc
        icc = icc.replace(old.encode("utf-16-be"), new.encode("utf-16-be"))
    return icc


def _jpeg_with_personal_profile() -> bytes:
    out = io.BytesIO()
    flooded_street(600, 400).save(out, "JPEG", icc_profile=_personal_profile())
    return out.getvalue()


CARRIERS = {"png-text.png": (_png_with_text, "text written into the file (Author, Comment, Description)"),
            "exif-text.jpg": (_jpeg_with_exif_text, "a description"),
            "xmp-contact.jpg": (_jpeg_with_xmp_contact, "the photographer's address or phone"),
            "profile.jpg": (_jpeg_with_personal_profile, "a colour profile that is not a standard one")}


@pytest.mark.parametrize("name", CARRIERS)
def test_check_refuses_a_picture_carrying_text_of_any_kind_and_clean_photos_removes_it_for_good(project, capsys, name):
    make, words = CARRIERS[name]
    record = RECORD.replace("photos/street.jpg", f"photos/{name}")
    write_record(project, "2024-11-07-flooding", record, {f"photos/{name}": make()})
    status, lines = run_check(project, capsys)
    assert status == 1 and words in lines[0] and "assembly.yml:4: error:" in lines[0], lines
    (project / "content").mkdir()  # the same picture on a hand-written page
    (project / "content" / name).write_bytes(make())
    status, lines = run_check(project, capsys)
    assert any(line.startswith(f"content/{name}:") and words in line for line in lines), lines

    path = f"assemblies/2024-11-07-flooding/photos/{name}"
    assert main(["--root", str(project), "clean-photos", path, f"content/{name}"]) == 0
    assert run_check(project, capsys)[0] == 0
    cleaned = (project / path).read_bytes()
    for secret in (b"Jane", b"J\x00a\x00n\x00e", b"Acacia", b"SN-88412", b"07700900123", b"\x00J\x00a\x00n\x00e"):
        assert secret not in cleaned, secret
    # item 8: a clean photo is left alone: the same bytes, however often it is cleaned
    capsys.readouterr()
    assert main(["--root", str(project), "clean-photos", path]) == 0
    assert "already clean, left as it is" in capsys.readouterr().out
    assert (project / path).read_bytes() == cleaned


def test_a_picture_no_entry_lists_is_checked_all_the_same(project, capsys):
    """Item 9: uploaded before its entry was written, or left behind."""
    write_record(project, "2024-11-07-flooding", "title: T\ndate: 2024-11-07\n", {
        "photos/unlisted.jpg": phone_jpeg(flooded_street(600, 400)), "stray.png": image_bytes(30, 20)})
    status, lines = run_check(project, capsys)
    assert status == 1
    assert any(line.startswith("assemblies/2024-11-07-flooding/photos/unlisted.jpg: error: This picture is not "
                               "listed under `photos:`, and it still carries the place it was taken") for line in lines)
    assert any(line.startswith("assemblies/2024-11-07-flooding/stray.png: warning:") and "not listed" in line
               for line in lines), lines


def test_add_photos_adds_all_or_nothing(project, tmp_path, capsys):
    """Item 9: one file that is not a photo, and nothing is copied or listed (a retry adds no `-2` copies)."""
    good, notes = tmp_path / "good.jpg", tmp_path / "notes.pdf"
    good.write_bytes(phone_jpeg(flooded_street(600, 400)))
    notes.write_bytes(b"%PDF-1.4 not a photo")
    folder = write_record(project, "2024-11-07-flooding", "title: T\ndate: 2024-11-07\n")
    before = (folder / "assembly.yml").read_bytes()
    assert main(["--root", str(project), "add-photos", "2024-11-07-flooding", str(good), str(notes)]) == 1
    assert "Nothing was added" in capsys.readouterr().err
    assert (folder / "assembly.yml").read_bytes() == before and not (folder / "photos").exists()


def test_add_photos_joins_a_list_written_in_flow_style(project, tmp_path, capsys):
    """Item 10."""
    import yaml

    phone = tmp_path / "street.jpg"
    phone.write_bytes(phone_jpeg(flooded_street(600, 400)))
    folder = write_record(project, "2024-11-07-flooding", "title: T\ndate: 2024-11-07\n"
                          "photos: [{file: photos/hall.png, alt: The hall, consent: true}]\nsummary: S.\n",
                          {"photos/hall.png": image_bytes(30, 20)})
    assert main(["--root", str(project), "add-photos", "2024-11-07-flooding", str(phone)]) == 0
    record = folder / "assembly.yml"
    data = yaml.safe_load(record.read_text())
    assert [p["file"] for p in data["photos"]] == ["photos/hall.png", "photos/street.jpg"] and data["summary"] == "S."
    record.write_text(record.read_text().replace('alt: ""', "alt: A street").replace("consent: false", "consent: true"))
    assert run_check(project, capsys)[0] == 0
