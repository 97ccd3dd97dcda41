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

DATA_FOLDERS = ("templates", "assets", "theme", "guides", "skeleton")  # assets/ holds the vendored form editor


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
    # the form editor (issue 33, item 7) is in it, and the wheel stays small
    assert "folkmoot/assets/admin/vendor/npm/@sveltia/cms@0.221.1/locales/fr.json" in names
    assert wheel.stat().st_size < 5_000_000, wheel.stat().st_size


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

    def folkmoot(*args, cwd, env_extra=None):
        return subprocess.run([str(bin_dir / "folkmoot"), *args], capture_output=True, text=True, timeout=600,
                              env={**env, **(env_extra or {})}, cwd=cwd)

    from folkmoot import __version__
    assert folkmoot("--version", cwd=tmp_path).stdout.strip() == f"folkmoot {__version__}"
    # issue 32: without its answers, the first check lists only the lines left to fill in
    bare = folkmoot("init", "bare", "--name", "Riverside Climate Hub", cwd=tmp_path)
    assert bare.returncode == 0 and "marked FILL IN" in bare.stdout, bare.stdout
    refused = folkmoot("check", cwd=tmp_path / "bare")
    problems = [line for line in refused.stdout.splitlines() if ": error: " in line]
    assert refused.returncode == 1 and problems and all(line.startswith("mkdocs.yml:") for line in problems), problems
    assert {"FILL IN", "example.org"} <= {word for line in problems for word in ("FILL IN", "example.org") if word in line}
    assert folkmoot("build", cwd=tmp_path / "bare").returncode == 1  # nothing of it can be published
    # what the "Set up this site" workflow runs, from the form's answers
    summary = tmp_path / "summary.md"
    set_up = folkmoot("setup", "--name", "Riverside Climate Hub", "--website", "https://riverside-climate.org.uk/",
                      "--contact", "https://riverside-climate.org.uk/contact/", "--about",
                      "Riverside Climate Hub is a volunteer group by the river.", "--language", "cy",
                      cwd=tmp_path / "bare", env_extra={"GITHUB_REPOSITORY": "Riverside-Climate/assemblies",
                                                        "GITHUB_STEP_SUMMARY": str(summary)})
    assert set_up.returncode == 0, set_up.stderr
    config = (tmp_path / "bare" / "mkdocs.yml").read_text()
    assert 'site_url: "https://riverside-climate.github.io/assemblies/"' in config
    assert 'repo_url: "https://github.com/Riverside-Climate/assemblies"' in config and "language: cy" in config
    assert "choose **GitHub Actions**" in summary.read_text()
    assert folkmoot("check", cwd=tmp_path / "bare").returncode == 0

    made = folkmoot("init", "riverside", "--name", "Riverside Climate Hub", "--site-url",
                    "https://riverside-climate.github.io/assemblies/", "--website", "https://riverside-climate.org.uk/",
                    "--contact", "https://riverside-climate.org.uk/contact/", "--about",
                    "Riverside Climate Hub is a volunteer group that holds People's Assemblies by the river.",
                    "--repo-url", "https://github.com/riverside-climate/assemblies", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    site_repo = tmp_path / "riverside"
    assert not list(site_repo.rglob("*.py")), "a site holds no generator code"
    assert (site_repo / ".github/workflows/site.yml").is_file() and (site_repo / ".gitignore").is_file()
    config = (site_repo / "mkdocs.yml").read_text()
    assert "\\u0027" not in config and "FILL IN" not in config.split("\n", 1)[1]
    # the site installs the very folkmoot init ran from, on a fresh machine and on its first push
    requirement = (site_repo / "requirements.txt").read_text()
    assert f"./wheels/{wheel.name}" in requirement and (site_repo / "wheels" / wheel.name).is_file()
    fresh = tmp_path / "fresh-venv"
    venv.EnvBuilder(with_pip=True).create(fresh)
    again = subprocess.run([str(fresh / "bin/python"), "-m", "pip", "install", "--quiet", "-r", "requirements.txt"],
                           capture_output=True, text=True, timeout=900, env=env, cwd=site_repo)
    assert again.returncode == 0, again.stderr[-3000:]
    readme = (site_repo / "README.md").read_text()
    assert readme.index("make site") < readme.index("make test") < 400
    assert folkmoot("init", "riverside", "--name", "Again", cwd=tmp_path).returncode == 1  # never into a full folder
    checked = folkmoot("check", cwd=site_repo)
    assert checked.returncode == 0 and "No errors" in checked.stdout, checked.stdout + checked.stderr
    # an assembly as the guide's example shows it, then a build: nothing left to fill in is published
    added = folkmoot("new", "People's Assembly on Flooding", "--date", "2026-10-01", cwd=site_repo)
    assert added.returncode == 0, added.stderr
    record = next((site_repo / "assemblies").glob("2026-10-01-*/assembly.yml"))
    record.write_text(record.read_text().replace("draft: true", "draft: false"))
    built = folkmoot("build", "--strict", cwd=site_repo)
    assert built.returncode == 0, built.stdout + built.stderr
    site = site_repo / "site"
    home = soup(site / "index.html")
    assert home.title.get_text().startswith("Riverside Climate Hub")
    guide = soup(site / "guides/publishing-from-your-browser/index.html")
    assert guide.h1.get_text(strip=True).startswith("Publishing from your browser")
    assert (site / "guides/writing-a-record/index.html").is_file()
    assert not list((site / "assemblies").glob("*-example")), "the example record is a draft"
    assert list((site / "assemblies").glob("2026-10-01-*/index.html"))
    for path in site.rglob("*"):  # the guides explain FILL IN and example.org, on purpose
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".csv", ".txt", ".ics", ".js") \
                and not {"guides", "pagefind", "search"} & set(path.relative_to(site).parts):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "FILL IN" not in text and "example.org" not in text, path
    for tool in (["actionlint"], ["zizmor", "--offline", "--min-severity", "low"]):
        for workflow in (".github/workflows/site.yml", ".github/workflows/setup.yml"):
            lint = subprocess.run([str(Path(sys.executable).parent / tool[0]), *tool[1:], workflow],
                                  capture_output=True, text=True, cwd=site_repo, timeout=120)
            assert lint.returncode == 0, lint.stdout + lint.stderr
