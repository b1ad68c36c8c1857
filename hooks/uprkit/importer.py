"""Import recommendations into data/recommendations/ from what NGOs and OHCHR publish.

Two sources: OHCHR's Universal Human Rights Index JSON export (records with ``Symbol``,
``Text`` starting with the paragraph number, ``Countries``, ``UprRecommendingCountry``,
``UprPositions``, ``UprCycle``, ``Sdgs``...), filtered to the State under review; and a
CSV or XLSX table with the columns of our own export (``cycle, id, states, response,
cluster, sdg_targets, text_en, text_ru``). Records merge by cycle and paragraph number:
a new one is added, a known one only gains what it lacked (a text in another language,
SDG targets, a theme); nothing a group wrote in factsheets/ is touched.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

from .statenames import StateNames

_PARAGRAPH = re.compile(r"^\s*(\d+(?:\.\d+)+)\s*[.:]?\s+(.+)$", re.S)
_RESPONSES = {("supported",): "supported", ("noted",): "noted", ("noted", "supported"): "supported-noted", ("supported/noted",): "supported-noted"}


@dataclass
class Incoming:
    cycle: int
    id: str
    states: list[str]
    response: str
    text: dict[str, str]
    cluster: str = ""
    sdg_targets: list[str] = field(default_factory=list)


@dataclass
class Report:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)


class Reader:
    """Turns rows of either source into ``Incoming`` records, or rejection messages."""

    def __init__(self, msg, states: StateNames, country: str, languages: list[str]) -> None:
        self.msg, self.states, self.country, self.languages = msg, states, country, languages
        self.by_name = {}
        for country_obj in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                if hasattr(country_obj, attr):
                    self.by_name[getattr(country_obj, attr).casefold()] = country_obj.alpha_2
        for code, names in states.overrides.items():
            for name in names.values():
                self.by_name[name.casefold()] = code

    def state(self, value: str) -> str | None:
        value = value.strip()
        if len(value) == 2 and self.states.known(value.upper()):
            return value.upper()
        return self.by_name.get(value.casefold())

    def _states(self, values: list[str], where: str, report: Report) -> list[str] | None:
        codes = []
        for value in values:
            code = self.state(value)
            if code is None:
                report.rejected.append(f"{where}: " + self.msg("import-unknown-state", state=value))
                return None
            codes.append(code)
        return codes

    def uhri(self, records: list, source: str, report: Report) -> list[Incoming]:
        country_names = {n.casefold() for n in (self.states.name(self.country, "en"), pycountry.countries.get(alpha_2=self.country).name) if n}
        out = []
        for number, record in enumerate(records, start=1):
            where = f"{source}: {self.msg('import-record', n=number)}"
            if not isinstance(record, dict) or not record.get("UprCycle"):
                continue  # treaty bodies and Special Procedures: not UPR recommendations
            if not {str(c).casefold() for c in record.get("Countries") or []} & country_names:
                continue
            match = _PARAGRAPH.match(str(record.get("Text") or ""))
            cycle = re.search(r"\d+", str(record.get("UprCycle")))
            if not match or not cycle:
                report.rejected.append(f"{where}: " + self.msg("import-no-paragraph"))
                continue
            states = self._states(list(record.get("UprRecommendingCountry") or []), where, report)
            response = _RESPONSES.get(tuple(sorted(str(p).strip().casefold() for p in record.get("UprPositions") or [])))
            if states is None:
                continue
            if not states or response is None:
                report.rejected.append(f"{where}: " + self.msg("import-incomplete"))
                continue
            targets = [m.group(1) for m in (re.match(r"^\s*(\d{1,2}\.(?:\d{1,2}|[a-z]))\b", str(s)) for s in record.get("Sdgs") or []) if m]
            out.append(Incoming(int(cycle.group()), match.group(1), states, response, {"en": " ".join(match.group(2).split())}, "", targets))
        return out

    def table(self, rows: list[dict], source: str, report: Report) -> list[Incoming]:
        out = []
        for number, row in enumerate(rows, start=2):  # row 1 is the header
            where = f"{source}: {self.msg('import-row', n=number)}"
            row = {str(k).strip().casefold(): ("" if v is None else str(v).strip()) for k, v in row.items() if k}
            if not any(row.values()):
                continue
            cycle, rec_id, response = row.get("cycle", ""), row.get("id", ""), row.get("response", "").casefold()
            if not cycle.isdigit() or not re.fullmatch(r"\d+(?:\.\d+)+", rec_id):
                report.rejected.append(f"{where}: " + self.msg("import-bad-id", cycle=cycle, id=rec_id))
                continue
            if response not in ("supported", "noted", "supported-noted"):
                report.rejected.append(f"{where}: " + self.msg("import-bad-response", response=response))
                continue
            states = self._states([s for s in re.split(r"[;,]", row.get("states", "")) if s.strip()], where, report)
            text = {lang: row[f"text_{lang}"] for lang in self.languages if row.get(f"text_{lang}")}
            if states is None:
                continue
            if not states or not text:
                report.rejected.append(f"{where}: " + self.msg("import-incomplete"))
                continue
            targets = [t.strip() for t in re.split(r"[;,]", row.get("sdg_targets", "")) if t.strip()]
            out.append(Incoming(int(cycle), rec_id, states, response, text, row.get("cluster", ""), targets))
        return out


def read_source(path: Path) -> tuple[str, object]:
    """('uhri', records) or ('table', rows) from a .json, .csv or .xlsx file."""
    if path.suffix.lower() == ".json":
        return "uhri", json.loads(path.read_text(encoding="utf-8-sig"))
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return "table", list(csv.DictReader(handle))
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).active
        rows = list(sheet.iter_rows(values_only=True))
        header = [str(h or "").strip() for h in rows[0]] if rows else []
        return "table", [dict(zip(header, r, strict=False)) for r in rows[1:]]
    raise ValueError(path.suffix)


def merge(existing: dict[tuple[int, str], dict], incoming: list[Incoming], report: Report) -> set[int]:
    """Merge into ``existing`` ({(cycle, id): plain dict}); returns the cycles changed."""
    touched = set()
    for rec in incoming:
        key, label = (rec.cycle, rec.id), f"{rec.cycle}/{rec.id}"
        old = existing.get(key)
        if old is None:
            existing[key] = {"states": rec.states, "response": rec.response, "cluster": rec.cluster, "sdg_targets": rec.sdg_targets, "text": rec.text}
            report.added.append(label)
            touched.add(rec.cycle)
            continue
        gained = []
        for lang, text in rec.text.items():
            if not old["text"].get(lang):
                old["text"][lang] = text
                gained.append(f"text_{lang}")
        if rec.sdg_targets and not old.get("sdg_targets"):
            old["sdg_targets"] = rec.sdg_targets
            gained.append("sdg_targets")
        if rec.cluster and not old.get("cluster"):
            old["cluster"] = rec.cluster
            gained.append("cluster")
        if gained:
            report.changed.append(f"{label} (+{', '.join(gained)})")
            touched.add(rec.cycle)
        else:
            report.skipped.append(label)
    return touched


def dump_cycle(header: str, cycle: int, source: str | None, recs: dict[str, dict]) -> str:
    """The text of data/recommendations/cycle-N.yml, in the sample's layout."""
    lines = [header.rstrip("\n")] if header.strip() else []
    lines.append(f"cycle: {cycle}")
    if source:
        lines.append(f"source: {json.dumps(source, ensure_ascii=False)}")
    lines.append("recommendations:")
    for rec_id in sorted(recs, key=lambda r: [int(p) for p in r.split(".")]):
        rec = recs[rec_id]
        lines.append(f'  "{rec_id}":')
        lines.append(f"    states: {json.dumps(rec['states'])}")
        lines.append(f"    response: {rec['response']}")
        if rec.get("cluster"):
            lines.append(f"    cluster: {rec['cluster']}")
        if rec.get("sdg_targets"):
            lines.append(f"    sdg_targets: {json.dumps(rec['sdg_targets'])}")
        lines.append("    text:")
        lines += [f"      {lang}: {json.dumps(text, ensure_ascii=False)}" for lang, text in rec["text"].items()]
    return "\n".join(lines) + "\n"
