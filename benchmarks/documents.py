"""How long the evidence documents of N assemblies take, on one core, with no cache.

    .venv/bin/python benchmarks/documents.py [--n 1000] [--keep DIR]

Writes a project of N realistic synthetic assemblies (benchmarks/synth.py:
every held assembly has an evidence entry), loads and checks it, and then,
in this one process, times each step of making the documents a build
publishes: the documents' text from the records (`SitePlan.evidence_documents`),
every Word file, every OpenDocument file, and the letters to each body asked.
Nothing is read from or written to the cache. Issue 14 asks for the
documents of 1,000 assemblies in under 3 s in total on one core.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "generator"), str(ROOT / "benchmarks")]

import synth  # noqa: E402

from folkmoot.documents import office as evidence_files  # noqa: E402
from folkmoot.views.site import build_site  # noqa: E402
from folkmoot.engine.cache import Cache  # noqa: E402
from folkmoot.records.project import build_timestamp, load_project, today  # noqa: E402
from folkmoot.outputs.publication import Publication  # noqa: E402
from folkmoot.outputs.files import DocumentFiles  # noqa: E402


def measure(project: Path) -> dict:
    loaded, problems = load_project(project)
    if problems.errors:
        raise SystemExit(f"the synthetic project has errors: {problems.errors[:3]}")
    site = build_site(loaded, today())
    publication = Publication(site, cache=Cache(None))
    files = DocumentFiles(publication.plan, publication.cache, None)
    when = build_timestamp()
    times: dict[str, float] = {}

    start = time.perf_counter()
    documents = [doc for a in site.assemblies for _, doc in publication.evidence_documents(a)]
    times["text of every evidence document"] = time.perf_counter() - start

    start = time.perf_counter()
    word = [files.docx(doc, when) for doc in documents]
    times["Word files (.docx)"] = time.perf_counter() - start

    start = time.perf_counter()
    odt = [evidence_files.to_odt(doc, when) for doc in documents]
    times["OpenDocument files (.odt)"] = time.perf_counter() - start

    start = time.perf_counter()
    letters = list(publication.plan.letters.values())
    made = [(files.docx(doc, when), evidence_files.to_odt(doc, when)) for doc in letters]
    times["letters to bodies (.docx and .odt)"] = time.perf_counter() - start

    return {"assemblies": len(site.assemblies), "documents": len(documents), "letters": len(made),
            "bytes": sum(map(len, word)) + sum(map(len, odt)) + sum(len(a) + len(b) for a, b in made),
            "times": times}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="assemblies (default 1000)")
    parser.add_argument("--keep", type=Path, help="write the project here instead of a temporary folder")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795564800")
    scratch = None
    if args.keep:
        project = args.keep
        if project.exists():
            shutil.rmtree(project)
    else:
        scratch = tempfile.TemporaryDirectory(prefix="folkmoot-documents-")
        project = Path(scratch.name) / "project"
    try:
        synth.make_project(args.n, project)
        result = measure(project)
    finally:
        if scratch is not None:
            scratch.cleanup()
    total = sum(result["times"].values())
    print(f"{result['assemblies']} assemblies: {result['documents']} evidence documents and "
          f"{result['letters']} letters, {result['bytes'] / 1e6:.1f} MB, on one core, no cache\n")
    print("| step | s | ms each |")
    print("|---|---:|---:|")
    for step, seconds in result["times"].items():
        count = result["letters"] if step.startswith("letters") else result["documents"]
        print(f"| {step} | {seconds:.2f} | {1000 * seconds / max(1, count):.1f} |")
    print(f"| total | {total:.2f} | |")
    evidence = sum(s for step, s in result["times"].items() if not step.startswith("letters"))
    print(f"\nEvidence documents, text and both formats: {evidence:.2f} s (target: under 3 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
