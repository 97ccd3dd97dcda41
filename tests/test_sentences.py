"""Issue 24: every sentence folkmoot writes is one translated message, read back in its
real place (a page, a feed, a letter, an evidence document) in Welsh and in French."""

from __future__ import annotations

import datetime as dt
import re

import docx
import feedparser
import pytest

from folkmoot.outputs.templates import AFTER_QUESTION
from conftest import ROOT, build, copy_project, in_language, soup
from folkmoot.documents import evidence
from folkmoot.records.model import Evidence
from folkmoot.records.project import load_project
from folkmoot.text.i18n import language

COUNCIL, MP = "Northfield Borough Council", "Member of Parliament for Northfield"
FLOOD = "assemblies/2025-11-13-flooding/index.html"


@pytest.fixture(scope="module", params=["cy", "fr"])
def built(request, tmp_path_factory, site_env):
    root = in_language(copy_project(tmp_path_factory.mktemp(request.param)), request.param)
    return language(request.param), build(root, root / "site", site_env)


def text(element) -> str:
    return " ".join(element.get_text().split())


def plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def test_an_answer_is_one_sentence_in_the_sites_language(built):
    t, site = built
    answers = [text(e) for e in soup(site / FLOOD).select(".fm-answer")]
    short = lambda y, m, d: t.date(dt.date(y, m, d), "short")  # noqa: E731
    expected = [
        t._("%(body)s: not sent yet", body="Northfield Water"),
        t.ngettext("%(body)s: %(answer)s (late) on %(date)s, after %(num)s day",
                   "%(body)s: %(answer)s (late) on %(date)s, after %(num)s days", 49, body=COUNCIL,
                   answer=t._("Accepted"), date=short(2026, 1, 15)),
        t.ngettext("%(body)s: %(answer)s on %(date)s, after %(num)s day",
                   "%(body)s: %(answer)s on %(date)s, after %(num)s days", 91, body=COUNCIL, answer=t._("Rejected"),
                   date=short(2026, 2, 26)),
        t.ngettext("%(body)s: <strong>no answer, %(num)s day overdue</strong> (long overdue)",
                   "%(body)s: <strong>no answer, %(num)s days overdue</strong> (long overdue)", 301, body=MP),
    ]
    for sentence in expected:
        assert plain(sentence) in answers, (plain(sentence), answers)


def test_the_home_page_and_a_body_page_say_their_counts_in_whole_sentences(built):
    t, site = built
    waiting = [text(li) for li in soup(site / "index.html").select(".fm-waiting li")]
    # a question ends its own clause: the comma the message puts after the idea goes (issue 34)
    assert plain(AFTER_QUESTION.sub(r"\1\2", t.ngettext(
        "%(body)s: %(idea)s, <strong>%(num)s day overdue</strong> (asked %(date)s)",
        "%(body)s: %(idea)s, <strong>%(num)s days overdue</strong> (asked %(date)s)", 301, body=MP,
        idea="Why are tenants left out of flood resilience schemes?", date=t.date(dt.date(2025, 12, 3), "short")))) \
        in waiting
    body = text(soup(site / "responses/northfield-borough-council/index.html").select_one("article p"))
    assert t._("Ideas from our assemblies sent to %(name)s, and its answers, as of %(date)s.", name=COUNCIL,
               date=t.date(dt.date(2026, 11, 25), "long")) in body
    assert plain(t.ngettext("It has answered <strong>%(answered)s of the %(num)s idea</strong> sent to it, %(on_time)s "
                            "of them on time.", "It has answered <strong>%(answered)s of the %(num)s ideas</strong> sent "
                            "to it, %(on_time)s of them on time.", 5, answered=3, on_time=2)) in body
    assert t.ngettext("%(num)s is overdue.", "%(num)s are overdue.", 1) in body


def test_the_answers_feed_and_the_letter_quote_labels_as_the_site_shows_them(built):
    t, site = built
    titles = [e.title for e in feedparser.parse((site / "feeds/answers.xml").read_bytes()).entries]
    assert t._("%(body)s on \u201c%(idea)s\u201d: %(answer)s", body=COUNCIL, answer=t._("Accepted"),
               idea="Cool spaces in public buildings on heat alert days") in titles
    letter = docx.Document(str(site / "responses/northfield-borough-council/letter-to-northfield-borough-council.docx"))
    paragraphs = [p.text for p in letter.paragraphs]
    assert any(t._("\u201c%(idea)s\u201d, from the %(assembly)s. On %(date)s your answer was: \u201c%(answer)s\u201d. "
                   "Its progress is now: \u201c%(progress)s\u201d. We would welcome news of what has happened since.",
                   idea="Cool spaces in public buildings on heat alert days", assembly="People's Assembly on Heat and "
                   "Cooler Streets", date=t.date(dt.date(2026, 7, 14), "long"), answer=t._("Accepted"),
                   progress=t._("In progress")) in p for p in paragraphs), paragraphs


def test_an_evidence_document_tells_the_input_and_the_groups_in_whole_sentences(built):
    t, _ = built
    project, _ = load_project(ROOT)
    flood = next(a for a in project.assemblies if a.slug == "2025-11-13-flooding")
    document = evidence.for_entry(flood, Evidence(to="Pwyllgor Newid Hinsawdd", language=t.code), project.organisation,
                                  site=t)
    words = " ".join(p for s in document.sections for p in s.paragraphs)
    talk = flood.input[0]
    assert t._("There was a talk on \u201c%(title)s\u201d by %(who)s.", title=talk.title,
               who=f"{talk.speaker}, {talk.role}") in words
    assert t.ngettext("They met in %(num)s small group of %(least)s to %(most)s people.",
                      "They met in %(num)s small groups, of %(least)s to %(most)s people each.", 6, least=6, most=8) in words
    assert t.ngettext("%(num)s person took part.", "%(num)s people took part.", flood.attendance) in words


def test_french_sets_off_colons_writes_times_and_starts_lines_with_a_capital(built):
    """Issue 34, languages: a colon after translated words had no no-break space, times read
    "18:30-20:30", a date starting a line was lower-case, promises used the short date."""
    lang, site = built
    recap = soup(site / FLOOD)
    when = recap.select_one(".fm-meta__when").get_text()  # as written: no-break spaces kept
    poster = soup(site / "assemblies/2027-03-11-warm-homes/poster.html").get_text()
    if lang.primary == "fr":
        assert when.startswith("Jeudi 13 novembre 2025") and "18\u00a0h\u00a030\u00a0\u2013 20\u00a0h\u00a030" in when
        assert "Accessibilité\u00a0:" in poster
        page = recap.get_text()
        assert "jours\u00a0:" in page and not re.search(r"jours?:", page)  # "après 49 jours : ..." 
    else:
        assert when.startswith("Dydd Iau, 13 Tachwedd 2025") and "18:30\u201320:30" in when
    promises = " ".join(text(p) for p in recap.select(".fm-promise"))
    kept_on = dt.date(2026, 4, 9)  # the council's promise on the flood map, kept that day
    assert lang.date(kept_on, "long") in promises and lang.date(kept_on, "short") not in promises, promises
