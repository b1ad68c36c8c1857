"""Audit of the reader's pages: Lighthouse (mobile) per page type, and HTML weights.

    .venv/bin/python bench/audit.py [--langs ru,en] [--pages "home,State briefing"] [--runs 3] [--factsheets 200] [--pdf] [--no-axe]

Builds a copy of the sample (without PDFs unless --pdf) with ``site_url`` set to the
local server that then serves it on 127.0.0.1, so canonical and hreflang addresses are
absolute and on the audited origin. Runs Lighthouse from node_modules (package-lock.json:
``npm ci --include=dev``; setup.sh leaves it out) against Debian's Chromium (CHROME_PATH, default /usr/bin/chromium), with its
mobile defaults (emulated phone, throttled network and CPU), --runs times per page type
and language (the median of each figure: Lighthouse simulates the phone's CPU from the
machine's, so a busy machine lowers single runs), over a server that compresses text as
web hosts do and keeps connections open (HTTP/1.1), and prints a table: performance, accessibility, best practices and SEO
scores, cumulative layout shift, the page's HTML weight, each run's performance score,
Lighthouse's benchmark of the machine and the load average while the page was measured. Then axe-core (node_modules, WCAG 2.2 AA tags with target-size, and
best practices) in the same Chromium through Playwright on every page type, both
languages, at 390 and 1366 px: the number of violations and their rules. With
--factsheets N it also builds a copy with N synthetic bilingual factsheets
(bench/run.py's) and prints the factsheet pages' HTML weight (the goal: at most 40 KB).

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
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE = ("async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
       ".map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target).join(', ')}`)")
AXE_WIDTHS = (390, 1366)


class _Gzip(http.server.SimpleHTTPRequestHandler):
    """Files as a web host serves them: text compressed with gzip when the browser asks
    (GitHub Pages, GitLab Pages, Netlify and nginx's defaults all do), so Lighthouse's
    simulated phone network carries what a reader's phone would; over connections that
    stay open for the next request (HTTP/1.1 keep-alive; the hosts speak HTTP/2, one
    connection for all), where http.server's default HTTP/1.0 opened one per file and
    Lighthouse counted a new connection's handshake and slow start for every request."""

    protocol_version = "HTTP/1.1"
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


def load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def table(header: tuple, rows: list[tuple]) -> None:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(cell).ljust(width) if i == 0 else str(cell).rjust(width) for i, (cell, width) in enumerate(zip(row, widths, strict=True))))


def pages(port: int, langs: list[str], default: str) -> list[tuple[str, str, str]]:
    """(page type, language, address) of every audited page (--pages: only those types)."""
    return [(kind, lang, f"http://127.0.0.1:{port}/{'' if lang == default else lang + '/'}{path}")
            for lang in langs for kind, path in PAGE_TYPES.items() if not ONLY or kind in ONLY]


ONLY: list[str] = []


def lighthouse_table(site_dir: Path, port: int, langs: list[str], default: str, chrome: str, runs: int) -> None:
    rows, notes = [], []
    for kind, lang, url in pages(port, langs, default):
        reports, loads = [], []
        for _run in range(runs):
            loads.append(os.getloadavg()[0])
            reports.append(lighthouse(url, chrome))
        perf = [round(100 * r["categories"]["performance"]["score"]) for r in reports]
        scores = [round(statistics.median(round(100 * r["categories"][c]["score"]) for r in reports)) for c in CATEGORIES]
        cls = statistics.median(r["audits"]["cumulative-layout-shift"]["numericValue"] for r in reports)
        path = site_dir / url.split("/", 3)[3] / "index.html"
        speed = statistics.median(r["environment"]["benchmarkIndex"] for r in reports)
        rows.append((f"{kind} ({lang})", *scores, f"{cls:.3f}", kb(path), "/".join(map(str, perf)), f"{speed:.0f}", f"{statistics.median(loads):.1f}"))
        notes += [f"{kind} ({lang}) - {line}" for line in sorted({line for r in reports for line in failing(r)})]
        print(f"  {rows[-1]}", file=sys.stderr, flush=True)
    print(f"\nLighthouse {lighthouse_version()} (mobile), median of {runs} run(s) per page")
    table(("page", "perf", "a11y", "best", "SEO", "CLS", "HTML KB", "perf runs", "bench", "load"), rows)
    print("bench: Lighthouse's benchmarkIndex of the machine during the runs (higher is faster, lower when it is busy);\n"
          "load: the 1-minute load average")
    if notes:
        print("\nWhat cost points (in any run):")
        for note in notes:
            print(f"  {note}")


def lighthouse_version() -> str:
    return json.loads((LIGHTHOUSE.parent.parent / "package.json").read_text(encoding="utf-8"))["version"]


def axe_table(port: int, langs: list[str], default: str, chrome: str) -> None:
    """axe-core on every page type and language at each width; each page loaded at its
    width (a resized page is mid-transition for a moment)."""
    from playwright.sync_api import sync_playwright  # the tests' dependency; only here

    script = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    version = json.loads((script.parent / "package.json").read_text(encoding="utf-8"))["version"]
    rows, notes = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chrome, args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        page = browser.new_page()
        for kind, lang, url in pages(port, langs, default):
            counts = []
            for width in AXE_WIDTHS:
                page.set_viewport_size({"width": width, "height": 844})
                page.goto(url, wait_until="load")
                page.add_script_tag(path=str(script))
                found = page.evaluate(AXE, AXE_TAGS)
                counts.append(len(found))
                notes += [f"{kind} ({lang}) at {width} px - {line}" for line in found]
            rows.append((f"{kind} ({lang})", *counts, load()))
        browser.close()
    print(f"\naxe-core {version}, tags {', '.join(AXE_TAGS)}: violations")
    table(("page", *(f"{w} px" for w in AXE_WIDTHS), "load"), rows)
    for note in notes:
        print(f"  {note}")


def serve(site_dir: Path, port: int) -> _Server:
    server = _Server(("127.0.0.1", port), functools.partial(_Gzip, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def factsheet_weights(work: Path, count: int) -> None:
    site = work / f"n{count}"
    make_site(site, count)
    configure(site, "https://upr.example.org/", pdf=False)
    site_dir = build(site)
    for prefix in ("", "en/"):
        sizes = sorted(p.stat().st_size for p in (site_dir / prefix / "factsheets").glob("*/index.html"))
        print(f"{count} factsheets, {prefix or 'default language '}factsheet pages: {len(sizes)}, HTML KB min {sizes[0] / 1024:.1f}, "
              f"median {statistics.median(sizes) / 1024:.1f}, max {sizes[-1] / 1024:.1f} (load {load()})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--langs", default="ru,en", help="site languages to audit, comma-separated (default: ru,en)")
    parser.add_argument("--factsheets", type=int, default=0, help="also measure factsheet pages' weight with N synthetic factsheets")
    parser.add_argument("--pdf", action="store_true", help="build the PDFs too (slower; the pages then link real files)")
    parser.add_argument("--pages", default="", help=f"page types to audit, comma-separated (default: all of {', '.join(PAGE_TYPES)})")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the table shows the medians (default: 3)")
    parser.add_argument("--no-lighthouse", action="store_true", help="no Lighthouse")
    parser.add_argument("--no-axe", action="store_true", help="no axe-core")
    args = parser.parse_args()
    ONLY.extend(kind.strip() for kind in args.pages.split(",") if kind.strip())
    if unknown := [kind for kind in ONLY if kind not in PAGE_TYPES]:
        raise SystemExit(f"unknown page types: {', '.join(unknown)}; known: {', '.join(PAGE_TYPES)}")
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
        print(f"sample factsheet page HTML KB: {', '.join(kb(p) for p in sample_sizes)} (load {load()})")
        langs = [lang.strip() for lang in args.langs.split(",")]
        server = serve(site_dir, port)
        try:
            if not args.no_lighthouse:
                lighthouse_table(site_dir, port, langs, "ru", chrome, args.runs)
            if not args.no_axe:
                axe_table(port, langs, "ru", chrome)
        finally:
            server.shutdown()
            server.server_close()
        if args.factsheets:
            factsheet_weights(work, args.factsheets)


if __name__ == "__main__":
    main()
