"""A pull request's preview, unzipped and opened from disk, reads like the site."""

import shutil
from pathlib import Path
from urllib.parse import unquote

from conftest import soup

from folkmoot.cli import main


def _local_links(site: Path):
    """Every relative href and src of every page (not the 404 page, which only a server shows)."""
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":
            continue
        for tag in soup(page).find_all(["a", "link", "script", "img", "iframe", "source"]):
            for attribute in ("href", "src"):
                url = tag.get(attribute)
                if not url or url.startswith(("#", "/", "data:", "mailto:", "tel:")) or "://" in url:
                    continue
                yield page, url


def test_every_link_of_an_offline_copy_opens_a_file(example_site, tmp_path, capsys):
    site = shutil.copytree(example_site, tmp_path / "site", symlinks=True)
    folders = [(p, u) for p, u in _local_links(site) if not (p.parent / unquote(u.split("#")[0].split("?")[0])).is_file()]
    assert folders, "the built site should link to folders, which only a web server opens"

    assert main(["--root", str(tmp_path), "offline", "site"]) == 0
    assert "open from disk" in capsys.readouterr().out
    broken = [(str(p.relative_to(site)), u) for p, u in _local_links(site)
              if not (p.parent / unquote(u.split("#")[0].split("?")[0])).is_file()]
    assert broken == []
    # the published site itself is never changed
    assert not [u for p, u in _local_links(example_site) if u.endswith("index.html")]


def test_offline_says_when_there_is_no_site(tmp_path, capsys):
    assert main(["--root", str(tmp_path), "offline", "site"]) == 1
    assert "run `folkmoot build` first" in capsys.readouterr().err
