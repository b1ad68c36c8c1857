"""What the preview's rebuilds need not compute again.

``mkdocs serve`` rebuilds the whole site after every edit, and most pages come out as
they were: each pure step on a written page (the compaction, the search entries of a
diplomats' page) is kept per page with a digest of its input, and done again only when
that input changed. One result per page, so memory stays one copy of the site whatever
its size; a one-off ``mkdocs build`` keeps nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class PerPage(Generic[T]):
    """``function(text)``, remembered per page while ``keep`` (the preview)."""

    def __init__(self, function: Callable[[str], T], keep: bool) -> None:
        self.function = function
        self.keep = keep
        self._last: dict[str, tuple[bytes, T]] = {}

    def __call__(self, page: str, text: str) -> T:
        if not self.keep:
            return self.function(text)
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        last = self._last.get(page)
        if last is None or last[0] != digest:
            last = self._last[page] = (digest, self.function(text))
        return last[1]
