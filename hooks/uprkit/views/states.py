"""What a recommending State's diplomat asks for: the States index and a briefing per
State (its previous recommendations by theme with the groups' assessments, the
factsheets on those themes, and the groups to talk to)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from ..content import Content
from ..content.model import Record
from ..i18n.formatting import list_separators
from .common import assessment, contact, link, local
from .recommendations import row


def counts(code: str, records: list[Record]) -> dict[str, Any]:
    mine = [r for r in records if code in r.rec.states]
    return {"made": len(mine), "responses": dict(Counter(r.rec.response for r in mine)),
            "assessed": dict(Counter(a.assessment for r in mine for a in r.assessed))}


def states_index(content: Content, lang: str) -> dict[str, Any]:
    scales = content.catalog.scales
    rows = [{"code": code, "name": content.catalog.state_name(code, lang), "url": link(content, lang, f"states/{code.lower()}/"),
             **counts(code, content.records)} for code in content.recommending_states]
    rows.sort(key=lambda r: r["name"].casefold())
    return {"rows": rows, "responses": list(scales.responses), "assessments": list(scales.assessments),
            "response_names": {k: local(v.name, lang) for k, v in scales.responses.items()},
            "assessment_names": {k: local(v.name, lang) for k, v in scales.assessments.items()}}


def listed_factsheets(content: Content, code: str, recs: list[Record] | None = None) -> set[str]:
    """The factsheets a State's briefing lists: those assessing one of its recommendations
    (``recs``, found when not given), targeting it, or of a cluster it recommended in."""
    if recs is None:
        recs = [r for r in content.records if code in r.rec.states]
    clusters = {r.rec.cluster or "" for r in recs}
    related = {a.slug for r in recs for a in r.assessed}
    return related | {slug for slug, sheet in content.factsheets.items() if code in sheet.meta.target_states or sheet.meta.cluster in clusters}


def briefing(content: Content, code: str, lang: str, downloads: list[dict]) -> dict[str, Any]:
    """A State's briefing. Its own name is not repeated on its rows: ``rows[].with`` are the
    States that made the same recommendation together with it (``states`` stays complete
    for the printed briefing)."""
    catalog, t = content.catalog, content.labels(lang)
    recs = [r for r in content.records if code in r.rec.states]
    by_cluster: dict[str, list[dict]] = defaultdict(list)
    for record in recs:
        item = row(content, record, lang)
        others = [s for s in item["states"] if s["code"] != code]
        item["with"] = [dict(s, sep=sep) for s, sep in zip(others, list_separators(len(others), t), strict=True)]
        by_cluster[record.rec.cluster or ""].append(item)
    order = {cid: index for index, cid in enumerate(catalog.clusters)}
    themes = [
        {"id": cid, "name": local(catalog.clusters[cid].name, lang) if cid else None, "rows": rows}
        for cid, rows in sorted(by_cluster.items(), key=lambda item: (item[0] not in order, order.get(item[0], 0)))
    ]
    related = listed_factsheets(content, code, recs)
    sheets = []
    for slug in sorted(related):
        sheet = content.factsheets[slug]
        text = sheet.texts.get(lang)
        sheets.append({
            "slug": slug, "url": link(content, lang, f"factsheets/{slug}/"), "title": sheet.title(lang), "translated": text is not None,
            "lang": lang if text else next(iter(sheet.texts)), "targets": code in sheet.meta.target_states,
            "suggested": [text.text.recommendations.get(s.id) for s in sheet.meta.suggested_recommendations] if text else [],
            "group": sheet.meta.group,
        })
    groups = sorted({s["group"] for s in sheets})
    made = counts(code, content.records)
    scales = catalog.scales
    summary = {
        "made": t.count("briefing-made-n", made["made"]),
        "responses": [{"id": k, "name": local(v.name, lang), "n": made["responses"][k]} for k, v in scales.responses.items() if made["responses"].get(k)],
        "assessed": [assessment(content, k, lang) | {"n": made["assessed"][k]} for k in scales.assessments if made["assessed"].get(k)],
    }
    return {
        "code": code, "name": catalog.state_name(code, lang), **made, "summary": summary,
        "intro": t.count("briefing-intro-n", made["made"], state=catalog.state_name(code, lang)),
        "themes": themes, "factsheets": sheets, "downloads": downloads,
        "groups": [{"name": local(catalog.groups[g].name, lang), "url": link(content, lang, f"groups/{g}/"),
                    "contact": contact(catalog.groups[g].contact, lang)} for g in groups],
    }
