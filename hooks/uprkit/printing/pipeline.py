"""Render every PDF of the site once, in parallel, and never twice for the same input.

A PDF's cache key hashes everything that shapes it: its print HTML, the stylesheets and
fonts (all of docs/assets), the versions of the packages that write PDF bytes, and this
renderer's version. A rebuild with no change renders nothing; editing one factsheet
renders again its PDF and the documents that contain it (its table's pile in that
language, its handout): each pile and handout is one document of its own, laid out
from the same sheets, so it is tagged, has bookmarks and numbers its pages through.

Two objects with clear lifetimes:

* ``Printer`` owns the worker processes for one MkDocs command (a ``build``, or a whole
  ``serve`` session) and is closed when the command ends;
* ``PrintRun`` is one build's set of PDFs: planned as soon as the content is loaded (so
  rendering overlaps with MkDocs writing pages), awaited by the pages that link a PDF
  (they show its size), finished and published at the end of the build.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from ..content import Content
from ..content.fingerprints import assets_fingerprint
from ..content.parts import BRIEFING_BUDGET, PAGE_BUDGET, PARTS
from ..errors import ContentError
from ..views import states as states_view
from . import worker
from .documents import Document, Fitted, Pages, PrintSet
from .paths import factsheet_pdf

RENDER_VERSION = "3"
CACHE_DIR = ".cache/upr-pdf"
PDF_PACKAGES = ("weasyprint", "pydyf", "fonttools", "pillow", "tinycss2", "cssselect2", "tinyhtml5", "pyphen", "segno")
"""Packages whose version changes the bytes of a PDF (part of every cache key)."""
SERVE_NICENESS = 10
"""How much less priority the PDF workers of ``mkdocs serve`` have than the server."""
BUDGETS = {"factsheet": PAGE_BUDGET, "briefing": BRIEFING_BUDGET}
"""Pages each kind of document may have; more is a warning (``--strict`` fails it)."""

def _versions() -> str:
    found = []
    for name in PDF_PACKAGES:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=-")
    return ";".join(found)

class Printer:
    """The worker processes of one MkDocs command."""

    def __init__(self, workers: int, serving: bool) -> None:
        self.workers = workers
        self.serving = serving
        self._executor: cf.ProcessPoolExecutor | None = None
        self._paused: list[int] = []

    def executor(self) -> cf.ProcessPoolExecutor:
        if self._executor is None:
            # `mkdocs build`: fork, so workers start with WeasyPrint already imported.
            # `mkdocs serve` runs threads (file watcher, server), where fork is unsafe.
            context = multiprocessing.get_context("spawn" if self.serving else "fork")
            # While serving, PDFs render in the background: at a lower priority, so that
            # the rebuild after an editor's save gets the cores first.
            nice = SERVE_NICENESS if self.serving else 0
            self._executor = cf.ProcessPoolExecutor(max_workers=self.workers, mp_context=context, initializer=worker.init, initargs=(os.getpid(), nice))
        return self._executor

    def pause(self) -> None:
        """``mkdocs serve``: stop the workers where they are while the pages are rebuilt.
        Lowering their priority was not enough: on this 2-core machine a rebuild next to
        two rendering workers at ``nice`` 10 took about 10-15 % longer (two CPU-bound
        loops at ``nice`` 10 slowed it by nothing measurable: what WeasyPrint shares with
        the rebuild is more likely memory and caches than the cores). A rebuild never
        waits for a PDF while serving, so nothing can wait on a stopped worker; ``resume``
        (always called when the rebuild ends, and before the workers are shut down) lets
        them go on. Should the server die between the two, the kernel continues (and
        hangs up) the stopped workers of the orphaned group."""
        if self._executor is None or not self.serving or self._paused or not hasattr(signal, "SIGSTOP"):
            return
        # the command's only multiprocessing children are these workers
        for child in multiprocessing.active_children():
            if child.pid is not None:
                try:
                    os.kill(child.pid, signal.SIGSTOP)
                    self._paused.append(child.pid)
                except ProcessLookupError:
                    pass

    def resume(self) -> None:
        paused, self._paused = self._paused, []
        for pid in paused:
            try:
                os.kill(pid, signal.SIGCONT)
            except ProcessLookupError:
                pass

    def close(self) -> None:
        self.resume()
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

@dataclass
class Output:
    """One PDF of the site."""

    path: str
    key: str
    kind: str
    source: str
    """The file an editor changes to change this PDF (for messages)."""
    lang: str
    title: str = ""
    slug: str = ""
    sheets: tuple[tuple[str, str], ...] = ()
    """The factsheets it holds, as (slug, language)."""
    future: cf.Future | None = None
    job: worker.Job | None = None
    """What to render, while it waits to be submitted (``mkdocs serve`` renders later)."""
    budget: int = 0
    pages: int = 0
    warnings: list[str] = field(default_factory=list)
    overflow: int = 0
    """Lines over the page budget (factsheets)."""
    part_lines: dict[str, int] = field(default_factory=dict)
    """Lines each factsheet part takes, when over the budget."""
    state: str = ""
    """A briefing's State."""
    fitted: bool = False
    """A factsheet printed in the tighter setting (it fits one page only so)."""
    make: Callable[[Fitted, Pages], Document] | None = None
    """A pile or handout not planned yet: how to make it once its factsheets are printed."""
    done: bool = False
    failed: bool = False
    """Its render failed (the error is in ``PrintRun.errors``)."""

def _sha(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()[:32]

class PrintRun:
    """All PDFs of one build: planned and submitted early, awaited where needed."""

    def __init__(self, content: Content, printer: Printer | None, printset: PrintSet) -> None:
        self.content = content
        self.root = content.root
        self.printer = printer
        self.printset = printset
        self.cache = self.root / CACHE_DIR
        self.cache.mkdir(parents=True, exist_ok=True)
        self.outputs: dict[str, Output] = {}
        self.rendered = 0
        self.total = 0
        self.errors: list[str] = []
        self.progress: list[str] = []
        self.cancelled = False
        self.started = time.monotonic()

    # ------------------------------------------------------------------ plan
    def start(self, render: bool = True) -> None:
        """Plan every PDF; renders start as soon as each one's HTML exists. With
        ``render`` false, only what the cache already holds is known (``upr status``)."""
        assets = assets_fingerprint(self.root)
        base = _sha(assets, _versions(), RENDER_VERSION)
        self._base, self._assets, self._render = base, assets, render
        for doc in self.printset.documents():
            self._plan(doc)
        for path, sheets, make in self.printset.collections():
            kind = "pile" if path.startswith("pdf/tables/") else "handout"
            self.outputs[path] = Output(path, "", kind, "", "", sheets=sheets, make=make)
        self._plan_ready()

    def _plan(self, doc: Document) -> Output:
        out = Output(doc.path, _sha(self._base, doc.html), doc.kind, self._source(doc), doc.lang, doc.title, doc.slug, doc.sheets, state=doc.state)
        self.outputs[doc.path] = out
        if not self._from_cache(out):
            out.job = worker.Job(out.key, doc.html, self.printset.base_url, str(self._file(out)), self.printset.stylesheets, self._assets, doc.fit_html)
            out.budget = BUDGETS.get(doc.kind, 0)
            if self._render:
                self._submit(out)
        return out

    def _plan_ready(self) -> None:
        """Plan the piles and handouts whose factsheets are all printed: each is laid out
        with its factsheets in the setting that printed them."""
        if self.cancelled:
            return
        for out in list(self.outputs.values()):
            if out.make is not None and all(self.outputs[factsheet_pdf(*sheet)].done for sheet in out.sheets):
                fitted = frozenset(sheet for sheet in out.sheets if self.outputs[factsheet_pdf(*sheet)].fitted)
                self._plan(out.make(fitted, {sheet: self.outputs[factsheet_pdf(*sheet)].pages for sheet in out.sheets}))

    def _source(self, doc: Document) -> str:
        """The file an editor changes to change ``doc`` (named in its messages)."""
        sheet = self.content.factsheets.get(doc.slug)
        if doc.kind == "factsheet":
            return sheet.source_path(doc.lang)
        if doc.kind == "handout":
            return sheet.meta_path
        return "data/recommendations" if doc.kind == "briefing" else "data/tables.yml"

    def _submit(self, out: Output) -> None:
        out.future = self.printer.executor().submit(worker.render, out.job, str(self.root), out.budget)
        out.job = None
        self.total += 1

    def render_missing(self) -> int:
        """Start every render not started yet (``mkdocs serve``: after the pages are served)."""
        self._render = True
        waiting = [out for out in self.outputs.values() if out.job is not None]
        for out in waiting:
            self._submit(out)
        return len(waiting) + sum(1 for out in self.outputs.values() if out.make is not None)

    def cancel(self) -> None:
        """Give up what has not started (the content changed while PDFs rendered)."""
        self.cancelled = True
        for out in self.outputs.values():
            out.job = None
            if out.future is not None and not out.done:
                out.future.cancel()

    def missing(self) -> bool:
        """True while some PDF is neither in the cache nor rendering."""
        return any(out.job is not None or out.make is not None for out in self.outputs.values())

    # ------------------------------------------------------------------ cache
    def _file(self, out: Output) -> Path:
        return self.cache / f"{out.key}.pdf"

    def _from_cache(self, out: Output) -> bool:
        meta = self.cache / f"{out.key}.json"
        if self._file(out).is_file() and meta.is_file():
            data = json.loads(meta.read_text(encoding="utf-8"))
            out.pages, out.warnings, out.done = data["pages"], data["warnings"], True
            out.overflow, out.part_lines, out.fitted = data.get("overflow", 0), data.get("parts", {}), data.get("fitted", False)
            return True
        return False

    def _store(self, out: Output) -> None:
        meta = {"pages": out.pages, "warnings": out.warnings, "path": out.path, "overflow": out.overflow, "parts": out.part_lines, "fitted": out.fitted}
        (self.cache / f"{out.key}.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    # ------------------------------------------------------------------ results
    def plans(self, path: str) -> bool:
        return path in self.outputs

    def _pending(self) -> dict[cf.Future, Output]:
        return {out.future: out for out in self.outputs.values() if out.future is not None and not out.done and not out.failed and not out.future.cancelled()}

    def _pump(self, pending: dict[cf.Future, Output]) -> None:
        """Wait for the next results and record them."""
        finished, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
        for future in finished:
            out = pending.pop(future)
            if future.cancelled():
                continue
            self._rendered(out, future.result())
        self._plan_ready()

    def wait_for(self, path: str) -> Output:
        """The PDF at ``path``, once rendered."""
        while not self.outputs[path].done and not self.outputs[path].failed:
            pending = self._pending()
            if not pending:
                break
            self._pump(pending)
        return self.outputs[path]

    def finish(self) -> None:
        """Wait for every render; stop the build on errors."""
        while pending := self._pending():
            self._pump(pending)
        if self.errors:
            raise ContentError(*self.errors)

    def _rendered(self, out: Output, result: worker.Result) -> None:
        self.rendered += 1
        msg = self.content.msg
        self.progress.append(msg("pdf-progress", done=self.rendered, total=self.total, pdf=out.path, pages=result.pages))
        if result.refused:
            self.errors += [f"{out.source}: " + msg("pdf-refused", url=url) for url in result.refused]
            out.failed = True
        elif result.error:
            self.errors.append(f"{out.source}: " + msg("pdf-failed", pdf=out.path, error=result.error))
            out.failed = True
        else:
            out.pages, out.warnings, out.done = result.pages, result.warnings, True
            out.overflow, out.part_lines, out.fitted = result.overflow, result.parts, result.fitted
            self._store(out)

    def size(self, path: str, wait: bool = True) -> int | None:
        """Size of the PDF at ``path``; without ``wait``, None unless it is ready."""
        out = self.wait_for(path) if wait else self.outputs[path]
        return self._file(out).stat().st_size if out.done else None

    def warnings(self) -> list[str]:
        """What the finished PDFs need an editor to know (WeasyPrint's warnings, page budget)."""
        msg, found = self.content.msg, []
        for out in self.outputs.values():
            found += [f"{out.source}: " + msg("pdf-warning", pdf=out.path, warning=warning) for warning in out.warnings]
            if out.kind == "factsheet" and out.pages > PAGE_BUDGET:
                found.append(f"{out.source}: " + self.too_long(out))
            if out.kind == "briefing" and out.pages > BRIEFING_BUDGET:
                found.append(f"{out.source}: " + self.briefing_too_long(out))
        return found

    def too_long(self, out: Output) -> str:
        """What to shorten in an over-long factsheet: by how much, and its longest parts."""
        msg, sheet = self.content.msg, self.content.factsheets[out.slug]
        t = self.content.labels(msg.lang)
        text = sheet.texts.get(out.lang)
        entries = {"sources": len(sheet.meta.sources), "previous": len(sheet.meta.previous_recommendations),
                   "mechanisms": len(sheet.meta.other_mechanisms), "suggested": len(sheet.meta.suggested_recommendations),
                   "targets": len(sheet.meta.target_states), "questions": len(text.text.questions) if text else 0}
        longest = sorted(((lines, name) for name, lines in out.part_lines.items() if name in PARTS and lines), reverse=True)[:2]
        parts = ", ".join(
            msg("budget-part-entries" if entries.get(name) else "budget-part", part=t[PARTS[name].label], lines=lines, entries=entries.get(name, 0))
            for lines, name in longest
        )
        return msg("pdf-too-long", pdf=out.path, pages=out.pages, budget=PAGE_BUDGET, lines=out.overflow, parts=parts or "-")

    def briefing_too_long(self, out: Output) -> str:
        """What makes a State's briefing too long: by how much, and how much it lists."""
        recommendations = sum(1 for record in self.content.records if out.state in record.rec.states)
        factsheets = len(states_view.briefing(self.content, out.state, out.lang, [])["factsheets"])
        return self.content.msg("pdf-briefing-too-long", pdf=out.path, pages=out.pages, budget=BRIEFING_BUDGET, lines=out.overflow,
                                recommendations=recommendations, factsheets=factsheets)

    def over_budget(self, path: str) -> str | None:
        """The page-budget message of the finished PDF at ``path``, when it is too long."""
        out = self.outputs.get(path)
        if out is None or not out.done or out.pages <= BUDGETS.get(out.kind, out.pages):
            return None
        return self.too_long(out) if out.kind == "factsheet" else self.briefing_too_long(out)

    def summary(self) -> str | None:
        if not self.total:
            return None
        return self.content.msg("pdf-done", count=self.total, seconds=f"{time.monotonic() - self.started:.1f}")

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
