"""Everything `folkmoot check` reports: the records' own problems, the
organisation's template overrides, then problems only visible once records
are combined (such as evidence that would run over its word limit)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jinja2
from jinja2 import meta

from folkmoot.commands.budget import check_budget
from folkmoot.commands.content_check import check_content
from folkmoot.engine.cache import digest, project_cache
from folkmoot.documents.evidence import check_word_limits
from folkmoot.records.record_files import relpath
from folkmoot.problems import Problems
from folkmoot.records.project import Project, load_project


DOCUMENTS = "evidence documents"  # in a preview's memo, beside each record folder's last check


def check_project(root: Path, memo: dict | None = None) -> tuple[Project, Problems]:
    """`memo`: kept by a preview between rebuilds (see `load_project`); unchanged records
    are not checked again, and their evidence documents are not made again."""
    documents = memo.get(DOCUMENTS, {}) if memo is not None else None
    project, problems = load_project(root, memo)
    if memo is not None:
        project.documents = memo[DOCUMENTS] = documents
    check_cache_not_committed(project.root, problems)
    check_content(project.root, project.settings.public, problems)
    check_templates(project, problems)
    for path, line, message, hint in check_word_limits(project.assemblies, project.organisation, project.documents,
                                                              project.language, counts=_kept_counts(project)):
        problems.warning(path, line, message, hint)
    if memo is None:  # a preview re-checks on every edit; the sizes are said by `check` and `build`
        check_budget(project, problems)
    return project, problems


def _kept_counts(project: Project):
    """Word counts of an unchanged record's submissions, kept beside its check (see
    `project.check_records`), so `check` does not write every submission again to count it."""
    if not project.record_keys:
        return None
    cache, org = project_cache(project.root), repr(project.organisation)

    def counts(assembly, make) -> list[int]:
        key = project.record_keys.get(assembly.slug)
        if not key:
            return make()
        key = digest("word counts v1", key, org, project.language_code)
        project.cache_used.add(key)  # kept when the build prunes the cache
        kept = cache.load(key)
        try:
            found = json.loads(kept) if kept is not None else None
        except ValueError:
            found = None
        if isinstance(found, list) and all(type(n) is int for n in found):
            return found
        found = make()  # not kept, or not readable as counts: counted again
        cache.store(key, json.dumps(found).encode())
        return found

    return counts


def check_cache_not_committed(root: Path, problems: Problems) -> None:
    """The cache folder holds checked records and made files; committed, anyone who can
    open a pull request could put entries there. Each entry is checked against its
    record, but a repository that tracks `.cache/` is refused outright."""
    import subprocess

    try:
        found = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--", ".cache"], capture_output=True,
                               timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return  # no git here: nothing is committed
    if found.strip(b"\0"):
        count = found.count(b"\0") or 1
        problems.error(".cache", 0, f"The cache folder is committed to the repository ({count} file(s)); it is made by "
                       "each build and must never come from the repository, where anyone could change it.",
                       "Run `git rm -r --cached .cache`, add the line `.cache/` to `.gitignore`, and commit.")


def check_word_template(project: Project, problems: Problems) -> None:
    """templates/evidence.docx must be a Word document python-docx can build on: a Word
    template (.dotx) renamed, or any other file, stopped the build after check passed."""
    path = project.word_template
    if path is None:
        return
    import docx

    try:
        docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for files that are not .docx
        kind = "a Word template (.dotx)" if "template.main" in str(exc) else "not a Word document that can be opened"
        problems.error(relpath(project.root, path), 0, f"This file is {kind}, so evidence documents cannot use its styles.",
                       "Open it in Word or LibreOffice and save it as a Word Document (.docx), or remove it.")


def check_templates(project: Project, problems: Problems) -> None:
    """Syntax errors and templates that name themselves, found before any build.

    A template in templates/ that extends or includes its own name would find
    itself again (the organisation's folder comes first), so it never ends."""
    folder = project.templates_dir
    if not folder.is_dir():
        return
    check_word_template(project, problems)
    env = jinja2.Environment()
    for path in sorted(folder.rglob("*.j2")):
        shown = relpath(project.root, path)
        name = path.relative_to(folder).as_posix()
        try:
            source = path.read_text(encoding="utf-8")
            tree = env.parse(source, name, str(path))
        except UnicodeDecodeError:
            problems.error(shown, 0, "This template is not UTF-8 text.", "Save it again as UTF-8.")
            continue
        except OSError as exc:
            problems.error(shown, 0, f"This template cannot be read ({exc.strerror}).", "")
            continue
        except jinja2.TemplateSyntaxError as exc:
            problems.error(shown, exc.lineno or 0, f"This template has a syntax error: {exc.message}.",
                           "Check that every {% ... %} has its {% end... %} and every {{ is closed by }}.")
            continue
        if name in set(meta.find_referenced_templates(tree)):
            line = next((i for i, text in enumerate(source.splitlines(), 1) if name in text), 0)
            problems.error(shown, line, f"This template extends or includes `{name}`, its own name, so it never ends.",
                           "Copy folkmoot's template and edit the copy instead of extending it.")


def report(problems: Problems, n_records: int, out=None, show=str) -> int:
    """Print every problem (as `show` words it) then a one-line summary; return the exit status."""
    out = out or sys.stdout
    for problem in problems.sorted():
        print(show(problem), file=out)
    errors, warnings = len(problems.errors), len(problems.warnings)
    records = f"{n_records} assembl{'y' if n_records == 1 else 'ies'}"
    if errors:
        print(f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''} "
              f"({records} checked). Fix the errors above and run `folkmoot check` again.", file=out)
        return 1
    print(f"No errors, {warnings} warning{'s' if warnings != 1 else ''} ({records} checked).", file=out)
    return 0
