"""What `folkmoot init` leaves for an organisation to fill in, refused until it is.

A new site's mkdocs.yml says `FILL IN` where only the organisation knows the
answer, and uses the addresses reserved for examples (example.org, anything
under `.example`: RFC 2606) where it needs a web address. Published as they
are, an evidence document to a committee would begin "FILL IN: ...", and the
site's links, feeds and sitemap would point at example.org. So each is an
error at its line, in mkdocs.yml, in the records and in the site's own pages.

The bundled example site is fictional on purpose: it says so in one setting,
`example_site: true`, which lets its `.example` addresses through (never
`FILL IN`).
"""

from __future__ import annotations

import re
from pathlib import Path

from folkmoot.problems import Problems

FILL_IN = "FILL IN"
# What a starter (`init --starter`) says where the organisation's name goes
STARTER_NAME = "FILL IN your organisation's name"
# a web address on a host reserved for examples: example.org/.com/.net, or anything under .example
RESERVED = re.compile(r"https?://(?:[\w-]+\.)*(?:example\.(?:org|com|net)|[\w-]+\.example)(?![\w.-])"
                      r"(?::\d+)?(?:[/?#][^\s\"'<>)\]]*)?", re.IGNORECASE)

# What to write instead, for the settings `init` leaves to fill in (by the key on the line)
ASKS = {
    "site_name": "your organisation's name, then People's Assemblies",
    "site_description": "one sentence saying what the site is",
    "name": "your organisation's name",
    "site_url": "where the site will be published, e.g. https://your-org.github.io/assemblies/",
    "contact": "the address of your organisation's contact page (never a person's email)",
    "url": "your organisation's own website",
    "about": "two or three sentences about your organisation, for the start of every evidence document",
    "repo_url": "the address of this repository on GitHub",
}


def _code(line: str) -> str:
    """A line of YAML or Markdown without its comment (a `#` after a space, outside quotes)."""
    quote = ""
    for i, char in enumerate(line):
        if char in "\"'" and not quote:
            quote = char
        elif char == quote:
            quote = ""
        elif char == "#" and not quote and (i == 0 or line[i - 1].isspace()):
            return line[:i]
    return line


def _key(lines: list[str], index: int) -> str:
    """The setting a line belongs to: its own key, or the key of the block it continues."""
    for i in range(index, -1, -1):
        match = re.match(r"\s*([A-Za-z_]+):", lines[i])
        if match:
            return match[1]
    return ""


def check_text(text: str, shown: str, problems: Problems, example_site: bool, markdown: bool = False) -> None:
    """Every placeholder in one file, at its line."""
    if FILL_IN not in text and (example_site or not RESERVED.search(text)):
        return  # most files: looked at once, not line by line
    lines = text.splitlines()
    fenced = False
    for index, line in enumerate(lines):
        if markdown and line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        code = line if markdown else _code(line)
        if fenced:
            continue
        key = "" if markdown else _key(lines, index)
        what = "your organisation's name" if STARTER_NAME in code else ASKS.get(key, "")
        if FILL_IN in code:
            problems.error(shown, index + 1, "This still says FILL IN, which `folkmoot init` left for you: as it is, "
                           "it would be published word for word.",
                           f"Write {what} in its place." if what else "Write what it asks for in its place.")
        found = RESERVED.search(code)
        if found and not example_site:
            problems.error(shown, index + 1, f"`{found[0]}` is an address reserved for examples, not a real one: "
                           "links, feeds and documents would point at it.",
                           f"Write {what} instead." if what else "Write the real address, or remove the line.")


def check_placeholders(root: Path, config_text: str, example_site: bool, problems: Problems,
                       records: list[Path]) -> None:
    """mkdocs.yml, the records given, and the pages in content/ (not the guides, whose
    examples are meant as examples)."""
    check_text(config_text, "mkdocs.yml", problems, example_site)
    for record in records:
        try:
            text = record.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the record's own check says what is wrong with the file
        check_text(text, record.relative_to(root).as_posix(), problems, example_site)
    content = root / "content"
    if content.is_dir():
        for page in sorted(content.rglob("*.md")):
            if page.is_file() and "guides" not in page.relative_to(content).parts:
                try:
                    check_text(page.read_text(encoding="utf-8"), page.relative_to(root).as_posix(), problems,
                               example_site, markdown=True)
                except (OSError, UnicodeDecodeError):
                    continue
