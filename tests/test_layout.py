"""The package's layout holds: stages import only the stages below them, only
the adapter imports MkDocs, every module imports on its own, nothing grows into
a class that does everything, and the cache sees every change to the code."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "generator" / "folkmoot"
LINT = Path(sys.executable).parent / "lint-imports"


def modules() -> list[str]:
    return sorted(".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
                  for p in PACKAGE.rglob("*.py"))


def lint(cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    return subprocess.run([str(LINT), "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_the_import_contracts_are_kept():
    result = lint(ROOT, ROOT / "generator")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "3 kept, 0 broken" in result.stdout


def test_the_import_contracts_fail_when_a_stage_imports_upwards_or_mkdocs(tmp_path):
    """The contracts can fail: a record module that imports the outputs, or MkDocs, breaks them."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(PACKAGE, tmp_path / "generator" / "folkmoot", ignore=shutil.ignore_patterns("__pycache__"))
    model = tmp_path / "generator/folkmoot/records/model.py"
    model.write_text(model.read_text() + "\nfrom folkmoot.outputs import page  # noqa\nimport mkdocs  # noqa\n")
    result = lint(tmp_path, tmp_path / "generator")
    assert result.returncode != 0
    assert "folkmoot.records.model -> folkmoot.outputs.page" in result.stdout
    assert "folkmoot.records.model -> mkdocs" in result.stdout
    assert "0 kept, 3 broken" in result.stdout or "1 kept, 2 broken" in result.stdout, result.stdout[-2000:]


def test_every_module_imports_on_its_own_in_a_fresh_interpreter():
    """No module works only because another was imported first (a hidden cycle)."""
    from concurrent.futures import ThreadPoolExecutor

    names = modules()
    assert len(names) > 50 and "folkmoot.outputs.publication" in names

    def failure(name: str) -> str:
        result = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True, text=True, timeout=120)
        return f"{name}: {result.stderr.strip().splitlines()[-1]}" if result.returncode else ""

    with ThreadPoolExecutor(max_workers=4) as pool:
        failures = [f for f in pool.map(failure, names) if f]
    assert not failures, failures


def test_no_class_does_everything_and_no_module_is_a_hall():
    too_long = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > 400:
            too_long.append(f"{path.relative_to(ROOT)}: {lines} lines")
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > 150:
                too_long.append(f"{path.relative_to(ROOT)}: class {node.name}, {node.end_lineno - node.lineno + 1} lines")
    assert not too_long, too_long


def test_the_code_digest_covers_every_module_wherever_it_lives(tmp_path):
    """The cache is keyed by folkmoot's code: a change to any module, however deep, must
    change the key, or pages made by the old code would be reused."""
    from folkmoot.engine.cache import code_files

    hashed = {p.relative_to(PACKAGE).as_posix() for p in code_files()}
    every = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts}
    assert every <= hashed, sorted(every - hashed)
    assert {"templates/recap.md.j2", "locale/cy/LC_MESSAGES/folkmoot.po", "assets/folkmoot.js"} <= hashed

    copy = tmp_path / "folkmoot"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    show = [sys.executable, "-c", "from folkmoot.engine.cache import code_digest; print(code_digest())"]

    def digest_of_copy() -> str:
        env = {**os.environ, "PYTHONPATH": str(tmp_path)}
        result = subprocess.run(show, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    before = digest_of_copy()
    assert digest_of_copy() == before
    for module in ("outputs/pages.py", "records/model.py", "mkdocs_plugin/reuse.py"):
        path = copy / module
        original = path.read_text()
        path.write_text(original + "\n# changed\n")
        assert digest_of_copy() != before, module
        path.write_text(original)
    assert digest_of_copy() == before
