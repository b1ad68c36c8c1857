"""The site search, one index per language.

Material's search plugin indexes the Markdown of every page into one
``search/search_index.json``, and mkdocs-static-i18n merges every language's entries
into that one file, so a reader of the English site searched (and downloaded) the
Russian pages too. Our generated pages for diplomats (briefings, the States index, the
explorer, the SDG pages, the timeline) are drawn by their templates from an empty
Markdown body, so the plugin found nothing to index in them.

Here, after the last language is built:

* the merged index is split by language (``languages.search_languages``): each
  language's entries go to ``<language root>/search/search_index.json`` with locations
  relative to that root and the lunr pipeline of that language (and English's, for the
  Latin-script words of other languages' pages); the pages of each
  language point Material's search at their own root (``overrides/main.html``);
* each generated diplomat page is indexed from its HTML as written (``SearchPages``,
  filled from ``on_post_page``): its title, its text by section, and as tags the names
  of the State it is about in every site language and its ISO code, with a boost, so a
  State's name leads to its briefing first.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from . import languages

BRIEFING_BOOST = 10.0
"""Lunr document boost of a State's briefing (Material's entries have 1)."""
INDEX_BOOST = 3.0
"""Boost of the diplomats' index pages (States, explorer, SDGs, timeline)."""
_SKIP = {"script", "style", "form", "select", "nav", "noscript", "template", "svg", "button"}
"""Elements whose text is not page text (filters list every State, buttons say "sort")."""


@dataclass
class Entry:
    location: str
    title: str
    text: str
    tags: list[str] = field(default_factory=list)
    boost: float = 1.0

    def json(self) -> dict:
        entry = {"location": self.location, "title": self.title, "text": self.text}
        if self.tags:
            entry["tags"] = self.tags
        if self.boost != 1.0:
            entry["boost"] = self.boost
        return entry


class _Sections(HTMLParser):
    """The text of the page's article, cut at each ``<h2 id>`` (Material cuts the same way)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article>
        self.skip = 0
        self.heading: str | None = None
        self.titling = False  # inside an <h2 id>: its text is the section's title
        self.sections: list[tuple[str, list[str], list[str]]] = [("", [], [])]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "article":
            self.depth += 1
            return
        if not self.depth:
            return
        if tag in _SKIP or "hidden" in attributes or "data-search-exclude" in attributes:
            self.skip += 1
        elif tag in ("h1", "h2") and not self.skip:
            self.heading = tag
            if tag == "h2" and attributes.get("id"):
                self.sections.append((attributes["id"] or "", [], []))
                self.titling = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth = max(0, self.depth - 1)
        elif self.depth and tag in _SKIP and self.skip:
            self.skip -= 1
        elif tag == self.heading:
            self.heading, self.titling = None, False

    def handle_data(self, data: str) -> None:
        if not self.depth or self.skip or self.heading == "h1":  # the page's title is the entry's title
            return
        _anchor, title, text = self.sections[-1]
        (title if self.titling else text).append(data)


def _clean(parts: list[str]) -> str:
    return re.sub(r"\s+", " ", "".join(parts)).strip()


Sections = tuple[tuple[str, str, str], ...]


def sections_of(html: str) -> Sections:
    """(anchor, title, text) of each section of a written page's article; the first is
    the intro."""
    start, end = html.find("<article"), html.rfind("</article>")
    parser = _Sections()
    # only the article is indexed: the parser need not read the header and navigation
    parser.feed(html[start:end + len("</article>")] if 0 <= start < end else html)
    parser.close()
    return tuple((anchor, _clean(head), _clean(text)) for anchor, head, text in parser.sections)


def entries_of(html: str, url: str, title: str, tags: list[str], boost: float, parsed: Sections | None = None) -> list[Entry]:
    """Search entries of one written page (site-relative ``url``): the page, then its
    sections (``parsed``: what ``sections_of(html)`` gave, if the caller kept it)."""
    (_, _, intro), *sections = parsed if parsed is not None else sections_of(html)
    entries = [Entry(url, title, intro, tags, boost)]
    entries += [Entry(f"{url}#{anchor}", head or title, text) for anchor, head, text in sections]
    return entries


@dataclass
class SearchPages:
    """The entries of our generated pages, collected while each language is written."""

    entries: list[Entry] = field(default_factory=list)

    def add(self, html: str, url: str, title: str, tags: list[str], boost: float, parsed: Sections | None = None) -> None:
        self.entries += entries_of(html, url, title, tags, boost, parsed)


def write_indexes(site_dir: Path, build: languages.LanguageBuild, ours: SearchPages) -> None:
    """Replace the merged index by one index per language (after the last language)."""
    merged_path = site_dir / "search" / "search_index.json"
    if not merged_path.exists():  # the search plugin is off
        return
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    inlined = merged_path.with_suffix(".js").exists()  # Material's offline plugin (the kit) inlined it for file://
    config = merged.get("config", {})
    known = {entry.location for entry in ours.entries}
    docs = [entry for entry in merged.get("docs", []) if entry.get("location") not in known]
    docs += [entry.json() for entry in ours.entries]
    for lang, entries in languages.search_languages(build, docs).items():
        # lunr's Russian pipeline drops Latin letters: codes (SE, CEDAW) and names in
        # Latin script on a Russian page need its English pipeline too
        lunr = [lang] if lang == "en" else [lang, "en"]
        index = {"config": {**config, "lang": lunr}, "docs": entries}
        path = site_dir / build.prefix(lang) / "search" / "search_index.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        path.write_text(data, encoding="utf-8")
        if inlined:  # the same script the offline plugin writes, per language
            path.with_suffix(".js").write_text(f"var __index = {data}", encoding="utf-8")
