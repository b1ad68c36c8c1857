"""Template data for factsheet pages, factsheet lists and the translation status page."""

from __future__ import annotations

from . import downloads
from .views import format_date, ink, link, local, translated


def contact(value, lang: str) -> dict:
    return {
        "name": local(value.name, lang),
        "organisation": local(value.organisation, lang) if value.organisation else None,
        "email": value.email,
        "phone": value.phone,
        "url": value.url,
    }


def sdg_chips(catalog, targets: list[str], lang: str) -> list[dict]:
    chips = []
    for target in targets:
        goal = int(target.partition(".")[0])
        sdg = catalog.sdgs[goal]
        chips.append({"code": target, "goal": goal, "colour": sdg.colour, "ink": ink(sdg.colour), "name": local(sdg.name, lang)})
    return chips


def _states(catalog, codes: list[str], lang: str) -> list[dict]:
    return [{"code": code, "name": catalog.states.name(code, lang)} for code in codes]


def factsheet(content, sheet, lang: str, parts: dict[str, str]) -> dict:
    catalog, meta, languages = content.catalog, sheet.meta, content.languages
    t = content.labels(lang)
    group = catalog.groups[meta.group]
    cluster = catalog.clusters[meta.cluster]
    previous = []
    for ref in meta.previous_recommendations:
        cycle = ref.cycle or catalog.cycles_of(ref.id)[0]
        rec = catalog.recommendations[(cycle, ref.id)]
        assessment = catalog.scales.assessments[ref.assessment]
        previous.append({
            "id": ref.id,
            "cycle": cycle,
            "text": translated(rec.text, lang, languages),
            "states": _states(catalog, rec.states, lang),
            "response": {"id": rec.response, "name": local(catalog.scales.responses[rec.response].name, lang)},
            "assessment": {"id": ref.assessment, "name": local(assessment.name, lang), "colour": assessment.colour},
            "comment": parts.get(f"impl:{ref.id}"),
        })
    mechanisms = []
    for rec in meta.other_mechanisms:
        body = catalog.mechanisms.bodies[rec.body]
        scale = catalog.mechanisms.grade_scales.get(body.grades or "", {})
        mechanisms.append({
            "body": rec.body,
            "name": local(body.name, lang),
            "kind": body.kind,
            "symbol": rec.symbol,
            "paragraph": rec.paragraph,
            "year": rec.year,
            "grade": {"code": rec.grade, "name": local(scale[rec.grade], lang)} if rec.grade else None,
            "text": translated(rec.text, lang, languages),
        })
    recommended_by = {}
    for item in previous:
        for state in item["states"]:
            recommended_by.setdefault(state["code"], []).append(item["id"])
    text = sheet.texts.get(lang)
    return {
        "slug": sheet.slug,
        "translated": text is not None,
        "missing": [m.partition(":")[2] for m in sheet.missing.get(lang, []) if m != "all"],
        "title": text.text.title if text else None,
        "originals": [
            {"lang": code, "title": other.text.title, "url": link(content, code, f"factsheets/{sheet.slug}/"), "language": t[f"language-{code}"]}
            for code, other in sheet.texts.items() if code != lang
        ],
        "group": {
            "name": local(group.name, lang),
            "url": link(content, lang, f"groups/{meta.group}/"),
            "members": [local(m.name, lang) for m in group.members],
            "logo": group.logo,
        },
        "table": {"name": local(catalog.tables[meta.table].name, lang), "url": link(content, lang, f"tables/{meta.table}/")},
        "cluster": local(cluster.name, lang),
        "section": local(catalog.sections[cluster.section].name, lang),
        "country": catalog.states.name(catalog.country, lang) or catalog.country,
        "date": format_date(content, meta.date, lang),
        "sdgs": sdg_chips(catalog, meta.sdg_targets, lang),
        "summary": parts.get("summary"),
        "previous": previous,
        "mechanisms": mechanisms,
        "narrative": parts.get("narrative"),
        "suggested": [
            {"id": rec.id, "html": parts.get(f"rec:{rec.id}"), "sdgs": sdg_chips(catalog, rec.sdg_targets, lang), "action_category": rec.action_category}
            for rec in meta.suggested_recommendations
        ],
        "questions": [parts[key] for key in sorted((k for k in parts if k.startswith("question:")), key=lambda k: int(k.partition(":")[2]))],
        "target_states": [dict(state, recommended=recommended_by.get(state["code"], [])) for state in _states(catalog, meta.target_states, lang)],
        "sources": parts.get("sources"),
        "contacts": [contact(c, lang) for c in meta.contacts] or [contact(group.contact, lang)],
        "downloads": downloads.for_factsheet(content, sheet, lang),
    }


def cards(content, lang: str, keep) -> list[dict]:
    """Short entries for factsheet lists, sorted by title in ``lang``."""
    out = []
    for slug, sheet in content.factsheets.items():
        if not keep(sheet):
            continue
        text = sheet.texts.get(lang)
        original = text or next(iter(sheet.texts.values()))
        out.append({
            "slug": slug,
            "url": link(content, lang, f"factsheets/{slug}/"),
            "title": original.text.title,
            "translated": text is not None,
            "summary_lang": None if text else next(iter(sheet.texts)),
            "group": local(content.catalog.groups[sheet.meta.group].name, lang),
            "date": format_date(content, sheet.meta.date, lang),
            "pdfs": downloads.for_factsheet(content, sheet, lang),
        })
    return sorted(out, key=lambda card: (not card["translated"], card["title"].casefold()))


def translation_status(content, lang: str) -> dict:
    rows = []
    for slug, sheet in content.factsheets.items():
        states = []
        for code in content.languages:
            missing = sheet.missing.get(code, [])
            status = "missing" if missing == ["all"] else "partial" if missing else "complete"
            states.append({
                "lang": code,
                "status": status,
                "missing": [m.partition(":")[2] for m in missing if m != "all"],
                "path": sheet.source_path(code) if status != "missing" else f"{sheet.folder}/{slug}.{code}.md",
            })
        original = sheet.texts.get(lang) or next(iter(sheet.texts.values()))
        url = link(content, lang, f"factsheets/{slug}/")
        rows.append({"slug": slug, "url": url, "title": original.text.title, "translated": lang in sheet.texts, "languages": states})
    counts = {code: sum(1 for row in rows for s in row["languages"] if s["lang"] == code and s["status"] == "complete") for code in content.languages}
    return {"rows": rows, "languages": content.languages, "complete": counts, "total": len(rows)}


PARTS = (("summary", "fs-summary"), ("previous", "fs-previous"), ("mechanisms", "fs-mechanisms"), ("framework", "fs-framework"),
         ("suggested", "fs-suggested"), ("questions", "fs-questions"), ("targets", "fs-targets"), ("sources", "fs-sources"),
         ("contacts", "fs-contacts"))
_SHOWN = {"summary": "summary", "previous": "previous", "mechanisms": "mechanisms", "framework": "narrative",
          "suggested": "translated", "questions": "questions", "targets": "target_states", "sources": "sources", "contacts": "contacts"}


def parts_shown(view: dict, t) -> list[tuple[str, str]]:
    """(anchor, heading) of the parts the factsheet template shows, in order."""
    return [(f"part-{part}", t[label]) for part, label in PARTS if view.get(_SHOWN[part])]
