"""`folkmoot evidence`: write the submissions for one assembly, or for a theme."""

from __future__ import annotations

from pathlib import Path

from folkmoot.documents import evidence
from folkmoot.documents import office
from folkmoot.text.slugs import slugify
from folkmoot.commands.check import check_project


class EvidenceError(Exception):
    """Why no document was written, worded for the volunteer."""


def write_evidence(root: Path, slug: str | None, theme: str | None, to: str | None, inquiry: str,
                   word_limit: int, out: Path | None, language: str = "", force: bool = False) -> list[tuple[Path, int, int]]:
    root = root.resolve()
    project, problems = check_project(root)
    if problems.errors:
        listing = "\n".join(str(p) for p in problems.sorted() if p.severity == "error")
        raise EvidenceError(f"the records have errors; fix them first:\n{listing}")
    out = (out or root / "evidence").resolve()
    org = project.organisation
    if theme:
        if slug:
            raise EvidenceError("give either an assembly's slug or --theme, not both.")
        if not to:
            raise EvidenceError('--theme needs --to, e.g. --to "House of Commons Environmental Audit Committee".')
        published = [a for a in project.published]
        known = {slugify(t) for a in published for o in a.outcomes for t in o.themes}
        if slugify(theme) not in known:
            raise EvidenceError(f"no published outcome has the theme `{theme}`. Themes with outcomes: "
                                f"{', '.join(sorted(known)) or 'none'}.")
        from folkmoot.records.model import Evidence

        entry = Evidence(to=to, inquiry=inquiry, word_limit=word_limit, language=language)
        day = max(a.latest_date for a in published if any(slugify(t) == slugify(theme)
                                                            for o in a.outcomes for t in o.themes))
        docs = [evidence.for_theme(published, theme, to, inquiry, org, word_limit,
                                   evidence.document_language(entry, project.language))]
    else:
        if not slug:
            raise EvidenceError("name an assembly, e.g. `folkmoot evidence 2025-11-13-flooding`, or use --theme.")
        match = [a for a in project.assemblies if a.slug == slug]
        if not match:
            raise EvidenceError(f"there is no assembly `{slug}` (looked for assemblies/{slug}/assembly.yml).")
        assembly = match[0]
        if not assembly.evidence:
            raise EvidenceError(f"assemblies/{slug}/assembly.yml has no `evidence:` entries; add one saying who it is for.")
        docs = evidence.documents_of(assembly, org, project.documents, project.language)  # made already, by check
        day = assembly.latest_date  # as the site dates it
    try:
        return [(office.write_files(doc, out, office.dated(day), project.word_template, force), doc.words(),
                 doc.word_limit) for doc in docs]
    except office.WouldOverwrite as exc:
        raise EvidenceError(str(exc)) from None
