"""What was made before from the same inputs, reused: pages, a record's rows of a
table, its calendar.

A preview keeps what its last rebuild made in memory; a build keeps it in the
cache folder under a digest of the key, folkmoot's own code, every other
input, and every file of the records it was made from. Nothing kept decides
what is published: a record's files are part of every key, so an edited
record is a miss.
"""

from __future__ import annotations

import functools
from pathlib import Path

from folkmoot.engine import work
from folkmoot.engine.cache import Cache, code_digest, digest, file_digest, folder_digest
from folkmoot.outputs.page import Page, page_from_json, page_json
from folkmoot.records.model import Assembly
from folkmoot.text.i18n import Language
from folkmoot.views.site import Site


class Kept:
    def __init__(self, site: Site, template_dirs: list[Path], lang: Language, settings: tuple, cache: Cache,
                 page_memo: dict | None):
        """`settings`: what else every page depends on (the site's address, name, edit links).
        `page_memo`: kept by a preview between rebuilds."""
        self.site = site
        self.template_dirs = template_dirs
        self.lang = lang
        self.settings = settings
        self.cache = cache
        self.page_memo = page_memo
        self._record_digests: dict[str, str] = {}
        self._within: list[set[str]] = []  # the cache keys each `get` being made has used so far

    @functools.cached_property
    def _inputs(self) -> tuple:
        """Everything besides the records that a page depends on: when any of it changes,
        a preview renders every page again. (Bodies' urls and deadlines are in the settings.)"""
        # by content, not by time: a CI checkout dates every file afresh
        templates = tuple((i, p.relative_to(d).as_posix(), file_digest(p))
                          for i, d in enumerate(self.template_dirs) for p in sorted(d.rglob("*")) if p.is_file())
        project = self.site.project
        return (self.site.today, templates, repr(project.settings), repr(project.organisation), self.lang.code,
                *self.settings, tuple(self.site.themes),
                tuple((b.name, b.slug) for b in self.site.bodies.values()))

    def page(self, src_uri: str, records: tuple, make) -> Page:
        """`make()`, or the page made before at `src_uri` from the same inputs (see `get`);
        kept as JSON: nothing in the cache is ever run."""
        def made() -> Page:
            work.done("page")
            return make()

        return self.get(("page v1", src_uri), records, made, page_json, page_from_json)

    def get(self, key: tuple[str, ...], records: tuple, make, dump=str.encode, load=bytes.decode):
        """`make()`, or what was made before under `key` from the same inputs.

        - In a preview, what its last rebuild made from the very same record objects
          (a preview keeps a record's objects while its folder is unchanged, see
          `load_project`), when nothing else changed either.
        - In a build, what the cache folder keeps under a digest of `key`, folkmoot's
          own code, every other input, and every file of the records (`records` may
          hold outcomes: their records count). Its first line names what it was made
          from (a record's rows inside a page), so that a page reused whole keeps them
          from being pruned."""
        if self.page_memo is not None:
            found = self.page_memo.get(key)
            if found and found[0] == self._inputs and len(found[1]) == len(records) \
                    and all(a is b for a, b in zip(found[1], records)):
                return found[2]
            made = make()
            self.page_memo[key] = (self._inputs, records, made)
            return made
        if self.cache.folder is None:
            return make()
        kept = digest(*key, self._inputs_digest, self._every_record if records is self.every
                      else digest(*(self._record_digest(getattr(r, "assembly", r)) for r in records)))
        data = self.cache.load(kept)
        if data is not None:  # what was kept, and the keys it was made from (rows in a page): used too
            inner, _, data = data.partition(b"\n")
            nested = set(inner.decode().split())
            self.cache.used |= nested
            made = load(data)
        else:
            self._within.append(set())
            try:
                made = make()
            finally:
                nested = self._within.pop()
            self.cache.store(kept, " ".join(sorted(nested)).encode() + b"\n" + dump(made))
        if self._within:  # a page reused whole must keep its rows: the next edit needs them
            self._within[-1] |= nested | {kept}
        return made

    @functools.cached_property
    def every(self) -> tuple:
        """Every published record: the sources of what is made from all of them (the lists,
        open data, feeds, digests). Kept while no record changes, made again after any edit."""
        return tuple(self.site.assemblies)

    @functools.cached_property
    def _every_record(self) -> str:
        return digest(*(self._record_digest(a) for a in self.every))

    @functools.cached_property
    def _inputs_digest(self) -> str:
        return digest(code_digest(), repr(self._inputs))

    def _record_digest(self, assembly: Assembly) -> str:
        """Every file in the record's folder, by name and content: what its pages are made
        from. `check` worked it out already (its key in the cache) unless it could not."""
        if assembly.slug not in self._record_digests:
            self._record_digests[assembly.slug] = (self.site.project.record_keys.get(assembly.slug)
                                                   or folder_digest(assembly.folder))
        return self._record_digests[assembly.slug]
