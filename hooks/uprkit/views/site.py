"""Site-wide facts every page may show: the country, the cycle, the next milestone, the
café tables."""

from __future__ import annotations

from typing import Any

from ..content import Content
from ..content.dates import PartialDate
from .common import contact, date, link, local


def site_view(content: Content, lang: str, sample: bool) -> dict[str, Any]:
    catalog = content.catalog
    t = content.labels(lang)
    milestones = [(m.date.end, number, m) for number, cycle in sorted(catalog.cycles.items()) for m in cycle.milestones]
    upcoming = sorted((m for m in milestones if m[0] >= content.today), key=lambda m: m[0])
    current = upcoming[0][1] if upcoming else max(catalog.cycles, default=None)
    next_milestone = None
    if upcoming:
        _end, number, milestone = upcoming[0]
        next_milestone = {"kind": t[f"milestone-{milestone.kind}"], "date": date(content, milestone.date, lang), "expected": milestone.expected,
                          "note": local(milestone.note, lang), "cycle": number}
    cycle = catalog.cycles.get(current) if current is not None else None
    review = next((m for m in cycle.milestones if m.kind == "review"), None) if cycle else None
    return {
        "country": catalog.country_name(lang),
        "sample": sample,
        "today": date(content, PartialDate.of(content.today), lang),
        "cycle": {"number": current, "session": cycle.session, "review": date(content, review.date, lang) if review else ""} if cycle else None,
        "next_milestone": next_milestone,
        "tables": [
            {"id": key, "name": local(table.name, lang), "url": link(content, lang, f"tables/{key}/"), "description": local(table.description, lang),
             "count": sum(1 for sheet in content.factsheets.values() if sheet.table == key)}
            for key, table in catalog.tables.items()
        ],
        "links": {name: link(content, lang, path) for name, path in
                  (("states", "states/"), ("explorer", "recommendations/"), ("groups", "groups/"), ("timeline", "timeline/"), ("sdgs", "sdgs/"))},
        "factsheet_count": len(content.factsheets),
        "group_count": len(catalog.groups),
        "coalition": {"name": local(catalog.coalition.name, lang), "contact": contact(catalog.coalition.contact, lang)} if catalog.coalition else None,
    }
