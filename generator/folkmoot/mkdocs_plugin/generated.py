"""folkmoot's pages, guides and files as MkDocs `File`s.

In a dirty `serve` rebuild a file whose content has not changed since the
last rebuild is marked unmodified, so MkDocs does not write it again."""

from __future__ import annotations

import hashlib

from mkdocs.structure.files import File, Files, InclusionLevel

from folkmoot.resources import ASSETS, GUIDES
from folkmoot.views import urls

ASSET_DIR = "assets/folkmoot"
ASSET_FILES = (("folkmoot.css", "extra_css"), ("folkmoot.js", "extra_javascript"),
               ("folkmoot-search.js", "extra_javascript"))


class GeneratedFiles:
    def __init__(self):
        self.digests: dict[str, bytes] = {}  # src_uri -> digest of the content last built
        self.dirty = False  # a dirty `serve` rebuild
        self.rebuild_all = False  # the preview's banner came or went, so every page changes
        self.guides: set[str] = set()  # folkmoot's own guides, given to a site that lacks them

    def file(self, config, src_uri: str, content, inclusion=InclusionLevel.UNDEFINED) -> File:
        file = File.generated(config, src_uri, content=content, inclusion=inclusion)
        if self.dirty:
            digest = hashlib.sha1(content.encode() if isinstance(content, str) else content).digest()
            if not self.rebuild_all and self.digests.get(src_uri) == digest:
                file.is_modified = lambda: False
            self.digests[src_uri] = digest
        return file

    def add(self, files: Files, config, pages, assets) -> None:
        """The generated pages, folkmoot's guides (unless the site has its own page of the
        same name), the quick files, and folkmoot's CSS and JavaScript."""
        for page in pages:
            # a page of one record, theme, body or document is reached from the lists, not the
            # navigation: MkDocs neither lists it (with no `nav:`) nor reports it missing from `nav:`
            # reports and digests are linked from the tracker and the data page
            one_of_many = page.src_uri.count("/") > 1 or page.src_uri.startswith((urls.REPORTS, "digest/"))
            files.append(self.file(config, page.src_uri, page.markdown,
                                   InclusionLevel.NOT_IN_NAV if one_of_many else InclusionLevel.UNDEFINED))
        self.guides.clear()
        for guide in sorted(GUIDES.iterdir(), key=lambda g: g.name):
            src_uri = f"guides/{guide.name}"
            if guide.name.endswith(".md") and files.get_file_from_path(src_uri) is None:
                files.append(self.file(config, src_uri, guide.read_text(encoding="utf-8")))
                self.guides.add(src_uri)
        for picture in sorted((GUIDES / "images").glob("*.webp")):  # the guides' screenshots
            if files.get_file_from_path(f"guides/images/{picture.name}") is None:
                files.append(self.file(config, f"guides/images/{picture.name}", picture.read_bytes()))
        for asset in assets:
            files.append(self.file(config, asset.dest_uri, asset.content))
        for name, _ in ASSET_FILES:
            files.append(self.file(config, f"{ASSET_DIR}/{name}", (ASSETS / name).read_bytes()))
        if self.dirty:
            for file in files.documentation_pages():
                # the home page's "next assembly" and "latest outcomes" come from records
                if self.rebuild_all or file.src_uri == "index.md":
                    file.is_modified = lambda: True
