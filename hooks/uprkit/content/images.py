"""Images in factsheet text: files inside docs/, written relative to it
(``![Chart](assets/images/chart.png)``). Anything else — a web address, ``file:``, an
absolute path, a path leading out of docs/ — is refused: pages and PDFs fetch nothing
from outside the project."""

from __future__ import annotations

import re
from pathlib import Path

from .files import inside

_MD_IMAGE = re.compile(r"(!\[[^\]]*\]\(\s*<?)([^)\s>]+)")
_HTML_IMAGE = re.compile(r"(<img\b[^>]*?\bsrc\s*=\s*[\"']?)([^\"'\s>]+)", re.I)


def sources(text: str) -> list[tuple[int, str]]:
    """(offset, src) of every image in Markdown ``text``."""
    return sorted((m.start(2), m.group(2)) for rx in (_MD_IMAGE, _HTML_IMAGE) for m in rx.finditer(text))


def is_local(src: str, docs: Path) -> bool:
    if src.startswith("data:image/"):
        return True
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^/|^\\\\", src):
        return False
    path = docs / src
    return path.is_file() and inside(path, docs)


def rebase(text: str, prefix: str) -> str:
    """Prefix every local image path (relative to docs/) with ``prefix``, so it resolves
    from a generated page's place (``../`` for factsheets/x.md)."""

    def fix(match: re.Match) -> str:
        src = match.group(2)
        return match.group(1) + (src if src.startswith("data:") else prefix + src)

    return _HTML_IMAGE.sub(fix, _MD_IMAGE.sub(fix, text))
