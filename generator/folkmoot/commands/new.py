"""`folkmoot new`: a starter record that passes `check` and shows every field."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from folkmoot.records.validate import is_valid_slug

FILLER = {"people's", "peoples", "people", "assembly", "on", "the", "a", "an", "of", "and", "for", "in",
          "about", "our", "to", "with"}


class ScaffoldError(Exception):
    """A reason `new` refused, worded for the volunteer."""


def slug_for(title: str, date: dt.date) -> str:
    words = [w for w in re.findall(r"[a-z0-9']+", title.lower()) if w not in FILLER]
    words = [w.replace("'", "") for w in words][:3] or ["assembly"]
    return f"{date.isoformat()}-{'-'.join(words)}"


def new_assembly(root: Path, title: str, date_text: str, slug: str | None = None) -> Path:
    try:
        date = dt.date.fromisoformat(date_text)
    except ValueError:
        raise ScaffoldError(f"`{date_text}` is not a date. Write it as year-month-day, e.g. --date 2025-07-10.") from None
    if not title.strip():
        raise ScaffoldError("The title is empty. Give one in quotes, e.g. \"People's Assembly on Heat\".")
    slug = slug or slug_for(title, date)
    if not is_valid_slug(slug):
        raise ScaffoldError(f"`{slug}` is not a valid folder name. Use lowercase letters, digits and hyphens.")
    base = root / "assemblies"
    folder = base / slug
    if folder.exists():
        raise ScaffoldError(f"assemblies/{slug} already exists; nothing was changed. Edit that record, or choose "
                            "another name with --slug.")
    base.mkdir(exist_ok=True)
    folder.mkdir()
    (folder / "assembly.yml").write_text(STARTER.format(title=json.dumps(title.strip(), ensure_ascii=False),
                                                        date=date.isoformat()), encoding="utf-8")
    return folder.relative_to(root) if folder.is_relative_to(root) else folder


STARTER = """\
# The record of one People's Assembly. Lines starting with # are comments:
# delete the # in front of a field to use it. Indent with spaces, never tabs.
# Run `folkmoot check` after every change; it says what to fix and where.
# The volunteer's guide to every field is on the site: guides/writing-a-record/

title: {title}
date: {date}                  # year-month-day
draft: true                         # checked but not published; set to false to publish
# time: "18:30-20:30"               # keep the quotes

# venue:
#   name: Community centre name
#   address: Street, town, postcode
#   access: Step-free entrance, hearing loop, accessible toilet
#   online: https://example.org/join        # for hybrid or online assemblies

# registration: https://example.org/register   # sign-up link while it is upcoming
# organisers: [Our Climate Centre]
# themes: [heat, climate adaptation]          # each theme gets its own page

# After the assembly:
# summary: >
#   One to three sentences on what happened and what people asked for.
# attendance: 40                               # a whole number of people
# recap_video: https://www.youtube.com/watch?v=xxxxxxxxxxx
# recap: recap.md                              # a longer story, in a Markdown file in this folder

# 1. Input: what set the scene
# input:
#   - title: What a heatwave means for our streets
#     speaker: Public health team, the borough council   # a public speaker or a role
#     role: Public health adviser
#     kind: talk                               # talk, video, story, slides or other
#     url: https://example.org/slides
#     summary: A few sentences on what was said.

# questions:
#   - How can we keep our homes and streets cool?

# 2. Deliberation: one entry per table. A group is a label, never a person's name.
# deliberation:
#   - group: Table 1
#     participants: 6
#     question: 1                              # number of the question above, counting from 1
#     notes: |
#       - First point the table made
#       - Second point
#   - group: Table 2
#     notes_file: notes/table-2.md             # or keep longer notes in a file in this folder

# 3. Integration: what the room agreed on
# integration:
#   - point: Plant street trees where there is least shade
#     support: strong                          # strong, broad, mixed or low

# outcomes:
#   - id: street-trees                         # lowercase words joined by hyphens
#     title: Plant trees on the hottest streets
#     detail: What exactly is asked, and why.
#     kind: recommendation                     # recommendation, community-action or question
#     directed_to: [Our Borough Council]
#     status: proposed                         # proposed, shared, acknowledged, in-progress, adopted, done, declined
#     updates:                                 # oldest first; the last one is the current status
#       - date: 2025-09-01
#         status: shared
#         note: Presented to the council's environment committee
#         link: https://example.org/minutes

# evidence:
#   - to: House of Commons Environmental Audit Committee
#     inquiry: Heat resilience
#     deadline: 2025-10-01
#     outcomes: [street-trees]                 # which outcomes to include (default: all)
#     word_limit: 3000

# photos:
#   - file: photos/circle.jpg                  # put the photo in a photos folder here
#     alt: What the photo shows, for people who cannot see it
#     caption: A caption
#     credit: Who took it
#     consent: true                            # only photos with consent are published
"""
