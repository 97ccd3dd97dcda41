"""Problems found in records, reported as ``path:line: message hint``.

Every check adds to one Problems list instead of raising, so that a
volunteer sees every mistake in one run.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based; 0 when the problem is about the whole file
    message: str
    hint: str = ""
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        """One line, whatever the record's text quoted in it holds: a line break from a record
        would start a line of its own, and in GitHub Actions a line that starts with `::` is
        a workflow command (`::error`, `::add-mask::`, `::stop-commands::`)."""
        text = self.message if not self.hint else f"{self.message} {self.hint}"
        where = f"{self.path}:{self.line}" if self.line else self.path
        return " ".join(f"{where}: {self.severity}: {text}".splitlines())


@dataclass
class Problems:
    items: list[Problem] = field(default_factory=list)

    def error(self, path: str, line: int, message: str, hint: str = "") -> None:
        self.items.append(Problem(path, line or 0, message, hint, "error"))

    def warning(self, path: str, line: int, message: str, hint: str = "") -> None:
        self.items.append(Problem(path, line or 0, message, hint, "warning"))

    def extend(self, other: "Problems") -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=lambda p: (p.path, p.line, p.message))
