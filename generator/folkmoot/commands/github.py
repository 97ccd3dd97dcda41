"""`folkmoot check` inside GitHub Actions: every problem on its line of the pull request.

A volunteer who edits a record in GitHub's web editor never sees a
terminal. Workflow commands (`::error file=...,line=...::...`) put each
problem on its line of the pull request's "Files changed" tab; GitHub shows
only ten errors and ten warnings a step there, so every problem also goes
into the job summary as a table that links to the file and line.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from urllib.parse import quote

from folkmoot.problems import Problem, Problems


def escape_data(text: str) -> str:
    """The message part of a workflow command (GitHub's own escaping rules)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file, title) of a workflow command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def repo_path(root: Path, path: str) -> str:
    """The problem's file relative to the repository checkout, where annotations are anchored."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if not workspace:
        return path
    return Path(os.path.relpath(root / path, workspace)).as_posix()


def annotation(problem: Problem, root: Path) -> str:
    kind = "error" if problem.severity == "error" else "warning"
    props = [f"file={escape_property(repo_path(root, problem.path))}"]
    if problem.line:
        props.append(f"line={problem.line}")
    props.append(f"title={escape_property('folkmoot check: ' + kind)}")
    text = problem.message if not problem.hint else f"{problem.message} {problem.hint}"
    return f"::{kind} {','.join(props)}::{escape_data(text)}"


MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>])")


# What GitHub would turn into a link, a cross-reference or a mention: broken by a zero-width
# space, which a reader does not see (https://..., www.x, org/repo#1, #1, GH-1, @name)
LINKISH = re.compile(r"(?<=:)(?=//)|(?i:(?<=www))(?=\.)|(?<=#)|(?<=@)|(?i:(?<=\bgh))(?=-\d)")


def _cell(text: str) -> str:
    """Text from a record, made inert in a Markdown table cell: no HTML, no links, no
    cross-references or mentions, no column breaks."""
    return _inert(" ".join(text.split()))


def _inert(text: str) -> str:
    text = MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(LINKISH.sub("\u200b", text), quote=False))
    # `- ` or `1. ` would start a list, `=` a heading
    return re.sub(r"^(\s*)(-|=|\d+(?=\.))", lambda m: m[1] + (m[2] + "\\" if m[2][0].isdigit() else "\\" + m[2]),
                  text)


def markdown_text(text: str) -> str:
    """Text made inert in an issue: record text shows as written, never as a link, a
    reference or a mention; what folkmoot put between backticks (an outcome's id) is shown
    as code, where GitHub links nothing."""
    parts = " ".join(text.split()).split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick is text
        parts[-2:] = ["`".join(parts[-2:])]
    return "".join(_inert(part) if i % 2 == 0 else _code(part) for i, part in enumerate(parts))


def _code(text: str) -> str:
    return f"`{text}`" if text.strip() else _inert(text)


def _link(root: Path, problem: Problem) -> str:
    where = f"{problem.path}:{problem.line}" if problem.line else problem.path
    server, repo, sha = (os.environ.get(k, "") for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"))
    if not (server and repo and sha):
        return _cell(where)
    anchor = f"#L{problem.line}" if problem.line else ""
    url = f"{server}/{repo}/blob/{sha}/{quote(repo_path(root, problem.path), safe='/')}{anchor}"
    return f"[{_cell(where)}]({url})"


def summary(problems: Problems, root: Path, n_records: int) -> str:
    """The job summary: a count, then one table row per problem, errors first."""
    errors, warnings = len(problems.errors), len(problems.warnings)
    lines = [f"## folkmoot check: {errors} error{'s' if errors != 1 else ''}, "
             f"{warnings} warning{'s' if warnings != 1 else ''} in {n_records} "
             f"assembl{'y' if n_records == 1 else 'ies'}", ""]
    if not problems.items:
        lines.append("Every record is ready to publish.")
        return "\n".join(lines) + "\n"
    lines.append("Fix each error in the file it names (open the link, then the pencil icon), and commit to the "
                 "same branch; this check runs again.")
    lines += ["", "| | Where | What is wrong | How to fix it |", "| --- | --- | --- | --- |"]
    ordered = sorted(problems.items, key=lambda p: (p.severity != "error", p.path, p.line))
    for p in ordered:
        mark = "❌ error" if p.severity == "error" else "⚠️ warning"
        lines.append(f"| {mark} | {_link(root, p)} | {_cell(p.message)} | {_cell(p.hint)} |")
    return "\n".join(lines) + "\n"


def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def write_summary(text: str) -> None:
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(text)


class ChangesError(Exception):
    """Why the changed assemblies could not be listed (no git, an unknown base)."""


def changed_slugs(root: Path, base: str) -> list[str]:
    """Assembly folders with any file changed between `base` and now (committed or not)."""
    import subprocess

    def git(*args: str) -> str:
        try:
            result = subprocess.run(["git", "-c", "core.quotePath=false", "-C", str(root), *args],
                                    capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ChangesError(f"git could not be run ({exc}).") from None
        if result.returncode != 0:
            raise ChangesError(f"git could not compare with `{base}`: {result.stderr.strip()[:300]}")
        return result.stdout

    if not base or base.startswith("-"):  # git would read it as an option (`--output=FILE` writes a file)
        raise ChangesError(f"`{base}` is not a commit; give a branch, tag or commit, e.g. origin/main.")
    commit = git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{base}^{{commit}}").strip()
    # -z: names as they are, NUL-separated; otherwise git quotes a name holding `"` or a line break
    changed = git("diff", "--name-only", "-z", "--relative", commit, "--", "assemblies/")
    added = git("ls-files", "-z", "--others", "--exclude-standard", "--", "assemblies/")  # not yet committed
    return sorted({name.split("/")[1] for name in (changed + added).split("\0") if name.count("/") >= 2})


def changes_summary(project, problems: Problems, slugs: list[str]) -> str:
    """Markdown: each assembly a pull request adds or changes, whether it will be published, and its problems."""
    by_slug = {a.slug: a for a in project.assemblies}
    lines = [f"## Assemblies this change touches: {len(slugs)}", ""]
    if not slugs:
        return "\n".join(lines + ["No record in `assemblies/` is added or changed."]) + "\n"
    lines += ["| Assembly | Date | Published? | Errors | Warnings |", "| --- | --- | --- | --- | --- |"]
    for slug in slugs:
        folder = f"assemblies/{slug}/"
        mine = [p for p in problems.items if p.path.startswith(folder)]
        errors = sum(p.severity == "error" for p in mine)
        warnings = len(mine) - errors
        a = by_slug.get(slug)
        if a is None and not (project.root / folder).exists():
            lines.append(f"| {_cell(slug)} (deleted) | | no longer | | |")
            continue
        title = _cell(a.title) if a else _cell(slug)
        state = "no: it has errors" if errors or a is None else ("no: draft" if a.draft else "yes")
        lines.append(f"| {title} | {a.date.isoformat() if a else ''} | {state} | {errors} | {warnings} |")
    lines += ["", "Each problem is listed, with a link to its line, under **folkmoot check** above. "
              "The built site is kept with this run: download **site-preview** under Artifacts, unzip it "
              "and open `index.html`."]
    return "\n".join(lines) + "\n"
