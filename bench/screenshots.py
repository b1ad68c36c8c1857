"""Screenshots of the reader's pages at 390 px, for the editors' guide.

    .venv/bin/python bench/screenshots.py [--out docs/assets/screenshots]

Builds a copy of the sample without PDFs, serves it on 127.0.0.1 and takes, in Debian's
Chromium (CHROMIUM, default /usr/bin/chromium), the first screen (390 x 844, the size of
a common phone) and the whole page of: the home page, a factsheet, a State's briefing
and the States index. Files: ``<page>.<lang>.png`` (first screen, both languages) and
``<page>.en.full.png`` (the whole page, English). Run it again after any visual change and
commit the result. Each page is opened once before its picture is taken, so that it shows
as from a reader's second page on: with the fonts in the browser's cache (fonts.css uses
font-display: optional, so a font that is not there at the first paint is not swapped in).
--width 1366 takes the same pictures at a desktop's width, into another folder, to look
at (the guide shows the phone's).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ["mkdocs.yml", "docs", "factsheets", "data", "overrides"]
PAGES = {"home": "", "factsheet": "factsheets/violence-against-women/", "briefing": "states/se/", "states": "states/"}
LANGS = {"ru": "", "en": "en/"}
WIDTH, HEIGHT = 390, 844


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def build(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in PROJECT:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, dest / name)
    config = dest / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - upr:\n", "  - upr:\n      pdf: false\n", 1), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([str(Path(sys.executable).with_name("mkdocs")), "build", "--strict", "-q"], cwd=dest, env=env, check=True)
    return dest / "site"


def shrink(path: Path) -> None:
    """256 colours are plenty for a page of text and keep the repository light."""
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "assets" / "screenshots")
    parser.add_argument("--width", type=int, default=WIDTH, help=f"viewport width in CSS pixels (default {WIDTH})")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="upr-shots-") as tmp:
        site = build(Path(tmp) / "project")
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=["--no-sandbox"])
                context = browser.new_context(viewport={"width": args.width, "height": HEIGHT}, device_scale_factor=1)
                context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
                page = context.new_page()
                for name, path in PAGES.items():
                    for lang, prefix in LANGS.items():
                        page.goto(base + prefix + path, wait_until="networkidle")  # fills the cache
                        page.goto(base + prefix + path, wait_until="networkidle")
                        page.evaluate("document.fonts.ready")
                        page.screenshot(path=str(args.out / f"{name}.{lang}.png"))
                        if lang == "en":
                            page.screenshot(path=str(args.out / f"{name}.{lang}.full.png"), full_page=True)
                        for shot in args.out.glob(f"{name}.{lang}*.png"):
                            shrink(shot)
                        print(args.out / f"{name}.{lang}.png")
                browser.close()
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
