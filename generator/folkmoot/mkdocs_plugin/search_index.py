"""Pagefind, run over the finished pages (a Rust binary from PyPI's pagefind[bin]).

A build waits for it; a preview leaves it running, and search catches up a
moment after the page is shown. Its index depends only on the pages it reads
and its own version, so a build whose pages are all as before links the
index the last build made (kept in the cache folder) instead of making it
again: on 1,000 assemblies that is a few seconds of a build with nothing new.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError

from folkmoot.engine import work
from folkmoot.engine.background import die_with_parent
from folkmoot.engine.cache import Cache, digest, file_digest, versions

# the page's own text (not the navigation) of every page but 404.html
PAGEFIND_ARGS = ["--root-selector", "article.md-content__inner:not([data-fm-nosearch])",
                 "--exclude-selectors", ".headerlink", "--glob", "**/index.html", "--silent"]


class SearchIndex:
    def __init__(self):
        self.process: subprocess.Popen | None = None
        self._keep: tuple[Cache, str, Path] | None = None  # where to keep the index being made

    def start(self, site_dir: str, background: bool = False, cache: Cache | None = None) -> None:
        """Index `site_dir`, stopping an indexing of an older preview first. `background`:
        nobody will `wait`, so a thread reaps it when it ends (else it stays a defunct
        process until the next rebuild) and logs what went wrong. `cache`: where the
        index of the same pages may be kept from an earlier build."""
        self.stop()
        self.process, self._keep = None, None
        if cache is not None and cache.folder is not None:
            key = _pages_key(Path(site_dir))
            if _restore(cache, key, Path(site_dir)):
                return
            self._keep = (cache, key, Path(site_dir))
        work.done("search index")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pagefind", "--site", site_dir, "--output-subdir", "pagefind", *PAGEFIND_ARGS],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, preexec_fn=die_with_parent)
        if background:
            threading.Thread(target=_reap, args=(self.process,), daemon=True).start()

    def wait(self) -> None:
        if self.process is None:  # linked from the cache
            return
        _, stderr = self.process.communicate()
        if self.process.returncode != 0:
            raise PluginError(f"The search index could not be built (pagefind: {stderr.strip()[:500]}).")
        if self._keep is not None:
            _store(*self._keep)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def _indexed(site_dir: Path) -> list[Path]:
    return sorted(site_dir.glob("**/index.html"))


def _pages_key(site_dir: Path) -> str:
    """Every page Pagefind reads, by address and content, with its version and settings."""
    return digest("pagefind v1", versions("pagefind", "pagefind-bin"), *PAGEFIND_ARGS,
                  *(f"{p.relative_to(site_dir).as_posix()}\0{file_digest(p)}" for p in _indexed(site_dir)))


def _restore(cache: Cache, key: str, site_dir: Path) -> bool:
    """Link the index kept under `key` into the site; False when it is not all there."""
    manifest = cache.load(key)
    if manifest is None:
        return False
    try:
        files = json.loads(manifest)
        sources = {name: cache.folder / k[:2] / k for name, k in files.items()}
        if not all(isinstance(k, str) and len(k) == 64 and k.isalnum() for k in files.values()) \
                or not all(p.is_file() for p in sources.values()):
            return False
    except (ValueError, AttributeError):
        return False
    out = (site_dir / "pagefind").resolve()
    for name, source in sources.items():
        dest = (out / name).resolve()
        if not dest.is_relative_to(out):
            shutil.rmtree(out, ignore_errors=True)
            return False
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, dest)
        except OSError:
            shutil.copyfile(source, dest)
    cache.used |= set(files.values())
    return True


def _store(cache: Cache, key: str, site_dir: Path) -> None:
    """Keep the index just made, file by file, and a list of them under `key`."""
    out = site_dir / "pagefind"
    files = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        data = path.read_bytes()
        files[path.relative_to(out).as_posix()] = k = digest("pagefind file", data)
        if cache.kept(k) is None:  # kept by its digest: a file already there is the same, and stays
            cache.store(k, data)
    cache.store(key, json.dumps(files).encode())


def _reap(process: subprocess.Popen) -> None:
    _, stderr = process.communicate()
    if process.returncode > 0:  # killed by `stop` for a newer preview: nothing to say
        logging.getLogger("mkdocs.plugins.folkmoot").warning(f"Search was not updated (pagefind: {stderr.strip()[:500]}).")
