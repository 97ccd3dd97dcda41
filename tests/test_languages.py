"""A site in its readers' language: catalogues, Welsh and French builds, marked record text, documents."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

import docx
import pytest
from babel.dates import format_date

from conftest import ROOT, build, copy_project, in_language, run_check, soup, write_record
from folkmoot.text import catalogues
from folkmoot.text.i18n import available, language
from folkmoot.cli import main

TEMPLATES = sorted((ROOT / "generator/folkmoot/templates").glob("*.j2")) + sorted((ROOT / "generator/folkmoot/theme").rglob("*.html"))


@pytest.mark.parametrize("code", ["en", "cy", "fr"])
def test_each_shipped_catalogue_has_every_string_and_no_stale_one(code):
    assert code in available()
    assert catalogues.problems(code) == []


def test_the_catalogue_check_notices_a_missing_a_stale_and_a_broken_string(tmp_path, monkeypatch):
    from babel.messages.pofile import read_po, write_po

    source = ROOT / "generator/folkmoot/locale/fr/LC_MESSAGES/folkmoot.po"
    with source.open("rb") as f:
        catalog = read_po(f, locale="fr")
    del catalog["Outcomes tracker"]
    catalog.add("A string folkmoot no longer has", "Une chaîne disparue")
    catalog["Register for %(title)s"].string = "S'inscrire"
    copy = tmp_path / "fr/LC_MESSAGES/folkmoot.po"
    copy.parent.mkdir(parents=True)
    with copy.open("wb") as f:
        write_po(f, catalog)
    monkeypatch.setattr(catalogues, "catalogue_path", lambda code: tmp_path / code / "LC_MESSAGES/folkmoot.po")
    found = catalogues.problems("fr")
    assert "missing: 'Outcomes tracker'" in found
    assert "stale (no longer in folkmoot): 'A string folkmoot no longer has'" in found
    assert any(p.startswith("placeholders differ: 'Register for %(title)s'") for p in found)


def _changed_catalogue(tmp_path, monkeypatch, code: str, strings: dict):
    from babel.messages.pofile import read_po, write_po

    with (ROOT / f"generator/folkmoot/locale/{code}/LC_MESSAGES/folkmoot.po").open("rb") as f:
        catalog = read_po(f, locale=code)
    for key, text in strings.items():
        message = next(m for m in catalog if m.id and (m.id if isinstance(m.id, str) else m.id[0]) == key)
        message.string = tuple(text for _ in message.string) if isinstance(message.string, tuple) else text
    copy = tmp_path / code / "LC_MESSAGES/folkmoot.po"
    copy.parent.mkdir(parents=True)
    with copy.open("wb") as f:
        write_po(f, catalog)
    monkeypatch.setattr(catalogues, "catalogue_path", lambda c: tmp_path / c / "LC_MESSAGES/folkmoot.po")
    return catalogues.problems(code)


def test_the_catalogue_check_keeps_the_agreed_terms_and_each_languages_rules(tmp_path, monkeypatch):
    """Issue 34, languages: terms drifted between messages, French lost its no-break spaces and
    Welsh put "a" before a value that may start with a vowel."""
    found = _changed_catalogue(tmp_path, monkeypatch, "fr", {
        "You promised to act by %(date)s.": "Vous avez promis d'agir avant le %(date)s.",
        "Promise due": "Promesse en cours",
        "No themes yet: add <code>themes:</code> to an assembly record.":
            "Aucun thème pour le moment : ajoutez <code>themes:</code> au compte rendu d'une assemblée."})
    assert any(p.startswith("term: 'You promised to act by %(date)s.': \"by a date\" is \"au plus tard le\"")
               for p in found), found
    assert any(p.startswith("term: 'Promise due'") and "à tenir" in p for p in found), found
    assert any(p.startswith("no-break space: 'No themes yet") for p in found), found
    assert len(found) == 3, found  # `themes:` in code is a YAML key, not French punctuation
    found = _changed_catalogue(tmp_path / "cy", monkeypatch, "cy", {
        "What happened from %(start)s to %(end)s": "Beth ddigwyddodd rhwng %(start)s a %(end)s",
        "Answers and promises as of %(date)s.": "Ymatebion ac addewidion fel yr oeddent ar %(date)s."})
    assert sorted(p.split(":")[0] for p in found) == ["a/ac", "term"], found


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_templates_print_no_english_outside_the_catalogue(template):
    assert catalogues.words_outside_catalogue(template.read_text(encoding="utf-8")) == []


def test_the_template_check_finds_words_left_in_english():
    source = '<p class="x">{{ _("Fine") }}</p>\n<td data-label="{{ _(\'Date\') }}">Overdue by {{ n }}</td> {% trans %}ok{% endtrans %}'
    assert catalogues.words_outside_catalogue(source) == [(2, "Overdue by")]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_templates_give_translators_whole_sentences(template):
    """Issue 24: a label, a date and a translated phrase joined with ", " and " (late)"
    cannot be reordered or agreed by a translator."""
    assert catalogues.pieced_sentences(template.read_text(encoding="utf-8")) == []


def test_the_sentence_check_finds_pieces_joined_and_labels_lower_cased():
    source = ('<p>{{ _("Whole sentence.") }} {{ _("Another one.") }}</p>\n'
              '<p><strong>{{ _("Answered") }}</strong>{% if late %} {{ _("(late)") }}{% endif %}, '
              '{{ when|short_date }}, {{ ngettext("after %(num)s day", "after %(num)s days", n) }}</p>\n'
              '<p>{{ _("Progress")|lower }}</p>')
    assert [line for line, _ in catalogues.pieced_sentences(source)] == [2, 3]


def test_welsh_has_cldr_s_six_plural_forms_and_the_check_says_when_a_catalogue_differs(tmp_path, monkeypatch):
    welsh = language("cy")
    forms = [welsh.ngettext("%(num)s day overdue", "%(num)s days overdue", n) for n in (0, 1, 2, 3, 6, 7)]
    assert forms[0] != forms[1] and forms[0].startswith("0")
    source = ROOT / "generator/folkmoot/locale/cy/LC_MESSAGES/folkmoot.po"
    copy = tmp_path / "cy/LC_MESSAGES/folkmoot.po"
    copy.parent.mkdir(parents=True)
    copy.write_text(source.read_text(encoding="utf-8").replace("nplurals=6;", "nplurals=5;"), encoding="utf-8")
    monkeypatch.setattr(catalogues, "catalogue_path", lambda code: tmp_path / code / "LC_MESSAGES/folkmoot.po")
    assert catalogues.problems("cy")[0].startswith("plural forms: the catalogue has 5, CLDR's rules for cy have 6")


def test_dates_in_sentences_have_no_weekday_and_french_says_1er():
    first = dt.date(2025, 11, 1)
    assert language("fr").date(first, "long") == "1er novembre 2025"
    assert language("fr").date(first, "full") == "samedi 1er novembre 2025"
    assert language("fr").date(dt.date(2025, 11, 2), "long") == "2 novembre 2025"
    assert language("cy").date(first, "long") == "1 Tachwedd 2025"


def test_language_formats_dates_numbers_and_lists_its_own_way():
    day = dt.date(2026, 11, 25)
    assert language("en").date(day, "full") == "Wednesday, 25 November 2026"
    assert language("cy").date(day, "full") == "Dydd Mercher, 25 Tachwedd 2026"
    assert language("fr").date(day, "long") == "25 novembre 2026"
    assert language("fr").number(12345) == "12\u202f345"
    assert language("fr").list(["a", "b", "c"]) == "a, b et c"
    assert language("fr").tag == "fr-FR" and language("cy").tag == "cy-GB" and language("en").tag == "en-GB"
    # Welsh has a form for two, for three and for six; each comes from the catalogue
    welsh = language("cy")
    forms = {n: welsh.ngettext("%(num)s day overdue", "%(num)s days overdue", n) for n in (1, 2, 3, 6, 7)}
    assert len(set(forms.values())) >= 4 and all(str(n) in text for n, text in forms.items())


def _visible_text_outside(page, code: str) -> list[str]:
    """Text nodes of the article that are not inside an element marked with another language."""
    article = page.select_one("article.md-content__inner")
    found = []
    for node in article.find_all(string=True):
        if node.parent.name in ("script", "style"):
            continue
        marked = node.find_parent(attrs={"lang": True})
        if marked is not None and not marked["lang"].startswith(code):
            continue
        if node.strip():
            found.append(node.strip())
    return found


ENGLISH_ONLY = re.compile(r"[A-Za-z]{4,}")


def test_example_site_in_welsh_says_its_own_words_in_welsh_and_marks_the_records_english(welsh_site):
    cy = language("cy")
    recap = soup(welsh_site / "assemblies/2025-11-13-flooding/index.html")
    assert recap.html["lang"] == "cy"
    headings = [h.get_text(strip=True).rstrip("¶") for h in recap.select("article h2")]
    assert cy._("Deliberation: what the groups said") in headings and "Outcomes" not in headings
    assert format_date(dt.date(2025, 11, 13), "full", locale="cy") in recap.get_text()
    assert recap.select_one("h1 span")["lang"] == "en-GB"  # the record's title, in its language
    assert recap.select_one(".fm-summary")["lang"] == "en-GB"
    # Every English phrase from the catalogue that Welsh says differently is absent from
    # the Welsh pages' own words (text not marked as the records' English).
    english = {m.id for m in catalogues.read("en") if isinstance(m.id, str) and m.id}
    phrases = [p for m in english if cy.translations.gettext(m) != m for p in re.split(r"%\(\w+\)s|<[^>]+>|\{\w+\}", m)
               if len(p.strip()) >= 12 and " " in p.strip()]
    for page in ("index.html", "assemblies/index.html", "assemblies/2025-11-13-flooding/index.html",
                 "assemblies/2027-03-11-warm-homes/index.html", "outcomes/index.html", "themes/flooding/index.html",
                 "responses/index.html", "responses/northfield-borough-council/index.html", "data/index.html"):
        own_words = " ".join(_visible_text_outside(soup(welsh_site / page), "cy"))
        leaked = [p for p in phrases if p.strip() in own_words]
        assert not leaked, f"{page}: English left in a Welsh page: {leaked[:5]}"
    # the navigation takes the pages' Welsh titles
    home = soup(welsh_site / "index.html")
    nav = [a.get_text(" ", strip=True) for a in home.select("nav.md-nav--primary > ul > li > a")]
    assert cy._("Outcomes") in nav and cy._("Who answered") in nav and nav[0] == "Hafan"


def test_welsh_feeds_calendar_and_data_keep_iso_dates_and_say_their_language(welsh_site):
    import xml.etree.ElementTree as ET

    import icalendar

    feed = ET.parse(welsh_site / "feeds/assemblies.xml").getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "cy"
    entries = list(feed.iter("{http://www.w3.org/2005/Atom}entry"))
    assert {e.get("{http://www.w3.org/XML/1998/namespace}lang") for e in entries} == {"en-GB"}
    assert "13 Tachwedd 2025" in (welsh_site / "feeds/assemblies.xml").read_text()
    event = icalendar.Calendar.from_ical((welsh_site / "calendar.ics").read_bytes()).walk("VEVENT")[0]
    assert event["SUMMARY"].params["LANGUAGE"] == "en-GB"
    assert "2025-11-13" in (welsh_site / "data/assemblies.csv").read_text()
    assert "Tachwedd" not in (welsh_site / "data/assemblies.csv").read_text()


def test_a_few_words_in_another_language_are_marked_without_html(welsh_site):
    upcoming = soup(welsh_site / "assemblies/2027-03-11-warm-homes/index.html")
    assert upcoming.select_one('.fm-summary span[lang="bn"]').get_text() == "সবাইকে স্বাগতম"
    assert upcoming.select_one('.fm-summary span[lang="cy"]').get_text() == "croeso i bawb"
    assert "{lang=" not in upcoming.get_text() and "{lang=" not in (welsh_site / "calendar.ics").read_text()


def _french_project(tmp_path: Path) -> Path:
    root = in_language(copy_project(tmp_path), "fr")
    record = root / "assemblies/2025-11-13-flooding/assembly.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("\nevidence:\n", textwrap.dedent("""
        evidence:
          - to: Conseil départemental
            inquiry: Prévention des inondations
            outcomes: [street-flood-map]
        """).rstrip("\n") + "\n", 1), encoding="utf-8")
    return root


def test_french_evidence_document_has_french_words_dates_and_language(tmp_path, capsys):
    root = _french_project(tmp_path)
    assert main(["--root", str(root), "evidence", "2025-11-13-flooding", "--out", str(tmp_path / "out")]) == 0
    fr = language("fr")
    files = sorted((tmp_path / "out").glob("*.docx"))
    french = next(f for f in files if "conseil" in f.name)
    document = docx.Document(str(french))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == fr._("Written evidence submitted by %(org)s", org="Northfield Climate Centre")
    assert texts[2] == fr._("Summary") != "Summary"
    assert fr._("How the assembly worked") in texts and fr._("Recommendations") in texts
    assert any("13 novembre 2025" in t for t in texts)
    assert document.core_properties.language == "fr-FR"
    lang = document.styles.element.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lang")
    assert lang.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == "fr-FR"
    # A Commons committee takes evidence in English only, even from a French site
    commons = docx.Document(str(next(f for f in files if "commons" in f.name)))
    assert commons.paragraphs[0].text.startswith("Written evidence submitted by")
    assert commons.core_properties.language == "en-GB"


def test_evidence_entry_may_choose_its_language_and_check_validates_it(tmp_path, capsys, site_env):
    root = copy_project(tmp_path, with_assemblies=False)
    write_record(root, "2025-05-01-gwres", textwrap.dedent("""\
        title: Cynulliad y Bobl ar Wres
        date: 2025-05-01
        language: cy
        evidence:
          - to: Pwyllgor Newid Hinsawdd y Senedd
            language: Cymraeg
    """))
    status, lines = run_check(root, capsys)
    assert lines[0].startswith("assemblies/2025-05-01-gwres/assembly.yml:6: error: `language` is `Cymraeg`")
    path = root / "assemblies/2025-05-01-gwres/assembly.yml"
    path.write_text(path.read_text().replace("language: Cymraeg", "language: cy"))
    site = build(root, root / "site", site_env)
    page = soup(site / "assemblies/2025-05-01-gwres/evidence-1/index.html")
    assert page.select_one("article.md-content__inner")["lang"] == "cy-GB"  # the whole document is Welsh
    assert page.select_one(".fm-actions")["lang"] == "en"  # the page's own buttons are the site's English
    assert page.h1.get_text(strip=True).rstrip("¶") == language("cy")._("Written evidence submitted by %(org)s",
                                                                         org="Northfield Climate Centre")


def test_a_site_language_without_a_catalogue_is_said_and_still_builds(tmp_path, capsys, site_env):
    root = in_language(copy_project(tmp_path), "de")
    status, lines = run_check(root, capsys)
    assert status == 0
    warning = next(line for line in lines if line.startswith("mkdocs.yml:"))
    assert "no translation into `de`" in warning and "cy, en, fr" in warning
    site = build(root, root / "site", site_env)
    recap = soup(site / "assemblies/2025-11-13-flooding/index.html")
    assert "Donnerstag, 13. November 2025" in recap.get_text()  # German dates, English words
    assert recap.select_one("h1 span")["lang"] == "en-GB"


def test_right_to_left_words_are_marked_rtl_wherever_they_appear(tmp_path, site_env):
    """Issue 23, item 17: `language: ar` got lang but never dir="rtl"."""
    from conftest import build, copy_project, soup, write_record

    root = copy_project(tmp_path, with_assemblies=False)
    write_record(root, "2025-05-01-heat", """
        title: جمعية الحرارة
        date: 2025-05-01
        language: ar
        summary: ناقشنا الحرارة في الشوارع.
    """)
    write_record(root, "2025-05-02-words", """
        title: Words in several languages
        date: 2025-05-02
        summary: We opened with [مرحبا بالجميع]{lang=ar} and [croeso i bawb]{lang=cy}.
    """)
    site = build(root, root / "site", site_env)
    recap = soup(site / "assemblies/2025-05-01-heat/index.html")
    marked = recap.select('[lang="ar"]')
    assert marked and all(element.get("dir") == "rtl" for element in marked)
    words = soup(site / "assemblies/2025-05-02-words/index.html")
    assert words.select_one('span[lang="ar"]')["dir"] == "rtl"
    assert words.select_one('span[lang="cy"]').get("dir") is None
