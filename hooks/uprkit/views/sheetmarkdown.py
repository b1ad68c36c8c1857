"""One Markdown document per factsheet page, cut back into its parts after rendering.

All parts of a factsheet's text (summary, implementation comments, narrative, suggested
recommendations, questions) are rendered as one document so footnote numbers run on
through the page; the sources come from the language-neutral file as footnote
definitions. Marker comments between parts let ``split`` cut the HTML apart; the
markers are private to this module: callers get ``RenderedParts``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ..content import Content
from ..content.factsheets import Factsheet
from ..content.parts import PRINT_ORDER
from ..content.safety import sanitize
from ..content.schemas import Source
from .common import date, local

_MARKER = "<!--upr:{}:{}-->"
_MARKERS = re.compile(r"<!--upr:(\w+):([^>]*?)-->")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}])")


@dataclass
class RenderedParts:
    """The HTML of a factsheet's texts in one language (sanitized by the caller)."""

    summary: str = ""
    narrative: str = ""
    implementation: dict[str, str] = field(default_factory=dict)
    """By paragraph number of the previous recommendation."""
    recommendations: dict[str, str] = field(default_factory=dict)
    """By id of the suggested recommendation."""
    questions: list[str] = field(default_factory=list)
    sources: str = ""
    """The footnotes (numbered sources)."""


def document(content: Content, sheet: Factsheet, lang: str, order: tuple[str, ...] = PRINT_ORDER) -> str:
    """The Markdown of a factsheet's text in ``lang``: its parts between markers, in the
    ``order`` of the page they are for (content/parts.py: web or print), so that footnotes
    are numbered as the reader meets them; then the sources as footnote definitions.
    Image paths are relative to docs/."""
    text = sheet.texts[lang]
    body, meta = text.text, sheet.meta
    texts = {
        "summary": [("summary", "", body.summary)],
        "previous": [("implementation", ref.id, body.implementation[ref.id]) for ref in meta.previous_recommendations if ref.id in body.implementation],
        "framework": [("narrative", "", text.body)],
        "suggested": [("recommendations", rec.id, body.recommendations[rec.id]) for rec in meta.suggested_recommendations if rec.id in body.recommendations],
        "questions": [("questions", str(index), question) for index, question in enumerate(body.questions)],
    }
    parts = [part for name in order for part in texts.get(name, [])]
    out = []
    for kind, key, markdown in parts:
        out += [_MARKER.format(kind, key), "", markdown.strip(), ""]
    out += [_MARKER.format("end", ""), ""]
    out += [f"[^{key}]: {source_note(content, source, lang)}" for key, source in sheet.meta.sources.items()]
    return "\n".join(out) + "\n"


def split(rendered: str) -> RenderedParts:
    """The parts of a rendered ``document``, each sanitized (content/safety.py); what
    follows the end marker is the sources."""
    parts = RenderedParts()
    pieces = _MARKERS.split(rendered)
    for kind, key, chunk in zip(pieces[1::3], pieces[2::3], pieces[3::3], strict=True):
        chunk = sanitize(chunk).strip()
        if kind == "summary":
            parts.summary = chunk
        elif kind == "narrative":
            parts.narrative = chunk
        elif kind == "implementation":
            parts.implementation[key] = chunk
        elif kind == "recommendations":
            parts.recommendations[key] = chunk
        elif kind == "questions":
            parts.questions.append(chunk)
        elif kind == "end":
            parts.sources = chunk
    return parts


def plain(text: str) -> str:
    """``text`` written so that Markdown shows it as it is (no markup, footnote refs or
    attribute lists)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def source_note(content: Content, source: Source, lang: str) -> str:
    """A source as its footnote reads: title, publisher, date, address. Texts from the
    data are text, not Markdown: their markup characters are escaped."""
    title = plain(local(source.title, lang) or "")
    publisher = plain(local(source.publisher, lang) or "") if source.publisher else ""
    tail = ", ".join(p for p in (publisher, date(content, source.date, lang)) if p)
    note = title.rstrip(".") + "." + (f" {tail.rstrip('.')}." if tail else "")
    return note + (f" <{source.url}>" if source.url else "")
