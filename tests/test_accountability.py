"""Who was asked, did they answer, and how late: computed from the records,
shown on every page, published as data, and chased by letter."""

from __future__ import annotations

import csv
import io
import re
import textwrap

import feedparser
import pytest

from conftest import build, copy_project, run_check, soup, write_record
from folkmoot.cli import main

FLOOD, HEAT = "2025-11-13-flooding", "2026-06-18-cooler-streets"
COUNCIL = "Northfield Borough Council"


def responses(site) -> dict[tuple[str, str], dict]:
    rows = csv.DictReader(io.StringIO((site / "data/responses.csv").read_text(encoding="utf-8")))
    return {(r["outcome"], r["body"]): r for r in rows}


def test_every_state_is_worked_out_from_the_records(example_site):
    rows = responses(example_site)
    expect = {
        ("cool-spaces", COUNCIL): ("2026-06-30", "2026-07-28", "2026-07-14", "accepted", "14", "answered-on-time"),
        ("publish-flood-investigation", COUNCIL): ("2025-11-27", "2025-12-25", "2026-01-15", "accepted", "49",
                                                   "answered-late"),
        # answered through an alias ("Northfield Council"), by its own respond_by
        ("flood-resilience-for-tenants", COUNCIL): ("2025-11-27", "2026-03-31", "2026-02-26", "rejected", "91",
                                                    "answered-on-time"),
        ("playground-shade", COUNCIL): ("2026-11-12", "2026-12-10", "", "", "13", "awaiting"),
        ("shade-first", COUNCIL): ("2026-07-02", "2026-10-30", "", "", "26", "overdue"),
        ("overheating-limit", "Ministry of Housing, Communities and Local Government"):
            ("2026-07-08", "2026-09-02", "", "", "84", "long-overdue"),
    }
    for key, (asked, deadline, answered, answer, days, state) in expect.items():
        row = rows[key]
        assert (row["asked"], row["deadline"], row["answered"], row["answer"], row["days"], row["state"]) == \
            (asked, deadline, answered, answer, days, state), key
    assert not any(body == "Northfield Council" for _, body in rows), "an alias is counted as its body"
    assert rows[("sewer-overflow-data", "Northfield Water")]["state"] == "not-sent"
    # a community action is the community's own work: nobody is waiting for an answer to it
    assert ("heat-buddies", "Northfield Climate Centre") not in rows


def test_responses_page_lists_every_body_with_denominators(example_site):
    page = soup(example_site / "responses/index.html")
    assert "As of 25 November 2026." in page.get_text()
    names = [a.get_text() for a in page.select("table.fm-responses tbody td:first-child a")]
    assert names == sorted(names, key=str.casefold) and COUNCIL in names
    council = next(tr for tr in page.select("table.fm-responses tbody tr") if COUNCIL in tr.get_text())
    cells = [td.get_text(" ", strip=True) for td in council.select("td")]
    # "of which on time" is counted out of the answered, which it is part of
    assert cells[1:7] == ["5", "3 of 5", "2 of 3", "1 of 5", "1 of 5", "0 of 5"]
    assert cells[7] == "49"  # median of 14, 49 and 91 days


def test_a_body_page_answers_who_has_not_answered_and_for_how_long(example_site):
    page = soup(example_site / "responses/northfield-borough-council/index.html")
    assert page.h1.get_text(strip=True).rstrip("¶") == COUNCIL
    assert page.find("a", href="https://www.northfield-council.example/")
    rows = {tr.select_one("td").get_text(strip=True): tr for tr in page.select("table.fm-body-asks tbody tr")}
    shade = rows["New street trees where shade is scarcest"]
    assert "26 days overdue" in shade.get_text() and "In progress" in shade.get_text()  # two axes, both shown
    assert "Rejected" in rows["Help for tenants with flood doors and air-brick covers"].get_text()
    letter = page.find("a", href=lambda h: h and h.endswith(".docx"))
    from docx import Document
    doc = Document(str(example_site / "responses/northfield-borough-council" / letter["href"]))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "To Northfield Borough Council, from Northfield Climate Centre" in text
    assert "New street trees where shade is scarcest" in text and "26 days past that date" in text
    assert "Shade for school playgrounds" in text  # awaiting: listed, not yet late
    assert "Cool spaces" not in text or "not yet done" in text


def test_recaps_show_each_bodys_answer_beside_the_progress(example_site):
    page = soup(example_site / f"assemblies/{FLOOD}/index.html")
    tenants = page.select_one("#outcome-flood-resilience-for-tenants")
    answer = " ".join(tenants.select_one(".fm-answers li").get_text().split())
    assert answer.startswith(f"{COUNCIL}: Rejected")
    assert "Progress:" in tenants.get_text() and tenants.select_one(".fm-status").get_text() == "Declined"
    mp = " ".join(page.select_one("#outcome-tenants-and-flood-schemes .fm-answers li").get_text().split())
    assert "no answer, 301 days overdue (long overdue)" in mp


def test_home_shows_the_longest_overdue(example_site):
    page = soup(example_site / "index.html")
    waiting = [li.get_text(" ", strip=True) for li in page.select(".fm-waiting li")]
    assert waiting[0].startswith("Member of Parliament for Northfield") and "301 days overdue" in waiting[0]
    assert page.find("a", string="Who was asked, and did they answer?")


def test_tracker_marks_overdue_and_can_be_filtered_by_body_theme_and_progress(example_site):
    page = soup(example_site / "outcomes/index.html")
    rows = page.select("#fm-outcomes-table tbody tr")
    shade = next(r for r in rows if "shade is scarcest" in r.get_text())
    assert "fm-overdue" in shade["class"] and "|northfield-borough-council|" in shade["data-bodies"]
    assert "|green-spaces|" in shade["data-themes"] and shade["data-status"] == "in-progress"
    assert {s["name"] for s in page.select(".fm-filter select")} == {"body", "theme", "status", "promise"}


def test_answers_feed(example_site):
    feed = feedparser.parse((example_site / "feeds/answers.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == 3
    assert feed.entries[0].title == f"{COUNCIL} on \u201cCool spaces in public buildings on heat alert days\u201d: Accepted"


def test_check_says_what_to_follow_up_and_review_lists_it(capsys):
    from conftest import ROOT

    status, lines = run_check(ROOT, capsys)
    assert status == 0 and lines[-1].startswith("To do: 2 outcomes due for review, 3 overdue answers and 1 broken promise")
    assert main(["--root", str(ROOT), "review"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert f"assemblies/{HEAT}/assembly.yml:184: overdue: {COUNCIL} has not answered `shade-first`" in out[4]
    assert out[3].startswith(f"assemblies/{HEAT}/assembly.yml:167: broken promise: {COUNCIL} promised to act on "
                             "`cool-spaces`")
    assert out[-1] == "6 things to follow up."


def test_the_reminder_issue_lists_each_thing_to_follow_up_with_a_link_to_its_line(capsys, monkeypatch):
    """Issue 25: the scheduled workflow keeps one GitHub issue up to date from `review --format issue`."""
    from conftest import ROOT

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564800")
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "folkmoot-example/northfield-assemblies")
    monkeypatch.setenv("GITHUB_REF_NAME", "main")
    assert main(["--root", str(ROOT), "review", "--format", "issue"]) == 0
    body = capsys.readouterr().out
    assert body.startswith("What to follow up, as of 2026-11-25: 6 things.")
    assert "## Overdue answers (3)" in body and "## Broken promises (1)" in body and "## Outcomes with no news (2)" in body
    link = ("[assemblies/2026-06-18-cooler-streets/assembly.yml:167](https://github.com/folkmoot-example/"
            "northfield-assemblies/blob/main/assemblies/2026-06-18-cooler-streets/assembly.yml#L167)")
    assert f"- [ ] {link}: Northfield Borough Council promised to act on" in body


def test_with_nothing_to_follow_up_the_reminder_issue_body_is_empty(project, capsys):
    from conftest import write_record

    write_record(project, "2024-11-07-flooding", "title: Flooding\ndate: 2024-11-07\n")
    assert main(["--root", str(project), "review", "--format", "issue"]) == 0
    assert capsys.readouterr().out == ""


def test_letter_command(tmp_path, capsys):
    from docx import Document
    from odf.opendocument import load

    from conftest import ROOT
    assert main(["--root", str(ROOT), "letter", "NBC", "--out", str(tmp_path)]) == 0  # an alias finds the body
    docx = Document(str(tmp_path / "letter-to-northfield-borough-council.docx"))
    assert docx.paragraphs[0].style.name == "Heading 1" and docx.core_properties.language == "en-GB"
    load(str(tmp_path / "letter-to-northfield-borough-council.odt"))
    assert main(["--root", str(ROOT), "letter", "Northfeld Council"]) == 1
    assert 'Did you mean "Northfield Borough Council"?' in capsys.readouterr().err


BASE = "title: People's Assembly on Flooding\ndate: 2024-11-07\n"


@pytest.mark.parametrize("outcome, line, words", [
    ("directed_to: [Islington Council]\n    updates:\n      - date: 2024-12-01\n        from: Islington Counci\n"
     "        response: noted\n", 8, "`from: Islington Counci` is not among the bodies this outcome was sent to. "
                                    "Did you mean `Islington Council`?"),
    ("directed_to: [Islington Council]\n    updates:\n      - date: 2024-12-01\n        response: noted\n", 8,
     "`response` says how a body answered, but `from` does not say which body"),
    ("directed_to: [Islington Council]\n    asked: 2024-12-01\n    respond_by: 2024-11-20\n", 7,
     "`respond_by` (2024-11-20) is before `asked` (2024-12-01)"),
    ("directed_to: [Islington Council]\n    asked: 2024-10-01\n", 6, "`asked` (2024-10-01) is before the assembly"),
    # issue 23, item 15: what records something that happened cannot be still to come, and a
    # deadline cannot come before the wait for an answer starts
    ("directed_to: [Islington Council]\n    asked: 2199-12-31\n", 6, "`asked` is 2199-12-31, which has not come yet"),
    ("directed_to: [Islington Council]\n    updates:\n      - date: 2199-01-01\n        from: Islington Council\n"
     "        response: noted\n", 7, "This update is dated 2199-01-01, which has not come yet"),
    ("directed_to: [Islington Council]\n    respond_by: 2024-11-20\n    updates:\n      - date: 2024-12-01\n"
     "        status: shared\n", 6, "`respond_by` (2024-11-20) is before the update that shared the outcome (2024-12-01)"),
    ("directed_to: [Islington Council]\n    updates:\n      - date: 2024-12-01\n        from: Islington Council\n"
     "        response: maybe\n", 9, "`response` is `maybe`, which is not one of the allowed values"),
])
def test_new_fields_are_checked_at_their_line(project, capsys, outcome, line, words):
    write_record(project, "2024-11-07-flooding", BASE + "outcomes:\n  - title: Map the floods\n    " + outcome)
    status, lines = run_check(project, capsys)
    assert status == 1
    assert any(ln.startswith(f"assemblies/2024-11-07-flooding/assembly.yml:{line}: error: {words}") for ln in lines), lines


def test_a_record_checked_yesterday_is_checked_again_today(project, capsys, monkeypatch):
    """"Still to come" depends on the day: a kept check must not outlive it."""
    write_record(project, "2024-11-07-flooding", BASE + "outcomes:\n  - title: Map the floods\n"
                 "    directed_to: [Islington Council]\n    asked: 2024-12-02\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1732924800")  # 2024-11-30 (a day's grace for time zones)
    status, lines = run_check(project, capsys)
    assert status == 1 and "`asked` is 2024-12-02, which has not come yet" in lines[0]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1733097600")  # 2024-12-02: sent today
    assert run_check(project, capsys)[0] == 0


def test_near_duplicate_body_names_across_records_warn(project, capsys):
    for n, body in enumerate(["Islington Council", "Islington Council", "Islington Counci"], 1):
        write_record(project, f"2024-11-0{n}-flooding", f"title: T{n}\ndate: 2024-11-0{n}\noutcomes:\n"
                                                         f"  - title: Ask\n    directed_to: [{body}]\n")
    status, lines = run_check(project, capsys)
    assert status == 0
    assert lines[0].startswith("assemblies/2024-11-03-flooding/assembly.yml:5: warning: `Islington Counci` looks like "
                               "`Islington Council`")


@pytest.mark.parametrize("old, new, words", [
    ("response_days: 28 ", "response_days: soon ", "not a number of days"),
    ("aliases: [Northfield Council, NBC]", "aliases: 5", "should be a list of names"),
])
def test_recipient_settings_are_checked(tmp_path, capsys, old, new, words):
    root = copy_project(tmp_path, with_assemblies=False)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace(old, new))
    status, lines = run_check(root, capsys)
    assert status == 1 and any(ln.startswith("mkdocs.yml:") and words in ln for ln in lines), lines


def test_plugins_written_as_a_mapping_keep_their_settings(tmp_path, capsys):
    import re

    root = copy_project(tmp_path)
    config = root / "mkdocs.yml"
    text = config.read_text()
    text = text.replace("plugins:\n  - search\n  - folkmoot:\n", "plugins:\n  search: {}\n  folkmoot:\n")
    text = re.sub(r"^(      )", r"    ", text, flags=re.M)  # one level less indented under the mapping
    config.write_text(text)
    status, lines = run_check(root, capsys)
    assert status == 0, lines  # "from: Northfield Council" is still known as an alias


def test_bodies_whose_names_make_the_same_address_get_their_own_pages(tmp_path, site_env):
    root = copy_project(tmp_path, with_assemblies=False)
    write_record(root, "2025-05-01-heat", textwrap.dedent("""\
        title: People's Assembly on Heat
        date: 2025-05-01
        outcomes:
          - title: Trees
            directed_to: ["Council, North", "Council North"]
            asked: 2025-05-02
    """))
    site = build(root, root / "site", site_env)
    heads = {soup(p).h1.get_text(strip=True).rstrip("¶") for p in (site / "responses").glob("*/index.html")}
    assert heads == {"Council, North", "Council North"}


def test_a_record_in_another_language_is_marked_as_such(tmp_path, site_env, capsys):
    import xml.etree.ElementTree as ET

    root = copy_project(tmp_path, with_assemblies=False)
    write_record(root, "2025-05-01-gwres", textwrap.dedent("""\
        title: Cynulliad y Bobl ar Wres
        date: 2025-05-01
        language: cy
        summary: Daeth deugain o bobl i siarad am strydoedd poeth.
    """))
    write_record(root, "2025-06-01-heat", "title: People's Assembly on Heat\ndate: 2025-06-01\nlanguage: Welsh\n")
    status, lines = run_check(root, capsys)
    assert lines[0].startswith("assemblies/2025-06-01-heat/assembly.yml:3: error: `language` is `Welsh`, which is not a language tag")
    (root / "assemblies/2025-06-01-heat/assembly.yml").write_text("title: People's Assembly on Heat\ndate: 2025-06-01\nlanguage: en-GB\n")
    site = build(root, root / "site", site_env)
    # the record's words are marked as Welsh; the page's own words stay the site's (English)
    welsh = soup(site / "assemblies/2025-05-01-gwres/index.html")
    assert welsh.select_one("h1 span[lang=cy]").get_text() == "Cynulliad y Bobl ar Wres"
    assert welsh.select_one(".fm-summary")["lang"] == "cy"
    assert not welsh.select_one("article.md-content__inner").get("lang")
    assert not soup(site / "assemblies/2025-06-01-heat/index.html").select("article [lang]")
    for listing in ("assemblies/index.html", "feeds/assemblies.xml"):
        assert 'lang="cy"' in (site / listing).read_text()
    feed = ET.parse(site / "feeds/assemblies.xml").getroot()
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    langs = {e.findtext("{http://www.w3.org/2005/Atom}title"): e.get(lang, feed.get(lang))
             for e in feed.iter("{http://www.w3.org/2005/Atom}entry")}
    assert langs == {"Cynulliad y Bobl ar Wres": "cy", "People's Assembly on Heat": "en"}


def test_recipient_mistakes_are_reported_at_their_own_lines(tmp_path, capsys):
    """Issue 23, item 18: a recipient named "" was accepted, and a bad url was reported at site_url's line."""
    root = copy_project(tmp_path, with_assemblies=False)
    config = root / "mkdocs.yml"
    text = config.read_text()
    text = text.replace("url: https://www.northfield-council.example/", "url: not a web address")
    text = text.replace("      recipients:\n", '      recipients:\n        "":\n          response_days: 10\n')
    config.write_text(text)
    status, lines = run_check(root, capsys)
    assert status == 1
    numbered = text.splitlines()
    [url] = [ln for ln in lines if "should start with https://" in ln]
    assert numbered[int(url.split(":")[1]) - 1].strip() == "url: not a web address", url
    [empty] = [ln for ln in lines if "A recipient has no name" in ln]
    assert numbered[int(empty.split(":")[1]) - 1].strip() == '"":', empty


def test_one_name_typed_two_ways_in_unicode_is_one_body(tmp_path, site_env):
    """Café composed (NFC) and decomposed (NFD) are the same body, with one page."""
    import unicodedata

    from conftest import build, soup

    root = copy_project(tmp_path, with_assemblies=False)
    for slug, form in (("2025-01-10-a", "NFC"), ("2025-01-11-b", "NFD")):
        name = unicodedata.normalize(form, "Café Council")
        write_record(root, slug, f"""
            title: Assembly {slug}
            date: {slug[:10]}
            outcomes:
              - id: idea-{slug[-1]}
                title: An idea
                directed_to: [{name}]
                status: shared
                asked: {slug[:10]}
        """)
    site = build(root, root / "site", site_env)
    bodies = [p.parent.name for p in (site / "responses").glob("*/index.html")]
    assert bodies == ["cafe-council"], bodies
    page = soup(site / "responses/cafe-council/index.html")
    assert len(page.select("table tbody tr")) == 2


def _overdue_record(titles: list[str], body: str = "Islington Council") -> str:
    outcomes = "".join(f"  - id: ask-{i}\n    title: '{t}'\n    directed_to: ['{body}']\n    asked: 2024-11-08\n"
                       for i, t in enumerate(titles))
    return f"title: Flooding\ndate: 2024-11-07\noutcomes:\n{outcomes}"


def test_the_reminder_issue_links_nothing_a_record_says(project, capsys, monkeypatch):
    """Issue 31, item 3: a title holding an address, a www name, a cross-reference or a mention
    stays text in the issue (rendered as GitHub does, with cmark-gfm); ids show as code."""
    import cmarkgfm

    from conftest import write_record

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564800")
    hostile = "See https://evil.test, www.evil.test, org/repo#1, #2, GH-3 and @someone"
    write_record(project, "2024-11-07-flooding", _overdue_record([hostile], body="Council www.evil.test"))
    assert main(["--root", str(project), "review", "--format", "issue"]) == 0
    html = cmarkgfm.github_flavored_markdown_to_html(capsys.readouterr().out)
    assert "<a " not in html, html
    assert "<code>ask-0</code>" in html and "`" not in html  # the id as code, no stray backticks
    shown = html.replace("\u200b", "")
    assert "https://evil.test, www.evil.test, org/repo#1, #2, GH-3 and @someone" in shown  # as written
    for linkish in ("https://evil", "www.evil", "repo#1", "#2", "GH-3", "@someone"):
        assert linkish not in html  # each broken by an invisible space, so GitHub links none


def test_the_reminder_issue_stays_within_githubs_limit(project, capsys, monkeypatch):
    """Issue 31, item 14: however much is due, the body fits in an issue, and says how much was left out."""
    from conftest import write_record
    from folkmoot.commands.review import BODY_LIMIT

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564800")
    for n in range(4):
        write_record(project, f"2024-11-0{n + 1}-flooding", _overdue_record(
            [f"A long idea number {i} about the brook, the gullies and the flood warnings " * 4 for i in range(60)])
            .replace("2024-11-07", f"2024-11-0{n + 1}").replace("2024-11-08", f"2024-11-0{n + 2}"))
    assert main(["--root", str(project), "review", "--format", "issue"]) == 0
    body = capsys.readouterr().out
    assert len(body) <= BODY_LIMIT
    assert "What to follow up, as of 2026-11-25: 480 things." in body
    more = [int(n) for n in re.findall(r"- \.\.\. and (\d+) more: run `folkmoot review`", body)]
    assert more and sum(more) + body.count("- [ ] ") == 480


def test_the_reminder_issue_points_a_browser_volunteer_at_the_letter_on_the_site(capsys, monkeypatch):
    """Issue 32: a volunteer with only a browser cannot run `folkmoot letter`; the site has it ready."""
    import cmarkgfm

    from conftest import ROOT

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564800")
    assert main(["--root", str(ROOT), "review", "--format", "issue"]) == 0
    html = cmarkgfm.github_flavored_markdown_to_html(capsys.readouterr().out)
    assert "folkmoot letter" not in html
    assert ("the letter is ready at <code>https://northfieldclimate.example/assemblies-site/responses/"
            "northfield-borough-council/</code>") in html  # whole, to copy: no invisible characters inside
