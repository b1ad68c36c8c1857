"""Template data of the thematic groups' pages and the café tables' pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..content import Content
from ..content.factsheets import Factsheet
from .common import contact, link, local
from .factsheet import cards

Downloads = Callable[[Factsheet], list[dict]]


def group(content: Content, group_id: str, lang: str, downloads: Downloads) -> dict[str, Any]:
    data = content.catalog.groups[group_id]
    table = content.catalog.tables.get(data.table)
    return {
        "id": group_id,
        "name": local(data.name, lang),
        "url": link(content, lang, f"groups/{group_id}/"),
        "description": local(data.description, lang),
        "table": {"name": local(table.name, lang), "url": link(content, lang, f"tables/{data.table}/")} if table else None,
        "members": [{"name": local(m.name, lang), "url": m.url} for m in data.members],
        "contact": contact(data.contact, lang),
        "logo": data.logo,
        "factsheets": cards(content, lang, lambda s: s.meta.group == group_id, downloads),
    }


def groups(content: Content, lang: str, downloads: Downloads) -> dict[str, Any]:
    return {"groups": [group(content, gid, lang, downloads) for gid in content.catalog.groups]}


def table(content: Content, table_id: str, lang: str, downloads: Downloads, piles: list[dict]) -> dict[str, Any]:
    return {
        "table": table_id,
        "factsheets": cards(content, lang, lambda s: s.table == table_id, downloads),
        "downloads": piles,
        "groups": [group(content, gid, lang, downloads) for gid, g in content.catalog.groups.items() if g.table == table_id],
    }
