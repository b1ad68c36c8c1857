"""Render every PDF of the site once, in parallel, and never twice for the same input.

A PDF's cache key hashes everything that shapes it: its print HTML, the stylesheets and
fonts (all of docs/assets), WeasyPrint's version and this renderer's version. A rebuild
with no change renders nothing; editing one factsheet renders its PDFs again and merges
the piles and handout that contain them. Renders run in worker processes started when
the content has been read, so they overlap with MkDocs building the pages.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import json
import multiprocessing
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import weasyprint

from ..problems import ContentError, log
from . import worker
from .documents import PrintSet
from .paths import cover_pdf, factsheet_pdf, handout_pdf, pile_pdf

RENDER_VERSION = "1"
CACHE_DIR = ".cache/upr-pdf"

_EXECUTOR: cf.ProcessPoolExecutor | None = None
_KEEP_ALIVE = False


def keep_workers(serving: bool) -> None:
    """Keep the worker processes between builds (``mkdocs serve``)."""
    global _KEEP_ALIVE
    _KEEP_ALIVE = serving


def keeps_workers() -> bool:
    return _KEEP_ALIVE


def shutdown() -> None:
    global _EXECUTOR
    if _EXECUTOR is not None:
        _EXECUTOR.shutdown(wait=True, cancel_futures=True)
        _EXECUTOR = None


def _executor(workers: int) -> cf.ProcessPoolExecutor:
    global _EXECUTOR
    if _EXECUTOR is None:
        hooks_dir = str(Path(__file__).resolve().parents[2])
        if hooks_dir not in sys.path:  # spawned workers import uprkit from here
            sys.path.append(hooks_dir)
        # `mkdocs build`: fork, so workers start with WeasyPrint already imported. `mkdocs
        # serve` runs threads (file watcher, server), where fork is unsafe: spawn, once.
        context = multiprocessing.get_context("spawn" if _KEEP_ALIVE else "fork")
        _EXECUTOR = cf.ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=worker.init)
    return _EXECUTOR


@dataclass
class Output:
    """One PDF of the site (or a cover page only used inside a pile)."""

    path: str
    key: str
    kind: str
    source: str
    lang: str
    title: str = ""
    author: str = ""
    parts: list[str] = field(default_factory=list)
    future: cf.Future | None = None
    pages: int = 0
    warnings: list[str] = field(default_factory=list)
    done: bool = False


def _sha(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def assets_fingerprint(root: Path) -> str:
    """Hash of every file in docs/ a PDF may use: stylesheets, fonts, logos, images (not
    the Markdown pages, not the site's JavaScript)."""
    digest = hashlib.sha256()
    for path in sorted((root / "docs").rglob("*")):
        if path.is_file() and path.suffix not in (".md", ".js"):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class Pipeline:
    """All PDFs of one build: started early, awaited before pages are written."""

    def __init__(self, content, config, workers: int) -> None:
        self.content = content
        self.root: Path = content.root
        self.cache = self.root / CACHE_DIR
        self.cache.mkdir(parents=True, exist_ok=True)
        self.printset = PrintSet(content, config["markdown_extensions"], config["mdx_configs"], config.get("site_url"))
        self.workers = workers
        self.outputs: dict[str, Output] = {}
        self.rendered = 0
        self.started = time.monotonic()

    # ------------------------------------------------------------------ plan
    def start(self) -> None:
        assets = assets_fingerprint(self.root)
        base = _sha(assets, weasyprint.__version__, RENDER_VERSION)
        self.total = 0
        for doc in self.printset.documents():  # a generator: each job starts as soon as its HTML exists
            sheet = self.content.factsheets.get(doc.slug)
            source = sheet.source_path(doc.lang) if sheet else "data/recommendations" if doc.kind == "briefing" else "data/tables.yml"
            out = Output(doc.path, _sha(base, doc.html), doc.kind, source, doc.lang, doc.title)
            self.outputs[doc.path] = out
            if not self._from_cache(out):
                job = worker.Job(out.key, doc.html, self.printset.base_url, str(self._file(out)), self.printset.stylesheets, assets)
                out.future = _executor(self.workers).submit(worker.render, job, str(self.root))
                self.total += 1
        self._plan_merges()

    def _plan_merges(self) -> None:
        content = self.content
        for table_id in content.catalog.tables:
            for lang in content.languages:
                slugs = [s for s, sheet in content.factsheets.items() if sheet.table == table_id and lang in sheet.texts]
                slugs.sort(key=lambda s: content.factsheets[s].texts[lang].text.title.casefold())
                parts = [cover_pdf(table_id, lang)] + [factsheet_pdf(s, lang) for s in slugs]
                cover = self.outputs[parts[0]]
                self._merge(pile_pdf(table_id, lang), "pile", lang, parts, cover.title, "data/tables.yml")
        for slug, sheet in content.factsheets.items():
            if len(sheet.texts) == len(content.languages):
                parts = [factsheet_pdf(slug, lang) for lang in content.languages]
                title = " / ".join(sheet.texts[lang].text.title for lang in content.languages)
                self._merge(handout_pdf(slug, content.languages), "handout", content.languages[0], parts, title, sheet.meta_path)

    def _merge(self, path: str, kind: str, lang: str, parts: list[str], title: str, source: str) -> None:
        key = _sha(kind, title, lang, *(self.outputs[p].key for p in parts))
        out = Output(path, key, kind, source, lang, title, parts=parts)
        self.outputs[path] = out
        self._from_cache(out)

    # ------------------------------------------------------------------ cache
    def _file(self, out: Output) -> Path:
        return self.cache / f"{out.key}.pdf"

    def _from_cache(self, out: Output) -> bool:
        meta = self.cache / f"{out.key}.json"
        if self._file(out).is_file() and meta.is_file():
            data = json.loads(meta.read_text(encoding="utf-8"))
            out.pages, out.warnings, out.done = data["pages"], data["warnings"], True
            return True
        return False

    def _store(self, out: Output) -> None:
        meta = {"pages": out.pages, "warnings": out.warnings, "path": out.path}
        (self.cache / f"{out.key}.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    # ------------------------------------------------------------------ results
    def finish_all(self) -> None:
        """Wait for every render, merging piles and handouts as soon as their parts exist
        (in the workers too); stop the build on errors."""
        errors: list[str] = []
        pending = {out.future: out for out in self.outputs.values() if out.future is not None and not out.done}
        self._submit_merges(pending)
        while pending:
            finished, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
            for future in finished:
                out = pending.pop(future)
                if out.parts:
                    out.pages, out.done = future.result(), True
                    self._store(out)
                else:
                    errors += self._rendered(out, future.result())
            self._submit_merges(pending)
        if errors:
            for message in errors[:-1]:
                log.error(message)
            raise ContentError(errors[-1])
        if self.total:
            seconds = time.monotonic() - self.started
            log.info(self.content.msg("pdf-done", count=self.total, seconds=f"{seconds:.1f}"))
        self._report()

    def _rendered(self, out: Output, result: worker.Result) -> list[str]:
        self.rendered += 1
        log.info(self.content.msg("pdf-progress", done=self.rendered, total=self.total, pdf=out.path, pages=result.pages))
        if result.refused:
            return [f"{out.source}: " + self.content.msg("pdf-refused", url=url) for url in result.refused]
        if result.error:
            return [f"{out.source}: " + self.content.msg("pdf-failed", pdf=out.path, error=result.error)]
        out.pages, out.warnings, out.done = result.pages, result.warnings, True
        self._store(out)
        return []

    def _submit_merges(self, pending: dict) -> None:
        for out in self.outputs.values():
            if out.parts and not out.done and out.future is None and all(self.outputs[p].done for p in out.parts):
                files = [str(self._file(self.outputs[p])) for p in out.parts]
                author = self.content.catalog.states.name(self.content.catalog.country, out.lang) or ""
                out.future = _executor(self.workers).submit(
                    worker.merge, files, str(self._file(out)), out.title, author, out.lang, out.kind == "handout"
                )
                pending[out.future] = out

    def _report(self) -> None:
        for out in self.outputs.values():
            for warning in out.warnings:
                log.warning(f"{out.source}: " + self.content.msg("pdf-warning", pdf=out.path, warning=warning))
            if out.kind == "factsheet" and out.pages > 2:
                log.warning(f"{out.source}: " + self.content.msg("pdf-too-long", pdf=out.path, pages=out.pages))

    def plans(self, path: str) -> bool:
        return path in self.outputs

    def size(self, path: str) -> int | None:
        out = self.outputs.get(path)
        return self._file(out).stat().st_size if out and out.done else None

    def publish(self, site_dir: Path) -> None:
        """Put the PDFs into the built site (hard links to the cache where possible)."""
        for out in self.outputs.values():
            if not out.path.startswith("pdf/") or not out.done:
                continue
            target = site_dir / out.path
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                target.unlink()
            try:
                os.link(self._file(out), target)
            except OSError:
                shutil.copyfile(self._file(out), target)
        self._prune()

    def _prune(self) -> None:
        """Forget cache entries this build did not use (old versions of edited factsheets)."""
        used = {out.key for out in self.outputs.values()}
        for path in self.cache.iterdir():
            if path.stem.split(".")[0] not in used and path.suffix in (".pdf", ".json"):
                path.unlink(missing_ok=True)
