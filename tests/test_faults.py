"""A build that is killed, or runs out of disk, never harms the published site.

`folkmoot build` runs for real in a child process and is stopped at points
spread over its run. Whatever the moment, `site/` is either the old site or
the whole new one, and the next build finds nothing left over to trip on.
"""

from __future__ import annotations

import hashlib
import os
import random
import resource
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT, copy_project

ENV = dict(os.environ, SOURCE_DATE_EPOCH="1795564800", NO_MKDOCS_2_WARNING="1")


def digest(site) -> str:
    h = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(site).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def folkmoot_build(root, **options) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "folkmoot.cli", "--root", str(root), "build"], cwd=ROOT, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **options)


def leftovers(root) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site-"))


@pytest.fixture
def two_versions(tmp_path):
    """A project with a published site, and an edit whose build would change it."""
    root = copy_project(tmp_path)
    assert folkmoot_build(root).wait(120) == 0
    old = digest(root / "site")
    record = root / "assemblies/2025-11-13-flooding/assembly.yml"
    record.write_text(record.read_text().replace("title: People's Assembly on Flooding",
                                                 "title: People's Assembly on Flood Defences"))
    probe = tmp_path / "probe"
    probe.mkdir()
    copy_project(probe)
    (probe / "assemblies/2025-11-13-flooding/assembly.yml").write_text(record.read_text())
    started = time.monotonic()
    assert folkmoot_build(probe).wait(120) == 0
    new, duration = digest(probe / "site"), time.monotonic() - started
    return root, old, new, duration


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_killed_builds_never_leave_a_half_site(two_versions, sig):
    root, old, new, duration = two_versions
    rng = random.Random(sig)
    for moment in sorted(rng.uniform(0.05, 1.0) * duration for _ in range(4)):
        proc = folkmoot_build(root)
        time.sleep(moment)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
        assert "Traceback" not in err
        assert digest(root / "site") in (old, new), f"half a site after {sig.name} at {moment:.2f}s"
        if sig == signal.SIGTERM:
            time.sleep(0.2)
            assert leftovers(root) == [], f"SIGTERM at {moment:.2f}s left {leftovers(root)}"
    # whatever was left, the next build finishes and cleans up after the killed ones
    time.sleep(0.5)
    assert folkmoot_build(root).wait(120) == 0
    assert digest(root / "site") == new
    assert leftovers(root) == []


def test_full_disk_is_a_message_and_keeps_the_old_site(two_versions):
    root, old, _, _ = two_versions

    def tiny_files():  # a write past 64 KB fails as it would on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (64_000, 64_000))

    proc = folkmoot_build(root, preexec_fn=tiny_files)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert "Traceback" not in err and "The old site was left as it was." in err
    assert digest(root / "site") == old
    assert leftovers(root) == []


def test_a_search_indexer_that_fails_is_a_message_and_keeps_the_old_site(tmp_path, monkeypatch, capsys, site_env):
    """A build feeds Pagefind each page as it is written (mkdocs_plugin/search_index.py):
    if Pagefind stops, the build says so, and the site published before stays whole."""
    from folkmoot.cli import main
    from folkmoot.mkdocs_plugin import search_index

    root = copy_project(tmp_path)
    for key, value in site_env.items():
        monkeypatch.setenv(key, value)
    assert main(["--root", str(root), "build"]) == 0
    old = digest(root / "site")
    record = root / "assemblies/2025-11-13-flooding/assembly.yml"
    record.write_text(record.read_text().replace("title: People's Assembly on Flooding", "title: Flood Defences"))
    monkeypatch.setattr(search_index, "SERVICE", [sys.executable, "-c", "import sys; sys.exit(3)"])
    capsys.readouterr()
    assert main(["--root", str(root), "build"]) == 1
    said = capsys.readouterr()
    assert "The search index could not be built (pagefind: it stopped before writing the index)" in said.out + said.err
    assert "Traceback" not in said.out + said.err
    assert digest(root / "site") == old and leftovers(root) == []


def within(seconds: float, condition) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.2)
    return condition()


def test_the_replaced_site_is_deleted_out_of_sight_and_after_the_build(two_versions):
    """The old site is deleted after `folkmoot build` has answered, inside .cache where no
    reader of the project sees it; a deleting that was stopped is finished by the next build."""
    root, _, new, _ = two_versions
    old_sites = root / ".cache/old-sites"
    ended = subprocess.Popen(["true"])  # a process that has ended: its deleting was stopped
    ended.wait()
    stopped = old_sites / f".site-staging-{ended.pid}-x"
    (stopped / "assemblies").mkdir(parents=True)
    (stopped / "assemblies/index.html").write_text("an old page")
    assert folkmoot_build(root).wait(120) == 0
    assert digest(root / "site") == new and leftovers(root) == []
    assert within(60, lambda: not stopped.exists())
    assert within(60, lambda: old_sites.is_dir() and not any(old_sites.iterdir()))
