#!/usr/bin/env python3
"""Refresh the form editor folkmoot ships at /admin/: Sveltia CMS, pinned, with every file
it would fetch from elsewhere (fonts, interface languages, Safari's WebP encoder) served
beside it, so that the editor makes no request outside the site's origin.

    make vendor-editor        # python maintenance/vendor_editor.py

To move to a new Sveltia version: change the version and integrity in PACKAGES (from
`npm view @sveltia/cms@X dist.integrity`), run this, run `make test`. Each address the
bundle builds is rewritten from an exact text; when a new version changes one, this stops
with exit 2 and names it, rather than shipping an editor that calls out.

Python 3.11, stdlib only; shells out to `npm pack` and `npm view` (npm registry only).

    python maintenance/vendor_editor.py [--out OUT] [--locales all|none|de,fr,...] [--with exifr,react-dom]
                                        [--without jsquash] [--cache DIR]

Output layout (OUT, by default generator/folkmoot/assets/admin/, is served at /admin/):
    OUT/sveltia-cms.js                       patched bundle (classic script, no type=module)
    OUT/chunks/react-dom.js                  only with --with react-dom
    OUT/vendor/fonts/*.woff2 + licences      from @sveltia/cms npm/assets (== @fontsource files)
    OUT/vendor/githubstatus.json             stub: {"status":{"indicator":"none"}}
    OUT/vendor/npm/<pkg>@<ver>/...           mirrors the unpkg URL layout the bundle builds
    OUT/vendor/LICENSES/*, OUT/vendor/MANIFEST.json
Exit status: 0 ok; 2 an expected pattern was missing/duplicated or a forbidden one remains;
3 integrity mismatch; 4 npm failure.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

# name -> (version, sha512 integrity pinned here; also compared with the registry's dist.integrity)
PACKAGES = {
    "@sveltia/cms": ("0.221.1", "sha512-J+Qoik9kGMk2L7vNpOQrnDmFRi+NB6vwJ0f657YtsxWH0P8WYSYRRSRC2pQ/jGGbVlM//Pg/WIgmkpswqoo3gQ=="),
    "@jsquash/webp": ("1.5.0", "sha512-KggLoj2MnRSfIqTeKe1EmbljTX2vuV7mh79k89PCL1pyqiDULcPM1L47twxXt0hkb68F70bXiL31MxsuoZtKFw=="),
    "wasm-feature-detect": ("1.9.0", "sha512-zonE+xlIIYtxPy++L24ow0hAD8CICb4+FgPyROd3buyXIqsJvUEDkBgfCCoXOd1Hu3DUr0GOfnPIdcGV+YpNaA=="),
    "exifr": ("7.1.3", "sha512-g/aje2noHivrRSLbAUtBPWFbxKdKhgj/xr1vATDdUXPOFYJlQ62Ft0oy+72V6XLIpDJfHs6gXLbBLAolqOXYRw=="),
}
CMS_VERSION = PACKAGES["@sveltia/cms"][0]
BASE = "__SVELTIA_VENDOR_BASE__"  # global set by the prologue: absolute URL of OUT/vendor/
PROLOGUE = (
    "var " + BASE + "=new URL('vendor/',(document.currentScript||"
    "document.querySelector('script[src*=\"sveltia-cms\"]')||{src:location.href}).src).href;\n"
)
FONTS = {  # jsDelivr URL in bundle -> file in @sveltia/cms tarball (byte-identical to @fontsource)
    "https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2":
        "npm/assets/source-sans-3-latin-wght-normal-BqRLTx4X.woff2",
    "https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2":
        "npm/assets/noto-mono-latin-400-normal-DiC8lJru.woff2",
    "https://cdn.jsdelivr.net/fontsource/fonts/material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2":
        "npm/assets/material-symbols-outlined-latin-wght-normal-_Z1IJPLg.woff2",
}
# (what, exact old text, new text, expected count). All unpkg loaders go through these four literals.
REWRITES = [
    ("unpkg generic dep loader JW()", "`https://unpkg.com/${e}`", "`${" + BASE + "}npm/${e}`", 1),
    ("unpkg @shikijs base", "`https://unpkg.com/@shikijs`", "`${" + BASE + "}npm/@shikijs`", 1),
    ("unpkg @sveltia/ui base (shiki engine)", "`https://unpkg.com/@sveltia/ui`", "`${" + BASE + "}npm/@sveltia/ui`", 1),
    ("unpkg @sveltia/cms base (update check, locales, chunk fallback, schema)",
     "`https://unpkg.com/@sveltia/cms`", "`${" + BASE + "}npm/@sveltia/cms`", 1),
    ("githubstatus.com status API", "`https://www.githubstatus.com/api/v2/status.json`",
     "`${" + BASE + "}githubstatus.json`", 1),
] + [
    (f"font {Path(k).parent.name}", f"src:url({k})",
     "src:url(${" + BASE + "}fonts/" + Path(v).name.rsplit("-", 1)[0] + ".woff2)", 1)
    for k, v in FONTS.items()
]
# Must not survive in the patched bundle: the hosts it loads code, fonts and languages from. (Links in its
# help texts, and the GitHub API the editor saves through, are not loaded by a page and stay.)
FORBIDDEN = ["unpkg.com", "cdn.jsdelivr.net", "githubstatus.com/api", "sourceMappingURL"]


def die(code: int, msg: str) -> None:
    print(f"vendor_editor.py: ERROR: {msg}", file=sys.stderr)
    sys.exit(code)


def npm(*args: str, cwd: Path | None = None) -> str:
    try:
        r = subprocess.run(["npm", *args], cwd=cwd, check=True, capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError) as e:
        die(4, f"npm {' '.join(args)} failed: {getattr(e, 'stderr', e)}")
    return r.stdout


def sri(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def fetch(name: str, cache: Path) -> tarfile.TarFile:
    version, pinned = PACKAGES[name]
    spec = f"{name}@{version}"
    registry = json.loads(npm("view", spec, "dist.integrity", "--json"))
    if registry != pinned:
        die(3, f"{spec}: registry integrity {registry} != pinned {pinned}")
    cache.mkdir(parents=True, exist_ok=True)
    fname = name.lstrip("@").replace("/", "-") + f"-{version}.tgz"
    tgz = cache / fname
    if not tgz.exists():
        out = json.loads(npm("pack", spec, "--json", "--pack-destination", str(cache)))
        tgz = cache / out[0]["filename"]
    data = tgz.read_bytes()
    got = sri(data)
    if got != pinned:
        die(3, f"{spec}: tarball {tgz} sha512 {got} != {pinned}")
    print(f"ok  {spec:28} {len(data):>9} B  {got[:27]}...")
    return tarfile.open(fileobj=io.BytesIO(data), mode="r:gz")


def member(tf: tarfile.TarFile, path: str) -> bytes:
    try:
        f = tf.extractfile("package/" + path)
    except KeyError:
        f = None
    if f is None:
        die(2, f"file missing from tarball: {path}")
    return f.read()


def write(out: Path, rel: str, data: bytes) -> None:
    p = out / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)


def patch_bundle(src: str) -> str:
    for what, old, new, n in REWRITES:
        c = src.count(old)
        if c != n:
            die(2, f"pattern for {what!r} found {c}x, expected {n}x: {old}")
        src = src.replace(old, new)
    tail = "\n//# sourceMappingURL=sveltia-cms.js.map"
    if src.count(tail) != 1:
        die(2, "sourceMappingURL comment not found")
    src = PROLOGUE + src.replace(tail, "\n")
    for bad in FORBIDDEN:
        if bad in src:
            die(2, f"forbidden string still in patched bundle: {bad}")
    return src


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "generator/folkmoot/assets/admin")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "sveltia-npm-cache")
    ap.add_argument("--locales", default="all", help="all | none | comma list, e.g. de,fr")
    ap.add_argument("--with", dest="extra", default="", help="optional: exifr,react-dom")
    ap.add_argument("--without", default="", help="jsquash (drops Safari WebP encoder)")
    a = ap.parse_args()
    extra = {x for x in a.extra.split(",") if x}
    without = {x for x in a.without.split(",") if x}
    out: Path = a.out
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    manifest: dict = {"packages": {}, "files": {}}

    cms = fetch("@sveltia/cms", a.cache)
    manifest["packages"]["@sveltia/cms"] = PACKAGES["@sveltia/cms"]
    write(out, "sveltia-cms.js", patch_bundle(member(cms, "dist/sveltia-cms.js").decode()).encode())
    v = "vendor/"
    write(out, v + "LICENSES/sveltia-cms.LICENSE.txt", member(cms, "LICENSE.txt"))
    for tpath in FONTS.values():
        write(out, v + "fonts/" + Path(tpath).name.rsplit("-", 1)[0] + ".woff2", member(cms, tpath))
    for lic in ("material-symbols-outlined", "noto-mono", "source-sans-3"):
        write(out, v + f"LICENSES/{lic}.LICENSE.txt", member(cms, f"npm/assets/{lic}.LICENSE.txt"))
    write(out, v + "githubstatus.json", b'{"status":{"indicator":"none"}}\n')
    # hourly update check fetches <base>/npm/@sveltia/cms/package.json; same version => no notice
    write(out, v + "npm/@sveltia/cms/package.json", json.dumps({"version": CMS_VERSION}).encode())
    all_loc = sorted(m.name.split("/")[-1][:-5] for m in cms.getmembers()  # en-US is built in
                     if m.name.startswith("package/locales/") and m.name.endswith(".json")
                     and not m.name.endswith("/en-US.json"))
    wanted = all_loc if a.locales == "all" else [] if a.locales == "none" else a.locales.split(",")
    for loc in wanted:
        write(out, v + f"npm/@sveltia/cms@{CMS_VERSION}/locales/{loc}.json",
              member(cms, f"locales/{loc}.json"))
    if "react-dom" in extra:  # only for React-based custom widgets/previews/editor components
        write(out, "chunks/react-dom.js", member(cms, "dist/chunks/react-dom.js")
              .replace(b"\n//# sourceMappingURL=react-dom.js.map", b"\n"))

    if "jsquash" not in without:  # WebP encoding where canvas can't (Safari)
        jv, wv = PACKAGES["@jsquash/webp"][0], PACKAGES["wasm-feature-detect"][0]
        jq, wf = fetch("@jsquash/webp", a.cache), fetch("wasm-feature-detect", a.cache)
        manifest["packages"]["@jsquash/webp"] = PACKAGES["@jsquash/webp"]
        manifest["packages"]["wasm-feature-detect"] = PACKAGES["wasm-feature-detect"]
        base = v + f"npm/@jsquash/webp@{jv}/"
        enc = member(jq, "encode.js").decode()
        old = "from 'wasm-feature-detect';"
        if enc.count(old) != 1:
            die(2, f"pattern {old!r} not found once in @jsquash/webp/encode.js")
        write(out, base + "encode.js",
              enc.replace(old, f"from '../../wasm-feature-detect@{wv}/dist/esm/index.js';").encode())
        for f in ("meta.js", "utils.js", "codec/enc/webp_enc.js", "codec/enc/webp_enc.wasm",
                  "codec/enc/webp_enc_simd.js", "codec/enc/webp_enc_simd.wasm"):
            write(out, base + f, member(jq, f))
        write(out, v + f"npm/wasm-feature-detect@{wv}/dist/esm/index.js", member(wf, "dist/esm/index.js"))
        write(out, v + "LICENSES/jsquash-webp.LICENSE", member(jq, "LICENSE"))
        # as .txt: a .md file in the site would become a page
        write(out, v + "LICENSES/jsquash-webp.codec.LICENSE.txt", member(jq, "codec/LICENSE.codec.md"))
        write(out, v + "LICENSES/wasm-feature-detect.LICENSE", member(wf, "LICENSE"))
    if "exifr" in extra:  # only reads capture date/GPS of uploaded images for the asset info panel
        ev = PACKAGES["exifr"][0]
        ex = fetch("exifr", a.cache)
        manifest["packages"]["exifr"] = PACKAGES["exifr"]
        write(out, v + f"npm/exifr@{ev}/dist/lite.esm.mjs", member(ex, "dist/lite.esm.mjs"))
        write(out, v + "LICENSES/exifr.LICENSE", member(ex, "LICENSE"))

    # the schema folkmoot's generated config is tested against (tests/test_editor.py); not published
    write(out, v + f"npm/@sveltia/cms@{CMS_VERSION}/schema/sveltia-cms.json", member(cms, "schema/sveltia-cms.json"))

    files = sorted(p for p in out.rglob("*") if p.is_file())
    for p in files:
        manifest["files"][p.relative_to(out).as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
    write(out, v + "MANIFEST.json", json.dumps(manifest, indent=1, sort_keys=True).encode())
    files = sorted(p for p in out.rglob("*") if p.is_file())
    buf = io.BytesIO()
    groups: dict[str, list[int]] = {}
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for p in files:
            rel = p.relative_to(out).as_posix()
            z.write(p, rel)
            info = z.getinfo(rel)
            g = ("bundle" if rel == "sveltia-cms.js" else "fonts" if "/fonts/" in rel
                 else "locales" if "/locales/" in rel else "jsquash" if "jsquash" in rel or "wasm-feature" in rel
                 else "other")
            s = groups.setdefault(g, [0, 0])
            s[0] += info.file_size
            s[1] += info.compress_size
    print(f"{'group':10} {'raw':>10} {'deflated':>10}")
    for g, (r, c) in sorted(groups.items()):
        print(f"{g:10} {r:>10} {c:>10}")
    raw = sum(s[0] for s in groups.values())
    comp = sum(s[1] for s in groups.values())
    print(f"{'TOTAL':10} {raw:>10} {comp:>10}  ({len(files)} files; zip of folder {len(buf.getvalue())} B)")


if __name__ == "__main__":
    main()
