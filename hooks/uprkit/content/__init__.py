"""The content core: everything in data/ and factsheets/, read, checked and joined.

No MkDocs here. ``load_content`` is the one entry point; the MkDocs plugin, the ``upr``
command, the importer and the tests all call it.
"""

from __future__ import annotations

from .model import Content, load_content

__all__ = ["Content", "load_content"]
