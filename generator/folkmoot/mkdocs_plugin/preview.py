"""What `serve` adds to a build: a box on every page listing what is wrong with
the records, and watching folders that are replaced whole."""

from __future__ import annotations

import html
import re
import os
from pathlib import Path

from folkmoot.problems import Problem


def _code(text: str) -> str:
    """A problem's words as HTML: escaped, with what it quotes between backticks as code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text))


def banner(errors: list[Problem]) -> str:
    items = "".join(f"<li><code>{html.escape(f'{p.path}:{p.line}' if p.line else p.path)}</code> "
                    f"{_code(p.message)} {_code(p.hint)}</li>" for p in sorted(errors))
    n = len(errors)
    return (f'<div class="admonition failure fm-preview-errors" role="alert">'
            f'<p class="admonition-title">This preview is out of date: {n} error{"s" if n != 1 else ""} to fix</p>'
            f"<ul>{items}</ul><p>Fix them and save; this page reloads by itself. "
            "Until then it shows the last version that built.</p></div>")


def watch_records(server, root: Path, templates_dir: str) -> None:
    """Rebuild the preview when a record or a template changes."""
    folders = [root / "assemblies", root / templates_dir]
    for folder in folders:
        if folder.is_dir():
            server.watch(str(folder))
    rewatch_when_replaced(server, root, folders)


def rewatch_when_replaced(server, root: Path, folders: list[Path]) -> None:
    """A watched folder that is deleted and made again (a branch switch, a
    `git checkout` of it) is no longer watched; watch the new one and rebuild."""
    import watchdog.events

    wanted = {str(f) for f in folders}

    def on_any_event(event):
        path = os.fsdecode(getattr(event, "dest_path", "") or event.src_path)
        if path not in wanted or not os.path.isdir(path):
            return
        try:
            server.unwatch(path)
        except (KeyError, ValueError):
            pass
        server.watch(path)
        with server._rebuild_cond:  # MkDocs' own "a file changed" signal
            server._want_rebuild = True
            server._rebuild_cond.notify_all()

    handler = watchdog.events.FileSystemEventHandler()
    handler.on_any_event = on_any_event
    server.observer.schedule(handler, str(root), recursive=False)
