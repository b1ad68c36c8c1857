"""Benchmark of the PDF pipeline on N synthetic bilingual factsheets.

    .venv/bin/python bench/run.py --n 50 [--peer]

Builds a copy of the project whose factsheets/ holds N bilingual factsheets made from the
sample's (same texts, new names), and prints, all measured in this run:
  site-only build, full build (cold cache), PDFs delivered and renders per second,
  no-change rebuild, one-edit rebuild, peak memory of the build's process tree,
  the floor: raw WeasyPrint rendering of the same print HTML in one process,
  per document: our factsheet against a plain two-page WeasyPrint document of the same
  text (goal: within 1.5x), and a café pile laid out as one document against merging
  its factsheets' PDFs with pypdf (what piles were before they were real documents),
  and with --peer, mkdocs-with-pdf building the same synthetic site (its own virtualenv,
  bench/.venv-peer, made from bench/requirements-peer.txt on first use).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ["mkdocs.yml", "docs", "data", "overrides"]
PEER_VENV = ROOT / "bench" / ".venv-peer"


def make_site(dest: Path, n: int) -> list[str]:
    """Copy the project to ``dest`` with ``n`` synthetic bilingual factsheets; returns their slugs."""
    dest.mkdir(parents=True)
    for name in PROJECT:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, dest / name)
    metas = sorted((ROOT / "factsheets").rglob("*.yml"))
    templates = [meta for meta in metas if all(meta.with_name(f"{meta.stem}.{lang}.md").exists() for lang in ("ru", "en"))]
    slugs = []
    for index in range(n):
        meta = templates[index % len(templates)]
        slug = f"synthetic-{index + 1:03d}"
        folder = dest / "factsheets" / meta.parent.name
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(meta, folder / f"{slug}.yml")
        for lang in ("ru", "en"):
            text = meta.with_name(f"{meta.stem}.{lang}.md").read_text(encoding="utf-8")
            title = json.dumps(f"{yaml.safe_load(text.split('---')[1])['title']} ({index + 1})", ensure_ascii=False)
            text = re.sub(r"^title: .*$", lambda _m, new=title: f"title: {new}", text, count=1, flags=re.M)
            # a text may name its factsheet (the web editor's layout): it must name the copy
            text = re.sub(r"^factsheet: .*$", f"factsheet: {slug}", text, count=1, flags=re.M)
            (folder / f"{slug}.{lang}.md").write_text(text, encoding="utf-8")
        slugs.append(slug)
    # N copies of the sample's factsheets make each State's briefing N/12 times longer than
    # its page budget: a warning that --strict would turn into a failed build (it is a
    # speed test, not a content check)
    config = dest / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("strict: true", "strict: false", 1), encoding="utf-8")
    return slugs


def add_recommendations(site: Path, count: int) -> None:
    """``count`` synthetic recommendations of a 9th cycle, spread over States, responses,
    clusters and SDGs, for the explorer's weight."""
    states = ["DE", "FR", "SE", "CH", "NO", "CA", "JP", "BR", "IN", "ZA", "MX", "AU"]
    responses = ["supported", "noted", "supported-noted"]
    clusters = ["women", "children", "justice", "health", "education", "fundamental-freedoms"]
    lines = ["cycle: 9", "recommendations:"]
    for index in range(count):
        lines += [f'  "300.{index + 1}":', f'    states: ["{states[index % 12]}", "{states[(index * 7 + 3) % 12]}"]',
                  f"    response: {responses[index % 3]}", f"    cluster: {clusters[index % 6]}", f'    sdg_targets: ["{index % 17 + 1}.1"]',
                  "    text:", f'      en: "Synthetic recommendation {index + 1}: adopt and implement a measure, with a deadline and a budget."',
                  f'      ru: "Синтетическая рекомендация {index + 1}: принять и выполнить меру со сроком и бюджетом."']
    (site / "data/recommendations/synthetic.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    cycles = site / "data/cycles.yml"
    cycles.write_text(cycles.read_text(encoding="utf-8") + "9:\n  milestones: []\n", encoding="utf-8")


def explorer_weight(site: Path) -> None:
    """Bytes of the English explorer page, and the time to apply a filter in Chromium."""
    import gzip

    page_file = site / "site/en/recommendations/index.html"
    raw = page_file.read_bytes()
    rows = raw.count(b"<tr data-cycle=")
    print(f"explorer page              {len(raw) / 1024:7.0f} KiB   {len(gzip.compress(raw)) / 1024:.0f} KiB gzipped, {rows} rows")
    if not Path("/usr/bin/chromium").exists():
        return
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        start = time.perf_counter()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/en/recommendations/", wait_until="load")
        loaded = time.perf_counter() - start
        took = page.evaluate("""() => { const s = document.querySelector("select[name=states]"); s.value = "SE";
            const t = performance.now(); s.form.dispatchEvent(new Event("change")); return performance.now() - t; }""")
        print(f"explorer in Chromium       {loaded:7.2f} s to load, {took:.0f} ms to apply a filter")
        browser.close()
    server.shutdown()


def set_pdf(site: Path, on: bool, workers: int | None = None) -> None:
    """Set the upr plugin's pdf (and pdf_workers) options in the copy's mkdocs.yml."""
    config = site / "mkdocs.yml"
    text = re.sub(r"\n      pdf(_workers)?: \w+", "", config.read_text(encoding="utf-8"))
    options = f"      pdf: {'true' if on else 'false'}\n" + (f"      pdf_workers: {workers}\n" if workers else "")
    config.write_text(text.replace("  - upr:\n", "  - upr:\n" + options, 1), encoding="utf-8")


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of ``pid`` and all its descendants."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) * 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, AttributeError):
            continue
    return total


def timed_build(site: Path, python: Path = Path(sys.executable)) -> tuple[float, int, str]:
    """Run `mkdocs build` in ``site``; (seconds, peak RSS of the process tree, log)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    proc = subprocess.Popen([str(python.with_name("mkdocs")), "build"], cwd=site, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = [0]

    def watch() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    log, _ = proc.communicate()
    seconds = time.perf_counter() - start
    watcher.join()
    if proc.returncode:
        raise SystemExit(f"build failed in {site}:\n{log[-3000:]}")
    return seconds, peak[0], log


def raw_floor(site: Path) -> tuple[float, int]:
    """Raw WeasyPrint, one process, warm: the same print HTML and stylesheets (factsheets,
    briefings, piles, handouts), rendered and written one after the other (no pipeline,
    no cache, no tighter second try)."""
    from uprkit.cli.project import open_project
    from uprkit.printing.documents import PrintSet
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    project = open_project(site / "mkdocs.yml")
    config = project.config
    printset = PrintSet(project.load(), config["markdown_extensions"], config["mdx_configs"], config.get("site_url"), project.options.sample, True)
    documents = list(printset.documents()) + [make(frozenset(), {}) for _path, _sheets, make in printset.collections()]
    fonts = FontConfiguration()
    stylesheets = [CSS(url=url, font_config=fonts) for url in printset.stylesheets]
    HTML(string=documents[0].html, base_url=printset.base_url).render(font_config=fonts, stylesheets=stylesheets)  # warm
    out = Path(tempfile.mkdtemp()) / "x.pdf"
    start = time.perf_counter()
    for doc in documents:
        HTML(string=doc.html, base_url=printset.base_url).render(font_config=fonts, stylesheets=stylesheets).write_pdf(out, pdf_variant="pdf/ua-1")
    return time.perf_counter() - start, len(documents)


PLAIN = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>plain</title><style>
@page {{ size: A4; margin: 20mm; }} body {{ font: 10.5pt/1.35 "PT Sans", sans-serif; }} p {{ margin: 0 0 .5em; }}
</style></head><body>{body}</body></html>"""


def plain_document(html: str, lang: str) -> str:
    """The text of a print document as plain paragraphs of 60 words: no tables, badges,
    running header or stylesheet of ours (the same bundled font); about two pages."""
    import html as htmllib

    from bs4 import BeautifulSoup

    words = BeautifulSoup(html, "html.parser").body.get_text(" ").split()
    paragraphs = [" ".join(words[i:i + 60]) for i in range(0, len(words), 60)]
    return PLAIN.format(lang=lang, body="".join(f"<p>{htmllib.escape(p)}</p>" for p in paragraphs))


def per_document(site: Path, count: int = 12) -> None:
    """Our factsheet against a plain document of the same text, one process, warm, in
    this run; and a pile as one document against a pypdf merge of its factsheets."""
    from pypdf import PdfReader, PdfWriter
    from uprkit.cli.project import open_project
    from uprkit.printing.documents import PrintSet
    from uprkit.printing.tagging import finish_tags
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    project = open_project(site / "mkdocs.yml")
    config = project.config
    printset = PrintSet(project.load(), config["markdown_extensions"], config["mdx_configs"], config.get("site_url"), project.options.sample, False)
    docs = [doc for doc in printset.documents() if doc.kind == "factsheet"][:count]
    fonts = FontConfiguration()
    ours = [CSS(url=url, font_config=fonts) for url in printset.stylesheets]
    plain_css = [CSS(url=printset.stylesheets[0], font_config=fonts)]  # the @font-face rules only
    out = Path(tempfile.mkdtemp())

    def render(html: str, sheets: list, target: Path, tags: bool = True) -> tuple[float, int]:
        start = time.perf_counter()
        document = HTML(string=html, base_url=printset.base_url).render(font_config=fonts, stylesheets=sheets)
        document.write_pdf(target, pdf_variant="pdf/ua-1", finisher=finish_tags if tags else None)
        return time.perf_counter() - start, len(document.pages)

    render(docs[0].html, ours, out / "warm.pdf")
    ours_total = plain_total = 0.0
    ours_pages = plain_pages = 0
    for index, doc in enumerate(docs):  # interleaved, the best of 3 each: the machine may be shared
        runs = [render(doc.html, ours, out / f"ours-{index}.pdf") for _ in range(3)]
        ours_total, ours_pages = ours_total + min(runs)[0], ours_pages + runs[0][1]
        plain = plain_document(doc.html, doc.lang)
        runs = [render(plain, plain_css, out / f"plain-{index}.pdf", tags=False) for _ in range(3)]
        plain_total, plain_pages = plain_total + min(runs)[0], plain_pages + runs[0][1]
    n = len(docs)
    print(f"our factsheet, per document {ours_total / n:7.3f} s   {ours_pages / n:.1f} pages (tagged, our stylesheets)")
    print(f"plain document, same text   {plain_total / n:7.3f} s   {plain_pages / n:.1f} pages (paragraphs, one font)")
    print(f"ratio ours / plain          {ours_total / plain_total:7.2f}   (the goal: at most 1.5; load average {os.getloadavg()[0]:.1f})")
    printed = 0.0
    from uprkit.content.fingerprints import assets_fingerprint
    from uprkit.printing import worker

    worker.init()
    assets = assets_fingerprint(site)
    fitted = 0
    worker.render(worker.Job("warm", docs[0].html, printset.base_url, str(out / "warm.pdf"), printset.stylesheets, assets), str(site), 1)
    for index, doc in enumerate(docs):
        job = worker.Job(str(index), doc.html, printset.base_url, str(out / f"job-{index}.pdf"), printset.stylesheets, assets, doc.fit_html)
        start = time.perf_counter()
        fitted += worker.render(job, str(site), 1).fitted
        printed += time.perf_counter() - start
    print(f"as the pipeline prints it   {printed / n:7.3f} s   ratio {printed / plain_total:.2f} "
          f"({fitted} of {n} set tighter to fit one page: laid out twice)")

    table = next(iter(printset.content.catalog.tables))
    pile = printset.pile(table, printset.content.default_language)
    seconds, pages = render(pile.html, ours, out / "pile.pdf")
    parts = [out / f"part-{index}.pdf" for index in range(len(pile.sheets))]
    for (slug, lang), part in zip(pile.sheets, parts, strict=True):
        render(printset.factsheet(slug, lang).html, ours, part)
    start = time.perf_counter()
    writer = PdfWriter()
    for part in parts:
        for page in PdfReader(part).pages:
            writer.add_page(page)
    writer.write(out / "merged.pdf")
    merged = time.perf_counter() - start
    print(f"pile as one document        {seconds:7.2f} s   {pages} pages, {len(parts)} factsheets (tagged, bookmarks, contents)")
    print(f"pile merged with pypdf      {merged:7.2f} s   (before: untagged; its factsheets were rendered anyway)")
    shutil.rmtree(out, ignore_errors=True)


def peer_python() -> Path:
    python = PEER_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "-r", str(ROOT / "requirements.txt")], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "-r", str(ROOT / "bench" / "requirements-peer.txt")], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "-e", str(ROOT)], check=True)  # the upr plugin
    return python


def peer_site(site: Path, dest: Path) -> Path:
    """The same synthetic site, printed by mkdocs-with-pdf instead of our pipeline."""
    shutil.copytree(site, dest, ignore=shutil.ignore_patterns("site", ".cache"))
    set_pdf(dest, False)
    config = dest / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  - i18n:\n", "  - with-pdf:\n      output_path: pdf/site.pdf\n  - i18n:\n", 1)
    (dest / "hooks").mkdir(exist_ok=True)
    shutil.copy2(ROOT / "bench" / "peer_spacer.py", dest / "hooks" / "peer_spacer.py")
    text = text.replace("\nwatch:", "\nhooks:\n  - hooks/peer_spacer.py\n\nwatch:", 1)
    # with-pdf turns strict into "any WeasyPrint complaint about the theme's CSS is fatal"
    config.write_text(text.replace("strict: true", "strict: false", 1), encoding="utf-8")
    return dest


def rendered(log: str) -> int:
    """PDFs rendered by WeasyPrint in a build, counted from its progress lines."""
    return len(re.findall(r"PDF \d+/\d+: ", log))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=50, help="synthetic bilingual factsheets (default 50)")
    parser.add_argument("--peer", action="store_true", help="also build with mkdocs-with-pdf (slow)")
    parser.add_argument("--workers", type=int, help="PDF worker processes (default: the project's setting)")
    parser.add_argument("--recommendations", type=int, default=0, metavar="R",
                        help="only measure the explorer with R synthetic recommendations added (site-only build)")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # a long --peer run shows each number as it comes
    work = Path(tempfile.mkdtemp(prefix="upr-bench-"))
    site = work / "site-src"
    slugs = make_site(site, args.n)
    if args.recommendations:
        add_recommendations(site, args.recommendations)
        set_pdf(site, False)
        seconds, _, _ = timed_build(site)
        print(f"site-only build with {args.recommendations} extra recommendations: {seconds:.2f} s")
        explorer_weight(site)
        shutil.rmtree(work, ignore_errors=True)
        return
    print(f"N = {args.n} bilingual factsheets ({2 * args.n} factsheet PDFs), {os.cpu_count()} cores, in {work}")

    set_pdf(site, False)
    site_only, _, _ = timed_build(site)
    set_pdf(site, True, args.workers)
    full, peak, log = timed_build(site)
    renders = rendered(log)
    delivered = len(list((site / "site" / "pdf").rglob("*.pdf")))
    unchanged, _, log2 = timed_build(site)
    edit = next((site / "factsheets").rglob(f"{slugs[0]}.en.md"))
    edit.write_text(edit.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8")
    one_edit, _, log3 = timed_build(site)
    floor, floor_docs = raw_floor(site)
    pdf_phase = full - site_only

    print(f"site-only build           {site_only:7.2f} s")
    print(f"full build (cold cache)   {full:7.2f} s   PDFs delivered: {delivered} ({renders} rendered)")
    print(f"PDF phase (full - site)   {pdf_phase:7.2f} s   {renders / pdf_phase:.1f} renders/s, {delivered / pdf_phase:.1f} delivered PDFs/s")
    print(f"no-change rebuild         {unchanged:7.2f} s   rendered: {rendered(log2)}")
    print(f"one-edit rebuild          {one_edit:7.2f} s   rendered: {rendered(log3)}")
    print(f"peak memory (tree RSS)    {peak / 2**20:7.0f} MiB")
    print(f"raw WeasyPrint floor      {floor:7.2f} s   {floor_docs} documents, one process, warm ({floor / floor_docs:.3f} s each)")
    print(f"ratio PDF phase / floor   {pdf_phase / floor:7.2f}   (below 1: the workers beat one process)")
    per_document(site)
    if not args.peer:
        print("mkdocs-with-pdf build       not measured: pass --peer (it builds its own virtualenv, bench/.venv-peer, on first use)")
    else:
        try:
            python = peer_python()
            peer, peer_peak, _ = timed_build(peer_site(site, work / "peer-src"), python)
        except (subprocess.CalledProcessError, SystemExit, OSError) as exc:  # say why, keep the numbers above
            lines = [line for line in str(exc).splitlines() if line.strip()] or [type(exc).__name__]
            print(f"mkdocs-with-pdf build       not measured: {lines[0]}" + (f" ... {lines[-1].strip()}" if len(lines) > 1 else ""))
        else:
            peer_pdfs = len(list((work / "peer-src" / "site").rglob("*.pdf")))
            print(f"mkdocs-with-pdf build     {peer:7.2f} s   PDFs delivered: {peer_pdfs}, peak {peer_peak / 2**20:.0f} MiB")
            print(f"ratio peer / ours (full)  {peer / full:7.2f}   (the goal: at least 2.5)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
