"""Details a reader trips on, found by reading the site built under a GitHub Pages
sub-path (issue 24): each checked on a real build."""

from __future__ import annotations

import icalendar
import pytest

from conftest import build, copy_project, soup

SITE = "https://northfieldclimate.example/assemblies-site/"


@pytest.fixture(scope="module")
def site(tmp_path_factory, site_env):
    """The example, with the organisation's own website elsewhere than the site."""
    root = copy_project(tmp_path_factory.mktemp("details"))
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("        url: https://northfieldclimate.example/assemblies-site/",
                                                 "        url: https://example.org/"))
    return build(root, root / "site", site_env)


def test_calendar_events_link_to_the_site_not_the_organisations_website(site):
    for path in (site / "calendar.ics", site / "assemblies/2027-03-11-warm-homes/2027-03-11-warm-homes.ics"):
        [event] = [c for c in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")]
        assert str(event["url"]) == f"{SITE}assemblies/2027-03-11-warm-homes/"
        assert str(event["uid"]) == "2027-03-11-warm-homes@northfieldclimate.example"


def test_a_guide_says_its_own_address_and_a_page_without_a_card_its_own_title(site):
    head = soup(site / "guides/three-stages/index.html")
    assert head.select_one('meta[property="og:url"]')["content"] == f"{SITE}guides/three-stages/"
    assert head.select_one('meta[property="og:title"]')["content"] == "How an assembly works: the three stages"
    assert soup(site / "index.html").select_one('meta[property="og:url"]')["content"] == SITE


def test_the_data_page_prints_every_column_meaning_as_text(site):
    page = soup(site / "data/index.html")
    meaning = next(td for td in page.select("td") if "identifier" in td.get_text())
    assert meaning.get_text() == "The assembly's identifier; its page's address is /assemblies/ followed by it."
    assert not page.select("slug")
    assert "From Text/CSV" in page.get_text() and "UTF-8" in page.get_text()


def test_the_navigation_names_each_page_once_and_shows_where_a_recap_belongs(site):
    def nav(path):
        page = soup(site / path)
        links = page.select("nav.md-nav--primary > ul > li > a.md-nav__link")
        return [" ".join(a.get_text().split()) for a in links], \
            [" ".join(a.get_text().split()) for a in page.select("nav.md-nav--primary li.md-nav__item--active > a")]

    names, _ = nav("index.html")
    assert names[:4] == ["Home", "Assemblies", "Outcomes", "Who answered"]
    assert "Northfield People's Assemblies" not in names
    assert nav("assemblies/2025-11-13-flooding/index.html")[1] == ["Assemblies"]
    assert nav("responses/northfield-borough-council/index.html")[1] == ["Who answered"]
    assert nav("themes/flooding/index.html")[1] == ["Themes"]
    assert nav("outcomes/index.html")[1] == ["Outcomes"]
    assert soup(site / "index.html").title.get_text() == "Northfield People's Assemblies"


def test_who_was_asked_is_a_heading_not_an_aria_label(site):
    page = soup(site / "assemblies/2025-11-13-flooding/index.html")
    assert not page.select("ul.fm-answers[aria-label]")
    lists = page.select("ul.fm-answers")
    assert lists and all(ul.find_previous_sibling("h4").get_text() == "Who was asked, and their answer" for ul in lists)
    box = page.select_one("input.md-search__input")
    assert not box.has_attr("autocorrect")
    close = page.select_one("label.md-search__icon")
    assert not close.has_attr("aria-label") and close.get_text(" ", strip=True) == "Close search"


def test_small_words_read_right_in_print_and_on_the_page(site):
    """Issue 34, items 10 and 12: a speaker's article mid-sentence, one welcome on the poster, an
    address that breaks only after a slash, British short months, a report's figure before."""
    import datetime as dt

    from folkmoot.text.i18n import language

    recap = " ".join(soup(site / "assemblies/2025-11-13-flooding/index.html").get_text().split())
    assert "Story by a resident of the Millbrook estate" in recap and "by A resident" not in recap
    poster = " ".join(soup(site / "assemblies/2027-03-11-warm-homes/poster.html").get_text().split())
    assert poster.count("Everyone is welcome") == 1  # the record's own summary says it already
    assert "Come and hear from people who know the subject" in poster
    printed = soup(site / "assemblies/2025-11-13-flooding/summary.html").select_one(".qr")
    assert [s.get_text() for s in printed.select(".fm-nowrap")] == ["assemblies-site", "2025-11-13-flooding"]
    assert " ".join(printed.get_text().split()).count(f"{SITE}assemblies/2025-11-13-flooding/") == 1
    assert language("en").date(dt.date(2026, 9, 3), "short") == "3 Sep 2026"
    assert language("en").date(dt.date(2026, 9, 3), "long") == "3 September 2026"
    report = " ".join(soup(site / "reports/2026-11-13/index.html").get_text().split())
    assert "3 answers had come, 2 of them on time (compared with 2 on 13 May 2026)." in report
