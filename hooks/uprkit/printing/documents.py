"""The print HTML of every PDF: factsheets in each language they exist in, the cover
pages of the café table piles, and the States' briefings. Same factsheet partial and
stylesheet as the web page, rendered with the project's own Jinja loader and its own
Markdown conversion (so the PDFs of both languages can be started before MkDocs renders
any page)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import jinja2
import markdown
import segno

from ..content import Content
from ..content.parts import PRINT_ORDER
from ..views import factsheet as factsheet_view
from ..views import states as states_view
from ..views.common import date, link, local
from ..views.sheetmarkdown import document, split
from ..views.site import site_view
from .paths import briefing_pdf, cover_pdf, factsheet_pdf

STYLESHEETS = ("print-fonts.css", "factsheet.css", "print.css")
_HREF = re.compile(r'(<a\b[^>]*?)\shref="([^"]*)"')
_KEPT = re.compile(r"^(?:https?:|mailto:|#)", re.I)


def web_links(html: str, page_url: str | None) -> str:
    """Links of a printed document as its reader can follow them: absolute web and mail
    addresses and links inside the document stay; a relative link becomes an address on
    the published site when ``page_url`` (the online page, from site_url) is known, and
    is dropped otherwise. Never a ``file:`` link to the builder's disk."""

    def fix(match: re.Match) -> str:
        tag, href = match.group(1), match.group(2)
        if _KEPT.match(href):
            return match.group(0)
        if page_url:
            return f'{tag} href="{urljoin(page_url, href)}"'
        return tag

    return _HREF.sub(fix, html)


@dataclass(frozen=True)
class Document:
    """A PDF to render: ``path`` is its place under the site's pdf/ folder."""

    path: str
    html: str
    kind: str
    lang: str
    slug: str = ""
    table: str = ""
    title: str = ""


def _no_pdfs(*_args: Any) -> list[dict]:
    return []


class PrintSet:
    """Builds the print documents of one content load."""

    def __init__(self, content: Content, markdown_extensions: list, mdx_configs: dict, site_url: str | None, sample: bool, briefings: bool) -> None:
        self.content = content
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.sample = sample
        self.briefings = briefings
        self.base_url = (content.root / "docs").resolve().as_uri() + "/"
        # Autoescape everywhere: blocks of child templates are outside their parent's autoescape tag.
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(content.root / "overrides"), autoescape=True)
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
        if self.briefings:
            for code in self.content.recommending_states:
                for lang in self.content.languages:
                    yield self.briefing(code, lang)

    def _print_context(self, lang: str, created: str, page_path: str | None = None) -> dict[str, Any]:
        t = self.content.labels(lang)
        before, _, rest = t["pdf-page"].partition("{page}")
        between, _, _after = rest.partition("{pages}")
        context: dict[str, Any] = {"stylesheets": self.stylesheets, "created": created, "page_before": before, "page_between": between}
        site = site_view(self.content, lang, self.sample)
        context["cycle"] = site["cycle"]["number"] if site["cycle"] else None
        context["sample"] = self.sample
        if self.site_url and page_path:
            url = urljoin(self.site_url, page_path)
            context |= {"qr": segno.make_qr(url, error="m").svg_data_uri(border=2), "page_url": url, "short_link": url.split("://", 1)[1].rstrip("/")}
        return context

    def factsheet(self, slug: str, lang: str) -> Document:
        sheet = self.content.factsheets[slug]
        self.md.reset()
        parts = split(self.md.convert(document(self.content, sheet, lang)))
        view = factsheet_view.factsheet(self.content, sheet, lang, parts, PRINT_ORDER, [])
        context = self._print_context(lang, sheet.meta.date.iso(), link(self.content, lang, f"factsheets/{slug}/"))
        html = web_links(self.env.get_template("print/factsheet.html").render(upr=view, t=self.content.labels(lang), print=context), context.get("page_url"))
        return Document(factsheet_pdf(slug, lang), html, "factsheet", lang, slug=slug, table=sheet.table, title=view["title"])

    def briefing(self, code: str, lang: str) -> Document:
        """A recommending State's briefing; dated by the newest factsheet (not the clock)."""
        view = states_view.briefing(self.content, code, lang, [])
        newest = max((sheet.meta.date for sheet in self.content.factsheets.values()), default=None)
        context = self._print_context(lang, newest.iso() if newest else "2000-01-01", link(self.content, lang, f"states/{code.lower()}/"))
        t = self.content.labels(lang)
        country = self.content.catalog.country_name(lang)
        context |= {"country": country, "author": t["briefing-author"].format(country=country), "today": date(self.content, newest, lang)}
        html = web_links(self.env.get_template("print/briefing.html").render(upr=view, t=t, print=context), context.get("page_url"))
        return Document(briefing_pdf(code, lang), html, "briefing", lang, title=t["briefing-title"].format(state=view["name"]))

    def cover(self, table_id: str, lang: str) -> Document:
        content = self.content
        table = content.catalog.tables[table_id]
        cards = factsheet_view.cards(content, lang, lambda s: s.table == table_id, _no_pdfs)
        newest = max((content.factsheets[c["slug"]].meta.date for c in cards), default=None)
        cover = {
            "title": local(table.name, lang),
            "description": local(table.description, lang),
            "country": content.catalog.country_name(lang),
            "entries": [c for c in cards if c["translated"]],
            "untranslated": [c for c in cards if not c["translated"]],
            "date": date(content, newest, lang),
        }
        context = self._print_context(lang, newest.iso() if newest else "2000-01-01")
        html = web_links(self.env.get_template("print/cover.html").render(cover=cover, t=content.labels(lang), print=context), None)
        return Document(cover_pdf(table_id, lang), html, "cover", lang, table=table_id, title=cover["title"])
