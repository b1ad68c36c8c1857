"""The part of PDF rendering that runs in worker processes.

Each worker imports WeasyPrint once and keeps one font configuration and the parsed
stylesheets of the current assets (``_Worker``, one per process), so the bundled fonts
are parsed once per worker, not once per PDF. A job is plain data in, plain data out
(the PDF goes straight to the cache file), so it crosses process boundaries cheaply.
A worker ends itself when the process that started it is gone (``mkdocs serve``
stopped by a signal must not leave workers behind).
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .tagging import finish_tags


@dataclass
class Job:
    """One HTML document to render to ``out``."""

    key: str
    html: str
    base_url: str
    out: str
    stylesheets: list[str] = field(default_factory=list)
    """Stylesheet URLs, parsed once per worker (per ``assets`` version)."""
    assets: str = ""
    fit_html: str = ""
    """The same document set tighter (a factsheet): printed instead when it makes a
    factsheet just over one page fit on one."""


@dataclass
class Result:
    key: str
    pages: int = 0
    warnings: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    error: str = ""
    overflow: int = 0
    """Over the page budget: about how many lines too long."""
    parts: dict[str, int] = field(default_factory=dict)
    """Over the page budget: lines each factsheet part takes (by part name)."""
    fitted: bool = False
    """The tighter setting (``Job.fit_html``) was printed: it fits one page."""


FIT_LINES = 14
"""A factsheet at most this many lines over one page is tried in the tighter setting (it
saves 10 to 12 lines; a factsheet further over would be laid out twice for nothing)."""


_PART = re.compile(r"\bupr-part--([\w-]+)")


def _boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        if type(child).__name__ != "MarginBox":  # running header, QR and footer
            yield from _boxes(child)


def measure(document: Any, budget: int) -> tuple[int, dict[str, int]]:
    """How far a document runs over ``budget`` pages, in lines of body text, and how
    many lines each factsheet part takes (the parts an editor could shorten)."""
    lines = sorted(b.height for page in document.pages for b in _boxes(page._page_box) if type(b).__name__ == "LineBox" and b.height)
    line = lines[len(lines) // 2] if lines else 16.0
    over = 0.0
    for page in document.pages[budget:]:
        box = page._page_box
        bottoms = [b.position_y + b.margin_height() for b in _boxes(box) if type(b).__name__ in ("LineBox", "ImageBox", "InlineReplacedBox")]
        over += max(bottoms, default=box.content_box_y()) - box.content_box_y()
    heights: dict[str, float] = {}
    for page in document.pages:
        for b in _boxes(page._page_box):
            element = getattr(b, "element", None)
            match = _PART.search(element.get("class") or "") if element is not None and getattr(element, "tag", "") == "section" else None
            if match and getattr(b, "element_tag", "") == "section":
                heights[match.group(1)] = heights.get(match.group(1), 0.0) + b.margin_height()
    return round(over / line), {name: round(height / line) for name, height in heights.items()}


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class _Worker:
    """What one worker process keeps between jobs."""

    def __init__(self) -> None:
        from weasyprint.text.fonts import FontConfiguration

        self.font_config = FontConfiguration()
        self.assets = ""
        self.stylesheets: dict[str, Any] = {}

    def stylesheet(self, url: str, assets: str, root: Path) -> Any:
        from weasyprint import CSS

        from .fetcher import ProjectFetcher

        if assets != self.assets:  # the stylesheets or fonts changed: forget the old ones
            self.assets, self.stylesheets = assets, {}
        if url not in self.stylesheets:
            self.stylesheets[url] = CSS(url=url, url_fetcher=ProjectFetcher(root), font_config=self.font_config)
        return self.stylesheets[url]


_worker: _Worker | None = None


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(1)
        if os.getppid() != parent:
            os._exit(0)


def init(parent: int | None = None, nice: int = 0) -> None:
    """Worker start-up: lower its priority by ``nice``, import WeasyPrint, make the font
    configuration once, and end with the parent process."""
    global _worker
    if nice:
        os.nice(nice)
    _worker = _Worker()
    if parent is not None:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def render(job: Job, root: str, budget: int = 0) -> Result:
    """Render ``job`` to its cache file; WeasyPrint's warnings and refused URLs come back,
    and, past ``budget`` pages (0: no budget), how much too long it is and where."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    from .fetcher import ProjectFetcher

    if _worker is None:
        init()
    fetcher = ProjectFetcher(Path(root))
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    logger.propagate = False
    result = Result(job.key)
    try:
        stylesheets = [_worker.stylesheet(url, job.assets, Path(root)) for url in job.stylesheets]
        html = HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher)
        document = html.render(font_config=_worker.font_config, stylesheets=stylesheets)
        if job.fit_html and len(document.pages) == 2 and measure(document, 1)[0] <= FIT_LINES:
            tighter = HTML(string=job.fit_html, base_url=job.base_url, url_fetcher=fetcher).render(font_config=_worker.font_config, stylesheets=stylesheets)
            if len(tighter.pages) == 1:
                document, result.fitted = tighter, True
        result.pages = len(document.pages)
        if budget and result.pages > budget:
            result.overflow, result.parts = measure(document, budget)
        if not fetcher.refused:
            tmp = f"{job.out}.{os.getpid()}.tmp"
            document.write_pdf(tmp, pdf_variant="pdf/ua-1", uncompressed_pdf=False, finisher=finish_tags)
            os.replace(tmp, job.out)
    except (Exception, FatalURLFetchingError) as exc:  # reported by the parent as a build error, with the job named
        if not fetcher.refused:
            result.error = f"{type(exc).__name__}: {exc}"
    finally:
        logger.removeHandler(collect)
    refused = set(fetcher.refused)
    result.warnings = [m for m in collect.messages if not any(url in m for url in refused)]
    result.refused = fetcher.refused
    return result
