"""Everything `folkmoot check` reports: the records' own problems, then
problems only visible once records are combined (such as evidence that
would run over its word limit)."""

from __future__ import annotations

from pathlib import Path

from .evidence import check_word_limits
from .problems import Problems
from .project import Project, load_project


def check_project(root: Path) -> tuple[Project, Problems]:
    project, problems = load_project(root)
    for path, line, message, hint in check_word_limits(project.assemblies, project.organisation):
        problems.warning(path, line, message, hint)
    return project, problems
