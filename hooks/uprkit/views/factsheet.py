"""Template data of a factsheet (the web page and the printed PDF share it) and of the
short cards that list factsheets elsewhere."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..content import Content
from ..content.dates import PartialDate
from ..content.factsheets import Factsheet
from ..content.parts import PARTS
from ..content.translations import sheet_units
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
    view["stale"] = stale_notices(content, sheet, lang)
    view["narrative_sections"] = narrative_sections(parts.narrative, len([u for u in sheet_units(sheet, lang).values() if u.part == "framework"]))
    shown = {"summary": "summary", "previous": "previous", "mechanisms": "mechanisms", "framework": "narrative", "suggested": "suggested",
             "questions": "questions", "targets": "target_states", "sources": "sources", "contacts": "contacts"}
    view["parts"] = [{"name": name, "anchor": PARTS[name].anchor, "title": t[PARTS[name].label]} for name in order if view[shown[name]]]
    return view


_HEADING_START = re.compile(r"(?=<h[1-6][\s>])")
_HEADING = re.compile(r"\A\s*(<h([1-6])[\s>].*?</h\2>)(.*)\Z", re.S)


def stale_notices(content: Content, sheet: Factsheet, lang: str) -> dict[str, dict[str, Any]]:
    """By block id: the notice a stale block of ``lang`` carries, in ``lang``, with the
    day its original changed (when git knows it) and a link to the original."""
    info = content.translations.get(sheet.slug)
    if info is None:
        return {}
    t = content.labels(lang)
    out = {}
    for block in info.of(lang, "stale"):
        values = {"original": t[f"stale-original-{block.source_lang}"], "what": t[f"stale-what-{block.kind}"]}
        if block.changed:
            text = t["stale-notice-dated"].format(date=date(content, PartialDate.of(block.changed), lang), **values)
        else:
            text = t["stale-notice"].format(**values)
        anchor = PARTS[block.part].anchor if block.part in PARTS else "factsheet"
        out[block.id] = {"id": block.id, "text": text, "lang": block.source_lang, "subject": block.text if block.part == "sources" else None,
                         "url": link(content, block.source_lang, f"factsheets/{sheet.slug}/") + f"#{anchor}"}
    return out


def narrative_sections(html: str, count: int) -> list[dict[str, Any]]:
    """The rendered narrative cut at its headings, as the blocks ``narrative.<n>`` are
    (content/translations.py); one piece when the cut does not match the source's."""
    pieces = [p for p in _HEADING_START.split(html) if p.strip()]
    if len(pieces) != count:
        return [{"id": None, "heading": "", "body": html}]
    out = []
    for index, piece in enumerate(pieces):
        match = _HEADING.match(piece)
        heading, body = (match.group(1), match.group(3)) if match else ("", piece)
        out.append({"id": f"narrative.{index + 1}", "heading": heading, "body": body})
    return out


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
