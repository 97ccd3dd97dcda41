"""Small accessible SVG bar charts, drawn from numbers that are also shown as tables.

Each chart is an <svg role="img"> with a <title> and <desc> that state the
numbers, so a screen reader gets the same content as a sighted reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from folkmoot.records.model import STATUS_LABELS
from folkmoot.text.i18n import N_, Language
from folkmoot.text.safe_markdown import strip_lang_marks
from folkmoot.views.site import Site


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


def distinct_names(titles: list[str]) -> list[str]:
    """Titles without the words they all begin with ("People's Assembly on Flooding",
    "People's Assembly on Heat" -> "Flooding", "Heat"), so short labels still differ."""
    words = [t.split() for t in titles]
    if len(words) < 2:
        return titles
    common = 0
    while all(len(w) > common + 1 for w in words) and len({w[common] for w in words}) == 1:
        common += 1
    return [" ".join(w[common:]) for w in words]


def short_label(label: str, limit: int) -> str:
    """Cut from the middle, so both the start and the end (often what tells bars apart) stay."""
    if len(label) <= limit:
        return label
    head = (limit - 1) // 2
    return label[:head].rstrip() + "…" + label[-(limit - 1 - head):].lstrip()


def bar_chart(chart_id: str, title: str, bars: list[Bar], lang: Language, label_w: int = 190) -> str:
    """Horizontal bars: readable at phone width, labels never rotated. The title says what is counted."""
    row, bar_w, gap = 28, 260, 8
    height = max(1, len(bars)) * row + 10
    width = label_w + bar_w + 60
    top = max((b.value for b in bars), default=0) or 1
    desc = "; ".join(f"{b.label}: {lang.number(b.value)}" for b in bars) or lang._("No data yet.")
    parts = [f'<svg class="fm-chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{chart_id}-title">{escape(title)}</title>',
             f'<desc id="{chart_id}-desc">{escape(desc)}</desc>']
    for i, b in enumerate(bars):
        y = 5 + i * row
        w = round(bar_w * b.value / top, 1)
        label = short_label(b.label, label_w * 28 // 190)
        parts.append(f'<text x="{label_w - gap}" y="{y + 18}" text-anchor="end" class="fm-chart__label">{escape(label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{w}" height="{row - 10}" class="fm-chart__bar"/>')
        parts.append(f'<text x="{label_w + w + gap}" y="{y + 18}" class="fm-chart__value">{lang.number(b.value)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def data_charts(site: Site, lang: Language) -> list[tuple[str, str, str, list[Bar]]]:
    """(id, title, svg, bars) for the data page: attendance, outcomes by status, assemblies per theme."""
    held = [a for a in reversed(site.past) if a.attendance is not None]
    attendance = [Bar(f"{lang.date(a.date, 'short_month')}: {name}", a.attendance)
                  for a, name in zip(held, distinct_names([strip_lang_marks(a.title) for a in held]))]
    statuses = [Bar(lang._(STATUS_LABELS[s]), n) for s, n in site.status_counts()]
    themes = sorted((Bar(strip_lang_marks(t.name), len(t.assemblies)) for t in site.themes.values() if t.assemblies),
                    key=lambda b: (-b.value, b.label))
    answers = [Bar(lang._(label, body=strip_lang_marks(b.name)), n) for b in site.bodies.values() if b.sent
               for label, n in ((N_("answered: %(body)s"), b.answered),
                                (N_("awaiting: %(body)s"), b.count("awaiting")),
                                (N_("overdue: %(body)s"), b.count("overdue", "long-overdue")))]
    specs = [("chart-attendance", lang._("Attendance at each assembly, oldest first"), attendance,
              (lang._("Assembly"), lang._("People"))),
             ("chart-answers", lang._("Ideas answered, awaiting an answer and overdue, for each body asked"), answers,
              (lang._("Body and answer"), lang._("Ideas"))),
             ("chart-status", lang._("Outcomes by current status"), statuses, (lang._("Status"), lang._("Outcomes"))),
             ("chart-themes", lang._("Assemblies per theme"), themes, (lang._("Theme"), lang._("Assemblies")))]
    return [(cid, title, bar_chart(cid, title, bars, lang, 300 if cid == "chart-answers" else 240), bars, heads)
            for cid, title, bars, heads in specs]
