"""`folkmoot check` on real records: every rule gives a located, fixable message."""

from __future__ import annotations

import os
import re
import textwrap
import subprocess
import sys

import pytest

from conftest import ROOT, image_bytes, in_private_repository, run_check, write_record
from folkmoot.cli import main

GOOD = """
title: People's Assembly on Flooding
date: 2024-11-07
"""


def test_minimal_record_passes(project, capsys):
    write_record(project, "2024-11-07-flooding", GOOD)
    status, lines = run_check(project, capsys)
    assert status == 0
    assert lines[-1].startswith("No errors")


def test_example_content_passes(capsys):
    status, lines = run_check(ROOT, capsys)
    assert status == 0, "\n".join(lines)


# (record text, extra files, expected "file:line", fragment of the message)
CASES = {
    "missing title": ("date: 2024-11-07\n", {}, "assembly.yml:1", "`title` is missing"),
    "missing date": ("title: T\n", {}, "assembly.yml:1", "`date` is missing"),
    "not a real date": ("title: T\ndate: 2025-02-30\n", {}, "assembly.yml:2", "not a real date"),
    "date far in the future": ("title: T\ndate: 9999-12-31\n", {}, "assembly.yml:2", "check the year"),
    "update in year 1": ("title: T\ndate: 2024-11-07\noutcomes:\n  - title: O\n    updates:\n      - date: 0001-01-01\n", {}, "assembly.yml:6", "check the year"),
    "date as text": ("title: T\ndate: 7 November 2024\n", {}, "assembly.yml:2", "not a date"),
    "attendance not whole": ("title: T\ndate: 2024-11-07\nattendance: forty\n", {}, "assembly.yml:3", "whole number"),
    "attendance fraction": ("title: T\ndate: 2024-11-07\nattendance: 40.5\n", {}, "assembly.yml:3", "whole number"),
    # (a plain `time: 18:30` is text, as YAML 1.2 and the form editor read it; a bare number is not a time)
    "time as a number": ("title: T\ndate: 2024-11-07\ntime: 1830\n", {}, "assembly.yml:3", "double quotes"),
    "bad time": ("title: T\ndate: 2024-11-07\ntime: \"half six\"\n", {}, "assembly.yml:3", "not a time"),
    "draft not boolean": ("title: T\ndate: 2024-11-07\ndraft: maybe\n", {}, "assembly.yml:3", "true or false"),
    "unknown key with suggestion": ("title: T\ndate: 2024-11-07\noutcome: []\n", {}, "assembly.yml:3", "did you mean `outcomes`"),
    "unknown nested key": ("title: T\ndate: 2024-11-07\nvenue:\n  nmae: Hall\n", {}, "assembly.yml:4", "did you mean `name`"),
    "duplicate key": ("title: T\ndate: 2024-11-07\ntitle: U\n", {}, "assembly.yml:3", "appears twice"),
    "input kind": ("title: T\ndate: 2024-11-07\ninput:\n  - title: A\n    kind: speech\n", {}, "assembly.yml:5", "use one of: talk"),
    "support level": ("title: T\ndate: 2024-11-07\nintegration:\n  - point: P\n    support: srong\n", {}, "assembly.yml:5", "did you mean `strong`"),
    "outcome status": ("title: T\ndate: 2024-11-07\noutcomes:\n  - title: O\n    status: finished\n", {}, "assembly.yml:5", "not one of the allowed values"),
    "update status": ("title: T\ndate: 2024-11-07\noutcomes:\n  - title: O\n    updates:\n      - date: 2025-01-01\n        status: in progress\n", {}, "assembly.yml:7", "did you mean `in-progress`"),
    "outcome kind": ("title: T\ndate: 2024-11-07\noutcomes:\n  - title: O\n    kind: demand\n", {}, "assembly.yml:5", "not one of the allowed"),
    "javascript link": ("title: T\ndate: 2024-11-07\nregistration: javascript:alert(1)\n", {}, "assembly.yml:3", "https://"),
    "ftp link": ("title: T\ndate: 2024-11-07\nrecap_video: ftp://example.org/v.mp4\n", {}, "assembly.yml:3", "https://"),
    "update link": ("title: T\ndate: 2024-11-07\noutcomes:\n  - title: O\n    updates:\n      - date: 2025-01-01\n        link: www.example.org\n", {}, "assembly.yml:7", "https://"),
    "missing notes file": ("title: T\ndate: 2024-11-07\ndeliberation:\n  - group: Table 1\n    notes_file: notes/t1.md\n", {}, "assembly.yml:5", "does not exist"),
    "notes file escapes": ("title: T\ndate: 2024-11-07\ndeliberation:\n  - group: Table 1\n    notes_file: ../other/notes.md\n", {}, "assembly.yml:5", "outside the assembly's folder"),
    "absolute recap": ("title: T\ndate: 2024-11-07\nrecap: /etc/passwd\n", {}, "assembly.yml:3", "absolute path"),
    "notes and notes_file": ("title: T\ndate: 2024-11-07\ndeliberation:\n  - group: Table 1\n    notes: hi\n    notes_file: n.md\n", {"n.md": "x"}, "assembly.yml:6", "both `notes` and `notes_file`"),
    "question index": ("title: T\ndate: 2024-11-07\nquestions:\n  - Q?\ndeliberation:\n  - group: Table 1\n    question: 2\n", {}, "assembly.yml:7", "points to question 2"),
    "question zero": ("title: T\ndate: 2024-11-07\nquestions:\n  - Q?\ndeliberation:\n  - group: Table 1\n    question: 0\n", {}, "assembly.yml:7", "outside the sensible range"),
    "group without label": ("title: T\ndate: 2024-11-07\ndeliberation:\n  - notes: hi\n", {}, "assembly.yml:4", "`group` is missing"),
    "duplicate outcome id": ("title: T\ndate: 2024-11-07\noutcomes:\n  - id: a\n    title: A\n  - id: a\n    title: B\n", {}, "assembly.yml:6", "used twice"),
    "bad outcome id": ("title: T\ndate: 2024-11-07\noutcomes:\n  - id: Map Flood Risk\n    title: A\n", {}, "assembly.yml:4", "not well formed"),
    "updates out of order": ("title: T\ndate: 2024-11-07\noutcomes:\n  - title: A\n    updates:\n      - date: 2025-03-01\n      - date: 2025-01-01\n", {}, "assembly.yml:7", "oldest first"),
    "evidence unknown outcome": ("title: T\ndate: 2024-11-07\noutcomes:\n  - id: map-flood-risk\n    title: A\nevidence:\n  - to: Committee\n    outcomes: [map-flod-risk]\n", {}, "assembly.yml:8", "did you mean `map-flood-risk`"),
    "photo without alt": ("title: T\ndate: 2024-11-07\nphotos:\n  - file: p.png\n    consent: true\n", {"p.png": b"\x89PNG\r\n"}, "assembly.yml:4", "no `alt` text"),
    "photo not an image": ("title: T\ndate: 2024-11-07\nphotos:\n  - file: p.svg\n    alt: A\n    consent: true\n", {"p.svg": "<svg/>"}, "assembly.yml:4", "not a photo format"),
    "list instead of mapping": ("- title: T\n- date: 2024-11-07\n", {}, "assembly.yml:1", "set of `field: value` lines"),
    "tab indentation": ("title: T\ndate: 2024-11-07\nvenue:\n\tname: Hall\n", {}, "assembly.yml:4", "tab character"),
    "broken yaml": ("title: T\ndate: 2024-11-07\nsummary: \"unclosed\n", {}, "assembly.yml:", "not valid YAML"),
    "deep brackets": ("title: T\ndate: 2024-11-07\nsummary: " + "[" * 5000 + "]" * 5000 + "\n", {}, "assembly.yml:3", "nested too deeply"),
    "deep dashes": ("title: T\ndate: 2024-11-07\nquestions:\n" + "  - " * 3000 + "x\n", {}, "assembly.yml:", "nested too deeply"),
    "alias": ("title: &t T\ndate: 2024-11-07\nsummary: *t\n", {}, "assembly.yml:3", "Anchors and aliases"),
    "empty file": ("", {}, "assembly.yml:1", "is empty"),
    "email in notes": ("title: T\ndate: 2024-11-07\ndeliberation:\n  - group: Table 1\n    notes: |\n      - fine\n      - write to sam@example.org\n", {}, "assembly.yml:7", "email address"),
    "phone in summary": ("title: T\ndate: 2024-11-07\nsummary: Call 07700 900123 to join\n", {}, "assembly.yml:3", "phone number"),
    "phone in notes file": ("title: T\ndate: 2024-11-07\ndeliberation:\n  - group: Table 1\n    notes_file: n.md\n", {"n.md": "- one\n- two\n- ring 020 7946 0000\n"}, "n.md:3", "phone number"),
    "email in recap": ("title: T\ndate: 2024-11-07\nrecap: recap.md\n", {"recap.md": "Thanks to jo@example.org\n"}, "recap.md:1", "email address"),
    "email as speaker": ("title: T\ndate: 2024-11-07\ninput:\n  - title: A talk\n    speaker: sam@example.org\n", {}, "assembly.yml:5", "email address"),
    "phone in update note": ("title: T\ndate: 2024-11-07\noutcomes:\n  - title: O\n    updates:\n      - date: 2025-01-01\n        note: Ring 020 7946 0000\n", {}, "assembly.yml:7", "phone number"),
    "phone in organisers list": ("title: T\ndate: 2024-11-07\norganisers:\n  - Hub\n  - 07700 900123\n", {}, "assembly.yml:5", "phone number"),
    "binary notes": ("title: T\ndate: 2024-11-07\nrecap: recap.md\n", {"recap.md": b"ok\n\xff\xfe\x00junk"}, "recap.md:2", "not UTF-8"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_mistake_is_located(project, capsys, case):
    text, files, where, fragment = CASES[case]
    write_record(project, "2024-11-07-flooding", text, files)
    status, lines = run_check(project, capsys)
    assert status == 1
    matching = [ln for ln in lines if ln.startswith(f"assemblies/2024-11-07-flooding/{where}")]
    assert any(fragment.lower() in ln.lower() for ln in matching), "\n".join(lines)
    assert "error" in lines[-1]


def test_binary_record_file(project, capsys):
    folder = project / "assemblies" / "2024-11-07-flooding"
    folder.mkdir()
    (folder / "assembly.yml").write_bytes(os.urandom(2000) + b"\xff")
    status, lines = run_check(project, capsys)
    assert status == 1
    assert lines[0].startswith("assemblies/2024-11-07-flooding/assembly.yml:")


def test_huge_record_file(project, capsys):
    folder = project / "assemblies" / "2024-11-07-flooding"
    folder.mkdir()
    (folder / "assembly.yml").write_bytes(b"title: T\ndate: 2024-11-07\nsummary: " + b"x" * 50_000_000)
    status, lines = run_check(project, capsys)
    assert status == 1
    assert "more than the 1,000 KB" in lines[0]


def test_symlink_out_of_folder(project, capsys, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.md"
    outside.write_text("secret")
    folder = write_record(project, "2024-11-07-flooding", "title: T\ndate: 2024-11-07\nrecap: recap.md\n")
    (folder / "recap.md").symlink_to(outside)
    status, lines = run_check(project, capsys)
    assert status == 1
    assert any("assembly.yml:3" in ln and "leads outside" in ln for ln in lines)


def test_bad_slug(project, capsys):
    write_record(project, "Flooding Night", GOOD)
    status, lines = run_check(project, capsys)
    assert status == 1
    assert lines[0].startswith("assemblies/Flooding Night: error: The folder name")


def test_folder_without_record(project, capsys):
    (project / "assemblies" / "2024-11-07-flooding").mkdir()
    status, lines = run_check(project, capsys)
    assert status == 1 and "has no `assembly.yml`" in lines[0]


def test_every_problem_in_every_record_in_one_run(project, capsys):
    write_record(project, "2024-11-07-flooding", "title: T\ndate: 2024-13-07\nattendance: many\n")
    write_record(project, "2025-01-01-heat", "date: 2025-01-01\nthemes: heat\nkind: talk\n")
    status, lines = run_check(project, capsys)
    assert status == 1
    assert sum("2024-11-07-flooding/assembly.yml" in ln for ln in lines) == 2
    assert sum("2025-01-01-heat/assembly.yml" in ln for ln in lines) == 2
    assert lines[-1].startswith("4 errors")


@pytest.mark.parametrize("text, where, what", [
    ("summary: Met at <b>the hall</b>\n", "assembly.yml:3", "an HTML tag (`<b>`)"),
    ("deliberation:\n  - group: Table 1\n    notes: |\n      - fine\n      - see ![map](https://maps.northfield.test/m.png)\n",
     "assembly.yml:7", "a picture"),
])
def test_text_the_site_leaves_out_is_a_warning(project, capsys, text, where, what):
    write_record(project, "2024-11-07-flooding", GOOD + text)
    status, lines = run_check(project, capsys)
    assert status == 0
    assert any(ln.startswith(f"assemblies/2024-11-07-flooding/{where}: warning:") and what in ln for ln in lines), lines


def test_photo_without_consent_is_an_error_in_a_public_repository_and_a_warning_in_a_private_one(project, capsys):
    """In a public repository the file is downloadable on GitHub whatever the site does."""
    write_record(project, "2024-11-07-flooding", GOOD + "photos:\n  - file: p.png\n    alt: A hall\n",
                 {"p.png": image_bytes()})
    status, lines = run_check(project, capsys)
    assert status == 1
    assert lines[0].startswith("assemblies/2024-11-07-flooding/assembly.yml:4: error: Photo `p.png` has no "
                               "`consent: true`, yet the repository is public")
    assert "delete the file" in lines[0]
    in_private_repository(project)
    status, lines = run_check(project, capsys)
    assert status == 0
    assert "will not be published" in lines[0] and "warning" in lines[0]


def test_a_draft_in_a_public_repository_is_one_warning(project, capsys):
    write_record(project, "2024-11-07-flooding", GOOD + "draft: true\n")
    status, lines = run_check(project, capsys)
    assert status == 0
    [warning] = [ln for ln in lines if "GitHub" in ln]
    assert warning.startswith("assemblies/2024-11-07-flooding/assembly.yml:") and "anyone can read its text on GitHub" in warning
    in_private_repository(project)
    status, lines = run_check(project, capsys)
    assert status == 0 and not any("GitHub" in ln for ln in lines), lines


def test_github_says_whether_the_repository_is_public(project, capsys, monkeypatch):
    """The workflow passes the event's repository.visibility; it wins over mkdocs.yml."""
    write_record(project, "2024-11-07-flooding", GOOD + "draft: true\n")
    in_private_repository(project)
    monkeypatch.setenv("FOLKMOOT_REPOSITORY", "public")
    status, lines = run_check(project, capsys)
    assert any("anyone can read its text on GitHub" in ln for ln in lines)
    monkeypatch.setenv("FOLKMOOT_REPOSITORY", "private")
    status, lines = run_check(project, capsys)
    assert not any("GitHub" in ln for ln in lines)


def test_console_script_exit_status(project):
    write_record(project, "2024-11-07-flooding", "title: T\n")
    result = subprocess.run([sys.executable, "-m", "folkmoot.cli", "--root", str(project), "check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "assemblies/2024-11-07-flooding/assembly.yml:1: error: `date` is missing" in result.stdout
    assert "Traceback" not in result.stderr


def test_many_records_checked_on_every_core_report_the_same_as_one_by_one(tmp_path, capsys, monkeypatch):
    """A big project is checked by several processes; every problem, in the same order,
    and every record, come back exactly as a one-process check finds them."""
    from folkmoot.records import project as project_module
    from folkmoot.commands.check import check_project

    (tmp_path / "assemblies").mkdir()
    for n in range(project_module.PARALLEL_CHECK_FROM + 6):
        date = f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}"
        broken = "\ntime: 20:30-18:30" if n % 7 == 0 else "\nthemes: [Heat, heat]" if n % 5 == 0 else ""
        write_record(tmp_path, f"{date}-meeting-{n}", f"title: Meeting {n}\ndate: {date}{broken}\n"
                     f"outcomes:\n  - id: ask-{n}\n    title: Ask {n}\n    directed_to: [Council]\n")
    (tmp_path / "assemblies" / "Bad Name").mkdir()
    from folkmoot.engine import background

    calls = []
    real = background.run_all
    monkeypatch.setattr(background, "run_all", lambda tasks, workers=None: calls.append(len(tasks)) or real(tasks, 2))
    monkeypatch.setattr("threading.active_count", lambda: 1)  # as in `folkmoot check`, whatever else this run started
    parallel_project, parallel = check_project(tmp_path)
    assert calls == [project_module.PARALLEL_CHECK_FROM + 6]
    monkeypatch.setattr(project_module, "PARALLEL_CHECK_FROM", 10**9)
    single_project, single = check_project(tmp_path)
    assert [str(p) for p in parallel.items] == [str(p) for p in single.items]
    assert len(parallel.errors) >= 10
    assert [(a.slug, a.title, [o.assembly.slug for o in a.outcomes]) for a in parallel_project.assemblies] == \
        [(a.slug, a.title, [o.assembly.slug for o in a.outcomes]) for a in single_project.assemblies]


def test_check_reuses_unchanged_records_and_sees_every_edit(tmp_path, capsys, monkeypatch):
    """A record whose files and settings are unchanged is not read again (its result is kept
    in .cache as JSON); an edit to any of its files, or to the settings, is checked afresh."""
    from conftest import copy_project

    import folkmoot.records.project

    root = copy_project(tmp_path)
    read = []
    real = folkmoot.records.project.check_record
    monkeypatch.setattr(folkmoot.records.project, "check_record", lambda r, folder, *a: read.append(folder.name) or real(r, folder, *a))
    status, first = run_check(root, capsys)
    assert status == 0 and len(read) == 3
    read.clear()
    assert run_check(root, capsys) == (0, first) and read == []

    flood = root / "assemblies/2025-11-13-flooding"
    notes = flood / "notes/table-4.md"
    notes.write_text(notes.read_text() + "- ring 020 7946 0000 to help\n")
    status, lines = run_check(root, capsys)
    assert read == ["2025-11-13-flooding"]
    assert any(line.startswith("assemblies/2025-11-13-flooding/notes/table-4.md:") and "phone number" in line
               for line in lines), lines
    read.clear()
    photo = next((flood / "photos").iterdir())
    photo.write_bytes(b"not a picture any more")
    status, lines = run_check(root, capsys)
    assert status == 1 and read == ["2025-11-13-flooding"]
    assert any(f"`photos/{photo.name}` is not an image" in line for line in lines), lines
    read.clear()
    settings = root / "mkdocs.yml"
    settings.write_text(settings.read_text().replace("response_days: 56", "response_days: 40", 1))
    run_check(root, capsys)
    assert sorted(read) == ["2025-11-13-flooding", "2026-06-18-cooler-streets", "2027-03-11-warm-homes"]


@pytest.mark.parametrize("setting, found", [
    ("timezone: Europe/Londn", "mkdocs.yml:4: error: `timezone` is `Europe/Londn`, which is not a time zone. Did you mean `Europe/London`?"),
    ('site_name: "<script>alert(1)</script> Org"', "mkdocs.yml:1: error: `site_name` contains `<` or `>`"),
    # found by the property test of the settings: MkDocs stopped the build after check passed
    ('site_url: "0"', "mkdocs.yml:5: error: `site_url` is `0`, which is not a web address"),
])
def test_site_settings_that_would_stop_a_build_are_errors_at_their_line(project, capsys, setting, found):
    """Issue 23, items 4 and 11: a misspelt time zone was a traceback, and markup in the
    site's name became script on every page."""
    base = ["site_name: Test", "plugins:", "  - folkmoot:", "      timezone: Europe/London", "site_url: https://example.org/"]
    key = setting.split(":")[0].strip()
    lines = [line[:len(line) - len(line.lstrip())] + setting if line.strip().startswith(key + ":") else line
             for line in base]
    (project / "mkdocs.yml").write_text("\n".join(lines) + "\n")
    write_record(project, "2024-11-07-flooding", GOOD)
    status, out = run_check(project, capsys)
    assert status == 1 and any(line.startswith(found) for line in out), out
    assert main(["--root", str(project), "build"]) == 1  # stopped with the same message, never a traceback
    err = capsys.readouterr()
    assert "Traceback" not in err.out + err.err and found.split(": error: ")[1][:30] in err.err


def test_a_source_date_epoch_past_the_year_9999_is_an_error_not_a_traceback(project, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300800")
    write_record(project, "2024-11-07-flooding", GOOD)
    status, out = run_check(project, capsys)
    assert status == 1 and out[0].startswith("SOURCE_DATE_EPOCH: error: SOURCE_DATE_EPOCH is `253402300800`")


def test_init_refuses_markup_in_the_organisations_name(tmp_path, capsys):
    assert main(["init", str(tmp_path / "site"), "--name", "<script>alert(1)</script> Org"]) == 1
    assert "may not contain < or >" in capsys.readouterr().err and not (tmp_path / "site").exists()
    assert main(["init", str(tmp_path / "site")]) == 1  # a site for nobody: only as a starter
    assert "give your organisation's name" in capsys.readouterr().err and not (tmp_path / "site").exists()


def _with_reports(root, start: str, every: str = "1 month"):
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^(\s+)every: .*$\n(\s+)from: .*$", rf"\1every: {every}\n\2from: {start}", text),
                      encoding="utf-8")


def test_reports_from_long_before_the_first_assembly_is_an_error_at_its_line(tmp_path, capsys, monkeypatch):
    """Issue 31, item 11: a typo of a century made 1,201 empty reports and dropped the real ones."""
    from conftest import copy_project

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564800")
    root = copy_project(tmp_path)
    _with_reports(root, "1925-11-13")
    status, lines = run_check(root, capsys)
    line = next(i for i, t in enumerate((root / "mkdocs.yml").read_text().splitlines(), 1) if "from: 1925-11-13" in t)
    assert status == 1 and lines[0].startswith(f"mkdocs.yml:{line}: error: `reports: from: 1925-11-13` is long before "
                                               "the first assembly (2025-11-13)"), lines
    _with_reports(root, "2025-05-13", "6 months")  # one period before the first assembly is fine
    assert run_check(root, capsys)[0] == 0


OUTCOME_WITH_VERDICT = """\
title: Flooding
date: 2024-11-07
outcomes:
  - id: map
    title: Map the streets
    directed_to: [Islington Council]
    updates:
      - date: DATE
        from: SOURCE
        response: noted
    verdicts:
      - date: 2025-01-10
        on: Islington Council
        verdict: satisfied
"""


def test_a_verdict_at_must_name_a_published_assembly_held_by_then(project, capsys, monkeypatch):
    """Issue 31, item 12: `at:` naming nothing, or a draft, was published in assemblies.json."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564800")
    record = OUTCOME_WITH_VERDICT.replace("DATE", "2024-12-01").replace("SOURCE", "Islington Council") + "        at: AT\n"
    write_record(project, "2025-01-09-follow-up", "title: Follow-up\ndate: 2025-01-09\ndraft: true\n")
    write_record(project, "2025-02-01-later", "title: Later\ndate: 2025-02-01\n")
    for at, words in (("2099-12-31-nowhere", "is not a published assembly"),
                      ("2025-01-09-follow-up", "is not a published assembly"),  # a draft: its name stays unpublished
                      ("2025-02-01-later", "was held on 2025-02-01, after this verdict")):
        write_record(project, "2024-11-07-flooding", record.replace("AT", at))
        status, lines = run_check(project, capsys)
        assert status == 1 and any(f"assembly.yml:12: error: `at: {at}` {words}" in ln for ln in lines), lines
    write_record(project, "2025-01-09-follow-up", "title: Follow-up\ndate: 2025-01-09\n")
    write_record(project, "2024-11-07-flooding", record.replace("AT", "2025-01-09-follow-up"))
    assert run_check(project, capsys)[0] == 0


@pytest.mark.parametrize("epoch", ["253402300799", "253399622400", str(2**32), "4294967295"])
def test_a_source_date_epoch_the_build_cannot_hold_is_one_error_not_a_traceback(project, capsys, monkeypatch, epoch):
    """Issue 31, item 13: values check accepted crashed the digest, MkDocs' gzip or check itself."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    write_record(project, "2024-11-07-flooding", "title: Flooding\ndate: 2024-11-07\n")
    status, lines = run_check(project, capsys)
    assert status == 1 and lines[0].startswith(f"SOURCE_DATE_EPOCH: error: SOURCE_DATE_EPOCH is `{epoch}`"), lines
    assert "up to 4263344895 (2105-02-06)" in lines[0]


def test_what_init_leaves_to_fill_in_is_an_error_at_its_line_until_it_is(tmp_path, capsys, monkeypatch):
    """Issue 32, item 2: FILL IN and the addresses reserved for examples are never published."""
    from conftest import copy_project

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564800")
    root = copy_project(tmp_path)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "example_site: true" in text  # the example says, in one setting, that it is fictional
    assert run_check(root, capsys)[0] == 0
    config.write_text(text.replace("      example_site: true\n", "").replace(
        "contact: https://northfieldclimate.example/contact", "contact: FILL IN"), encoding="utf-8")
    status, lines = run_check(root, capsys)
    numbered = config.read_text(encoding="utf-8").splitlines()
    contact = next(i for i, t in enumerate(numbered, 1) if "contact: FILL IN" in t)
    assert status == 1 and f"mkdocs.yml:{contact}: error: This still says FILL IN" in "\n".join(lines)
    assert any("`https://northfieldclimate.example/assemblies-site/` is an address reserved for examples" in line
               for line in lines)
    assert any(line.startswith("assemblies/2025-11-13-flooding/assembly.yml:") and "reserved for examples" in line
               for line in lines)  # a record's links too
    config.write_text(text.replace("contact: https://northfieldclimate.example/contact", "contact: FILL IN"),
                      encoding="utf-8")
    status, lines = run_check(root, capsys)  # the example's setting lets .example through, never FILL IN
    assert status == 1 and [line for line in lines if ": error: " in line] == [
        line for line in lines if f"mkdocs.yml:{contact}: error: This still says FILL IN" in line]


def test_a_starter_is_refused_until_set_up_then_names_the_organisation_everywhere(tmp_path, capsys, monkeypatch):
    """Issue 32, item 3: the template repository the release job makes is `init --starter`;
    its "Set up this site" workflow runs `setup`, which must leave nothing to fill in."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564800")
    root = tmp_path / "starter"
    assert main(["init", str(root), "--starter"]) == 0
    assert "\"Set up this site\" workflow fills it in" in capsys.readouterr().out
    assert (root / ".github/workflows/setup.yml").is_file()
    status, lines = run_check(root, capsys)
    errors = "\n".join(lines)
    assert status == 1 and "mkdocs.yml:2: error: This still says FILL IN" in errors
    assert "content/index.md:1: error: This still says FILL IN" in errors
    assert "Write your organisation's name in its place." in errors
    assert main(["--root", str(root), "setup", "--name", "Riverside Climate Hub", "--github-repository",
                 "riverside-hub/assemblies", "--website", "https://riverside-hub.org.uk/", "--contact",
                 "https://riverside-hub.org.uk/contact", "--about", "We run open meetings on climate in Riverside."]) == 0
    assert "Still to fill in" not in capsys.readouterr().out
    for rel in ("README.md", "content/index.md", "mkdocs.yml"):
        text = (root / rel).read_text(encoding="utf-8")
        assert "Riverside Climate Hub" in text and "FILL IN" not in text.split("\n", 1)[1 if rel == "mkdocs.yml" else 0], rel
    assert run_check(root, capsys)[0] == 0


def test_a_published_record_lives_in_a_folder_named_for_its_own_date(project, capsys):
    """Issue 32: the starter, changed into a first assembly, was published at <today>-example for good."""
    write_record(project, "2026-12-07-example", "title: Flooding\ndate: 2026-10-01\ndraft: false\n")
    status, lines = run_check(project, capsys)
    assert status == 1 and lines[0].startswith("assemblies/2026-12-07-example/assembly.yml:2: error: The folder is "
                                               "named for 2026-12-07, but `date:` says 2026-10-01")
    assert "Rename the folder to `2026-10-01-topic`" in lines[0]
    write_record(project, "2026-12-07-example", "title: Flooding\ndate: 2026-12-07\ndraft: false\n")
    status, lines = run_check(project, capsys)
    assert status == 1 and "still called `...-example`" in lines[0] and "e.g. `2026-12-07-flooding`" in lines[0]
    write_record(project, "2026-12-07-example", "title: Flooding\ndate: 2026-10-01\ndraft: true\n")
    assert run_check(project, capsys)[0] == 0  # a draft may be worked on where it is




@pytest.mark.parametrize("date, source, said", [
    ("2024-12-01", "Islington Counci", "`from: Islington Counci` is not among the bodies"),
    ("2024-13-01", "Islington Council", "not a real date"),
])
def test_a_mistake_in_an_answer_is_said_once_not_again_by_its_verdict(project, capsys, date, source, said):
    """Issue 32, item 6: the verdict said "Did you mean" the typo, or that the answer was missing."""
    write_record(project, "2024-11-07-flooding", OUTCOME_WITH_VERDICT.replace("DATE", date).replace("SOURCE", source))
    status, lines = run_check(project, capsys)
    errors = [line for line in lines if ": error: " in line]
    assert status == 1 and len(errors) == 1 and said in errors[0], errors


def test_themes_written_without_brackets_are_an_error_not_one_theme(project, capsys):
    """Issue 32, item 6: `themes: flooding, climate adaptation` made one theme called that."""
    write_record(project, "2024-11-07-flooding", "title: Flooding\ndate: 2024-11-07\nthemes: flooding, climate adaptation\n")
    status, lines = run_check(project, capsys)
    assert status == 1 and lines[0].startswith("assemblies/2024-11-07-flooding/assembly.yml:3: error:")
    assert "[flooding, climate adaptation]" in lines[0]


def test_an_outcome_sent_but_still_proposed_is_a_warning_at_its_status(project, capsys):
    """Issue 34, item 11: the site said "Proposed" for an idea awaiting an answer."""
    write_record(project, "2024-11-07-flooding", "title: Flooding\ndate: 2024-11-07\noutcomes:\n  - id: map\n"
                 "    title: Map the streets\n    directed_to: [Islington Council]\n    status: proposed\n"
                 "    asked: 2024-11-20\n")
    status, lines = run_check(project, capsys)
    assert status == 0 and lines[0].startswith("assemblies/2024-11-07-flooding/assembly.yml:7: warning: `map` was sent "
                                               "on 2024-11-20"), lines
