"""Previous recommendations as diplomats read them: a row per recommendation with the
groups' assessments, the explorer with its filters, and the SDG pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..content import Content
from ..content.factsheets import Factsheet
from ..content.model import Record
from .common import assessment, ink, link, local, response, sdg_chips, states, translated
from .factsheet import cards


def row(content: Content, record: Record, lang: str) -> dict[str, Any]:
    """A recommendation as the explorer, the SDG pages and the briefings show it."""
    catalog, rec = content.catalog, record.rec
    cluster = catalog.clusters.get(rec.cluster) if rec.cluster else None
    return {
        "id": record.id,
        "cycle": record.cycle,
        "text": translated(rec.text, lang, content.languages),
        "states": states(content, rec.states, lang),
        "response": response(content, rec.response, lang),
        "cluster": {"id": rec.cluster, "name": local(cluster.name, lang)} if cluster else None,
        "sdgs": sdg_chips(content, rec.sdg_targets, lang),
        "assessed": [
            assessment(content, a.assessment, lang) | {"group": local(catalog.groups[a.group].name, lang), "url": link(content, lang, f"factsheets/{a.slug}/")}
            for a in record.assessed
        ],
    }


def explorer(content: Content, lang: str) -> dict[str, Any]:
    """All recommendations, and the filters over them (name, label, options)."""
    rows = [row(content, r, lang) for r in content.records]
    catalog, t = content.catalog, content.labels(lang)
    used_clusters = {r["cluster"]["id"] for r in rows if r["cluster"]}
    filters = [
        ("cycle", t["col-cycle"], [(str(c), t["cycle-n"].format(n=c)) for c in sorted({r["cycle"] for r in rows})]),
        ("response", t["col-response"], [(k, local(v.name, lang)) for k, v in catalog.scales.responses.items()]),
        ("cluster", t["col-cluster"], [(cid, local(c.name, lang)) for cid, c in catalog.clusters.items() if cid in used_clusters]),
        ("goals", t["col-sdgs"], [(str(n), t["sdg-goal"].format(n=n, name=local(catalog.sdgs[n].name, lang)))
                                  for n in sorted({s["goal"] for r in rows for s in r["sdgs"]})]),
        ("assessments", t["col-assessment"], [(k, local(v.name, lang)) for k, v in catalog.scales.assessments.items()]),
        ("states", t["col-state"], sorted({(s["code"], s["name"]) for r in rows for s in r["states"]}, key=lambda s: s[1].casefold())),
    ]
    return {"rows": rows, "filters": [{"name": n, "label": label, "options": options} for n, label, options in filters]}


def _touches(goal: int) -> Callable[[Factsheet], bool]:
    """Whether a factsheet is linked to ``goal`` (its own SDG targets or its suggested
    recommendations')."""

    def touches(sheet: Factsheet) -> bool:
        targets = list(sheet.meta.sdg_targets) + [t for s in sheet.meta.suggested_recommendations for t in s.sdg_targets]
        return any(int(t.partition(".")[0]) == goal for t in targets)

    return touches


def sdg(content: Content, goal: int, lang: str, downloads: Callable[[Factsheet], list[dict]]) -> dict[str, Any]:
    data = content.catalog.sdgs[goal]
    return {
        "goal": goal, "colour": data.colour, "name": local(data.name, lang),
        "factsheets": cards(content, lang, _touches(goal), downloads),
        "rows": [row(content, r, lang) for r in content.records if goal in r.goals],
    }


def sdgs(content: Content, lang: str) -> dict[str, Any]:
    return {"goals": [
        {"goal": n, "colour": s.colour, "ink": ink(s.colour), "name": local(s.name, lang), "url": link(content, lang, f"sdgs/{n}/"),
         "count": sum(1 for r in content.records if n in r.goals), "factsheets": sum(1 for sheet in content.factsheets.values() if _touches(n)(sheet))}
        for n, s in sorted(content.catalog.sdgs.items())
    ]}
