"""Find, read and check the factsheets in factsheets/.

A factsheet ``slug`` is one language-neutral file ``slug.yml`` and one Markdown file per
language, ``slug.ru.md``, ``slug.en.md``, anywhere under factsheets/ (groups keep their
own folders). A language file is YAML front matter (title, summary, questions; in the older layout
also recommendations and implementation, which the web editor writes beside their items
in the neutral file) followed by the narrative in Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import images
from . import schemas as s
from .catalog import Catalog
from .fields import NEUTRAL
from .files import read_text
from .problems import Problems
from .safety import line_of, scan
from .yamlsource import SourceDoc, load_yaml, parse_yaml

FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
PLACEHOLDER = re.compile(r"⟨[^⟩\n]{0,300}⟩")
"""What ``upr new`` writes for the editor to replace (data/scaffold/): a text in ⟨angle brackets⟩."""
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass
class LanguageText:
    """One language's text of a factsheet."""

    path: str
    doc: SourceDoc
    text: s.FactsheetText
    body: str
    body_line: int


@dataclass(frozen=True)
class Gaps:
    """What one language's text of a factsheet lacks."""

    text: bool = False
    """The whole language file is missing."""
    recommendations: tuple[str, ...] = ()
    """Ids of suggested recommendations without a text in this language."""
    placeholders: tuple[tuple[str, str], ...] = ()
    """(where, text) of each placeholder ``upr new`` wrote that is still there."""

    @property
    def complete(self) -> bool:
        return not self.text and not self.recommendations


@dataclass
class Factsheet:
    slug: str
    folder: str
    meta_path: str
    doc: SourceDoc
    meta: s.FactsheetMeta
    texts: dict[str, LanguageText] = field(default_factory=dict)
    gaps: dict[str, Gaps] = field(default_factory=dict)
    """Per site language: what is not translated yet."""

    @property
    def table(self) -> str:
        return self.meta.table or ""

    @property
    def first_text(self) -> LanguageText:
        """The text in the first language it exists in (the original, for other languages)."""
        return next(iter(self.texts.values()))

    def title(self, lang: str) -> str:
        """The title in ``lang``, or in the first language the factsheet exists in."""
        return (self.texts.get(lang) or self.first_text).text.title

    def source_path(self, lang: str) -> str:
        """The file an editor opens to change this factsheet's ``lang`` page."""
        text = self.texts.get(lang)
        return text.path if text else self.meta_path

    def text_path(self, lang: str) -> str:
        """Where the ``lang`` text is, or would be."""
        return f"{self.folder}/{self.slug}.{lang}.md"


def discover(root: Path, languages: tuple[str, ...], problems: Problems) -> dict[str, dict[str, Path]]:
    """slug -> {"meta": path, lang: path}; reports stray files and duplicate slugs."""
    found: dict[str, dict[str, Path]] = {}
    folders: dict[str, Path] = {}
    folder = root / "factsheets"
    for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
        if path.name.lower() == "readme.md" or path.name.startswith("."):
            continue
        rel = path.relative_to(root).as_posix()
        if path.is_dir():
            if path.is_symlink():
                problems.error(rel, "folder-link")
            continue
        if path.suffix == ".yml":
            slug, kind = path.stem, "meta"
        elif path.suffix == ".md":
            slug, _, kind = path.stem.rpartition(".")
            if not slug:
                problems.error(rel, "text-needs-language", example=f"{path.stem}.{languages[0]}.md")
                continue
            if kind not in languages:
                problems.error(rel, "text-unknown-language", code=kind, languages=", ".join(languages))
                continue
        else:
            continue
        if not s.SLUG.match(slug):
            problems.error(rel, "bad-slug", slug=slug)
            continue
        first = folders.setdefault(slug, path.parent)
        if first != path.parent:
            if kind == "meta" or "meta" not in found[slug]:
                shown = (first / f"{slug}.yml").relative_to(root).as_posix()
                problems.error(rel, "duplicate-slug", slug=slug, other=shown)
            continue
        found.setdefault(slug, {})[kind] = path
    return found


def load_factsheets(root: Path, catalog: Catalog, problems: Problems) -> dict[str, Factsheet]:
    factsheets: dict[str, Factsheet] = {}
    for slug, files in discover(root, catalog.languages, problems).items():
        if "meta" not in files:
            some = next(iter(files.values())).relative_to(root)
            problems.error(some.as_posix(), "no-meta", slug=slug)
            continue
        sheet = _load_one(root, slug, files, catalog, problems)
        if sheet is not None:
            factsheets[slug] = sheet
    return dict(sorted(factsheets.items()))


def _load_one(root: Path, slug: str, files: dict[str, Path], catalog: Catalog, problems: Problems) -> Factsheet | None:
    meta_file = files["meta"]
    doc = problems.check(load_yaml, meta_file, root, problems)
    if doc is not None:
        _source_lines_by_key(doc)
    meta = problems.check(s.validate, s.FactsheetMeta, doc, problems, context=catalog.context()) if doc is not None else None
    sheet = None
    if meta is not None:
        group = catalog.groups.get(meta.group)
        if meta.table is None and group is not None:
            meta = meta.model_copy(update={"table": group.table})
        sheet = Factsheet(slug, meta_file.parent.relative_to(root).as_posix(), doc.path, doc, meta)
    # the texts are checked even when the neutral part has problems: every problem at once
    texts = {lang: _load_text(root, files[lang], lang, catalog, sheet, problems) for lang in catalog.languages if lang in files}
    if not files.keys() - {"meta"}:
        problems.error(meta_file.relative_to(root).as_posix(), "no-text", file=f"{slug}.{catalog.languages[0]}.md")
        return None
    if sheet is None:
        return None
    _scan_beside(sheet, problems)
    sheet.texts = {lang: _with_neutral_texts(sheet, text, lang) for lang, text in texts.items() if text is not None}
    _check_texts(sheet, catalog, problems)
    return sheet if sheet.texts else None


def _with_neutral_texts(sheet: Factsheet, text: LanguageText, lang: str) -> LanguageText:
    """``text`` with the texts written beside their items in the neutral file (s.BESIDE: a
    suggested recommendation's ``text``, a previous recommendation's ``comment``) among
    its ``recommendations`` and ``implementation``, in the neutral file's order (a text in
    both places was refused by the schema)."""
    update: dict[str, dict[str, str]] = {}
    for mapping, items, key, _message in s.BESIDE:
        listed = getattr(sheet.meta, items)
        if not any(getattr(item, key) for item in listed):
            continue
        written = dict(getattr(text.text, mapping))
        merged: dict[str, str] = {}
        for item in listed:
            texts = getattr(item, key)
            beside = texts.get(lang, texts.get(NEUTRAL))
            if item.id in written or beside is not None:
                merged[item.id] = written.pop(item.id, None) or beside
        update[mapping] = merged | written
    if update:
        text.text = text.text.model_copy(update=update)
    return text


def _scan_beside(sheet: Factsheet, problems: Problems) -> None:
    """The source check (``safety.scan``) of the Markdown texts of the neutral file (s.BESIDE),
    at their lines, as for the language files."""
    for _mapping, items, key, _message in s.BESIDE:
        for index, item in enumerate(getattr(sheet.meta, items)):
            for lang, value in getattr(item, key).items():
                where = sheet.doc.where((items, index, key, lang))
                for _offset, found, values in scan(value):
                    problems.error(where, "not-allowed", what=problems.msg(found, **values))


def _source_lines_by_key(doc: SourceDoc) -> None:
    """Sources written as a list (the web editor's layout) are checked by key: messages
    about ``sources/<key>/...`` point at the list item's lines."""
    sources = doc.data.get("sources") if isinstance(doc.data, dict) else None
    if not isinstance(sources, list):
        return
    for index, item in enumerate(sources):
        if isinstance(item, dict) and isinstance(item.get("id"), str | int):
            prefix = ("sources", index)
            for loc, line in list(doc.lines.items()):
                if loc[:2] == prefix:
                    doc.lines.setdefault(("sources", str(item["id"])) + loc[2:], line)


def _load_text(root: Path, path: Path, lang: str, catalog: Catalog, sheet: Factsheet | None, problems: Problems) -> LanguageText | None:
    rel = path.relative_to(root).as_posix()
    raw = problems.check(read_text, path, root, problems)
    if raw is None:
        return None
    for offset, key, values in scan(raw):
        problems.error(f"{rel}:{line_of(raw, offset)}", "not-allowed", what=problems.msg(key, **values))
    for offset, src in images.sources(raw):
        if not images.is_local(src, root / "docs"):
            problems.error(f"{rel}:{line_of(raw, offset)}", "image-not-local", src=src)
    match = FRONT_MATTER.match(raw)
    if not match:
        problems.error(f"{rel}:1", "no-front-matter")
        return None
    doc = problems.check(parse_yaml, match.group(1) or "", rel, problems, line_offset=1)
    if doc is None:
        return None
    text = problems.check(s.validate, s.FactsheetText, doc, problems, context=catalog.context(meta=sheet, lang=lang))
    if text is None:
        return None
    if text.factsheet is not None and sheet is not None and text.factsheet != sheet.slug:
        problems.error(doc.where(("factsheet",)), "text-other-factsheet", picked=text.factsheet, slug=sheet.slug)
    body = raw[match.end():]
    body_line = raw.count("\n", 0, match.end()) + 1
    if not body.strip():
        problems.error(f"{rel}:{body_line}", "no-narrative")
    return LanguageText(rel, doc, text, body, body_line)


def _check_texts(sheet: Factsheet, catalog: Catalog, problems: Problems) -> None:
    """Citations in every language, and what each language still lacks."""
    suggested = [rec.id for rec in sheet.meta.suggested_recommendations]
    cited: set[str] = set()
    for lang in catalog.languages:
        text = sheet.texts.get(lang)
        if text is None:
            sheet.gaps[lang] = Gaps(text=True)
            problems.notice("", "not-translated", file=sheet.meta_path, text=f"{sheet.slug}.{lang}.md", code=lang)
            continue
        missing = tuple(key for key in suggested if key not in text.text.recommendations)
        strings = list(_language_strings(sheet, lang, text))  # (read once for both checks)
        left = tuple(sorted(((where(match.start()), match.group(0)) for value, where in strings for match in PLACEHOLDER.finditer(value)),
                            key=_by_line))
        sheet.gaps[lang] = Gaps(recommendations=missing, placeholders=left)
        if missing:
            problems.notice("", "partly-translated", file=text.path, missing=", ".join(missing))
        cited |= _check_citations(sheet, strings, problems)
    unused = [key for key in sheet.meta.sources if key not in cited]
    if unused and sheet.texts:
        problems.error(sheet.doc.where(("sources", unused[0])), "uncited-source", key=unused[0])


def _front_matter_strings(data: Any, loc: tuple = ()) -> list[tuple[tuple, str]]:
    """(loc, text) of every string in a front matter."""
    if isinstance(data, str):
        return [(loc, data)]
    if isinstance(data, dict):
        return [item for key, value in data.items() for item in _front_matter_strings(value, loc + (key,))]
    if isinstance(data, list):
        return [item for index, value in enumerate(data) for item in _front_matter_strings(value, loc + (index,))]
    return []


def _language_strings(sheet: Factsheet, lang: str, text: LanguageText) -> Iterator[tuple[str, Callable[[int], str]]]:
    """Every text of ``lang``, each with where(offset in it): the narrative, the texts
    beside their items in the neutral file, the strings of the front matter."""
    yield text.body, lambda offset: f"{text.path}:{text.body_line + line_of(text.body, offset) - 1}"
    for _mapping, items, key, _message in s.BESIDE:  # texts beside their items in the neutral file
        for index, item in enumerate(getattr(sheet.meta, items)):
            texts = getattr(item, key)
            for here in sorted({lang, NEUTRAL} & texts.keys()):
                yield texts[here], lambda _offset, loc=(items, index, key, here): sheet.doc.where(loc)
    for loc, value in _front_matter_strings(text.doc.data or {}):
        yield value, lambda _offset, loc=loc: text.doc.where(loc)


def _check_citations(sheet: Factsheet, strings: list[tuple[str, Callable[[int], str]]], problems: Problems) -> set[str]:
    """Footnote keys cited in one language's ``strings``; an unknown key is an error at its line."""
    cited: set[str] = set()
    for value, where in strings:
        for match in FOOTNOTE_REF.finditer(value):
            key = match.group(1)
            cited.add(key)
            if key not in sheet.meta.sources:
                problems.error(where(match.start()), "unknown-source", key=key, file=sheet.meta_path)
    return cited


def placeholder_lines(factsheets: dict[str, Factsheet], msg: Any) -> list[str]:
    """One line per placeholder left in any factsheet (``file:line: message``): a notice
    while serving, a warning of ``mkdocs build`` (--strict does not publish them), and
    what makes ``upr check`` fail."""
    seen: dict[tuple[str, str], None] = {}
    for sheet in factsheets.values():
        for gaps in sheet.gaps.values():
            seen.update(dict.fromkeys(gaps.placeholders))  # (a text beside its item for every language: once)
    return [f"{where}: " + msg("placeholder-left", text=text) for where, text in sorted(seen, key=_by_line)]


def _by_line(item: tuple[str, str]) -> tuple[str, int]:
    """(where, text) in the order of the files and their lines."""
    path, _, line = item[0].rpartition(":")
    return (path, int(line)) if line.isdigit() else (item[0], 0)
