"""The part of PDF rendering that runs in worker processes.

Each worker imports WeasyPrint once and keeps one font configuration, so the bundled
fonts are parsed once per worker, not once per PDF. A job is plain data in, plain data
out (the PDF goes straight to the cache file), so it crosses process boundaries cheaply.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

_FONT_CONFIG = None
_STYLESHEETS: dict[tuple[str, str], object] = {}


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


@dataclass
class Result:
    key: str
    pages: int = 0
    warnings: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    error: str = ""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def init() -> None:
    """Worker start-up: import WeasyPrint and make the font configuration once."""
    global _FONT_CONFIG
    from weasyprint.text.fonts import FontConfiguration

    _FONT_CONFIG = FontConfiguration()


def render(job: Job, root: str) -> Result:
    """Render ``job`` to its cache file; WeasyPrint's warnings and refused URLs come back."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import FatalURLFetchingError

    from .fetcher import ProjectFetcher

    if _FONT_CONFIG is None:
        init()
    fetcher = ProjectFetcher(Path(root))
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    logger.propagate = False
    result = Result(job.key)
    try:
        stylesheets = []
        for url in job.stylesheets:
            if (url, job.assets) not in _STYLESHEETS:
                _STYLESHEETS[(url, job.assets)] = CSS(url=url, url_fetcher=ProjectFetcher(Path(root)), font_config=_FONT_CONFIG)
            stylesheets.append(_STYLESHEETS[(url, job.assets)])
        html = HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher)
        document = html.render(font_config=_FONT_CONFIG, stylesheets=stylesheets)
        result.pages = len(document.pages)
        if not fetcher.refused:
            tmp = f"{job.out}.{os.getpid()}.tmp"
            document.write_pdf(tmp, pdf_variant="pdf/ua-1", uncompressed_pdf=False)
            os.replace(tmp, job.out)
    except (Exception, FatalURLFetchingError) as exc:  # reported by the parent as a build error, with the job named
        if not fetcher.refused:
            result.error = f"{type(exc).__name__}: {exc}"
    finally:
        logger.removeHandler(collect)
    result.warnings = [m for m in collect.messages if "refused:" not in m]
    result.refused = fetcher.refused
    return result


def merge(parts: list[str], out: str, title: str, author: str, lang: str, whole_sheets: bool) -> int:
    """Put rendered PDFs together (a pile, a handout); returns the page count."""
    from .assemble import merge as merge_pdfs

    return merge_pdfs([Path(p) for p in parts], Path(out), title=title, author=author, lang=lang, whole_sheets=whole_sheets)
