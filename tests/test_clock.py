"""Issue 25: the site's "today" keeps running. The Pages workflows build every morning with
"today" set to that day; the same records built on three days say three different things,
and two builds on one day are the same site."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
import yaml

from conftest import ROOT, build, copy_project, soup

WORKFLOWS = [ROOT / ".github/workflows/site.yml", ROOT / "generator/folkmoot/skeleton/github/site.yml"]


def epoch(day: str) -> str:
    return str(int(dt.datetime.fromisoformat(day).replace(tzinfo=dt.timezone.utc).timestamp()))


@pytest.mark.parametrize("path", WORKFLOWS, ids=["repository", "init"])
def test_the_workflow_builds_every_morning_for_that_day_and_keeps_the_reminder_issue(path):
    workflow = yaml.safe_load(path.read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["schedule"][0]["cron"].split()[2:] == ["*", "*", "*"]  # every day
    assert workflow["permissions"] == {"contents": "read"}
    build_step = next(s for s in workflow["jobs"]["build"]["steps"] if "SOURCE_DATE_EPOCH" in s.get("run", ""))
    line = next(ln for ln in build_step["run"].splitlines() if ln.startswith("SOURCE_DATE_EPOCH="))
    start = int(subprocess.run(["bash", "-c", f"{line}; echo $SOURCE_DATE_EPOCH"], capture_output=True, text=True,
                               check=True).stdout)
    now = dt.datetime.now(dt.timezone.utc)
    assert start % 86400 == 0 and dt.datetime.fromtimestamp(start, dt.timezone.utc).date() == now.date()
    deploy = workflow["jobs"]["deploy"]
    assert "schedule" not in deploy["if"] and "pull_request" in deploy["if"]  # everything but a pull request
    reminders = workflow["jobs"]["reminders"]
    # actions: write only to enable the workflow again, against the 60 quiet days (issue 32)
    assert reminders["permissions"] == {"contents": "read", "issues": "write", "actions": "write"}
    assert "review --format issue" in reminders["steps"][-1]["run"]
    assert all("issues" not in job.get("permissions", {}) for name, job in workflow["jobs"].items() if name != "reminders")


@pytest.fixture(scope="module")
def three_days(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("clock"))
    sites = {}
    for day in ("2026-11-25", "2027-01-04", "2027-03-12"):
        sites[day] = build(root, tmp_path_factory.mktemp(day) / "site", {"SOURCE_DATE_EPOCH": epoch(day)})
    return root, sites


def test_overdue_days_as_of_and_upcoming_move_with_the_day(three_days):
    _, sites = three_days
    said = {}
    for day, site in sites.items():
        responses = " ".join(soup(site / "responses/index.html").get_text().split())
        heat = " ".join(soup(site / "assemblies/2026-06-18-cooler-streets/index.html").get_text().split())
        warm = soup(site / "assemblies/2027-03-11-warm-homes/index.html")
        said[day] = (responses, heat, warm)
    assert "As of 25 November 2026." in said["2026-11-25"][0] and "As of 4 January 2027." in said["2027-01-04"][0]
    assert "Northfield Borough Council: no answer, 26 days overdue" in said["2026-11-25"][1]
    assert "Northfield Borough Council: no answer, 66 days overdue" in said["2027-01-04"][1]
    assert "promise broken, 86 days ago" in said["2026-11-25"][1] and "promise broken, 126 days ago" in said["2027-01-04"][1]
    # the warm-homes assembly (11 March 2027) is upcoming, with its Register button, until it has happened
    assert said["2027-01-04"][2].select_one(".fm-badge") is not None
    assert said["2027-03-12"][2].select_one(".fm-badge") is None
    assert not soup(sites["2027-03-12"] / "index.html").select(".fm-card a.md-button--primary")


def test_two_builds_on_one_day_are_the_same_site(three_days, tmp_path, site_env):
    root, sites = three_days
    again = build(root, tmp_path / "site", {"SOURCE_DATE_EPOCH": epoch("2027-01-04")})

    def files(site):
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    first, second = files(sites["2027-01-04"]), files(again)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_a_progress_report_reads_the_same_whenever_the_site_is_built(three_days):
    """Each edition is worked out from the dated trail as it stood on its last day: built on
    three different days, its page and its Word file are the same."""
    _, sites = three_days
    pages = {day: str(soup(site / "reports/2026-05-13/index.html").select_one("article")) for day, site in sites.items()}
    words = {day: (site / "reports/2026-05-13/progress-report-2026-05-13.docx").read_bytes() for day, site in sites.items()}
    assert len(set(pages.values())) == 1 and len(set(words.values())) == 1
    assert "13 November 2025 to 13 May 2026" in pages["2027-03-12"]
