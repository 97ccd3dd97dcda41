"""Write an evidence Document as Word (.docx) and OpenDocument (.odt) files.

Both files use their format's own structure, not typed decoration: heading
styles (so Word's navigation pane and screen readers see the outline),
real bullet and numbered lists (numbering continuous through the document),
document properties, language en-GB. Zip entries get a fixed timestamp so
the same records give byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from .evidence import Document

NUM_ID = "90"  # our own numbering definition, continuous through the document


def _sorted_namespaces(xml: bytes) -> bytes:
    """odfpy declares namespaces in set order, which varies from run to run; sort them."""
    match = re.search(rb"<[\w:-]+(\s[^>]*)>", xml[xml.find(b"?>") + 2:] if xml.startswith(b"<?xml") else xml)
    if not match:
        return xml
    attrs = match.group(1)
    parts = re.findall(rb'\s+([\w:.-]+="[^"]*")', attrs)
    ordered = b" " + b" ".join(sorted(parts, key=lambda a: (not a.startswith(b"xmlns"), a)))
    return xml.replace(attrs, ordered, 1)


def _stable_zip(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite a zip with every entry dated `when`, keeping order and compression."""
    stamp = max(when.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = info.compress_type
            # level 1: small XML parts; the default level 6 took most of the writing time
            fixed._compresslevel = 1  # public as `compress_level` only from Python 3.13
            fixed.external_attr = 0o644 << 16
            content = src.read(info.filename)
            if info.filename.endswith(".xml"):
                content = _sorted_namespaces(content)
            dst.writestr(fixed, content)
    return out.getvalue()


def to_docx(doc: Document, when: dt.datetime, base: Path | None = None) -> bytes:
    """`base`: an organisation's own .docx whose styles (fonts, letterhead) to use."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    d = docx.Document(str(base) if base else None)
    for paragraph in list(d.paragraphs):  # keep the template's styles and headers, not its text
        paragraph._p.getparent().remove(paragraph._p)
    _add_numbering(d, parse_xml, nsdecls)
    # language for spelling and screen readers
    rpr = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = parse_xml(f"<w:lang {nsdecls('w')}/>")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-GB")

    # Style ids looked up once: python-docx searches every style by name on each use.
    ids = {name: _style_id(d, name) for name in ("Heading 1", "Heading 2", "List Bullet")}

    def para(text: str, style: str | None = None):
        p = d.add_paragraph(text)
        if style and ids[style]:
            p._p.style = ids[style]
        return p

    para(doc.title, "Heading 1")
    para(doc.first_line)
    para("Summary", "Heading 2")
    for bullet in doc.summary:
        para(bullet, "List Bullet")
    for section in doc.sections:
        para(section.heading, "Heading 2")
        for text in section.paragraphs:
            p = para(text)
            numpr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{NUM_ID}"/></w:numPr>')
            p._p.get_or_add_pPr().insert(0, numpr)
            p.paragraph_format.space_after = docx.shared.Pt(8)

    props = d.core_properties
    props.title = _property(doc.title)
    props.subject = _property(doc.addressed)
    props.author = _property(doc.author)
    props.last_modified_by = _property(doc.author)
    props.language = "en-GB"
    props.created = when.replace(tzinfo=None)
    props.modified = when.replace(tzinfo=None)
    props.revision = 1
    buf = io.BytesIO()
    d.save(buf)
    return _stable_zip(buf.getvalue(), when)


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


def to_odt(doc: Document, when: dt.datetime) -> bytes:
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
    odt.meta.addElement(dc.Language(text="en-GB"))
    stamp = when.strftime("%Y-%m-%dT%H:%M:%S")
    odt.meta.addElement(meta.CreationDate(text=stamp))
    odt.meta.addElement(dc.Date(text=stamp))

    default = style.Style(name="Standard", family="paragraph")
    default.addElement(style.TextProperties(language="en", country="GB", fontsize="11pt"))
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
    odt.text.addElement(text.H(outlinelevel=2, stylename=headings[2], text="Summary"))
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
    return _stable_zip(buf.getvalue(), when)
