"""The public site, built for real by MkDocs, asserted on its HTML."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap

import icalendar

from conftest import ROOT, build, copy_project, soup, write_record

FLOOD = "assemblies/2025-11-13-flooding"
HEAT = "assemblies/2026-06-18-cooler-streets"
WARM = "assemblies/2027-03-11-warm-homes"


def main_text(page) -> str:
    return page.select_one("article.md-content__inner").get_text(" ", strip=True)


def test_assemblies_index_lists_upcoming_first_then_past_newest_first(example_site):
    page = soup(example_site / "assemblies/index.html")
    captions = [c.get_text(strip=True) for c in page.select("table.fm-table caption")]
    assert captions == ["Upcoming assemblies, soonest first", "Past assemblies, newest first"]
    upcoming, past = page.select("table.fm-table")
    assert [a["href"] for a in upcoming.select("tbody a[href^='2027']")] == ["2027-03-11-warm-homes/"]
    assert [a["href"] for a in past.select("tbody td:nth-of-type(2) a")] == [
        "2026-06-18-cooler-streets/", "2025-11-13-flooding/"]
    first_row = [td.get_text(" ", strip=True) for td in past.select("tbody tr")[0].select("td")]
    assert first_row[0] == "18 Jun 2026" and first_row[3].isdigit() and first_row[4] == "5"
    assert "flooding" in past.get_text()


def test_recap_page_has_every_section(example_site):
    page = soup(example_site / FLOOD / "index.html")
    assert page.h1.get_text(strip=True).startswith("People's Assembly on Flooding")
    headings = [h.get_text(strip=True).rstrip("¶") for h in page.select("article h2")]
    assert headings == ["Recap video", "What happened", "Input: setting the scene", "The questions",
                        "Deliberation: what the groups said", "Integration: what the room agreed", "Outcomes",
                        "Evidence submitted", "Photos"]
    text = main_text(page)
    assert "Thursday, 13 November 2025" in text and "18:30\u201320:30" in text
    assert "Access" in text and "hearing loop" in text
    # each group labelled, with the question it took
    groups = [h.get_text(strip=True).rstrip("¶") for h in page.select("h3[id^=table-]")]
    assert groups[:2] == ["Table 1", "Table 2"] and len(groups) >= 5
    assert page.select_one(".fm-group__meta a[href='#question-1']")
    assert "soakaway" in page.select(".fm-group")[1].get_text()
    # notes kept in a separate file are published too
    assert len(page.select(".fm-group")) == len(groups)
    # integration with its support level
    assert page.select(".fm-points .fm-support--strong")
    # outcomes: anchor, status, directed to, dated follow-up trail
    outcome = page.select_one("#outcome-street-flood-map")
    assert outcome.select_one(".fm-status").get_text() == "Done"
    assert "Community action" in outcome.get_text() and not outcome.select(".fm-answer")
    assert [t["datetime"] for t in outcome.select(".fm-updates time")] == sorted(
        t["datetime"] for t in outcome.select(".fm-updates time"))
    # photo with alt text and credit
    img = page.select_one(".fm-photo img")
    assert img["alt"] and (example_site / FLOOD / img["src"]).is_file()
    assert "Credit:" in page.select_one(".fm-photo figcaption").get_text()
    # meta description from the summary
    assert page.find("meta", attrs={"name": "description"})["content"].startswith("Forty-six residents")


def test_recap_video_waits_for_the_reader(example_site):
    page = soup(example_site / FLOOD / "index.html")
    assert not page.find("iframe")
    box = page.select_one(".fm-video")
    assert box["data-embed"].startswith("https://www.youtube-nocookie.com/embed/")
    assert box.select_one("button.fm-video__play")
    assert box.find("a", href=lambda h: h and h.startswith("https://www.youtube.com/watch"))


def test_upcoming_assembly_offers_registration_and_calendar(example_site):
    page = soup(example_site / WARM / "index.html")
    text = main_text(page)
    assert "Upcoming" in text
    assert page.find("a", string="Register for this assembly")["href"].startswith("https://")
    ics_link = page.find("a", string="Add to calendar (.ics)")["href"]
    cal = icalendar.Calendar.from_ical((example_site / WARM / ics_link).read_bytes())
    [event] = cal.walk("VEVENT")
    assert str(event["summary"]) == "People's Assembly on Warm, Affordable Homes"
    assert event["dtstart"].dt.isoformat().startswith("2027-03-11T")
    assert cal.walk("VTIMEZONE")
    assert "Outcomes" not in [h.get_text(strip=True).rstrip("¶") for h in page.select("h2")]


def test_outcomes_tracker(example_site):
    page = soup(example_site / "outcomes/index.html")
    rows = page.select("#fm-outcomes-table tbody tr")
    n_outcomes = sum(len(soup(example_site / a / "index.html").select(".fm-outcome")) for a in (FLOOD, HEAT, WARM))
    assert len(rows) == n_outcomes == 11
    statuses = {r["data-status"] for r in rows}
    assert {"done", "in-progress", "declined"} <= statuses
    glance = {li.select_one(".fm-status").get_text(): int(li.strong.get_text()) for li in page.select(".fm-glance li")}
    assert sum(glance.values()) == len(rows)
    link = rows[0].select_one("a")["href"]
    slug, anchor = link.split("#")
    assert soup(example_site / "outcomes" / slug / "index.html").find(id=anchor)


def test_theme_pages(example_site):
    page = soup(example_site / "themes/climate-adaptation/index.html")
    titles = {a.get_text() for a in page.select("table.fm-table tbody td:nth-of-type(2) a")}
    assert "People's Assembly on Flooding" in titles
    assert page.select("table.fm-outcomes tbody tr")
    index = soup(example_site / "themes/index.html")
    assert index.find("a", href="flooding/")


def test_home_shows_next_assembly_and_latest_outcomes_and_guides_in_nav(example_site):
    page = soup(example_site / "index.html")
    card = page.select_one(".fm-card")
    assert "Warm, Affordable Homes" in card.get_text()
    assert len(page.select(".fm-latest:not(.fm-waiting) li")) == 5
    nav = page.select_one("nav.md-nav--primary").get_text(" ", strip=True)
    for guide in ("What is a People's Assembly", "three stages", "record"):
        assert guide.lower() in nav.lower()


def test_search_is_a_chunked_pagefind_index_of_every_page(example_site):
    entry = json.loads((example_site / "pagefind/pagefind-entry.json").read_text())
    pages = [p for p in example_site.rglob("index.html") if p.parent.name != "admin"]  # the form is no page of the site
    lists = [p for p in pages if "data-fm-nosearch" in p.read_text()]
    assert {p.parent.relative_to(example_site).as_posix() for p in lists} >= {"assemblies", "outcomes", "themes", "data"}
    assert not any("data-fm-nosearch" in p.read_text() for p in example_site.glob("assemblies/*/index.html"))
    # a search finds the recap (which names the committee and links its evidence), not the evidence again
    evidence = list(example_site.glob("assemblies/*/evidence-*/index.html"))
    assert evidence and all("data-fm-nosearch" in p.read_text() for p in evidence)
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == len(pages) - len(lists)
    assert len(list((example_site / "pagefind/index").iterdir())) >= 1
    # every file of the index whole: Pagefind's service, told to end as it answers, left some empty
    assert all(p.stat().st_size > 0 for p in (example_site / "pagefind").rglob("*") if p.is_file())
    # the theme's own single-file index is left empty, not shipped twice
    assert json.loads((example_site / "search/search_index.json").read_text())["docs"] == []


def test_drafts_are_never_published(tmp_path, site_env):
    root = copy_project(tmp_path)
    write_record(root, "2026-01-15-secret-plans", """
        title: Draft assembly on Zyxwvut
        date: 2026-01-15
        draft: true
        themes: [zyxwvut-theme]
        summary: The word quuxination is only in this draft.
        outcomes:
          - id: hidden-outcome
            title: A hidden outcome about quuxination
    """)
    site = build(root, tmp_path / "site", site_env)
    assert not (site / "assemblies/2026-01-15-secret-plans").exists()
    assert not (site / "themes/zyxwvut-theme").exists()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".ics", ".txt", ".csv"):
            data = path.read_text(encoding="utf-8", errors="replace")
            assert "quuxination" not in data and "secret-plans" not in data and "Zyxwvut" not in data, path


INJECTION = """
    title: "Assembly </title><script>alert('t')</script> {: onclick=alert(1) }"
    date: 2025-05-01
    venue:
      name: Hall
      access: |
        Step-free access.

        [click me](javascript:alert(document.domain)){: onmouseover=alert(1) }

        fm-stash-0-fm
    themes: ["<img src=x onerror=alert(1)>"]
    summary: 'Hello "><script>alert(1)</script> [click](javascript:alert(1))'
    questions:
      - "<b onmouseover=alert(1)>Q</b>"
    deliberation:
      - group: "<svg onload=alert(1)>"
        notes: |
          - <script>alert('notes')</script>
          - [a link](javascript:alert('x'))
          - <a href="javascript:alert(2)">raw</a> <iframe src="https://evil.example"></iframe>
          - <img src="https://tracker.example/pixel.gif" onerror="alert(3)">
          - <div onclick="alert(4)" style="position:fixed">styled</div>
    integration:
      - point: "<script>alert('p')</script>"
        support: strong
    outcomes:
      - id: o
        title: "<script>alert('o')</script>"
        detail: "<style>body{display:none}</style>\n\n**bold** [ok](https://example.org)"
        directed_to: ["<script>alert('d')</script>"]
        updates:
          - date: 2025-06-01
            note: |
              Map published.

              [details](javascript:alert(document.cookie)){: onfocus=alert(1) autofocus }
"""


def test_record_text_can_never_become_script(tmp_path, site_env):
    root = copy_project(tmp_path, with_assemblies=False)
    write_record(root, "2025-05-01-injection", INJECTION)
    site = build(root, tmp_path / "site", site_env)
    for path in site.rglob("*.html"):
        page = soup(path)
        for script in page.find_all("script"):
            if script.get("type") == "application/ld+json":
                json.loads(script.string)  # data, kept inside its element
            else:
                assert "alert" not in script.get_text(), path
        for tag in page.find_all(True):
            for attr, value in tag.attrs.items():
                assert not attr.startswith("on"), (path, tag)
                if attr in ("href", "src"):
                    assert not str(value).strip().lower().startswith("javascript:"), (path, tag)
        # the one frame folkmoot itself puts on a page: the digest's preview of its own email
        frames = [f for f in page.find_all("iframe") if not (f.get("src") == "preview.html" and "fm-digest-preview" in f["class"])]
        assert not frames and not page.find("style", string=lambda s: s and "display:none" in s)
        assert not page.find("img", src=lambda s: s and "tracker" in s)
    recap = soup(site / "assemblies/2025-05-01-injection/index.html")
    assert len(recap.select(".fm-meta")) == 1  # no block split, duplicated or forged
    assert "[click me](javascript:" in recap.select_one(".fm-facts").get_text()
    # the reader still sees the text, harmlessly
    assert "</title><script>alert('t')</script>" in recap.h1.get_text()
    assert recap.title.get_text().startswith("Assembly </title><script>")
    assert recap.find("strong", string="bold")
    assert recap.find("a", href="https://example.org")


def test_same_input_gives_byte_identical_site(tmp_path, example_site, site_env):
    again = build(ROOT, tmp_path / "again", site_env)
    first = sorted(p.relative_to(example_site) for p in example_site.rglob("*") if p.is_file())
    second = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert first == second
    for rel in first:
        assert (example_site / rel).read_bytes() == (again / rel).read_bytes(), rel


def test_mkdocs_build_gives_the_same_site(tmp_path, example_site, site_env):
    env = dict(os.environ, **site_env, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "m")],
                   cwd=example_site.parent, env=env, check=True)
    for path in example_site.rglob("*"):
        if path.is_file():
            assert (tmp_path / "m" / path.relative_to(example_site)).read_bytes() == path.read_bytes(), path


def test_mkdocs_build_says_where_the_end_of_life_notice_is_answered(tmp_path, example_site, site_env):
    """Material's notice points at another engine; the plugin points at this project's own answer."""
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"} | site_env
    said = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "m")],
                          cwd=example_site.parent, env=env, capture_output=True, text=True, check=True).stderr
    assert "Material for MkDocs reaches end of life" in said
    assert "README.md says what to do when Material ends (\"The engine underneath\")" in said
    assert "## The engine underneath, and what to do when Material ends" in (ROOT / "README.md").read_text()


def test_failed_build_keeps_the_old_site(tmp_path, site_env, capsys):
    from folkmoot.cli import main

    root = copy_project(tmp_path)
    site = build(root, root / "site", site_env)
    before = (site / "index.html").read_bytes()
    write_record(root, "2026-02-02-broken", "title: Broken\ndate: 2026-02-31\n")
    assert main(["--root", str(root), "build"]) == 1
    err = capsys.readouterr().err
    assert "assemblies/2026-02-02-broken/assembly.yml:2: error:" in err and "Traceback" not in err
    assert (site / "index.html").read_bytes() == before
    assert not list(root.glob(".site-*"))


def test_mkdocs_build_refuses_records_with_errors(tmp_path):
    root = copy_project(tmp_path)
    write_record(root, "2026-02-02-broken", "title: Broken\ndate: 2026-02-31\n")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, capture_output=True, text=True,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 1
    assert "assemblies/2026-02-02-broken/assembly.yml:2: error:" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_an_organisation_can_override_a_template(tmp_path, site_env):
    root = copy_project(tmp_path)
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates/themes.md.j2").write_text(textwrap.dedent("""\
        # Our topics

        {% for t in site.themes.values() %}
        - [{{ t.name }}]({{ t.slug }}/index.md)
        {% endfor %}
    """))
    site = build(root, tmp_path / "site", site_env)
    page = soup(site / "themes/index.html")
    assert page.h1.get_text(strip=True).startswith("Our topics")
    assert page.find("a", href="flooding/")
    # the other templates are still folkmoot's own
    assert soup(site / "outcomes/index.html").select_one("#fm-outcomes-table")


def test_notes_with_blank_lines_in_code_keep_the_page_whole(tmp_path, site_env):
    root = copy_project(tmp_path, with_assemblies=False)
    write_record(root, "2025-05-01-code", """
        title: Notes with a code block
        date: 2025-05-01
        deliberation:
          - group: Table 1
            notes: |
              Our draft motion:

                  Part one


                  Part two
          - group: Table 2
            notes: "- after the code"
    """)
    site = build(root, tmp_path / "site", site_env)
    page = soup(site / "assemblies/2025-05-01-code/index.html")
    assert "Part one\n\n\nPart two" in page.find("pre").get_text()
    groups = page.select(".fm-group")
    assert len(groups) == 2 and "after the code" in groups[1].get_text()
    assert "fm-stash" not in str(page)


def test_documents_made_in_a_second_process_are_the_same(tmp_path, site_env, monkeypatch, caplog):
    """A big build makes documents in a second process, and its photos and cards on every
    core; a small one makes everything in one process. The files are the same, and so is
    what the build says it made."""
    import logging
    import shutil

    from conftest import image_bytes
    from folkmoot.mkdocs_plugin import documents as plugin_documents

    root = copy_project(tmp_path, with_assemblies=False)
    count = plugin_documents.BACKGROUND_FROM + 2
    for n in range(count):
        write_record(root, f"2025-03-{n + 1:02d}-meeting", f"""
            title: Assembly number {n + 1}
            date: 2025-03-{n + 1:02d}
            themes: [flooding, theme {n % 5}]
            outcomes:
              - id: ask-{n}
                title: Ask number {n}
            evidence:
              - to: Environment Committee
            photos:
              - file: photos/hall.jpg
                alt: An empty hall with chairs in a circle
                consent: true
        """, files={"photos/hall.jpg": image_bytes(900 + n, 600, "JPEG")})
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.folkmoot")

    def made() -> list[str]:
        said = [r.message.split(";")[1] for r in caplog.records if "photos, cards, documents and pages made" in r.message]
        caplog.clear()
        return said

    parallel = build(root, tmp_path / "parallel", site_env)
    made_in_parallel = made()
    shutil.rmtree(root / ".cache")  # made again, not read back
    monkeypatch.setattr(plugin_documents, "BACKGROUND_FROM", 10_000)
    inline = build(root, tmp_path / "inline", site_env)
    assert made_in_parallel == made() and len(made_in_parallel) == 1
    files = sorted(p.relative_to(inline) for p in inline.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(parallel) for p in parallel.rglob("*") if p.is_file())
    # an evidence document for each record, and the two progress reports of the example's settings
    assert sum(1 for f in files if f.suffix == ".docx" and f.parts[0] == "assemblies") == count
    assert sum(1 for f in files if f.suffix == ".docx" and f.parts[0] == "reports") == 2
    for rel in files:
        assert (inline / rel).read_bytes() == (parallel / rel).read_bytes(), rel


def test_generated_html_blocks_are_set_aside_whole(tmp_path):
    """Each HTML block of a generated page leaves Markdown as one placeholder:
    a block split by a blank line would leave stray tags for Markdown to parse."""
    from folkmoot.views.site import build_site
    from folkmoot.records.project import load_project, today
    from folkmoot.outputs.publication import Publication

    project, _ = load_project(ROOT)
    pages = Publication(build_site(project, today())).pages()
    for page in pages:
        for block in page.markdown.split("\n\n"):
            assert not block.lstrip().startswith("</"), (page.src_uri, block[:80])
        for fragment in page.fragments:
            assert fragment.count("<div") == fragment.count("</div>"), (page.src_uri, fragment[:80])


def test_themes_in_any_script_get_their_own_pages(tmp_path, site_env):
    root = copy_project(tmp_path, with_assemblies=False)
    write_record(root, "2025-05-01-themes", """
        title: Themes in many scripts
        date: 2025-05-01
        themes: [洪水, 暑さ, "!!!", "???", Café culture, café Culture]
    """)
    site = build(root, tmp_path / "site", site_env)
    index = soup(site / "themes/index.html")
    names = [a.get_text() for a in index.select(".fm-theme-list a")]
    assert sorted(names) == sorted(["洪水", "暑さ", "!!!", "???", "café culture"])
    for a in index.select(".fm-theme-list a"):
        page = soup(site / "themes" / a["href"] / "index.html")
        assert page.h1.get_text(strip=True).rstrip("¶") == f"Theme: {a.get_text()}"


def test_relative_links_match_posixpath():
    """The fast relative_url gives the same links as posixpath.relpath would."""
    import posixpath

    from hypothesis import given
    from hypothesis import strategies as st

    from folkmoot.views.urls import relative_url

    parts = st.lists(st.sampled_from(["assemblies", "themes", "x", "y", "evidence-1"]), max_size=3)

    @given(here=parts, there=parts, leaf=st.sampled_from(["", "a.ics", "b.docx"]))
    def check(here, there, leaf):
        from_url = "".join(p + "/" for p in here)
        to_url = "".join(p + "/" for p in there) + leaf
        expected = posixpath.relpath(to_url or ".", from_url or ".")
        if to_url.endswith("/") or to_url == "":
            expected = "./" if expected == "." else expected + "/"
        assert relative_url(from_url, to_url) == expected

    check()


def test_a_build_after_an_edit_shows_it_on_every_page_that_was_kept(tmp_path, site_env):
    """Pages of unchanged records come from the cache; an edited record's words reach
    its recap, its evidence, its themes and its body's page all the same."""
    root = copy_project(tmp_path)
    first = build(root, tmp_path / "first", site_env)
    record = root / "assemblies/2025-11-13-flooding/assembly.yml"
    record.write_text(record.read_text().replace("title: Publish the September flood investigation in plain English",
                                                 "title: Publish the flood report in plain words", 1))
    second = build(root, tmp_path / "second", site_env)
    for page in ("assemblies/2025-11-13-flooding/index.html", "assemblies/2025-11-13-flooding/evidence-1/index.html",
                 "themes/flooding/index.html", "responses/northfield-borough-council/index.html", "outcomes/index.html"):
        html = (second / page).read_text()
        assert "flood report in plain words" in html and "September flood investigation" not in html, page
    unchanged = "assemblies/2026-06-18-cooler-streets/index.html"
    assert (first / unchanged).read_bytes() == (second / unchanged).read_bytes()


def test_a_warm_build_is_byte_for_byte_the_site_a_cold_one_makes(tmp_path, site_env, caplog):
    """MkDocs' conversion and theme of unchanged generated pages come from the cache. After
    an edit to a record and a change of colour in mkdocs.yml (which every page shows, while
    no page's Markdown changes), the site is the one a build with an empty cache makes."""
    import logging
    import shutil

    root = copy_project(tmp_path)
    build(root, tmp_path / "first", site_env)
    record = root / "assemblies/2025-11-13-flooding/assembly.yml"
    record.write_text(record.read_text().replace("title: Publish the September flood investigation in plain English",
                                                 "title: Publish the flood report in plain words", 1))
    settings = root / "mkdocs.yml"
    settings.write_text(settings.read_text().replace("primary: indigo", "primary: teal", 1))
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.folkmoot")
    warm = build(root, tmp_path / "warm", site_env)
    [reused] = [r.message for r in caplog.records if "MkDocs converted" in r.message]
    converted, rendered, total = map(int, re.findall(r"\d+", reused))
    assert 0 < converted < total and rendered == total, reused
    shutil.rmtree(root / ".cache")
    cold = build(root, tmp_path / "cold", site_env)
    files = sorted(p.relative_to(cold) for p in cold.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(warm) for p in warm.rglob("*") if p.is_file())
    assert [f for f in files if (warm / f).read_bytes() != (cold / f).read_bytes()] == []
    assert 'data-md-color-primary="teal"' in (warm / "assemblies/2026-06-18-cooler-streets/index.html").read_text()


def test_a_build_that_changed_nothing_keeps_the_whole_cache(tmp_path, site_env):
    """Pages reused whole still keep the table rows they were made from, so the next
    edit redoes only its own record's rows: a second build with no change neither makes
    nor prunes anything in .cache."""
    root = copy_project(tmp_path)
    cache = root / ".cache/plugin/folkmoot"

    def kept() -> dict[str, int]:
        return {p.name: p.stat().st_ino for p in cache.glob("*/*")}

    build(root, tmp_path / "first", site_env)
    first = kept()
    build(root, tmp_path / "second", site_env)
    assert kept() == first


def test_evidence_documents_are_dated_by_their_record_not_by_the_build(tmp_path, site_env):
    """CI builds every push at that commit's time: an unchanged record's documents keep
    their bytes (and the cache's file), dated by the last day the record tells of."""
    import datetime as dt

    from docx import Document as WordDocument

    from folkmoot.records.project import load_project

    root = copy_project(tmp_path)
    first = build(root, tmp_path / "first", site_env)
    later = build(root, tmp_path / "later", {"SOURCE_DATE_EPOCH": str(int(site_env["SOURCE_DATE_EPOCH"]) + 5 * 86400)})
    docs = sorted(p.relative_to(first) for p in first.rglob("evidence-*/*.docx"))
    assert len(docs) >= 2
    for doc in docs:
        assert (first / doc).stat().st_ino == (later / doc).stat().st_ino, doc
        assert (first / doc.with_suffix(".odt")).read_bytes() == (later / doc.with_suffix(".odt")).read_bytes()
    project, _ = load_project(root)
    assembly = next(a for a in project.assemblies if a.slug == "2025-11-13-flooding")
    [flood] = (first / "assemblies/2025-11-13-flooding/evidence-1").glob("*.docx")
    flood = WordDocument(str(flood)).core_properties
    assert flood.created.date() == flood.modified.date() == assembly.latest_date > dt.date(2025, 11, 13)


def test_a_fresh_checkout_reuses_the_cache_of_the_last_build(tmp_path, site_env, caplog):
    """CI checks out every file anew, with new times. Templates and theme overrides that
    say the same as before (like the README a new site's templates/ folder has) must not
    make every page again: a build after only new file times makes nothing."""
    import logging

    root = copy_project(tmp_path)
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates/README.md").write_text("Templates placed here replace folkmoot's own.\n")
    (root / "overrides").mkdir()
    (root / "overrides/main.html").write_text('{% extends "base.html" %}\n')
    settings = root / "mkdocs.yml"
    settings.write_text(settings.read_text().replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1))
    build(root, tmp_path / "first", site_env)
    for path in [*(root / "templates").iterdir(), *(root / "overrides").iterdir()]:
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 3_600_000_000_000))
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.folkmoot")
    build(root, tmp_path / "second", site_env)
    said = " ".join(r.message for r in caplog.records)
    assert " 0 photos, cards, documents and pages made" in said, said
    converted, rendered, total = map(int, re.search(r"converted (\d+) and rendered (\d+) of (\d+)", said).groups())
    assert converted == rendered == 0 < total


def test_every_head_title_is_the_pages_own_title_escaped_once(example_site):
    """Issue 31, item 4: og:title and twitter:title say what <title> says (the part before the
    site's name), read as a browser reads them: no `&amp;#x27;` or `&#58;` left showing."""
    checked = 0
    for path in sorted(example_site.rglob("*.html")):
        page = soup(path)
        og = page.find("meta", attrs={"property": "og:title"})
        if og is None or page.title is None:
            continue
        shown, own = og["content"], page.title.get_text()
        assert "&" not in shown.replace(" & ", ""), (path, shown)  # an entity read as text: escaped twice
        assert page.find("meta", attrs={"name": "twitter:title"})["content"] == shown
        image = page.find("meta", attrs={"property": "og:image"})
        if image is not None and image["content"].rsplit("/", 1)[-1] in ("card.png", "card.jpg"):
            continue  # shared with its card, whose title says what the card shows
        # the page's own title, or the site's name on the home page
        assert shown in (own.split(" - ")[0], own), (path, shown, own)
        checked += 1
    assert checked > 30


def test_an_answer_and_what_follows_it_are_separate_sentences(example_site):
    """Issue 34, item 2: "after 14 days They promised", "Read it The assembly's verdict"."""
    import re

    checked = 0
    for path in sorted(example_site.rglob("index.html")):
        text = " ".join(soup(path).get_text(" ").split())
        for follows in ("They promised", "The assembly's verdict"):
            for m in re.finditer(re.escape(follows), text):
                before = text[:m.start()].rstrip()
                assert before[-1:] in ".!?:", (path, text[max(0, m.start() - 60):m.end()])
                checked += 1
    assert checked >= 5


def test_a_digest_copies_with_its_line_breaks_and_shows_its_quotes(example_site):
    """Issue 34, item 4: the plain text pasted as one paragraph; the email file showed "â€œ"
    for quotes; its preview had no title or language."""
    month = sorted((example_site / "digest").glob("20*/"))[-1]
    page = soup(month / "index.html")
    text = page.find("textarea", id="fm-digest-text").get_text()
    assert text == (month / "email.txt").read_text(encoding="utf-8") and "\n\n" in text
    assert page.find("textarea", id="fm-digest-html").get_text().count("\n") > 5
    assert (month / "email.html").read_bytes().startswith(b'<meta charset="utf-8">')
    frame = page.find("iframe", class_="fm-digest-preview")
    preview = soup(month / frame["src"])
    assert preview.html["lang"] == "en" and preview.title.get_text() and preview.find("meta", charset="utf-8")


def test_reports_and_digests_are_found_from_the_home_page_and_no_empty_month_heads_the_list(example_site):
    """Issue 34, item 7."""
    links = {a["href"] for a in soup(example_site / "index.html").select("article a")}
    assert "reports/" in links and "digest/" in links
    for month in (example_site / "digest").glob("20*/index.html"):
        assert "Nothing new" not in soup(month).get_text(), month


def test_the_data_page_shows_quoted_names_as_code_not_backticks(example_site):
    """Issue 34, item 12."""
    page = soup(example_site / "data/index.html")
    meanings = [row.find_all("td")[1] for row in page.select("table.fm-table tbody tr") if len(row.find_all("td")) == 2
                and row.find("code")]
    assert meanings and not any("`" in cell.get_text() for cell in meanings)
    assert any(cell.find("code") for cell in meanings)


def test_a_question_title_is_not_followed_by_a_colon_or_comma(example_site):
    """Issue 34, item 6: "schemes?: Shared", "schemes?, 313 days overdue"."""
    import re

    pages = [p for p in example_site.rglob("*.html") if "guides" not in p.parts]
    found = [(p, m.group()) for p in pages for m in re.finditer(r".{20}[?!][:,]\s.{10}", soup(p).get_text(" "))]
    assert not found, found[:5]
    home = soup(example_site / "index.html").get_text(" ")
    assert "schemes?" in " ".join(home.split())
