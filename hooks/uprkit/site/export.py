"""The recommendations dataset with the groups' assessments, as CSV and JSON, written
into the site at data/recommendations.csv and data/recommendations.json on every build.
The columns are documented in the README and stay stable."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..content import Content

COLUMNS = ["cycle", "id", "report", "states", "response", "cluster", "sdg_targets", "assessments", "factsheets"]


def rows(content: Content) -> list[dict]:
    out = []
    for record in content.records:
        rec, cycle = record.rec, content.catalog.cycles.get(record.cycle)
        row = {
            "cycle": record.cycle,
            "id": record.id,
            "report": (cycle.report if cycle else None) or "",
            "states": list(rec.states),
            "response": rec.response,
            "cluster": rec.cluster or "",
            "sdg_targets": list(rec.sdg_targets),
            "assessments": [{"group": a.group, "assessment": a.assessment, "factsheet": a.slug} for a in record.assessed],
            "factsheets": sorted({a.slug for a in record.assessed}),
        }
        row |= {f"text_{lang}": rec.text.get(lang, "") for lang in content.languages}
        out.append(row)
    return out


def write(content: Content, site_dir: Path) -> None:
    data = rows(content)
    folder = site_dir / "data"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "recommendations.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    columns = COLUMNS + [f"text_{lang}" for lang in content.languages]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in data:
        flat = dict(row)
        flat["states"] = ";".join(row["states"])
        flat["sdg_targets"] = ";".join(row["sdg_targets"])
        flat["assessments"] = ";".join(f"{a['group']}:{a['assessment']}" for a in row["assessments"])
        flat["factsheets"] = ";".join(row["factsheets"])
        writer.writerow(flat)
    (folder / "recommendations.csv").write_text(buffer.getvalue(), encoding="utf-8")
