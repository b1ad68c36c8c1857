"""Download links of the printable PDFs, with their sizes, for the templates."""

from __future__ import annotations

from .printing.documents import factsheet_pdf, handout_pdf, pile_pdf


def human_size(content, size: int, lang: str) -> str:
    t = content.labels(lang)
    if size >= 1024 * 1024:
        return t["size-mb"].format(n=f"{size / 1024 / 1024:.1f}")
    return t["size-kb"].format(n=max(1, round(size / 1024)))


def _link(content, lang: str, path: str, label: str) -> dict | None:
    size = content.pdf_size(path)
    return {"url": path, "label": label, "size": human_size(content, size, lang)} if size is not None else None


def for_factsheet(content, sheet, lang: str) -> list[dict]:
    """The factsheet in each language it exists in, and the two-sided handout."""
    t = content.labels(lang)
    links = [_link(content, lang, factsheet_pdf(sheet.slug, code), t["pdf-factsheet"].format(language=t[f"language-{code}"]))
             for code in content.languages if code in sheet.texts]
    if len(sheet.texts) == len(content.languages):
        names = " / ".join(t[f"language-{code}"] for code in content.languages)
        links.append(_link(content, lang, handout_pdf(sheet.slug, content.languages), t["pdf-handout"].format(languages=names)))
    return [link for link in links if link]


def for_table(content, table: str, lang: str) -> list[dict]:
    """The table's pile in every language, the page's language first."""
    t = content.labels(lang)
    order = [lang] + [code for code in content.languages if code != lang]
    links = [_link(content, lang, pile_pdf(table, code), t["pdf-pile"].format(language=t[f"language-{code}"])) for code in order]
    return [link for link in links if link]
