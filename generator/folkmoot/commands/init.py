"""`folkmoot init DIR --name "..."`: a new organisation's own site, in minutes.

The new repository holds no generator code: folkmoot comes from the
package at the version in its requirements.txt, and the guides come with
it (a site may still put its own copy in content/guides/). What it holds is
the organisation's: settings to fill in, a home page, one draft record, a
folder for template overrides, and the GitHub workflows that check, build
and publish it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from folkmoot import __version__
from folkmoot.resources import SKELETON
from folkmoot.commands.new import new_assembly
from folkmoot.records.fields import is_web_link
from folkmoot.records.placeholders import FILL_IN, RESERVED, STARTER_NAME
from folkmoot.records.yamlload import forbidden_character

# skeleton file -> where it goes in the new site (templates lose their .j2)
PLACES = {"gitignore": ".gitignore", "github/site.yml": ".github/workflows/site.yml",
          "github/setup.yml": ".github/workflows/setup.yml", "github/dependabot.yml": ".github/dependabot.yml"}


# The name a starter (`init --starter`, the template repository the release job makes) is written
# with, until the "Set up this site" workflow writes the organisation's own (see `setup.name_pages`)
NAMED_PAGES = ("README.md", "content/index.md")


class InitError(Exception):
    """Why no site was made, worded for the person running init."""


def _files(folder, prefix: str = ""):
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            yield from _files(entry, f"{prefix}{entry.name}/")
        elif not entry.name.startswith(("__", ".")):
            yield f"{prefix}{entry.name}", entry


@dataclass
class Answers:
    """What only the organisation knows, asked up front (`init --site-url ...`) or later by
    `folkmoot setup`; what is not given is left marked FILL IN, which `check` refuses."""

    site_url: str = ""
    website: str = ""
    contact: str = ""
    about: str = ""
    language: str = "en"
    repository: str = "public"
    repo_url: str = ""

    def problems(self) -> list[str]:
        found = []
        for field, value in (("--site-url", self.site_url), ("--website", self.website), ("--contact", self.contact),
                             ("--repo-url", self.repo_url)):
            if value and not is_web_link(value):
                found.append(f"{field} should be a web address starting with https://, not `{value}`.")
            elif value and RESERVED.search(value):
                found.append(f"{field} is `{value}`, an address reserved for examples; give the real one.")
        if self.site_url and not self.site_url.endswith("/"):
            self.site_url += "/"
        if self.repository not in ("public", "private"):
            found.append("--repository is `public` or `private`.")
        if self.about and (FILL_IN in self.about or len(self.about) > 2000 or forbidden_character(self.about)):
            found.append("--about should be two or three plain sentences about the organisation.")
        if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", self.language or ""):
            found.append(f"--language is a language code such as en, cy or fr, not `{self.language}`.")
        return found


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def fill_in(text: str, answers: Answers, name: str = "") -> str:
    """mkdocs.yml as `init` writes it, with each answer given written where its FILL IN line
    was (and the organisation's name, when given): the one writer of a new site's settings,
    for `init` and for `setup` (the "Set up this site" workflow). Lines already filled in, and
    everything else in the file, are left as they are."""
    def sub(pattern: str, replacement: str) -> None:
        nonlocal text
        text = re.sub(pattern, lambda m: m.expand(replacement), text, count=1, flags=re.MULTILINE)

    if name:
        sub(r"^site_name: .*$", "site_name: " + _yaml(f"{name} People's Assemblies").replace("\\", "\\\\"))
        sub(r"^site_description: .*$", "site_description: " + _yaml(
            f"What {name}'s People's Assemblies discussed, agreed and changed.").replace("\\", "\\\\"))
        sub(r"^(\s+organisation:\n\s+)name: .*$", r"\1name: " + _yaml(name).replace("\\", "\\\\"))
    values = {
        "site_url": (r"^site_url: .*FILL IN.*$", "site_url: {}"),
        "website": (r"^(\s+)url: https://example\.org/ .*$", r"\1url: {}"),
        "contact": (r"^(\s+)contact: https://example\.org/contact.*$", r"\1contact: {}"),
        "about": (r"^(\s+)about: >\n\s+FILL IN:.*\n.*\n", r"\1about: {}\n"),
    }
    for field, (pattern, replacement) in values.items():
        value = getattr(answers, field)
        if value:
            sub(pattern, replacement.format(_yaml(value).replace("\\", "\\\\")))
    if answers.repo_url:
        sub(r"^# repo_url: .*$", "repo_url: " + _yaml(answers.repo_url).replace("\\", "\\\\"))
        sub(r"^# edit_uri: (.*)$", r"edit_uri: \1")
    sub(r"^(\s+language: )[\w-]+", r"\g<1>" + answers.language)
    sub(r"^(\s+repository: )(public|private)( +# or: )(public|private)",
        r"\g<1>" + answers.repository + r"\3" + ("private" if answers.repository == "public" else "public"))
    return text


def requirement(dest: Path) -> tuple[str, str]:
    """(the line of requirements.txt that installs this very folkmoot, a comment saying what it
    is): the release when it came from PyPI, else its git address and commit, else the wheel it
    was installed from, copied into the new site's `wheels/` so that the first `make site` and
    the first push install it with no edit."""
    import shutil
    from importlib import metadata
    from urllib.parse import unquote, urlsplit

    pinned = f"folkmoot=={__version__}"
    try:
        direct = metadata.distribution("folkmoot").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        direct = None
    if not direct:  # from PyPI (or another index): the plain pin
        return pinned, "# Dependabot proposes each new release."
    info = json.loads(direct)
    url = info.get("url", "")
    if "vcs_info" in info and info["vcs_info"].get("commit_id"):
        vcs = info["vcs_info"].get("vcs", "git")
        return (f"folkmoot @ {vcs}+{url}@{info['vcs_info']['commit_id']}",
                f"# From its repository, at the commit init ran from. Once folkmoot is on PyPI, write `{pinned}`.")
    if "archive_info" in info and url.startswith("https://"):
        return f"folkmoot @ {url}", f"# The release init ran from. Once folkmoot is on PyPI, write `{pinned}`."
    path = Path(unquote(urlsplit(url).path)) if url.startswith("file://") else None
    if "archive_info" in info and path is not None and path.suffix == ".whl" and path.is_file():
        (dest / "wheels").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest / "wheels" / path.name)
        return (f"./wheels/{path.name}", "# The wheel init ran from, kept in wheels/. Once folkmoot is on PyPI, write "
                f"`{pinned}` here and delete wheels/.")
    return pinned, ("# FILL IN: folkmoot was installed from a folder on this computer, which the site cannot "
                    "install from; write the wheel's path (`./wheels/folkmoot-...whl`, copied here) or a git address.")


def init_site(dest: Path, name: str, today: dt.date | None = None, answers: Answers | None = None,
              starter: bool = False) -> list[str]:
    """Write a new site into `dest` (missing or empty); return the files written. A starter is
    written for no organisation yet: its name is left to fill in, like the other answers."""
    name = STARTER_NAME if starter else " ".join((name or "").split())
    answers = answers or Answers()
    if re.search(r"[<>]", name):
        raise InitError("the organisation's name may not contain < or >; write it as plain words.")
    if not name or len(name) > 100 or forbidden_character(name):
        raise InitError('give the organisation\'s name (up to 100 characters), e.g. --name "Riverside Climate Hub".')
    wrong = answers.problems()
    if wrong:
        raise InitError(" ".join(wrong) + " Nothing was written.")
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise InitError(f"{dest} is not empty; nothing was written. Choose a new folder name.")
    day = today or dt.date.today()
    slug = f"{day.isoformat()}-example"
    dest.mkdir(parents=True, exist_ok=True)
    line, note = requirement(dest)
    values = {"name": name, "name_yaml": _yaml(name), "version": __version__, "example_slug": slug,
              "requirement": line, "requirement_note": note}
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters["yaml"] = _yaml
    written = [f"wheels/{p.name}" for p in (dest / "wheels").glob("*.whl")]
    for rel, entry in _files(SKELETON):
        target = PLACES.get(rel, rel.removesuffix(".j2"))
        text = entry.read_text(encoding="utf-8")
        if rel.endswith(".j2"):
            text = env.from_string(text).render(**values)
        if target == "mkdocs.yml":
            text = fill_in(text, answers)
        path = dest / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(target)
    new_assembly(dest, "Example: People's Assembly on Heat", day.isoformat(), slug)
    written.append(f"assemblies/{slug}/assembly.yml")
    return sorted(written)
