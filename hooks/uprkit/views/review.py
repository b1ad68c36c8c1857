"""The side-by-side review page for bilingual editors: every factsheet's blocks in its
original and in each translation, with the blocks whose original changed since they
were translated, and those not translated yet, highlighted (content/translations.py)."""

from __future__ import annotations

from typing import Any

from ..content import Content
from ..content.parts import PARTS
from .common import link


def review(content: Content, lang: str) -> dict[str, Any]:
    """The review page in ``lang`` (its labels; the texts stay in their own languages)."""
    t = content.labels(lang)
    sheets = []
    for slug, info in content.translations.items():
        sheet = content.factsheets[slug]
        for code, blocks in info.blocks.items():
            counts = {state: sum(1 for b in blocks if b.state == state) for state in ("stale", "missing", "unmarked")}
            rows = [{
                "id": b.id,
                "part": t[PARTS[b.part].label] if b.part in PARTS else t["review-block-title"],
                "state": b.state,
                "state_name": t[f"translation-{b.state}"],
                "source": b.source,
                "text": b.text,
                "where": b.where,
            } for b in blocks]
            sheets.append({
                "slug": slug, "anchor": f"{slug}-{code}", "title": sheet.title(lang), "title_lang": lang if lang in sheet.texts else info.source,
                "source": info.source, "target": code,
                "source_name": t[f"language-{info.source}"], "target_name": t[f"language-{code}"],
                "file": sheet.texts[code].path if code in sheet.texts else sheet.text_path(code),
                "url": link(content, lang, f"factsheets/{slug}/"),
                "counts": t["review-counts"].format(**counts), "problems": counts["stale"] + counts["missing"],
                "rows": rows,
            })
    for rel, info in content.data_translations.items():  # the shared texts of data/ (group names...)
        for code, blocks in info.blocks.items():
            counts = {state: sum(1 for b in blocks if b.state == state) for state in ("stale", "missing", "unmarked")}
            sheets.append({
                "slug": rel, "anchor": f"{rel.replace('/', '-').removesuffix('.yml')}-{code}", "title": rel, "title_lang": lang,
                "source": info.source, "target": code,
                "source_name": t[f"language-{info.source}"], "target_name": t[f"language-{code}"],
                "file": rel, "url": None,
                "counts": t["review-counts"].format(**counts), "problems": counts["stale"],
                "rows": [{"id": b.id, "part": t["review-data-part"], "state": b.state, "state_name": t[f"translation-{b.state}"],
                          "source": b.source, "text": b.text, "where": b.where} for b in blocks],
            })
    sheets.sort(key=lambda s: (-s["problems"], s["url"] is None, s["title"].casefold()))
    return {"sheets": sheets, "lang": lang}
