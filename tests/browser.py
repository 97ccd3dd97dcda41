"""Headless Debian Chromium for the browser tests, and the built site served on 127.0.0.1.

No browser is ever downloaded: Playwright drives /usr/bin/chromium (or
$FOLKMOOT_CHROMIUM). Without it the tests skip loudly, and fail under CI.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import warnings
from pathlib import Path

import pytest

CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage",
                  # nothing but our own server resolves, so no test can reach the internet
                  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


def chromium_path() -> str:
    candidate = os.environ.get("FOLKMOOT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if Path(candidate).exists():
        return candidate
    message = ("NO CHROMIUM FOUND: the browser tests (accessibility, search, phones, links) did not run. "
               "Install Debian's chromium (`make browser`) or set FOLKMOOT_CHROMIUM.")
    if os.environ.get("CI"):
        pytest.fail(message)
    warnings.warn(message)
    pytest.skip(message)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Server:
    """Serves a folder on 127.0.0.1 on a free port, in a thread."""

    def __init__(self, folder: Path):
        handler = functools.partial(QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.httpd.server_port}/"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
