"""Evidence documents read back with python-docx and odfpy, as a clerk's software would."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile

import docx
import pytest
from odf import teletype
from odf.namespaces import TEXTNS
from odf.opendocument import load as load_odt
from odf.text import H, List, P

from conftest import ROOT, copy_project, run_check, soup, write_record
from folkmoot.cli import main

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def flood_files(tmp_path_factory):
    out = tmp_path_factory.mktemp("evidence")
    assert main(["--root", str(ROOT), "evidence", "2025-11-13-flooding", "--out", str(out)]) == 0
    [docx_path] = out.glob("*.docx")
    [odt_path] = out.glob("*.odt")
    return docx_path, odt_path


def numbering(paragraph) -> str | None:
    num = paragraph._p.find(f"{W}pPr/{W}numPr/{W}numId")
    return None if num is None else num.get(f"{W}val")


def test_docx_structure_follows_committee_guidance(flood_files):
    d = docx.Document(str(flood_files[0]))
    paras = [p for p in d.paragraphs if p.text.strip()]
    assert paras[0].style.name == "Heading 1"
    assert paras[0].text == "Written evidence submitted by Northfield Climate Centre"
    headings = [p.text for p in paras if p.style.name.startswith("Heading")]
    assert headings[1] == "Summary"
    assert headings[2:] == ["About Northfield Climate Centre", "How the assembly worked", "What residents told us",
                            "Recommendations"]
    # the summary comes first, in bullets
    start = next(i for i, p in enumerate(paras) if p.text == "Summary")
    after = next(i for i, p in enumerate(paras) if p.text == headings[2])
    bullets = paras[start + 1:after]
    assert len(bullets) >= 3 and all(p.style.name == "List Bullet" for p in bullets)
    # every body paragraph after the summary carries Word's own numbering, one continuous list
    body = [p for p in paras[after:] if not p.style.name.startswith("Heading")]
    assert len(body) >= 10
    assert {numbering(p) for p in body} == {"90"}
    assert not any(re.match(r"^\d+[.)]\s", p.text) for p in body), "numbers must not be typed"
    numbering_xml = d.part.numbering_part.element
    [abstract] = [a for a in numbering_xml.findall(f"{W}abstractNum") if a.get(f"{W}abstractNumId") == "90"]
    assert abstract.find(f"{W}lvl/{W}numFmt").get(f"{W}val") == "decimal"
    # recommendations: the selected outcomes, with who they are directed to
    recs = paras[next(i for i, p in enumerate(paras) if p.text == "Recommendations") + 1:]
    assert len(recs) == 3
    assert all("This is directed to" in p.text for p in recs)


def test_docx_words_properties_and_no_macros(flood_files):
    path = flood_files[0]
    d = docx.Document(str(path))
    words = sum(len(p.text.split()) for p in d.paragraphs)
    assert 300 < words <= 3000
    props = d.core_properties
    assert props.title == "Written evidence submitted by Northfield Climate Centre"
    assert props.author == "Northfield Climate Centre"
    assert props.language == "en-GB"
    assert path.stat().st_size < 25_000_000
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        for name in names:  # every part is well-formed XML, as Word insists
            if name.endswith((".xml", ".rels")):
                ET.fromstring(z.read(name))
        assert not any("vba" in n.lower() for n in names)
        assert "macroEnabled" not in z.read("[Content_Types].xml").decode()
        assert 'w:val="en-GB"' in z.read("word/styles.xml").decode()


def test_documents_are_the_zip_files_zipfile_itself_writes(flood_files):
    """Word and ODF files are zipped by folkmoot (so a template's big parts are compressed
    once): every entry reads back intact, and the bytes are those Python's zipfile writes."""
    import datetime as dt
    import io

    from folkmoot.documents.office import _stable_zip

    for path in flood_files:
        with zipfile.ZipFile(path) as z:
            assert z.testzip() is None
            entries = [(i.filename, z.read(i)) for i in z.infolist()]
            when = z.infolist()[0].date_time
        reference = io.BytesIO()
        with zipfile.ZipFile(reference, "w") as ref:
            for name, data in entries:
                info = zipfile.ZipInfo(name, date_time=when)
                info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
                info._compresslevel = 1
                info.external_attr = 0o644 << 16
                ref.writestr(info, data)
        assert _stable_zip(entries, dt.datetime(*when), sort=False) == reference.getvalue() == path.read_bytes()


def test_odt_structure(flood_files):
    odt = load_odt(str(flood_files[1]))
    headings = odt.text.getElementsByType(H)
    assert headings[0].getAttrNS(TEXTNS, "outline-level") == "1"
    assert teletype.extractText(headings[0]) == "Written evidence submitted by Northfield Climate Centre"
    assert [teletype.extractText(h) for h in headings[1:3]] == ["Summary", "About Northfield Climate Centre"]
    lists = odt.text.getElementsByType(List)
    assert lists[0].getAttrNS(TEXTNS, "style-name") == "SummaryBullets"
    assert all(lst.getAttrNS(TEXTNS, "style-name") == "NumberedParagraphs" for lst in lists[1:])
    assert all(lst.getAttrNS(TEXTNS, "continue-numbering") == "true" for lst in lists[2:])
    text = " ".join(teletype.extractText(p) for p in odt.text.getElementsByType(P))
    assert "Map the streets" in text or "map" in text.lower()
    meta = odt.meta
    assert "Northfield Climate Centre" in teletype.extractText(meta)
    assert "en-GB" in teletype.extractText(meta)
    with zipfile.ZipFile(flood_files[1]) as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype") == b"application/vnd.oasis.opendocument.text"


def test_theme_submission_combines_assemblies(tmp_path):
    assert main(["--root", str(ROOT), "evidence", "--theme", "climate adaptation", "--to",
                 "House of Commons Environmental Audit Committee", "--inquiry", "Local resilience",
                 "--out", str(tmp_path)]) == 0
    [path] = tmp_path.glob("theme-climate-adaptation-*.docx")
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "People's Assembly on Flooding, 13 November 2025" in text
    assert "People's Assembly on Heat and Cooler Streets, 18 June 2026" in text
    assert "Local resilience" in text


def test_check_warns_when_evidence_would_run_over(project, capsys):
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text())
    write_record(project, "2025-01-10-floods", """
        title: People's Assembly on Floods
        date: 2025-01-10
        integration:
          - point: Map where the water collects on every street of the town
            support: strong
        outcomes:
          - id: map
            title: Make a flood map
            detail: A long explanation of why a community flood map would help everyone prepare for storms.
        evidence:
          - to: House of Commons Environmental Audit Committee
            word_limit: 150
    """)
    status, lines = run_check(project, capsys)
    assert status == 0
    [warning] = [ln for ln in lines if ": warning:" in ln]
    assert warning.startswith("assemblies/2025-01-10-floods/assembly.yml:11: warning: The evidence for House of Commons")
    assert re.search(r"would be \d+ words, \d+ over its limit of 150", warning)
    # the record is unchanged: its word count is kept, and the warning is the same
    assert run_check(project, capsys) == (status, lines)
    # another organisation's name changes every submission: counted again
    settings = project / "mkdocs.yml"
    settings.write_text(settings.read_text().replace("name: Northfield Climate Centre", "name: " + "Very Long Name " * 20, 1))
    [again] = [ln for ln in run_check(project, capsys)[1] if ": warning:" in ln]
    assert int(re.search(r"would be (\d+) words", again).group(1)) > int(re.search(r"would be (\d+) words", warning).group(1))


def test_site_links_the_files_and_a_printable_page(example_site):
    recap = soup(example_site / "assemblies/2025-11-13-flooding/index.html")
    links = {a.get_text(): a["href"] for a in recap.select(".fm-evidence a")}
    for label in ("Word (.docx)", "OpenDocument (.odt)"):
        assert (example_site / "assemblies/2025-11-13-flooding" / links[label]).is_file()
    page = soup(example_site / "assemblies/2025-11-13-flooding" / links["Read the submission"] / "index.html")
    assert page.h1.get_text(strip=True).startswith("Written evidence submitted by Northfield Climate Centre")
    lists = page.select("ol.fm-numbered")
    starts = [int(ol["start"]) for ol in lists]
    sizes = [len(ol.select("li")) for ol in lists]
    assert starts == [1] + [1 + sum(sizes[:i]) for i in range(1, len(sizes))]
    d = docx.Document(str(example_site / "assemblies/2025-11-13-flooding" / links["Read the submission"] /
                          links["Word (.docx)"].split("/")[-1]))
    assert sum(sizes) == sum(1 for p in d.paragraphs if numbering(p) == "90")


def test_organisation_word_template_is_used(tmp_path, site_env):
    root = copy_project(tmp_path)
    (root / "templates").mkdir(exist_ok=True)
    template = docx.Document()
    template.styles["Normal"].font.name = "Arial"
    template.add_paragraph("Letterhead text that must not be copied")
    template.save(str(root / "templates/evidence.docx"))
    assert main(["--root", str(root), "evidence", "2025-11-13-flooding", "--out", str(tmp_path / "out")]) == 0
    [path] = (tmp_path / "out").glob("*.docx")
    d = docx.Document(str(path))
    assert d.styles["Normal"].font.name == "Arial"
    assert "Letterhead text" not in "\n".join(p.text for p in d.paragraphs)
    assert d.paragraphs[0].text.startswith("Written evidence submitted by")


def test_a_volunteers_edited_document_is_never_overwritten_without_force(tmp_path, capsys, monkeypatch):
    """Issue 23, item 7: `evidence` and `letter` wrote over edited .docx files without asking."""
    out = tmp_path / "out"
    args = ["--root", str(ROOT), "evidence", "2025-11-13-flooding", "--out", str(out)]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564800")
    assert main(args) == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564861")  # a minute later: documents are dated by their day
    assert main(args) == 0  # the same document again: nothing to lose
    [docx] = sorted(out.glob("*.docx"))[:1]
    edited = docx.read_bytes() + b"edited by a volunteer"
    docx.write_bytes(edited)
    capsys.readouterr()
    assert main(args) == 1
    assert "differs from what folkmoot would write" in capsys.readouterr().err
    assert docx.read_bytes() == edited
    assert main([*args, "--force"]) == 0 and docx.read_bytes() != edited

    letters = tmp_path / "letters"
    letter = ["--root", str(ROOT), "letter", "Northfield Borough Council", "--out", str(letters)]
    assert main(letter) == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564900")
    assert main(letter) == 0  # the same letter later the same day
    [odt] = letters.glob("*.odt")
    odt.write_bytes(b"my own version")
    assert main(letter) == 1 and odt.read_bytes() == b"my own version"
    assert "--force" in capsys.readouterr().err
    assert main([*letter, "--force"]) == 0 and odt.read_bytes() != b"my own version"


@pytest.mark.parametrize("kind", ["dotx", "text"])
def test_a_word_template_that_is_not_a_docx_is_an_error_before_any_build(tmp_path, capsys, kind, site_env, monkeypatch):
    """Issue 23, item 10: a .dotx or any other file at templates/evidence.docx passed check and broke the build."""
    import io
    import zipfile

    import docx

    root = copy_project(tmp_path)
    target = root / "templates/evidence.docx"
    if kind == "dotx":
        made = io.BytesIO()
        docx.Document().save(made)
        out = io.BytesIO()
        with zipfile.ZipFile(made) as src, zipfile.ZipFile(out, "w") as dst:
            for item in src.infolist():
                data = src.read(item)
                if item.filename == "[Content_Types].xml":
                    data = data.replace(b"document.main+xml", b"template.main+xml")
                dst.writestr(item, data)
        target.write_bytes(out.getvalue())
    else:
        target.write_text("not a Word file at all")
    status, lines = run_check(root, capsys)
    assert status == 1
    assert lines[0].startswith("templates/evidence.docx: error: This file is " +
                               ("a Word template (.dotx)" if kind == "dotx" else "not a Word document"))
    for key, value in site_env.items():
        monkeypatch.setenv(key, value)
    assert main(["--root", str(root), "build"]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_word_files_are_laid_out_on_a4(example_site):
    """Issue 34, item 5: with no page size LibreOffice laid them out as US Letter."""
    from docx import Document

    files = sorted(example_site.rglob("*.docx"))
    assert len(files) >= 4  # evidence, letters and reports
    for path in files:
        section = Document(str(path)).sections[0]
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297), path
        assert round(section.left_margin.mm) == 25


def test_a_progress_reports_numbered_paragraphs_start_again_in_each_section(example_site):
    """Issue 34, item 5: the report's lists ran 1-4, 5-9, 10-11 across sections (evidence
    numbers its paragraphs through, as committees ask; a report's sections stand alone)."""
    import odf.opendocument
    from odf.namespaces import TEXTNS
    from odf.text import List

    folder = example_site / "reports/2026-11-13"
    d = docx.Document(str(folder / "progress-report-2026-11-13.docx"))
    sections, current = [], None
    for p in d.paragraphs:
        if p.style.name.startswith("Heading 2"):
            current = []
            sections.append(current)
        elif current is not None and numbering(p):
            current.append(numbering(p))
    lists = [s for s in sections if s]
    assert len(lists) >= 3 and all(len(set(s)) == 1 for s in lists)
    assert len({s[0] for s in lists}) == len(lists)  # a numbering of its own per section ...
    nums = {n.get(f"{W}numId"): n for n in d.part.numbering_part.element.findall(f"{W}num")}
    for s in lists:  # ... of the same list style, started again at 1
        assert nums[s[0]].find(f"{W}abstractNumId").get(f"{W}val") == "90"
        assert nums[s[0]].find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val") == "1"
    odt = odf.opendocument.load(str(folder / "progress-report-2026-11-13.odt"))
    numbered = [lst for lst in odt.text.getElementsByType(List)
                if lst.getAttrNS(TEXTNS, "style-name") == "NumberedParagraphs"]
    assert len(numbered) >= 3 and all(lst.getAttrNS(TEXTNS, "continue-numbering") == "false" for lst in numbered)
