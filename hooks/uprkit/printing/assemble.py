"""Piles and two-sided handouts, put together from already rendered PDFs (pypdf).

Nothing is laid out again: a pile is its cover followed by the table's factsheets, a
handout is one language's factsheet then the other's, each padded with a blank page to
whole sheets so the second language starts on a new sheet when printed on both sides.
"""

from __future__ import annotations

import os
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject


def merge(parts: list[Path], out: Path, *, title: str, author: str, lang: str, whole_sheets: bool = False) -> int:
    """Write ``parts`` one after the other to ``out``; returns the page count."""
    writer = PdfWriter()
    for part in parts:
        reader = PdfReader(part)
        for page in reader.pages:
            writer.add_page(page)
        if whole_sheets and len(reader.pages) % 2:
            box = reader.pages[-1].mediabox
            writer.add_blank_page(width=box.width, height=box.height)
    writer.add_metadata({"/Title": title, "/Author": author})
    writer._root_object[NameObject("/Lang")] = TextStringObject(lang)
    tmp = out.with_suffix(f".{os.getpid()}.tmp")
    with open(tmp, "wb") as handle:
        writer.write(handle)
    os.replace(tmp, out)
    return len(writer.pages)
