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
        overdue = len(items) - due
        print(f"To do: {due} outcome{'s' if due != 1 else ''} due for review and {overdue} overdue "
              f"answer{'s' if overdue != 1 else ''} (not errors). `folkmoot review` lists them.")
    return status


def review(root: Path) -> int:
    """`folkmoot review`: what to follow up, with file:line."""
    project, problems = check_project(root)
    if problems.errors:
        return report(problems, project.folders_checked)
    items = to_do(site_of(project))
    for path, line, text in items:
        print(f"{path}:{line}: {text}")
    print(f"{len(items)} thing{'s' if len(items) != 1 else ''} to follow up." if items else
          "Nothing to follow up: every open outcome has recent news and no answer is overdue.")
    return 0
