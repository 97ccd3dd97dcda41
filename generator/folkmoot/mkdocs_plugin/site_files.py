"""Writing into, and tidying, the folder MkDocs builds: never outside it."""

from __future__ import annotations

import os
import posixpath
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError


def write_assets(assets, site_dir: Path) -> list[str]:
    """Write generated files into the built site, never outside it.

    A photo, card or document kept in the cache folder is linked, not copied: a
    thousand assemblies' are some 350 MB to write and, on the next build, to delete.
    Nothing writes into a published file (a file is replaced, never rewritten in
    place), so the site and the cache can share it; GitHub's Pages upload copies
    links as files. Where a link cannot be made (another disk), the file is copied."""
    for asset in assets:
        dest = (site_dir / asset.dest_uri).resolve()
        if not dest.is_relative_to(site_dir):
            raise PluginError(f"Refusing to write {asset.dest_uri} outside the site folder.")
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.unlink(missing_ok=True)  # a preview's earlier link: writing through it would change the cache
        if isinstance(asset.content, Path):
            try:
                os.link(asset.content, dest)
            except OSError:
                shutil.copyfile(asset.content, dest)
        else:
            dest.write_bytes(asset.content)
    return [asset.dest_uri for asset in assets]


def remove_files(uris, site_dir: Path) -> None:
    """Remove these files of the site (what a preview no longer makes), never outside it."""
    for uri in uris:
        path = (site_dir / uri).resolve()
        if path.is_relative_to(site_dir) and path != site_dir and path.is_file():
            path.unlink(missing_ok=True)  # the preview may be removing its folder just now


def drop_stale(previous: set[str], current: set[str], site_dir: Path) -> set[str]:
    """A preview builds over the last one: remove what no longer exists (a deleted
    record, one turned back into a draft, a theme now unused), whole folders at once.
    Gives back `current`, the next preview's `previous`."""
    folders = {posixpath.dirname(uri) for uri in current}
    for uri in sorted(previous - current):
        folder = posixpath.dirname(uri)
        gone = folder and not any(f == folder or f.startswith(folder + "/") for f in folders)
        path = (site_dir / (folder if gone else uri)).resolve()
        if not path.is_relative_to(site_dir) or path == site_dir:
            continue
        if gone:
            shutil.rmtree(path, ignore_errors=True)
        elif path.is_file():
            path.unlink()
    return current
