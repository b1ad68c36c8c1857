"""Where each PDF lives in the built site (the same for every language's pages)."""

from __future__ import annotations


def factsheet_pdf(slug: str, lang: str) -> str:
    return f"pdf/factsheets/{slug}.{lang}.pdf"


def pile_pdf(table: str, lang: str) -> str:
    return f"pdf/tables/{table}.{lang}.pdf"


def handout_pdf(slug: str, languages: list[str]) -> str:
    return f"pdf/handouts/{slug}.{'-'.join(languages)}.pdf"


def briefing_pdf(code: str, lang: str) -> str:
    return f"pdf/states/{code.lower()}.{lang}.pdf"

