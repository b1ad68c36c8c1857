"""Compare a site built on another stack with the reference build (MkDocs + Material).

The same site means, here:

* the same pages: the same set of HTML files, in every language (the theme's own files,
  its search index and scripts, may differ: they are listed, not counted as differences);
* a language switcher on every page, with a link for each site language that leads to
  the same page as in the reference build (the page's twin, or the language's home);
* the same PDFs, byte for byte (when the stack built them).

Standard library only: ``stacks/check.py`` runs it with the project's own virtualenv,
and tests/test_stacks.py checks it on small sites it writes.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

PDF_DIR = "pdf"
THEME_DIRS = ("assets/javascripts", "assets/stylesheets", "assets/images", "search", "pagefind")
"""The theme's and the search's files: they differ between Material and MaterialX."""
NO_SWITCHER = ("404.html",)
"""Pages that need no language switcher."""


class _Switcher(HTMLParser):
    """The language switcher's links: ``<a class="md-select__link" hreflang=... href=...>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "a":
            return
        attr = {name: value or "" for name, value in attrs}
        if "md-select__link" in attr.get("class", "").split() and attr.get("hreflang"):
            self.links.setdefault(attr["hreflang"], attr.get("href", ""))


def switcher_links(html: str) -> dict[str, str]:
    """hreflang -> href of the language switcher in a page's HTML."""
    parser = _Switcher()
    parser.feed(html)
    return parser.links


def resolve(page: str, href: str) -> str:
    """The site file a relative link of ``page`` (e.g. ``en/guide/index.html``) leads to."""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href.split("#")[0] or "."))
    if target == ".":
        target = ""
    if not target.endswith(".html"):
        target = posixpath.join(target, "index.html") if target else "index.html"
    return target


def _files(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def _theme_file(rel: str, languages: tuple[str, ...]) -> bool:
    first, _, rest = rel.partition("/")
    if first in languages:  # a language's own copy of the theme's files
        rel = rest
    return rel.startswith(THEME_DIRS)


def _pdfs(files: set[str]) -> set[str]:
    return {rel for rel in files if rel.startswith(PDF_DIR + "/") and rel.endswith(".pdf")}


def html_pages(site: Path, languages: tuple[str, ...]) -> set[str]:
    """The site's pages (HTML files outside the theme's and the search's folders)."""
    return {rel for rel in _files(site) if rel.endswith(".html") and not _theme_file(rel, languages)}


@dataclass
class Comparison:
    """What differs between the reference site and a stack's site."""

    stack: str
    pages: int = 0
    pages_missing: list[str] = field(default_factory=list)
    """Pages of the reference build the stack did not make."""
    pages_extra: list[str] = field(default_factory=list)
    """Pages the stack made and the reference build did not."""
    switcher_missing: list[str] = field(default_factory=list)
    """Pages without a switcher link for every language: "page: missing en"."""
    switcher_broken: list[str] = field(default_factory=list)
    """Switcher links to no file, or elsewhere than in the reference build."""
    pdfs: int = 0
    pdfs_checked: bool = False
    pdfs_missing: list[str] = field(default_factory=list)
    pdfs_extra: list[str] = field(default_factory=list)
    pdfs_differ: list[str] = field(default_factory=list)
    theme_files: tuple[int, int] = (0, 0)
    """The theme's files only in the reference, only in the stack (information)."""

    @property
    def ok(self) -> bool:
        return not (self.pages_missing or self.pages_extra or self.switcher_missing or self.switcher_broken
                    or self.pdfs_missing or self.pdfs_extra or self.pdfs_differ)

    def problems(self) -> list[str]:
        """One line per difference."""
        lines = [f"page only in the reference build: {rel}" for rel in self.pages_missing]
        lines += [f"page only in {self.stack}: {rel}" for rel in self.pages_extra]
        lines += [f"no language switcher: {item}" for item in self.switcher_missing]
        lines += [f"language switcher: {item}" for item in self.switcher_broken]
        lines += [f"PDF only in the reference build: {rel}" for rel in self.pdfs_missing]
        lines += [f"PDF only in {self.stack}: {rel}" for rel in self.pdfs_extra]
        lines += [f"PDF differs: {item}" for item in self.pdfs_differ]
        return lines


def compare(reference: Path, stack_site: Path, stack: str, languages: tuple[str, ...], pdfs: bool,
            pdfs_not_built: tuple[str, ...] = ()) -> Comparison:
    """Compare ``stack_site`` with ``reference`` (both built from the same sources).

    ``pdfs``: the stack built the PDFs too (else they are not compared);
    ``pdfs_not_built``: folders of PDFs the stack was asked not to make (``pdf/states/``)."""
    result = Comparison(stack)
    ref_pages, stack_pages = html_pages(reference, languages), html_pages(stack_site, languages)
    result.pages = len(stack_pages)
    result.pages_missing = sorted(ref_pages - stack_pages)
    result.pages_extra = sorted(stack_pages - ref_pages)
    for rel in sorted(stack_pages):
        if rel.rsplit("/", 1)[-1] in NO_SWITCHER:
            continue
        links = switcher_links((stack_site / rel).read_text(encoding="utf-8"))
        missing = [lang for lang in languages if lang not in links]
        if missing:
            result.switcher_missing.append(f"{rel}: missing {', '.join(missing)}")
            continue
        ref_links = switcher_links((reference / rel).read_text(encoding="utf-8")) if rel in ref_pages else {}
        for lang in languages:
            target = resolve(rel, links[lang])
            if not (stack_site / target).is_file():
                result.switcher_broken.append(f"{rel}: {lang} leads to {target}, which does not exist")
            elif lang in ref_links and resolve(rel, ref_links[lang]) != target:
                result.switcher_broken.append(f"{rel}: {lang} leads to {target}, the reference build to {resolve(rel, ref_links[lang])}")
    ref_files, stack_files = _files(reference), _files(stack_site)
    theme_ref = {rel for rel in ref_files if _theme_file(rel, languages)}
    theme_stack = {rel for rel in stack_files if _theme_file(rel, languages)}
    result.theme_files = (len(theme_ref - theme_stack), len(theme_stack - theme_ref))
    if pdfs:
        result.pdfs_checked = True
        ref_pdfs = {rel for rel in _pdfs(ref_files) if not any(rel.startswith(folder) for folder in pdfs_not_built)}
        stack_pdfs = _pdfs(stack_files)
        result.pdfs = len(stack_pdfs)
        result.pdfs_missing = sorted(ref_pdfs - stack_pdfs)
        result.pdfs_extra = sorted(stack_pdfs - ref_pdfs)
        for rel in sorted(ref_pdfs & stack_pdfs):
            ours, theirs = (reference / rel).read_bytes(), (stack_site / rel).read_bytes()
            if ours != theirs:
                result.pdfs_differ.append(f"{rel} ({len(ours)} bytes in the reference build, {len(theirs)} in {result.stack})")
    return result
