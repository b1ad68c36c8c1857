"""Template data of the UPR timeline: every cycle's milestones, the next one marked."""

from __future__ import annotations

from typing import Any

from ..content import Content
from ..content.dates import PartialDate
from .common import date, local


def timeline(content: Content, lang: str) -> dict[str, Any]:
    t = content.labels(lang)
    items = []
    for number, cycle in sorted(content.catalog.cycles.items()):
        for milestone in cycle.milestones:
            items.append({"cycle": number, "date": date(content, milestone.date, lang), "start": milestone.date.start,
                          "end": milestone.date.end, "kind": t[f"milestone-{milestone.kind}"], "expected": milestone.expected,
                          "note": local(milestone.note, lang)})
    items.sort(key=lambda i: (i["start"], i["cycle"]))
    upcoming = [i for i in items if i["end"] >= content.today]
    for item in items:
        item["state"] = "next" if upcoming and item is upcoming[0] else "future" if item["end"] >= content.today else "past"
    cycles = [{"number": n, "session": c.session, "report": c.report, "recommendations": c.recommendations,
               "supported": c.supported, "noted": c.noted, "states": c.states} for n, c in sorted(content.catalog.cycles.items())]
    return {"items": items, "cycles": cycles, "today": date(content, PartialDate.of(content.today), lang)}
