"""Download links of the printable PDFs, with their sizes, for the templates.

PDFs render while MkDocs writes the pages, so a link is written with a placeholder for
its size (``size_mark``); ``fill_sizes`` puts the real sizes in once the PDFs exist.
"""

from __future__ import annotations

import re
from pathlib import Path

from .printing.paths import briefing_pdf, factsheet_pdf, handout_pdf, pile_pdf

_MARK = re.compile(r"@@pdf-size:(\w+):([\w./-]+)@@")


def size_mark(lang: str, path: str) -> str:
    return f"@@pdf-size:{lang}:{path}@@"


def fill_sizes(content, files: list[Path]) -> None:
    """Replace the size placeholders in written pages by the PDFs' sizes."""
    for file in files:
        html = file.read_text(encoding="utf-8")
        html = _MARK.sub(lambda m: human_size(content, content.pipeline.size(m.group(2)) or 0, m.group(1)), html)
        file.write_text(html, encoding="utf-8")


def human_size(content, size: int, lang: str) -> str:
    t = content.labels(lang)
    if size >= 1024 * 1024:
        return t["size-mb"].format(n=f"{size / 1024 / 1024:.1f}")
    return t["size-kb"].format(n=max(1, round(size / 1024)))


def _link(content, lang: str, path: str, label: str) -> dict | None:
    if not content.pipeline or not content.pipeline.plans(path):
        return None
    return {"url": path, "label": label, "size": size_mark(lang, path)}


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


def for_state(content, code: str, lang: str) -> list[dict]:
    """A State's briefing in every language, the page's language first."""
    t = content.labels(lang)
    order = [lang] + [other for other in content.languages if other != lang]
    links = [_link(content, lang, briefing_pdf(code, other), t["pdf-briefing"].format(language=t[f"language-{other}"])) for other in order]
    return [link for link in links if link]
