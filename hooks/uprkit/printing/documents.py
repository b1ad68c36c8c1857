"""The print HTML of every PDF: factsheets in each language they exist in, the café
table piles (a cover with contents, then the table's factsheets) and the two-sided
handouts, each ONE document laid out by WeasyPrint, and the States' briefings. Same
factsheet partial and stylesheet as the web page, rendered with the project's own
Jinja loader and its own Markdown conversion (so the PDFs of both languages can be
started before MkDocs renders any page). A factsheet's sheet is made once and shared by
its PDF, its pile and its handout."""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import jinja2
import markdown
import segno
from markupsafe import Markup

from ..content import Content
from ..content.parts import PRINT_ORDER
from ..views import factsheet as factsheet_view
from ..views import states as states_view
from ..views.common import date, link, local
from ..views.sheetmarkdown import document, split
from ..views.site import site_view
from .paths import briefing_pdf, factsheet_pdf, handout_pdf, pile_pdf

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
    """A PDF to render: ``path`` is its place under the site's pdf/ folder. A pile or a
    handout lists the factsheets it holds (``sheets``: (slug, language)), so the cache
    knows what an edit touches and the tests what to expect."""

    path: str
    html: str
    kind: str
    lang: str
    slug: str = ""
    table: str = ""
    title: str = ""
    sheets: tuple[tuple[str, str], ...] = ()
    fit_html: str = ""
    """A factsheet set tighter, printed instead when that makes it fit one page."""
    state: str = ""
    """A briefing's State (ISO code)."""


Fitted = frozenset[tuple[str, str]]
"""The factsheets (slug, language) that fit one page only when set tighter."""
Pages = Mapping[tuple[str, str], int]
"""Pages of each factsheet (slug, language), as printed alone."""


@dataclass(frozen=True)
class Sheet:
    """One rendered sheet (a factsheet in one language, a cover, a briefing): the HTML
    fragment that print/base.html puts into a document."""

    html: str
    lang: str
    title: str
    author: str
    created: str
    description: str = ""


class Kept:
    """The preview's print sheets and documents from one content load to the next: each
    is made again only when the digest of what it is made of changed (a rebuild after an
    edit of one factsheet makes that factsheet's sheets, the covers and the briefings
    that list it again, not the other factsheets'). ``mkdocs build`` keeps nothing."""

    def __init__(self) -> None:
        self._last: dict[tuple, tuple[str, Any]] = {}
        self._now: dict[tuple, tuple[str, Any]] = {}
        self.shared = ""

    def begin(self, shared: str) -> None:
        """A new content load, before it reads any file: what the last load used stays,
        what it did not goes; ``shared`` is the digest of what a sheet may read outside
        factsheets/ (``fingerprints.outside_factsheets``, taken before the content is)."""
        if self._now:
            self._last, self._now = self._now, {}
        self.shared = shared

    def get(self, key: tuple, inputs: str, make: Callable[[], Any]) -> Any:
        found = self._now.get(key) or self._last.get(key)
        if found is None or found[0] != inputs:
            found = (inputs, make())
        self._now[key] = found
        return found[1]


def _no_pdfs(*_args: Any) -> list[dict]:
    return []


def _css_string(text: str) -> Markup:
    """``text`` as a CSS string literal, safe inside a <style> element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", " ")
    return Markup(f'"{escaped}"')


def sheet_id(slug: str, lang: str) -> str:
    """The id of a factsheet's sheet in any document (the cover's contents link it)."""
    return f"sheet-{slug}-{lang}"


_IDS = re.compile(r'(\s(?:id|for)=")([^"]+)(")|(\shref="#)([^"]+)(")')


def scoped_ids(html: str, prefix: str) -> str:
    """Every id of a sheet, and every link to one, prefixed with ``prefix`` (the sheet's
    id), so that several sheets in one document never share an id (footnotes, parts)."""

    def fix(match: re.Match) -> str:
        if match.group(1):
            value = match.group(2)
            return match.group(0) if value == prefix else f"{match.group(1)}{prefix}--{value}{match.group(3)}"
        return f"{match.group(4)}{prefix}--{match.group(5)}{match.group(6)}"

    return _IDS.sub(fix, html)


class PrintSet:
    """Builds the print documents of one content load."""

    def __init__(self, content: Content, markdown_extensions: list, mdx_configs: dict, site_url: str | None, sample: bool, briefings: bool,
                 bytecode_cache: jinja2.BytecodeCache | None = None, kept: Kept | None = None) -> None:
        """``bytecode_cache``: compiled templates kept from earlier builds of the process
        (the preview's rebuilds); ``kept``: the sheets and documents of the last build,
        reused where what they are made of is unchanged (the preview too)."""
        self.content = content
        self.kept = kept
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.sample = sample
        self.briefings = briefings
        self.base_url = (content.root / "docs").resolve().as_uri() + "/"
        # Autoescape everywhere: blocks of child templates are outside their parent's autoescape tag.
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(content.root / "overrides"), autoescape=True, bytecode_cache=bytecode_cache)
        self.env.filters["url"] = self._page_url
        self.env.filters["asset"] = lambda path: urljoin(self.base_url, path)
        self.env.filters["css_string"] = _css_string
        self.md = markdown.Markdown(extensions=markdown_extensions, extension_configs=mdx_configs)
        self.stylesheets = [urljoin(self.base_url, f"assets/stylesheets/{name}") for name in STYLESHEETS]
        self._sheets: dict[tuple[str, str, bool], Sheet] = {}
        self._views: dict[tuple[str, str], dict[str, Any]] = {}
        self._digests: dict[str, str] = {}

    def _page_url(self, path: str) -> str:
        return urljoin(self.site_url, path) if self.site_url else path

    def _keep(self, key: tuple, inputs: str, make: Callable[[], Any]) -> Any:
        return make() if self.kept is None else self.kept.get(key, inputs, make)

    def _inputs(self, *slugs: str) -> str:
        """A digest of what a sheet or document is made of: everything outside factsheets/
        (``Kept.begin``), the day and the options of this load, and factsheets ``slugs``
        as loaded."""
        if self.kept is None:
            return ""
        digest = hashlib.blake2b(self.kept.shared.encode())
        digest.update(repr((self.site_url, self.sample, self.briefings, self.content.languages, str(self.content.today))).encode())
        for slug in slugs:
            digest.update(self._factsheet_digest(slug).encode())
        return digest.hexdigest()

    def _factsheet_digest(self, slug: str) -> str:
        """Factsheet ``slug`` as loaded: its data and its texts in every language (once per load)."""
        if slug not in self._digests:
            sheet = self.content.factsheets[slug]
            texts = {lang: (text.path, text.doc.data, text.body) for lang, text in sorted(sheet.texts.items())}
            self._digests[slug] = hashlib.blake2b(repr((slug, sheet.meta_path, sheet.doc.data, texts)).encode()).hexdigest()
        return self._digests[slug]

    def _briefing_inputs(self, code: str) -> str:
        """A State's briefing is made of the factsheets it lists and is dated by the newest
        of all factsheets."""
        if self.kept is None:
            return ""
        newest = max((sheet.meta.date for sheet in self.content.factsheets.values()), default=None)
        return self._inputs(*sorted(states_view.listed_factsheets(self.content, code))) + str(newest)

    def documents(self) -> Iterator[Document]:
        """Every factsheet and briefing to print, one at a time (rendering starts with the
        first). The piles and handouts come from ``collections``: they are laid out once
        their factsheets are (each in the setting that printed it)."""
        content = self.content
        for slug, sheet in content.factsheets.items():
            for lang in sheet.texts:
                yield self.factsheet(slug, lang)
        if self.briefings:
            for code in content.recommending_states:
                for lang in content.languages:
                    yield self.briefing(code, lang)

    def collections(self) -> Iterator[tuple[str, tuple[tuple[str, str], ...], Callable[[Fitted, Pages], Document]]]:
        """Every pile and handout: (path, the factsheets it holds, how to make it once
        its factsheets are printed: which fit one page only when set tighter, and how
        many pages each has)."""
        content = self.content
        for table in content.catalog.tables:
            for lang in content.languages:
                slugs = self.pile_order(table, lang)
                yield pile_pdf(table, lang), tuple((slug, lang) for slug in slugs), functools.partial(self.pile, table, lang)
        for slug, sheet in content.factsheets.items():
            if len(sheet.texts) == len(content.languages):
                yield handout_pdf(slug, content.languages), tuple((slug, lang) for lang in content.languages), functools.partial(self.handout, slug)

    # ------------------------------------------------------------------ documents
    def _document(self, path: str, kind: str, lang: str, parts: list[Sheet], title: str = "", author: str = "", one_sheet: bool = False,
                  **fields: Any) -> Document:
        first = parts[0]
        pages = {}
        for sheet in parts:
            if sheet.lang not in pages:
                before, _, rest = self.content.labels(sheet.lang)["pdf-page"].partition("{page}")
                pages[sheet.lang] = {"before": before, "between": rest.partition("{pages}")[0]}
        created = max(sheet.created for sheet in parts)
        doc = {"lang": lang, "kind": kind, "title": title or first.title, "author": author or first.author, "created": created,
               "description": first.description if len(parts) == 1 else "", "pages": pages, "one_sheet": one_sheet}
        html = self.env.get_template("print/base.html").render(doc=doc, sheets=[sheet.html for sheet in parts])
        return Document(path, html, kind, lang, title=doc["title"], **fields)

    def factsheet(self, slug: str, lang: str) -> Document:
        return self._keep(("factsheet", slug, lang), self._inputs(slug), lambda: self._factsheet(slug, lang))

    def _factsheet(self, slug: str, lang: str) -> Document:
        table = self.content.factsheets[slug].table
        tighter = self._document(factsheet_pdf(slug, lang), "factsheet", lang, [self.sheet(slug, lang, fit=True)])
        return self._document(factsheet_pdf(slug, lang), "factsheet", lang, [self.sheet(slug, lang)], slug=slug, table=table, sheets=((slug, lang),),
                              fit_html=tighter.html)

    def pile_order(self, table_id: str, lang: str) -> list[str]:
        """The factsheets of a table's pile in ``lang``: by group (the order of
        data/groups.yml), then by slug, so every language's pile has the same order."""
        content = self.content
        groups = list(content.catalog.groups)
        slugs = [slug for slug, sheet in content.factsheets.items() if sheet.table == table_id and lang in sheet.texts]
        return sorted(slugs, key=lambda slug: (groups.index(content.factsheets[slug].meta.group), slug))

    def pile(self, table_id: str, lang: str, fitted: Fitted = frozenset(), _pages: Pages | None = None) -> Document:
        """A café table's pile in ``lang``: the cover with its contents, then each
        factsheet, laid out as one document."""
        slugs = self.pile_order(table_id, lang)
        cover = self.cover(table_id, lang, slugs)
        sheets = [self.sheet(slug, lang, fit=(slug, lang) in fitted) for slug in slugs]
        return self._document(pile_pdf(table_id, lang), "pile", lang, [cover] + sheets,
                              author=self.content.catalog.country_name(lang), table=table_id, sheets=tuple((slug, lang) for slug in slugs))

    def handout(self, slug: str, fitted: Fitted = frozenset(), pages: Pages | None = None) -> Document:
        """A factsheet in every site language, the default language first: one sheet of
        paper (front and back) when it is one page in each of two languages, otherwise
        each language from a right-hand page, on its own sheets."""
        content = self.content
        languages = content.languages
        sheets = [self.sheet(slug, lang, fit=(slug, lang) in fitted) for lang in languages]
        title = content.labels(content.default_language)["title-join"].join(sheet.title for sheet in sheets)
        one_sheet = len(languages) == 2 and pages is not None and all(pages.get((slug, lang)) == 1 for lang in languages)
        return self._document(handout_pdf(slug, languages), "handout", content.default_language, sheets, title=title, slug=slug, one_sheet=one_sheet,
                              table=content.factsheets[slug].table, sheets=tuple((slug, lang) for lang in languages))

    def briefing(self, code: str, lang: str) -> Document:
        """A recommending State's briefing; dated by the newest factsheet (not the clock)."""
        return self._keep(("briefing", code, lang), self._briefing_inputs(code), lambda: self._briefing(code, lang))

    def _briefing(self, code: str, lang: str) -> Document:
        view = states_view.briefing(self.content, code, lang, [])
        newest = max((sheet.meta.date for sheet in self.content.factsheets.values()), default=None)
        created = newest.iso() if newest else "2000-01-01"
        context = self._print_context(lang, created, f"briefing-{code.lower()}", link(self.content, lang, f"states/{code.lower()}/"))
        t = self.content.labels(lang)
        country = self.content.catalog.country_name(lang)
        context |= {"country": country, "author": t["briefing-author"].format(country=country), "today": date(self.content, newest, lang)}
        html = web_links(self.env.get_template("print/briefing.html").render(upr=view, t=t, print=context), context.get("page_url"))
        title = t["briefing-title"].format(state=view["name"])
        return self._document(briefing_pdf(code, lang), "briefing", lang, [Sheet(html, lang, title, context["author"], created)], state=code)

    # ------------------------------------------------------------------ sheets
    def _print_context(self, lang: str, created: str, sheet: str, page_path: str | None = None) -> dict[str, Any]:
        site = site_view(self.content, lang, self.sample)
        context: dict[str, Any] = {"created": created, "id": sheet, "sample": self.sample}
        context["cycle"] = site["cycle"]["number"] if site["cycle"] else None
        if self.site_url and page_path:
            url = urljoin(self.site_url, page_path)
            context |= {"qr": segno.make_qr(url, error="m").svg_data_uri(border=2), "page_url": url, "short_link": url.split("://", 1)[1].rstrip("/")}
        return context

    def sheet(self, slug: str, lang: str, fit: bool = False) -> Sheet:
        """A factsheet in ``lang`` as a sheet, set tighter with ``fit`` (made once per
        content load: the factsheet's PDF, its pile and its handout share it)."""
        if (slug, lang, fit) not in self._sheets:
            self._sheets[slug, lang, fit] = self._keep(("sheet", slug, lang, fit), self._inputs(slug), lambda: self._sheet(slug, lang, fit))
        return self._sheets[slug, lang, fit]

    def _sheet(self, slug: str, lang: str, fit: bool) -> Sheet:
        sheet = self.content.factsheets[slug]
        view = self._view(slug, lang)
        t = self.content.labels(lang)
        context = self._print_context(lang, sheet.meta.date.iso(), sheet_id(slug, lang), link(self.content, lang, f"factsheets/{slug}/"))
        context["fit"] = fit
        html = web_links(self.env.get_template("print/factsheet.html").render(upr=view, t=t, print=context), context.get("page_url"))
        return Sheet(scoped_ids(html, context["id"]), lang, view["title"], view["group"]["name"], context["created"],
                     f"{t['fs-upr']}: {view['country']} · {view['cluster']}")

    def _view(self, slug: str, lang: str) -> dict[str, Any]:
        """What the print template shows of a factsheet, in either setting (its Markdown
        converted once for both)."""
        if (slug, lang) not in self._views:
            self.md.reset()
            parts = split(self.md.convert(document(self.content, self.content.factsheets[slug], lang)))
            self._views[slug, lang] = factsheet_view.factsheet(self.content, self.content.factsheets[slug], lang, parts, PRINT_ORDER, [])
        return self._views[slug, lang]

    def cover(self, table_id: str, lang: str, slugs: list[str]) -> Sheet:
        """A pile's cover: the table, and its factsheets in pile order with their pages."""
        return self._keep(("cover", table_id, lang, tuple(slugs)), self._inputs(*sorted(self.content.factsheets)), lambda: self._cover(table_id, lang, slugs))

    def _cover(self, table_id: str, lang: str, slugs: list[str]) -> Sheet:
        content = self.content
        table = content.catalog.tables[table_id]
        cards = {card["slug"]: card for card in factsheet_view.cards(content, lang, lambda s: s.table == table_id, _no_pdfs)}
        newest = max((content.factsheets[slug].meta.date for slug in cards), default=None)
        cover = {
            "title": local(table.name, lang),
            "description": local(table.description, lang),
            "country": content.catalog.country_name(lang),
            "entries": [cards[slug] | {"anchor": sheet_id(slug, lang)} for slug in slugs],
            "untranslated": [card for card in cards.values() if not card["translated"]],
            "date": date(content, newest, lang),
        }
        created = newest.iso() if newest else "2000-01-01"
        context = self._print_context(lang, created, f"cover-{table_id}-{lang}")
        html = web_links(self.env.get_template("print/cover.html").render(cover=cover, t=content.labels(lang), print=context), None)
        return Sheet(html, lang, cover["title"], cover["country"], created)
