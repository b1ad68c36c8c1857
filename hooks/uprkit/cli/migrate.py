"""``upr migrate``: rewrite the language-neutral files of factsheets/ into the layout the
web editor writes, so that it can open and save them without losing anything.

The build reads both layouts. What changes (nothing else does; comments stay):

* ``sources`` as a mapping by key becomes a list of sources each with its ``id``
  (a form cannot edit a mapping whose keys are the editor's own);
* a text that is one plain string for every language (a source's title or publisher, a
  contact's name, a mechanism's text) becomes one entry per site language, so that the
  editor's per-language fields show it;
* the texts of the suggested recommendations move from each language file's
  ``recommendations`` (by id) to their recommendation in the neutral file (``text``, one
  entry per language), so that a recommendation's id is written once, beside its texts;
* likewise the comments on previous recommendations, from each language file's
  ``implementation`` (by paragraph number) to their recommendation (``comment``);
* each language file names its factsheet (``factsheet: <slug>``, what the editor's
  texts form picks).
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..content.fields import NEUTRAL, dotted_keys
from ..content.schemas import BESIDE
from .project import Project
from .translated import TextEdit, folded, mapping_key

TEXT_KEYS = {"sources": ("title", "publisher"), "contacts": ("name", "organisation"), "other_mechanisms": ("text",)}
FOLD_AT = 84
"""A one-line text moved into the neutral file is folded (``>-``) at about this width, as
the sample's texts are written (the value is the same)."""


def add(commands: Any) -> None:
    parser = commands.add_parser("migrate", help="rewrite factsheets' neutral files into the web editor's layout")
    parser.add_argument("--check", action="store_true", help="only list the files that would change (exit 1 if any)")
    parser.set_defaults(run=run)


def _per_language(value: Any, languages: tuple[str, ...]) -> Any:
    if isinstance(value, str):
        return CommentedMap((lang, value) for lang in languages)
    if isinstance(value, dict) and NEUTRAL in value:
        return CommentedMap((lang, value.get(lang, value[NEUTRAL])) for lang in languages)
    return value


def migrate(data: Any, languages: tuple[str, ...]) -> bool:
    """Change ``data`` (a neutral file, round-trip loaded) in place; True when it changed."""
    if not isinstance(data, dict):
        return False
    changed = False
    sources = data.get("sources")
    if isinstance(sources, dict):
        listed = CommentedSeq()
        for key, source in sources.items():
            item = CommentedMap([("id", key)])
            item.update(source if isinstance(source, dict) else {})
            listed.append(item)
        data["sources"] = listed
        changed = True
    for part, keys in TEXT_KEYS.items():
        for item in data.get(part) or []:
            for key in keys:
                if isinstance(item, dict) and key in item:
                    new = _per_language(item[key], languages)
                    if new is not item[key]:
                        item[key] = new
                        changed = True
    return changed


def move_texts(data: Any, texts: dict[str, TextEdit]) -> bool:
    """Move the texts of the language files (``texts``, by language) that the web editor
    writes beside their item (``BESIDE``: a suggested recommendation's texts, the comments
    on a previous recommendation) into ``data`` (the neutral file); True when one moved."""
    moved = False
    for mapping, items, key, _message in BESIDE:
        for item in data.get(items) or [] if isinstance(data, dict) else []:
            if not isinstance(item, CommentedMap) or not isinstance(item.get(key, {}), dict):
                continue
            item_id = str(item.get("id"))
            for lang, edit in texts.items():
                written = _by_id(edit, mapping)
                if written is None or item_id not in written or lang in (item.get(key) or {}):
                    continue
                item.fa.set_block_style()  # a folded text cannot stay inside a {flow: mapping}
                text = written.pop(item_id)
                long_line = type(text) is str and len(text) > FOLD_AT and "\n" not in text
                item.setdefault(key, CommentedMap())[lang] = folded(text, FOLD_AT) if long_line else text
                if not written:
                    del edit.front[mapping]
                edit.changed = moved = True
    return moved


def _by_id(edit: TextEdit, mapping: str) -> CommentedMap | None:
    """The language file's ``mapping`` (texts by id), its keys joined again where the web
    editor wrote them back as paths (``{"140": [..., text]}`` or ``[..., [..., text]]``
    for ``"140.37"``)."""
    written = edit.front.get(mapping)
    if not isinstance(written, dict | list):
        return None
    flat = dotted_keys(written)
    if flat is not written:
        written = edit.front[mapping] = CommentedMap((mapping_key(k), v) for k, v in flat.items())
    return written


def name_factsheet(slug: str, texts: dict[str, TextEdit]) -> bool:
    """Each text names its factsheet first (as the editor writes it); True when one did not."""
    named = False
    for edit in texts.values():
        if "factsheet" not in edit.front:
            edit.front.insert(0, "factsheet", slug)
            edit.changed = named = True
    return named


def run(project: Project, args: argparse.Namespace) -> int:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    changed: list[Path] = []
    for path in sorted((project.root / "factsheets").rglob("*.yml")):
        data = yaml.load(path.read_text(encoding="utf-8"))
        rel = path.relative_to(project.root).as_posix()
        texts = {lang: TextEdit.open(project.root, rel.removesuffix(".yml") + f".{lang}.md") for lang in project.languages}
        texts = {lang: edit for lang, edit in texts.items() if edit.original}
        layout = migrate(data, project.languages)
        named = name_factsheet(path.stem, texts)
        if not (move_texts(data, texts) or layout or named):
            continue
        changed += [path] + [edit.path for edit in texts.values() if edit.changed]
        if not args.check:
            out = io.StringIO()
            yaml.dump(data, out)
            path.write_text(out.getvalue(), encoding="utf-8")
            for edit in texts.values():
                if edit.changed:
                    edit.path.write_text(edit.text(), encoding="utf-8")
    for path in changed:
        print(project.msg("migrate-would-change" if args.check else "migrate-written", file=path.relative_to(project.root).as_posix()))
    if not changed:
        print(project.msg("migrate-nothing"))
    return 1 if args.check and changed else 0
