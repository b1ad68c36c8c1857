"""What a recommending State's diplomat asks for: every previous recommendation with the
thematic groups' assessments, per State, per SDG and in one explorer, and the UPR
timeline. Plain data for the templates and for the CSV/JSON export."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from .partialdate import PartialDate
from .views import ink, link, local, translated


@dataclass
class Assessed:
    """A factsheet's assessment of a previous recommendation."""

    slug: str
    group: str
    assessment: str


@dataclass
class Record:
    """One previous recommendation with everything the site knows about it."""

    cycle: int
    id: str
    rec: object
    assessed: list[Assessed] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.cycle}/{self.id}"

    @property
    def goals(self) -> list[int]:
        return sorted({int(t.partition(".")[0]) for t in self.rec.sdg_targets})


@lru_cache(maxsize=1)
def records(content) -> list[Record]:
    """Every recommendation of the database, ordered by cycle and paragraph (computed
    once per content load: every State, SDG and explorer page uses it)."""
    out = {key: Record(key[0], key[1], rec) for key, rec in content.catalog.recommendations.items()}
    for slug, sheet in content.factsheets.items():
        for ref in sheet.meta.previous_recommendations:
            cycle = ref.cycle or content.catalog.cycles_of(ref.id)[0]
            out[(cycle, ref.id)].assessed.append(Assessed(slug, sheet.meta.group, ref.assessment))
    return sorted(out.values(), key=lambda r: (r.cycle, [int(p) for p in r.id.split(".")]))


def states_in_data(content) -> list[str]:
    return sorted({code for rec in content.catalog.recommendations.values() for code in rec.states})


def state_name(content, code: str, lang: str) -> str:
    return content.catalog.states.name(code, lang) or code


def row(content, record: Record, lang: str) -> dict:
    """A recommendation as the explorer and the briefings show it."""
    catalog, rec = content.catalog, record.rec
    cluster = catalog.clusters.get(rec.cluster) if rec.cluster else None
    return {
        "key": record.key,
        "id": record.id,
        "cycle": record.cycle,
        "text": translated(rec.text, lang, content.languages),
        "states": [{"code": c, "name": state_name(content, c, lang), "url": link(content, lang, f"states/{c.lower()}/")} for c in rec.states],
        "response": {"id": rec.response, "name": local(catalog.scales.responses[rec.response].name, lang)},
        "cluster": {"id": rec.cluster, "name": local(cluster.name, lang)} if cluster else None,
        "sdgs": [{"code": t, "goal": int(t.partition(".")[0]), "colour": catalog.sdgs[int(t.partition(".")[0])].colour,
                  "ink": ink(catalog.sdgs[int(t.partition(".")[0])].colour)} for t in rec.sdg_targets],
        "assessed": [
            {
                "id": a.assessment,
                "name": local(catalog.scales.assessments[a.assessment].name, lang),
                "colour": catalog.scales.assessments[a.assessment].colour,
                "group": local(catalog.groups[a.group].name, lang),
                "url": link(content, lang, f"factsheets/{a.slug}/"),
            }
            for a in record.assessed
        ],
    }


def counts(content, code: str, recs: list[Record]) -> dict:
    mine = [r for r in recs if code in r.rec.states]
    responses = Counter(r.rec.response for r in mine)
    assessed = Counter(a.assessment for r in mine for a in r.assessed)
    return {"made": len(mine), "responses": dict(responses), "assessed": dict(assessed)}


def states_index(content, lang: str) -> dict:
    recs = records(content)
    rows = []
    for code in states_in_data(content):
        url = link(content, lang, f"states/{code.lower()}/")
        rows.append({"code": code, "name": state_name(content, code, lang), "url": url, **counts(content, code, recs)})
    rows.sort(key=lambda r: r["name"].casefold())
    return {"rows": rows, "responses": list(content.catalog.scales.responses), "assessments": list(content.catalog.scales.assessments),
            "response_names": {k: local(v.name, lang) for k, v in content.catalog.scales.responses.items()},
            "assessment_names": {k: local(v.name, lang) for k, v in content.catalog.scales.assessments.items()}}


def briefing(content, code: str, lang: str) -> dict:
    """One State's briefing: its recommendations by theme, the factsheets on those themes
    with their suggested recommendations, and the groups to talk to."""
    from . import sheetview

    catalog = content.catalog
    everything = records(content)
    recs = [r for r in everything if code in r.rec.states]
    by_cluster: dict[str, list[dict]] = defaultdict(list)
    for record in recs:
        by_cluster[record.rec.cluster or ""].append(row(content, record, lang))
    themes = [
        {"id": cid, "name": local(catalog.clusters[cid].name, lang) if cid else None, "rows": rows}
        for cid, rows in sorted(by_cluster.items(), key=lambda item: list(catalog.clusters).index(item[0]) if item[0] in catalog.clusters else 999)
    ]
    related = {a.slug for r in recs for a in r.assessed}
    related |= {slug for slug, sheet in content.factsheets.items() if code in sheet.meta.target_states or sheet.meta.cluster in by_cluster}
    sheets = []
    for slug in sorted(related):
        sheet = content.factsheets[slug]
        text = sheet.texts.get(lang)
        sheets.append({
            "slug": slug, "url": link(content, lang, f"factsheets/{slug}/"),
            "title": (text or next(iter(sheet.texts.values()))).text.title, "translated": text is not None,
            "lang": lang if text else next(iter(sheet.texts)),
            "targets": code in sheet.meta.target_states,
            "suggested": [text.text.recommendations.get(s.id) for s in sheet.meta.suggested_recommendations] if text else [],
            "group": sheet.meta.group,
        })
    groups = sorted({s["group"] for s in sheets})
    return {
        "code": code, "name": state_name(content, code, lang), **counts(content, code, everything),
        "themes": themes, "factsheets": sheets,
        "groups": [{"name": local(catalog.groups[g].name, lang), "url": link(content, lang, f"groups/{g}/"),
                    "contact": sheetview.contact(catalog.groups[g].contact, lang)} for g in groups],
    }


def explorer(content, lang: str) -> dict:
    """All recommendations, and the filters over them (name, label, options)."""
    rows = [row(content, r, lang) for r in records(content)]
    catalog, t = content.catalog, content.labels(lang)
    used_clusters = {r["cluster"]["id"] for r in rows if r["cluster"]}
    filters = [
        ("cycle", t["col-cycle"], [(str(c), t["cycle-n"].format(n=c)) for c in sorted({r["cycle"] for r in rows})]),
        ("response", t["col-response"], [(k, local(v.name, lang)) for k, v in catalog.scales.responses.items()]),
        ("cluster", t["col-cluster"], [(cid, local(c.name, lang)) for cid, c in catalog.clusters.items() if cid in used_clusters]),
        ("goals", t["col-sdgs"], [(str(n), f"{n}. {local(catalog.sdgs[n].name, lang)}") for n in sorted({s["goal"] for r in rows for s in r["sdgs"]})]),
        ("assessments", t["col-assessment"], [(k, local(v.name, lang)) for k, v in catalog.scales.assessments.items()]),
        ("states", t["col-state"], sorted({(s["code"], s["name"]) for r in rows for s in r["states"]}, key=lambda s: s[1].casefold())),
    ]
    return {"rows": rows, "filters": [{"name": n, "label": label, "options": options} for n, label, options in filters]}


def sdg_view(content, goal: int, lang: str) -> dict:
    from . import sheetview

    sdg = content.catalog.sdgs[goal]

    def touches(sheet) -> bool:
        targets = list(sheet.meta.sdg_targets) + [t for s in sheet.meta.suggested_recommendations for t in s.sdg_targets]
        return any(int(t.partition(".")[0]) == goal for t in targets)

    return {
        "goal": goal, "colour": sdg.colour, "name": local(sdg.name, lang),
        "factsheets": sheetview.cards(content, lang, touches),
        "rows": [row(content, r, lang) for r in records(content) if goal in r.goals],
    }


def sdgs_index(content, lang: str) -> list[dict]:
    recs = records(content)
    return [{"goal": n, "colour": s.colour, "ink": ink(s.colour), "name": local(s.name, lang), "url": link(content, lang, f"sdgs/{n}/"),
             "count": sum(1 for r in recs if n in r.goals)} for n, s in sorted(content.catalog.sdgs.items())]


def timeline(content, lang: str) -> dict:
    t = content.labels(lang)
    items = []
    for number, cycle in sorted(content.catalog.cycles.items()):
        for milestone in cycle.milestones:
            items.append({"cycle": number, "date": content.format_date(milestone.date, lang), "start": milestone.date.start,
                          "end": milestone.date.end, "kind": t[f"milestone-{milestone.kind}"], "expected": milestone.expected,
                          "note": local(milestone.note, lang)})
    items.sort(key=lambda i: (i["start"], i["cycle"]))
    upcoming = [i for i in items if i["end"] >= content.today]
    for item in items:
        item["state"] = "next" if upcoming and item is upcoming[0] else "future" if item["end"] >= content.today else "past"
    cycles = [{"number": n, "session": c.session, "report": c.report, "recommendations": c.recommendations,
               "supported": c.supported, "noted": c.noted, "states": c.states} for n, c in sorted(content.catalog.cycles.items())]
    return {"items": items, "cycles": cycles, "today": content.format_date(PartialDate.of(content.today), lang)}
