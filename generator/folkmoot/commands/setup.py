"""`folkmoot setup`: fill in a new site's mkdocs.yml from the organisation's answers.

What the "Set up this site" workflow runs, from the form a volunteer fills in on
GitHub's Actions tab, so a site can be made with nothing but a browser: it
writes each answer where `init` left FILL IN (see `init.fill_in`, the one
writer of those settings), works out the site's address and its repository
from GitHub's own names, and says what is left to do (one settings change:
Pages, GitHub Actions).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from folkmoot.commands import github
from folkmoot.commands.init import NAMED_PAGES, STARTER_NAME, Answers, InitError, fill_in

REPOSITORY = re.compile(r"^([A-Za-z0-9-]{1,39})/([A-Za-z0-9._-]{1,100})$")


def pages_addresses(repository: str) -> tuple[str, str]:
    """(where GitHub Pages publishes `owner/repo`, the repository's address on GitHub)."""
    found = REPOSITORY.match(repository or "")
    if not found:
        raise InitError(f"`{repository}` is not a GitHub repository's name (owner/name).")
    owner, repo = found[1], found[2]
    site = f"https://{owner.lower()}.github.io/" if repo.lower() == f"{owner.lower()}.github.io" else \
        f"https://{owner.lower()}.github.io/{repo}/"
    return site, f"https://github.com/{owner}/{repo}"


def _write(path: Path, text: str) -> None:
    """Whole or not at all."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def name_pages(root: Path, name: str) -> None:
    """A starter's README and home page say "FILL IN your organisation's name": write the name in."""
    for rel in NAMED_PAGES:
        path = root / rel
        if path.is_file() and STARTER_NAME in (text := path.read_text(encoding="utf-8")):
            _write(path, text.replace(STARTER_NAME, name))


def set_up(root: Path, name: str, answers: Answers, repository: str = "") -> list[str]:
    """Fill in `root`/mkdocs.yml (and a starter's pages, with the name); give back what is left to
    fill in, by line (empty: nothing)."""
    config = root / "mkdocs.yml"
    if not config.is_file():
        raise InitError(f"there is no mkdocs.yml in {root}; run this in the site's own folder.")
    if repository:
        site, repo = pages_addresses(repository)
        answers.site_url = answers.site_url or site
        answers.repo_url = answers.repo_url or repo
    name = " ".join((name or "").split())
    if re.search(r"[<>]", name) or len(name) > 100:
        raise InitError("the organisation's name is plain words, up to 100 characters.")
    wrong = answers.problems()
    if wrong:
        raise InitError(" ".join(wrong) + " Nothing was changed.")
    before = config.read_text(encoding="utf-8")
    after = fill_in(before, answers, name)
    if after != before:
        _write(config, after)
    if name:
        name_pages(root, name)
    left = [f"{rel}:{number}: {line.strip()}" for rel in NAMED_PAGES if (root / rel).is_file()
            for number, line in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), 1)
            if STARTER_NAME in line]
    return left +  [f"mkdocs.yml:{number}: {line.strip()}" for number, line in enumerate(after.splitlines(), 1)
            if number > 1 and "FILL IN" in line.split("#", 1)[0]]


def summary(left: list[str], site_url: str, repository: str) -> str:
    """The job summary of the "Set up this site" workflow: what it did, and the one thing left."""
    settings = f"https://github.com/{repository}/settings/pages" if repository else "Settings > Pages"
    lines = ["## Your site is set up", "",
             "`mkdocs.yml` now holds your answers, and the change is committed to `main`.", "",
             "### One thing left, in GitHub", "",
             f"1. Open [Settings > Pages]({settings}) and under **Build and deployment**, **Source**, "
             "choose **GitHub Actions**.",
             "2. Then open the **Actions** tab and run the **site** workflow once (or push any change): "
             f"your site appears at {site_url or 'the address Pages shows'}.", ""]
    if left:
        lines += ["### Still to fill in", "", "Edit `mkdocs.yml` in GitHub (the pencil icon) and write these:", ""]
        lines += [f"- {github.markdown_text(line)}" for line in left]
    return "\n".join(lines) + "\n"
