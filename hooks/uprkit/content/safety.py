"""Refuse factsheet text that could run script in a reader's browser.

Factsheets are written by many hands and published under the coalition's name, so the
build refuses, with file and line: script-capable elements (``<script>``, ``<iframe>``...),
event-handler attributes (``onclick=``...), and links or images whose address uses the
``javascript:``, ``vbscript:`` or a non-image ``data:`` scheme, however it is disguised
with entities, case or whitespace.
"""

from __future__ import annotations

import html
import re

BLOCKED_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "meta", "link", "style", "template"}
_TAG = re.compile(r"<\s*([a-zA-Z][\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
_ATTR = re.compile(r"([^\s\"'=<>/]+)\s*(?:=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?", re.S)
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_MD_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]*:[^>\s]*)>")
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "background", "data", "cite"}
_SAFE_DATA = re.compile(r"^data:image/(png|jpe?g|gif|webp);", re.I)


def _bad_url(url: str) -> tuple[str, dict] | None:
    plain = re.sub(r"[\x00-\x20]+", "", html.unescape(html.unescape(url))).lower()
    for scheme in ("javascript:", "vbscript:"):
        if plain.startswith(scheme):
            return "danger-link", {"scheme": scheme}
    if plain.startswith("data:") and not _SAFE_DATA.match(plain):
        return "danger-data", {}
    return None


def scan(text: str) -> list[tuple[int, str, dict]]:
    """Problems in Markdown ``text`` as (character offset, message key, values)."""
    found: list[tuple[int, str, dict]] = []
    for tag in _TAG.finditer(text):
        name = tag.group(1).lower()
        if name in BLOCKED_ELEMENTS:
            found.append((tag.start(), "danger-element", {"element": name}))
            continue
        for attr in _ATTR.finditer(tag.group(2)):
            attr_name = attr.group(1).lower()
            value = (attr.group(2) or "").strip("\"'")
            if attr_name.startswith("on"):
                found.append((tag.start(), "danger-event", {"attribute": attr_name}))
            elif attr_name in _URL_ATTRS and (bad := _bad_url(value)):
                found.append((tag.start(), *bad))
            elif attr_name == "style" and re.search(r"expression\s*\(|url\s*\(\s*['\"]?\s*javascript", html.unescape(value), re.I):
                found.append((tag.start(), "danger-style", {}))
    for pattern in (_MD_LINK, _MD_REFDEF, _AUTOLINK):
        for match in pattern.finditer(text):
            bad = _bad_url(match.group(1))
            if bad:
                found.append((match.start(1), *bad))
    unique = {(offset, key, tuple(values.items())) for offset, key, values in found}
    return [(offset, key, dict(values)) for offset, key, values in sorted(unique)]


def line_of(text: str, offset: int) -> int:
    """1-based line of ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1

