"""Template data of the UPR timeline: every cycle's milestones in date order, the next one
marked. A date known to the year or the month only ("2020", "December 2022") sorts at the
end of its period, after the full dates in it; a date in the past is never "expected"."""

from __future__ import annotations

from typing import Any

from ..content import Content
from ..content.dates import PartialDate
from .common import date, local

PRECISION = {"day": 0, "month": 1, "year": 2}
"""Among dates with the same end, the more precise first."""


def sort_key(value: PartialDate, cycle: int) -> tuple:
    """Where a milestone goes on the timeline: by the last day of the period its date names."""
    return (value.end, PRECISION[value.precision], value.start, cycle)


def timeline(content: Content, lang: str) -> dict[str, Any]:
    t, today = content.labels(lang), content.today
    milestones = sorted(((number, m) for number, cycle in content.catalog.cycles.items() for m in cycle.milestones),
                        key=lambda item: sort_key(item[1].date, item[0]))
    items = []
    for number, milestone in milestones:
        upcoming = milestone.date.end >= today
        items.append({"cycle": number, "date": date(content, milestone.date, lang), "start": milestone.date.start,
                      "end": milestone.date.end, "iso": milestone.date.iso(), "kind": t[f"milestone-{milestone.kind}"],
                      "expected": milestone.expected and upcoming, "note": local(milestone.note, lang),
                      "state": "future" if upcoming else "past"})
    following = next((item for item in items if item["state"] == "future"), None)
    if following:
        following["state"] = "next"
    cycles = [{"number": n, "session": c.session, "report": c.report, "recommendations": c.recommendations,
               "supported": c.supported, "noted": c.noted, "states": c.states} for n, c in sorted(content.catalog.cycles.items())]
    return {"items": items, "cycles": cycles, "today": date(content, PartialDate.of(today), lang)}
