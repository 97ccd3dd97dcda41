"""`folkmoot build` and `folkmoot serve`: check first, then let MkDocs build.

A build goes to a temporary folder next to the site folder and is swapped
in only when it succeeded, so a failed build never leaves a half-written site.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import threading
from pathlib import Path

from folkmoot.commands.check import check_project
from folkmoot.problems import Problems
from folkmoot.engine import uptodate
from folkmoot.engine.cache import project_cache
from folkmoot.engine.sitedir import make_staging, refusal, swap_in
from folkmoot.records.project import today
from folkmoot.records.settings import VISIBILITY


class BuildError(Exception):
    """Why nothing was built, worded for the volunteer."""


def _describe(problems: Problems) -> str:
    lines = [str(p) for p in problems.sorted()]
    lines.append(f"{len(problems.errors)} error(s): nothing was built and the old site was left as it was. "
                 "Fix the errors above and build again.")
    return "\n".join(lines)


def _load_config(root: Path, **overrides):
    from mkdocs import config as mkdocs_config
    from mkdocs.exceptions import ConfigurationError

    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        raise BuildError(f"{config_file}: there is no mkdocs.yml here. Run folkmoot from the project's top folder.")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        return mkdocs_config.load_config(str(config_file), **overrides)
    except ConfigurationError as exc:
        raise BuildError(f"mkdocs.yml: {exc}") from None


def _load_checked_config(root: Path, target: Path, staging: Path, strict: bool):
    config = _load_config(root, site_dir=str(staging), strict=strict)
    docs_dir = Path(config.docs_dir)
    reason = refusal(root, target, docs_dir)
    if reason:
        raise BuildError(f"Nothing was built: {reason}")
    return config


class _Stopped(BaseException):
    """SIGTERM during a build: unwinds like Ctrl-C so the staging folder is removed."""


def _stop(signum, frame):
    raise _Stopped()


def build_site(root: Path, site_dir: Path | None = None, strict: bool = False) -> Path:
    """Check, build into a staging folder, swap it in. Raises BuildError, worded for volunteers."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

    root = root.resolve()
    target = (site_dir or root / "site").resolve()
    reason = refusal(root, target)
    if reason:  # before anything else, so a mistyped --site-dir costs nothing
        raise BuildError(f"Nothing was built: {reason}")
    # as `make` does: made from the same inputs as the site already there, the build keeps it
    stamps = project_cache(root).folder
    key = uptodate.inputs(root, target, (os.environ.get("SOURCE_DATE_EPOCH", "").strip() or today().isoformat(),
                                         os.environ.get(VISIBILITY, ""), f"strict={strict}"))
    kept = uptodate.unchanged(stamps, key, target)
    if kept is not None:
        for warning in kept:
            print(warning)
        print(f"Nothing changed since the last build (records, pages, settings, folkmoot, the day): "
              f"the site in {target} is up to date.")
        return target
    uptodate.forget(stamps)  # whatever happens next, the site there is no longer the stamped one
    project, problems = check_project(root)
    if problems.errors:
        raise BuildError(_describe(problems))
    for warning in problems.warnings:
        print(warning)

    try:
        staging = make_staging(target)
    except OSError as exc:
        raise BuildError(f"Nothing was built: the folder for the site cannot be made ({exc.strerror}: {target.parent}).") from None
    on_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _stop) if on_main_thread else None
    plugin = None
    try:
        config = _load_checked_config(root, target, staging, strict)
        plugin = config.plugins.get("folkmoot")
        if plugin is not None:
            plugin.preloaded = (project, problems)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        swap_in(staging, target)
        uptodate.remember(stamps, key, target, [str(w) for w in problems.warnings])
    except BaseException as exc:
        if plugin is not None:
            plugin.stop_background()
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, (Abort, MkDocsException)):
            detail = getattr(plugin, "failure", "") or str(exc)
            raise BuildError(f"The site was not built: {detail}\nThe old site was left as it was.") from None
        if isinstance(exc, OSError):
            where = f" ({exc.filename})" if exc.filename else ""
            raise BuildError(f"The site could not be written: {exc.strerror or exc}{where}. Is the disk full? "
                             "The old site was left as it was.") from None
        if isinstance(exc, _Stopped):
            raise BuildError("The build was stopped; the old site was left as it was.") from None
        raise
    finally:
        if on_main_thread:
            signal.signal(signal.SIGTERM, previous)
    return target


def serve(root: Path, dev_addr: str) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import Abort, MkDocsException

    root = root.resolve()
    _, problems = check_project(root)
    for problem in problems.sorted():
        print(problem)
    if problems.errors:
        raise BuildError(_describe(problems).replace("nothing was built", "the preview did not start"))
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    # stopped by `kill`, a service manager or a closed terminal: unwind as after Ctrl-C, so
    # MkDocs removes its temporary preview folder
    previous = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        # dirty: after an edit, only pages whose content changed are rebuilt
        mkdocs_serve(config_file=str(root / "mkdocs.yml"), dev_addr=dev_addr, livereload=True, build_type="dirty")
    except (Abort, MkDocsException) as exc:
        raise BuildError(f"The preview stopped: {exc}") from None
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _interrupt(signum, frame):
    raise KeyboardInterrupt
