"""Pagefind (a Rust binary from PyPI's pagefind[bin]) indexes the finished pages.

A build feeds it each page as MkDocs finishes it (`begin`, `add`, `finish`),
through Pagefind's own service: it indexes while MkDocs writes the rest, on
the core MkDocs leaves idle, and the build waits only for the index itself.
Only the pages search shows are fed; the lists, evidence and share pages
(`data-fm-nosearch`) are not read at all.

A preview runs the command over the site instead, and leaves it running:
search catches up a moment after the page is shown.

Its index depends only on the pages it reads and its own version, so a
build whose pages are all as before links the index the last build made
(kept in the cache folder) instead of writing it again.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import queue
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
ROOT, LEFT_OUT, NO_SEARCH = "article.md-content__inner:not([data-fm-nosearch])", ".headerlink", "data-fm-nosearch"
SERVICE = [sys.executable, "-m", "pagefind", "--service"]  # what a build feeds (see `_Stream`)
PAGEFIND_ARGS = ["--root-selector", ROOT, "--exclude-selectors", LEFT_OUT, "--glob", "**/index.html", "--silent"]


class SearchIndex:
    def __init__(self):
        self.process: subprocess.Popen | None = None
        self._keep: tuple[Cache, str, Path] | None = None  # where to keep the index being made
        self._stream: _Stream | None = None

    def begin(self) -> None:
        """A build: Pagefind starts, and is fed each page as it is finished (`add`)."""
        self.stop()
        self._stream = _Stream()

    def add(self, url: str, html: str) -> None:
        """A finished page at `url` (MkDocs' page.url), which search may show."""
        if self._stream is not None and NO_SEARCH not in html:
            self._stream.add("/" + url, html)

    def finish(self, site_dir: str, cache: Cache) -> None:
        """The build's pages are all written: link the index kept for the very same pages,
        or wait for Pagefind to write the one it made (and keep it)."""
        stream, self._stream = self._stream, None
        if stream is None:  # nothing was fed (no page was written by this build): index the folder
            self.start(site_dir, cache=cache)
            self.wait()
            return
        key = digest("pagefind v2", versions("pagefind", "pagefind-bin"), ROOT, LEFT_OUT, stream.digest.hexdigest())
        if cache.folder is not None and _restore(cache, key, Path(site_dir)):
            stream.close(write=False)
            return
        work.done("search index")
        try:
            files = stream.close(write=True)
        except Exception as exc:  # Pagefind's own message: what the volunteer can act on
            raise PluginError(f"The search index could not be built (pagefind: {str(exc).strip()[:500]}).") from None
        out = Path(site_dir).resolve() / "pagefind"
        for name, data in files.items():
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            (out / name).write_bytes(data)
        if cache.folder is not None:  # kept from what the service gave, not read back from the site
            _keep(cache, key, files)

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
            cache, key, site_dir = self._keep
            out = site_dir / "pagefind"
            _keep(cache, key, {p.relative_to(out).as_posix(): p.read_bytes()
                               for p in sorted(out.rglob("*")) if p.is_file()})

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self._stream is not None:
            self._stream.close(write=False)
            self._stream = None


class _Stream:
    """Pagefind's service, fed pages in the order MkDocs finishes them; `close` writes the
    index, or not. It speaks the service's own protocol (each message base64 JSON and a
    comma, as `pagefind.service` does): the Python API waits a tenth of a second for each
    answer, which for 1,000 pages is longer than indexing them. A thread writes the
    pages, so MkDocs never waits for Pagefind; another reads the answers, so Pagefind
    never waits for us."""

    def __init__(self):
        self.digest = hashlib.sha256()  # every page fed, by address and content: the index's key
        self._process = subprocess.Popen(SERVICE, stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, preexec_fn=die_with_parent)
        self._outbox: queue.Queue = queue.Queue()
        self._sent = 0
        self._failure = ""
        self._answered, self._created, self._index = threading.Event(), threading.Event(), 0
        self._files: list[dict] = []  # the bundle, as the service gives it back
        for work_of in (self._write, self._read):
            threading.Thread(target=work_of, daemon=True).start()
        self._send({"type": "NewIndex", "config": {"root_selector": ROOT, "exclude_selectors": [LEFT_OUT]}})

    def _send(self, payload: dict) -> None:
        self._sent += 1
        self._outbox.put({"message_id": self._sent, "payload": payload})

    def _write(self) -> None:
        try:
            while (message := self._outbox.get()) is not None:
                self._process.stdin.write(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")
                if self._outbox.empty():  # nothing more to send for now: Pagefind gets what it has
                    self._process.stdin.flush()
            self._process.stdin.close()
        except OSError:
            pass  # Pagefind stopped: `_read` says why

    def _read(self) -> None:
        buffer, start = bytearray(), 0  # the index comes back as one message of megabytes
        while chunk := self._process.stdout.read1(1 << 16):
            buffer += chunk
            while (end := buffer.find(b",", start)) != -1:
                self._answer(json.loads(base64.b64decode(bytes(buffer[:end]))))
                del buffer[:end + 1]
                start = 0
            start = len(buffer)
        if not self._answered.is_set():
            self._failure = self._failure or "it stopped before writing the index"
        self._created.set()
        self._answered.set()

    def _answer(self, found: dict) -> None:
        payload = found.get("payload", {})
        if payload.get("type") == "Error":
            self._failure = self._failure or str(payload.get("message", "an error"))
        elif payload.get("type") == "NewIndex":
            self._index = payload.get("index_id", 0)
            self._created.set()
        elif payload.get("type") == "GetFiles":
            self._files = payload.get("files") or []
            self._answered.set()

    def add(self, url: str, html: str) -> None:
        self.digest.update(f"{len(url)}:{url}{len(html)}:".encode() + html.encode())
        if not self._created.is_set():  # once, for the first page: the index's number
            self._created.wait()
        self._send({"type": "AddFile", "index_id": self._index, "url": url, "file_contents": html, "file_path": None})

    def close(self, write: bool) -> dict[str, bytes]:
        """With `write`, the index's files by name, asked of the service (not written by it:
        it answers WriteFiles before its files are all written, and leaves some of them
        empty if it is told to end just then); without, nothing."""
        if write:
            self._created.wait()
            self._send({"type": "GetFiles", "index_id": self._index})
            self._answered.wait()
        self._outbox.put(None)
        if not write:
            self._process.kill()
        self._process.wait()
        if not write:
            return {}
        if self._failure:
            raise RuntimeError(self._failure)
        files = {}
        for file in self._files:
            name = str(file.get("path", ""))
            if not Path(name).parts or Path(name).is_absolute() or ".." in Path(name).parts:
                raise RuntimeError(f"it named a file outside its folder: {name!r}")
            files[Path(name).as_posix()] = base64.b64decode(file.get("content", ""))
        return files


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


def _keep(cache: Cache, key: str, files: dict[str, bytes]) -> None:
    """Keep an index, file by file under each one's digest, and a list of them under `key`."""
    kept = {}
    for name, data in sorted(files.items()):
        kept[name] = k = digest("pagefind file", data)
        if cache.kept(k) is None:  # kept by its digest: a file already there is the same, and stays
            cache.store(k, data)
    cache.store(key, json.dumps(kept).encode())


def _reap(process: subprocess.Popen) -> None:
    _, stderr = process.communicate()
    if process.returncode > 0:  # killed by `stop` for a newer preview: nothing to say
        logging.getLogger("mkdocs.plugins.folkmoot").warning(f"Search was not updated (pagefind: {stderr.strip()[:500]}).")
