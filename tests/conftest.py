"""Shared helpers: write real records to disk and run real commands on them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from folkmoot.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def repository_visibility_from_the_settings(monkeypatch):
    """GitHub's word on the repository (FOLKMOOT_REPOSITORY, set by the workflow) would
    override what a test's mkdocs.yml says."""
    monkeypatch.delenv("FOLKMOOT_REPOSITORY", raising=False)


@pytest.fixture
def project(tmp_path):
    """A fresh project folder with an `assemblies/` directory."""
    (tmp_path / "assemblies").mkdir()
    return tmp_path


def write_record(root: Path, slug: str, yaml_text: str, files: dict[str, str | bytes] | None = None) -> Path:
    folder = root / "assemblies" / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "assembly.yml").write_text(textwrap.dedent(yaml_text).lstrip("\n"), encoding="utf-8")
    for name, content in (files or {}).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return folder


def image_bytes(width: int = 40, height: int = 30, fmt: str = "PNG", **save) -> bytes:
    """A real image, made with Pillow: a gradient, so encoders have something to do."""
    import io

    from PIL import Image

    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    out = io.BytesIO()
    image.save(out, fmt, **save)
    return out.getvalue()


def run_check(root: Path, capsys) -> tuple[int, list[str]]:
    status = main(["--root", str(root), "check"])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return status, out.out.strip().splitlines()




@pytest.fixture(scope="session")
def site_env():
    """A fixed 'today' (2026-11-25) so upcoming/past and dates are reproducible."""
    return {"SOURCE_DATE_EPOCH": "1795564800"}


def copy_project(dest: Path, with_assemblies: bool = True) -> Path:
    """A copy of the example project (config, content, records) to change freely."""
    import shutil

    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "content", dest / "content")
    shutil.copytree(ROOT / "templates", dest / "templates")
    if with_assemblies:
        shutil.copytree(ROOT / "assemblies", dest / "assemblies")
    else:
        (dest / "assemblies").mkdir()
    return dest


def build(root: Path, site_dir: Path, monkeypatch_env: dict[str, str]) -> Path:
    import os

    from folkmoot.mkdocs_plugin.run import build_site

    old = {k: os.environ.get(k) for k in monkeypatch_env}
    os.environ.update(monkeypatch_env)
    try:
        return build_site(root, site_dir)
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@pytest.fixture(scope="session")
def example_site(tmp_path_factory, site_env):
    """The bundled example site, built for real once per test session (once per worker:
    `make test` runs three). It is built from a copy, so that no two workers build the
    repository's own project, and prune its cache, at once; `example_site.parent` is
    that copy, for tests that run MkDocs or ProperDocs on it."""
    root = copy_project(tmp_path_factory.mktemp("example"))
    return build(root, root / "site", site_env)


def in_language(root: Path, code: str) -> Path:
    """Change the one line of mkdocs.yml that sets the site's language."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("\n  language: en ") == 1
    config.write_text(text.replace("\n  language: en ", f"\n  language: {code} "), encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def welsh_site(tmp_path_factory, site_env):
    """The example site with `theme.language: cy`: its records stay in English."""
    root = in_language(copy_project(tmp_path_factory.mktemp("welsh")), "cy")
    return build(root, root / "site", site_env)


def in_private_repository(root: Path) -> Path:
    """Say in the project's mkdocs.yml (written if missing) that its repository is private."""
    config = root / "mkdocs.yml"
    if not config.exists():
        config.write_text("site_name: Test\nplugins:\n  - folkmoot:\n      repository: private\n", encoding="utf-8")
        return root
    text = config.read_text(encoding="utf-8")
    if "\n      repository: public" in text:
        text = text.replace("\n      repository: public", "\n      repository: private", 1)
    else:
        assert text.count("\n  - folkmoot:\n") == 1
        text = text.replace("\n  - folkmoot:\n", "\n  - folkmoot:\n      repository: private\n")
    config.write_text(text, encoding="utf-8")
    return root


def soup(path: Path):
    from bs4 import BeautifulSoup

    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
