"""Publishing from the browser: what a volunteer sees on a pull request, the
edit links on the site, and the workflows that run it all."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap

import pytest

from conftest import ROOT, build, copy_project, soup, write_record

BROKEN = textwrap.dedent("""\
    title: People's Assembly on Heat, Shade and Trees, 50% done
    date: 2026-02-30
    time: "20:30-18:30"
    themez: [heat]
""")


def run_check(root, **env):
    summary = root / "summary.md"
    result = subprocess.run([sys.executable, "-m", "folkmoot.cli", "--root", str(root), "check"], cwd=ROOT,
                            capture_output=True, text=True,
                            env=dict(os.environ, GITHUB_STEP_SUMMARY=str(summary), GITHUB_WORKSPACE=str(root),
                                     GITHUB_SERVER_URL="https://github.com", GITHUB_REPOSITORY="org/site",
                                     GITHUB_SHA="abc123", **env))
    return result, summary.read_text() if summary.exists() else ""


def parse_commands(stdout: str) -> list[dict]:
    """Workflow commands as GitHub reads them, escapes undone."""
    def unescape(text):
        return text.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")

    found = []
    for line in stdout.splitlines():
        match = re.fullmatch(r"::(error|warning) ([^:]*)::(.*)", line)
        if match:
            props = dict(p.split("=", 1) for p in match.group(2).split(","))
            found.append({"kind": match.group(1), **{k: unescape(v) for k, v in props.items()},
                          "message": unescape(match.group(3))})
    return found


def test_a_broken_record_shows_on_its_line_of_the_pull_request(project):
    write_record(project, "2026-02-02-heat", BROKEN)
    result, summary = run_check(project, GITHUB_ACTIONS="true")
    assert result.returncode == 1
    commands = parse_commands(result.stdout)
    where = {(c["kind"], c["file"], c.get("line")) for c in commands}
    assert ("error", "assemblies/2026-02-02-heat/assembly.yml", "2") in where
    assert ("error", "assemblies/2026-02-02-heat/assembly.yml", "3") in where
    assert ("error", "assemblies/2026-02-02-heat/assembly.yml", "4") in where
    unknown = next(c for c in commands if c.get("line") == "4")
    assert "Did you mean `themes`?" in unknown["message"]
    # the job summary: every problem, a row each, linked to its line
    rows = [ln for ln in summary.splitlines() if ln.startswith("| ❌")]
    assert len(rows) == len([c for c in commands if c["kind"] == "error"]) == 3
    assert "(https://github.com/org/site/blob/abc123/assemblies/2026-02-02-heat/assembly.yml#L2)" in summary
    assert summary.startswith("## folkmoot check: 3 errors, 0 warnings in 1 assembly")


def test_workflow_command_escaping_cannot_be_forged(project):
    """A record value cannot end the command early or start a new one."""
    write_record(project, "2026-02-02-heat", 'title: "x"\ndate: 2026-02-02\n"a%0A::error::forged,:": 1\n')
    result, summary = run_check(project)
    result_gh, _ = run_check(project, GITHUB_ACTIONS="true")
    lines = result_gh.stdout.splitlines()
    assert not any(ln.startswith("::error::forged") for ln in lines)
    [command] = parse_commands(result_gh.stdout)
    assert "`a%0A::error::forged,:` is not a field" in command["message"]
    # without GITHUB_ACTIONS, the plain format; --format github forces annotations anywhere
    assert result.stdout.startswith("assemblies/2026-02-02-heat/assembly.yml:3: error:")
    forced = subprocess.run([sys.executable, "-m", "folkmoot.cli", "--root", str(project), "check", "--format", "github"],
                            cwd=ROOT, capture_output=True, text=True, env={k: v for k, v in os.environ.items()
                                                                          if not k.startswith("GITHUB_")})
    assert forced.stdout.startswith("::error file=assemblies/2026-02-02-heat/assembly.yml,line=3,")


def test_summary_cells_are_inert(project):
    write_record(project, "2026-02-02-heat", 'title: T\ndate: 2026-02-02\n"<img src=x onerror=alert(1)>|[a](javascript:x)": 1\n')
    _, summary = run_check(project, GITHUB_ACTIONS="true")
    row = next(ln for ln in summary.splitlines() if ln.startswith("| ❌"))
    assert "<img" not in row and "&lt;img" in row and "\\|" in row and "\\[a\\]\\(javascript" in row
    assert row.count(" | ") == 3
    # a folder name is text from the public too, and it becomes part of a link
    (project / "assemblies/x|y ](javascript:alert(1)) <b>").mkdir()
    _, summary = run_check(project, GITHUB_ACTIONS="true")
    row = next(ln for ln in summary.splitlines() if "x\\|y" in ln)
    link = row.split("](", 1)[1].split(")", 1)[0]
    assert link.endswith("/assemblies/x%7Cy%20%5D%28javascript%3Aalert%281%29%29%20%3Cb%3E"), row


def committed_copy(tmp_path):
    """A copy of the example project, committed to a new git repository on `main`."""
    root = copy_project(tmp_path)
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t.invalid"]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "start"], check=True)
    return root


def test_changes_lists_what_a_pull_request_adds_or_changes(tmp_path):
    root = committed_copy(tmp_path)
    write_record(root, "2026-02-02-heat", BROKEN)
    record = root / "assemblies/2025-11-13-flooding/assembly.yml"
    record.write_text(record.read_text().replace("attendance: 46", "attendance: 47"))
    summary = tmp_path / "summary.md"
    result = subprocess.run([sys.executable, "-m", "folkmoot.cli", "--root", str(root), "changes", "--base", "main"],
                            cwd=ROOT, capture_output=True, text=True, env=dict(os.environ, GITHUB_STEP_SUMMARY=str(summary)))
    assert result.returncode == 0, result.stderr
    text = summary.read_text()
    assert text.startswith("## Assemblies this change touches: 2")
    assert "| People's Assembly on Flooding | 2025-11-13 | yes | 0 | 0 |" in text
    assert "| 2026-02-02-heat |  | no: it has errors | 3 | 0 |" in text
    bad = subprocess.run([sys.executable, "-m", "folkmoot.cli", "--root", str(root), "changes", "--base", "nope"],
                         cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 1 and "could not compare with `nope`" in bad.stderr
    # a base that git would read as an option writes nothing and changes nothing (issue 23, item 6)
    notes = root / "NOTES.txt"
    notes.write_text("a volunteer's notes\n")
    forged = subprocess.run([sys.executable, "-m", "folkmoot.cli", "--root", str(root), "changes",
                             "--base=--output=NOTES.txt"], cwd=root, capture_output=True, text=True)
    assert forged.returncode == 1 and "is not a commit" in forged.stderr
    assert notes.read_text() == "a volunteer's notes\n"


def test_every_recap_and_page_has_an_edit_link(example_site):
    recap = soup(example_site / "assemblies/2025-11-13-flooding/index.html")
    record = "https://github.com/folkmoot-example/northfield-assemblies/edit/main/assemblies/2025-11-13-flooding/assembly.yml"
    assert recap.find("a", string="Edit this record on GitHub")["href"] == record
    assert recap.select_one("a.md-content__button[href]")["href"] == record  # the theme's pencil too
    home = soup(example_site / "index.html")
    assert home.select_one("a.md-content__button")["href"].endswith("/edit/main/content/index.md")
    # pages made from records as a whole, and folkmoot's own guides, have no file to edit
    assert not soup(example_site / "outcomes/index.html").select("a.md-content__button")
    assert not soup(example_site / "guides/writing-a-record/index.html").select("a.md-content__button")
    # the repository link asks GitHub's API for nothing
    assert not home.select("[data-md-component=source]")


def test_no_edit_links_without_repo_url(tmp_path, site_env):
    root = copy_project(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(re.sub(r"^(repo_url|edit_uri):.*\n", "", config.read_text(), flags=re.M))
    site = build(root, root / "site", site_env)
    recap = soup(site / "assemblies/2025-11-13-flooding/index.html")
    assert not recap.find("a", string="Edit this record on GitHub") and not recap.select("a.md-content__button")


@pytest.mark.parametrize("workflow", [".github/workflows/site.yml", "generator/folkmoot/skeleton/github/site.yml",
                                      "generator/folkmoot/skeleton/github/setup.yml", ".github/workflows/release.yml"])
def test_workflows_pass_actionlint_and_zizmor(workflow):
    bin_dir = os.path.dirname(sys.executable)
    lint = subprocess.run([os.path.join(bin_dir, "actionlint"), workflow], cwd=ROOT, capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    audit = subprocess.run([os.path.join(bin_dir, "zizmor"), "--offline", "--min-severity", "low", workflow],
                           cwd=ROOT, capture_output=True, text=True)
    assert audit.returncode == 0, audit.stdout + audit.stderr
    text = (ROOT / workflow).read_text()
    uses = re.findall(r"uses: (\S+)", text)
    assert uses and all(re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", u) for u in uses), uses
    assert text.count("persist-credentials: false") == text.count("actions/checkout@")


def test_properdocs_builds_the_same_site(tmp_path, example_site, site_env):
    env = dict(os.environ, **site_env, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([os.path.join(os.path.dirname(sys.executable), "properdocs"), "build", "-q",
                             "-d", str(tmp_path / "p")], cwd=example_site.parent, env=env, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    mine = {p.relative_to(example_site).as_posix() for p in example_site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(tmp_path / "p").as_posix() for p in (tmp_path / "p").rglob("*") if p.is_file()}
    assert mine == theirs
    different = [rel for rel in sorted(mine) if (tmp_path / "p" / rel).read_bytes() != (example_site / rel).read_bytes()]
    # ProperDocs names itself in the generator tag; nothing else may differ
    for rel in different:
        ours = (example_site / rel).read_text(encoding="utf-8", errors="replace")
        fork = (tmp_path / "p" / rel).read_text(encoding="utf-8", errors="replace")
        assert re.sub(r'<meta name="generator" content="[^"]*">', "", ours) == \
            re.sub(r'<meta name="generator" content="[^"]*">', "", fork), rel


def test_build_output_in_actions_cannot_forge_a_workflow_command(tmp_path):
    """Issue 23, item 5: warnings and errors quote record text; a line break in it must not
    start a line of output, where `::error`, `::add-mask::` or `::stop-commands::` would act."""
    root = copy_project(tmp_path, with_assemblies=False)
    write_record(root, "2024-11-07-flooding", 'title: T\ndate: 2024-11-07\ntime: "18:30\\n::stop-commands::x\\r::error::forged"\n'
                 'summary: "Met at <b>the hall</b>\\n::add-mask::secret"\n')
    env = dict(os.environ, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"))
    for command in (["build"], ["check", "--format", "text"]):
        result = subprocess.run([sys.executable, "-m", "folkmoot.cli", "--root", str(root), *command], cwd=ROOT,
                                capture_output=True, text=True, env=env)
        output = result.stdout + result.stderr
        assert "forged" in output and "Traceback" not in output, output
        lines = re.split(r"\r\n|\r|\n", output)
        assert not [line for line in lines if line.lstrip().startswith("::")], output


def test_changes_lists_new_folders_with_quotes_or_line_breaks_as_new(tmp_path):
    """Issue 23, item 18: git quoted such names, so `changes` reported them as deleted."""
    root = committed_copy(tmp_path)
    for name in ('quote"d', "line\nbreak"):
        write_record(root, name, "title: T\ndate: 2026-02-02\n")
    result = subprocess.run([sys.executable, "-m", "folkmoot.cli", "--root", str(root), "changes", "--base", "main"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Assemblies this change touches: 2" in result.stdout
    assert "deleted" not in result.stdout and result.stdout.count("no: it has errors") == 2, result.stdout


@pytest.mark.parametrize("workflow", [".github/workflows/site.yml", "generator/folkmoot/skeleton/github/site.yml"])
def test_the_morning_build_keeps_itself_enabled_and_a_push_never_cuts_off_a_deploy(workflow):
    """Issue 32, items 4 and 6: GitHub stops scheduled runs after 60 quiet days; the reminders
    job (and only it) may enable the workflow again, and only pull requests cancel runs."""
    import yaml

    flow = yaml.safe_load((ROOT / workflow).read_text())
    jobs = flow["jobs"]
    keeper = [name for name, job in jobs.items() if "actions/workflows/site.yml/enable" in str(job.get("steps"))]
    assert keeper == ["reminders"] and jobs["reminders"]["permissions"]["actions"] == "write"
    assert all("actions" not in (job.get("permissions") or {}) for name, job in jobs.items() if name != "reminders")
    assert "schedule" in jobs["reminders"]["if"]
    assert flow["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"


def test_release_publishes_from_a_tag_with_trusted_publishing():
    import yaml

    flow = yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text())
    assert flow[True]["push"]["tags"] == ["v*"]  # YAML 1.1 reads `on` as true
    publish = flow["jobs"]["publish"]
    assert publish["permissions"] == {"id-token": "write"} and publish["environment"]["name"] == "pypi"
    step = publish["steps"][-1]
    assert step["uses"].startswith("pypa/gh-action-pypi-publish@") and step["with"]["attestations"] is True
    assert "password" not in str(publish) and "secrets." not in str(publish) + str(flow["jobs"]["build"])
    # the starter template repository (issue 32, item 3): made by `init --starter` from the release on PyPI,
    # with the one secret it needs kept in its own environment
    starter = flow["jobs"]["starter"]
    assert starter["needs"] == "publish" and starter["environment"]["name"] == "starter"
    made = starter["steps"][1]["run"]
    assert 'pip install --quiet "folkmoot==${TAG#v}"' in made and "folkmoot init starter --starter" in made
    assert "is_template=true" in starter["steps"][2]["run"]
