"""folkmoot as a package: a new organisation installs the wheel and has a
site that checks and builds, with nothing of this repository beside it."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, soup

DATA_FOLDERS = ("templates", "assets", "theme", "guides", "skeleton")


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    [wheel] = out.glob("*.whl")
    [sdist] = out.glob("*.tar.gz")
    return wheel, sdist


def test_wheel_and_sdist_carry_every_template_guide_asset_and_partial(dist):
    wheel, sdist = dist
    from folkmoot import __version__

    assert wheel.name == f"folkmoot-{__version__}-py3-none-any.whl"
    wanted = {p.relative_to(ROOT).as_posix() for folder in DATA_FOLDERS
              for p in (ROOT / "generator" / "folkmoot" / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert len(wanted) > 25
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
    installed = {name.removeprefix("generator/") for name in wanted}  # generator/ is the source root
    assert installed <= names, sorted(installed - names)
    # one import package, folkmoot: nothing called `generator` (a PyPI project of that name exists)
    assert {name.split("/")[0] for name in names} == {"folkmoot", f"folkmoot-{__version__}.dist-info"}
    assert "folkmoot/records/model.py" in names and "folkmoot/mkdocs_plugin/plugin.py" in names
    with tarfile.open(sdist) as t:
        members = {m.split("/", 1)[1] for m in t.getnames() if "/" in m}
    assert wanted <= members, sorted(wanted - members)
    assert "CHANGELOG.md" in members


def test_a_new_organisation_from_nothing_to_a_built_site(dist, tmp_path):
    wheel, _ = dist
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / "bin"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["SOURCE_DATE_EPOCH"] = "1795564800"
    install = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", str(wheel)], capture_output=True,
                             text=True, timeout=900, env=env, cwd=tmp_path)
    assert install.returncode == 0, install.stderr[-3000:]
    assert "warning" not in (install.stdout + install.stderr).lower().replace("warning: location", ""), install.stderr

    def folkmoot(*args, cwd):
        return subprocess.run([str(bin_dir / "folkmoot"), *args], capture_output=True, text=True, timeout=600,
                              env=env, cwd=cwd)

    from folkmoot import __version__
    assert folkmoot("--version", cwd=tmp_path).stdout.strip() == f"folkmoot {__version__}"
    made = folkmoot("init", "riverside", "--name", "Riverside Climate Hub", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    site_repo = tmp_path / "riverside"
    assert not list(site_repo.rglob("*.py")), "a site holds no generator code"
    assert (site_repo / ".github/workflows/site.yml").is_file() and (site_repo / ".gitignore").is_file()
    assert "folkmoot=={}".format(__version__) in (site_repo / "requirements.txt").read_text()
    readme = (site_repo / "README.md").read_text()
    assert readme.index("make site") < readme.index("make test") < 400
    assert folkmoot("init", "riverside", "--name", "Again", cwd=tmp_path).returncode == 1  # never into a full folder
    checked = folkmoot("check", cwd=site_repo)
    assert checked.returncode == 0 and "No errors" in checked.stdout, checked.stdout + checked.stderr
    built = folkmoot("build", "--strict", cwd=site_repo)
    assert built.returncode == 0, built.stdout + built.stderr
    site = site_repo / "site"
    home = soup(site / "index.html")
    assert home.title.get_text().startswith("Riverside Climate Hub")
    guide = soup(site / "guides/publishing-from-your-browser/index.html")
    assert guide.h1.get_text(strip=True).startswith("Publishing from your browser")
    assert (site / "guides/writing-a-record/index.html").is_file()
    assert not list((site / "assemblies").glob("*-example")), "the example record is a draft"
    for tool in (["actionlint"], ["zizmor", "--offline", "--min-severity", "low"]):
        lint = subprocess.run([str(Path(sys.executable).parent / tool[0]), *tool[1:], ".github/workflows/site.yml"],
                              capture_output=True, text=True, cwd=site_repo, timeout=120)
        assert lint.returncode == 0, lint.stdout + lint.stderr
