"""Translation freshness, block by block.

A factsheet's text is cut into translatable *blocks*, each with an id that does not
depend on the language: ``title``, ``summary``, ``implementation.<paragraph>``,
``mechanisms.<n>`` (the text of the n-th other mechanism's recommendation),
``narrative.<n>`` (the n-th section of the narrative: text up to the next heading),
``recommendations.<id>``, ``questions.<n>`` and ``sources.<key>`` (a source's title).

One language is the factsheet's *source*: ``original_language`` of its neutral file, or
else the site's default language, or else the first language it exists in. Every other
language is a translation of it. A translated file records, per block, a short digest of
the source text it was translated from, in its front matter:

    translated_from: {summary: "ayfqz3kc", recommendations.shelters: "r6vtm2pe"}

written by ``upr translated`` or ``upr import-xliff``, never typed. A block is *fresh*
when its mark equals the digest of the source as it is now, *stale* when the source
changed since, *unmarked* when it has no mark (a translation made before marks existed:
not known to be out of date), *missing* when the translation lacks it. The digest
ignores how the source is wrapped (line breaks and spaces inside a paragraph), so
re-flowing a paragraph does not make its translations stale.

Texts of data/ (group names and descriptions, members, contacts, café tables, cluster
and mechanism names, milestone notes...: every ``{ru: ..., en: ...}`` of a file that
``is_translatable_data`` accepts) are blocks too, with their key path as id
(``women.name``, ``women.members.1.name``, ``3.milestones.2.note``). Their source is the
site's default language (the first of the site's languages), as for a factsheet that
declares no ``original_language``. Their marks, written by the same commands, sit in the
same file: in files of entries (``ENTRY_FILES``: groups, tables, clusters, cycles, SDGs)
a ``translated_from`` key at the end of each entry, per translated language, with ids
relative to the entry:

    women:
      name: {en: Women's rights group, ru: Группа по правам женщин}
      ...
      translated_from:
        en: {name: jp7pn4az, description: mnzhmkfb, members.1.name: tia4pfsh, contact.name: deqi3nli}

and in the other files (coalition, mechanisms, scales, states) one ``translated_from``
block at the end of the file, with full ids. Nothing else of the file is rewritten, and
a hand edit of a text is all it takes to make its translation stale. UI strings
(labels.yml, messages.yml), the per-language word lists of action-verbs.yml and the
UN's own texts in data/recommendations/ (both languages are official, imported with
``upr import``) have no marks.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import ContentError
from ..i18n.formatting import format_date
from .dates import PartialDate
from .fields import NEUTRAL, dotted_keys
from .problems import Problems
from .yamlsource import parse_yaml

MARKS = "translated_from"
"""Front-matter key of a translated file holding its freshness marks."""

STATES = ("fresh", "stale", "unmarked", "missing")

_HEADING = re.compile(r"^#{1,6}[ \t]")
_FENCE = re.compile(r"^(```|~~~)")
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
_SPACES = re.compile(r"[ \t]*\n[ \t]*|[ \t]+")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)
_GIT_COMMITS = 30
"""Commits of a source file searched for the day a block changed."""


def normalise(text: str) -> str:
    """``text`` as the digest sees it: paragraphs kept, wrapping and spacing ignored."""
    paragraphs = _BLANK_LINES.split(text.replace("\r\n", "\n").strip())
    return "\n\n".join(_SPACES.sub(" ", p).strip() for p in paragraphs)


def digest(text: str) -> str:
    """The short digest of a source text stored in a translation's marks: 8 characters
    of base32 (a-z, 2-7), which no YAML reader takes for anything but text, quoted or
    not (no leading zero, never a float or a boolean)."""
    return base64.b32encode(hashlib.sha256(normalise(text).encode("utf-8")).digest()).decode("ascii")[:8].lower()


@dataclass(frozen=True)
class Unit:
    """One block of one language's text."""

    id: str
    part: str
    """Factsheet part (content/parts.py), or ``head`` for the title."""
    kind: str
    """What the block is (title, summary, comment, mechanism, section, recommendation,
    question, source): labels name it so."""
    text: str
    loc: tuple[Any, ...] | None = None
    """Where it is in the YAML of its file (front matter or neutral file)."""
    meta: bool = False
    """In the language-neutral file (sources, other mechanisms, texts beside their
    recommendation) rather than the text file."""
    line: int = 0
    """For narrative sections: line inside the body where the section starts (0-based)."""


@dataclass(frozen=True)
class Section:
    """A section of the narrative: lines ``start`` to ``end`` (exclusive) of the body."""

    start: int
    end: int
    text: str


def sections(body: str) -> list[Section]:
    """The narrative cut at its headings (outside code fences); blank sections are left out."""
    starts: list[int] = []
    fence = None
    lines = body.split("\n")
    for number, line in enumerate(lines):
        match = _FENCE.match(line.lstrip())
        if match:
            fence = None if fence == match.group(1) else fence or match.group(1)
        if (fence is None and _HEADING.match(line)) or not starts:
            starts.append(number)
    out = []
    for start, after in zip(starts, [*starts[1:], len(lines)], strict=True):
        filled = [n for n in range(start, after) if lines[n].strip()]
        if filled:
            out.append(Section(filled[0], filled[-1] + 1, "\n".join(lines[filled[0]:filled[-1] + 1])))
    return out


def units(front: Any, body: str, neutral: Any, lang: str) -> dict[str, Unit]:
    """Every block of ``lang``'s text (its front matter and body) and of the neutral
    file's texts in ``lang``, in page order. Works on raw YAML data (a text that does
    not validate, an old version from git): what is not text is left out."""
    front = front if isinstance(front, dict) else {}
    neutral = neutral if isinstance(neutral, dict) else {}
    out: dict[str, Unit] = {}

    def add(unit_id: str, part: str, kind: str, value: Any, loc: tuple, meta: bool = False, line: int = 0) -> None:
        if isinstance(value, str) and value.strip():
            out[unit_id] = Unit(unit_id, part, kind, value.strip(), loc, meta, line)

    add("title", "head", "title", front.get("title"), ("title",))
    add("summary", "summary", "summary", front.get("summary"), ("summary",))
    for key, value in _items(dotted_keys(front.get("implementation"))):
        add(f"implementation.{key}", "previous", "comment", value, ("implementation", key))
    for index, rec in enumerate(neutral.get("previous_recommendations") or []):  # comments beside their recommendation (the web editor's layout)
        comment = rec.get("comment") if isinstance(rec, dict) else None
        if isinstance(comment, dict) and f"implementation.{rec.get('id')}" not in out:
            add(f"implementation.{rec.get('id')}", "previous", "comment", comment.get(lang), ("previous_recommendations", index, "comment", lang), True)
    for index, rec in enumerate(neutral.get("other_mechanisms") or []):
        text = rec.get("text") if isinstance(rec, dict) else None
        if isinstance(text, dict):
            add(f"mechanisms.{index + 1}", "mechanisms", "mechanism", text.get(lang), ("other_mechanisms", index, "text", lang), True)
    for index, section in enumerate(sections(body)):
        add(f"narrative.{index + 1}", "framework", "section", section.text, (), line=section.start)
    for key, value in _items(front.get("recommendations")):
        add(f"recommendations.{key}", "suggested", "recommendation", value, ("recommendations", key))
    for index, rec in enumerate(neutral.get("suggested_recommendations") or []):  # texts beside their ids (the web editor's layout)
        text = rec.get("text") if isinstance(rec, dict) else None
        if isinstance(text, dict) and f"recommendations.{rec.get('id')}" not in out:
            add(f"recommendations.{rec.get('id')}", "suggested", "recommendation", text.get(lang), ("suggested_recommendations", index, "text", lang), True)
    for index, value in enumerate(front.get("questions") or [] if isinstance(front.get("questions"), list) else []):
        add(f"questions.{index + 1}", "questions", "question", value, ("questions", index))
    for key, where, source in _sources(neutral.get("sources")):
        title = source.get("title") if isinstance(source, dict) else None
        if isinstance(title, dict):
            add(f"sources.{key}", "sources", "source", title.get(lang), ("sources", where, "title", lang), True)
    return out


def _sources(value: Any) -> Iterator[tuple[str, Any, Any]]:
    """(key, place in the file, source) in either layout: a mapping by key (written by
    hand) or a list of sources each with its ``id`` (written by the web editor)."""
    if isinstance(value, list):
        return ((str(item["id"]), index, item) for index, item in enumerate(value) if isinstance(item, dict) and "id" in item)
    return ((key, key, source) for key, source in _items(value))


def _items(value: Any) -> Iterator[tuple[str, Any]]:
    return ((str(k), v) for k, v in value.items()) if isinstance(value, dict) else iter(())


def marks_of(front: Any) -> dict[str, str]:
    """The freshness marks of a text's front matter ({block id: source digest})."""
    marks = dotted_keys(front.get(MARKS)) if isinstance(front, dict) else None
    return {str(k): str(v) for k, v in marks.items()} if isinstance(marks, dict) else {}


def split_text(raw: str) -> tuple[str, str] | None:
    """(front matter, body) of a factsheet text, or None without front matter."""
    match = _FRONT_MATTER.match(raw)
    return (match.group(1) or "", raw[match.end():]) if match else None


@dataclass(frozen=True)
class Block:
    """A block of a translation and how it stands against its source."""

    id: str
    part: str
    kind: str
    lang: str
    source_lang: str
    state: str
    """fresh, stale, unmarked or missing (STATES)."""
    source: str
    """The source text as it is now."""
    text: str | None
    """The translation, None when missing."""
    digest: str
    """Digest of the source text as it is now (what a new mark records)."""
    where: str
    """``path:line`` of the translation (or of the file it belongs in)."""
    source_where: str
    changed: dt.date | None = None
    """When the source last changed, from git (stale blocks only; None when unknown)."""
    meta: bool = False
    """The block lives in the neutral file (a source's title, a mechanism's text, a
    suggested recommendation's text or a comment written beside its recommendation), not
    in the language file."""
    group: str | None = None
    """For texts of data/groups.yml: the thematic group they belong to."""


@dataclass
class SheetTranslations:
    """The blocks of one factsheet's translations."""

    slug: str
    source: str
    """The source language."""
    source_units: dict[str, Unit]
    blocks: dict[str, list[Block]] = field(default_factory=dict)
    """Per translated language (every site language but the source), in page order."""

    def of(self, lang: str, state: str | None = None) -> list[Block]:
        return [b for b in self.blocks.get(lang, []) if state is None or b.state == state]

    def by_id(self, lang: str) -> dict[str, Block]:
        return {b.id: b for b in self.blocks.get(lang, [])}


def source_language(sheet: Any, languages: tuple[str, ...]) -> str:
    """The language a factsheet is translated from (see the module's docstring)."""
    declared = getattr(sheet.meta, "original_language", None)
    if declared in sheet.texts:
        return declared
    return languages[0] if languages[0] in sheet.texts else next(iter(sheet.texts))


def sheet_units(sheet: Any, lang: str) -> dict[str, Unit]:
    """The blocks of a loaded factsheet in ``lang`` (only those of the neutral file when
    it has no text in ``lang``)."""
    text = sheet.texts.get(lang)
    if text is None:
        return units({}, "", sheet.doc.data, lang)
    return units(text.doc.data, text.body, sheet.doc.data, lang)


def _where(sheet: Any, lang: str, unit: Unit | None, missing_loc: tuple | None = None) -> str:
    text = sheet.texts.get(lang)
    if unit is not None and unit.meta:
        return sheet.doc.where(unit.loc)
    if text is None:
        return sheet.text_path(lang)
    if unit is None:
        return text.doc.where(missing_loc) if missing_loc else text.path
    if unit.part == "framework":
        return f"{text.path}:{text.body_line + unit.line}"
    return text.doc.where(unit.loc)


def sheet_translations(sheet: Any, languages: tuple[str, ...]) -> SheetTranslations:
    """How each translation of ``sheet`` stands against its source, block by block."""
    source = source_language(sheet, languages)
    origin = sheet_units(sheet, source)
    result = SheetTranslations(sheet.slug, source, origin)
    for lang in languages:
        if lang == source:
            continue
        have = sheet_units(sheet, lang)
        text = sheet.texts.get(lang)
        marks = marks_of(text.doc.data) if text else {}
        blocks = []
        for unit_id, unit in origin.items():
            mine = have.get(unit_id)
            current = digest(unit.text)
            if mine is None:
                state = "missing"
            elif unit_id not in marks:
                state = "unmarked"
            else:
                state = "fresh" if marks[unit_id] == current else "stale"
            where = sheet.doc.where(unit.loc[:-1] + (lang,)) if unit.meta else _where(sheet, lang, mine, unit.loc[:1] if unit.loc else None)
            blocks.append(Block(unit_id, unit.part, unit.kind, lang, source, state, unit.text, mine.text if mine else None,
                                current, where, _where(sheet, source, unit), meta=unit.meta))
        result.blocks[lang] = blocks
    return result


def new_marks(sheet: Any, languages: tuple[str, ...], lang: str, only: set[str] | None = None) -> dict[str, str]:
    """The marks ``lang``'s text of ``sheet`` gets when its present blocks are declared
    reviewed (``only``: just these blocks; the other marks stay as they are)."""
    info = sheet_translations(sheet, languages)
    text = sheet.texts.get(lang)
    old = marks_of(text.doc.data) if text else {}
    marks = {}
    for block in info.of(lang):
        if block.text is None:
            continue
        if only is None or block.id in only:
            marks[block.id] = block.digest
        elif block.id in old:
            marks[block.id] = old[block.id]
    return marks


# ---------------------------------------------------------------- texts of data/
UNTRANSLATED_DATA = ("labels.yml", "messages.yml", "action-verbs.yml")
"""Files of data/ whose texts carry no marks: the interface's own strings (kept complete
in both languages by their own check) and word lists that are not translations."""
ENTRY_FILES = ("groups.yml", "tables.yml", "clusters.yml", "cycles.yml", "sdgs.yml")
"""Files that are a mapping of entries (a group, a table...): each entry keeps its own marks."""
DATA_KINDS = ("name", "description", "note", "title")
"""Last keys of data texts that notices name as such; any other is a ``text``."""


def is_translatable_data(name: str) -> bool:
    """Whether the texts of ``data/<name>`` carry freshness marks (see the module docstring)."""
    return name.endswith(".yml") and "/" not in name and name not in UNTRANSLATED_DATA


def _is_text(value: Any, languages: tuple[str, ...]) -> bool:
    return (isinstance(value, dict) and bool(value) and all(k in languages or k == NEUTRAL for k in value)
            and all(isinstance(v, str) for v in value.values()))


def data_units(data: Any, lang: str, languages: tuple[str, ...]) -> dict[str, Unit]:
    """Every ``{ru: ..., en: ...}`` text of a data file in ``lang``, by key path; ``loc``
    is the path of the text's mapping (its languages are one level below)."""
    out: dict[str, Unit] = {}

    def walk(value: Any, loc: tuple, ids: tuple[str, ...]) -> None:
        if _is_text(value, languages):
            text = value.get(lang)
            if isinstance(text, str) and text.strip() and ids:
                last = next((str(k) for k in reversed(loc) if isinstance(k, str)), "")
                out[".".join(ids)] = Unit(".".join(ids), "data", last if last in DATA_KINDS else "text", text.strip(), loc)
        elif isinstance(value, dict):
            for key, item in value.items():
                if not (len(loc) <= 1 and key == MARKS):
                    walk(item, (*loc, key), (*ids, str(key)))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*loc, index), (*ids, str(index + 1)))

    walk(data, (), ())
    return out


def _mark_places(data: Any) -> Iterator[tuple[tuple, str, Any]]:
    """(loc, id prefix, marks) of every ``translated_from`` of a data file: the file's own
    and each entry's."""
    if not isinstance(data, dict):
        return
    if MARKS in data:
        yield (MARKS,), "", data[MARKS]
    for key, entry in data.items():
        if key != MARKS and isinstance(entry, dict) and MARKS in entry:
            yield (key, MARKS), f"{key}.", entry[MARKS]


def data_marks(data: Any) -> dict[str, dict[str, str]]:
    """The freshness marks of a data file ({language: {text id: source digest}}), from
    the file's ``translated_from`` and its entries'."""
    out: dict[str, dict[str, str]] = {}
    for _loc, prefix, marks in _mark_places(data):
        if isinstance(marks, dict):
            for lang, by_id in marks.items():
                out.setdefault(str(lang), {}).update({prefix + k: v for k, v in marks_of({MARKS: by_id}).items()})
    return out


def data_marks_problems(data: Any, languages: tuple[str, ...]) -> list[tuple]:
    """Where a data file's marks have not the shape the commands write ({language:
    {text id: digest}})."""
    return [loc for loc, _prefix, marks in _mark_places(data) if not (isinstance(marks, dict) and all(
        lang in languages and (by_id is None or (isinstance(by_id, dict) and all(isinstance(v, str) for v in by_id.values())))
        for lang, by_id in marks.items()))]


def without_marks(data: Any) -> Any:
    """A data file's data as its schema knows it: without the marks."""
    if not isinstance(data, dict):
        return data
    return {k: ({ek: ev for ek, ev in v.items() if ek != MARKS} if isinstance(v, dict) and MARKS in v else v) for k, v in data.items() if k != MARKS}


def data_translations(docs: dict[str, Any], languages: tuple[str, ...]) -> dict[str, SheetTranslations]:
    """How the translations of every translatable data file stand against their source,
    text by text, by file (``data/groups.yml``). A text that lacks a translation has no
    block: whether it may is the file's schema's business (the build says so)."""
    source = languages[0]
    out: dict[str, SheetTranslations] = {}
    for name, doc in docs.items():
        if not is_translatable_data(name):
            continue
        origin = data_units(doc.data, source, languages)
        if not origin:
            continue
        rel = f"data/{name}"
        info = SheetTranslations(rel, source, origin)
        all_marks = data_marks(doc.data)
        for lang in languages[1:]:
            have = data_units(doc.data, lang, languages)
            marks = all_marks.get(lang, {})
            blocks = []
            for unit_id, unit in origin.items():
                mine = have.get(unit_id)
                if mine is None:
                    continue
                current = digest(unit.text)
                state = "unmarked" if unit_id not in marks else "fresh" if marks[unit_id] == current else "stale"
                group = str(unit.loc[0]) if name == "groups.yml" else None
                blocks.append(Block(unit_id, "data", unit.kind, lang, source, state, unit.text, mine.text, current,
                                    doc.where((*unit.loc, lang)), doc.where((*unit.loc, source)), group=group))
            info.blocks[lang] = blocks
        out[rel] = info
    return out


def new_data_marks(info: SheetTranslations, old: dict[str, str], lang: str, only: set[str] | None = None) -> dict[str, str]:
    """The marks ``lang`` of a data file gets when its texts are declared reviewed
    (``only``: just these; the other marks stay), in the file's order."""
    marks = {}
    for block in info.of(lang):
        if only is None or block.id in only:
            marks[block.id] = block.digest
        elif block.id in old:
            marks[block.id] = old[block.id]
    return marks


# ---------------------------------------------------------------- when the source changed
def date_changes(root: Path, infos: list[SheetTranslations], factsheets: dict[str, Any], msg: Any) -> list[SheetTranslations]:
    """``infos`` with the day each stale block's source last changed, from git: the
    oldest commit of the newest run of commits whose source text of the block is the
    current one. Unknown (None) outside a git work tree or while the change is not
    committed. Only files with stale blocks are asked about."""
    git = shutil.which("git")
    if git is None or not any(b.state == "stale" for info in infos for bs in info.blocks.values() for b in bs):
        return infos
    history = _History(root, git, msg)
    out = []
    for info in infos:
        sheet = factsheets[info.slug]
        for lang, blocks in info.blocks.items():
            info.blocks[lang] = [replace(b, changed=history.changed(sheet, info.source, b)) if b.state == "stale" else b for b in blocks]
        out.append(info)
    return out


class _History:
    """Old versions of source files from git, read once per file."""

    def __init__(self, root: Path, git: str, msg: Any) -> None:
        self.root, self.git, self.msg = root, git, msg
        self.versions: dict[str, list[tuple[dt.date, dict[str, str]]]] = {}

    def _run(self, *args: str) -> str | None:
        try:
            result = subprocess.run([self.git, "-C", str(self.root), *args], capture_output=True, text=True, timeout=20, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return result.stdout if result.returncode == 0 else None

    def _digests(self, path: str, units_of: Any) -> list[tuple[dt.date, dict[str, str]]]:
        """Per commit touching ``path`` (newest first): its day and each block's digest
        (``units_of``: the blocks of one version's text)."""
        if path in self.versions:
            return self.versions[path]
        out: list[tuple[dt.date, dict[str, str]]] = []
        log = self._run("log", f"-n{_GIT_COMMITS}", "--format=%H %cs", "--", path) or ""
        for line in log.splitlines():
            sha, _, day = line.partition(" ")
            blob = self._run("show", f"{sha}:{path}")
            if blob is None:
                break
            try:
                found = units_of(blob)
            except ContentError:
                found = {}
            out.append((dt.date.fromisoformat(day), {key: digest(unit.text) for key, unit in found.items()}))
        self.versions[path] = out
        return out

    def _sheet_units(self, blob: str, is_text: bool, lang: str) -> dict[str, Unit]:
        if is_text:
            parts = split_text(blob)
            if parts is None:
                return {}
            return units(parse_yaml(parts[0], "", Problems(self.msg)).data, parts[1], {}, lang)
        return units({}, "", parse_yaml(blob, "", Problems(self.msg)).data, lang)

    def changed(self, sheet: Any, source: str, block: Block) -> dt.date | None:
        unit_is_meta = block.meta
        path = sheet.meta_path if unit_is_meta else sheet.texts[source].path
        return self._since(self._digests(path, lambda blob: self._sheet_units(blob, not unit_is_meta, source)), block)

    def changed_data(self, rel: str, languages: tuple[str, ...], block: Block) -> dt.date | None:
        return self._since(self._digests(rel, lambda blob: data_units(parse_yaml(blob, "", Problems(self.msg)).data, block.source_lang, languages)), block)

    @staticmethod
    def _since(versions: list[tuple[dt.date, dict[str, str]]], block: Block) -> dt.date | None:
        if not versions or versions[0][1].get(block.id) != block.digest:
            return None  # the change is not committed yet
        day = versions[0][0]
        for when, digests in versions:
            if digests.get(block.id) != block.digest:
                return day
            day = when
        return None  # the same text as far back as we looked: when it changed is not known


def date_data_changes(root: Path, infos: dict[str, SheetTranslations], languages: tuple[str, ...], msg: Any) -> dict[str, SheetTranslations]:
    """``date_changes`` for the texts of data/ (files with stale texts only)."""
    git = shutil.which("git")
    if git is None or not any(b.state == "stale" for info in infos.values() for bs in info.blocks.values() for b in bs):
        return infos
    history = _History(root, git, msg)
    for rel, info in infos.items():
        for lang, blocks in info.blocks.items():
            info.blocks[lang] = [replace(b, changed=history.changed_data(rel, languages, b)) if b.state == "stale" else b for b in blocks]
    return infos


# ---------------------------------------------------------------- what editors are told
def stale_blocks(content: Any) -> list[Block]:
    """Every stale block of every factsheet, in factsheet and page order."""
    return [b for info in content.translations.values() for blocks in info.blocks.values() for b in blocks if b.state == "stale"]


def stale_data(content: Any) -> list[Block]:
    """Every stale text of data/, by file and in file order."""
    return [b for info in content.data_translations.values() for blocks in info.blocks.values() for b in blocks if b.state == "stale"]


def notices(content: Any) -> list[tuple[bool, str]]:
    """(stale?, line): one line per stale block (``path:line: ...``) and one per text
    with unmarked blocks, in the editor's language (``upr check``, the build log)."""
    msg = content.msg
    t = content.labels(msg.lang)
    out: list[tuple[bool, str]] = []

    def listed(blocks: list[Block], source: str, file: str) -> None:
        for block in blocks:
            if block.state == "stale":
                day = msg("translation-stale-on", date=format_date(PartialDate.of(block.changed), t)) if block.changed else ""
                out.append((True, f"{block.where}: " + msg("translation-stale", language=content.catalog.language_name(source, msg.lang),
                                                           id=block.id, date=day, file=file)))
        unmarked = sum(1 for b in blocks if b.state == "unmarked")
        if unmarked:
            out.append((False, f"{file}: " + msg("translation-unmarked", count=unmarked, file=file)))

    for info in content.translations.values():
        sheet = content.factsheets[info.slug]
        for lang, blocks in info.blocks.items():
            if lang in sheet.texts:  # no text in that language yet: "not yet translated" says it, and there is no file to mark
                listed(blocks, info.source, sheet.texts[lang].path)
    for rel, info in content.data_translations.items():
        for blocks in info.blocks.values():
            listed(blocks, info.source, rel)
    return out
