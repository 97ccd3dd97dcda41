"""A folder of finished outputs kept between builds, named by a digest of
everything that went into them.

Re-encoding photos and drawing cards is the slowest work of a build, and
its result depends only on its inputs, so a build (or a `serve` rebuild)
reuses what an earlier one made. Like mkdocs-material's own plugins, the
cache lives in `.cache/plugin/<name>/` beside mkdocs.yml; deleting it is
always safe.
"""

from __future__ import annotations

import functools
import hashlib
import os
import threading
from pathlib import Path
from typing import Callable

from folkmoot.engine import work


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        # surrogateescape: a file name that is not UTF-8 (os.scandir gives its bytes as surrogates)
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


_DIGESTS: dict[str, tuple[tuple, str]] = {}  # path -> (size, mtime, inode, ...), digest: each file is read once


def file_digest(path: Path) -> str:
    st = path.stat()
    stamp = (st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev, st.st_ctime_ns)
    kept = _DIGESTS.get(str(path))
    if kept is not None and kept[0] == stamp:
        return kept[1]
    with path.open("rb") as f:
        found = hashlib.file_digest(f, "sha256").hexdigest()
    _DIGESTS[str(path)] = (stamp, found)
    return found


def folder_digest(folder: Path) -> str:
    """Every entry of `folder`, at any depth, by name, kind and content: links by their
    target, and named pipes and the like by kind alone (never opened)."""
    parts = []
    pending = [("", str(folder))]
    while pending:
        prefix, current = pending.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                name = prefix + entry.name
                if entry.is_symlink():
                    target = Path(entry.path)
                    content = file_digest(target) if target.is_file() else ""
                    parts.append(f"link\0{name}\0{os.readlink(entry.path)}\0{content}")
                elif entry.is_dir(follow_symlinks=False):
                    parts.append(f"folder\0{name}")
                    pending.append((name + "/", entry.path))
                elif entry.is_file(follow_symlinks=False):
                    parts.append(f"file\0{name}\0{entry.stat().st_mode & 0o444}\0{file_digest(Path(entry.path))}")
                else:
                    parts.append(f"other\0{name}")
    return digest(*sorted(parts))


def _whole(path: Path) -> bool:
    """A kept file that is there and not empty (see `Cache.store`)."""
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


@functools.lru_cache(maxsize=16)
def versions(*distributions: str) -> str:
    """The installed version of each distribution (those not installed left out): part of a
    cache key wherever another package shapes the output, so an upgrade makes it afresh."""
    from importlib import metadata

    found = []
    for name in distributions:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            pass
    return ", ".join(found)


CODE_SUFFIXES = (".py", ".j2", ".html", ".po", ".js")


def code_files() -> list[Path]:
    """Every file of folkmoot's own code, templates, theme partials and catalogues: the
    whole package, wherever the module that asks lives in it."""
    from folkmoot.resources import PACKAGE

    return sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in CODE_SUFFIXES)


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """folkmoot's own code (see `code_files`): what an older (or edited) folkmoot made is
    never reused."""
    from folkmoot.resources import PACKAGE

    return digest(*(f"{p.relative_to(PACKAGE).as_posix()}\0{file_digest(p)}" for p in code_files()))


class Cache:
    """`get(key, make)`: the bytes stored under `key`, or make() them and keep them.

    With no folder (or one that cannot be written) everything is made afresh."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.made = 0
        self.reused = 0
        self.used: set[str] = set()
        self._folders: set[Path] = set()  # made already, by `store`

    def get(self, key: str, make: Callable[[], bytes]) -> bytes:
        data = self.load(key)
        if data is None:
            data = make()
            self.store(key, data)
        return data

    def kept(self, key: str) -> Path | None:
        """The file kept under `key`, marked as used, or None when there is none (or no folder)."""
        if self.folder is None:
            return None
        path = self.folder / key[:2] / key
        if not _whole(path):
            return None
        self.used.add(key)
        return path

    def load(self, key: str) -> bytes | None:
        """What is kept under `key`, or None (an empty file is none: see `store`)."""
        self.used.add(key)
        if self.folder is None:
            return None
        try:
            data = (self.folder / key[:2] / key).read_bytes()
        except OSError:
            return None
        if not data:
            return None
        self.reused += 1
        return data

    def file(self, key: str, make: Callable[[], bytes]) -> bytes | Path:
        """Like `get`, but the kept file itself rather than its bytes, for the site to link
        to instead of copying (see `mkdocs_plugin.write_assets`); bytes only when nothing
        could be kept."""
        self.used.add(key)
        path = self.folder / key[:2] / key if self.folder is not None else None
        if path is not None and _whole(path):
            self.reused += 1
            return path
        data = make()
        return path if self.store(key, data) else data

    def store(self, key: str, data: bytes) -> bool:
        """Keep `data` under `key` (just made: counted as made); False when it could not be kept.

        Written whole under another name, then renamed: a build that stops, or two that
        race, never leave part of an entry. It is not forced to disk (fsync took a
        tenth of a cold build): if the machine itself loses power first, what ext4
        and most file systems leave is an empty file, which `load` and `file` take
        for no entry. Nothing empty is kept, so an empty entry is never right."""
        self.used.add(key)
        self.made += 1
        if self.folder is None or not data:
            return False
        path = self.folder / key[:2] / key
        tmp = path.parent / f".tmp-{os.getpid()}-{threading.get_ident()}-{key}"
        try:
            if path.parent not in self._folders:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._folders.add(path.parent)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.fchmod(fd, 0o644)  # readable like any file of the site, which may link to it
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except OSError:
            tmp.unlink(missing_ok=True)
            return False
        return True

    def tracked(self, make: Callable[[], object]) -> Callable[[], tuple[object, set[str], tuple[int, int, dict]]]:
        """`make`, returning also the keys it used, how many it made and reused, and the
        work it did (see `work`): a worker process's cache and tally are copies, so these
        travel back to be `merge`d."""

        def run():
            saved = self.used, self.made, self.reused
            self.used, self.made, self.reused = set(), 0, 0
            elsewhere = work.take()
            try:
                return make(), self.used, (self.made, self.reused, work.tally())
            finally:
                self.used, self.made, self.reused = saved
                work.take()
                work.add(elsewhere)

        return run

    def merge(self, used: set[str], made: int, reused: int, done: dict | None = None) -> None:
        self.used |= used
        self.made += made
        self.reused += reused
        work.add(done or {})

    def prune(self) -> int:
        """Remove what this build did not use (a changed photo's old copies), so the
        cache, and the copy CI keeps of it, stays the size of one build."""
        if self.folder is None or not self.folder.is_dir():
            return 0
        removed = 0
        for path in self.folder.glob("*/*"):
            if path.name not in self.used:
                try:
                    path.unlink()
                    removed += 1
                except OSError:
                    pass
        return removed


def project_cache(root: Path) -> Cache:
    return Cache(root / ".cache" / "plugin" / "folkmoot")
