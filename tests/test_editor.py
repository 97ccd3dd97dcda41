"""Issue 33: a form at /admin/ writes the same records a volunteer would, in a real browser.

The form is the vendored Sveltia CMS, driven in headless Chromium against the example
site's records held in the browser's private file system (OPFS): the "Work with Local
Repository" route, with the folder picker answered by `local_repository_stub.js`. What
the form saves is read back and checked by folkmoot itself.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from PIL import Image

from browser import CHROMIUM_FLAGS, Server, chromium_path
from conftest import ROOT, build, copy_project, soup
from folkmoot.cli import main
from folkmoot.commands.new import new_assembly
from folkmoot.problems import Problems
from folkmoot.records.yamlload import load_yaml

STUB = (Path(__file__).parent / "local_repository_stub.js").read_text(encoding="utf-8")
SCHEMA = ROOT / "generator/folkmoot/assets/admin/vendor/npm/@sveltia/cms@0.221.1/schema/sveltia-cms.json"
FLOOD = "assemblies/2025-11-13-flooding/assembly.yml"
NEW_RECORD = "2027-09-16-clean-air"
COUNCIL = "Northfield Borough Council"


@pytest.fixture(scope="module")
def project(tmp_path_factory, site_env):
    """The example, plus a record just made by `folkmoot new`, built with its form."""
    root = copy_project(tmp_path_factory.mktemp("editor"))
    new_assembly(root, "People's Assembly on Clean Air", "2027-09-16")
    build(root, root / "site", site_env)
    return root


def repository_files(root: Path) -> dict:
    files = {}
    for path in sorted((root / "assemblies").rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            try:
                files[path.relative_to(root).as_posix()] = data.decode("utf-8")
            except UnicodeDecodeError:
                files[path.relative_to(root).as_posix()] = {"base64": base64.b64encode(data).decode()}
    return files


@pytest.fixture(scope="module")
def editor(project):
    """Open the form, signed in to the local repository; gives (page, requests that left the site)."""
    from playwright.sync_api import sync_playwright

    server = Server(project / "site")
    # the local repository is offered on localhost only; nothing else resolves
    flags = [f for f in CHROMIUM_FLAGS if "host-resolver" not in f]
    flags.append("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost")
    base = server.base.replace("127.0.0.1", "localhost")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=flags)
        outside = []

        def open_form():
            """A fresh browser profile each time: signed out, with the repository as it was."""
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
            context.on("request", lambda r: outside.append(r.url)
                       if not r.url.startswith((base, "data:", "blob:")) else None)
            page = context.new_page()
            page.add_init_script(f"globalThis.__LOCAL_REPO_FILES__ = {json.dumps(repository_files(project))};\n{STUB}")
            page.goto(base + "admin/")
            page.get_by_role("button", name="Work with Local Repository").click(timeout=30_000)
            page.get_by_text("People's Assembly on Flooding").first.wait_for(timeout=30_000)
            return page

        yield open_form, outside
        browser.close()
    server.close()


def reveal(page, locator, tries: int = 60, at_least: int = 1):
    """The form draws fields as they scroll into view: scroll until `locator` exists."""
    page.mouse.move(640, 500)
    for attempt in range(tries):
        if locator.count() >= at_least:
            locator.nth(at_least - 1).scroll_into_view_if_needed()
            return locator
        if attempt == 0:
            page.mouse.wheel(0, -100_000)  # from the top: fields scrolled past are drawn again
        page.mouse.wheel(0, 500)
        page.wait_for_timeout(120)
    page.screenshot(path="/tmp/editor-reveal-failed.png")
    raise AssertionError(f"the form never showed {getattr(locator, 'label', locator)}")


def adder(page, what: str):
    """The "Add ..." button of a list (its label sits between Unicode isolates)."""
    return page.get_by_role("button", name=re.compile(rf"Add\W*{re.escape(what)}\W*$"))


class Select:
    """The choice lists labelled `label` (Sveltia names them by aria-labelledby), in page order."""

    def __init__(self, page, label: str):
        self.page, self.label, self.all = page, label, page.get_by_role("combobox")

    def _indices(self) -> list[int]:
        return self.all.evaluate_all("""(els, label) => els.map((e, i) => [i, (document.getElementById(
            (e.getAttribute('aria-labelledby') || '').split(' ')[0]) || {}).innerText || ''])
            .filter(([i, text]) => text.trim() === label).map(([i]) => i)""", self.label)

    def count(self) -> int:
        return len(self._indices())

    @property
    def first(self):
        return self.nth(0)

    @property
    def last(self):
        return self.nth(-1)

    def nth(self, n: int):
        return self.all.nth(self._indices()[n])


def select(page, label: str) -> Select:
    return Select(page, label)


def choose(page, combobox, option: str):
    combobox.click()
    page.get_by_role("option", name=option, exact=True).first.click()


def read(page, path: str) -> str:
    return page.evaluate("(p) => globalThis.__LOCAL_REPO__.read(p)", path)


def read_bytes(page, path: str) -> bytes:
    data = page.evaluate("""async (p) => {
        const parts = p.split('/'); const name = parts.pop(); let dir = await globalThis.__LOCAL_REPO__.ready;
        for (const part of parts) dir = await dir.getDirectoryHandle(part);
        const bytes = new Uint8Array(await (await (await dir.getFileHandle(name)).getFile()).arrayBuffer());
        let text = ''; for (const b of bytes) text += String.fromCharCode(b); return btoa(text);
    }""", path)
    return base64.b64decode(data)


def listed(page) -> list[str]:
    return page.evaluate("() => globalThis.__LOCAL_REPO__.list()")


def save(page):
    back = page.get_by_role("button", name="New")  # back at the list: saved
    for _ in range(3):  # right after a photo is added the editor may still be converting it
        page.get_by_role("button", name="Save", exact=True).click()
        try:
            back.wait_for(timeout=6_000)
            break
        except Exception:
            continue
    else:
        errors = page.locator("[aria-invalid=true]").evaluate_all("""els => els.map(e => {
            const label = document.getElementById(e.getAttribute('aria-labelledby') || '');
            return (label ? label.innerText : e.outerHTML.slice(0, 120));
        })""")
        page.screenshot(path="/tmp/editor-save-failed.png")
        raise AssertionError(f"the form did not save: {errors}") from None
    page.wait_for_timeout(300)


def phone_photo() -> bytes:
    """A 3000x2000 JPEG as a phone takes it: GPS position, make, model and owner."""
    image = Image.new("RGB", (3000, 2000), (70, 120, 160))
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0xA430] = "PhoneMaker", "Phone 15", "Jane Doe"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (51.0, 33.0, 12.0), 3: "W", 4: (0.0, 6.0, 30.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), quality=90)
    return out.getvalue()


def plain_data(value):
    """A record's data to compare: dates as text, and text without the line break that
    YAML's folded `>` blocks end with (the form writes the same words on one line)."""
    if isinstance(value, dict):
        return {k: plain_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_data(v) for v in value]
    if isinstance(value, (dt.date, str)):
        return str(value).rstrip("\n")
    return value


def write_back(page, project: Path, dest: Path) -> Path:
    """The repository as the form left it: the example's settings and every record file."""
    shutil.copytree(project, dest, ignore=shutil.ignore_patterns("site", ".cache", "assemblies"))
    for rel in listed(page):
        if rel.startswith("assemblies/"):
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(read_bytes(page, rel))
    return dest


def test_a_volunteer_creates_an_assembly_and_updates_another_and_check_passes(editor, project, tmp_path, capsys,
                                                                               monkeypatch):
    open_form, outside = editor
    page = open_form()
    before = set(listed(page))

    # an assembly just held: two outcomes sent to the council, an update on the first, a phone photo
    page.get_by_role("button", name="New").click()
    page.get_by_text(re.compile(r"Creating\W*Assembly")).first.wait_for()
    page.wait_for_timeout(800)  # the new entry's form settles before it is typed into
    title = page.get_by_role("textbox", name="Title", exact=True)
    title.fill("People's Assembly on Warm Streets")
    page.locator("input[type=date]").first.fill("2026-10-08")
    page.get_by_role("textbox", name="Time", exact=True).fill("19:00")
    assert title.input_value() == "People's Assembly on Warm Streets"
    for n, idea in enumerate(("A warm space in every ward library", "Draught-proofing for older homes")):
        reveal(page, adder(page, "outcome")).last.click()
        # a new item opens, and closes the one before: the last of each field is the new one's
        reveal(page, page.get_by_role("textbox", name="Short name (id)")).last.fill(f"idea-{n + 1}")
        reveal(page, page.get_by_role("textbox", name="The idea")).last.fill(idea)
        choose(page, reveal(page, select(page, "Sent to")).last, COUNCIL)
    reveal(page, adder(page, "update")).first.click()
    page.get_by_label("Date", exact=True).last.fill("2026-11-02")
    choose(page, select(page, "Progress now").last, "Shared")
    page.get_by_role("textbox", name="What happened").last.fill("Sent to the council's cabinet member for housing.")
    reveal(page, adder(page, "photo")).last.click()
    (tmp_path / "street.jpg").write_bytes(phone_photo())
    reveal(page, page.get_by_role("button", name="Browse")).last.click()
    with page.expect_file_chooser() as chosen:
        page.get_by_role("button", name=re.compile("Upload")).last.click()
    chosen.value.set_files(str(tmp_path / "street.jpg"))
    page.get_by_role("button", name="Insert").click(timeout=20_000)
    reveal(page, page.get_by_role("textbox", name="Description for people who cannot see it")).last.fill(
        "A street of terraced houses under a grey sky.")
    reveal(page, page.get_by_role("switch", name="Everyone recognisable agreed to its publication")).last.click()
    save(page)

    made = sorted(set(listed(page)) - before)
    [record] = [f for f in made if f.endswith("assembly.yml")]
    text = read(page, record)
    data = load_yaml(text, record, Problems())  # as folkmoot reads it
    assert data["title"] == "People's Assembly on Warm Streets" and data["draft"] is True
    assert [o["title"] for o in data["outcomes"]] == ["A warm space in every ward library",
                                                      "Draught-proofing for older homes"]
    assert data["outcomes"][0]["directed_to"] == [COUNCIL]
    assert "\ntime: 19:00\n" in text and data["time"] == "19:00"  # plain, as YAML 1.2 writes it: text
    [photo] = data["photos"]
    assert photo["consent"] is True and photo["file"].startswith("photos/") and photo["file"].endswith(".webp")
    picture = read_bytes(page, f"{record.rsplit('/', 1)[0]}/{photo['file']}")
    with Image.open(io.BytesIO(picture)) as image:
        assert image.format == "WEBP" and max(image.size) <= 1600
        assert not image.getexif() and not image.info.get("exif") and not image.info.get("xmp")
    assert b"Jane Doe" not in picture and b"PhoneMaker" not in picture

    # an existing outcome moves on: the council answered the flood map idea
    original = load_yaml((project / FLOOD).read_text(encoding="utf-8"), FLOOD, Problems())
    page.get_by_text("People's Assembly on Flooding").first.click()
    page.get_by_text(re.compile(r"Assemblies\W*›")).first.wait_for()
    page.wait_for_timeout(800)
    summary = reveal(page, page.get_by_text(original["outcomes"][0]["title"], exact=True)).first
    summary.locator("xpath=ancestor::*[.//button][1]//button").first.click()  # the closed outcome's toggle
    reveal(page, adder(page, "update")).first.click()
    page.get_by_label("Date", exact=True).last.fill("2026-11-20")
    choose(page, select(page, "Progress now").last, "In progress")
    page.get_by_role("textbox", name="What happened").last.fill("Surveyors began mapping the Millbrook estate.")
    save(page)

    edited = load_yaml(read(page, FLOOD), FLOOD, Problems())
    added = original["outcomes"][0]["updates"] + [
        {"date": dt.date(2026, 11, 20), "status": "in-progress", "note": "Surveyors began mapping the Millbrook estate."}]
    expected = plain_data(original)
    expected["outcomes"][0]["updates"] = plain_data(added)
    assert plain_data(edited) == expected  # the same data, plus the one update

    # folkmoot reads what the form wrote, and passes it
    written = write_back(page, project, tmp_path / "repository")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564800")
    capsys.readouterr()
    assert main(["--root", str(written), "check"]) == 0, capsys.readouterr().out
    assert outside == []


def edit(page, title: str, label: str, value: str) -> None:
    page.get_by_text(title).first.click()
    page.get_by_text(re.compile(r"Assemblies\W*›")).first.wait_for()
    page.wait_for_timeout(800)
    box = reveal(page, page.get_by_role("textbox", name=label, exact=True)).first
    box.fill(value)
    save(page)


def test_after_its_first_save_a_change_in_the_form_changes_only_its_own_lines(editor, project):
    """Issue 33, item 3: the form saves an unchanged record as it is (its Save stays off), the
    first save of a hand-written record is the only one that reformats it, and a record that
    `folkmoot new` wrote is in the form's style already, so its first change is its own line."""
    open_form, outside = editor
    page = open_form()
    path = f"assemblies/{NEW_RECORD}/assembly.yml"
    written = read(page, path)
    edit(page, "People's Assembly on Clean Air", "Time", "18:30-20:30")
    assert read(page, path) == written.replace("draft: true\n", "time: 18:30-20:30\ndraft: true\n")

    edit(page, "People's Assembly on Flooding", "Time", "18:30-20:45")  # the first save: reformatted
    first = read(page, FLOOD).splitlines()
    edit(page, "People's Assembly on Flooding", "Time", "18:30-20:30")
    second = read(page, FLOOD).splitlines()
    assert [(a, b) for a, b in zip(first, second) if a != b] == [("time: 18:30-20:45", "time: 18:30-20:30")]
    assert len(first) == len(second)
    assert outside == []


def _config(site: Path) -> dict:
    return yaml.safe_load((site / "admin/config.yml").read_text(encoding="utf-8"))


def _fields(fields: list[dict], path: str = "") -> dict[str, dict]:
    found = {}
    for field in fields:
        found[path + field["name"]] = field
        found |= _fields(field.get("fields", []), f"{path}{field['name']}.")
    return found


def test_a_recap_story_beside_a_record_is_edited_in_the_form_as_plain_markdown(editor, project):
    """Issue 33, item 2: the Markdown files beside a record (its recap, its groups' notes)
    are editable too, and come back as the Markdown they were, with the new words."""
    open_form, outside = editor
    page = open_form()
    path = "assemblies/2025-11-13-flooding/recap.md"
    before = read(page, path)
    page.goto(page.url.split("#")[0] + "#/collections/texts")
    page.get_by_text(re.compile("2025-11-13-flo")).first.click()  # the assembly's folder
    assert page.get_by_text("notes", exact=True).count()  # its group notes, a folder further down
    page.get_by_text("2025-11-13-flooding/recap").first.click()
    story = page.get_by_role("textbox").first
    story.wait_for()
    assert story.input_value().strip() == before.strip()
    story.fill(before.rstrip() + "\n\nA follow-up evening on the map is planned for the spring.\n")
    save(page)
    after = read(page, path)
    assert after.startswith(before.rstrip()) and after.rstrip().endswith("planned for the spring.")
    assert not after.startswith("---")  # no front matter added
    assert outside == []


def test_the_forms_settings_are_the_record_format_and_valid_for_the_pinned_editor(example_site):
    """Issue 33, items 1, 2 and 6: made from the contract, so a field added to `record.schema.json`
    is in the form; valid against Sveltia's own schema; photos always made safe; saves go
    through pull requests; no preview (no YouTube frame)."""
    import jsonschema

    from folkmoot.records.schema import record_schema

    config = _config(example_site)
    jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(config)
    assert config["backend"] == {"name": "github", "repo": "folkmoot-example/northfield-assemblies", "branch": "main",
                                 "auth_methods": ["token"], "commit_messages": config["backend"]["commit_messages"]}
    assert config["publish_mode"] == "editorial_workflow" and config["editor"] == {"preview": False}
    assert config["media_libraries"]["default"]["config"]["transformations"]["raster_image"]["width"] == 1600
    assert config["output"]["omit_empty_optional_fields"] is True
    assemblies, texts = config["collections"]
    fields = _fields(assemblies["fields"])

    def contract(schema: dict, path: str = "") -> set[str]:
        names = set()
        for name, spec in schema.get("properties", {}).items():
            names.add(path + name)
            inner = spec.get("items", spec) if spec.get("type") == "array" else spec
            if inner.get("type") == "object":
                names |= contract(inner, f"{path}{name}.")
        return names
    assert set(fields) == contract(record_schema())
    assert list(fields)[:4] == ["title", "date", "time", "draft"]  # the order `folkmoot new` writes
    bodies = fields["outcomes.directed_to"]["options"]  # the bodies named in `recipients:`
    assert COUNCIL in bodies and bodies == sorted(bodies) and fields["outcomes.directed_to"]["multiple"] is True
    assert fields["photos.file"]["widget"] == "image" and fields["title"].get("required", True) is True
    assert fields["attendance"]["required"] is False
    assert texts["extension"] == "md" and texts["create"] is False


def test_the_form_speaks_the_sites_language(welsh_site):
    config = _config(welsh_site)
    fields = _fields(config["collections"][0]["fields"])
    assert fields["title"]["label"] == "Teitl" and fields["outcomes.title"]["label"] == "Y syniad"
    assert "Cynulliad y Bobl ar Wres" in fields["title"]["hint"]
    status = {o["value"]: o["label"] for o in fields["outcomes.status"]["options"]}
    assert status["in-progress"] == "Ar waith"  # the label the site shows
    page = soup(welsh_site / "admin/index.html")
    assert page.html["lang"] == "cy" and page.title.get_text().startswith("Golygu'r cofnodion mewn ffurflen")


def test_the_form_is_its_own_page_only(example_site):
    """Issue 33, items 1 and 7: not indexed, not in the navigation, search or sitemap; the
    editor's script on no page but its own; nothing it loads comes from elsewhere."""
    import gzip

    admin = soup(example_site / "admin/index.html")
    assert admin.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    assert [s["src"] for s in admin.find_all("script", src=True)] == ["sveltia-cms.js"]
    assert "admin/" not in (example_site / "sitemap.xml").read_text()
    for page in example_site.rglob("*.html"):
        if page.parent.name != "admin":
            assert "sveltia-cms.js" not in page.read_text(encoding="utf-8"), page
    for fragment in (example_site / "pagefind/fragment").glob("*.pf_fragment"):
        assert b'"url":"/admin/' not in gzip.decompress(fragment.read_bytes())
    bundle = (example_site / "admin/sveltia-cms.js").read_text(encoding="utf-8")
    for host in ("unpkg.com", "cdn.jsdelivr.net", "githubstatus.com/api", "sourceMappingURL"):
        assert host not in bundle
    assert (example_site / "admin/vendor/LICENSES/sveltia-cms.LICENSE.txt").is_file()
    assert not list((example_site / "admin").rglob("*.md")) and not (example_site / "admin/vendor/MANIFEST.json").exists()
    recap = soup(example_site / "assemblies/2025-11-13-flooding/index.html")
    link = recap.find("a", string="Edit it in the form")
    assert link["href"] == "../../admin/#/collections/assemblies/entries/2025-11-13-flooding/assembly"
    nav = " ".join(a.get("href", "") for a in soup(example_site / "index.html").select("nav a"))
    assert "admin" not in nav


def test_a_sign_in_service_is_offered_when_the_site_names_one(tmp_path, site_env, capsys, monkeypatch):
    root = copy_project(tmp_path)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      example_site: true\n",
                                   "      example_site: true\n      form_sign_in: http://auth.example\n"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", site_env["SOURCE_DATE_EPOCH"])
    assert main(["--root", str(root), "check"]) == 1
    assert "`form_sign_in` should be the https:// address" in capsys.readouterr().out
    config.write_text(text.replace("      example_site: true\n",
                                   "      example_site: true\n      form_sign_in: https://auth.northfield.example\n"))
    site = build(root, root / "site", site_env)
    backend = _config(site)["backend"]
    assert backend["base_url"] == "https://auth.northfield.example" and backend["auth_methods"] == ["oauth", "token"]


def test_refreshing_the_editor_stops_when_an_address_it_rewrites_has_moved(capsys):
    """Issue 33, item 1: a new Sveltia version that builds an address another way must stop
    `make vendor-editor`, naming it, not ship an editor that calls out."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("vendor_editor", ROOT / "maintenance/vendor_editor.py")
    vendor = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(vendor)
    shipped = (ROOT / "generator/folkmoot/assets/admin/sveltia-cms.js").read_text(encoding="utf-8")
    assert shipped.startswith(vendor.PROLOGUE)  # what is shipped is what the script makes
    for what, old, new, count in vendor.REWRITES:
        assert old not in shipped and new in shipped, what
    moved = "`https://cdn.example/${e}`" + "".join(old for _, old, _, _ in vendor.REWRITES[1:]) + \
        "\n//# sourceMappingURL=sveltia-cms.js.map"
    with pytest.raises(SystemExit) as stopped:
        vendor.patch_bundle(moved)
    assert stopped.value.code == 2 and "unpkg generic dep loader" in capsys.readouterr().err
