"""`folkmoot import-notes`: group notes typed into a spreadsheet, added to a record.

Columns (header row, any order, case does not matter):
  group         required: the table's label, e.g. "Table 3" (never a person)
  note / notes  required: one note per row (`note`), or a group's notes in one cell (`notes`)
  participants  optional: how many people were at the table
  question      optional: the number of the question the table discussed

Rows of one group are gathered into its notes as a bulleted list. A group
already in the record with a `notes_file` gets the new notes appended; a new
group gets a notes file and an entry under `deliberation:`. Nothing already
written is removed, notes already present are not added twice, and rows that
would identify someone (email address, phone number) are refused by row
number. If the record would stop passing `check`, every change is undone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from folkmoot.text.slugs import slugify
from folkmoot.records.record_files import relpath
from folkmoot.problems import Problems
from folkmoot.records.project import project_settings
from folkmoot.records.safeguarding import find_contact_details, masked
from folkmoot.records.validate import check_record


class ImportError_(Exception):
    """Why nothing was imported, worded for the volunteer."""


@dataclass
class GroupNotes:
    label: str
    lines: list[str] = field(default_factory=list)
    participants: int | None = None
    question: int | None = None


MAX_TABLE_BYTES = 10_000_000  # of data (an .xlsx unpacked): reading 40 MB of sheet XML took 53 s and 193 MB


def _table_bytes(path: Path, suffix: str) -> int:
    """What reading the table would take in: a CSV's size, or an .xlsx's sheets unpacked."""
    import zipfile

    if suffix in (".xlsx", ".xlsm"):
        try:
            with zipfile.ZipFile(path) as z:
                return sum(i.file_size for i in z.infolist() if i.filename.startswith("xl/"))
        except (zipfile.BadZipFile, OSError):
            return 0  # not a spreadsheet at all: said by the reader below
    return path.stat().st_size


def read_table(path: Path):
    import pandas as pd

    if not path.is_file():
        raise ImportError_(f"{path}: no such file.")
    suffix = path.suffix.lower()
    size = _table_bytes(path, suffix)
    if size > MAX_TABLE_BYTES:
        raise ImportError_(f"{path}: the spreadsheet holds {size / 1e6:.0f} MB of data, far more than any assembly's "
                           f"notes (a whole evening is well under 1 MB); nothing was imported. Keep only the sheet "
                           "of notes, with its columns group, note, participants and question, and save it again.")
    try:
        if suffix == ".csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        elif suffix in (".xlsx", ".xlsm"):
            frame = pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
        else:
            raise ImportError_(f"{path}: use a .csv or .xlsx file (in a spreadsheet: File, Download or Save as).")
    except UnicodeDecodeError:
        raise ImportError_(f"{path}: the file is not UTF-8 text. Save it as 'CSV UTF-8' and try again.") from None
    except ImportError_:
        raise
    except Exception as exc:  # pandas and openpyxl raise many kinds for unreadable files
        raise ImportError_(f"{path}: the spreadsheet cannot be read ({exc.__class__.__name__}: {exc}).") from None
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    return frame


def gather(frame, shown: str, n_questions: int, problems: Problems) -> dict[str, GroupNotes]:
    columns = set(frame.columns)
    text_col = "note" if "note" in columns else "notes" if "notes" in columns else None
    if "group" not in columns or text_col is None:
        problems.error(shown, 1, f"The header row needs a `group` column and a `note` (or `notes`) column; it has: "
                       f"{', '.join(frame.columns) or 'nothing'}.", "Rename the columns in the first row.")
        return {}
    groups: dict[str, GroupNotes] = {}
    for index, row in frame.iterrows():
        line = int(index) + 2  # the spreadsheet's own row number: the header is row 1
        label = " ".join(str(row["group"]).split())
        text = str(row[text_col]).strip()
        if not label and not text:
            continue
        where = f"row {line}"
        if not label:
            problems.error(shown, line, f"{where} has notes but no group label.", "Fill in the `group` cell, e.g. Table 3.")
            continue
        if not text:
            continue
        found = find_contact_details(text) + find_contact_details(label)
        if found:
            problems.error(shown, line, f"{where} contains what looks like {found[0].article} ({masked(found[0].text)}); "
                           "notes are published and must never identify anyone.",
                           f"Remove the {found[0].kind} from the spreadsheet and import again.")
            continue
        numbers, refused = {}, False
        for key, low, high in (("participants", 1, 1000), ("question", 1, max(n_questions, 1))):
            raw = str(row.get(key, "")).strip() if key in columns else ""
            if not raw:
                continue
            if not re.fullmatch(r"\d+(\.0)?", raw) or not low <= int(float(raw)) <= high:
                limit = f"1 to {n_questions}" if key == "question" else "a whole number"
                problems.error(shown, line, f"{where}: `{key}` is `{raw}`, which is not {limit}; the row was not imported.",
                               "Correct the cell or leave it empty, and import again.")
                refused = True
                continue
            numbers[key] = int(float(raw))
        if refused:  # the whole row waits for the corrected spreadsheet, so nothing of it is half-imported
            continue
        group = groups.setdefault(label, GroupNotes(label))
        for key, value in numbers.items():
            setattr(group, key, value)
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        if len(lines) == 1 and not re.match(r"^([-*+]|\d+[.)])\s", lines[0]):
            lines = [f"- {lines[0]}"]
        group.lines.extend(lines)
    return groups


def import_notes(root: Path, slug: str, table: Path) -> tuple[list[str], Problems]:
    """Import; return (what was done, problems). Raises ImportError_ when nothing could start."""
    root = root.resolve()
    folder = root / "assemblies" / slug
    record = folder / "assembly.yml"
    if not record.is_file():
        raise ImportError_(f"there is no assembly `{slug}` (looked for assemblies/{slug}/assembly.yml).")
    before = Problems()
    settings = project_settings(root)
    assembly = check_record(root, folder, before, settings)
    if assembly is None or before.errors:
        raise ImportError_(f"assemblies/{slug}/assembly.yml has errors; run `folkmoot check` and fix them first.")
    problems = Problems()
    groups = gather(read_table(table), table.name, len(assembly.questions), problems)
    existing = {g.group: g for g in assembly.deliberation}
    originals: dict[Path, bytes | None] = {}

    def write(path: Path, text: str) -> None:
        originals.setdefault(path, path.read_bytes() if path.exists() else None)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    done, new_entries = [], []
    for label, g in groups.items():
        if label in existing:
            current = existing[label]
            if not current.notes_file:
                problems.error(table.name, 0, f"`{label}` already has notes typed into assembly.yml; its rows were not imported.",
                               "Move that group's notes into a file (`notes_file:`), or use another group label.")
                continue
            path = folder / current.notes_file
            old = path.read_text(encoding="utf-8")
        else:
            path = folder / "notes" / f"{slugify(label)}.md"
            if path.exists():
                problems.error(table.name, 0, f"`{relpath(root, path)}` exists but no group uses it; `{label}` was not imported.",
                               "Rename or remove that file, then import again.")
                continue
            old = ""
            new_entries.append((g, path.relative_to(folder).as_posix()))
        have = {ln.strip() for ln in old.splitlines()}
        fresh = [ln for ln in g.lines if ln not in have]
        if not fresh and label in existing:
            done.append(f"{label}: nothing new")
            continue
        write(path, (old.rstrip("\n") + "\n" if old.strip() else "") + "\n".join(fresh) + "\n")
        done.append(f"{label}: {len(fresh)} note{'s' if len(fresh) != 1 else ''} -> {relpath(root, path)}")
    if new_entries:
        write(record, _add_groups(record.read_text(encoding="utf-8"), new_entries))

    after = Problems()
    check_record(root, folder, after, settings)
    if after.errors:
        for path, data in originals.items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(data)
        listing = "\n".join(str(p) for p in after.errors)
        raise ImportError_(f"the imported notes would break the record, so nothing was changed:\n{listing}")
    return done, problems


def _entry_lines(g: GroupNotes, notes_file: str, indent: str) -> list[str]:
    import json

    lines = [f"{indent}- group: {json.dumps(g.label, ensure_ascii=False)}"]
    if g.participants:
        lines.append(f"{indent}  participants: {g.participants}")
    if g.question:
        lines.append(f"{indent}  question: {g.question}")
    lines.append(f"{indent}  notes_file: {notes_file}")
    return lines


def _add_groups(text: str, entries: list[tuple[GroupNotes, str]]) -> str:
    """Add deliberation entries to the YAML text, keeping every comment and line already there."""
    flow = re.search(r"^deliberation:[ \t]*\[", text, re.M)
    if flow and not re.match(r"\[\s*\]\s*(#.*)?$", text[flow.end() - 1:].split("\n", 1)[0]):
        return _add_to_flow(text, flow.end() - 1, entries)
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines) if re.match(r"^deliberation:\s*(\[\s*\])?\s*(#.*)?$", ln)), None)
    if start is None:
        body = [ln for e in entries for ln in _entry_lines(*e, "  ")]
        return text.rstrip("\n") + "\n\ndeliberation:\n" + "\n".join(body) + "\n"
    lines[start] = re.sub(r"\[\s*\]", "", lines[start]).rstrip()
    # the block runs until the next line that starts at the left margin with a key
    end = next((i for i in range(start + 1, len(lines)) if lines[i][:1] not in ("", " ", "#", "-", "\t")), len(lines))
    content = [i for i in range(start + 1, end) if lines[i].strip() and not lines[i].lstrip().startswith("#")]
    items = [re.match(r"^(\s*)- ", lines[i]) for i in content]
    indent = next((m.group(1) for m in items if m), "  ")
    insert_at = (content[-1] if content else start) + 1
    lines[insert_at:insert_at] = [ln for e in entries for ln in _entry_lines(*e, indent)]
    return "\n".join(lines) + "\n"


def _add_to_flow(text: str, opening: int, entries: list[tuple[GroupNotes, str]]) -> str:
    """Add entries to `deliberation: [ {...}, ... ]` written in flow style (the record is
    valid YAML, checked before the import), just before the `]` that closes it."""
    import json

    depth, i, quote = 0, opening, ""
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 1
            elif ch == quote:
                if quote == "'" and text[i + 1:i + 2] == "'":  # '' is a quote inside single quotes
                    i += 1
                else:
                    quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and text[i - 1] in " \t\n":
            i = text.find("\n", i)
            if i < 0:
                break
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                items = [json.dumps({"group": g.label, **({"participants": g.participants} if g.participants else {}),
                                     **({"question": g.question} if g.question else {}), "notes_file": notes_file},
                                    ensure_ascii=False) for g, notes_file in entries]
                before = text[:i].rstrip()
                joiner = "" if before.endswith((",", "[")) else ","
                return before + joiner + "\n  " + ",\n  ".join(items) + "\n" + text[i:]
        i += 1
    raise ImportError_("the `deliberation:` list in assembly.yml could not be followed to its end; "
                       "write it as a block list (`- group: ...` lines) and import again.")
