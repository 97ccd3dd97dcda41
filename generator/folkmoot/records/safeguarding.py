"""Find contact details that would make a participant identifiable.

Group notes, summaries and recaps are typed by the public and published
as they are, so an email address or phone number in them is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# UK numbers (07700 900123, 020 7946 0000, (020) 7946 0000, +44 7700 900123)
# and other international numbers written with a leading +.
PHONE = re.compile(
    r"(?<![\w+])(?:"
    r"\+\d{1,3}[\s.-]?(?:\(0\)[\s.-]?)?\d(?:[\s.-]?\d){6,12}"
    r"|\(0\d{1,4}\)[\s.-]?\d(?:[\s.-]?\d){5,8}"
    r"|0\d(?:[\s.-]?\d){8,9}"
    r")(?![\w])"
)


@dataclass(frozen=True)
class Finding:
    line_offset: int  # lines after the first line of the text
    kind: str  # "email address" or "phone number"
    text: str

    @property
    def article(self) -> str:
        return ("an " if self.kind[0] in "aeiou" else "a ") + self.kind


_NO_DIGITS = str.maketrans("", "", "0123456789")


def find_contact_details(text: str) -> list[Finding]:
    findings = []
    # Cheap tests first: most text has no "@" and fewer than nine digits.
    patterns = []
    if "@" in text:
        patterns.append(("email address", EMAIL))
    if len(text) - len(text.translate(_NO_DIGITS)) >= 9:
        patterns.append(("phone number", PHONE))
    for kind, pattern in patterns:
        for match in pattern.finditer(text):
            findings.append(Finding(text.count("\n", 0, match.start()), kind, match.group(0)))
    return sorted(findings, key=lambda f: f.line_offset)


def masked(text: str) -> str:
    """Show enough of a finding to locate it without repeating it in full."""
    return text[:3] + "…" if len(text) > 4 else text
