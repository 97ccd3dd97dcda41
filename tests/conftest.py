"""Shared helpers: write real records to disk and run real commands on them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent


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


def run_check(root: Path, capsys) -> tuple[int, list[str]]:
    status = main(["--root", str(root), "check"])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return status, out.out.strip().splitlines()
