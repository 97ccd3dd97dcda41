"""Where a build may write, and how a finished build replaces the old site.

Building replaces the whole site folder, so a mistyped `--site-dir` (or
`site_dir:` in mkdocs.yml) must never name the records: only a folder that
is missing, empty, the default `site/`, or marked as a previous folkmoot
build may be replaced. Builds happen in a staging folder beside the target
and are swapped in at once; staging folders left by a killed build are
removed by the next one.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

MARKER = ".folkmoot-site"  # written into every built site
MARKER_TEXT = "This folder was built by folkmoot; the next build replaces it whole.\n"
STAGING = ".site-staging-"  # .site-staging-<pid>-<random>
PROTECTED = ("assemblies", "templates", ".git", "generator", "tests", ".cache")


def refusal(root: Path, target: Path, docs_dir: Path | None = None) -> str | None:
    """Why `target` must not be replaced by a built site, or None when it may be."""
    root, target = root.resolve(), target.resolve()
    if target == root or root.is_relative_to(target):
        return (f"`{target}` holds the project itself (mkdocs.yml, the records); building there would delete them. "
                "Build into `site/` (leave --site-dir out) or a new, empty folder.")
    protected = [root / name for name in PROTECTED] + ([docs_dir.resolve()] if docs_dir else [])
    for folder in protected:
        if target == folder or target.is_relative_to(folder):
            return (f"`{target}` is inside `{folder.name}/`, which holds your own files; building there would "
                    "delete or mix with them. Build into `site/` (leave --site-dir out) or a new, empty folder.")
    if not os.path.lexists(target):
        return None
    if target.is_symlink() or not target.is_dir():
        return (f"`{target}` is a file, not a folder; building there would replace it. "
                "Choose a folder name that is not taken, such as `site`.")
    if (target / MARKER).is_file() or target == root / "site" or not any(target.iterdir()):
        return None
    return (f"`{target}` already holds files that folkmoot did not build (it has no `{MARKER}` mark), and a build "
            "replaces the whole folder. Choose a new or empty folder, or move those files away first.")


def mark(site_dir: Path) -> None:
    (site_dir / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


OLD_SITES = Path(".cache") / "old-sites"  # beside the site: what `discard` has yet to delete


def discard(old: Path) -> None:
    """Delete a replaced site without waiting for it (10,000 files take seconds): it is
    moved into the project's hidden .cache folder, where no reader of the project sees it,
    and deleted there by a process of its own, which the next build also finishes if
    it was stopped. Where there is no .cache beside it, it is deleted here and now."""
    moved = old.parent / OLD_SITES / old.name
    if (old.parent / ".cache").is_dir():
        try:
            moved.parent.mkdir(exist_ok=True)
            old.rename(moved)
            subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                              str(moved)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
            return
        except OSError:
            old = moved if moved.exists() else old
    shutil.rmtree(old, ignore_errors=True)


def clear_leftovers(parent: Path) -> None:
    """Remove staging folders of builds that were killed (their process is gone), and old
    sites whose deleting stopped half-way."""
    if not parent.is_dir():
        return
    for folder in [*parent.glob(f"{STAGING}*"), *(parent / OLD_SITES).glob(f"{STAGING}*")]:
        pid = folder.name[len(STAGING):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)) and folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)


def make_staging(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    clear_leftovers(target.parent)
    return Path(tempfile.mkdtemp(prefix=f"{STAGING}{os.getpid()}-", dir=target.parent))


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where that is not available."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def swap_in(staging: Path, target: Path) -> None:
    """Make `staging` the site at `target`; the old site is gone after, never half there."""
    os.chmod(staging, 0o755)
    if not os.path.lexists(target):
        staging.rename(target)
        return
    if _exchange(staging, target):
        discard(staging)  # now the old site
        return
    old = target.with_name(f"{STAGING}{os.getpid()}-old")
    target.rename(old)
    staging.rename(target)
    discard(old)
