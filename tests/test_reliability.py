"""Nothing a volunteer types can break the build or lose their work.

Each test here is one way a careless or hostile edit used to end in a
traceback, a hang or deleted records, tried as a user would try it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import zipfile

import pytest

from conftest import ROOT, build, copy_project, image_bytes, run_check, soup, write_record
from folkmoot.cli import main

GOOD = "title: People's Assembly on Flooding\ndate: 2024-11-07\n"
SLUG = "2024-11-07-flooding"


def tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- a mistyped --site-dir never deletes anything -------------------------------------------------

@pytest.mark.parametrize("target", ["assemblies", ".git", "content", "mkdocs.yml", "templates/out", ".", "notes"])
def test_build_refuses_to_replace_what_it_did_not_build(tmp_path, capsys, target):
    root = copy_project(tmp_path)
    (root / ".git").mkdir()
    (root / ".git/HEAD").write_text("ref: refs/heads/main\n")
    (root / "notes").mkdir()
    (root / "notes/minutes.md").write_text("Our own minutes\n")
    before = tree(root)
    assert main(["--root", str(root), "build", "--site-dir", str(root / target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Nothing was built:") and "Traceback" not in err
    assert tree(root) == before


def test_mkdocs_build_refuses_to_empty_the_records(tmp_path):
    root = copy_project(tmp_path)
    before = tree(root)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "assemblies"], cwd=root,
                            capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 1 and "Nothing was built" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
    assert tree(root) == before


def test_build_replaces_empty_missing_and_its_own_folders(tmp_path, site_env):
    root = copy_project(tmp_path)
    (tmp_path / "empty").mkdir()
    site = build(root, tmp_path / "empty", site_env)
    assert (site / ".folkmoot-site").is_file() and (site / "index.html").is_file()
    (site / "stale.html").write_text("from an older build")
    build(root, site, site_env)  # marked as ours: replaced whole
    assert not (site / "stale.html").exists()
    assert not list(tmp_path.glob(".site-*"))


# --- if check passes, the build succeeds -----------------------------------------------------------

LONG_TO = "House of Commons " + "Environmental Audit and Flood Resilience Select " * 5 + "Committee"
BENGALI_THEME = "বন্যা প্রতিরোধ এবং জলবায়ু অভিযোজন " * 8


def test_long_values_and_other_scripts_build(tmp_path, site_env, capsys):
    from docx import Document as WordDocument

    root = copy_project(tmp_path, with_assemblies=False)
    write_record(root, SLUG, GOOD + textwrap.dedent(f"""\
        themes: ["{BENGALI_THEME.strip()}"]
        outcomes:
          - id: map
            title: Map the streets that flood
        evidence:
          - to: {LONG_TO}
            inquiry: {"Flood resilience in England and the future of local adaptation " * 3}
    """))
    status, lines = run_check(root, capsys)
    assert status == 0, lines
    site = build(root, root / "site", site_env)
    names = [p.name for p in site.rglob("*")]
    assert max(len(n.encode()) for n in names) <= 255
    docx_files = list((site / "assemblies").rglob("*.docx"))
    assert len(docx_files) == 1
    props = WordDocument(str(docx_files[0])).core_properties
    assert len(props.subject) <= 255 and props.subject.startswith("House of Commons")
    theme_pages = [p for p in (site / "themes").iterdir() if p.is_dir()]
    assert len(theme_pages) == 1 and (theme_pages[0] / "index.html").is_file()


@pytest.mark.parametrize("escape", ["\\x01", "\\0", "\\uFFFE", "\\x1b[31m", "\\x85\\x9f"])
def test_control_characters_written_as_escapes_are_refused_at_their_line(project, capsys, escape):
    write_record(project, SLUG, GOOD + f'summary: "Flooded \\n streets{escape} again"\n')
    status, lines = run_check(project, capsys)
    assert status == 1
    assert lines[0].startswith(f"assemblies/{SLUG}/assembly.yml:3: error: This line contains an invisible control character")


def test_control_characters_in_a_notes_file_are_refused_at_their_line(project, capsys):
    write_record(project, SLUG, GOOD + "deliberation:\n  - group: Table 1\n    notes_file: t1.md\n",
                 {"t1.md": "- fine\n- not \x07 fine\n"})
    status, lines = run_check(project, capsys)
    assert status == 1 and lines[0].startswith(f"assemblies/{SLUG}/t1.md:2: error:")


# --- check never crashes or hangs -----------------------------------------------------------------

def test_recap_holding_a_sentence(project, capsys):
    write_record(project, SLUG, GOOD + "recap: " + "We met in the hall and talked about the floods. " * 10 + "\n")
    status, lines = run_check(project, capsys)
    assert status == 1 and lines[0].startswith(f"assemblies/{SLUG}/assembly.yml:3: error: `recap` should be the name of a file")


def test_recap_name_too_long_for_the_file_system(project, capsys):
    write_record(project, SLUG, GOOD + "recap: " + "x" * 190 + "/" + "y" * 300 + ".md\n")
    status, lines = run_check(project, capsys)
    assert status == 1 and f"assemblies/{SLUG}/assembly.yml:3: error:" in lines[0]


def test_assembly_yml_that_is_a_folder(project, capsys):
    (project / "assemblies" / SLUG / "assembly.yml").mkdir(parents=True)
    status, lines = run_check(project, capsys)
    assert status == 1 and "not an ordinary file" in lines[0]


def test_assembly_yml_that_is_a_named_pipe_does_not_hang(project):
    folder = project / "assemblies" / SLUG
    folder.mkdir(parents=True)
    os.mkfifo(folder / "assembly.yml")
    result = subprocess.run([sys.executable, "-m", "folkmoot.cli", "--root", str(project), "check"],
                            capture_output=True, text=True, cwd=ROOT, timeout=30)
    assert result.returncode == 1 and "not an ordinary file" in result.stdout


def test_a_file_name_that_is_not_utf8_in_a_record_folder(project, capsys):
    """A file a phone or an old system named in another encoding sits beside the record:
    `check` and the preview still read the record, with no traceback."""
    from folkmoot.records.project import load_project

    write_record(project, SLUG, GOOD)
    folder = os.fsencode(project / "assemblies" / SLUG)
    with open(os.path.join(folder, b"notes-caf\xe9.txt"), "wb") as f:
        f.write(b"notes")
    status, lines = run_check(project, capsys)
    assert status == 0, lines
    loaded, problems = load_project(project, memo={})  # as `serve` reads the records
    assert [a.slug for a in loaded.assemblies] == [SLUG] and not problems.errors


def test_folder_name_too_long_for_the_files_made_from_it(project, capsys):
    write_record(project, "2024-11-07-" + "flooding-" * 12 + "x", GOOD)
    status, lines = run_check(project, capsys)
    assert status == 1 and "at most 100" in lines[0]


# --- template overrides --------------------------------------------------------------------------

@pytest.mark.parametrize("template, line, words", [
    ("# {{ a.title }}\n\nHeld on {{ a.date | }}\n", 3, "syntax error"),
    ('{% extends "recap.md.j2" %}\n', 1, "its own name"),
])
def test_broken_template_is_reported_by_check_at_its_line(tmp_path, capsys, template, line, words):
    root = copy_project(tmp_path)
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates/recap.md.j2").write_text(template)
    status, lines = run_check(root, capsys)
    assert status == 1
    assert any(ln.startswith(f"templates/recap.md.j2:{line}: error:") and words in ln for ln in lines), lines
    assert main(["--root", str(root), "build"]) == 1
    err = capsys.readouterr().err
    assert f"templates/recap.md.j2:{line}: error:" in err and "Traceback" not in err
    assert not (root / "site").exists() and not list(root.glob(".site-*"))


def test_broken_template_on_a_big_site_stops_its_second_process_and_keeps_the_old_site(tmp_path, capsys, monkeypatch):
    """A big build starts making documents, photos and cards before it renders the pages:
    a template that fails then still leaves the old site whole, and no process behind."""
    import multiprocessing

    from folkmoot.mkdocs_plugin import documents as plugin_documents

    monkeypatch.setattr(plugin_documents, "BACKGROUND_FROM", 0)  # as on a site of hundreds of assemblies
    root = copy_project(tmp_path)
    assert main(["--root", str(root), "build"]) == 0
    before = {p.relative_to(root / "site"): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates/recap.md.j2").write_text("# {{ a.title }}\n\nHeld at {{ a.venue.nmae }}\n")
    assert main(["--root", str(root), "build"]) == 1
    assert "templates/recap.md.j2:3: error:" in capsys.readouterr().err
    after = {p.relative_to(root / "site"): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert after == before and not list(root.glob(".site-*"))
    assert multiprocessing.active_children() == []


def test_template_using_a_name_that_does_not_exist(tmp_path, capsys):
    root = copy_project(tmp_path)
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates/recap.md.j2").write_text("# {{ a.title }}\n\nHeld at {{ a.venue.nmae }}\n\n{{ nothing }}\n")
    assert main(["--root", str(root), "build"]) == 1
    err = capsys.readouterr().err
    assert "templates/recap.md.j2:3: error:" in err and "nmae" in err and "Traceback" not in err
    assert not (root / "site").exists()


# --- smaller ---------------------------------------------------------------------------------------

def test_photo_names_with_hash_and_question_mark_are_published_at_working_addresses(tmp_path, site_env):
    root = copy_project(tmp_path, with_assemblies=False)
    write_record(root, SLUG, GOOD + textwrap.dedent("""\
        photos:
          - file: "photos/room #1?.png"
            alt: The hall set out with circles of chairs
            consent: true
    """), {"photos/room #1?.png": image_bytes()})
    site = build(root, root / "site", site_env)
    page = soup(site / "assemblies" / SLUG / "index.html")
    sources = [s for img in page.select("figure img") for s in [img["src"]]]
    sources += [s.split()[0] for src in page.select("figure source") for s in src["srcset"].split(",")]
    assert sources and all("#" not in s and "?" not in s for s in sources)
    from urllib.parse import unquote
    for src in sources:
        assert (site / "assemblies" / SLUG / unquote(src)).is_file(), src


def test_text_file_named_png_is_refused(project, capsys):
    write_record(project, SLUG, GOOD + "photos:\n  - file: p.png\n    alt: A hall\n    consent: true\n",
                 {"p.png": "this is not a picture\n"})
    status, lines = run_check(project, capsys)
    assert status == 1
    assert lines[0].startswith(f"assemblies/{SLUG}/assembly.yml:4: error: `p.png` is not an image")


def test_links_without_a_scheme(tmp_path, site_env, capsys):
    root = copy_project(tmp_path, with_assemblies=False)
    write_record(root, SLUG, GOOD + textwrap.dedent("""\
        summary: |
          See [the flood map](www.flood-map.example/northfield) and
          [our notes](notes.md).
    """))
    status, lines = run_check(root, capsys)
    assert status == 0
    assert any(ln.startswith(f"assemblies/{SLUG}/assembly.yml:4: warning: The link `www.flood-map.example/northfield`")
               for ln in lines), lines
    assert any(ln.startswith(f"assemblies/{SLUG}/assembly.yml:5: warning: The link `notes.md`") for ln in lines), lines
    site = build(root, root / "site", site_env)
    summary = soup(site / "assemblies" / SLUG / "index.html").select_one("article")
    hrefs = [a.get("href") for a in summary.find_all("a") if a.get_text() in ("the flood map", "our notes")]
    assert hrefs == ["https://www.flood-map.example/northfield", None]
    description = soup(site / "assemblies" / SLUG / "index.html").find("meta", attrs={"name": "description"})["content"]
    assert description == "See the flood map and our notes."


def test_reversed_time_range_is_an_error(project, capsys):
    write_record(project, SLUG, GOOD + 'time: "20:30-18:30"\n')
    status, lines = run_check(project, capsys)
    assert status == 1 and lines[0].startswith(f"assemblies/{SLUG}/assembly.yml:3: error: `time` is `20:30-18:30`: it ends before")


@pytest.mark.parametrize("value", ["!!binary aGVsbG8=", "!!python/name:os.system", "!local thing", "!!set {a, b}"])
def test_yaml_tags_are_refused(project, capsys, value):
    write_record(project, SLUG, GOOD + f"summary: {value}\n")
    status, lines = run_check(project, capsys)
    assert status == 1 and lines[0].startswith(f"assemblies/{SLUG}/assembly.yml:3: error: `")
    assert "YAML tag" in lines[0]
