"""Written pages without the templates' indentation.

Material's templates and ours indent for their readers, not for the page's: a sixth of a
factsheet page was blank lines and leading spaces. Every run of white space that holds a
line break becomes one line break, which renders the same (HTML collapses white space
outside preformatted text); ``<pre>``, ``<textarea>``, ``<script>`` and ``<style>`` keep
theirs."""

from __future__ import annotations

import re

_KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_BREAKS = re.compile(r"[ \t\r]*\n\s*")


def compact(html: str) -> str:
    pieces = _KEEP.split(html)
    # split() yields: text, kept block, its tag name, text, kept block, tag name, ...
    out = []
    for index in range(0, len(pieces), 3):
        out.append(_BREAKS.sub("\n", pieces[index]))
        if index + 1 < len(pieces):
            out.append(pieces[index + 1])
    return "".join(out)
