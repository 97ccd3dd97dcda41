"""Issue 25: what a body promised in its answer (`promised_by`) and what the assembly made
of the answer (`verdicts`), from the record to every place the answer is shown."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pandas as pd
import pytest

from conftest import run_check, soup, write_record
from folkmoot.records.model import Outcome, Update
from folkmoot.views.accountability import promise_of

COUNCIL = "Northfield Borough Council"
BASE = ("title: People's Assembly on Flooding\ndate: 2024-11-07\noutcomes:\n  - title: Map the floods\n"
        "    directed_to: [Islington Council, Ward Forum]\n    asked: 2024-11-20\n    updates:\n"
        "      - date: 2024-12-01\n        from: Islington Council\n        response: accepted\n")


@pytest.mark.parametrize("extra, line, words", [
    ("        promised_by: 2024-11-30\n", 11, "`promised_by` (2024-11-30) is before the answer that made the promise"),
    ("      - date: 2024-12-05\n        status: in-progress\n        promised_by: 2025-06-01\n", 13,
     "`promised_by` says when a body promised to act, but `from` does not say which body"),
    ("    verdicts:\n      - date: 2025-01-10\n        on: Ward Forum\n        verdict: satisfied\n", 13,
     "`on: Ward Forum` is not a body that answered this outcome"),
    ("    verdicts:\n      - date: 2025-01-10\n        on: Islington Counci\n        verdict: satisfied\n", 13,
     "Did you mean `Islington Council`?"),
    ("    verdicts:\n      - date: 2024-11-25\n        on: Islington Council\n        verdict: satisfied\n", 12,
     "This verdict (2024-11-25) is before the answer it judges (2024-12-01)"),
    ("    verdicts:\n      - date: 2025-01-10\n        on: Islington Council\n        verdict: pleased\n", 14,
     "`verdict` is `pleased`, which is not one of the allowed values"),
    ("    verdicts:\n      - date: 2025-01-10\n        on: Islington Council\n        verdict: satisfied\n"
     "        score: 11\n", 15, "`score`"),
    ("    verdicts:\n      - date: 2025-01-10\n        on: Islington Council\n", 12,
     "This verdict does not say what the assembly thought of the answer"),
    ("    verdicts:\n      - date: 2199-01-10\n        on: Islington Council\n        verdict: satisfied\n", 12,
     "This verdict is dated 2199-01-10, which has not come yet"),
])
def test_promises_and_verdicts_are_checked_at_their_line(project, capsys, extra, line, words):
    write_record(project, "2024-11-07-flooding", BASE + extra)
    status, lines = run_check(project, capsys)
    assert status == 1
    assert any(ln.startswith(f"assemblies/2024-11-07-flooding/assembly.yml:{line}: error:") and words in ln
               for ln in lines), lines


def test_a_promise_is_kept_kept_late_due_or_broken_by_the_day_the_outcome_got_there():
    def outcome(*updates):
        return Outcome(id="x", title="x", updates=list(updates))

    answer = Update(dt.date(2026, 1, 15), "acknowledged", source="Council", response="accepted",
                    promised_by=dt.date(2026, 5, 31))
    done = Update(dt.date(2026, 4, 9), "done")
    assert promise_of(outcome(answer, done), answer, dt.date(2026, 11, 25)).state == "kept"
    late = Update(dt.date(2026, 6, 9), "done")
    assert promise_of(outcome(answer, late), answer, dt.date(2026, 11, 25)).state == "kept-late"
    assert promise_of(outcome(answer), answer, dt.date(2026, 5, 31)).state == "due"
    assert promise_of(outcome(answer), answer, dt.date(2026, 6, 1)).state == "broken"
    # adopted is not done: a promise to act is kept only by doing it...
    adopted = Update(dt.date(2026, 4, 9), "adopted")
    assert promise_of(outcome(answer, adopted), answer, dt.date(2026, 11, 25)).state == "broken"
    # ...but an answer that only noted the idea promised a decision, which adopting it keeps
    noted = Update(dt.date(2026, 1, 15), "acknowledged", source="Council", response="noted",
                   promised_by=dt.date(2026, 5, 31))
    kept = promise_of(outcome(noted, adopted), noted, dt.date(2026, 11, 25))
    assert kept.state == "kept" and kept.decision and kept.reached == dt.date(2026, 4, 9)


def test_the_example_shows_a_kept_and_a_broken_promise_and_two_verdicts_wherever_the_answer_is(example_site):
    flood = soup(example_site / "assemblies/2025-11-13-flooding/index.html")
    kept = flood.select_one(".fm-promise--kept")
    assert " ".join(kept.get_text().split()) == "They promised to act by 31 May 2026, and did so on 9 April 2026."
    verdicts = [" ".join(v.get_text().split()) for v in flood.select(".fm-verdict")]
    assert verdicts == ["The assembly's verdict, 18 June 2026: Satisfied (8 out of 10).",
                        "The assembly's verdict, 18 June 2026: Not satisfied (2 out of 10)."]
    heat = soup(example_site / "assemblies/2026-06-18-cooler-streets/index.html")
    broken = " ".join(heat.select_one(".fm-promise--broken").get_text().split())
    assert broken == "They promised to act by 31 August 2026: promise broken, 86 days ago."

    body = " ".join(soup(example_site / "responses/northfield-borough-council/index.html").select_one(
        "article p").get_text().split())
    assert "It made 2 promises in its answers: 1 kept, 0 kept late, 0 still due and 1 broken." in body
    assert ("The assembly has judged 2 of its answers: it was satisfied with 1, partly satisfied with 0 and not "
            "satisfied with 1.") in body

    tracker = soup(example_site / "outcomes/index.html")
    broken_rows = [row for row in tracker.select("#fm-outcomes-table tbody tr") if "|broken|" in row["data-promises"]]
    assert [row.select_one("td a").get_text() for row in broken_rows] == ["Cool spaces in public buildings on heat alert days"]
    assert tracker.select_one("#fm-promise-filter option[value=broken]").get_text() == "Promise broken"

    table = pd.read_csv(io.StringIO((example_site / "data/responses.csv").read_text(encoding="utf-8")), dtype=str)
    rows = table.set_index(["outcome", "body"])
    assert rows.loc[("publish-flood-investigation", COUNCIL), ["promised_by", "promise", "verdict", "verdict_score"]]\
        .tolist() == ["2026-05-31", "kept", "satisfied", "8"]
    assert rows.loc[("cool-spaces", COUNCIL), ["promised_by", "promise"]].tolist() == ["2026-08-31", "broken"]
    assert rows.loc[("flood-resilience-for-tenants", COUNCIL), ["verdict", "verdict_score", "verdict_date"]].tolist() \
        == ["not satisfied", "2", "2026-06-18"]

    letter = docx.Document(str(example_site / "responses/northfield-borough-council/letter-to-northfield-borough-council.docx"))
    words = "\n".join(p.text for p in letter.paragraphs)
    assert "You promised to act by 31 August 2026; that was 86 days ago." in words


def test_community_actions_are_not_bodies_asked(example_site):
    """Issue 25: the organisation's own community actions said "not sent yet" beside an
    outcome that was done, and the organisation had a page and a letter to itself."""
    assert not (example_site / "responses/northfield-climate-centre").exists()
    flood = soup(example_site / "assemblies/2025-11-13-flooding/index.html")
    mapping = flood.select_one("#outcome-street-flood-map")
    assert not mapping.select(".fm-answer") and "not sent yet" not in mapping.get_text()
    names = [a.get_text() for a in soup(example_site / "responses/index.html").select("tbody tr td:first-child a")]
    assert "Northfield Climate Centre" not in names and "Millbrook Tenants' and Residents' Association" not in names


def test_two_progress_reports_count_from_the_trail_and_compare_with_the_last(example_site):
    """Issue 25: `reports: {every: 6 months, from: 2025-11-13}` publishes one report per period,
    its figures worked out from the records as they stood on its last day."""
    index = soup(example_site / "reports/index.html")
    assert [a.get_text() for a in index.select("article li > a:first-child")] == [
        "Progress report: 13 May 2026 to 13 November 2026", "Progress report: 13 November 2025 to 13 May 2026"]
    tracker = soup(example_site / "outcomes/index.html")
    assert tracker.select_one('article a[href="../reports/2026-11-13/"]') is not None

    def summary(end):
        page = soup(example_site / f"reports/{end}/index.html")
        return [" ".join(li.get_text().split()) for li in page.select(".fm-report-summary li")]

    # on 13 May 2026: only the flooding assembly had happened; the council had answered two of its
    # ideas (accepted 15 Jan, rejected 26 Feb), the report was published on 9 April, before the promised 31 May
    assert summary("2026-05-13") == [
        "By 13 May 2026, bodies had been asked for 3 answers; 3 of those requests were made since 13 November 2025.",
        "2 answers had come, 1 of them on time (compared with 0 on 13 November 2025).",
        "Promises made in answers: 1 kept, 0 kept late, 0 due and 0 broken; on 13 November 2025, 0 kept and 0 broken.",
        "4 ideas moved on in the period.",
        "1 answer is still awaited (compared with 0 on 13 November 2025).",
    ]
    # six months later: the heat assembly's four requests, the council's answer on cool spaces and its
    # broken promise (31 August), and three answers now waiting where there was one
    assert summary("2026-11-13") == [
        "By 13 November 2026, bodies had been asked for 7 answers; 4 of those requests were made since 13 May 2026.",
        "3 answers had come, 2 of them on time (compared with 2 on 13 May 2026).",
        "Promises made in answers: 1 kept, 0 kept late, 0 due and 1 broken; on 13 May 2026, 1 kept and 0 broken.",
        "5 ideas moved on in the period.",
        "4 answers are still awaited (compared with 1 on 13 May 2026).",
    ]
    word = docx.Document(str(example_site / "reports/2026-11-13/progress-report-2026-11-13.docx"))
    words = [p.text for p in word.paragraphs]
    assert words[0] == "Progress report: 13 May 2026 to 13 November 2026"
    assert (f"{COUNCIL}, on \u201cCool spaces in public buildings on heat alert days\u201d, promised to act by "
            "31 August 2026: \u201cPromise broken\u201d.") in words
    assert "Answers the assembly was not satisfied with: 1 (compared with 0 on 13 May 2026)." in words


def test_the_report_command_writes_any_period_and_refuses_one_still_to_come(tmp_path, capsys, monkeypatch):
    from conftest import ROOT
    from folkmoot.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564800")  # 25 November 2026
    args = ["--root", str(ROOT), "report", "--out", str(tmp_path)]
    assert main([*args, "--from", "2025-11-13", "--to", "2026-05-13"]) == 0
    words = [p.text for p in docx.Document(str(tmp_path / "progress-report-2026-05-13.docx")).paragraphs]
    assert words[0] == "Progress report: 13 November 2025 to 13 May 2026"
    assert "2 answers had come, 1 of them on time (compared with 0 on 13 November 2025)." in words
    assert main([*args, "--from", "2026-11-13", "--to", "2027-01-01"]) == 1
    assert "end by today (2026-11-25)" in capsys.readouterr().err
