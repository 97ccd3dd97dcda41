"""The three builds a volunteer waits for, at one size, against an earlier release in the same run.

    python benchmarks/speed.py [--n 1000] [--ref REF] [--no-photos] [--keep DIR]

For the working tree (and, with --ref, that commit, from a `git archive` snapshot)
the same synthetic project (benchmarks/synth.py: evidence with a language, notes
files, a recap, answers, promises, verdicts, every tenth held assembly with two
photos, and the example's `reports:` setting) is built three times, each in a fresh
process with SOURCE_DATE_EPOCH=1795564800:

cold
    no .cache folder: everything is made.
one change
    after one held record's title changed, with the cache of the build before.
nothing changed
    again, with nothing changed: the build finds the site made from the same inputs
    and keeps it (engine/uptodate.py), as `make` does.
touched
    after one record's file is touched (its time changes, not its text): the whole
    build runs, and reuses everything it made before.

Each row gives the wall seconds, the largest peak resident memory of the builds
(the build process itself; see build.py's WRAPPER), that of the largest process
it started (a worker, Pagefind: its resident memory counts the pages it shares
with the build), and, where the version
measured can say it (`build --work-report`), how much work each build did. The
table is printed as Markdown for the closing note, and written to
benchmarks/out/speed.json. Run it before every change to what is built.

--no-photos: the records without photos, as the speed issue's own check measured.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build as bench  # noqa: E402  (benchmarks/ is not a package)
import synth  # noqa: E402

SCENARIOS = ("cold", "one change", "nothing changed", "touched")
SHOWN = ("catalogue", "template", "qr", "card", "slide", "photo", "document", "page", "search index")


def change_title(project: Path) -> None:
    """One held record's title, as a volunteer corrects it."""
    for record in sorted((project / "assemblies").glob("*/assembly.yml")):
        text = record.read_text(encoding="utf-8")
        if "\ndeliberation:" in text:
            record.write_text(text.replace("\ntitle: ", "\ntitle: Corrected ", 1), encoding="utf-8")
            return


def one_build(run_dir: Path, project: Path, env: dict) -> dict:
    """Seconds, peak MB and (when the version can report it) the work of one build."""
    with tempfile.TemporaryDirectory(prefix="folkmoot-speed-") as scratch:
        stats, work = Path(scratch) / "stats.json", Path(scratch) / "work.json"
        args = [sys.executable, "-c", bench.WRAPPER, str(stats), "--root", str(project), "build"]
        reports_work = (run_dir / "generator" / "folkmoot" / "engine" / "work.py").is_file()
        if reports_work:
            args += ["--work-report", str(work)]
        start = time.perf_counter()
        done = bench.subprocess.run(args, cwd=run_dir, env=env, capture_output=True, text=True, timeout=1800)
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"speed.py: the build failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
        measured = json.loads(stats.read_text())
        peak, children = measured["peak_kib"] / 1024, measured.get("children_peak_kib", 0) / 1024
        counts = json.loads(work.read_text()) if reports_work else None
    return {"s": round(seconds, 2), "peak_mb": round(peak), "children_peak_mb": round(children), "work": counts}


def measure(label: str, run_dir: Path, n: int, photos: bool, keep: Path | None) -> dict:
    env = dict(bench.ENV, PYTHONPATH=str(run_dir / "generator"))
    with tempfile.TemporaryDirectory(prefix="folkmoot-speed-") as scratch:
        project = (keep / label) if keep else Path(scratch) / "project"
        if project.exists():
            shutil.rmtree(project)
        synth.make_project(n, project, source=run_dir, photos=photos)
        found = {"label": label}
        found["cold"] = one_build(run_dir, project, env)
        print(f"[{label}] cold {found['cold']['s']} s", file=sys.stderr, flush=True)
        change_title(project)
        found["one change"] = one_build(run_dir, project, env)
        print(f"[{label}] one change {found['one change']['s']} s", file=sys.stderr, flush=True)
        found["nothing changed"] = one_build(run_dir, project, env)
        print(f"[{label}] nothing changed {found['nothing changed']['s']} s", file=sys.stderr, flush=True)
        os.utime(next((project / "assemblies").glob("*/assembly.yml")))
        found["touched"] = one_build(run_dir, project, env)
        print(f"[{label}] touched {found['touched']['s']} s", file=sys.stderr, flush=True)
    return found


def table(rows: list[dict]) -> str:
    lines = ["| | " + " | ".join(f"{k} s" for k in SCENARIOS) + " | peak MB | largest other process MB |",
             "| --- |" + " --- |" * (len(SCENARIOS) + 2)]
    for r in rows:
        peak = max(r[k]["peak_mb"] for k in SCENARIOS)
        others = max(r[k].get("children_peak_mb", 0) for k in SCENARIOS)
        lines.append(f"| {r['label']} | " + " | ".join(str(r[k]["s"]) for k in SCENARIOS) + f" | {peak} | {others} |")
    if len(rows) == 2:
        new, old = rows
        lines.append("| ratio (old / new) | " + " | ".join(f"{old[k]['s'] / new[k]['s']:.1f}x" for k in SCENARIOS) + " | | |")
    worked = [r for r in rows if r["cold"]["work"]]
    if worked:
        lines += ["", "| work done | " + " | ".join(SHOWN) + " |", "| --- |" + " --- |" * len(SHOWN)]
        for r in worked:
            for k in SCENARIOS:
                lines.append(f"| {r['label']}, {k} | " + " | ".join(str(r[k]["work"].get(w, "-")) for w in SHOWN) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Cold, one-change and nothing-changed builds, against a release.")
    parser.add_argument("--n", type=int, default=1000, help="number of assemblies")
    parser.add_argument("--ref", help="an earlier commit or tag to measure in the same run")
    parser.add_argument("--no-photos", dest="photos", action="store_false", help="records without photos")
    parser.add_argument("--keep", type=Path, help="keep the projects in DIR/<label>")
    args = parser.parse_args(argv)
    rows = [measure("working tree", bench.REPO, args.n, args.photos, args.keep)]
    if args.ref:
        with tempfile.TemporaryDirectory(prefix="folkmoot-ref-") as scratch:
            sha = bench.snapshot(args.ref, Path(scratch))
            rows.append(measure(f"{args.ref} ({sha[:8]})", Path(scratch), args.n, args.photos, args.keep))
    text = table(rows)
    print(f"{args.n} assemblies, {'with' if args.photos else 'no'} photos, {os.cpu_count()} cores\n")
    print(text)
    bench.OUT.mkdir(parents=True, exist_ok=True)
    (bench.OUT / "speed.json").write_text(json.dumps({"n": args.n, "photos": args.photos, "rows": rows}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
