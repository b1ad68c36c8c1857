"""The editor's loop, measured on the sample (all figures from this one run).

    .venv/bin/python bench/editor.py

Prints: the site-only build (PDFs off); `mkdocs serve` from start to the first page
served (PDFs on, cold cache) and the ratio to the site-only build; how long the PDFs
then take in the background; an edit to one factsheet's title until the served page
shows it; `upr check`; and `mkdocs build` right after serve (the shared cache: PDFs
rendered should be 0). Timings are wall-clock on purpose: this is a benchmark, not a test.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
PAGE = "en/factsheets/violence-against-women/"


def copy(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "factsheets", "data", "overrides"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, dest / name)
    return dest


def set_option(site: Path, line: str) -> None:
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - upr:\n", f"  - upr:\n      {line}\n", 1), encoding="utf-8")


def get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def until(url: str, text: str, limit: float = 600) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if text in get(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"{text!r} did not appear at {url}")


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="upr-editor-"))
    site_only = copy(work / "site-only")
    set_option(site_only, "pdf: false")
    start = time.perf_counter()
    subprocess.run([str(BIN / "mkdocs"), "build", "-q"], cwd=site_only, env=ENV, check=True)
    build_seconds = time.perf_counter() - start
    print(f"site-only build            {build_seconds:6.2f} s")

    served = copy(work / "serve")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    start = time.perf_counter()
    log = (work / "serve.log").open("w")
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"], cwd=served, env=ENV, stdout=log, stderr=subprocess.STDOUT)
    try:
        first = until(url + PAGE, "Violence against women and girls")
        print(f"serve: first page          {first:6.2f} s  ({first / build_seconds:.2f}x the site-only build)")
        pdfs = until(url + PAGE, " KB)")
        print(f"serve: PDFs in background  {pdfs:6.2f} s after start")
        text = served / "factsheets/women/violence-against-women.en.md"
        edits = []
        for n in range(3):
            body = text.read_text(encoding="utf-8")
            title = f"Edited title {n}"
            text.write_text(re.sub(r"^title: .*$", f"title: {title}", body, count=1, flags=re.M), encoding="utf-8")
            edits.append(until(url + PAGE, title))
        print(f"serve: edit -> page        {min(edits):6.2f} s best, {max(edits):.2f} s worst of {len(edits)}")
        start = time.perf_counter()
        while "being prepared" in get(url + PAGE) and time.perf_counter() - start < 600:
            time.sleep(0.1)  # the edited factsheet's PDFs, in the background
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
    start = time.perf_counter()
    subprocess.run([str(BIN / "upr"), "--config", str(served / "mkdocs.yml"), "check"], cwd=served, env=ENV, capture_output=True)
    print(f"upr check                  {time.perf_counter() - start:6.2f} s")
    start = time.perf_counter()
    result = subprocess.run([str(BIN / "mkdocs"), "build"], cwd=served, env=ENV, capture_output=True, text=True)
    rendered = len(re.findall(r"PDF \d+/\d+: ", result.stdout + result.stderr))
    print(f"build after serve          {time.perf_counter() - start:6.2f} s, {rendered} PDFs rendered")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
