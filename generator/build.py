"""`folkmoot build` and `folkmoot serve`: check first, then let MkDocs build.

A build goes to a temporary folder next to the site folder and is swapped
in only when it succeeded, so a failed build never leaves a half-written site.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from .checks import check_project
from .problems import Problems


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


def build_site(root: Path, site_dir: Path | None = None, strict: bool = False) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

    root = root.resolve()
    project, problems = check_project(root)
    if problems.errors:
        raise BuildError(_describe(problems))
    for warning in problems.warnings:
        print(warning)

    target = (site_dir or root / "site").resolve()
    if target == root or root.is_relative_to(target):
        raise BuildError(f"{target}: refusing to build into the project folder itself; choose another --site-dir.")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=target.parent))
    try:
        config = _load_config(root, site_dir=str(staging), strict=strict)
        plugin = config.plugins.get("folkmoot")
        if plugin is not None:
            plugin.preloaded = (project, problems)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, MkDocsException) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildError(f"The site was not built: {exc}\nThe old site was left as it was.") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    os.chmod(staging, 0o755)
    old = None
    if target.exists():
        old = target.with_name(f".site-old-{os.getpid()}")
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
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
    try:
        # dirty: after an edit, only pages whose content changed are rebuilt
        mkdocs_serve(config_file=str(root / "mkdocs.yml"), dev_addr=dev_addr, livereload=True, build_type="dirty")
    except (Abort, MkDocsException) as exc:
        raise BuildError(f"The preview stopped: {exc}") from None
