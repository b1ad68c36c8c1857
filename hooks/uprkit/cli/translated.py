"""``upr translated PATH... [--block ID]``: mark translations as reviewed against their
source as it is now (content/translations.py), and the file editing that command and
``upr import-xliff`` share.

Files are edited with ruamel.yaml's round trip (comments, quoting, order and folding
kept: ``NO`` stays Norway, ``117.40`` stays text); only the keys that change are
touched and the narrative is edited section by section. Every changed file is checked
in a copy of the project with the same code as the build before anything is written,
then written through a temporary file and an atomic rename.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString as Quoted
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from ..content import Content
from ..content.factsheets import Factsheet, load_factsheets
from ..content.problems import Problems
from ..content.translations import MARKS, new_marks, sections, sheet_translations, split_text
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
        return _folded(text)
    if isinstance(old, Quoted):
        return Quoted(text)
    return text


def _folded(text: str, width: int = 84) -> FoldedScalarString:
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


def _key(key: str) -> Any:
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
        block = CommentedMap((_key(k), Quoted(v)) for k, v in marks.items())
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
                entries.insert(position, _key(key), _scalar(None, text))
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
    (other mechanisms' recommendations, source titles)."""

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
        else:
            raise KeyError(block_id)
        texts = holder[field_name]
        texts[lang] = _scalar(texts.get(lang), text)
        self.changed = True

    def text(self) -> str:
        return _dump(self.data)


@dataclass
class Edits:
    """The files one command changes, checked together before any is written."""

    root: Path
    texts: dict[str, TextEdit] = field(default_factory=dict)
    metas: dict[str, MetaEdit] = field(default_factory=dict)

    def text(self, rel: str) -> TextEdit:
        if rel not in self.texts:
            self.texts[rel] = TextEdit.open(self.root, rel)
        return self.texts[rel]

    def meta(self, rel: str) -> MetaEdit:
        if rel not in self.metas:
            self.metas[rel] = MetaEdit.open(self.root, rel)
        return self.metas[rel]

    def changed(self) -> list[TextEdit | MetaEdit]:
        return [e for e in [*self.metas.values(), *self.texts.values()] if e.changed and e.text() != e.original]

    def check(self, content: Content) -> None:
        """Read factsheets/ as it will be after the edits, in a copy, with the same code
        and reference data as the build (raises ContentError with the build's messages).
        Only factsheets/ changes: data/ is the content's, docs/ is linked for images."""
        with tempfile.TemporaryDirectory(prefix="upr-check-") as tmp:
            copy = Path(tmp)
            shutil.copytree(self.root / "factsheets", copy / "factsheets", symlinks=True)
            if (self.root / "docs").is_dir():
                (copy / "docs").symlink_to(self.root / "docs", target_is_directory=True)
            for edit in self.changed():
                (copy / edit.rel).parent.mkdir(parents=True, exist_ok=True)
                (copy / edit.rel).write_text(edit.text(), encoding="utf-8")
            problems = Problems(content.msg)
            load_factsheets(copy, content.catalog, problems)
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
    parser.add_argument("paths", nargs="+", type=Path, help="a translated text (slug.en.md), a factsheet (slug.yml) or a folder")
    parser.add_argument("--block", action="append", default=[], metavar="ID", help="mark only this block (e.g. recommendations.shelters); repeatable")
    parser.set_defaults(run=run)


def _targets(project: Project, content: Content, paths: list[Path]) -> list[tuple[Factsheet, str]]:
    """(factsheet, language) of every translated text the paths name."""
    msg, root = project.msg, project.root
    wanted: list[tuple[Factsheet, str]] = []
    for given in paths:
        path = given.resolve()
        if not (path.exists() and path.is_relative_to(root)) and not given.is_absolute():
            path = (root / given).resolve()  # relative to the project, wherever the command runs
        if not path.exists() or not path.is_relative_to(root):
            raise ContentError(f"{given}: " + msg("translated-no-path"))
        rel = path.relative_to(root).as_posix()
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
        if not found:
            raise ContentError(f"{rel}: " + msg("translated-nothing"))
        for item in found:
            if item not in wanted:
                wanted.append(item)
    return wanted


def run(project: Project, args: argparse.Namespace) -> int:
    content = project.load()
    msg = project.msg
    edits = Edits(project.root)
    only = set(args.block) or None
    report = []
    for sheet, lang in _targets(project, content, args.paths):
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

