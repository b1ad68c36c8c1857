"""What WeasyPrint may read: files inside the project, and ``data:`` URIs. Nothing else.

WeasyPrint's default fetcher would read ``file:///etc/passwd`` or fetch the network if a
factsheet asked. This one refuses, and remembers what it refused so the build can stop
with a clear message instead of printing a PDF with a hole in it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher


class ProjectFetcher(URLFetcher):
    """A WeasyPrint URL fetcher confined to ``root``."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root.resolve()
        self.refused: list[str] = []

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme == "data":
            return True
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return False
        path = Path(unquote(parts.path)).resolve()
        return path.is_relative_to(self.root) and path.is_file()

    def fetch(self, url: str, headers: dict | None = None) -> Any:
        if not self.allowed(url):
            self.refused.append(url)
            raise FatalURLFetchingError(f"refused: {url} is outside the project")
        return super().fetch(url, headers)
