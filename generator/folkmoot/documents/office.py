"""Write an evidence Document as Word (.docx) and OpenDocument (.odt) files.

Both files use their format's own structure, not typed decoration: heading
styles (so Word's navigation pane and screen readers see the outline),
real bullet and numbered lists (numbering continuous through the document),
document properties, and the document's language (en-GB unless the
site or the entry says otherwise). Zip entries get a fixed timestamp so
the same records give byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from folkmoot.documents.evidence import Document, Section
from folkmoot.engine import work

NUM_ID = "90"  # our own numbering definition, continuous through the document
RESTARTS = 20  # numberings 91 to 110 start again at 1: one per section of a document whose sections restart


def _sorted_namespaces(xml: bytes) -> bytes:
    """odfpy declares namespaces in set order, which varies from run to run; sort them."""
    match = re.search(rb"<[\w:-]+(\s[^>]*?)\s*/?>", xml[xml.find(b"?>") + 2:] if xml.startswith(b"<?xml") else xml)
    if not match:
        return xml
    attrs = match.group(1)
    parts = re.findall(rb'\s+([\w:.-]+="[^"]*")', attrs)
    ordered = b" " + b" ".join(sorted(parts, key=lambda a: (not a.startswith(b"xmlns"), a)))
    return xml.replace(attrs, ordered, 1)


def _entries(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(info.filename, z.read(info.filename)) for info in z.infolist()]


def _stable_zip(entries: list[tuple[str, bytes]], when: dt.datetime, sort: bool = True) -> bytes:
    """A zip of `entries`, in order, each dated `when` and deflated, so the same input gives the same bytes.
    (An ODF `mimetype` entry, which must come first, is stored uncompressed as the format asks.)

    Written here rather than with `zipfile`, which cannot take data already compressed:
    a Word template's styles are 800 KB of XML that every document repeats, and
    deflating them for each one took three quarters of the time. The bytes are those
    `zipfile` writes (level 1, Unix attributes 0644)."""
    stamp = max(when.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    time = stamp[3] << 11 | stamp[4] << 5 | stamp[5] // 2
    date = (stamp[0] - 1980) << 9 | stamp[1] << 5 | stamp[2]
    out, central = bytearray(), bytearray()
    for name, content in entries:
        if sort and name.endswith(".xml"):
            content = _sorted_namespaces(content)
        method, crc, data = (0, zlib.crc32(content), content) if name == "mimetype" else (8, *_deflated(content))
        encoded = name.encode("utf-8")
        flags = 0 if encoded.isascii() else 0x800  # the name is UTF-8
        fields = (flags, method, time, date, crc, len(data), len(content), len(encoded))
        # made by version 2.0 on Unix (3), needs 2.0; no extra field, comment or disk number
        central += struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 3, 20, 0, *fields, 0, 0, 0, 0, 0o644 << 16,
                               len(out)) + encoded
        out += struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, *fields, 0) + encoded + data
    count = len(entries)
    return bytes(out + central + struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central), len(out), 0))


def _deflate(content: bytes) -> tuple[int, bytes]:
    """(CRC-32, raw deflate at level 1) of `content`."""
    compressor = zlib.compressobj(1, zlib.DEFLATED, -15)
    return zlib.crc32(content), compressor.compress(content) + compressor.flush()


_deflate_kept = functools.lru_cache(maxsize=32)(_deflate)  # a template's big parts: the same bytes in every file


def _deflated(content: bytes) -> tuple[int, bytes]:
    return _deflate_kept(content) if len(content) >= 32_768 else _deflate(content)


@dataclass(frozen=True)
class _Skeleton:
    """A Word template made ready once: every part as bytes, document.xml split
    around where the paragraphs go, and the ids of the styles we use."""

    entries: tuple[tuple[str, bytes], ...]
    head: bytes
    tail: bytes
    styles: dict


@functools.lru_cache(maxsize=8)
def _skeleton(base: str | None, mtime: float = 0, language: str = "en-GB") -> _Skeleton:
    """python-docx opens the template (folkmoot's own, or an organisation's
    templates/evidence.docx) once per process; every document is then written
    from these bytes, which is some fifteen times faster than opening it each time."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    d = docx.Document(base)
    if base is None:  # python-docx's own template is US Letter; UK bodies (and LibreOffice's layout) want A4
        from docx.shared import Mm

        for section in d.sections:
            section.page_width, section.page_height = Mm(210), Mm(297)
            section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Mm(25)
    for paragraph in list(d.paragraphs):  # keep the template's styles and headers, not its text
        paragraph._p.getparent().remove(paragraph._p)
    _add_numbering(d, parse_xml, nsdecls)
    # language for spelling and screen readers
    rpr = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = parse_xml(f"<w:lang {nsdecls('w')}/>")
        rpr.append(lang)
    lang.set(qn("w:val"), language)
    d.core_properties.title = ""  # makes sure the package has a core properties part
    styles = {name: _style_id(d, name) for name in ("Heading 1", "Heading 2", "List Bullet")}
    buf = io.BytesIO()
    d.save(buf)
    entries = tuple((name, _sorted_namespaces(data) if name.endswith(".xml") else data)
                    for name, data in _entries(buf.getvalue()))
    document = dict(entries)["word/document.xml"]
    at = document.index(b"<w:body>") + len(b"<w:body>")
    end = document.rfind(b"<w:sectPr")
    end = end if end >= at else document.index(b"</w:body>")  # the page settings: right after <w:body> when empty
    return _Skeleton(entries, document[:at], document[end:], styles)


def _run(text: str) -> str:
    """A run of text, with line breaks and tabs as Word writes them."""
    parts = []
    for i, line in enumerate(text.split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return f"<w:r>{''.join(parts)}</w:r>"


def _paragraph(text: str, style: str | None = None, numbered: bool = False, num_id: str = NUM_ID) -> str:
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if numbered:  # Word's own numbering (NUM_ID), continuous through the document; 8 pt after
        props += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr><w:spacing w:after="160"/>'
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{_run(text)}</w:p>"


def _core(doc: Document, when: dt.datetime) -> bytes:
    stamp = when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    author = escape(_property(doc.author))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(_property(doc.title))}</dc:title><dc:subject>{escape(_property(doc.addressed))}</dc:subject>"
        f"<dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy>"
        f"<dc:language>{escape(doc.language)}</dc:language><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>").encode("utf-8")


def to_docx(doc: Document, when: dt.datetime, base: Path | None = None) -> bytes:
    """`base`: an organisation's own .docx whose styles (fonts, letterhead) to use."""
    work.done("document")
    skeleton = _skeleton(str(base) if base else None, base.stat().st_mtime if base else 0, doc.language)
    ids = skeleton.styles
    body = [_paragraph(doc.title, ids["Heading 1"]), _paragraph(doc.first_line),
            _paragraph(doc.summary_heading, ids["Heading 2"])]
    body += [_paragraph(bullet, ids["List Bullet"]) for bullet in doc.summary]
    for i, section in enumerate(doc.sections):
        body.append(_paragraph(section.heading, ids["Heading 2"]))
        num_id = str(int(NUM_ID) + 1 + min(i, RESTARTS - 1)) if doc.restart_numbering else NUM_ID
        body += [_paragraph(text, numbered=True, num_id=num_id) for text in section.paragraphs]
    replaced = {"word/document.xml": skeleton.head + "".join(body).encode("utf-8") + skeleton.tail,
                "docProps/core.xml": _core(doc, when)}
    return _stable_zip([(name, replaced.get(name, data)) for name, data in skeleton.entries], when, sort=False)


def dated(day: dt.date) -> dt.datetime:
    """When a document says it was made: the start of `day` (the last day its record tells
    of; a letter, today), never after the build. The same records make the same file
    whenever they are made again, so a rerun changes nothing and writes over nothing."""
    from folkmoot.records.project import build_timestamp

    return min(build_timestamp(), dt.datetime.combine(day, dt.time(), dt.timezone.utc))


class WouldOverwrite(Exception):
    """A document folkmoot would write is there already, and differs: a volunteer may have edited it."""


def write_files(doc: Document, folder: Path, when: dt.datetime, base: Path | None = None,
                force: bool = False) -> Path:
    """`doc` as <folder>/<filename>.docx and .odt; returns the path without its suffix.

    A file already there that differs from what would be written (a volunteer's
    edited copy, most often) is never replaced unless `force`: nothing is written."""
    stem = folder / doc.filename
    made = {stem.with_name(f"{doc.filename}.docx"): to_docx(doc, when, base),
            stem.with_name(f"{doc.filename}.odt"): to_odt(doc, when)}
    edited = [path for path, data in made.items() if path.is_file() and path.read_bytes() != data]
    if edited and not force:
        raise WouldOverwrite(f"{edited[0]} is already there and differs from what folkmoot would write (it may "
                             "have been edited since); nothing was written. Move it elsewhere, write to another "
                             "folder with --out, or replace it with --force.")
    folder.mkdir(parents=True, exist_ok=True)
    for path, data in made.items():
        path.write_bytes(data)
    return stem


MAX_PROPERTY = 255  # Word's (and python-docx's) limit for a document property


def _property(value: str) -> str:
    """A document property from record text: one line, cut to Word's limit with an ellipsis."""
    value = " ".join(value.split())
    return value if len(value) <= MAX_PROPERTY else value[:MAX_PROPERTY - 1].rstrip() + "…"


def _style_id(d, name: str) -> str | None:
    """The id of the style called `name`, or None when a custom template lacks it."""
    try:
        return d.styles[name].style_id
    except KeyError:
        return None


def _add_numbering(d, parse_xml, nsdecls) -> None:
    numbering = d.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{NUM_ID}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>'
        '</w:abstractNum>')
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{NUM_ID}"><w:abstractNumId w:val="{NUM_ID}"/></w:num>'))
    for i in range(1, RESTARTS + 1):  # the same list, started again at 1
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{int(NUM_ID) + i}"><w:abstractNumId w:val="{NUM_ID}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))


MARK = "\ue000folkmoot\ue000"  # stands for each value in the skeleton; never in a record (private use)


@functools.lru_cache(maxsize=4)
def _odt_skeleton(language: str = "en-GB") -> tuple[tuple[tuple[str, bytes], ...], bytes, bytes]:
    """An OpenDocument file made once with odfpy, with every style in use and marks
    where the values go: (entries, content.xml before the text, after it)."""
    marked = Document(title=MARK, to=MARK, inquiry="", author=MARK, summary=[MARK],
                      sections=[Section(MARK, [MARK]), Section(MARK, [MARK])], language=language)
    entries = tuple((name, _sorted_namespaces(data) if name.endswith(".xml") else data)
                    for name, data in _entries(_odfpy(marked, "\ue001")))
    content = dict(entries)["content.xml"]
    start = content.index(b"<office:text>") + len(b"<office:text>")
    return entries, content[:start], content[content.index(b"</office:text>"):]


def _text(value: str) -> str:
    return escape(" ".join(value.split()))


def to_odt(doc: Document, when: dt.datetime) -> bytes:
    """The same document as OpenDocument, written from a skeleton odfpy made once
    (some ten times faster than building each one with odfpy)."""
    work.done("document")
    entries, head, tail = _odt_skeleton(doc.language)
    body = [f'<text:h text:outline-level="1" text:style-name="Heading_20_1">{_text(doc.title)}</text:h>',
            f'<text:p text:style-name="Standard">{_text(doc.first_line)}</text:p>',
            f'<text:h text:outline-level="2" text:style-name="Heading_20_2">{_text(doc.summary_heading)}</text:h>',
            '<text:list text:style-name="SummaryBullets">']
    body += [f'<text:list-item><text:p text:style-name="Standard">{_text(b)}</text:p></text:list-item>' for b in doc.summary]
    body.append("</text:list>")
    for i, section in enumerate(doc.sections):
        # one list per section, continuing the numbering of the previous one (or starting again)
        go_on = "true" if i and not doc.restart_numbering else "false"
        body.append(f'<text:h text:outline-level="2" text:style-name="Heading_20_2">{_text(section.heading)}</text:h>'
                    f'<text:list text:style-name="NumberedParagraphs" text:continue-numbering="{go_on}">')
        body += [f'<text:list-item><text:p text:style-name="Numbered_20_body">{_text(p)}</text:p></text:list-item>'
                 for p in section.paragraphs]
        body.append("</text:list>")
    stamp = when.strftime("%Y-%m-%dT%H:%M:%S").encode()
    values = iter([_text(_property(v)).encode() for v in (doc.title, doc.addressed, doc.author, doc.author)])
    out = []
    for name, data in entries:
        if name == "content.xml":
            data = head + "".join(body).encode("utf-8") + tail
        elif name == "meta.xml":
            data = re.sub(MARK.encode(), lambda _: next(values), data).replace("\ue001".encode(), stamp)
        out.append((name, data))
    return _stable_zip(out, when, sort=False)


def _odfpy(doc: Document, stamp_text: str) -> bytes:
    """Build the document with odfpy (used once, for the skeleton)."""
    from odf import dc, meta, style, text
    from odf.element import Element
    from odf.namespaces import nsdict
    from odf.opendocument import OpenDocumentText

    # odfpy declares every namespace any document in this process has used so
    # far (a class-level dict); declaring them all makes output independent of history.
    for namespace, prefix in nsdict.items():
        Element.namespaces.setdefault(namespace, prefix)
    odt = OpenDocumentText()
    odt.meta.childNodes[:] = []  # drop odfpy's own generator/date so output is reproducible
    odt.meta.addElement(meta.Generator(text="folkmoot"))
    odt.meta.addElement(dc.Title(text=_property(doc.title)))
    odt.meta.addElement(dc.Subject(text=_property(doc.addressed)))
    odt.meta.addElement(dc.Creator(text=_property(doc.author)))
    odt.meta.addElement(meta.InitialCreator(text=_property(doc.author)))
    odt.meta.addElement(dc.Language(text=doc.language))
    stamp = stamp_text
    odt.meta.addElement(meta.CreationDate(text=stamp))
    odt.meta.addElement(dc.Date(text=stamp))

    default = style.Style(name="Standard", family="paragraph")
    language, _, country = doc.language.partition("-")
    default.addElement(style.TextProperties(language=language, country=country or "none", fontsize="11pt"))
    odt.styles.addElement(default)
    headings = {}
    for level, size in ((1, "18pt"), (2, "14pt")):
        h = style.Style(name=f"Heading {level}", family="paragraph", defaultoutlinelevel=str(level),
                        parentstylename="Standard")
        h.addElement(style.TextProperties(fontsize=size, fontweight="bold"))
        h.addElement(style.ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm", keepwithnext="always"))
        odt.styles.addElement(h)
        headings[level] = h
    body_style = style.Style(name="Numbered body", family="paragraph", parentstylename="Standard")
    body_style.addElement(style.ParagraphProperties(marginbottom="0.25cm"))
    odt.styles.addElement(body_style)

    numbered = text.ListStyle(name="NumberedParagraphs")
    level = text.ListLevelStyleNumber(level=1, numformat="1", numsuffix=".")
    level.addElement(style.ListLevelProperties(spacebefore="0cm", minlabelwidth="1cm"))
    numbered.addElement(level)
    odt.automaticstyles.addElement(numbered)
    bullets = text.ListStyle(name="SummaryBullets")
    blevel = text.ListLevelStyleBullet(level=1, bulletchar="•")
    blevel.addElement(style.ListLevelProperties(spacebefore="0.3cm", minlabelwidth="0.6cm"))
    bullets.addElement(blevel)
    odt.automaticstyles.addElement(bullets)

    odt.text.addElement(text.H(outlinelevel=1, stylename=headings[1], text=doc.title))
    odt.text.addElement(text.P(stylename=default, text=doc.first_line))
    odt.text.addElement(text.H(outlinelevel=2, stylename=headings[2], text=doc.summary_heading))
    summary = text.List(stylename=bullets)
    for bullet in doc.summary:
        item = text.ListItem()
        item.addElement(text.P(stylename=default, text=bullet))
        summary.addElement(item)
    odt.text.addElement(summary)
    first = True
    for section in doc.sections:
        odt.text.addElement(text.H(outlinelevel=2, stylename=headings[2], text=section.heading))
        # one list per section, continuing the numbering of the previous one
        body = text.List(stylename=numbered, continuenumbering="false" if first else "true")
        first = False
        for para in section.paragraphs:
            item = text.ListItem()
            item.addElement(text.P(stylename=body_style, text=para))
            body.addElement(item)
        odt.text.addElement(body)
    buf = io.BytesIO()
    odt.write(buf)
    return buf.getvalue()
