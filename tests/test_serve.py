"""`mkdocs serve` picks up edits in factsheets/ and data/ (a real server on 127.0.0.1)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

W = "factsheets/women/violence-against-women"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
            if text in body:
                return body
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{text!r} did not appear at {url} within {seconds}s")


def test_serve_rebuilds_on_factsheet_and_data_edits(project):
    port = _free_port()
    mkdocs = Path(sys.executable).with_name("mkdocs")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen(
        [str(mkdocs), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project.root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/en/factsheets/violence-against-women/"
        _wait_for(url, "Violence against women and girls")
        project.replace(f"{W}.en.md", "title: Violence against women and girls", "title: Edited while serving")
        _wait_for(url, "Edited while serving")
        project.replace("data/groups.yml", "name: {en: Women's rights group", "name: {en: Renamed women's group")
        _wait_for(url, "Renamed women&#39;s group")
    finally:
        server.terminate()
        server.wait(timeout=20)
