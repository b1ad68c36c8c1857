"""What the templates in overrides/ receive: plain dicts in the page's language.

Python only moves data here; every word shown comes from data/ (labels included) and
all markup lives in the templates.
"""

from __future__ import annotations

from .partialdate import PartialDate
from .problems import ContentError
from .schemas import NEUTRAL


class Labels(dict):
    """Labels of one language; a key missing from data/labels.yml stops the build."""

    def __init__(self, labels: dict[str, dict[str, str]], lang: str, msg) -> None:
        super().__init__({key: value.get(lang) for key, value in labels.items()})
        self.lang = lang
        self.msg = msg

    def __missing__(self, key: str) -> str:
        raise ContentError("data/labels.yml: " + self.msg("missing-label", key=key))


def local(text: dict[str, str] | None, lang: str) -> str | None:
    """``text`` in ``lang`` (or its language-neutral form); None when missing."""
    if not text:
        return None
    return text.get(lang, text.get(NEUTRAL))


def translated(text: dict[str, str], lang: str, languages: list[str]) -> dict:
    """A text for the page: in ``lang``, or marked missing with the first available original."""
    value = local(text, lang)
    if value is not None:
        return {"text": value, "missing": False}
    other = next((code for code in languages if code in text), None)
    return {"text": text.get(other, ""), "missing": True, "lang": other}


def ink(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (WCAG contrast): white text
    on several official SDG colours is below the 4.5:1 small text needs."""

    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


def link(content, lang: str, path: str) -> str:
    """Site-relative address of ``path`` in ``lang`` (the default language has no prefix)."""
    return path if lang == content.languages[0] else f"{lang}/{path}"


def format_date(content, value, lang: str) -> str:
    if value is None:
        return ""
    t = content.labels(lang)
    fields = {"year": value.year}
    if value.month:
        fields |= {"month": t[f"month-{value.month}"], "month_gen": t[f"month-gen-{value.month}"]}
    if value.day:
        fields["day"] = value.day
    return t[f"date-{value.precision}"].format(**fields)


def site_view(content, lang: str) -> dict:
    """Site-wide facts every page may show (country, cycle, next milestone, tables)."""
    catalog = content.catalog
    t = content.labels(lang)
    milestones = []
    for number, cycle in sorted(catalog.cycles.items()):
        for milestone in cycle.milestones:
            milestones.append((milestone.date.end, number, milestone))
    upcoming = sorted((m for m in milestones if m[0] >= content.today), key=lambda m: m[0])
    current = upcoming[0][1] if upcoming else max(catalog.cycles, default=None)
    next_milestone = None
    if upcoming:
        _end, number, milestone = upcoming[0]
        next_milestone = {
            "kind": t[f"milestone-{milestone.kind}"],
            "date": format_date(content, milestone.date, lang),
            "expected": milestone.expected,
            "note": local(milestone.note, lang),
            "cycle": number,
        }
    cycle = catalog.cycles.get(current)
    review = next((m for m in cycle.milestones if m.kind == "review"), None) if cycle else None
    return {
        "country": catalog.states.name(catalog.country, lang) or catalog.country,
        "sample": content.options.sample,
        "today": format_date(content, PartialDate.of(content.today), lang),
        "cycle": {"number": current, "session": cycle.session, "review": format_date(content, review.date, lang) if review else ""} if cycle else None,
        "next_milestone": next_milestone,
        "tables": [
            {"id": key, "name": local(table.name, lang), "url": link(content, lang, f"tables/{key}/"), "description": local(table.description, lang),
             "count": sum(1 for sheet in content.factsheets.values() if sheet.table == key)}
            for key, table in catalog.tables.items()
        ],
        "factsheet_count": len(content.factsheets),
        "group_count": len(catalog.groups),
    }


def page_view(content, lang: str, kind: str, key: str, parts: dict[str, str], page) -> dict:
    from . import downloads, sheetview

    if kind == "factsheet":
        return sheetview.factsheet(content, content.factsheets[key], lang, parts)
    if kind == "group":
        return group_view(content, key, lang)
    if kind == "table":
        return {"table": key, "factsheets": sheetview.cards(content, lang, lambda s: s.table == key), "piles": downloads.for_table(content, key, lang),
                "groups": [group_view(content, gid, lang) for gid, g in content.catalog.groups.items() if g.table == key]}
    if kind == "groups":
        return {"groups": [group_view(content, gid, lang) for gid in content.catalog.groups]}
    if kind == "translations":
        return sheetview.translation_status(content, lang)
    return diplomat_view(content, lang, kind, key)


def diplomat_view(content, lang: str, kind: str, key: str) -> dict:
    from . import diplomats

    if kind == "states":
        return diplomats.states_index(content, lang)
    if kind == "state":
        from . import downloads

        return diplomats.briefing(content, key, lang) | {"downloads": downloads.for_state(content, key, lang)}
    if kind == "explorer":
        return diplomats.explorer(content, lang)
    if kind == "sdgs":
        return {"goals": diplomats.sdgs_index(content, lang)}
    if kind == "sdg":
        return diplomats.sdg_view(content, int(key), lang)
    if kind == "timeline":
        return diplomats.timeline(content, lang)
    return {}


def group_view(content, group_id: str, lang: str) -> dict:
    from . import sheetview

    group = content.catalog.groups[group_id]
    table = content.catalog.tables.get(group.table)
    return {
        "id": group_id,
        "name": local(group.name, lang),
        "url": link(content, lang, f"groups/{group_id}/"),
        "description": local(group.description, lang),
        "table": {"name": local(table.name, lang), "url": link(content, lang, f"tables/{group.table}/")} if table else None,
        "members": [{"name": local(m.name, lang), "url": m.url} for m in group.members],
        "contact": sheetview.contact(group.contact, lang),
        "logo": group.logo,
        "factsheets": sheetview.cards(content, lang, lambda s: s.meta.group == group_id),
    }
