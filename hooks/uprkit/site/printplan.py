"""The event kit's print plan: per café table, which PDFs to print, how many pages and
sheets each takes, how many copies, and the printer settings that keep them right.

Counted from the PDFs the kit holds (what will be printed, not what the build meant to
write); laid out by ``overrides/kit/print-plan.html`` in each site language with the
labels of data/labels.yml, as HTML for the screen and as a PDF to print or send.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from pypdf import PdfReader

from ..content import Content
from ..content.dates import PartialDate
from ..content.fingerprints import assets_fingerprint
from ..i18n.formatting import format_date
from ..printing.fetcher import ProjectFetcher
from ..printing.paths import handout_pdf, pile_pdf
from ..views.common import local

TEMPLATE = "kit/print-plan.html"
CACHE = ".cache/upr-kit"


def plan_file(lang: str, suffix: str) -> str:
    """Where the print plan in ``lang`` lives in the kit: ``print-plan.ru.html``."""
    return f"print-plan.{lang}.{suffix}"


@dataclass
class Item:
    """One PDF to print."""

    title: str
    path: str
    pages: int
    copies: int | None
    lang: str = ""
    factsheets: int = 0

    @property
    def sheets(self) -> int:
        """A4 sheets of one copy, printed on both sides."""
        return math.ceil(self.pages / 2)

    @property
    def total(self) -> int | None:
        return self.sheets * self.copies if self.copies is not None else None


@dataclass
class TablePlan:
    key: str
    name: str
    description: str
    piles: list[Item] = field(default_factory=list)
    handouts: list[Item] = field(default_factory=list)

    @property
    def files(self) -> int:
        return len(self.piles) + len(self.handouts)

    @property
    def sheets(self) -> int:
        """Sheets for one copy of each of the table's PDFs."""
        return sum(item.sheets for item in self.piles + self.handouts)

    @property
    def total(self) -> int | None:
        """Sheets for the copies asked for (None when not asked)."""
        totals = [item.total for item in self.piles + self.handouts]
        return None if None in totals else sum(totals)


def _pages(kit: Path, path: str) -> int | None:
    file = kit / path
    return len(PdfReader(file).pages) if file.is_file() else None


def tables(content: Content, kit: Path, lang: str, copies: dict[str, int]) -> list[TablePlan]:
    """What each café table needs printed, from the PDFs in ``kit``. ``copies`` maps a
    table (or "" for every table) to the copies of each of its PDFs."""
    plans = []
    for key, table in content.catalog.tables.items():
        count = copies.get(key, copies.get(""))
        plan = TablePlan(key, local(table.name, lang) or key, local(table.description, lang) or "")
        sheets = [sheet for sheet in content.factsheets.values() if sheet.table == key]
        for code in content.languages:
            path = pile_pdf(key, code)
            pages = _pages(kit, path)
            if pages:
                in_language = sum(1 for sheet in sheets if code in sheet.texts)
                plan.piles.append(Item(content.labels(lang)[f"language-{code}"], path, pages, count, code, in_language))
        for sheet in sorted(sheets, key=lambda s: s.title(lang).casefold()):
            path = handout_pdf(sheet.slug, list(content.languages))
            pages = _pages(kit, path)
            if pages:
                plan.handouts.append(Item(sheet.title(lang), path, pages, count))
        plans.append(plan)
    return plans


def render(content: Content, kit: Path, copies: dict[str, int], made: dt.date) -> list[str]:
    """Write the print plan into ``kit`` in every language, HTML and PDF; returns the
    files written (kit-relative). The PDFs come from a cache keyed by their HTML."""
    root = content.root
    env = Environment(loader=FileSystemLoader(root / "overrides"), autoescape=select_autoescape(["html"]))
    template = env.get_template(TEMPLATE)
    written, used = [], set()
    for lang in content.languages:
        t = content.labels(lang)
        context = {
            "t": t, "lang": lang, "tables": tables(content, kit, lang, copies), "copies": bool(copies),
            "country": content.catalog.country_name(lang), "date": format_date(PartialDate.of(made), t),
            "languages": [{"code": code, "name": t[f"language-{code}"], "href": plan_file(code, "html")} for code in content.languages],
            "pdf": plan_file(lang, "pdf"),
        }
        html = template.render(context, fonts="assets/stylesheets/fonts.css", screen=True)
        (kit / plan_file(lang, "html")).write_text(html, encoding="utf-8")
        printed = template.render(context, fonts="assets/stylesheets/print-fonts.css", screen=False)
        used.add(_pdf(root, printed, kit / plan_file(lang, "pdf")))
        written += [plan_file(lang, "html"), plan_file(lang, "pdf")]
    for old in (root / CACHE).glob("*.pdf"):  # the cache keeps the plans of the last kit only
        if old.stem not in used:
            old.unlink()
    return written


def _pdf(root: Path, html: str, target: Path) -> str:
    """The print plan as PDF (fonts from docs/, nothing from outside the project); its cache key."""
    cache = root / CACHE
    key = hashlib.sha256("\0".join([html, metadata.version("weasyprint"), assets_fingerprint(root)]).encode()).hexdigest()[:32]
    cached = cache / f"{key}.pdf"
    if not cached.is_file():
        from weasyprint import HTML  # slow to import: only when a plan is new

        cache.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".tmp")
        HTML(string=html, base_url=(root / "docs").resolve().as_uri() + "/", url_fetcher=ProjectFetcher(root)).write_pdf(partial)
        partial.replace(cached)
    target.write_bytes(cached.read_bytes())
    return key
