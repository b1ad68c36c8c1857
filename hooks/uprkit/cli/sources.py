"""Reading recommendations from what OHCHR and NGOs publish, into plain rows.

Two sources: OHCHR's Universal Human Rights Index JSON export (records with ``Text``
starting with the paragraph number, ``Countries``, ``UprRecommendingCountry``,
``UprPositions``, ``UprCycle``, ``Sdgs``...), filtered to the State under review; and a
CSV or XLSX table with the columns of the site's own export (``cycle, id, states,
response, cluster, sdg_targets, text_en, text_ru``). Nothing is checked here beyond
reading: every row goes through the project's schemas (merge.py).
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry

from ..content import schemas as s
from ..content.catalog import Catalog
from ..content.files import MAX_BYTES
from ..views.common import local

_PARAGRAPH = re.compile(rf"^\s*({s.REC_ID.pattern.strip('^$')})\s*[.:]?\s+(.+)$", re.S)
_SDG = re.compile(rf"^\s*({s.SDG_TARGET.pattern.strip('^$')})\b")


@dataclass
class Row:
    """One incoming recommendation, as read (``where`` names it in messages)."""

    where: str
    cycle: str
    id: str
    states: list[str]
    response: str
    text: dict[str, str]
    cluster: str = ""
    sdg_targets: list[str] = field(default_factory=list)


@dataclass
class Skipped:
    where: str
    message: str
    values: dict[str, Any] = field(default_factory=dict)


def read_file(path: Path) -> tuple[str, Any]:
    """('uhri', records) or ('table', rows) from a .json, .csv or .xlsx file."""
    if path.stat().st_size > MAX_BYTES * 40:
        raise ValueError(f"{path.stat().st_size // 1024 // 1024} MB")
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "uhri", json.loads(path.read_text(encoding="utf-8-sig"))
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return "table", list(csv.DictReader(handle))
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).active
        rows = list(sheet.iter_rows(values_only=True))
        header = [str(h or "").strip() for h in rows[0]] if rows else []
        return "table", [dict(zip(header, r, strict=False)) for r in rows[1:]]
    raise ValueError(path.suffix or path.name)


class Reader:
    """Turns records of either source into ``Row``s (or ``Skipped``), mapping State names
    to codes and UHRI's positions to the responses of data/scales.yml."""

    def __init__(self, catalog: Catalog, source: str, record_label: str, row_label: str) -> None:
        self.catalog = catalog
        self.source = source
        self.record_label, self.row_label = record_label, row_label
        self.by_name: dict[str, str] = {}
        for country in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                if hasattr(country, attr):
                    self.by_name[getattr(country, attr).casefold()] = country.alpha_2
        for code, names in catalog.states.overrides.items():
            for name in names.values():
                self.by_name[name.casefold()] = code
        # UHRI writes positions with the English names of data/scales.yml ("Supported", "Noted")
        responses = catalog.scales.responses if catalog.scales else {}
        self.responses = {(local(scale.name, "en") or key).casefold(): key for key, scale in responses.items()}
        self.response_order = [(local(scale.name, "en") or key).casefold() for key, scale in responses.items()]

    def state(self, value: str) -> str | None:
        """A State's code from its code or English name; None when neither."""
        value = value.strip()
        if len(value) == 2 and self.catalog.states.known(value.upper()):
            return value.upper()
        return self.by_name.get(value.casefold())

    def states(self, values: list[str], where: str, skipped: list[Skipped]) -> list[str] | None:
        codes = [self.state(v) for v in values]
        unknown = [v for v, code in zip(values, codes, strict=True) if code is None]
        if unknown:
            skipped.append(Skipped(where, "import-unknown-state", {"state": unknown[0]}))
            return None
        return [code for code in codes if code]

    def uhri(self, records: Any) -> tuple[list[Row], list[Skipped]]:
        country = self.catalog.country
        names = {n.casefold() for n in (self.catalog.states.name(country, "en"), getattr(pycountry.countries.get(alpha_2=country), "name", None)) if n}
        rows, skipped = [], []
        for number, record in enumerate(records if isinstance(records, list) else [], start=1):
            where = f"{self.source}: {self.record_label.format(n=number)}"
            if not isinstance(record, dict) or not record.get("UprCycle"):
                continue  # treaty bodies and Special Procedures: not UPR recommendations
            if not {str(c).casefold() for c in record.get("Countries") or []} & names:
                continue
            match = _PARAGRAPH.match(str(record.get("Text") or ""))
            cycle = re.search(r"\d+", str(record.get("UprCycle")))
            if not match or not cycle:
                skipped.append(Skipped(where, "import-no-paragraph"))
                continue
            positions = sorted({str(p).strip().casefold() for p in record.get("UprPositions") or []},
                               key=lambda p: self.response_order.index(p) if p in self.response_order else len(self.response_order))
            response = self.responses.get("/".join(positions), "/".join(positions))
            targets = [m.group(1) for m in (_SDG.match(str(t)) for t in record.get("Sdgs") or []) if m]
            states = self.states([str(v) for v in record.get("UprRecommendingCountry") or []], where, skipped)
            if states is None:
                continue
            rows.append(Row(where, cycle.group(), match.group(1), states, response, {"en": " ".join(match.group(2).split())}, "", targets))
        return rows, skipped

    def table(self, records: list[dict]) -> tuple[list[Row], list[Skipped]]:
        rows: list[Row] = []
        skipped: list[Skipped] = []
        for number, record in enumerate(records, start=2):  # row 1 is the header
            where = f"{self.source}: {self.row_label.format(n=number)}"
            row = {str(k).strip().casefold(): ("" if v is None else str(v).strip()) for k, v in record.items() if k}
            if not any(row.values()):
                continue
            text = {lang: row[f"text_{lang}"] for lang in self.catalog.languages if row.get(f"text_{lang}")}
            states = self.states([v for v in re.split(r"[;,]", row.get("states", "")) if v.strip()], where, skipped)
            if states is None:
                continue
            targets = [t.strip() for t in re.split(r"[;,]", row.get("sdg_targets", "")) if t.strip()]
            rows.append(Row(where, row.get("cycle", ""), row.get("id", ""), states, row.get("response", "").casefold(), text, row.get("cluster", ""), targets))
        return rows, skipped
