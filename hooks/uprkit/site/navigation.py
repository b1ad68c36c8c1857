"""The site navigation in the build's language: home, the café tables, the thematic
groups, the diplomats' pages, the editors' pages, then the other pages of docs/.

The navigation lists index pages only: every page carries the whole navigation, so a
navigation that named each factsheet, group, State and goal grew every page with the
content (at 200 factsheets it was most of a factsheet page's HTML). Each index page
lists its own pages (a café table its factsheets, the groups page the groups, the
States index the briefings, the SDG index the goals); the pages under it are not in
the navigation, and a factsheet's table stays one click away in its header."""

from __future__ import annotations

from mkdocs.structure import StructureItem
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..content import Content

EDITORS_GUIDE = "guide/"
"""Address of the editors' guide (docs/guide.<lang>.md) in each language: it joins the
editors' section and keeps the editors' chrome."""


def is_editors_guide(url: str, prefix: str) -> bool:
    return url.removeprefix(prefix).startswith(EDITORS_GUIDE)


def build(content: Content, lang: str, prefix: str, nav: Navigation, files: Files) -> Navigation:
    t = content.labels(lang)

    def page(src_uri: str) -> Page | None:
        file = files.src_uris.get(prefix + src_uri)
        return file.page if file is not None else None

    tables = []
    for table_id in content.catalog.tables:
        tables.append(page(f"tables/{table_id}/index.md"))
    listed = [page("groups/index.md"), page("recommendations.md"), page("states/index.md"), page("sdgs/index.md"), page("timeline.md")]
    groups, explorer, states, sdgs, timeline = listed
    diplomats = [explorer, states, sdgs, timeline]
    unlisted = [page(f"factsheets/{slug}.md") for slug in content.factsheets] + [page(f"groups/{g}.md") for g in content.catalog.groups]
    unlisted += [page(f"states/{code.lower()}.md") for code in content.recommending_states]
    unlisted += [page(f"sdgs/{n}.md") for n in content.catalog.sdgs]
    generated = {id(p) for p in (*tables, *listed, *unlisted, page("readiness.md"), page("review.md"), page("messages.md")) if p}
    others = [item for item in nav.items if id(item) not in generated and item is not nav.homepage and not _is_generated_section(item, generated)]
    items: list[StructureItem | None] = [nav.homepage] if nav.homepage else []
    editors = [p for p in (page("readiness.md"), page("review.md"), page("messages.md")) if p]
    # the editors' guide (a page of docs/) joins the editors' section
    guides = [item for item in others if getattr(item, "is_page", False) and is_editors_guide(item.url, prefix)]
    others = [item for item in others if item not in guides]
    items += [Section(t["nav-diplomats"], _present(diplomats)), Section(t["nav-tables"], _present(tables)), groups,
              Section(t["nav-editors"], _present([*editors, *guides])), *others]
    kept = [item for item in items if item is not None and (not isinstance(item, Section) or item.children)]
    for item in unlisted:
        if item is not None:
            item.parent, item.previous_page, item.next_page = None, None, None
    pages: list[Page] = []
    _link(kept, None, pages)
    for previous, current in zip([None, *pages], pages, strict=False):
        current.previous_page = previous
        if previous is not None:
            previous.next_page = current
    if pages:
        pages[-1].next_page = None
    result = Navigation(kept, pages)
    result.homepage = nav.homepage
    return result


def _present(items: list[Page | None]) -> list[Page]:
    return [item for item in items if item is not None]


def _is_generated_section(item: StructureItem, generated: set[int]) -> bool:
    children = getattr(item, "children", None)
    return bool(children) and all(id(child) in generated or _is_generated_section(child, generated) for child in children)


def _link(items: list, parent: Section | None, pages: list[Page]) -> None:
    for item in items:
        item.parent = parent
        if getattr(item, "children", None) is not None:
            _link(item.children, item, pages)
        elif item.is_page:
            pages.append(item)
