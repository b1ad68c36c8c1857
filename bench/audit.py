"""Audit of the reader's pages: Lighthouse (mobile) per page type, and HTML weights.

    .venv/bin/python bench/audit.py [--langs ru,en] [--factsheets 200] [--pdf]

Builds a copy of the sample (without PDFs unless --pdf) with ``site_url`` set to the
local server that then serves it on 127.0.0.1, so canonical and hreflang addresses are
absolute and on the audited origin. Runs Lighthouse from node_modules (package-lock.json:
``npm ci --include=dev``; setup.sh leaves it out) against Debian's Chromium (CHROME_PATH, default /usr/bin/chromium), with its
mobile defaults (emulated phone, throttled network and CPU), once per page type and
language, over a server that compresses text as web hosts do, and prints a table: performance, accessibility, best practices and SEO
scores, cumulative layout shift and the page's HTML weight. With --factsheets N it also
builds a copy with N synthetic bilingual factsheets (bench/run.py's) and prints the
factsheet pages' HTML weight (the goal: at most 40 KB).

Not a test: Lighthouse takes 10-30 s per page. Nothing here leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import make_site  # noqa: E402  (bench/run.py: the synthetic factsheets)

PROJECT = ["mkdocs.yml", "docs", "factsheets", "data", "overrides"]
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
PAGE_TYPES = {  # page type: its path in the default language (the others under <lang>/)
    "home": "", "factsheet": "factsheets/violence-against-women/", "café table": "tables/esc/", "group": "groups/women/",
    "States index": "states/", "State briefing": "states/se/", "explorer": "recommendations/", "SDG index": "sdgs/",
    "SDG": "sdgs/5/", "timeline": "timeline/", "editors' guide": "guide/",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


class _Gzip(http.server.SimpleHTTPRequestHandler):
    """Files as a web host serves them: text compressed with gzip when the browser asks
    (GitHub Pages, GitLab Pages, Netlify and nginx's defaults all do), so Lighthouse's
    simulated phone network carries what a reader's phone would."""

    TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")

    def log_message(self, *args) -> None:
        pass

    def send_head(self):  # noqa: ANN201 (http.server's signature)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # its redirect to the folder's address
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in self.TEXT or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # Lighthouse closes connections while files are sent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def configure(site: Path, site_url: str, pdf: bool) -> None:
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("# site_url: https://upr.example.org/", f"site_url: {site_url}")
    if not pdf:
        text = text.replace("  - upr:\n", "  - upr:\n      pdf: false\n", 1)
    config.write_text(text, encoding="utf-8")


def build(site: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([str(Path(sys.executable).with_name("mkdocs")), "build", "--strict", "-q"], cwd=site, env=env, check=True)
    return site / "site"


def copy_sample(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in PROJECT:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, dest / name)
    return dest


def lighthouse(url: str, chrome: str) -> dict:
    command = ["node", str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking"]
    result = subprocess.run(command, env={**os.environ, "CHROME_PATH": chrome}, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}: {result.stderr.strip()[-500:]}")
    return json.loads(result.stdout)


def failing(report: dict) -> list[str]:
    """The audits that cost points (score below 1), by category, for the reader of the table."""
    out = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
                out.append(f"{category}: {ref['id']} ({audit['score']:.2f})")
    return out


def kb(path: Path) -> str:
    return f"{path.stat().st_size / 1024:.1f}"


def audit_pages(site_dir: Path, port: int, langs: list[str], default: str, chrome: str) -> None:
    server = _Server(("127.0.0.1", port), functools.partial(_Gzip, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    rows, notes = [], []
    try:
        for lang in langs:
            prefix = "" if lang == default else f"{lang}/"
            for kind, path in PAGE_TYPES.items():
                url = f"http://127.0.0.1:{port}/{prefix}{path}"
                report = lighthouse(url, chrome)
                scores = [round(100 * report["categories"][c]["score"]) for c in CATEGORIES]
                cls = report["audits"]["cumulative-layout-shift"]["numericValue"]
                rows.append((f"{kind} ({lang})", *scores, f"{cls:.3f}", kb(site_dir / prefix / path / "index.html")))
                notes += [f"{kind} ({lang}) - {line}" for line in failing(report)]
                print(f"  {rows[-1]}", file=sys.stderr, flush=True)
    finally:
        server.shutdown()
        server.server_close()
    header = ("page", "perf", "a11y", "best", "SEO", "CLS", "HTML KB")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(cell).ljust(width) if i == 0 else str(cell).rjust(width) for i, (cell, width) in enumerate(zip(row, widths, strict=True))))
    if notes:
        print("\nWhat cost points:")
        for note in notes:
            print(f"  {note}")


def factsheet_weights(work: Path, count: int) -> None:
    site = work / f"n{count}"
    make_site(site, count)
    configure(site, "https://upr.example.org/", pdf=False)
    site_dir = build(site)
    for prefix in ("", "en/"):
        sizes = sorted(p.stat().st_size for p in (site_dir / prefix / "factsheets").glob("*/index.html"))
        print(f"{count} factsheets, {prefix or 'default language '}factsheet pages: {len(sizes)}, HTML KB min {sizes[0] / 1024:.1f}, "
              f"median {statistics.median(sizes) / 1024:.1f}, max {sizes[-1] / 1024:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--langs", default="ru,en", help="site languages to audit, comma-separated (default: ru,en)")
    parser.add_argument("--factsheets", type=int, default=0, help="also measure factsheet pages' weight with N synthetic factsheets")
    parser.add_argument("--pdf", action="store_true", help="build the PDFs too (slower; the pages then link real files)")
    parser.add_argument("--no-lighthouse", action="store_true", help="only the weights")
    args = parser.parse_args()
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not args.no_lighthouse and not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed (setup.sh leaves it out): run `npm ci --include=dev` in the repository (package-lock.json pins it)")
    with tempfile.TemporaryDirectory(prefix="upr-audit-") as tmp:
        work = Path(tmp)
        port = free_port()
        site = copy_sample(work / "sample")
        configure(site, f"http://127.0.0.1:{port}/", args.pdf)
        site_dir = build(site)
        sample_sizes = [(site_dir / prefix / PAGE_TYPES["factsheet"] / "index.html") for prefix in ("", "en/")]
        print("sample factsheet page HTML KB: " + ", ".join(kb(p) for p in sample_sizes))
        if not args.no_lighthouse:
            audit_pages(site_dir, port, [lang.strip() for lang in args.langs.split(",")], "ru", chrome)
        if args.factsheets:
            factsheet_weights(work, args.factsheets)


if __name__ == "__main__":
    main()
