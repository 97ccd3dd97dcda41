"""`folkmoot check`'s to-do line and `folkmoot review`: outcomes due for review and
answers that are overdue, each at its record's line."""

from __future__ import annotations

from pathlib import Path

from folkmoot.commands import github
from folkmoot.commands.check import check_project, report
from folkmoot.records.project import today
from folkmoot.views.accountability import to_do
from folkmoot.views.site import build_site


def site_of(project):
    return build_site(project, today())


def checked_site(root: Path, command: str):
    """(project, site) when the records have no errors; else None, after saying so on stderr:
    letters, reports and digests are written only from records that pass check."""
    import sys

    project, problems = check_project(root.resolve())
    if problems.errors:
        print(f"folkmoot {command}: the records have errors; run `folkmoot check` and fix them first.", file=sys.stderr)
        return None
    return project, site_of(project)


def check(root: Path, output_format: str | None) -> int:
    """`folkmoot check`: every problem, as text or as GitHub annotations, then what is due."""
    project, problems = check_project(root)
    if output_format == "github" or (output_format is None and github.in_github_actions()):
        github.write_summary(github.summary(problems, root, project.folders_checked))
        status = report(problems, project.folders_checked, show=lambda p: github.annotation(p, root))
    else:
        status = report(problems, project.folders_checked)
    items = to_do(site_of(project)) if not problems.errors else []
    if items:
        due = sum(text.startswith("due for review") for _, _, text in items)
        broken = sum(text.startswith("broken promise") for _, _, text in items)
        overdue = len(items) - due - broken
        print(f"To do: {due} outcome{'s' if due != 1 else ''} due for review, {overdue} overdue "
              f"answer{'s' if overdue != 1 else ''} and {broken} broken promise{'s' if broken != 1 else ''} "
              "(not errors). `folkmoot review` lists them.")
    return status


def review(root: Path, output_format: str = "text") -> int:
    """`folkmoot review`: what to follow up, with file:line; `issue`: the same as the body of
    the one GitHub issue a scheduled workflow keeps up to date (nothing at all when nothing is due)."""
    project, problems = check_project(root)
    if problems.errors:
        return report(problems, project.folders_checked)
    items = to_do(site_of(project))
    if output_format == "issue":
        if items:
            print(issue_body(items, today()))
        return 0
    for path, line, text in items:
        print(f"{path}:{line}: {text}")
    print(f"{len(items)} thing{'s' if len(items) != 1 else ''} to follow up." if items else
          "Nothing to follow up: every open outcome has recent news and no answer is overdue.")
    return 0


ISSUE_KINDS = (("overdue", "Overdue answers"), ("broken promise", "Broken promises"),
               ("due for review", "Outcomes with no news"))
BODY_LIMIT = 65_536  # the most characters GitHub takes in an issue's body


def issue_body(items: list[tuple[str, int, str]], day, limit: int = BODY_LIMIT) -> str:
    """Markdown for the reminder issue: each item under its kind, with a link to its line in the
    repository (on GitHub Actions) or its file:line, so a volunteer goes straight to the record.
    Never longer than `limit` characters (GitHub refuses a longer body, and the morning's
    update would fail): what does not fit is counted, and `folkmoot review` lists it."""
    import os

    server, repo = os.environ.get("GITHUB_SERVER_URL", ""), os.environ.get("GITHUB_REPOSITORY", "")
    branch = os.environ.get("GITHUB_REF_NAME", "main")
    head = [f"What to follow up, as of {day.isoformat()}: {len(items)} thing{'s' if len(items) != 1 else ''}. "
            "This issue is kept up to date every morning by the site's workflow, and closed when nothing is due.", ""]
    sections = []
    for prefix, heading in ISSUE_KINDS:
        found = [(p, n, t) for p, n, t in items if t.startswith(prefix + ":")]
        if found:
            sections.append((f"## {heading} ({len(found)})", [
                f"- [ ] {_where(path, line, server, repo, branch)}: {github.markdown_text(text.split(': ', 1)[1])}"
                for path, line, text in found]))
    reserve = 200 * len(sections)  # each section's heading, and its "... and N more"
    room = limit - len("\n".join(head)) - reserve - sum(len(h) + 2 for h, _ in sections)
    lines = head
    for heading, entries in sections:
        lines += [heading, ""]
        shown = 0
        for entry in entries:
            if len(entry) + 1 > room:
                break
            lines.append(entry)
            room -= len(entry) + 1
            shown += 1
        if shown < len(entries):
            lines.append(f"- ... and {len(entries) - shown} more: run `folkmoot review` to see them all.")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _where(path: str, line: int, server: str, repo: str, branch: str) -> str:
    from urllib.parse import quote

    if server and repo:
        return f"[{github.markdown_text(f'{path}:{line}')}]({server}/{repo}/blob/{quote(branch)}/{quote(path)}#L{line})"
    return f"`{path}:{line}`"
