"""The slow files (evidence documents, open data, feeds, photos, cards), made
beside MkDocs' own work and collected when the build ends.

On a big site they are made in a second process, which a build starts once
folkmoot's pages are made (on every core, see `Publication.made`): it then
inherits what they worked out (documents, QR codes) and runs while MkDocs
converts and lays out the pages, which would otherwise leave the second core
idle (a broken template still stops the build whole: the process is stopped
and the staging folder removed). A small site makes them after the pages, in
this process; so does a preview, which writes into the site it shows.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from folkmoot.engine.background import Background, BackgroundError
from folkmoot.mkdocs_plugin.site_files import remove_files, write_assets
from folkmoot.outputs.publication import Publication

log = logging.getLogger("mkdocs.plugins.folkmoot")

BACKGROUND_FROM = 20  # assemblies; below this a second process costs more than it saves


class Documents:
    def __init__(self):
        self.job: Background | None = None
        self.publication: Publication | None = None
        self.outputs: set[str] = set()  # under `serve`: what the last documents written were

    def plan(self, publication: Publication, site_dir: Path, serving: bool):
        """Prepare this build's documents; `start`, called once the pages are made, starts them."""
        self.publication = publication
        inline = len(publication.site.assemblies) < BACKGROUND_FROM
        previous = self.outputs

        @publication.cache.tracked  # what it used and made travels back, to be counted and pruned with the pages
        def make_documents() -> list[str]:
            # in the second process, photos and cards are made on every core; never fork
            # the MkDocs process itself, whose preview server has threads
            written = write_assets(publication.documents(workers=1 if inline else None), site_dir)
            if serving:  # a photo taken out, a card now card.jpg: the preview shows no file left over
                remove_files(previous - set(written), site_dir)
            return written

        if not inline:  # worked out before the pages' workers fork: each is then made once
            publication.plan.plan_documents()

        def start():
            self.job = Background(make_documents, inline=inline)
        return start

    def finish_previous(self, wait: bool = True) -> None:
        """Collect the previous preview's documents; a failure there was that
        build's, and must not stop the next one (it is made afresh). Still
        running, they are stopped, not waited for: this build makes them again,
        reusing every photo and card already in the cache, and the edit shows
        at once instead of after the last build's photos."""
        if not wait and self.job is not None and not self.job.done():
            log.info("folkmoot: the previous preview's documents were not finished; making them again")
            self.stop()
        if self.job is not None:
            try:
                self.outputs = set(self._collect(self.job.result()))
            except BackgroundError as exc:
                log.error(f"folkmoot: the evidence documents and data of the previous preview failed: {exc}")
            self.job = None

    def wait(self) -> None:
        """A build waits for its documents; a failure stops it, and says why."""
        if self.job is None:
            return
        try:
            result = self.job.result()
        except BackgroundError as exc:
            raise PluginError(f"The evidence documents, open data and feeds could not be made: {exc}") from None
        finally:
            self.job = None
        self._collect(result)

    def _collect(self, result: tuple[list[str], set[str], tuple[int, int]]) -> list[str]:
        """Add what the documents used and made to the pages' count (see `Cache.tracked`), say
        it, and give back the files they wrote."""
        written, used, counts = result
        cache = self.publication.cache
        cache.merge(used, *counts)
        log.info(f"folkmoot: {len(written)} documents, data files, photos and cards written; "
                 f"{cache.made} photos, cards, documents and pages made, {cache.reused} reused from "
                 ".cache/plugin/folkmoot")
        return written

    def stop(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job = None
