"""Find, read and check the factsheets in factsheets/.

A factsheet ``slug`` is one language-neutral file ``slug.yml`` and one Markdown file per
language, ``slug.ru.md``, ``slug.en.md``, anywhere under factsheets/ (groups keep their
own folders). A language file is YAML front matter (title, summary, recommendations,
questions, implementation) followed by the narrative in Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import images
from . import schemas as s
from .catalog import Catalog, check_texts
from .problems import Problems
from .project import read_text
from .safety import line_of, scan
from .sourceyaml import SourceDoc, load_yaml, parse_yaml

FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


@dataclass
class LanguageText:
    """One language's text of a factsheet."""

    path: str
    doc: SourceDoc
    text: s.FactsheetText
    body: str
    body_line: int


@dataclass
class Factsheet:
    slug: str
    folder: str
    meta_path: str
    doc: SourceDoc
    meta: s.FactsheetMeta
    texts: dict[str, LanguageText] = field(default_factory=dict)
    missing: dict[str, list[str]] = field(default_factory=dict)
    """Per language: what is not translated yet (empty list = complete)."""

    @property
    def table(self) -> str:
        return self.meta.table or ""

    def source_path(self, lang: str) -> str:
        """The file an editor opens to change this factsheet's ``lang`` page."""
        text = self.texts.get(lang)
        return text.path if text else self.meta_path


def discover(root: Path, languages: list[str], problems: Problems) -> dict[str, dict[str, Path]]:
    """slug -> {"meta": path, lang: path}; reports stray files and duplicate slugs."""
    found: dict[str, dict[str, Path]] = {}
    folders: dict[str, Path] = {}
    folder = root / "factsheets"
    for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
        if path.is_dir() or path.name.lower() == "readme.md" or path.name.startswith("."):
            continue
        rel = path.relative_to(root).as_posix()
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
    if doc is None:
        return None
    meta = problems.check(s.validate, s.FactsheetMeta, doc, problems)
    if meta is None:
        return None
    check_texts(catalog, doc, meta, problems, partial=("text",))
    group = catalog.groups.get(meta.group)
    if meta.table is None and group is not None:
        meta = meta.model_copy(update={"table": group.table})
    sheet = Factsheet(slug, meta_file.parent.relative_to(root).as_posix(), doc.path, doc, meta)
    _check_meta(sheet, catalog, problems)
    for lang in catalog.languages:
        if lang in files:
            text = _load_text(root, files[lang], problems)
            if text is not None:
                sheet.texts[lang] = text
    if not files.keys() - {"meta"}:
        problems.error(doc.path, "no-text", file=f"{slug}.{catalog.languages[0]}.md")
        return None
    _check_texts(sheet, catalog, problems)
    return sheet


def _load_text(root: Path, path: Path, problems: Problems) -> LanguageText | None:
    rel = path.relative_to(root).as_posix()
    raw = problems.check(read_text, path, root, problems)
    if raw is None:
        return None
    match = FRONT_MATTER.match(raw)
    if not match:
        problems.error(f"{rel}:1", "no-front-matter")
        return None
    doc = problems.check(parse_yaml, match.group(1) or "", rel, problems, line_offset=1)
    if doc is None:
        return None
    text = problems.check(s.validate, s.FactsheetText, doc, problems)
    if text is None:
        return None
    body = raw[match.end():]
    body_line = raw.count("\n", 0, match.end()) + 1
    for offset, key, values in scan(raw):
        problems.error(f"{rel}:{line_of(raw, offset)}", "not-allowed", what=problems.msg(key, **values))
    for offset, src in images.sources(raw):
        if not images.is_local(src, root / "docs"):
            problems.error(f"{rel}:{line_of(raw, offset)}", "image-not-local", src=src)
    if not body.strip():
        problems.error(f"{rel}:{body_line}", "no-narrative")
    return LanguageText(rel, doc, text, body, body_line)


def _check_meta(sheet: Factsheet, catalog: Catalog, problems: Problems) -> None:
    meta, where = sheet.meta, sheet.doc.where
    if catalog.groups and meta.group not in catalog.groups:
        problems.error(where(("group",)), "unknown-group", group=meta.group, groups=", ".join(catalog.groups))
    if catalog.clusters and meta.cluster not in catalog.clusters:
        problems.error(where(("cluster",)), "unknown-cluster", cluster=meta.cluster)
    if meta.table and catalog.tables and meta.table not in catalog.tables:
        problems.error(where(("table",)), "unknown-table", table=meta.table, tables=", ".join(catalog.tables))
    for index, target in enumerate(meta.sdg_targets):
        if problem := catalog.sdg_target_problem(target):
            problems.error(where(("sdg_targets", index)), problem[0], **problem[1])
    seen: set[str] = set()
    for index, ref in enumerate(meta.previous_recommendations):
        loc = ("previous_recommendations", index)
        if ref.id in seen:
            problems.error(where(loc), "recommendation-listed-twice", id=ref.id)
        seen.add(ref.id)
        cycles = catalog.cycles_of(ref.id)
        if ref.cycle is not None and ref.cycle not in cycles or not cycles:
            if ref.cycle is None:
                problems.error(where(loc + ("id",)), "unknown-recommendation", id=ref.id)
            else:
                problems.error(where(loc + ("id",)), "unknown-recommendation-cycle", id=ref.id, cycle=ref.cycle)
        elif ref.cycle is None and len(cycles) > 1:
            problems.error(where(loc + ("id",)), "ambiguous-recommendation", id=ref.id, cycles=", ".join(map(str, cycles)))
        if catalog.scales and ref.assessment not in catalog.scales.assessments:
            problems.error(where(loc + ("assessment",)), "unknown-assessment", assessment=ref.assessment, assessments=", ".join(catalog.scales.assessments))
    for index, rec in enumerate(meta.other_mechanisms):
        loc = ("other_mechanisms", index)
        bodies = catalog.mechanisms.bodies if catalog.mechanisms else {}
        body = bodies.get(rec.body)
        if body is None and bodies:
            problems.error(where(loc + ("body",)), "unknown-body", body=rec.body, bodies=", ".join(list(bodies)[:6]))
        elif body is not None and rec.grade is not None:
            scale = catalog.mechanisms.grade_scales.get(body.grades or "", {})
            if rec.grade not in scale:
                key = "unknown-grade" if scale else "no-grades"
                problems.error(where(loc + ("grade",)), key, grade=rec.grade, body=rec.body, grades=", ".join(scale))
    ids = [rec.id for rec in meta.suggested_recommendations]
    for index, rec in enumerate(meta.suggested_recommendations):
        if ids.index(rec.id) != index:
            problems.error(where(("suggested_recommendations", index, "id")), "suggested-twice", id=rec.id)
        for t_index, target in enumerate(rec.sdg_targets):
            if problem := catalog.sdg_target_problem(target):
                problems.error(where(("suggested_recommendations", index, "sdg_targets", t_index)), problem[0], **problem[1])
    for index, code in enumerate(meta.target_states):
        if problem := catalog.states.problem(code):
            problems.error(where(("target_states", index)), problem[0], **problem[1])


def _check_texts(sheet: Factsheet, catalog: Catalog, problems: Problems) -> None:
    suggested = [rec.id for rec in sheet.meta.suggested_recommendations]
    previous = {ref.id for ref in sheet.meta.previous_recommendations}
    cited: set[str] = set()
    for lang in catalog.languages:
        text = sheet.texts.get(lang)
        if text is None:
            sheet.missing[lang] = ["all"]
            continue
        missing = sheet.missing.setdefault(lang, [])
        for key in text.text.recommendations:
            if key not in suggested:
                problems.error(text.doc.where(("recommendations", key)), "not-suggested", id=key, file=sheet.meta_path, ids=", ".join(suggested))
        missing += [f"recommendation:{key}" for key in suggested if key not in text.text.recommendations]
        for key in text.text.implementation:
            if key not in previous:
                problems.error(text.doc.where(("implementation", key)), "not-previous", id=key, file=sheet.meta_path)
        cited |= _check_citations(sheet, text, problems)
    unused = [key for key in sheet.meta.sources if key not in cited]
    if unused and sheet.texts:
        problems.error(sheet.doc.where(("sources", unused[0])), "uncited-source", key=unused[0])


def _check_citations(sheet: Factsheet, text: LanguageText, problems: Problems) -> set[str]:
    """Footnote keys cited in ``text``; an unknown key is an error at its line."""
    cited: set[str] = set()

    def visit(value: str, line: int | None, in_body: bool) -> None:
        for match in FOOTNOTE_REF.finditer(value):
            key = match.group(1)
            cited.add(key)
            if key not in sheet.meta.sources:
                where = f"{text.path}:{text.body_line + line_of(value, match.start()) - 1}" if in_body else f"{text.path}:{line}"
                problems.error(where, "unknown-source", key=key, file=sheet.meta_path)

    visit(text.body, None, True)
    data = text.doc.data or {}
    for key, value in data.items():
        values = value if isinstance(value, list) else list(value.values()) if isinstance(value, dict) else [value]
        for index, item in enumerate(values):
            if isinstance(item, str):
                sub = index if isinstance(value, list) else list(value)[index] if isinstance(value, dict) else None
                visit(item, text.doc.line((key, sub) if sub is not None else (key,)), False)
    return cited
