"""`folkmoot import-notes`: spreadsheets of group notes into a record, safely."""

from __future__ import annotations

import difflib

import pandas as pd
import yaml

from conftest import copy_project, run_check
from folkmoot.cli import main

SLUG = "2025-11-13-flooding"


def record_text(root):
    return (root / "assemblies" / SLUG / "assembly.yml").read_text()


def test_csv_one_row_per_note(tmp_path, capsys):
    root = copy_project(tmp_path)
    before = record_text(root)
    sheet = tmp_path / "notes.csv"
    sheet.write_text("Group,Note,Participants,Question\n"
                     "Table 7,Flood wardens on every street,6,2\n"
                     "Table 7,Sandbags kept at the library,,\n"
                     ",,,\n"
                     "Table 8,Ring me on 07700 900123 about it,5,1\n"
                     "Table 9,Email jo@example.org,5,1\n"
                     ",An orphan note,,\n"
                     "Table 10,Bad question number,5,9\n")
    assert main(["--root", str(root), "import-notes", SLUG, str(sheet)]) == 1
    out = capsys.readouterr().out
    assert "notes.csv:5: error: row 5 contains what looks like a phone number" in out
    assert "notes.csv:6: error: row 6 contains what looks like an email address" in out
    assert "notes.csv:7: error: row 7 has notes but no group label" in out
    assert "notes.csv:8: error: row 8: `question` is `9`, which is not 1 to 3" in out
    assert "Traceback" not in out
    # what was there is all still there, in order, with comments
    after = record_text(root)
    changes = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), autojunk=False).get_opcodes()
    assert {op for op, *_ in changes} == {"equal", "insert"}
    record = yaml.safe_load(after)
    [t7] = [g for g in record["deliberation"] if g["group"] == "Table 7"]
    assert t7 == {"group": "Table 7", "participants": 6, "question": 2, "notes_file": "notes/table-7.md"}
    notes = (root / "assemblies" / SLUG / "notes/table-7.md").read_text()
    assert notes == "- Flood wardens on every street\n- Sandbags kept at the library\n"
    assert not any(g["group"] in ("Table 8", "Table 9") for g in record["deliberation"])
    status, lines = run_check(root, capsys)
    assert status == 0, lines


def test_xlsx_one_row_per_group_appends_to_existing_notes_file_once(tmp_path, capsys):
    root = copy_project(tmp_path)
    record = yaml.safe_load(record_text(root))
    [with_file] = [g for g in record["deliberation"] if "notes_file" in g][:1]
    path = root / "assemblies" / SLUG / with_file["notes_file"]
    original = path.read_text()
    sheet = tmp_path / "notes.xlsx"
    pd.DataFrame({"group": [with_file["group"]], "notes": ["- A new point from the flipchart\n- Another one"]}) \
        .to_excel(sheet, index=False)
    assert main(["--root", str(root), "import-notes", SLUG, str(sheet)]) == 0
    assert main(["--root", str(root), "import-notes", SLUG, str(sheet)]) == 0  # again: nothing doubled
    text = path.read_text()
    assert text.startswith(original.rstrip("\n"))
    assert text.count("A new point from the flipchart") == 1 and text.endswith("- Another one\n")
    assert "nothing new" in capsys.readouterr().out


def test_group_with_inline_notes_is_left_alone(tmp_path, capsys):
    root = copy_project(tmp_path)
    before = record_text(root)
    sheet = tmp_path / "notes.csv"
    sheet.write_text("group,note\nTable 1,One more\n")
    assert main(["--root", str(root), "import-notes", SLUG, str(sheet)]) == 1
    assert "already has notes typed into assembly.yml" in capsys.readouterr().out
    assert record_text(root) == before


def test_unreadable_or_wrong_spreadsheets(tmp_path, capsys):
    root = copy_project(tmp_path)
    bad = tmp_path / "notes.csv"
    bad.write_bytes(b"group,note\nTable 1,\xff\xfe broken\n")
    assert main(["--root", str(root), "import-notes", SLUG, str(bad)]) == 1
    assert "not UTF-8" in capsys.readouterr().err
    wrong = tmp_path / "columns.csv"
    wrong.write_text("table,text\nTable 1,hello\n")
    assert main(["--root", str(root), "import-notes", SLUG, str(wrong)]) == 1
    assert "columns.csv:1: error: The header row needs a `group` column" in capsys.readouterr().out
    assert main(["--root", str(root), "import-notes", "no-such-assembly", str(wrong)]) == 1
    assert "there is no assembly" in capsys.readouterr().err


def test_a_refused_row_is_not_imported_and_the_corrected_one_is(tmp_path, capsys):
    """A bad number refuses the whole row; imported again once corrected, it arrives with its count."""
    root = copy_project(tmp_path)
    sheet = tmp_path / "notes.csv"
    sheet.write_text("group,note,participants,question\nTable 12,plain note,abc,1\n")
    assert main(["--root", str(root), "import-notes", SLUG, str(sheet)]) == 1
    out = capsys.readouterr().out
    assert "notes.csv:2: error: row 2: `participants` is `abc`" in out and "the row was not imported" in out
    assert "Table 12" not in record_text(root)
    assert not (root / "assemblies" / SLUG / "notes/table-12.md").exists()
    sheet.write_text("group,note,participants,question\nTable 12,plain note,6,1\n")
    assert main(["--root", str(root), "import-notes", SLUG, str(sheet)]) == 0
    entry = next(g for g in yaml.safe_load(record_text(root))["deliberation"] if g["group"] == "Table 12")
    assert entry["participants"] == 6 and entry["question"] == 1
    assert "plain note" in (root / "assemblies" / SLUG / entry["notes_file"]).read_text()


def test_a_spreadsheet_far_too_big_for_notes_is_refused_at_once(tmp_path, capsys):
    """Issue 23, item 14: 40 MB of sheet XML took 53 s and 193 MB before anything was said."""
    root = copy_project(tmp_path)
    sheet = tmp_path / "huge.xlsx"
    rows = [{"group": f"Table {i % 9}", "note": "x" * 400} for i in range(40_000)]
    pd.DataFrame(rows).to_excel(sheet, index=False)
    before = record_text(root)
    assert main(["--root", str(root), "import-notes", SLUG, str(sheet)]) == 1
    assert record_text(root) == before
    err = capsys.readouterr().err
    assert "huge.xlsx: the spreadsheet holds" in err and "nothing was imported" in err


def test_a_record_written_in_flow_style_gets_its_groups_added_inside_the_list(tmp_path, capsys):
    """Issue 23, item 8: `deliberation: [ {...} ]` was refused with "appears twice", because
    a second `deliberation:` block was added below it."""
    from conftest import write_record

    root = copy_project(tmp_path)
    folder = write_record(root, "2025-01-09-parks", "title: Parks\ndate: 2025-01-09\n"
                          "deliberation: [ {group: 'Table [1]', notes: \"Open the gates # early\"},  # the first table\n"
                          "  {group: Table 2, notes: More benches} ]\nthemes: [parks]\n")
    sheet = tmp_path / "notes.csv"
    sheet.write_text("group,note,participants\nTable 3,Plant fruit trees,7\n")
    assert main(["--root", str(root), "import-notes", "2025-01-09-parks", str(sheet)]) == 0, capsys.readouterr()
    record = yaml.safe_load((folder / "assembly.yml").read_text())
    assert [g["group"] for g in record["deliberation"]] == ["Table [1]", "Table 2", "Table 3"]
    assert record["deliberation"][2] == {"group": "Table 3", "participants": 7, "notes_file": "notes/table-3.md"}
    assert record["themes"] == ["parks"] and "# the first table" in (folder / "assembly.yml").read_text()
    assert run_check(root, capsys)[0] == 0
