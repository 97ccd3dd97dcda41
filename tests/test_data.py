"""Open data, feeds, calendars, sharing tags and charts, read back with real parsers."""

from __future__ import annotations

import csv
import datetime as dt
import json

import feedparser
import icalendar
import jsonschema

from conftest import ROOT, build, copy_project, soup, write_record
from folkmoot.outputs import opendata
from folkmoot.records.project import load_project
from folkmoot.views.site import build_site

def _record(path):
    """A record as folkmoot reads it: YAML 1.2's keys, so the contract's `on:` is the word "on"
    (PyYAML's YAML 1.1 would read it as true)."""
    from folkmoot.problems import Problems
    from folkmoot.records.yamlload import load_yaml

    return load_yaml(path.read_text(), path.name, Problems())


RECORDS = {p.parent.name: _record(p) for p in sorted((ROOT / "assemblies").glob("*/assembly.yml"))}
PUBLISHED = {slug: r for slug, r in RECORDS.items() if not r.get("draft")}
TODAY = "2026-11-25"


def current_status(outcome: dict) -> str:
    for update in reversed(outcome.get("updates") or []):
        if update.get("status"):
            return update["status"]
    return outcome.get("status") or "proposed"


def read_csv(site, name):
    with open(site / "data" / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_assemblies_csv(example_site):
    rows = read_csv(example_site, "assemblies.csv")
    assert [r["slug"] for r in rows] == sorted(PUBLISHED, reverse=True)
    for row in rows:
        record = PUBLISHED[row["slug"]]
        assert row["title"] == record["title"]
        assert row["date"] == str(record["date"])
        assert row["state"] == ("upcoming" if str(record["date"]) >= TODAY else "past")
        assert row["attendance"] == str(record.get("attendance", ""))
        assert int(row["groups"]) == len(record.get("deliberation") or [])
        assert int(row["outcomes"]) == len(record.get("outcomes") or [])
        assert row["themes"] == "; ".join(record.get("themes") or [])


def test_outcomes_and_updates_csv(example_site):
    outcomes = read_csv(example_site, "outcomes.csv")
    expected = {(slug, o["id"]): o for slug, r in PUBLISHED.items() for o in r.get("outcomes") or []}
    assert {(r["assembly"], r["id"]) for r in outcomes} == set(expected)
    for row in outcomes:
        outcome = expected[(row["assembly"], row["id"])]
        assert row["status"] == current_status(outcome)
        assert int(row["updates"]) == len(outcome.get("updates") or [])
        assert row["url"].endswith(f"/assemblies/{row['assembly']}/#outcome-{row['id']}")
    updates = read_csv(example_site, "updates.csv")
    assert len(updates) == sum(len(o.get("updates") or []) for o in expected.values())
    assert set(updates[0]) == {"assembly", "outcome", "date", "status", "note", "link"}


def test_data_page_documents_every_column(example_site):
    page = soup(example_site / "data/index.html")
    documented = {c.get_text() for c in page.select("table.fm-table td code")}
    for name in ("assemblies.csv", "outcomes.csv", "updates.csv"):
        header = read_csv(example_site, name)[0].keys()
        assert set(header) <= documented, name
        assert page.find("a", href=name)


def test_json_has_everything_published_and_the_schema_accepts_every_record(example_site):
    data = json.loads((example_site / "data/assemblies.json").read_text())
    assert sorted(a["slug"] for a in data["assemblies"]) == sorted(PUBLISHED)
    flood = next(a for a in data["assemblies"] if a["slug"] == "2025-11-13-flooding")
    assert any("soakaway" in g["notes"] for g in flood["deliberation"])
    assert all("current_status" in o for o in flood["outcomes"])
    schema = json.loads((example_site / "data/record.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for slug, record in RECORDS.items():
        plain = json.loads(json.dumps(record, default=str))
        errors = list(validator.iter_errors(plain))
        assert not errors, (slug, [e.message for e in errors])
    assert list(validator.iter_errors({"title": "T", "date": "2025-01-01", "outcome": []}))


def test_atom_feeds(example_site):
    feed = feedparser.parse((example_site / "feeds/assemblies.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert [e.title for e in feed.entries] == [PUBLISHED[s]["title"] for s in sorted(PUBLISHED, reverse=True)]
    assert all(e.link.startswith("https://northfieldclimate.example/") for e in feed.entries)
    updates = feedparser.parse((example_site / "feeds/outcomes.xml").read_bytes())
    assert not updates.bozo
    n_updates = sum(len(o.get("updates") or []) for r in PUBLISHED.values() for o in r.get("outcomes") or [])
    assert len(updates.entries) == n_updates
    assert len({e.id for e in updates.entries}) == n_updates
    dates = [e.updated for e in updates.entries]
    assert dates == sorted(dates, reverse=True)
    home = soup(example_site / "index.html")
    links = home.find_all("link", type="application/atom+xml")
    assert {tuple(link["rel"]) for link in links} == {("alternate", "feed")}
    assert {link["href"] for link in links} == {"https://northfieldclimate.example/assemblies-site/feeds/assemblies.xml",
                                                "https://northfieldclimate.example/assemblies-site/feeds/outcomes.xml"}


def test_calendar_feed_is_valid_icalendar(example_site):
    raw = (example_site / "calendar.ics").read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(raw)
    assert str(cal["version"]) == "2.0" and cal["prodid"]
    events = cal.walk("VEVENT")
    upcoming = [r for r in PUBLISHED.values() if str(r["date"]) >= TODAY]
    assert [str(e["summary"]) for e in events] == [r["title"] for r in upcoming]
    for event in events:
        assert event["uid"] and event["dtstamp"] and event["dtstart"].params["TZID"] == "Europe/London"
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]


def test_recap_has_event_jsonld_and_sharing_tags(example_site):
    page = soup(example_site / "assemblies/2025-11-13-flooding/index.html")
    [script] = page.find_all("script", type="application/ld+json")
    event = json.loads(script.string)
    record = PUBLISHED["2025-11-13-flooding"]
    assert event["@type"] == "Event" and event["@context"] == "https://schema.org"
    assert event["name"] == record["title"]
    assert event["startDate"].startswith("2025-11-13T18:30:00")
    assert event["location"]["name"] == record["venue"]["name"]
    assert event["organizer"]["name"] == "Northfield Climate Centre"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    meta = {m.get("property") or m.get("name"): m["content"] for m in page.find_all("meta") if m.get("content")}
    assert meta["og:title"] == record["title"]
    assert meta["og:description"].startswith("Forty-six residents")
    assert meta["og:image"].startswith("https://northfieldclimate.example/") and meta["og:image"].endswith("/card.jpg")
    assert meta["og:image:alt"] and meta["twitter:card"] == "summary_large_image"


def test_charts_are_accessible_and_match_their_tables(example_site):
    page = soup(example_site / "data/index.html")
    charts = page.select("svg.fm-chart")
    assert len(charts) == 4
    for svg in charts:
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.find(id=title_id).get_text() and svg.find(id=desc_id).get_text()
        table = svg.find_parent("figure").find("table")
        numbers = [int(td.get_text()) for td in table.select("tbody td:nth-of-type(2)")]
        drawn = [int(t.get_text()) for t in svg.select("text.fm-chart__value")]
        assert numbers == drawn and numbers
    # bars told apart by what distinguishes them, not cut to a shared "People's Assembly…"
    labels = [t.get_text() for t in page.select("#chart-attendance ~ text.fm-chart__label, svg[aria-labelledby^=chart-attendance] text.fm-chart__label")]
    assert labels == ["Nov 2025: Flooding", "Jun 2026: Cooler Streets"] or (len(set(labels)) == len(labels) and
                                                                          not any("Assembly" in label for label in labels)), labels
    status_chart = page.find(id="chart-status-desc").get_text()
    n_outcomes = sum(len(r.get("outcomes") or []) for r in PUBLISHED.values())
    assert sum(int(part.split(": ")[1].split()[0]) for part in status_chart.split("; ")) == n_outcomes


def test_csv_cells_never_run_as_formulas(tmp_path, site_env):
    root = copy_project(tmp_path, with_assemblies=False)
    write_record(root, "2025-05-01-formula", """
        title: "=HYPERLINK(\\"https://evil.example\\",\\"click\\")"
        date: 2025-05-01
        summary: "@SUM(1+1)"
    """)
    site = build(root, tmp_path / "site", site_env)
    [row] = read_csv(site, "assemblies.csv")
    assert row["title"].startswith("'=") and row["summary"].startswith("'@")


def test_a_months_digest_lists_exactly_what_the_records_say_changed_that_month(example_site):
    """Issue 26: an email-ready digest of each month, worked out from the dated trail."""
    import datetime as dt

    from bs4 import BeautifulSoup

    month = (dt.date(2026, 7, 1), dt.date(2026, 7, 31))
    within = lambda day: month[0] <= day <= month[1]  # noqa: E731
    moved = sorted(f"#outcome-{o['id']}" for r in PUBLISHED.values() for o in r.get("outcomes") or []
                   for u in o.get("updates") or [] if u.get("status") and within(u["date"]))
    answered = sorted(f"#outcome-{o['id']}" for r in PUBLISHED.values() for o in r.get("outcomes") or []
                      for u in o.get("updates") or [] if u.get("from") and within(u["date"]))
    held = [slug for slug, r in PUBLISHED.items() if within(r["date"])]
    assert moved and answered and not held  # the month has news of two kinds and no assembly

    email = (example_site / "digest/2026-07/email.html").read_text(encoding="utf-8")
    page = BeautifulSoup(email, "html.parser")
    sections = {h2.get_text(): h2.find_next_sibling("ul") for h2 in page.find_all("h2")}
    anchors = lambda heading: sorted("#" + a["href"].split("#")[1] for a in sections[heading].find_all("a"))  # noqa: E731
    assert anchors("Ideas that moved on") == moved
    assert anchors("New answers") == answered
    assert "Assemblies held" not in sections and "Promises broken" not in sections
    assert sections["Next assembly"] is None or "Warm, Affordable Homes" in page.get_text()
    # email-ready: no script, no stylesheet, every link absolute, 600 pixels wide
    assert not page.find_all(["script", "style", "link"])
    assert all(a["href"].startswith("https://") for a in page.find_all("a"))
    assert page.table["width"] == "600"
    text = (example_site / "digest/2026-07/email.txt").read_text(encoding="utf-8")
    assert "What happened in July 2026" in text and "<" not in text
    assert "- Northfield Borough Council on \u201cCool spaces in public buildings on heat alert days\u201d: Accepted" in text
    # the digest's page has both to copy, and the feed carries each month whole
    digest_page = soup(example_site / "digest/2026-07/index.html")
    assert [t["id"] for t in digest_page.select("textarea")] == ["fm-digest-html", "fm-digest-text"]
    feed = feedparser.parse((example_site / "feeds/digest.xml").read_bytes())
    assert not feed.bozo and "What happened in July 2026" in [e.title for e in feed.entries]
    july = next(e for e in feed.entries if e.title == "What happened in July 2026")
    assert "Cool spaces in public buildings" in july.content[0].value


def test_the_digest_command_covers_any_days_up_to_today(capsys, monkeypatch):
    from folkmoot.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564800")  # 25 November 2026
    assert main(["--root", str(ROOT), "digest", "--since", "2026-07-01"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Northfield Climate Centre\n\nWhat happened from 1 July 2026 to 25 November 2026\n")
    assert "- Northfield Borough Council on \u201cCool spaces in public buildings on heat alert days\u201d: Accepted" in text
    assert "Promises broken" in text  # 31 August 2026 came and went
    assert main(["--root", str(ROOT), "digest", "--since", "2026-07-01", "--format", "html"]) == 0
    assert capsys.readouterr().out.startswith('<table role="presentation" width="600"')
    assert main(["--root", str(ROOT), "digest", "--since", "2027-01-01"]) == 1
    assert "has not come yet" in capsys.readouterr().err


def test_json_made_record_by_record_is_the_file_one_dump_of_everything_gives(example_site):
    """assemblies.json is encoded one assembly at a time (and each kept while its record is
    unchanged); it must be the very file the whole data encoded at once gives."""
    published = (example_site / "data/assemblies.json").read_bytes()
    data = json.loads(published)
    assert len(data["assemblies"]) > 1
    assert published == json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    site = build_site(load_project(ROOT)[0], dt.date(2026, 11, 25))  # and with nothing published yet
    site.upcoming, site.past = [], []
    made = opendata.json_bytes(site, "https://x.example/", data["generated"], lambda a: [])
    assert json.loads(made)["assemblies"] == [] and made == json.dumps(json.loads(made), ensure_ascii=False,
                                                                          indent=1).encode("utf-8")
