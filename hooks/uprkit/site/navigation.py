"""The site navigation in the build's language: home, café tables with their
factsheets, thematic groups, the diplomats' pages, translation status, then the other
pages of docs/."""

from __future__ import annotations

from mkdocs.structure import StructureItem
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..content import Content
from ..views.common import local


def build(content: Content, lang: str, prefix: str, nav: Navigation, files: Files) -> Navigation:
    t = content.labels(lang)

    def page(src_uri: str) -> Page | None:
        file = files.src_uris.get(prefix + src_uri)
        return file.page if file is not None else None

    tables = []
    for table_id, table in content.catalog.tables.items():
        sheets = [slug for slug, sheet in content.factsheets.items() if sheet.table == table_id]
        sheets.sort(key=lambda slug: (lang not in content.factsheets[slug].texts, content.factsheets[slug].title(lang).casefold()))
        children = [page(f"factsheets/{slug}.md") for slug in sheets]
        tables.append(Section(local(table.name, lang), [page(f"tables/{table_id}/index.md"), *children]))
    groups = [page("groups/index.md")] + [page(f"groups/{group_id}.md") for group_id in content.catalog.groups]
    codes = sorted(content.recommending_states, key=lambda code: content.catalog.state_name(code, lang).casefold())
    states = [page("states/index.md")] + [page(f"states/{code.lower()}.md") for code in codes]
    sdgs = [page("sdgs/index.md")] + [page(f"sdgs/{n}.md") for n in sorted(content.catalog.sdgs)]
    diplomats = [page("recommendations.md"), Section(t["nav-states"], states), Section(t["nav-sdgs"], sdgs), page("timeline.md")]
    editors = [p for p in (page("readiness.md"), page("review.md"), page("messages.md")) if p]
    generated = {id(p) for p in (*groups, *states, *sdgs, *editors, page("recommendations.md"), page("timeline.md")) if p}
    generated |= {id(c) for s in tables for c in s.children}
    others = [item for item in nav.items if id(item) not in generated and item is not nav.homepage and not _is_generated_section(item, generated)]
    items: list[StructureItem | None] = [nav.homepage] if nav.homepage else []
    items += [Section(t["nav-tables"], tables), Section(t["nav-groups"], groups), Section(t["nav-diplomats"], diplomats),
              Section(t["nav-editors"], editors), *others]
    kept = [item for item in items if item is not None]
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
