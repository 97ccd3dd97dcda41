"""Pagefind, run over the finished pages (a Rust binary from PyPI's pagefind[bin]).

A build waits for it; a preview leaves it running, and search catches up a
moment after the page is shown."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading

from mkdocs.exceptions import PluginError

from folkmoot.engine.background import die_with_parent

# the page's own text (not the navigation) of every page but 404.html
PAGEFIND_ARGS = ["--root-selector", "article.md-content__inner:not([data-fm-nosearch])",
                 "--exclude-selectors", ".headerlink", "--glob", "**/index.html", "--silent"]


class SearchIndex:
    def __init__(self):
        self.process: subprocess.Popen | None = None

    def start(self, site_dir: str, background: bool = False) -> None:
        """Index `site_dir`, stopping an indexing of an older preview first. `background`:
        nobody will `wait`, so a thread reaps it when it ends (else it stays a defunct
        process until the next rebuild) and logs what went wrong."""
        self.stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pagefind", "--site", site_dir, "--output-subdir", "pagefind", *PAGEFIND_ARGS],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, preexec_fn=die_with_parent)
        if background:
            threading.Thread(target=_reap, args=(self.process,), daemon=True).start()

    def wait(self) -> None:
        _, stderr = self.process.communicate()
        if self.process.returncode != 0:
            raise PluginError(f"The search index could not be built (pagefind: {stderr.strip()[:500]}).")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def _reap(process: subprocess.Popen) -> None:
    _, stderr = process.communicate()
    if process.returncode > 0:  # killed by `stop` for a newer preview: nothing to say
        logging.getLogger("mkdocs.plugins.folkmoot").warning(f"Search was not updated (pagefind: {stderr.strip()[:500]}).")
