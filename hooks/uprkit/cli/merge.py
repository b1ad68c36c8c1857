"""Merging incoming recommendations into data/recommendations/cycle-N.yml.

Every incoming row is validated with the same schema and cross-checks as a build
(``schemas.Recommendation`` with the catalog as context: unknown State, cluster, SDG
target, response); a rejected row names its row or record. Files are edited with a
round-trip YAML library (comments, quoting and order kept), each changed file is read
back and validated as the build would before anything is written, and written through
a temporary file and an atomic rename.
"""

from __future__ import annotations

import difflib
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString as Quoted

from ..content import schemas as s
from ..content.catalog import Catalog
from ..content.problems import Problems
from ..content.yamlsource import SourceDoc, parse_yaml
from ..errors import ContentError
from .sources import Row


def round_trip_yaml() -> YAML:
    """ruamel.yaml as our files are written (quotes kept, no wrapping); shared by the importer and `upr translated`."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 100_000
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


@dataclass
class CycleFile:
    path: Path
    rel: str
    original: str
    data: CommentedMap
    changed: bool = False

    def text(self) -> str:
        out = io.StringIO()
        round_trip_yaml().dump(self.data, out)
        return out.getvalue()


@dataclass
class Report:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)


def _flow(items: list[str]) -> CommentedSeq:
    seq = CommentedSeq(Quoted(item) for item in items)
    seq.fa.set_flow_style()
    return seq


def _sort_key(rec_id: str) -> list[int]:
    return [int(p) for p in str(rec_id).split(".")]


class Merger:
    def __init__(self, root: Path, catalog: Catalog, problems: Problems) -> None:
        self.root = root
        self.catalog = catalog
        self.problems = problems
        self.folder = root / "data" / "recommendations"
        self.files: dict[int, CycleFile] = {}
        for path in sorted(self.folder.glob("*.yml")) if self.folder.is_dir() else ():
            text = path.read_text(encoding="utf-8-sig")
            data = round_trip_yaml().load(text)
            if isinstance(data, CommentedMap) and isinstance(data.get("cycle"), int):
                self.files.setdefault(data["cycle"], CycleFile(path, path.relative_to(root).as_posix(), text, data))

    def _file(self, cycle: int) -> CycleFile:
        if cycle not in self.files:
            path = self.folder / f"cycle-{cycle}.yml"
            data = CommentedMap([("cycle", cycle), ("recommendations", CommentedMap())])
            data.yaml_set_start_comment(self.problems.msg("import-header", cycle=cycle))
            self.files[cycle] = CycleFile(path, path.relative_to(self.root).as_posix(), "", data)
        return self.files[cycle]

    def _validate(self, row: Row) -> tuple[int, s.Recommendation] | None:
        """The row as the build would read it, or None (its problems in ``rejected``)."""
        msg = self.problems.msg
        if not row.cycle.isdigit() or not s.REC_ID.match(row.id):
            raise ContentError(f"{row.where}: " + msg("import-bad-id", cycle=row.cycle, id=row.id))
        cycle = int(row.cycle)
        if self.catalog.cycles and cycle not in self.catalog.cycles:
            raise ContentError(f"{row.where}: " + msg("import-unknown-cycle", cycle=cycle))
        data: dict[str, Any] = {"states": row.states, "response": row.response, "text": row.text}
        if row.cluster:
            data["cluster"] = row.cluster
        if row.sdg_targets:
            data["sdg_targets"] = row.sdg_targets
        rec = s.validate(s.Recommendation, SourceDoc(row.where, data), self.problems, context=self.catalog.context())
        return cycle, rec

    def merge(self, rows: list[Row], report: Report) -> None:
        for row in rows:
            try:
                cycle, rec = self._validate(row)
            except ContentError as exc:
                report.rejected += exc.messages
                continue
            label = f"{cycle}/{row.id}"
            file = self._file(cycle)
            recs = file.data.setdefault("recommendations", CommentedMap())
            old = next((value for key, value in recs.items() if str(key) == row.id), None)
            if old is None:
                entry = CommentedMap([("states", _flow(rec.states)), ("response", rec.response)])
                if rec.cluster:
                    entry["cluster"] = rec.cluster
                if rec.sdg_targets:
                    entry["sdg_targets"] = _flow(rec.sdg_targets)
                entry["text"] = CommentedMap((lang, Quoted(text)) for lang, text in rec.text.items())
                position = sum(1 for key in recs if _sort_key(key) < _sort_key(row.id))
                recs.insert(position, Quoted(row.id), entry)
                report.added.append(label)
                file.changed = True
                continue
            gained = []
            texts = old.setdefault("text", CommentedMap())
            for lang, text in rec.text.items():
                if not texts.get(lang):
                    texts[lang] = Quoted(text)
                    gained.append(f"text_{lang}")
            if rec.sdg_targets and not old.get("sdg_targets"):
                old.insert(list(old).index("text"), "sdg_targets", _flow(rec.sdg_targets))
                gained.append("sdg_targets")
            if rec.cluster and not old.get("cluster"):
                old.insert(list(old).index("response") + 1 if "response" in old else 0, "cluster", rec.cluster)
                gained.append("cluster")
            if gained:
                report.changed.append(f"{label} (+{', '.join(gained)})")
                file.changed = True
            else:
                report.skipped.append(label)

    def changed(self) -> list[CycleFile]:
        return [file for file in self.files.values() if file.changed]

    def check(self) -> list[str]:
        """Read every changed file back as the build will, before writing it."""
        errors = []
        for file in self.changed():
            problems = Problems(self.problems.msg)
            try:
                doc = parse_yaml(file.text(), file.rel, problems)
                s.validate(s.RecommendationFile, doc, problems, context=self.catalog.context())
            except ContentError as exc:
                errors += exc.messages
        return errors

    def diff(self) -> str:
        return "".join(
            line for file in self.changed()
            for line in difflib.unified_diff(file.original.splitlines(True), file.text().splitlines(True), f"a/{file.rel}", f"b/{file.rel}")
        )

    def write(self) -> None:
        for file in self.changed():
            file.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = file.path.with_name(f".{file.path.name}.{os.getpid()}.tmp")
            tmp.write_text(file.text(), encoding="utf-8")
            os.replace(tmp, file.path)
