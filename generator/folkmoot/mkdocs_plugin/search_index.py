"""Pagefind, run over the finished pages (a Rust binary from PyPI's pagefind[bin]).

A build waits for it; a preview leaves it running, and search catches up a
moment after the page is shown."""

from __future__ import annotations

import subprocess
import sys

from mkdocs.exceptions import PluginError

from folkmoot.engine.background import die_with_parent

# the page's own text (not the navigation) of every page but 404.html
PAGEFIND_ARGS = ["--root-selector", "article.md-content__inner:not([data-fm-nosearch])",
                 "--exclude-selectors", ".headerlink", "--glob", "**/index.html", "--silent"]


class SearchIndex:
    def __init__(self):
        self.process: subprocess.Popen | None = None

    def start(self, site_dir: str) -> None:
        """Index `site_dir`, stopping an indexing of an older preview first."""
        self.stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pagefind", "--site", site_dir, "--output-subdir", "pagefind", *PAGEFIND_ARGS],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, preexec_fn=die_with_parent)

    def wait(self) -> None:
        _, stderr = self.process.communicate()
        if self.process.returncode != 0:
            raise PluginError(f"The search index could not be built (pagefind: {stderr.strip()[:500]}).")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
