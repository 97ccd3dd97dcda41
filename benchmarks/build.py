"""How folkmoot's check and build scale with the number of assemblies.

    python benchmarks/build.py [--sizes 100 300 1000] [--keep DIR] [--repeat R] [--no-profile] [--ref REF]
    python benchmarks/build.py --serve-edit 300 [--ref REF]

By default the working tree's generator/ is measured. With --ref REF (e.g.
HEAD, or a commit to compare against) a snapshot of that commit is taken with
``git archive`` into a temporary folder, and every subprocess runs from there
(so ``python -m folkmoot.cli`` imports the snapshot, and mkdocs.yml and
content/ come from it): the figures then stay those of one commit even while
someone keeps editing the working tree.

For each size N, ``benchmarks/synth.py`` writes a project with N synthetic
assemblies (in a temporary folder, or DIR/N with --keep), and every
measurement runs in a fresh Python subprocess of this venv, from the
repository root (or the --ref snapshot), with SOURCE_DATE_EPOCH=1795564800
(2026-11-25) and NO_MKDOCS_2_WARNING=1:

check s
    wall time of ``python -m folkmoot.cli --root P check`` (interpreter
    start-up and imports included): first with no .cache folder, then again
    after the warm builds and one more record changed, with the cache those
    builds kept (records whose files are unchanged are not read again).
build s, peak MB
    wall time of ``python -m folkmoot.cli --root P build`` (check + MkDocs
    build + search indexing + the swap of the site folder), run through a
    tiny wrapper (see WRAPPER) that runs the CLI in-process and then records
    its own ``getrusage(RUSAGE_SELF).ru_maxrss``. A fresh wrapper per build
    means the peak belongs to that build alone (RUSAGE_CHILDREN in this
    process would be the maximum over every child so far). If the site was
    indexed with Pagefind (a separate Rust process, not in that peak), the
    indexer is run once more on the built site, on its own, for its wall
    time and peak memory (``pagefind_s``, ``pagefind_peak_mb``). With
    --repeat R the median wall time (and the fastest, as "min": on a shared
    machine the fastest run is the least disturbed) and the largest peak of
    R builds are reported.
warm build s
    a build after one record changed, with the cache the build before kept:
    first at the same SOURCE_DATE_EPOCH ("same time"), then as the Pages
    workflow builds a push ("a push"): another record changed and
    SOURCE_DATE_EPOCH an hour later, as each commit's time is.
folkmoot share
    one extra build under cProfile (``python -m cProfile -o prof.out -m
    folkmoot.cli --root P build``). folkmoot's work is the *cumulative* time
    of its entry points, which includes the third-party code they call on
    folkmoot's behalf (YAML loading, Jinja2 rendering of our templates,
    Markdown + nh3 of record text, python-docx/odfpy evidence documents,
    icalendar, waiting for the Pagefind indexer):
      - ``check_project`` (folkmoot/commands/check.py; called once, from
        folkmoot/mkdocs_plugin/run.py, and handed to the plugin as ``preloaded``),
      - every MkDocs event hook (``on_*``) of folkmoot/mkdocs_plugin/plugin.py:
        ``on_files`` renders every generated page and asset, the per-page
        hooks (``on_page_markdown``, ``on_page_content``, ``on_post_page``)
        add folkmoot's parts to each page, ``on_post_build`` (if present)
        indexes the finished site.
    The share is their sum divided by the cumulative time of
    ``folkmoot.cli.main`` (the whole command as profiled). The rest is
    imports, MkDocs itself (Markdown -> HTML of every page, including the
    Markdown folkmoot generated, the theme's Jinja2 templates, navigation,
    MkDocs' search plugin, writing files) and the site swap. The entry points
    do not call each other, so nothing is counted twice. Work done in a
    forked worker (folkmoot/engine/background.py) is not in the profile; only the
    main process's wait for it is (inside ``on_post_build``). cProfile slows
    Python code down unevenly, so treat this as a share, not as seconds; the
    profile's ``tottime`` is also broken down by package
    (``own_tottime_by_package`` in the JSON) and the profile is kept as
    benchmarks/out/profile-N.out for ``python -m pstats``.
search index
    site/search/search_index.json: raw bytes and gzip (level 6) bytes, which
    is roughly what a browser downloads for the first search with MkDocs'
    search plugin. If the site has a site/pagefind/ folder (Pagefind
    splits its index into chunks that are fetched as needed, so a first
    search downloads only part of it), its total size and an estimate of a
    first search's download (see ``pagefind_first_search``) are reported,
    and shown in the table's search columns marked "pf all" / "pf 1st" when
    search_index.json is only an empty stub.
site MB, files
    every file under site/, in bytes (10^6 per MB) and count.

Results are printed as a Markdown table and written to
benchmarks/out/results.json (git-ignored), with the git commit measured.

--serve-edit N measures edit-to-visible latency under ``folkmoot serve``: it
starts the server for an N-assembly project, waits until one record's page
is served, rewrites that record's title to a unique string and polls the page
every 0.1 s until the new title appears. MkDocs serves the site under the
path of ``site_url`` (here /assemblies-site/), which is read from the
project's mkdocs.yml. The server's process group is terminated afterwards.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import pstats
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402  (benchmarks/ is not a package)

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"
PYTHON = sys.executable
RUN_DIR = REPO  # where subprocesses run and generator/folkmoot is imported from; a snapshot with --ref
# PYTHONPATH puts RUN_DIR's folkmoot before the installed one (a snapshot of a commit from before
# folkmoot moved into generator/folkmoot/ cannot be measured with this script)
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1795564800", NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(REPO / "generator"))

# Runs the folkmoot CLI in this very process, then writes the process's peak
# resident memory (ru_maxrss: KiB on Linux), the largest ru_maxrss of the
# processes the build started, and the CLI's exit status as JSON to the file
# named by argv[1]. The remaining arguments are the CLI's.
# The children's figure is an upper bound for the largest child, not its own
# memory: a forked worker (folkmoot/engine/background.py) counts the pages it
# shares with this process, and a child started with vfork (subprocess, e.g.
# Pagefind) inherits this process's peak. See measure_pagefind for Pagefind's own.
WRAPPER = r"""
import json, resource, sys
out, args = sys.argv[1], sys.argv[2:]
from folkmoot.cli import main
code = main(args)
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(out, "w") as f:
    json.dump({"exit": code, "peak_kib": peak_kib, "children_peak_kib": children_kib}, f)
sys.exit(code)
"""

# Runs the command in argv[1:] and prints the largest ru_maxrss (KiB) of its
# children. This process is small, so what vfork lends the child is ~10 MB.
CHILD_PEAK = r"""
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(code)
"""

sys.path.insert(0, str(REPO / "generator"))
from folkmoot.mkdocs_plugin.search_index import PAGEFIND_ARGS  # noqa: E402  (the plugin's own, not a copy)

# Folkmoot's entry points for the profile: check_project, and every MkDocs
# event hook (a function named on_*) of the plugin, so hooks added later
# are counted without editing this list.
CHECK_ENTRY = ("folkmoot/commands/check.py", "check_project")
PLUGIN_FILE = "folkmoot/mkdocs_plugin/plugin.py"


def is_entry_point(filename: str, name: str) -> bool:
    return ((filename.endswith(CHECK_ENTRY[0]) and name == CHECK_ENTRY[1])
            or (filename.endswith(PLUGIN_FILE) and name.startswith("on_")))


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True).stdout.strip()


def snapshot(ref: str, dest: Path) -> str:
    """Extract commit ``ref`` of the repository into ``dest``; return its full hash."""
    sha = git("rev-parse", "--verify", f"{ref}^{{commit}}")
    if not sha:
        raise SystemExit(f"build.py: {ref!r} is not a commit")
    archive = subprocess.run(["git", "archive", "--format=tar", sha], cwd=REPO, capture_output=True, check=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(dest, filter="data")
    return sha


def run(cmd: list[str], timeout: float, env: dict | None = None) -> tuple[float, subprocess.CompletedProcess]:
    """Run ``cmd`` in RUN_DIR with the benchmark environment; return (wall seconds, result)."""
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=RUN_DIR, env=env or ENV, capture_output=True, text=True, timeout=timeout)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return seconds, result


# ---------------------------------------------------------------------------
# Measurements of one project.
# ---------------------------------------------------------------------------

def measure_check(project: Path, timeout: float) -> float:
    seconds, result = run([PYTHON, "-m", "folkmoot.cli", "--root", str(project), "check"], timeout)
    if "No errors" not in result.stdout:
        raise RuntimeError(f"folkmoot check reported problems:\n{result.stdout[-3000:]}")
    return seconds


def measure_build(project: Path, timeout: float, env: dict | None = None) -> tuple[float, float, float]:
    """(wall seconds, peak MB, children's peak MB) of one `folkmoot build` in a fresh wrapper process."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        stats_file = Path(f.name)
    try:
        seconds, _ = run([PYTHON, "-c", WRAPPER, str(stats_file), "--root", str(project), "build"], timeout, env)
        stats = json.loads(stats_file.read_text())
    finally:
        stats_file.unlink(missing_ok=True)
    return seconds, stats["peak_kib"] / 1024, stats["children_peak_kib"] / 1024


def measure_pagefind(site: Path, timeout: float) -> dict:
    """Wall seconds and peak MB of Pagefind indexing the built site on its own
    (into a scratch output folder that is removed afterwards)."""
    try:
        from pagefind.service import _must_get_executable  # the binary shipped by pagefind[bin]
        binary = str(_must_get_executable().resolve())
    except Exception as exc:  # noqa: BLE001 - any failure just means "not measured"
        return {"pagefind_error": f"pagefind binary not found: {exc}"}
    scratch = "pagefind-benchmark"
    try:
        seconds, result = run([PYTHON, "-c", CHILD_PEAK, binary, "--site", str(site), "--output-subdir", scratch,
                               *PAGEFIND_ARGS], timeout)
    finally:
        shutil.rmtree(site / scratch, ignore_errors=True)
    return {"pagefind_s": round(seconds, 3), "pagefind_peak_mb": round(int(result.stdout.split()[-1]) / 1024, 1)}


def package_of(filename: str) -> str:
    """Group a profiled function's file into folkmoot / a third-party package / python."""
    if filename.startswith(str(RUN_DIR / "generator") + os.sep):
        return "folkmoot"
    match = re.search(r"site-packages/([^/]+)", filename)
    if match:
        return match.group(1).removesuffix(".py")
    if filename.startswith("<") or filename == "~":  # built-ins and frozen modules
        return "builtins/frozen"
    return "python stdlib"


def measure_profile(project: Path, profile_out: Path, timeout: float, top: int) -> dict:
    """One build under cProfile; folkmoot's share of the time and the top functions."""
    run([PYTHON, "-m", "cProfile", "-o", str(profile_out), "-m", "folkmoot.cli", "--root", str(project), "build"],
        timeout)
    stats = pstats.Stats(str(profile_out))
    entries: dict[str, float] = {}
    total = 0.0
    for (filename, _line, name), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():
        if is_entry_point(filename, name):
            key = f"{filename.replace(str(RUN_DIR) + '/', '')}:{name}"
            entries[key] = entries.get(key, 0.0) + ct
        if name == "main" and filename.endswith("folkmoot/cli.py"):
            total = ct  # the whole command, imports of MkDocs included
    total = total or stats.total_tt
    by_package: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, tt, _ct, _callers) in stats.stats.items():
        key = package_of(filename)
        by_package[key] = by_package.get(key, 0.0) + tt
    # Top functions by cumulative time, leaving out the call chain that spans
    # the whole run (exec, runpy, cli.main, build_site: >= 98% of the total).
    ranked = [item for item in sorted(stats.stats.items(), key=lambda item: item[1][3], reverse=True)
              if item[1][3] < 0.98 * total][:top]
    top_cumulative = [{"function": f"{Path(fn).name if fn.startswith('/') else fn}:{line}({name})",
                       "file": fn, "calls": nc, "tottime": round(tt, 3), "cumtime": round(ct, 3)}
                      for (fn, line, name), (_cc, nc, tt, ct, _callers) in ranked]
    return {
        "profile_total_s": round(total, 3),
        "folkmoot_entry_points_s": {k: round(v, 3) for k, v in sorted(entries.items(), key=lambda kv: -kv[1])},
        "folkmoot_share": round(sum(entries.values()) / total, 4) if total else None,
        "folkmoot_own_code_tottime_share": round(by_package.get("folkmoot", 0.0) / total, 4) if total else None,
        "own_tottime_by_package": {k: round(v, 3) for k, v in sorted(by_package.items(), key=lambda kv: -kv[1])},
        "top_cumulative": top_cumulative,
        "profile_file": str(profile_out),
    }


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def measure_site(site: Path) -> dict:
    sizes = [p.stat().st_size for p in site.rglob("*") if p.is_file()]
    index = site / "search" / "search_index.json"
    result = {"site_bytes": sum(sizes), "site_files": len(sizes), "search_index_bytes": None,
              "search_index_gzip_bytes": None, "pagefind_bytes": None, "pagefind_files": None,
              "pagefind_first_search_bytes": None}
    if index.is_file():
        raw = index.read_bytes()
        result["search_index_bytes"] = len(raw)
        result["search_index_gzip_bytes"] = gzip_size(raw)
    pagefind = site / "pagefind"
    if pagefind.is_dir():
        pf = [p.stat().st_size for p in pagefind.rglob("*") if p.is_file()]
        result["pagefind_bytes"], result["pagefind_files"] = sum(pf), len(pf)
        result["pagefind_first_search_bytes"] = pagefind_first_search(pagefind)
    return result


def pagefind_first_search(pagefind: Path, shown_results: int = 10) -> int | None:
    """Estimate what a browser downloads for a first one-word search with Pagefind.

    pagefind.js and pagefind-entry.json (gzip level 6, as a web server would
    send them), the WebAssembly module and the metadata file of the site's
    language, one index chunk of average size, and the fragments (excerpts)
    of the results shown (folkmoot-search.js shows 10), of average size.
    Pagefind writes its .pagefind/.pf_* files gzip-compressed already, so
    their size on disk is what is sent. Longer or multi-word queries fetch
    more chunks; this is a lower-end estimate.
    """
    try:
        entry = json.loads((pagefind / "pagefind-entry.json").read_text(encoding="utf-8"))
        lang = next(iter(entry["languages"].values()))
        total = (gzip_size((pagefind / "pagefind.js").read_bytes())
                 + gzip_size((pagefind / "pagefind-entry.json").read_bytes()))
    except (OSError, ValueError, StopIteration, KeyError, AttributeError):
        return None
    for path in (pagefind / f"wasm.{lang.get('wasm')}.pagefind", pagefind / f"pagefind.{lang.get('hash')}.pf_meta"):
        total += path.stat().st_size if path.is_file() else 0

    def average(folder: str) -> float:
        sizes = [p.stat().st_size for p in (pagefind / folder).glob("*") if p.is_file()]
        return sum(sizes) / len(sizes) if sizes else 0.0
    return int(total + average("index") + shown_results * average("fragment"))


def touch_one_record(project: Path) -> None:
    """The edit a warm build follows: one word more in one held assembly's summary."""
    for record in sorted((project / "assemblies").glob("*/assembly.yml")):
        text = record.read_text(encoding="utf-8")
        if "\nsummary: " in text and "\ndeliberation:" in text:
            record.write_text(text.replace("\nsummary: ", "\nsummary: Again, ", 1), encoding="utf-8")
            return


def measure_floor(site: Path, timeout: float) -> tuple[float, int]:
    """A plain MkDocs build with Material of as many pages as the folkmoot site has, each as
    long as its average page's text: the floor folkmoot's build is compared with."""
    pages = [p for p in site.rglob("index.html") if "pagefind" not in p.parts]
    words = sum(len(re.sub(r"<[^>]+>", " ", p.read_text(encoding="utf-8", errors="replace")).split()) for p in pages)
    return floor_build(len(pages), max(50, words // max(1, len(pages)) // 2), timeout)  # half: the rest is the theme's


def floor_build(n_pages: int, per_page: int, timeout: float) -> tuple[float, int]:
    """Like a folkmoot site, the pages are kept out of the navigation (which otherwise lists
    every page on every page) and out of the theme's search index (folkmoot uses Pagefind)."""
    pages = range(n_pages)
    with tempfile.TemporaryDirectory(prefix="folkmoot-floor-") as scratch:
        root = Path(scratch)
        docs = root / "docs"
        docs.mkdir()
        text = " ".join(["residents talked about flooding heat and homes"] * (per_page // 7 + 1))
        for i in range(len(pages)):
            (docs / f"page-{i:05d}.md").write_text(f"# Page {i}\n\n## Notes\n\n{text}\n\n- a point\n- another\n")
        (root / "mkdocs.yml").write_text("site_name: Floor\ntheme:\n  name: material\nplugins: []\n"
                                         "nav:\n  - page-00000.md\nnot_in_nav: |\n  /page-*.md\n")
        seconds, _ = run([PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")], timeout)
    return seconds, n_pages


def bench_size(n: int, keep: Path | None, repeat: int, profile: bool, top: int, light: bool = False) -> dict:
    timeout = 120 + 2.0 * n  # generous: several times the build time measured for 1000 assemblies
    if keep is not None:
        project = keep / str(n)
        if project.exists():
            shutil.rmtree(project)
        cleanup = None
    else:
        cleanup = tempfile.TemporaryDirectory(prefix=f"folkmoot-bench-{n}-")
        project = Path(cleanup.name) / "project"
    try:
        load_before = os.getloadavg()  # other work on the machine makes timings noisy; recorded to tell
        t0 = time.perf_counter()
        synth.make_project(n, project, source=RUN_DIR, light=light)
        generate_s = time.perf_counter() - t0
        print(f"[{n}] generated in {generate_s:.1f} s: {project}", file=sys.stderr, flush=True)

        empty = []
        for _ in range(repeat):  # each with an empty cache: the check before would have filled it
            shutil.rmtree(project / ".cache", ignore_errors=True)
            empty.append(measure_check(project, timeout))
        check_s = statistics.median(empty)
        print(f"[{n}] check {check_s:.2f} s", file=sys.stderr, flush=True)
        builds = []
        for _ in range(repeat):  # cold: no photos or cards from an earlier build
            shutil.rmtree(project / ".cache", ignore_errors=True)
            builds.append(measure_build(project, timeout))
        build_s = statistics.median(b[0] for b in builds)
        peak_mb = max(b[1] for b in builds)
        children_peak_mb = max(b[2] for b in builds)
        print(f"[{n}] build {build_s:.2f} s, peak {peak_mb:.0f} MB", file=sys.stderr, flush=True)
        warm = []
        for _ in range(repeat):  # warm: the cache of the build before, and one record changed
            touch_one_record(project)
            warm.append(measure_build(project, timeout))
        warm_s = statistics.median(b[0] for b in warm)
        print(f"[{n}] warm build after a one-record change {warm_s:.2f} s", file=sys.stderr, flush=True)
        pushed = []
        for k in range(repeat):  # as the Pages workflow builds a push: the cache kept, a later commit time
            touch_one_record(project)
            later = dict(ENV, SOURCE_DATE_EPOCH=str(int(ENV["SOURCE_DATE_EPOCH"]) + 3600 * (k + 1)))
            pushed.append(measure_build(project, timeout, later)[0])
        push_s = statistics.median(pushed)
        print(f"[{n}] warm build of a push (a record changed, a later commit time) {push_s:.2f} s", file=sys.stderr,
              flush=True)
        touch_one_record(project)  # as a volunteer checks again after an edit, with the cache of the builds
        check_warm_s = statistics.median(measure_check(project, timeout) for _ in range(repeat))
        print(f"[{n}] check after a one-record change, cache kept {check_warm_s:.2f} s", file=sys.stderr, flush=True)
        floor_s, floor_pages = measure_floor(project / "site", timeout)
        print(f"[{n}] plain MkDocs floor, {floor_pages} pages: {floor_s:.2f} s", file=sys.stderr, flush=True)
        site = measure_site(project / "site")  # the last build's site, before the profiled build replaces it
        if site["pagefind_bytes"] is not None:
            site.update(measure_pagefind(project / "site", timeout))

        result = {"n": n, "light": light, "check_s": round(check_s, 3), "check_warm_s": round(check_warm_s, 3),
                  "build_s": round(build_s, 3),
                  "warm_build_s": round(warm_s, 3), "push_build_s": round(push_s, 3), "floor_s": round(floor_s, 3), "floor_pages": floor_pages,
                  "warm_peak_mb": round(max(b[1] for b in warm), 1),
                  "build_s_all": [round(b[0], 3) for b in builds], "build_s_min": round(min(b[0] for b in builds), 3),
                  "s_per_assembly": round(build_s / n, 4),
                  "peak_mb": round(peak_mb, 1), "children_peak_mb": round(children_peak_mb, 1), **site,
                  "generate_s": round(generate_s, 2)}
        if profile:
            OUT.mkdir(parents=True, exist_ok=True)
            result["profile"] = measure_profile(project, OUT / f"profile-{n}.out", timeout * 3, top)
            print(f"[{n}] profiled: folkmoot share {result['profile']['folkmoot_share']:.0%}", file=sys.stderr,
                  flush=True)
        result["loadavg_before_after"] = [round(load_before[0], 2), round(os.getloadavg()[0], 2)]
        return result
    finally:
        if cleanup is not None:
            cleanup.cleanup()


# ---------------------------------------------------------------------------
# Reporting.
# ---------------------------------------------------------------------------

def kb(value) -> str:
    return "-" if value is None else f"{value / 1000:,.0f}"


def search_columns(r: dict) -> tuple[str, str]:
    """(raw, compressed) KB of the search index: MkDocs' search_index.json, or for a
    Pagefind site (whose search_index.json is an empty stub) the whole pagefind/
    folder and the estimated download of a first search."""
    if r.get("pagefind_bytes") is not None and (r.get("search_index_bytes") or 0) < 1000:
        return f"{kb(r['pagefind_bytes'])} (pf all)", f"{kb(r['pagefind_first_search_bytes'])} (pf 1st)"
    return kb(r["search_index_bytes"]), kb(r["search_index_gzip_bytes"])


def table(results: list[dict]) -> str:
    lines = ["| N | check s (empty cache / kept) | cold build s | warm build s (same time / a push) | plain MkDocs s | s per assembly | folkmoot share | peak MB "
             "| search index raw KB | gzip KB | site MB | site files |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        share = r.get("profile", {}).get("folkmoot_share")
        raw, packed = search_columns(r)
        build = f"{r['build_s']:.2f}" + (f" (min {r['build_s_min']:.2f})" if len(r["build_s_all"]) > 1 else "")
        lines.append(f"| {r['n']} | {r['check_s']:.2f} / {r.get('check_warm_s', float('nan')):.2f} | {build} | {r['warm_build_s']:.2f} / {r.get('push_build_s', float('nan')):.2f} | "
                     f"{r['floor_s']:.2f} ({r['floor_pages']:,} pages) | {r['s_per_assembly']:.3f} | "
                     f"{'-' if share is None else f'{share:.0%}'} | {r['peak_mb']:.0f} | {raw} | {packed} | "
                     f"{r['site_bytes'] / 1e6:.1f} | {r['site_files']:,} |")
    by_n = {r["n"]: r for r in results}
    if 100 in by_n and 1000 in by_n:
        lines.append("")
        lines.append(f"1000 vs 100 build time ratio: {by_n[1000]['build_s'] / by_n[100]['build_s']:.2f}")
    notes = []
    for r in results:
        if r.get("pagefind_bytes") is not None:
            notes.append(f"N={r['n']}: site/pagefind/ holds {r['pagefind_bytes'] / 1000:,.0f} KB in "
                         f"{r['pagefind_files']:,} files; a first one-word search downloads about "
                         f"{kb(r['pagefind_first_search_bytes'])} KB of it (estimate, see pagefind_first_search).")
        if r.get("children_peak_mb"):
            notes.append(f"N={r['n']}: the build's child processes (forked worker, Pagefind) peaked at most at "
                         f"{r['children_peak_mb']:.0f} MB each, counting pages shared with the main process.")
        if r.get("pagefind_peak_mb") is not None:
            notes.append(f"N={r['n']}: Pagefind, run on its own on the built site, took {r['pagefind_s']:.2f} s "
                         f"and peaked at {r['pagefind_peak_mb']:.0f} MB (its own process, not in peak MB).")
    if notes:
        lines += [""] + notes
    return "\n".join(lines)


def top_table(result: dict) -> str:
    prof = result["profile"]
    entries = ", ".join(f"{k.split(':')[-1]} {v:.1f} s" for k, v in prof["folkmoot_entry_points_s"].items())
    lines = [f"Top functions by cumulative time below the top-level chain, N={result['n']} "
             f"(profile total {prof['profile_total_s']:.1f} s; folkmoot entry points: {entries}):", "",
             "| cumtime s | tottime s | calls | function | file |", "|---:|---:|---:|---|---|"]
    for row in prof["top_cumulative"]:
        file = row["file"].replace(str(RUN_DIR) + "/", "").split("site-packages/")[-1]
        lines.append(f"| {row['cumtime']:.2f} | {row['tottime']:.2f} | {row['calls']:,} | {row['function']} | {file} |")
    lines += ["", "Own time (tottime) by package: " + ", ".join(
        f"{k} {v:.1f} s" for k, v in list(prof["own_tottime_by_package"].items())[:10])]
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# --serve-edit: edit-to-visible latency under `folkmoot serve`.
# ---------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:  # refused, 404 (HTTPError), timeout
        return ""


def serve_path(project: Path) -> str:
    """The path MkDocs serves the site under: the path of site_url, e.g. /assemblies-site/."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^site_url:\s*(\S+)", text, re.MULTILINE)
    path = urlsplit(match.group(1)).path.strip("/") if match else ""
    return f"/{path}/" if path else "/"


def bench_serve_edit(n: int, keep: Path | None, timeout: float = 900) -> dict:
    tmp = tempfile.TemporaryDirectory(prefix=f"folkmoot-serve-{n}-")
    project = (keep / f"serve-{n}") if keep is not None else Path(tmp.name) / "project"
    if project.exists():
        shutil.rmtree(project)
    synth.make_project(n, project, source=RUN_DIR)
    # A record from the middle of the list (every record has a page).
    slugs = sorted(p.name for p in (project / "assemblies").iterdir())
    slug = slugs[len(slugs) // 2]
    record = project / "assemblies" / slug / "assembly.yml"
    old_title = yaml.safe_load(record.read_text(encoding="utf-8"))["title"]
    port = free_port()
    url = f"http://127.0.0.1:{port}{serve_path(project)}assemblies/{slug}/"
    log = open(Path(tmp.name) / "serve.log", "w+")
    proc = subprocess.Popen([PYTHON, "-m", "folkmoot.cli", "--root", str(project), "serve",
                             "--dev-addr", f"127.0.0.1:{port}"], cwd=RUN_DIR, env=ENV, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        started = time.perf_counter()
        while not fetch(url):  # connection refused or 404 until the first build is served
            if proc.poll() is not None or time.perf_counter() - started > timeout:
                log.seek(0)
                raise RuntimeError(f"folkmoot serve did not serve {url}:\n{log.read()[-3000:]}")
            time.sleep(0.1)
        first_page_s = time.perf_counter() - started
        time.sleep(1.0)  # let the file watcher settle after the first build

        new_title = f"Benchmark Edit {os.getpid()} {int(time.time())}"
        text = record.read_text(encoding="utf-8")
        text, count = re.subn(r"^title:.*$", f"title: {new_title}", text, count=1, flags=re.MULTILINE)
        if count != 1:
            raise RuntimeError(f"{record} has no `title:` line")
        edited = time.perf_counter()
        record.write_text(text, encoding="utf-8")
        while new_title not in fetch(url):
            if proc.poll() is not None or time.perf_counter() - edited > timeout:
                log.seek(0)
                raise RuntimeError(f"the new title never appeared at {url}:\n{log.read()[-3000:]}")
            time.sleep(0.1)
        latency = time.perf_counter() - edited
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)  # the process group we started (start_new_session)
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        except ProcessLookupError:
            pass
        log.close()
        tmp.cleanup()
    return {"n": n, "slug": slug, "old_title": old_title, "url": url, "first_page_s": round(first_page_s, 2),
            "edit_to_visible_s": round(latency, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark folkmoot check/build on synthetic projects.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000], help="numbers of assemblies")
    parser.add_argument("--keep", type=Path, help="keep the generated projects (and sites) in DIR/N")
    parser.add_argument("--repeat", type=int, default=1, help="check/build runs per size; medians are reported")
    parser.add_argument("--no-profile", dest="profile", action="store_false", help="skip the cProfile build")
    parser.add_argument("--top", type=int, default=15, help="functions to list from the largest profile")
    parser.add_argument("--serve-edit", type=int, metavar="N",
                        help="only measure edit-to-visible latency under `folkmoot serve` for N assemblies")
    parser.add_argument("--ref", help="measure this commit (a git archive snapshot) instead of the working tree")
    parser.add_argument("--light", action="store_true", help="the first benchmarks' lighter synthetic records")
    args = parser.parse_args(argv)
    global RUN_DIR
    with tempfile.TemporaryDirectory(prefix="folkmoot-ref-") as scratch:
        measured = "working tree at " + git("rev-parse", "--short", "HEAD")
        if args.ref:
            RUN_DIR = Path(scratch)
            ENV["PYTHONPATH"] = str(RUN_DIR / "generator")
            measured = snapshot(args.ref, RUN_DIR)[:12]
            print(f"Measuring commit {measured} from a snapshot in {RUN_DIR}", file=sys.stderr, flush=True)
        return _main(args, measured)


def _main(args, measured: str) -> int:
    if args.keep is not None:
        args.keep = args.keep.resolve()
        args.keep.mkdir(parents=True, exist_ok=True)
    OUT.mkdir(parents=True, exist_ok=True)

    if args.serve_edit is not None:
        result = bench_serve_edit(args.serve_edit, args.keep)
        result["measured"] = measured
        print(f"serve, N={result['n']}: first page after {result['first_page_s']:.2f} s; "
              f"edit to visible: {result['edit_to_visible_s']:.2f} s ({result['url']})")
        (OUT / f"serve-edit-{args.serve_edit}.json").write_text(json.dumps(result, indent=2) + "\n")
        return 0

    head_before = git("rev-parse", "--short", "HEAD")
    results = [bench_size(n, args.keep, args.repeat, args.profile, args.top, args.light) for n in args.sizes]
    print(table(results))
    profiled = [r for r in results if "profile" in r]
    if profiled:
        print()
        print(top_table(max(profiled, key=lambda r: r["n"])))
    meta = {"python": sys.version.split()[0], "cpus": os.cpu_count(), "source_date_epoch": ENV["SOURCE_DATE_EPOCH"],
            "measured": measured,  # a commit (--ref) or the working tree
            "git_head": git("rev-parse", "--short", "HEAD"),
            "git_head_at_start": head_before,  # differs from git_head if someone committed during the run
            # generator/ files changed since HEAD (matters only when the working tree was measured)
            "generator_changes": git("status", "--porcelain", "--", "generator").splitlines()}
    (OUT / "results.json").write_text(json.dumps({"meta": meta, "results": results}, indent=2) + "\n")
    print(f"\nWrote {OUT / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
