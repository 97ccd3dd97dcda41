"""`folkmoot serve` shows a record's change without a restart."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import copy_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode()
    except OSError:
        return ""


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_serve_reloads_when_a_record_changes(tmp_path):
    root = copy_project(tmp_path)
    port = free_port()
    url = f"http://127.0.0.1:{port}/assemblies-site/assemblies/2025-11-13-flooding/"
    proc = subprocess.Popen([sys.executable, "-m", "generator.cli", "--root", str(root), "serve",
                             "--dev-addr", f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env=dict(os.environ, SOURCE_DATE_EPOCH="1795564800"), start_new_session=True)
    try:
        assert wait_for(lambda: "People&#39;s Assembly on Flooding" in fetch(url) or
                        "People's Assembly on Flooding" in fetch(url), 30)
        record = root / "assemblies/2025-11-13-flooding/assembly.yml"
        record.write_text(record.read_text().replace("title: People's Assembly on Flooding",
                                                     "title: People's Assembly on Floods and Drains"))
        assert wait_for(lambda: "Floods and Drains" in fetch(url), 20)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(10)
