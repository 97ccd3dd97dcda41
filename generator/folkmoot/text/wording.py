"""Record text put inside folkmoot's own sentences."""

from __future__ import annotations

import re

# An article starting a label written to stand alone ("A resident of Northfield")
LEADING_ARTICLE = re.compile(r"^(A|An|The|Un|Une|Le|La|Les)(?= [a-zà-ÿ])")


def in_sentence(value: str) -> str:
    """A speaker written as a label of its own, put inside a sentence: "Story by a resident",
    not "Story by A resident". Only an article followed by a lower-case word is lowered, so
    a name ("The Wharf Tenants") is left as it is."""
    return LEADING_ARTICLE.sub(lambda m: m[1].lower(), value) if isinstance(value, str) else value
