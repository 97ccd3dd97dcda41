"""What `check` asks of the records together, once each is read: what one record says of
another (a verdict's `at:`), and settings held to the records' own range (`reports:`)."""

from __future__ import annotations

from folkmoot.problems import Problems
from folkmoot.records.record_files import relpath
from folkmoot.records.settings import _line_of, _setting_line, add_months


def check_verdict_places(project, problems: Problems) -> None:
    """A verdict's `at:` names a published assembly held no later than the verdict: it is
    published in the open data, so it must not name a draft (its date and topic) or nothing."""
    published = {a.slug: a for a in project.published}
    for a in project.published:
        for o in a.outcomes:
            for v in o.verdicts:
                if not v.at:
                    continue
                held = published.get(v.at)
                if held is None:
                    problems.error(relpath(project.root, a.folder / "assembly.yml"), v.line, f"`at: {v.at}` is not a published assembly.",
                                   "Write the folder name of the published assembly where the answer was judged, "
                                   "or leave `at:` out.")
                elif held.date > v.date:
                    problems.error(relpath(project.root, a.folder / "assembly.yml"), v.line, f"`at: {v.at}` was held on {held.date}, after this verdict "
                                   f"({v.date}).", "Check the verdict's `date:` and its `at:`.")


def check_report_range(project, config_text: str, problems: Problems) -> None:
    """`reports: from:` within the records' own range: a typo (1925 for 2025) would make a
    thousand empty reports. No more than one period before the first assembly."""
    reports = project.settings.reports
    if reports is None or not project.published:
        return
    first = min(a.date for a in project.published)
    earliest = add_months(first, -reports.months)
    if reports.start < earliest:
        line = _setting_line(config_text, "from", _line_of(config_text, "reports:"))
        problems.error("mkdocs.yml", line, f"`reports: from: {reports.start}` is long before the first assembly "
                       f"({first}), so every report before it would be empty.",
                       f"Start the reports on the first assembly's day, `from: {first}`, or later.")
        return
    today = project.settings.today
    count = ((today.year - reports.start.year) * 12 + today.month - reports.start.month) // reports.months
    if count > MAX_REPORTS:  # the site would grow by a page and two documents for each
        line = _setting_line(config_text, "every", _line_of(config_text, "reports:"))
        problems.error("mkdocs.yml", line, f"`reports:` would make {count:,} progress reports, more than the "
                       f"{MAX_REPORTS:,} a site can hold.", "Report less often (`every: 1 year`), or start later.")


MAX_REPORTS = 1200
