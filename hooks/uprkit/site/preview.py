"""``mkdocs serve`` shows pages first and prints later.

The pages are built without waiting for a single PDF (a PDF not in the cache yet is
linked as "being prepared"); once the site is served, the missing PDFs render in the
background, with the same cache as ``mkdocs build`` (so switching between the two
renders nothing that did not change). When they are done a marker file that the server
watches is touched: the site rebuilds (quickly: every PDF is now a cache hit), the
links get their sizes and the open page reloads.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from ..errors import ContentError
from ..printing.pipeline import CACHE_DIR, PrintRun

log = logging.getLogger("mkdocs.plugins.upr")


class Preview:
    """The background printing of one ``mkdocs serve`` session."""

    def __init__(self, root: Path) -> None:
        self.marker = root / CACHE_DIR / "ready" / "done"
        self.current: PrintRun | None = None

    def watch(self, server: Any) -> None:
        """Let the server rebuild when background PDFs are ready (``on_serve``)."""
        self.marker.parent.mkdir(parents=True, exist_ok=True)
        server.watch(str(self.marker.parent))

    def replace(self, run: PrintRun | None) -> None:
        """A new build's PDFs: give up what the previous build had not started."""
        if self.current is not None and self.current is not run:
            self.current.cancel()
        self.current = run

    def render_later(self, run: PrintRun) -> None:
        """Start the renders the pages did not wait for; rebuild when they are done."""
        if run.render_missing():
            threading.Thread(target=self._finish, args=(run,), name="upr-pdf-preview", daemon=True).start()

    def _finish(self, run: PrintRun) -> None:
        try:
            run.finish()
        except ContentError as exc:
            for message in exc.messages:
                log.error(message)
        except Exception as exc:  # noqa: BLE001 - a background thread must not die silently
            log.error(f"{type(exc).__name__}: {exc}")
        if run.cancelled or run is not self.current or run.errors:
            return  # nothing new to show (a failed render would only fail again)
        if summary := run.summary():
            log.info(summary)
        self.marker.parent.mkdir(parents=True, exist_ok=True)
        self.marker.write_text(str(len(run.outputs)), encoding="utf-8")
