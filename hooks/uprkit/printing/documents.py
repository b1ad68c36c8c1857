"""The print HTML of every PDF: factsheets in each language they exist in, and the cover
pages of the café table piles. Same factsheet partial and stylesheet as the web page,
rendered with the project's own Jinja loader and its own Markdown conversion (so the PDFs
of both languages can be started before MkDocs renders any page)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import jinja2
import markdown
import segno

from .. import diplomats, sheetview
from ..diplomats import states_in_data
from ..pages import factsheet_body
from ..render import split_parts
from ..views import link, local
from .paths import briefing_pdf, cover_pdf, factsheet_pdf

STYLESHEETS = ("print-fonts.css", "factsheet.css", "print.css")


@dataclass
class Document:
    """A PDF to render: ``path`` is its place under the site's pdf/ folder."""

    path: str
    html: str
    kind: str
    lang: str
    slug: str = ""
    table: str = ""
    title: str = ""


class PrintSet:
    """Builds the print documents of one content load."""

    def __init__(self, content, markdown_extensions: list, mdx_configs: dict, site_url: str | None) -> None:
        self.content = content
        self.root: Path = content.root
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        docs = (self.root / "docs").resolve()
        self.base_url = docs.as_uri() + "/"
        # Autoescape everywhere: blocks of child templates are outside their parent's autoescape tag.
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(self.root / "overrides"), autoescape=True)
        self.env.filters["url"] = self._page_url
        self.env.filters["asset"] = lambda path: urljoin(self.base_url, path)
        self.md = markdown.Markdown(extensions=markdown_extensions, extension_configs=mdx_configs)
        self.stylesheets = [urljoin(self.base_url, f"assets/stylesheets/{name}") for name in STYLESHEETS]

    def _page_url(self, path: str) -> str:
        return urljoin(self.site_url, path) if self.site_url else path

    def documents(self) -> Iterator[Document]:
        """Every document to print, one at a time (rendering starts with the first)."""
        for slug, sheet in self.content.factsheets.items():
            for lang in sheet.texts:
                yield self.factsheet(slug, lang)
        for table in self.content.catalog.tables:
            for lang in self.content.languages:
                yield self.cover(table, lang)
        if self.content.options.pdf_briefings:
            for code in states_in_data(self.content):
                for lang in self.content.languages:
                    yield self.briefing(code, lang)

    def _print_context(self, lang: str, created: str, page_path: str | None = None) -> dict:
        t = self.content.labels(lang)
        before, _, rest = t["pdf-page"].partition("{page}")
        between, _, _after = rest.partition("{pages}")
        context = {"stylesheets": self.stylesheets, "created": created, "page_before": before, "page_between": between}
        site = self.content.site_facts(lang)
        context["cycle"] = site["cycle"]["number"] if site["cycle"] else None
        if self.site_url and page_path:
            url = urljoin(self.site_url, page_path)
            context |= {"qr": segno.make_qr(url, error="m").svg_data_uri(border=2), "page_url": url, "short_link": url.split("://", 1)[1].rstrip("/")}
        return context

    def factsheet(self, slug: str, lang: str) -> Document:
        sheet = self.content.factsheets[slug]
        self.md.reset()
        parts = split_parts(self.md.convert(factsheet_body(self.content, sheet, lang)))
        view = sheetview.factsheet(self.content, sheet, lang, parts)
        context = self._print_context(lang, sheet.meta.date.iso(), link(self.content, lang, f"factsheets/{slug}/"))
        html = self.env.get_template("print/factsheet.html").render(upr=view, t=self.content.labels(lang), print=context)
        return Document(factsheet_pdf(slug, lang), html, "factsheet", lang, slug=slug, table=sheet.table, title=view["title"])

    def briefing(self, code: str, lang: str) -> Document:
        """A recommending State's briefing; dated by the newest factsheet (not the clock)."""
        view = diplomats.briefing(self.content, code, lang)
        newest = max((sheet.meta.date for sheet in self.content.factsheets.values()), default=None)
        context = self._print_context(lang, newest.iso() if newest else "2000-01-01", link(self.content, lang, f"states/{code.lower()}/"))
        t = self.content.labels(lang)
        country = self.content.catalog.states.name(self.content.catalog.country, lang) or ""
        context |= {"country": country, "author": t["briefing-author"].format(country=country),
                    "today": self.content.format_date(newest, lang) if newest else ""}
        html = self.env.get_template("print/briefing.html").render(upr=view, t=t, print=context)
        return Document(briefing_pdf(code, lang), html, "briefing", lang, title=t["briefing-title"].format(state=view["name"]))

    def cover(self, table_id: str, lang: str) -> Document:
        content = self.content
        table = content.catalog.tables[table_id]
        cards = sheetview.cards(content, lang, lambda s: s.table == table_id)
        dates = [content.factsheets[c["slug"]].meta.date for c in cards]
        newest = max(dates, default=None)
        cover = {
            "title": local(table.name, lang),
            "description": local(table.description, lang),
            "country": content.catalog.states.name(content.catalog.country, lang),
            "entries": [c for c in cards if c["translated"]],
            "untranslated": [c for c in cards if not c["translated"]],
            "date": content.format_date(newest, lang) if newest else "",
        }
        context = self._print_context(lang, newest.iso() if newest else "2000-01-01")
        html = self.env.get_template("print/cover.html").render(cover=cover, t=content.labels(lang), print=context)
        return Document(cover_pdf(table_id, lang), html, "cover", lang, table=table_id, title=cover["title"])
