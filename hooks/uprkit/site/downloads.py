"""Download links of the printable PDFs, with their sizes, for the templates.

A page that links a PDF waits for that PDF (rendering started when the content was
loaded, so most are ready by the time MkDocs writes the page) and shows its size.
"""

from __future__ import annotations

from ..content import Content
from ..content.factsheets import Factsheet
from ..content.parts import PAGE_BUDGET
from ..i18n.formatting import format_size
from ..printing.paths import briefing_pdf, factsheet_pdf, handout_pdf, pile_pdf
from ..printing.pipeline import PrintRun


class Downloads:
    """The PDFs each page links to; none when PDFs are off (``run`` is None). With
    ``wait`` false (``mkdocs serve``), a PDF not rendered yet is linked as pending."""

    def __init__(self, content: Content, run: PrintRun | None, wait: bool = True) -> None:
        self.content = content
        self.run = run
        self.wait = wait

    def _link(self, lang: str, path: str, label: str) -> dict | None:
        if self.run is None or not self.run.plans(path):
            return None
        size = self.run.size(path, self.wait)
        t = self.content.labels(lang)
        return {"url": path, "label": label, "pending": size is None, "size": format_size(size, t) if size is not None else t["pdf-pending"]}

    def _links(self, lang: str, items: list[tuple[str, str]]) -> list[dict]:
        return [link for link in (self._link(lang, path, label) for path, label in items) if link]

    def factsheet(self, sheet: Factsheet, lang: str) -> list[dict]:
        """The factsheet in each language it exists in, and the two-sided handout."""
        t, languages = self.content.labels(lang), self.content.languages
        items = [(factsheet_pdf(sheet.slug, code), t["pdf-factsheet"].format(language=t[f"language-{code}"])) for code in languages if code in sheet.texts]
        if len(sheet.texts) == len(languages):
            names = t["title-join"].join(t[f"language-{code}"] for code in languages)
            items.append((handout_pdf(sheet.slug, languages), t["pdf-handout"].format(languages=names)))
        return self._links(lang, items)

    def pages(self, sheet: Factsheet, lang: str) -> int | None:
        """Pages of the factsheet's PDF in ``lang`` (None when PDFs are off or it failed)."""
        path = factsheet_pdf(sheet.slug, lang)
        if self.run is None or not self.run.plans(path):
            return None
        out = self.run.wait_for(path) if self.wait else self.run.outputs[path]
        return out.pages if out.done else None

    def over_budget(self, sheet: Factsheet, lang: str) -> str | None:
        """The page-budget message of the factsheet's PDF in ``lang``, when it is too long."""
        path = factsheet_pdf(sheet.slug, lang)
        if self.run is None or not self.run.plans(path):
            return None
        out = self.run.outputs[path]
        return self.run.too_long(out) if out.done and out.pages > PAGE_BUDGET else None

    def briefing_over_budget(self, code: str, lang: str) -> str | None:
        """The page-budget message of the State's briefing PDF in ``lang``, when it is too long."""
        return self.run.over_budget(briefing_pdf(code, lang)) if self.run is not None else None

    def table(self, table_id: str, lang: str) -> list[dict]:
        """The table's pile in every language, the page's language first."""
        t = self.content.labels(lang)
        order = [lang] + [code for code in self.content.languages if code != lang]
        return self._links(lang, [(pile_pdf(table_id, code), t["pdf-pile"].format(language=t[f"language-{code}"])) for code in order])

    def state(self, code: str, lang: str) -> list[dict]:
        """A State's briefing in every language, the page's language first."""
        t = self.content.labels(lang)
        order = [lang] + [other for other in self.content.languages if other != lang]
        return self._links(lang, [(briefing_pdf(code, other), t["pdf-briefing"].format(language=t[f"language-{other}"])) for other in order])
