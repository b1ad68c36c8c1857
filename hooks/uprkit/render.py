"""One Markdown document per factsheet page, cut back into its parts after rendering.

All parts of a factsheet's text (summary, implementation comments, narrative, suggested
recommendations, questions) are rendered as one document so footnote numbers run on
through the page, in the order the template shows the parts; the sources come from the
language-neutral file as footnote definitions. Marker comments between parts let
``split_parts`` cut the HTML apart for the template.
"""

from __future__ import annotations

import re

import yaml

MARKER = "<!--upr:{}-->"
_MARKER = re.compile(r"<!--upr:([^>]*?)-->")


def front_matter(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"


def assemble(parts: list[tuple[str, str]], footnotes: list[tuple[str, str]]) -> str:
    """Markdown of ``parts`` (name, markdown) separated by markers, then footnote definitions."""
    out = []
    for name, markdown in parts:
        out += [MARKER.format(name), "", markdown.strip(), ""]
    out += [MARKER.format("end"), ""]
    out += [f"[^{key}]: {text}" for key, text in footnotes]
    return "\n".join(out) + "\n"


def split_parts(html: str) -> dict[str, str]:
    """{part name: html}; what follows the ``end`` marker (the footnotes) is ``sources``."""
    parts: dict[str, str] = {}
    pieces = _MARKER.split(html)
    for name, chunk in zip(pieces[1::2], pieces[2::2], strict=False):
        parts[name if name != "end" else "sources"] = chunk.strip()
    return parts
