"""``upr export-xliff LANG`` and ``upr import-xliff FILE``: the translator's round trip
through XLIFF 1.2, the format CAT tools and translation services read.

One ``<file>`` per factsheet (``original`` is the translated text's path), one
``<trans-unit>`` per block (content/translations.py) with id ``slug:block``; then one
``<file>`` per file of data/ with translated texts (``original`` is its path, units
``data/groups.yml:women.name``; ``--group`` keeps only that group's texts of
data/groups.yml). Each unit has the source
text, the translation when there is one, the source's digest in ``extradata`` and a
note saying factsheet, part, block and state. Texts are Markdown as the editors write
it (footnote references, links, emphasis), carried as plain text.

The import parses with translate-toolkit's safe parser (lxml without entity
resolution or network) after refusing DOCTYPEs and files over ``MAX_BYTES``; a file
with unknown ids, another target language or malformed XML is refused as a whole with
one line, and nothing is written. A unit whose source changed since the export is
refused (its ids listed) and the others are imported. Imported blocks are marked fresh;
the changed files are checked like a build before they are written (translated.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from lxml import etree
from translate.storage import xliff

from ..content import Content
from ..content.parts import PARTS
from ..content.translations import Block, digest, marks_of
from ..content.translations import data_marks as marks_in_data
from ..errors import ContentError
from .project import Project
from .translated import Edits

MAX_BYTES = 5 * 1024 * 1024
"""Largest XLIFF file accepted (the whole sample in one language is about 100 KB)."""
NS12 = "urn:oasis:names:tc:xliff:document:1.2"
_UNCONFIRMED = {"new", "needs-translation", "needs-review-translation", "needs-adaptation", "needs-l10n", "needs-review-adaptation", "needs-review-l10n"}
"""Target states that say the translator has not confirmed the text yet."""


class _Unit12(xliff.xliffunit):
    namespace = NS12


class _File12(xliff.xlifffile):
    """translate-toolkit writes XLIFF 1.1 by default; the same file model as 1.2."""

    UnitClass = _Unit12
    namespace = NS12
    XMLskeleton = xliff.xlifffile.XMLskeleton.replace("1.1", "1.2")


def add(commands: Any) -> None:
    export = commands.add_parser("export-xliff", help="the blocks to translate into LANG, as an XLIFF 1.2 file")
    export.add_argument("lang", help="the language to translate into (a site language)")
    export.add_argument("--group", help="only this thematic group's factsheets (a key of data/groups.yml)")
    export.add_argument("--only", choices=("missing", "stale"), help="only blocks not translated yet, or whose source changed")
    export.add_argument("-o", "--output", type=Path, help="where to write (default: upr-LANG.xlf; '-' for standard output)")
    export.set_defaults(run=run_export)
    importer = commands.add_parser("import-xliff", help="translations back from an XLIFF file, marked fresh")
    importer.add_argument("file", type=Path)
    importer.add_argument("--dry-run", action="store_true", help="say what would change, write nothing")
    importer.set_defaults(run=run_import)


# ---------------------------------------------------------------- export
def export(content: Content, lang: str, group: str | None = None, only: str | None = None) -> tuple[bytes, int]:
    """The XLIFF file of the blocks to translate into ``lang`` and how many units it has."""
    store = _File12(sourcelanguage=content.default_language, targetlanguage=lang)
    count = 0
    t = content.labels(content.msg.lang)
    for slug, sheet in content.factsheets.items():
        if group and sheet.meta.group != group:
            continue
        info = content.translations[slug]
        if info.source == lang:
            continue
        blocks = [b for b in info.of(lang) if only is None or b.state == only]
        if not blocks:
            continue
        path = sheet.text_path(lang)
        for block in blocks:
            unit = store.addsourceunit(block.source, filename=path, createifmissing=True)
            _describe(unit, f"{slug}:{block.id}", block)
            part = t[PARTS[block.part].label] if block.part in PARTS else t["review-block-title"]
            unit.addnote(content.msg("xliff-note", slug=slug, title=sheet.title(info.source), part=part, id=block.id,
                                     state=t[f"translation-{block.state}"]), origin="developer")
            count += 1
        node = store.getfilenode(path)
        node.set("source-language", info.source)
        node.set("target-language", lang)
    for rel, info in content.data_translations.items():
        blocks = [b for b in info.of(lang) if (only is None or b.state == only) and (group is None or b.group == group)]
        if info.source == lang or not blocks:
            continue
        for block in blocks:
            unit = store.addsourceunit(block.source, filename=rel, createifmissing=True)
            _describe(unit, f"{rel}:{block.id}", block)
            unit.addnote(content.msg("xliff-data-note", file=rel, id=block.id, state=t[f"translation-{block.state}"]), origin="developer")
            count += 1
        node = store.getfilenode(rel)
        node.set("source-language", info.source)
        node.set("target-language", lang)
    return bytes(store), count


def _describe(unit: Any, uid: str, block: Block) -> None:
    """Id, block id, source digest and the existing translation (flagged for review
    unless fresh) of an exported unit."""
    unit.setid(uid)
    unit.xmlelement.set("resname", block.id)
    unit.xmlelement.set("extradata", block.digest)
    if block.text is not None:
        unit.target = block.text
        target = unit.xmlelement.find(unit.namespaced("target"))
        if block.state != "fresh":
            unit.xmlelement.set("approved", "no")
            target.set("state", "needs-review-translation")


def run_export(project: Project, args: argparse.Namespace) -> int:
    content = project.load()
    msg = project.msg
    if args.lang not in content.languages:
        raise ContentError(msg("xliff-bad-language", code=args.lang, languages=", ".join(content.languages)))
    if args.group and args.group not in content.catalog.groups:
        raise ContentError(msg("xliff-bad-group", group=args.group, groups=", ".join(content.catalog.groups)))
    data, count = export(content, args.lang, args.group, args.only)
    if str(args.output) == "-":
        sys.stdout.buffer.write(data)
        return 0
    output = args.output or Path(f"upr-{args.lang}.xlf")
    output.write_bytes(data)
    print(msg("xliff-exported", file=output, count=count, lang=args.lang))
    return 0


# ---------------------------------------------------------------- import
def read(path: Path, msg: Any) -> xliff.xlifffile:
    """Parse an XLIFF file safely, or raise ContentError with one line."""
    try:
        size = path.stat().st_size
    except OSError:
        raise ContentError(f"{path}: " + msg("xliff-no-file")) from None
    if size > MAX_BYTES:
        raise ContentError(f"{path}: " + msg("xliff-too-big", size=size // (1024 * 1024), limit=MAX_BYTES // (1024 * 1024)))
    data = path.read_bytes()
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ContentError(f"{path}: " + msg("xliff-doctype"))
    try:
        store = xliff.xlifffile.parsestring(data)
    except (etree.XMLSyntaxError, ValueError, AssertionError, StopIteration) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ContentError(f"{path}: " + msg("xliff-malformed", detail=detail)) from None
    return store


def _file_nodes(store: xliff.xlifffile) -> list[Any]:
    return list(store.document.getroot().iterchildren(store.namespaced("file")))


def plan(project: Project, content: Content, store: xliff.xlifffile, where: str) -> tuple[str, Edits, list[str], list[str]]:
    """(language, the edits, ids imported, ids refused because their source changed);
    raises ContentError when the file as a whole does not fit this project."""
    msg = project.msg
    languages = {node.get("target-language") for node in _file_nodes(store)}
    if len(languages) != 1 or None in languages:
        raise ContentError(f"{where}: " + msg("xliff-no-language"))
    lang = languages.pop()
    if lang not in content.languages:
        raise ContentError(f"{where}: " + msg("xliff-bad-language", code=lang, languages=", ".join(content.languages)))
    units = [u for u in store.units if not u.isheader()]
    if not units:
        raise ContentError(f"{where}: " + msg("xliff-empty"))
    unknown, wrong_language, wanted = [], [], []
    for unit in units:
        uid = unit.xmlelement.get("id") or ""
        slug, _, block_id = uid.partition(":")
        info = content.translations.get(slug) or content.data_translations.get(slug)
        block = info.by_id(lang).get(block_id) if info else None
        if info is not None and info.source == lang:
            wrong_language.append(uid)
        elif block is None:
            unknown.append(uid)
        else:
            wanted.append((unit, slug, block))
    if wrong_language:
        raise ContentError(f"{where}: " + msg("xliff-is-source", code=lang, ids=_some(wrong_language)))
    if unknown:
        raise ContentError(f"{where}: " + msg("xliff-unknown-ids", ids=_some(unknown)))
    edits = Edits(project.root)
    imported: list[str] = []
    refused: list[str] = []
    marks: dict[str, dict[str, str]] = {}
    data_marks: dict[str, dict[str, dict[str, str]]] = {}
    for unit, slug, block in wanted:
        target = (unit.target or "").strip()
        if not target:
            continue
        state = (unit.xmlelement.find(unit.namespaced("target")).get("state") or "") if unit.xmlelement.find(unit.namespaced("target")) is not None else ""
        if state in _UNCONFIRMED and block.text is not None and target == block.text.strip():
            continue  # exported for review and sent back untouched: still to be reviewed
        if digest(unit.source or "") != block.digest:
            refused.append(f"{slug}:{block.id}")
            continue
        imported.append(f"{slug}:{block.id}")
        if block.part == "data":
            info = content.data_translations[slug]
            edits.data(slug).set_text(info.source_units[block.id].loc, lang, target)
            data_marks.setdefault(slug, {k: dict(v) for k, v in marks_in_data(content.catalog.docs[slug.removeprefix("data/")].data).items()})
            data_marks[slug].setdefault(lang, {})[block.id] = block.digest
            continue
        _apply(content, edits, slug, block, lang, target)
        sheet = content.factsheets[slug]
        marks.setdefault(slug, dict(marks_of(sheet.texts[lang].doc.data)) if lang in sheet.texts else {})[block.id] = block.digest
    for rel, file_marks in data_marks.items():
        info = content.data_translations[rel]
        order = list(info.source_units)
        edits.data(rel).set_marks({code: {k: by_id[k] for k in order if k in by_id} for code, by_id in file_marks.items()}, info)
    for slug, sheet_marks in marks.items():
        order = list(content.translations[slug].source_units)
        edits.text(content.factsheets[slug].text_path(lang)).set_marks({k: sheet_marks[k] for k in order if k in sheet_marks})
    return lang, edits, imported, refused


def _apply(content: Content, edits: Edits, slug: str, block: Block, lang: str, text: str) -> None:
    sheet = content.factsheets[slug]
    if block.meta:
        edits.meta(sheet.meta_path).set_block(block.id, lang, text)
    else:
        edits.text(sheet.text_path(lang)).set_block(block.id, text, list(content.translations[slug].source_units))


def _some(ids: list[str], shown: int = 8) -> str:
    return ", ".join(ids[:shown]) + (f" (+{len(ids) - shown})" if len(ids) > shown else "")


def run_import(project: Project, args: argparse.Namespace) -> int:
    msg = project.msg
    store = read(args.file, msg)
    content = project.load()
    lang, edits, imported, refused = plan(project, content, store, str(args.file))
    edits.check(content)
    changed = [e.rel for e in edits.changed()]
    if not args.dry_run:
        edits.write()
    print(msg("xliff-imported" if not args.dry_run else "xliff-would-import", count=len(imported), lang=lang, files=", ".join(changed) or "—"))
    if refused:
        print(f"{args.file}: " + msg("xliff-source-changed", ids=_some(refused, 20)), file=sys.stderr)
        return 1
    return 0
