"""Template data of the translation status page: what is missing in which language."""

from __future__ import annotations

from typing import Any

from ..content import Content
from .common import link


def translation_status(content: Content, lang: str) -> dict[str, Any]:
    rows = []
    for slug, sheet in content.factsheets.items():
        languages = []
        for code in content.languages:
            gaps = sheet.gaps[code]
            status = "missing" if gaps.text else "partial" if gaps.recommendations else "complete"
            languages.append({
                "lang": code, "status": status, "missing": list(gaps.recommendations),
                "path": sheet.source_path(code) if not gaps.text else sheet.text_path(code),
            })
        rows.append({"slug": slug, "url": link(content, lang, f"factsheets/{slug}/"), "title": sheet.title(lang),
                     "translated": lang in sheet.texts, "languages": languages})
    complete = {code: sum(1 for row in rows for s in row["languages"] if s["lang"] == code and s["status"] == "complete") for code in content.languages}
    return {"rows": rows, "languages": list(content.languages), "complete": complete, "total": len(rows)}
