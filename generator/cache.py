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
import tempfile
from pathlib import Path
from typing import Callable


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def file_digest(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """folkmoot's own code, templates, theme partials and catalogues: what an older (or
    edited) folkmoot made is never reused."""
    package = Path(__file__).parent
    files = sorted(p for p in package.rglob("*") if p.is_file() and p.suffix in (".py", ".j2", ".html", ".po", ".js"))
    return digest(*(f"{p.relative_to(package).as_posix()}\0{file_digest(p)}" for p in files))


class Cache:
    """`get(key, make)`: the bytes stored under `key`, or make() them and keep them.

    With no folder (or one that cannot be written) everything is made afresh."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.made = 0
        self.reused = 0
        self.used: set[str] = set()

    def get(self, key: str, make: Callable[[], bytes]) -> bytes:
        self.used.add(key)
        path = self.folder / key[:2] / key if self.folder is not None else None
        if path is not None:
            try:
                data = path.read_bytes()
                self.reused += 1
                return data
            except OSError:
                pass
        data = make()
        self.made += 1
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                os.replace(tmp, path)  # whole or not at all, even if two builds race
            except OSError:
                pass
        return data


    def tracked(self, make: Callable[[], object]) -> Callable[[], tuple[object, set[str], tuple[int, int]]]:
        """`make`, returning also the keys it used and how many it made and reused: a
        worker process's cache is a copy, so these travel back to be `merge`d."""

        def run():
            saved = self.used, self.made, self.reused
            self.used, self.made, self.reused = set(), 0, 0
            try:
                return make(), self.used, (self.made, self.reused)
            finally:
                self.used, self.made, self.reused = saved

        return run

    def merge(self, used: set[str], made: int, reused: int) -> None:
        self.used |= used
        self.made += made
        self.reused += reused

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
