"""Template data of the thematic groups' pages and the café tables' pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..content import Content
from ..content.dates import PartialDate
from ..content.factsheets import Factsheet
from .common import contact, date, link, local
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
        "stale": stale_texts(content, "data/groups.yml", group_id, lang, f"groups/{group_id}/"),
    }


def stale_texts(content: Content, rel: str, entry: str, lang: str, page: str) -> dict[str, dict[str, Any]]:
    """By id inside the entry (``name``, ``members.1.name``...): the notice each stale
    text of entry ``entry`` of data file ``rel`` carries in ``lang`` (as a factsheet's
    stale blocks do, partials/upr/stale.html), with a link to ``page`` in the original."""
    info = content.data_translations.get(rel)
    if info is None:
        return {}
    t = content.labels(lang)
    out = {}
    for block in info.of(lang, "stale"):
        if not block.id.startswith(entry + "."):
            continue
        values = {"original": t[f"stale-original-{block.source_lang}"], "what": t[f"stale-what-data-{block.kind}"]}
        if block.changed:
            text = t["stale-notice-dated"].format(date=date(content, PartialDate.of(block.changed), lang), **values)
        else:
            text = t["stale-notice"].format(**values)
        inner = block.id.removeprefix(entry + ".")
        out[inner] = {"id": block.id, "text": text, "lang": block.source_lang, "url": link(content, block.source_lang, page),
                      "subject": None}
    return out


def groups(content: Content, lang: str, downloads: Downloads) -> dict[str, Any]:
    return {"groups": [group(content, gid, lang, downloads) for gid in content.catalog.groups]}


def table(content: Content, table_id: str, lang: str, downloads: Downloads, piles: list[dict]) -> dict[str, Any]:
    return {
        "table": table_id,
        "stale": stale_texts(content, "data/tables.yml", table_id, lang, f"tables/{table_id}/"),
        "factsheets": cards(content, lang, lambda s: s.table == table_id, downloads),
        "downloads": piles,
        "groups": [group(content, gid, lang, downloads) for gid, g in content.catalog.groups.items() if g.table == table_id],
    }
