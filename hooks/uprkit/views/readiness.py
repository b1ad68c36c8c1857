"""The readiness board: per thematic group and factsheet, what is still to do before the
next deadline of the cycle (texts in each language, translation gaps, the page budget,
the SMART check), and when it last changed. Sorted so that who is late shows first.
The same data feeds ``upr status``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ..content import Content
from ..content.dates import PartialDate
from ..content.factsheets import Factsheet
from ..content.parts import PAGE_BUDGET
from ..content.smart import SmartResult
from .common import date, link, local

DEADLINES = ("submission", "pre-session")
"""Milestone kinds an editor's work is due for."""

Pages = Callable[[Factsheet, str], int | None]


def next_deadline(content: Content) -> dict[str, Any] | None:
    """The next stakeholder-submission or pre-session date, and how many days are left."""
    upcoming = sorted(
        (m.date.start, number, m) for number, cycle in content.catalog.cycles.items() for m in cycle.milestones
        if m.kind in DEADLINES and m.date.end >= content.today
    )
    if not upcoming:
        return None
    start, number, milestone = upcoming[0]
    return {"kind": milestone.kind, "cycle": number, "date": milestone.date, "days": max(0, (start - content.today).days)}


def _status(row: dict[str, Any]) -> str:
    if any(lang["status"] == "missing" for lang in row["languages"]):
        return "missing"
    if any(lang["status"] in ("draft", "partial") or lang["stale"] for lang in row["languages"]) or row["over_budget"]:
        return "work"
    if row["smart"]:
        return "check"
    return "ready"


_ORDER = {"missing": 0, "work": 1, "check": 2, "ready": 3}


def rows(content: Content, pages: Pages, changes: dict[str, dt.date]) -> list[dict[str, Any]]:
    """One plain row per factsheet (for the board and for ``upr status``)."""
    smart: dict[str, list[SmartResult]] = {}
    for result in content.smart:
        if result.smart.notices:
            smart.setdefault(result.slug, []).append(result)
    out = []
    for slug, sheet in content.factsheets.items():
        languages = []
        translations = content.translations[slug]
        for code in content.languages:
            gaps = sheet.gaps[code]
            count = pages(sheet, code) if not gaps.text else None
            stale = [{"id": b.id, "where": b.where} for b in translations.of(code, "stale")] if not gaps.text else []
            status = "missing" if gaps.text else "draft" if gaps.placeholders else "partial" if gaps.recommendations else "complete"
            languages.append({"lang": code, "status": status,
                              "missing": list(gaps.recommendations), "pages": count, "stale": stale,
                              "placeholders": [where for where, _text in gaps.placeholders],
                              "review": f"{slug}-{code}" if code != translations.source else None,
                              "path": sheet.text_path(code) if gaps.text else sheet.source_path(code)})
        files = [sheet.meta_path] + [text.path for text in sheet.texts.values()]
        changed = max((changes[f] for f in files if f in changes), default=None)
        row = {"slug": slug, "group": sheet.meta.group, "languages": languages, "changed": changed,
               "over_budget": any((lang["pages"] or 0) > PAGE_BUDGET for lang in languages),
               "smart": [(r.lang, r.where, r.id, r.smart.notices) for r in smart.get(slug, [])]}
        row["status"] = _status(row)
        out.append(row)
    return sorted(out, key=lambda r: (_ORDER[r["status"]], r["group"], r["slug"]))


def board(content: Content, lang: str, pages: Pages, changes: dict[str, dt.date]) -> dict[str, Any]:
    """The readiness board page in ``lang``."""
    t, msg = content.labels(lang), content.msg.in_language(lang)
    deadline = next_deadline(content)
    groups: dict[str, dict[str, Any]] = {}
    for row in rows(content, pages, changes):
        sheet = content.factsheets[row["slug"]]
        group = groups.setdefault(row["group"], {"id": row["group"], "name": local(content.catalog.groups[row["group"]].name, lang),
                                                "url": link(content, lang, f"groups/{row['group']}/"), "rows": [], "status": row["status"]})
        group["rows"].append(row | {
            "title": sheet.title(lang), "translated": lang in sheet.texts, "original_lang": next(iter(sheet.texts)),
            "url": link(content, lang, f"factsheets/{row['slug']}/"), "changed": date(content, _partial(row["changed"]), lang),
            "smart": [{"lang": code, "where": where, "text": msg(key, id=rec_id, **values)} for code, where, rec_id, notices in row["smart"]
                      for key, values in notices],
        })
    # stale translations of the texts of data/: under their group (data/groups.yml), the rest after the table
    data_stale = [{"id": b.id, "where": b.where, "file": rel, "group": b.group}
                  for rel, info in content.data_translations.items() for blocks in info.blocks.values() for b in blocks if b.state == "stale"]
    for group in groups.values():
        group["data_stale"] = [d for d in data_stale if d["group"] == group["id"]]
    languages = list(content.languages)
    complete = {code: sum(1 for g in groups.values() for r in g["rows"] for s in r["languages"] if s["lang"] == code and s["status"] == "complete")
                for code in languages}
    return {
        "groups": sorted(groups.values(), key=lambda g: (_ORDER[g["status"]], g["name"].casefold())),
        "languages": languages, "complete": complete, "review": link(content, lang, "review/"),
        "stale": sum(len(s["stale"]) for g in groups.values() for r in g["rows"] for s in r["languages"]) + len(data_stale),
        "data_stale": [d for d in data_stale if d["group"] not in groups],
        "total": len(content.factsheets), "budget": PAGE_BUDGET,
        "deadline": {"kind": t[f"milestone-{deadline['kind']}"], "cycle": deadline["cycle"], "date": date(content, deadline["date"], lang),
                     "days": t.count("n-days", deadline["days"])} if deadline else None,
    }


def _partial(day: dt.date | None) -> PartialDate | None:
    return PartialDate.of(day) if day else None
