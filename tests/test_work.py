"""How much work a build does, counted, not timed: a regression that makes again what an
earlier build kept fails here on any machine, however fast (the seconds are in
benchmarks/build.py). Each build runs in its own process, as `folkmoot build` does, so
each reads its catalogues afresh."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project

CHANGED = "2026-06-18-cooler-streets"


def build(root: Path, name: str, site_env) -> dict[str, int]:
    report = root.parent / f"{name}.json"
    done = subprocess.run([sys.executable, "-m", "folkmoot.cli", "--root", str(root), "build", "--work-report",
                           str(report)], env={**os.environ, **site_env}, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Work done" in done.stdout  # the volunteer sees it too
    return json.loads(report.read_text())


@pytest.fixture(scope="module")
def builds(tmp_path_factory, site_env):
    """Cold, again with nothing changed, then after one record's title changed. One of
    the record's evidence submissions is in Welsh, so the build speaks two languages."""
    root = copy_project(tmp_path_factory.mktemp("work"))
    record = root / "assemblies" / CHANGED / "assembly.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("    word_limit: 3000\n", "    word_limit: 3000\n    language: cy\n", 1),
                      encoding="utf-8")
    cold = build(root, "cold", site_env)
    same = build(root, "same", site_env)
    os.utime(record)  # touched, not changed: the build runs, and reuses everything
    touched = build(root, "touched", site_env)
    record.write_text(record.read_text(encoding="utf-8").replace(
        "title: People's Assembly on Heat and Cooler Streets", "title: People's Assembly on Heat and Shade", 1),
        encoding="utf-8")
    changed = build(root, "changed", site_env)
    return cold, same, changed, touched


def test_a_cold_build_makes_everything_once(builds):
    cold, *_ = builds
    assert cold["catalogue"] == 2, "one catalogue per language (English pages, a Welsh submission), not per document"
    assert cold["card"] == 9 and cold["photo"] == 3 and cold["search index"] == 1
    # a recap, its printed summary and its last slide carry the same address: one code for all;
    # and each progress report's address, on its slides
    assert cold["qr"] == 4 + 2


def test_a_build_with_nothing_changed_makes_nothing(builds):
    _, same, _, touched = builds
    assert set(same.values()) == {0}, "the inputs are those of the site there: it is kept as it is"
    assert touched == {"catalogue": 1, "template": 0, "qr": 0, "card": 0, "slide": 0, "photo": 0, "document": 0, "page": 0,
                       "conversion": 0, "theme page": 0, "search index": 0}, \
        "a record touched but not changed: everything is reused; only the site's language is read"


def test_the_site_is_kept_only_while_nothing_it_is_made_from_has_changed(tmp_path, site_env, capsys, monkeypatch):
    """A new day, a site folder someone changed, a different visibility: each builds again."""
    from folkmoot.cli import main

    root = copy_project(tmp_path)
    for key, value in site_env.items():
        monkeypatch.setenv(key, value)
    assert main(["--root", str(root), "build"]) == 0
    assert main(["--root", str(root), "build"]) == 0
    assert "Nothing changed since the last build" in capsys.readouterr().out
    (root / "site/index.html").unlink()
    assert main(["--root", str(root), "build"]) == 0
    assert "Nothing changed" not in capsys.readouterr().out and (root / "site/index.html").is_file()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(site_env["SOURCE_DATE_EPOCH"]) + 86400))
    assert main(["--root", str(root), "build"]) == 0
    assert "Nothing changed" not in capsys.readouterr().out
    monkeypatch.setenv("FOLKMOOT_REPOSITORY", "private")
    assert main(["--root", str(root), "build"]) == 0
    assert "Nothing changed" not in capsys.readouterr().out


def test_after_one_record_changes_only_its_work_and_the_site_wide_pages_are_made(builds):
    cold, _, changed, _ = builds
    assert changed["catalogue"] == 2  # its Welsh submission is written again
    assert changed["qr"] == 1, "the changed record's address, once"
    assert changed["card"] == 1, "the changed record's share card; the theme cards show outcomes, not titles"
    assert changed["photo"] == 0, "its photos did not change"
    # as .docx and .odt: its submission, the letters to the two bodies it asked and the
    # progress report of its period, which name it; nothing else
    assert changed["document"] == 8
    assert changed["search index"] == 1
    # its recap and evidence page; its three themes; the two bodies it asked; the progress
    # report of its period; the ten monthly digests that tell of it (as the next assembly); the
    # lists of assemblies, outcomes, themes, data, answers, reports and digests; its share page,
    # and its report's
    assert changed["page"] == 2 + 3 + 2 + 1 + 10 + 7 + 2 < cold["page"]
    # of its social media slides, the one that shows the title; the others say what did not change
    assert changed["slide"] == 1 and cold["slide"] == 6 + 6 + 2 + 2 + 2  # two carousels, an invitation, two reports
    assert changed["template"] == 60 < cold["template"]  # the pages, their rows, the email of each digest that tells of it
    # MkDocs converts and lays out again only those of them whose Markdown changed
    assert changed["conversion"] == changed["theme page"] == 19
