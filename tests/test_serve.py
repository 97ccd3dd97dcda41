"""`folkmoot serve` shows a record's change without a restart."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import copy_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode()
    except OSError:
        return ""


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def _children(parent: int) -> list[tuple[str, str]]:
    """(name, state) of each child process of `parent`: state Z is one that has finished
    but was never waited for."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name, rest = text[text.index("(") + 1:text.rindex(")")], text[text.rindex(")") + 2:].split()
        if int(rest[1]) == parent:
            found.append((name, rest[0]))
    return found


def test_serve_reloads_when_a_record_changes_and_stops_cleanly(tmp_path):
    """Issue 23, item 18: stopped with SIGTERM (as a service manager or `kill` stops it),
    serve left its /tmp/mkdocs_* preview folder behind, and each finished Pagefind stayed
    a defunct process until the next rebuild."""
    root = copy_project(tmp_path)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    port = free_port()
    url = f"http://127.0.0.1:{port}/assemblies-site/assemblies/2025-11-13-flooding/"
    proc = subprocess.Popen([sys.executable, "-m", "folkmoot.cli", "--root", str(root), "serve",
                             "--dev-addr", f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env=dict(os.environ, SOURCE_DATE_EPOCH="1795564800", TMPDIR=str(temporary)),
                            start_new_session=True)
    try:
        assert wait_for(lambda: "People&#39;s Assembly on Flooding" in fetch(url) or
                        "People's Assembly on Flooding" in fetch(url), 30)
        record = root / "assemblies/2025-11-13-flooding/assembly.yml"
        record.write_text(record.read_text().replace("title: People's Assembly on Flooding",
                                                     "title: People's Assembly on Floods and Drains"))
        assert wait_for(lambda: "Floods and Drains" in fetch(url), 20)
        assert [p.name for p in temporary.iterdir() if p.name.startswith("mkdocs_")]
        served = next(p for p in temporary.iterdir() if p.name.startswith("mkdocs_"))
        assert wait_for(lambda: (served / "pagefind/pagefind-entry.json").exists(), 30)
        # the preview's Pagefind has finished (no child still running): and none is left defunct
        assert wait_for(lambda: all(state == "Z" for _, state in _children(proc.pid)), 30)
        assert wait_for(lambda: not _children(proc.pid), 5), _children(proc.pid)
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)
        assert not [p.name for p in temporary.iterdir() if p.name.startswith("mkdocs_")]
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


def test_serve_shows_errors_drops_deleted_records_and_follows_a_replaced_folder(tmp_path):
    """What a volunteer does while previewing: break a record, fix it, delete
    one, switch branches (the records folder is replaced whole)."""
    import shutil

    root = copy_project(tmp_path)
    port = free_port()
    base = f"http://127.0.0.1:{port}/assemblies-site/assemblies/"
    flood, heat = base + "2025-11-13-flooding/", base + "2026-06-18-cooler-streets/"
    proc = subprocess.Popen([sys.executable, "-m", "folkmoot.cli", "--root", str(root), "serve",
                             "--dev-addr", f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env=dict(os.environ, SOURCE_DATE_EPOCH="1795564800"), start_new_session=True)
    record = root / "assemblies/2025-11-13-flooding/assembly.yml"
    good = record.read_text()
    try:
        assert wait_for(lambda: "Flooding" in fetch(flood), 30)
        # a mistake: every page says what is wrong and where, instead of the browser waiting
        record.write_text(good.replace("date: 2025-11-13", "date: 2025-11-31"))
        assert wait_for(lambda: "This preview is out of date" in fetch(flood), 20)
        page = fetch(flood)
        assert "assemblies/2025-11-13-flooding/assembly.yml:6" in page and "not a real date" in page
        assert "This preview is out of date" in fetch(heat)
        # fixed: the banner goes, the change shows
        record.write_text(good.replace("title: People's Assembly on Flooding", "title: People's Assembly on Drains"))
        assert wait_for(lambda: "Drains" in fetch(flood) and "out of date" not in fetch(flood), 20)
        assert "out of date" not in fetch(heat)
        # a deleted record's pages go (one no other record names: a verdict's `at:` would be an error)
        homes = base + "2027-03-11-warm-homes/"
        assert "Warm" in fetch(homes)
        shutil.rmtree(root / "assemblies/2027-03-11-warm-homes")
        assert wait_for(lambda: fetch(homes) == "", 20)
        # a branch switch replaces the folder (gone for a moment): later edits are still seen
        shutil.copytree(root / "assemblies", tmp_path / "other-branch")
        shutil.rmtree(root / "assemblies")
        time.sleep(2)  # MkDocs polls twice a second; a folder it finds missing used to be dropped for good
        (tmp_path / "other-branch").rename(root / "assemblies")
        time.sleep(2)
        record.write_text(good.replace("title: People's Assembly on Flooding", "title: People's Assembly on Sewers"))
        assert wait_for(lambda: "Sewers" in fetch(flood), 20)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(10)


def test_a_failure_making_documents_does_not_stop_later_previews(tmp_path, monkeypatch):
    """Under `serve`, a build whose documents failed must not make every later rebuild fail."""
    from mkdocs.commands.build import build as mkdocs_build

    from folkmoot.mkdocs_plugin import run as folkmoot_build
    from folkmoot.mkdocs_plugin import documents as plugin_documents
    from folkmoot.outputs.publication import Publication

    root = copy_project(tmp_path)
    real = Publication.documents
    full_disk = tmp_path / "disk-is-full"
    full_disk.touch()

    def documents_that_fail_while_the_disk_is_full(self, workers=1):
        if full_disk.exists():
            raise OSError(28, "No space left on device")
        return real(self, workers)

    monkeypatch.setattr(Publication, "documents", documents_that_fail_while_the_disk_is_full)
    monkeypatch.setattr(plugin_documents, "BACKGROUND_FROM", 0)  # in the second process, as on a big site
    config = folkmoot_build._load_config(root, site_dir=str(tmp_path / "preview"))
    config.plugins.on_startup(command="serve", dirty=True)
    mkdocs_build(config, dirty=True)  # its documents fail, as they would under a full disk
    full_disk.unlink()
    record = root / "assemblies/2025-11-13-flooding/assembly.yml"
    record.write_text(record.read_text().replace("title: People's Assembly on Flooding", "title: Fixed"))
    mkdocs_build(config, dirty=True)
    plugin = config.plugins["folkmoot"]
    plugin.documents.finish_previous()
    assert "Fixed" in (tmp_path / "preview/assemblies/2025-11-13-flooding/index.html").read_text()
    assert (tmp_path / "preview/data/assemblies.csv").is_file()


def test_a_preview_rebuild_redoes_only_the_edited_record_and_shows_it_everywhere(tmp_path):
    """Under `serve`, an unchanged record is not checked or rendered again, yet the
    edited one shows its new words on its recap, in the tracker and on its body's page."""
    from mkdocs.commands.build import build as mkdocs_build

    from folkmoot.mkdocs_plugin import run as folkmoot_build

    root = copy_project(tmp_path)
    config = folkmoot_build._load_config(root, site_dir=str(tmp_path / "preview"))
    config.plugins.on_startup(command="serve", dirty=True)
    mkdocs_build(config, dirty=True)
    plugin = config.plugins["folkmoot"]
    plugin.documents.finish_previous()
    heat = "assemblies/2026-06-18-cooler-streets/index.md"
    flooding = "assemblies/2025-11-13-flooding/index.md"
    def kept(uri):  # what the preview's memo holds for the page (see outputs.kept.Kept)
        return plugin.rendered[("page v1", uri)][2]

    before = {uri: kept(uri) for uri in (heat, flooding)}
    record = root / "assemblies/2025-11-13-flooding/assembly.yml"
    text = record.read_text()
    record.write_text(text.replace("title: Publish the September flood investigation in plain English",
                                   "title: Publish the flood report in plain words", 1))
    mkdocs_build(config, dirty=True)
    plugin.documents.finish_previous()
    assert kept(heat) is before[heat]  # not rendered again
    assert kept(flooding) is not before[flooding]
    for page in ("assemblies/2025-11-13-flooding/index.html", "outcomes/index.html",
                 "responses/northfield-borough-council/index.html"):
        html = (tmp_path / "preview" / page).read_text()
        assert "Publish the flood report in plain words" in html and "September flood investigation" not in html, page
    # a change to the settings renders everything again
    settings = root / "mkdocs.yml"
    settings.write_text(settings.read_text().replace("response_days: 56", "response_days: 60"))
    config = folkmoot_build._load_config(root, site_dir=str(tmp_path / "preview"))
    config.plugins["folkmoot"].__dict__.update(checked=plugin.checked, rendered=plugin.rendered)
    config.plugins.on_startup(command="serve", dirty=True)
    mkdocs_build(config, dirty=True)
    config.plugins["folkmoot"].documents.finish_previous()
    assert config.plugins["folkmoot"].rendered[("page v1", heat)][2] is not before[heat]
    assert "60 days to answer" in (tmp_path / "preview/responses/index.html").read_text()


def test_a_preview_drops_the_photos_and_card_a_record_no_longer_has(tmp_path, monkeypatch):
    """Under `serve`, a photo taken out of a record leaves the preview with it, and the
    share card that showed it (card.jpg) gives way to one without (card.png)."""
    from mkdocs.commands.build import build as mkdocs_build

    from folkmoot.mkdocs_plugin import run as folkmoot_build
    from folkmoot.mkdocs_plugin import documents as plugin_documents

    monkeypatch.setattr(plugin_documents, "BACKGROUND_FROM", 0)  # in the second process, as on a big site
    root = copy_project(tmp_path)
    preview = tmp_path / "preview" / "assemblies/2026-06-18-cooler-streets"
    config = folkmoot_build._load_config(root, site_dir=str(tmp_path / "preview"))
    config.plugins.on_startup(command="serve", dirty=True)
    mkdocs_build(config, dirty=True)
    plugin = config.plugins["folkmoot"]
    plugin.documents.finish_previous()
    assert (preview / "card.jpg").is_file() and list(preview.glob("images/ideas-wall-*.webp"))
    record = root / "assemblies/2026-06-18-cooler-streets/assembly.yml"
    text = record.read_text()
    record.write_text(text[:text.index("\nphotos:")] + "\n")
    mkdocs_build(config, dirty=True)
    plugin.documents.finish_previous()
    assert (preview / "card.png").is_file() and not (preview / "card.jpg").exists()
    assert not list(preview.glob("images/*")) and (preview / "index.html").is_file()
    assert 'card.png' in (preview / "index.html").read_text()
