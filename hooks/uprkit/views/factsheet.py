"""Template data of a factsheet (the web page and the printed PDF share it) and of the
short cards that list factsheets elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..content import Content
from ..content.factsheets import Factsheet
from ..content.parts import PARTS
from ..i18n.formatting import format_list
from .common import assessment, contact, date, link, local, response, sdg_chips, states, translated
from .sheetmarkdown import RenderedParts


def factsheet(content: Content, sheet: Factsheet, lang: str, parts: RenderedParts, order: tuple[str, ...], downloads: list[dict]) -> dict[str, Any]:
    """The factsheet in ``lang``; ``parts`` is its rendered text (empty when the factsheet
    does not exist in ``lang``), ``order`` the parts' order (web or print)."""
    catalog, meta, languages = content.catalog, sheet.meta, content.languages
    t = content.labels(lang)
    group = catalog.groups[meta.group]
    cluster = catalog.clusters[meta.cluster]
    previous = []
    for ref in meta.previous_recommendations:
        cycle, rec = catalog.recommendation(ref.id, ref.cycle)
        previous.append({
            "id": ref.id,
            "cycle": cycle,
            "text": translated(rec.text, lang, languages),
            "states": states(content, rec.states, lang),
            "response": response(content, rec.response, lang),
            "assessment": assessment(content, ref.assessment, lang),
            "comment": parts.implementation.get(ref.id),
        })
    mechanisms = []
    for rec in meta.other_mechanisms:
        body = catalog.mechanisms.bodies[rec.body]
        scale = catalog.mechanisms.grade_scales.get(body.grades or "", {})
        mechanisms.append({
            "body": rec.body, "name": local(body.name, lang), "kind": body.kind, "symbol": rec.symbol, "paragraph": rec.paragraph,
            "year": rec.year, "grade": {"code": rec.grade, "name": local(scale[rec.grade], lang)} if rec.grade else None,
            "text": translated(rec.text, lang, languages),
        })
    recommended_by: dict[str, list[str]] = {}
    for item in previous:
        for state in item["states"]:
            recommended_by.setdefault(state["code"], []).append(item["id"])
    text = sheet.texts.get(lang)
    gaps = sheet.gaps[lang]
    view = {
        "slug": sheet.slug,
        "translated": text is not None,
        "missing": list(gaps.recommendations),
        "title": text.text.title if text else None,
        "originals": [
            {"lang": code, "title": other.text.title, "url": link(content, code, f"factsheets/{sheet.slug}/"), "language": t[f"language-{code}"]}
            for code, other in sheet.texts.items() if code != lang
        ],
        "group": {"name": local(group.name, lang), "url": link(content, lang, f"groups/{meta.group}/"),
                  "members": [local(m.name, lang) for m in group.members], "logo": group.logo},
        "table": {"name": local(catalog.tables[meta.table].name, lang), "url": link(content, lang, f"tables/{meta.table}/")},
        "cluster": local(cluster.name, lang),
        "section": local(catalog.sections[cluster.section].name, lang),
        "country": catalog.country_name(lang),
        "date": date(content, meta.date, lang),
        "sdgs": sdg_chips(content, meta.sdg_targets, lang),
        "summary": parts.summary,
        "previous": previous,
        "mechanisms": mechanisms,
        "narrative": parts.narrative,
        "suggested": [
            {"id": rec.id, "html": parts.recommendations.get(rec.id), "sdgs": sdg_chips(content, rec.sdg_targets, lang), "action_category": rec.action_category}
            for rec in meta.suggested_recommendations
        ] if text else [],
        "questions": parts.questions,
        "target_states": [dict(state, recommended=format_list(recommended_by.get(state["code"], []), t))
                          for state in states(content, meta.target_states, lang, set(content.recommending_states))],
        "sources": parts.sources,
        "contacts": [contact(c, lang) for c in meta.contacts] or [contact(group.contact, lang)],
        "downloads": downloads,
    }
    shown = {"summary": "summary", "previous": "previous", "mechanisms": "mechanisms", "framework": "narrative", "suggested": "suggested",
             "questions": "questions", "targets": "target_states", "sources": "sources", "contacts": "contacts"}
    view["parts"] = [{"name": name, "anchor": PARTS[name].anchor, "title": t[PARTS[name].label]} for name in order if view[shown[name]]]
    return view


def editor_notices(content: Content, sheet: Factsheet, lang: str, over_budget: str | None) -> list[str]:
    """What the preview tells the editor on the factsheet's page: the page budget and the
    SMART remarks on this language's suggested recommendations (in the editor's language)."""
    msg = content.msg
    notices = [over_budget] if over_budget else []
    for result in content.smart:
        if result.slug == sheet.slug and result.lang == lang:
            notices += [f"{result.where}: " + msg(key, id=result.id, **values) for key, values in result.smart.notices]
    return notices


def cards(content: Content, lang: str, keep: Callable[[Factsheet], bool], downloads: Callable[[Factsheet], list[dict]]) -> list[dict[str, Any]]:
    """Short entries for factsheet lists, the translated ones first, then by title in ``lang``."""
    out = []
    for slug, sheet in content.factsheets.items():
        if not keep(sheet):
            continue
        text = sheet.texts.get(lang)
        out.append({
            "slug": slug,
            "url": link(content, lang, f"factsheets/{slug}/"),
            "title": sheet.title(lang),
            "translated": text is not None,
            "summary_lang": None if text else next(iter(sheet.texts)),
            "group": local(content.catalog.groups[sheet.meta.group].name, lang),
            "date": date(content, sheet.meta.date, lang),
            "pdfs": downloads(sheet),
        })
    return sorted(out, key=lambda card: (not card["translated"], card["title"].casefold()))
