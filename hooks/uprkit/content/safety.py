"""What HTML content may contain, declared once: the sanitizer that guarantees it on
every rendered page and PDF, and the source check that teaches it with file and line.

Factsheets and data are written by many hands and published to diplomats' browsers
under the coalition's name. The guarantee is ``sanitize``: the *rendered* HTML of
everything that comes from content passes an allowlist (nh3, the binding of the Rust
sanitizer ammonia): the elements and attributes Markdown produces, links to http(s),
mailto and the site itself, images from the project (or ``data:`` images). The teacher
is ``scan``: it reads the Markdown source and names, with its line, what the sanitizer
would remove (script, event attributes, ``javascript:`` links however disguised,
``style``, elements that fetch from outside, attribute lists setting more than id and
class), so an editor is told instead of seeing it vanish.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import nh3

# ---------------------------------------------------------------- the allowlist
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
})
GENERIC_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
ALLOWED_ATTRIBUTES = {
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "ol": {"start", "type"},
    "li": {"value"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
_IMAGE_DATA = re.compile(r"^data:image/(?:png|jpe?g|gif|webp);", re.I)
_KEYWORDS = {"loading": {"lazy", "eager"}, "decoding": {"async", "sync", "auto"}}
"""Attributes whose value is one of a few keywords (``loading=lazy`` keeps a long guide's
images from loading before the reader scrolls to them)."""
_RESERVED_CLASS = re.compile(r"^(?:md|upr)-")
"""Classes of the site's own interface (Material's and ours): content may not imitate them."""


def _filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute in ("href", "src", "cite"):
        plain = re.sub(r"[\x00-\x20]+", "", html.unescape(value)).lower()
        if tag == "img" and attribute == "src":  # images come from the project: nothing is fetched from outside
            if plain.startswith("data:"):
                return value if _IMAGE_DATA.match(plain) else None
            if plain.startswith("//") or re.match(r"^[a-z][a-z0-9+.-]*:", plain):
                return None
            return value
        scheme = re.match(r"^([a-z][a-z0-9+.-]*):", plain)
        if scheme and scheme.group(1) not in URL_SCHEMES:
            return None
        return value
    if attribute in _KEYWORDS:  # an image's loading hints: keywords only
        return value if value.strip().lower() in _KEYWORDS[attribute] else None
    if attribute == "class":
        kept = [name for name in value.split() if not _RESERVED_CLASS.match(name)]
        return " ".join(kept) or None
    if attribute == "id" and value.startswith("__"):
        return None  # Material's interface uses __search, __drawer...
    return value


def sanitize(fragment: str) -> str:
    """``fragment`` (rendered HTML from content) with everything outside the allowlist
    removed; ``<script>`` and ``<style>`` with their content."""
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={"*": set(GENERIC_ATTRIBUTES), **{tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}},
        attribute_filter=_filter,
        url_schemes=set(URL_SCHEMES) | {"data"},
        strip_comments=True,
        link_rel=None,
    )


# ---------------------------------------------------------------- the source check
_TAG = re.compile(r"<\s*([a-zA-Z][\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
_ATTR = re.compile(r"([^\s\"'=<>/]+)\s*(?:=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?", re.S)
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_MD_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]*:[^>\s]*)>")
_ATTR_ITEM = r"(?:[#.][\w:-]+|[\w:-]+[ \t]*=[ \t]*(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s}]+))"
_ATTR_LIST = re.compile(rf"\{{:?[ \t]*({_ATTR_ITEM}(?:[ \t]+{_ATTR_ITEM})*)[ \t]*\}}")
_ATTR_LIST_KEY = re.compile(r"([\w:-]+)[ \t]*=")
_OPEN_TAG = re.compile(r"<\s*([a-zA-Z][\w:-]*)")
_SCRIPT_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "meta", "link", "style", "template", "svg", "math"}


def _bad_url(url: str) -> tuple[str, dict] | None:
    plain = re.sub(r"[\x00-\x20]+", "", html.unescape(html.unescape(url))).lower()
    for scheme in ("javascript:", "vbscript:"):
        if plain.startswith(scheme):
            return "danger-link", {"scheme": scheme}
    if plain.startswith("data:") and not _IMAGE_DATA.match(plain):
        return "danger-data", {}
    return None


def scan(text: str) -> list[tuple[int, str, dict]]:
    """Problems in Markdown ``text`` as (character offset, message key, values)."""
    found: list[tuple[int, str, dict]] = []
    for tag in _TAG.finditer(text):
        name = tag.group(1).lower()
        if name in _SCRIPT_ELEMENTS:
            found.append((tag.start(), "danger-element", {"element": name}))
            continue
        if name not in ALLOWED_TAGS:
            found.append((tag.start(), "unknown-element", {"element": name}))
            continue
        allowed = GENERIC_ATTRIBUTES | ALLOWED_ATTRIBUTES.get(name, set())
        for attr in _ATTR.finditer(tag.group(2)):
            attr_name = attr.group(1).lower()
            value = (attr.group(2) or "").strip("\"'")
            if attr_name.startswith("on"):
                found.append((tag.start(), "danger-event", {"attribute": attr_name}))
            elif attr_name == "style":
                found.append((tag.start(), "danger-style", {}))
            elif attr_name in ("href", "src", "cite") and (bad := _bad_url(value)):
                found.append((tag.start(), *bad))
            elif attr_name not in allowed:
                found.append((tag.start(), "unknown-attribute", {"attribute": attr_name, "element": name}))
    for tag in _OPEN_TAG.finditer(text):  # also when the tag is never closed (the browser completes it)
        if tag.group(1).lower() in _SCRIPT_ELEMENTS:
            found.append((tag.start(), "danger-element", {"element": tag.group(1).lower()}))
    for pattern in (_MD_LINK, _MD_REFDEF, _AUTOLINK):
        for match in pattern.finditer(text):
            bad = _bad_url(match.group(1))
            if bad:
                found.append((match.start(1), *bad))
    for match in _ATTR_LIST.finditer(text):
        for key in _ATTR_LIST_KEY.findall(match.group(1)):
            if key.lower() not in ("id", "class"):
                found.append((match.start(), "danger-attr-list", {"attribute": key}))
    unique = {(offset, key, tuple(values.items())) for offset, key, values in found}
    return [(offset, key, dict(values)) for offset, key, values in sorted(unique)]


def line_of(text: str, offset: int) -> int:
    """1-based line of ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1


# ---------------------------------------------------------------- SVG files
_SVG_DANGER = re.compile(
    r"<\s*(script|foreignObject)\b|\bon[a-z]+\s*=|(?:href|src)\s*=\s*[\"']?\s*(?:javascript:|https?:|//|data:(?!image/))|url\(\s*[\"']?\s*(?:https?:|//)"
    r"|<!ENTITY",
    re.I,
)


def svg_problems(path: Path) -> list[int]:
    """Lines of an SVG file that could run script or fetch from outside when the file is
    opened (published SVGs are reachable at their own address, not only as images)."""
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return []
    return sorted({line_of(text, match.start()) for match in _SVG_DANGER.finditer(text)})
