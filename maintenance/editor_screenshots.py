#!/usr/bin/env python3
"""Take the pictures in the guide "Editing in a form" from the real form, on the example site.

    .venv/bin/python maintenance/editor_screenshots.py      # after `make vendor-editor`, or a change to the form

Builds the example into a temporary folder, opens /admin/ in Debian's Chromium as a volunteer
would (the local repository route, with the folder picker answered as in tests/test_editor.py)
and writes WebP pictures into generator/folkmoot/guides/images/.
"""

from __future__ import annotations

import io
import json
import shutil
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM_FLAGS, Server, chromium_path  # noqa: E402
from conftest import build, copy_project  # noqa: E402
from test_editor import STUB, adder, repository_files, reveal  # noqa: E402

OUT = ROOT / "generator/folkmoot/guides/images"


def keep(png: bytes, name: str, width: int = 960) -> None:
    """A screenshot as a small WebP with nothing in it but the picture."""
    with Image.open(io.BytesIO(png)) as image:
        image = image.convert("RGB")
        image = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
        image.save(OUT / name, "WEBP", quality=80, method=6)
    print(f"wrote {OUT / name}")


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root = copy_project(Path(tmp))
        site = build(root, root / "site", {"SOURCE_DATE_EPOCH": "1795564800"})
        server = Server(site)
        base = server.base.replace("127.0.0.1", "localhost")
        flags = [f for f in CHROMIUM_FLAGS if "host-resolver" not in f]
        flags.append("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=flags)
            page = browser.new_context(viewport={"width": 1200, "height": 760}, locale="en-GB").new_page()
            page.add_init_script(f"globalThis.__LOCAL_REPO_FILES__ = {json.dumps(repository_files(root))};\n{STUB}")
            page.goto(base + "admin/")
            sign_in = page.get_by_role("button", name="Work with Local Repository")
            sign_in.wait_for(timeout=30_000)
            page.wait_for_timeout(800)
            keep(page.screenshot(), "form-sign-in.webp")
            sign_in.click()
            page.get_by_text("People's Assembly on Flooding").first.wait_for(timeout=30_000)
            page.wait_for_timeout(800)
            keep(page.screenshot(), "form-list.webp")
            page.get_by_text("People's Assembly on Flooding").first.click()
            page.wait_for_timeout(1500)
            keep(page.screenshot(), "form-record.webp")
            title = "Map the streets and homes where water collected"
            summary = reveal(page, page.get_by_text(title, exact=True)).first
            summary.locator("xpath=ancestor::*[.//button][1]//button").first.click()
            reveal(page, adder(page, "update")).first.scroll_into_view_if_needed()
            page.mouse.wheel(0, 250)
            page.wait_for_timeout(600)
            keep(page.screenshot(), "form-outcome.webp")
            browser.close()
        server.close()


if __name__ == "__main__":
    main()
