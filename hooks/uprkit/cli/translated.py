"""``upr translated PATH... [--block ID]``: mark translations as reviewed against their
source as it is now (content/translations.py), and the file editing that command and
``upr import-xliff`` share.

Factsheet files are edited with ruamel.yaml's round trip (comments, quoting, order and
folding kept: ``NO`` stays Norway, ``117.40`` stays text); only the keys that change are
touched and the narrative is edited section by section. Files of data/ are edited as
text (``DataEdit``): a translated text is replaced where it stands, in its own quoting,
and the marks are one top-level block at the end of the file, so everything else (the
aligned columns of sdgs.yml, flow mappings, comments) stays byte for byte. Every changed file is checked
in a copy of the project with the same code as the build before anything is written,
then written through a temporary file and an atomic rename.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString as Quoted
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from ..content import Content
from ..content.datafiles import load_catalog
from ..content.factsheets import Factsheet, load_factsheets
from ..content.problems import Problems
from ..content.translations import ENTRY_FILES, MARKS, SheetTranslations, data_marks, new_data_marks, new_marks, sections, sheet_translations, split_text
from ..errors import ContentError
from .merge import round_trip_yaml
from .project import Project

KEY_ORDER = ("title", "summary", "recommendations", "questions", "implementation", MARKS)
"""Order of the front matter keys in a text the import creates (as in data/scaffold/)."""


def _dump(data: Any) -> str:
    out = io.StringIO()
    round_trip_yaml().dump(data, out)
    return out.getvalue()


def _scalar(old: Any, text: str) -> Any:
    """``text`` in the style of the value it replaces (literal for several lines)."""
    if "\n" in text:
        return LiteralScalarString(text + "\n") if isinstance(old, LiteralScalarString) and old.endswith("\n") else LiteralScalarString(text)
    if isinstance(old, FoldedScalarString):
        return folded(text)
    if isinstance(old, Quoted):
        return Quoted(text)
    return text


def folded(text: str, width: int = 84) -> FoldedScalarString:
    """``text`` as a folded scalar (``>-``) wrapped at about ``width`` characters, as
    editors write long recommendations; the folds are spaces, so the value is unchanged."""
    value = FoldedScalarString(text)
    folds: list[int] = []
    start, space = 0, None
    for index, char in enumerate(text):
        if char == " " and index + 1 < len(text) and text[index + 1] != " ":
            if index - start > width and space is not None:
                folds.append(space)
                start = space + 1
            space = index
    if len(text) - start > width and space is not None and space > start:
        folds.append(space)
    value.fold_pos = folds
    return value


def mapping_key(key: str) -> Any:
    """``key`` as written in a mapping: quoted when it is a paragraph number (``"140.37"``
    stays text for every YAML reader)."""
    return Quoted(key) if key.replace(".", "").isdigit() else key


@dataclass
class TextEdit:
    """One language's text of a factsheet (front matter and narrative), being edited."""

    path: Path
    rel: str
    original: str
    front: CommentedMap
    body: str
    changed: bool = False

    @classmethod
    def open(cls, root: Path, rel: str) -> TextEdit:
        path = root / rel
        if not path.exists():
            return cls(path, rel, "", CommentedMap(), "")
        raw = path.read_text(encoding="utf-8-sig")
        front, body = split_text(raw) or ("", raw)
        data = round_trip_yaml().load(front) if front.strip() else CommentedMap()
        return cls(path, rel, raw, data if isinstance(data, CommentedMap) else CommentedMap(), body)

    def set_marks(self, marks: dict[str, str]) -> None:
        if not marks and MARKS not in self.front:
            return
        block = CommentedMap((mapping_key(k), Quoted(v)) for k, v in marks.items())
        if dict(self.front.get(MARKS) or {}) != dict(block):
            self.front[MARKS] = block
            self.changed = True

    def set_block(self, block_id: str, text: str, order: list[str]) -> None:
        """Write the translation of block ``block_id``; ``order`` lists the source's
        block ids (where a new key or section goes)."""
        kind, _, key = block_id.partition(".")
        front = self.front
        if kind in ("title", "summary"):
            new = kind not in front
            front[kind] = _scalar(front.get(kind), text)
            if new:
                self._place(kind)
        elif kind in ("recommendations", "implementation"):
            entries = front.get(kind)
            if not isinstance(entries, CommentedMap):
                entries = front[kind] = CommentedMap()
                self._place(kind)
            if key in entries:
                entries[key] = _scalar(entries[key], text)
            else:
                wanted = [k.partition(".")[2] for k in order if k.startswith(kind + ".")]
                position = sum(1 for k in entries if str(k) in wanted and wanted.index(str(k)) < wanted.index(key))
                entries.insert(position, mapping_key(key), _scalar(None, text))
        elif kind == "questions":
            items = front.get(kind)
            if not isinstance(items, CommentedSeq):
                items = front[kind] = CommentedSeq()
                self._place(kind)
            index = int(key) - 1
            if index < len(items):
                items[index] = _scalar(items[index], text)
            else:
                items.append(_scalar(None, text))
        elif kind == "narrative":
            self._set_section(int(key) - 1, text)
        else:
            raise KeyError(block_id)
        self.changed = True

    def _place(self, key: str) -> None:
        """Move a new top-level key to its place in KEY_ORDER (the scaffold's order)."""
        value = self.front.pop(key)
        rank = KEY_ORDER.index(key)
        position = sum(1 for k in self.front if k in KEY_ORDER and KEY_ORDER.index(k) < rank)
        self.front.insert(position, key, value)

    def _set_section(self, index: int, text: str) -> None:
        found = sections(self.body)
        lines = self.body.split("\n")
        if index < len(found):
            section = found[index]
            lines[section.start:section.end] = text.split("\n")
        else:
            while lines and not lines[-1].strip():
                lines.pop()
            lines += ([""] if lines else []) + text.split("\n")
        self.body = "\n".join(lines).rstrip("\n") + "\n"
        if not self.body.startswith("\n"):
            self.body = "\n" + self.body

    def text(self) -> str:
        return "---\n" + _dump(self.front) + "---\n" + self.body


@dataclass
class MetaEdit:
    """A factsheet's language-neutral file, for the texts it holds per language
    (other mechanisms' recommendations, source titles, the texts and comments written
    beside their recommendations)."""

    path: Path
    rel: str
    original: str
    data: CommentedMap
    changed: bool = False

    @classmethod
    def open(cls, root: Path, rel: str) -> MetaEdit:
        raw = (root / rel).read_text(encoding="utf-8-sig")
        return cls(root / rel, rel, raw, round_trip_yaml().load(raw))

    def set_block(self, block_id: str, lang: str, text: str) -> None:
        kind, _, key = block_id.partition(".")
        if kind == "mechanisms":
            holder = self.data["other_mechanisms"][int(key) - 1]
            field_name = "text"
        elif kind == "sources":
            sources = self.data["sources"]
            holder = next(item for item in sources if str(item.get("id")) == key) if isinstance(sources, list) else sources[key]
            field_name = "title"
        elif kind == "recommendations":  # a suggested recommendation's text beside its id
            holder = next(item for item in self.data["suggested_recommendations"] if str(item.get("id")) == key)
            field_name = "text"
        elif kind == "implementation":  # a comment beside its previous recommendation
            holder = next(item for item in self.data["previous_recommendations"] if str(item.get("id")) == key)
            field_name = "comment"
        else:
            raise KeyError(block_id)
        texts = holder[field_name]
        texts[lang] = _scalar(texts.get(lang), text)
        self.changed = True

    def text(self) -> str:
        return _dump(self.data)


DATA_MARKS_COMMENT = "# Translation freshness marks: written by upr translated and upr import-xliff, not by hand."
"""The line above a data file's marks (so a reader of the file knows what they are)."""
_PLAIN_ID = re.compile(r"^[A-Za-z_][\w.-]*$")
_PLAIN_TEXT = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#,\[\]{}\"\n]*$")


def _flow_scalar(old_style: str | None, text: str) -> str:
    """``text`` as a YAML scalar that fits where the old one stood (a flow mapping, a
    block value): plain when the old one was plain and the text reads back the same,
    else quoted as before, else double-quoted."""
    if old_style is None and _PLAIN_TEXT.match(text) and not text.endswith(" "):
        try:
            if yaml.safe_load(f"k: {text}") == {"k": text}:
                return text
        except yaml.YAMLError:
            pass
    if old_style == "'" and "\n" not in text:
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text, ensure_ascii=False)


def _id_key(key: str) -> str:
    """A text id as a mapping key, quoted unless every YAML reader takes it as this text."""
    return key if _PLAIN_ID.match(key) and yaml.safe_load(key) == key else json.dumps(key, ensure_ascii=False)


def _value_end(node: yaml.Node) -> int:
    """Index just after the last character of ``node``'s own text (a block collection's
    end is where the next token starts, so its last leaf is asked)."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style and node.value:
        node = node.value[-1][1] if isinstance(node, yaml.MappingNode) else node.value[-1]
    return node.end_mark.index


def _line_end(raw: str, index: int) -> int:
    """Start of the line after the one ``index`` ends on (trailing blanks of a block
    scalar belong to it)."""
    while index > 0 and raw[index - 1] in " \n":
        index -= 1
    newline = raw.find("\n", index)
    return len(raw) if newline < 0 else newline + 1


def _flow_marks(marks: dict[str, str]) -> str:
    return "{" + ", ".join(f"{_id_key(k)}: {v}" for k, v in marks.items()) + "}"


def _entry_marks(raw: str, entry: str, marks: dict[str, dict[str, str]]) -> str:
    """``raw`` with top-level entry ``entry``'s marks set to ``marks`` (removed when empty)."""
    root = yaml.compose(raw, Loader=yaml.SafeLoader)
    node = next(v for k, v in root.value if k.value == entry)
    pair = next(((k, v) for k, v in node.value if k.value == MARKS), None)
    if node.flow_style:
        text = f"{MARKS}: {{" + ", ".join(f"{lang}: {_flow_marks(ids)}" for lang, ids in marks.items()) + "}" if marks else ""
        if pair is not None:
            start, end = pair[0].start_mark.index, pair[1].end_mark.index
            if not text:
                comma = raw.rfind(",", 0, start)
                start = comma if comma > node.start_mark.index else start
            return raw[:start] + text + raw[end:]
        if not text:
            return raw
        close = node.end_mark.index - 1
        head = raw[:close].rstrip(" ")
        return head + (", " if node.value else "") + text + raw[close:]
    indent = " " * node.value[0][0].start_mark.column
    text = "".join([f"{indent}{MARKS}:\n", *(f"{indent}  {lang}: {_flow_marks(ids)}\n" for lang, ids in marks.items())]) if marks else ""
    if pair is not None:
        start = pair[0].start_mark.index - pair[0].start_mark.column
        return raw[:start] + text + raw[_line_end(raw, _value_end(pair[1])):]
    if not text:
        return raw
    at = _line_end(raw, _value_end(node))
    return raw[:at] + text + raw[at:]


@dataclass
class DataEdit:
    """A file of data/ whose translated texts or marks change, edited as text."""

    path: Path
    rel: str
    original: str
    raw: str
    changed: bool = False

    @classmethod
    def open(cls, root: Path, rel: str) -> DataEdit:
        raw = (root / rel).read_text(encoding="utf-8-sig")
        return cls(root / rel, rel, raw, raw)

    def _node(self, loc: tuple) -> yaml.Node:
        node = yaml.compose(self.raw, Loader=yaml.SafeLoader)
        for key in loc:
            if isinstance(node, yaml.SequenceNode):
                node = node.value[key]
            else:
                node = next(v for k, v in node.value if k.value == str(key))
        return node

    def set_text(self, loc: tuple, lang: str, text: str) -> None:
        """Replace the ``lang`` text of the mapping at ``loc`` (it exists: only
        translations present are blocks of data files)."""
        node = self._node((*loc, lang))
        start, end = node.start_mark.index, node.end_mark.index
        tail = "\n" if node.style in ("|", ">") and self.raw[start:end].endswith("\n") else ""
        value = _flow_scalar(node.style, text) + tail
        self.raw = self.raw[:start] + value + self.raw[end:]
        self.changed = True

    def set_marks(self, marks: dict[str, dict[str, str]], info: SheetTranslations) -> None:
        """Write the marks ({language: {text id: digest}}) where content/translations.py
        reads them: in files of entries, at the end of each entry (ids relative to it),
        else one block at the end of the file; none where there are no marks."""
        raw = self._without_file_marks(self.raw)
        if self.rel.removeprefix("data/") in ENTRY_FILES:
            by_entry: dict[str, dict[str, dict[str, str]]] = {}
            for lang, by_id in marks.items():
                for unit_id, value in by_id.items():
                    unit = info.source_units.get(unit_id)
                    if unit is not None and unit.loc:
                        entry = str(unit.loc[0])
                        by_entry.setdefault(entry, {}).setdefault(lang, {})[unit_id.removeprefix(entry + ".")] = value
            root = yaml.compose(raw, Loader=yaml.SafeLoader)
            entries = [k.value for k, v in root.value if k.value != MARKS and isinstance(v, yaml.MappingNode)] if isinstance(root, yaml.MappingNode) else []
            for entry in entries:
                raw = _entry_marks(raw, entry, {lang: ids for lang, ids in by_entry.get(entry, {}).items() if ids})
        elif any(marks.values()):
            lines = ["", DATA_MARKS_COMMENT, f"{MARKS}:"]
            for lang, by_id in marks.items():
                if by_id:
                    lines.append(f"  {lang}:")
                    lines += [f"    {_id_key(k)}: {v}" for k, v in by_id.items()]
            raw = raw.rstrip("\n") + "\n" + "\n".join(lines) + "\n"
        if raw != self.raw:
            self.raw = raw
            self.changed = True

    @staticmethod
    def _without_file_marks(raw: str) -> str:
        root = yaml.compose(raw, Loader=yaml.SafeLoader)
        if not isinstance(root, yaml.MappingNode):
            return raw
        for key, value in root.value:
            if key.value == MARKS:
                start = key.start_mark.index - key.start_mark.column
                end = _line_end(raw, _value_end(value))
                before = raw[:start].rstrip("\n").split("\n")
                if before and before[-1] == DATA_MARKS_COMMENT:
                    before.pop()
                head = "\n".join(before).rstrip("\n")
                return (head + "\n" if head else "") + raw[end:].lstrip("\n")
        return raw

    def text(self) -> str:
        return self.raw


Edit = TypeVar("Edit", TextEdit, MetaEdit, DataEdit)


@dataclass
class Edits:
    """The files one command changes, checked together before any is written."""

    root: Path
    files: dict[str, TextEdit | MetaEdit | DataEdit] = field(default_factory=dict)
    """Every file opened, by its path in the project, each opened once."""

    def _open(self, kind: type[Edit], rel: str) -> Edit:
        if rel not in self.files:
            self.files[rel] = kind.open(self.root, rel)
        return self.files[rel]

    def data(self, rel: str) -> DataEdit:
        return self._open(DataEdit, rel)

    def text(self, rel: str) -> TextEdit:
        return self._open(TextEdit, rel)

    def meta(self, rel: str) -> MetaEdit:
        return self._open(MetaEdit, rel)

    def changed(self) -> list[TextEdit | MetaEdit | DataEdit]:
        """The files whose text changed: data/ first, then neutral files, then texts."""
        order = (DataEdit, MetaEdit, TextEdit)
        return sorted((e for e in self.files.values() if e.changed and e.text() != e.original), key=lambda e: order.index(type(e)))

    def check(self, content: Content) -> None:
        """Read factsheets/ (and data/, when a file of it changes) as they will be after
        the edits, in a copy, with the same code and reference data as the build (raises
        ContentError with the build's messages); docs/ is linked for images."""
        changed = self.changed()
        with tempfile.TemporaryDirectory(prefix="upr-check-") as tmp:
            copy = Path(tmp)
            shutil.copytree(self.root / "factsheets", copy / "factsheets", symlinks=True)
            data = any(isinstance(edit, DataEdit) for edit in changed)
            if data:
                shutil.copytree(self.root / "data", copy / "data", symlinks=True)
            if (self.root / "docs").is_dir():
                (copy / "docs").symlink_to(self.root / "docs", target_is_directory=True)
            for edit in changed:
                (copy / edit.rel).parent.mkdir(parents=True, exist_ok=True)
                (copy / edit.rel).write_text(edit.text(), encoding="utf-8")
            problems = Problems(content.msg)
            catalog = load_catalog(copy, content.languages, content.catalog.country, problems) if data else content.catalog
            problems.raise_if_any()
            load_factsheets(copy, catalog, problems)
            problems.raise_if_any()

    def write(self) -> list[str]:
        written = []
        for edit in self.changed():
            edit.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = edit.path.with_name(f".{edit.path.name}.{os.getpid()}.tmp")
            tmp.write_text(edit.text(), encoding="utf-8")
            os.replace(tmp, edit.path)
            written.append(edit.rel)
        return written


# ---------------------------------------------------------------- upr translated
def add(commands: Any) -> None:
    parser = commands.add_parser("translated", help="mark translations as reviewed against their source as it is now")
    parser.add_argument("paths", nargs="+", type=Path, help="a translated text (slug.en.md), a factsheet (slug.yml), data/groups.yml or a folder")
    parser.add_argument("--block", action="append", default=[], metavar="ID", help="mark only this block (recommendations.shelters, women.name); repeatable")
    parser.set_defaults(run=run)


def _targets(project: Project, content: Content, paths: list[Path]) -> tuple[list[tuple[Factsheet, str]], list[str]]:
    """(factsheet, language) of every translated text the paths name, and the files of
    data/ with translated texts they name."""
    msg, root = project.msg, project.root
    wanted: list[tuple[Factsheet, str]] = []
    data_files: list[str] = []
    for given in paths:
        path = given.resolve()
        if not (path.exists() and path.is_relative_to(root)) and not given.is_absolute():
            path = (root / given).resolve()  # relative to the project, wherever the command runs
        if not path.exists() or not path.is_relative_to(root):
            raise ContentError(f"{given}: " + msg("translated-no-path"))
        rel = path.relative_to(root).as_posix()
        datas = [f for f in content.data_translations if f == rel or (path.is_dir() and (rel == "." or f.startswith(rel + "/")))]
        data_files += [f for f in datas if f not in data_files]
        found = []
        for sheet in content.factsheets.values():
            source = sheet_translations(sheet, content.languages).source
            files = {sheet.meta_path: None, **{text.path: lang for lang, text in sheet.texts.items()}}
            for file, lang in files.items():
                if file == rel or (path.is_dir() and (rel == "." or file.startswith(rel + "/"))):
                    langs = [lang] if lang else [code for code in sheet.texts if code != source]
                    if lang == source and file == rel:
                        raise ContentError(f"{rel}: " + msg("translated-is-source", code=lang))
                    found += [(sheet, code) for code in langs if code != source]
        if not found and not datas:
            raise ContentError(f"{rel}: " + msg("translated-nothing"))
        for item in found:
            if item not in wanted:
                wanted.append(item)
    return wanted, data_files


def mark_data(content: Content, edits: Edits, rel: str, only: set[str] | None, single: bool) -> list[str]:
    """Mark the translated texts of data file ``rel`` (``only``: these ids) as reviewed;
    the report lines. An id not in the file is an error when it is the only file named."""
    info: SheetTranslations = content.data_translations[rel]
    old = data_marks(content.catalog.docs[rel.removeprefix("data/")].data)
    known = {b.id for blocks in info.blocks.values() for b in blocks}
    if only and (not only & known or (single and only - known)):
        if single:
            raise ContentError(f"{rel}: " + content.msg("translated-unknown-block", ids=", ".join(sorted(only - known)), known=", ".join(info.source_units)))
        return []
    marks, report = {}, []
    for lang in info.blocks:
        marks[lang] = new_data_marks(info, old.get(lang, {}), lang, only)
        chosen = [b for b in info.of(lang) if only is None or b.id in only]
        report.append(content.msg("translated-data-done", file=rel, lang=lang, count=len(chosen),
                                  stale=sum(1 for b in chosen if b.state == "stale"), unmarked=sum(1 for b in chosen if b.state == "unmarked")))
    edits.data(rel).set_marks(marks, info)
    return report


def run(project: Project, args: argparse.Namespace) -> int:
    content = project.load()
    msg = project.msg
    edits = Edits(project.root)
    only = set(args.block) or None
    report = []
    targets, data_files = _targets(project, content, args.paths)
    for rel in data_files:
        report += mark_data(content, edits, rel, only, len(args.paths) == 1 and not targets)
    for sheet, lang in targets:
        blocks = sheet_translations(sheet, content.languages).by_id(lang)
        if only and not only & blocks.keys():
            continue
        unknown = sorted((only or set()) - blocks.keys())
        if unknown and len(args.paths) == 1:
            raise ContentError(f"{sheet.texts[lang].path}: " + msg("translated-unknown-block", ids=", ".join(unknown), known=", ".join(blocks)))
        marks = new_marks(sheet, content.languages, lang, only)
        edits.text(sheet.texts[lang].path).set_marks(marks)
        chosen = [b for b in blocks.values() if b.text is not None and (only is None or b.id in only)]
        report.append(msg("translated-done", file=sheet.texts[lang].path, count=len(chosen),
                          stale=sum(1 for b in chosen if b.state == "stale"), unmarked=sum(1 for b in chosen if b.state == "unmarked")))
    edits.check(content)
    edits.write()
    for line in report:
        print(line)
    return 0

