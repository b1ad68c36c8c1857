"""`upr import` on small files shaped like the real formats."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from openpyxl import Workbook

UHRI = [  # the record shape of ../shared/reference/uhri-export-record.json
    {"Symbol": "A/HRC/44/12", "Text": "140.161 Strengthen the enforcement of the laws criminalizing bride kidnapping and child marriage.",
     "Countries": ["Kyrgyzstan"], "UprRecommendingCountry": ["Sweden", "Finland"], "UprPositions": ["Supported"], "UprCycle": "3", "UprSession": ["35"],
     "Sdgs": ["5.3 - Eliminate all harmful practices"], "Themes": ["Violence against women"], "Body": "- UPR"},
    {"Symbol": "A/HRC/44/12", "Text": "140.163 Amend the Criminal Procedure Code so that rape is prosecuted ex officio.", "Countries": ["Kyrgyzstan"],
     "UprRecommendingCountry": ["Germany", "Norway"], "UprPositions": ["Noted"], "UprCycle": "3", "Sdgs": ["5.2 - End all violence against women"]},
    {"Symbol": "A/HRC/44/12", "Text": "140.240 Ratify the International Convention for the Protection of All Persons from Enforced Disappearance.",
     "Countries": ["Kyrgyzstan"], "UprRecommendingCountry": ["Republic of Moldova", "Iran (Islamic Republic of)"],
     "UprPositions": ["Supported", "Noted"], "UprCycle": "3", "Sdgs": ["16.3 - Promote the rule of law"]},
    {"Symbol": "A/HRC/44/12", "Text": "Ratify everything.", "Countries": ["Kyrgyzstan"], "UprRecommendingCountry": ["France"],
     "UprPositions": ["Supported"], "UprCycle": "3"},
    {"Symbol": "A/HRC/43/5", "Text": "120.1 A recommendation to Peru.", "Countries": ["Peru"], "UprRecommendingCountry": ["France"],
     "UprPositions": ["Supported"], "UprCycle": "3"},
    {"Symbol": "CRC/C/PER/CO/6-7", "Text": "4.The Committee reminds the State party...", "Countries": ["Peru"], "UprCycle": None, "UprPositions": [],
     "UprRecommendingCountry": []},
    {"Symbol": "A/HRC/44/12", "Text": "140.241 Do something.", "Countries": ["Kyrgyzstan"], "UprRecommendingCountry": ["Atlantis"],
     "UprPositions": ["Supported"], "UprCycle": "3"},
]
HEADER = ["cycle", "id", "states", "response", "cluster", "sdg_targets", "text_en", "text_ru"]
ROWS = [
    ["3", "140.163", "DE;NO", "noted", "women", "5.2", "Amend the Criminal Procedure Code so that rape is prosecuted ex officio.",
     "Внести изменения в Уголовно-процессуальный кодекс, чтобы изнасилование преследовалось в публичном порядке."],
    ["2", "117.190", "Canada; JP", "supported", "children", "16.9", "Ensure the registration of all births.", ""],
    ["3", "140.242", "Germny", "supported", "", "", "A text.", ""],
    ["3", "140.243", "DE", "accepted", "", "", "A text.", ""],
    ["", "", "", "", "", "", "", ""],
]


def run(project, file, *options: str) -> tuple[int, str]:
    if "messages: en" not in project.read("mkdocs.yml"):
        project.replace("mkdocs.yml", "sample: true", "sample: true\n      messages: en")
    upr = str(Path(sys.executable).with_name("upr"))
    result = subprocess.run([upr, "--config", str(project.root / "mkdocs.yml"), "import", str(file), *options],
                            capture_output=True, text=True, cwd=project.root, env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""})
    return result.returncode, result.stdout + result.stderr


def factsheets_bytes(project) -> dict:
    return {p: p.read_bytes() for p in (project.root / "factsheets").rglob("*") if p.is_file()}


def test_uhri_json(project, tmp_path):
    source = tmp_path / "export-full-en.json"
    source.write_text(json.dumps(UHRI), encoding="utf-8")
    before = factsheets_bytes(project)
    cycle_file = project.read("data/recommendations/cycle-3.yml")
    code, out = run(project, source)
    assert code == 1 and out.splitlines()[-1].startswith("Nothing was written because records were rejected")
    assert project.read("data/recommendations/cycle-3.yml") == cycle_file, "a run with rejected records writes nothing"
    code, out = run(project, source, "--partial")
    assert code == 1
    assert out.splitlines() == [
        "Added 1, changed 1, skipped 1 (already there), rejected 2.",
        "  added: 3/140.240",
        "  changed: 3/140.163 (+sdg_targets)",
        "  export-full-en.json: record 4: the text does not start with a paragraph number such as '117.45'; skipped",
        "  export-full-en.json: record 7: unknown State 'Atlantis'; write an ISO 3166-1 alpha-2 code or the State's English name",
    ]
    text = project.read("data/recommendations/cycle-3.yml")
    assert '  "140.240":\n    states: ["MD", "IR"]\n    response: supported-noted\n    sdg_targets: ["16.3"]\n    text:\n' in text
    assert text.startswith("# SAMPLE CONTENT.")
    assert factsheets_bytes(project) == before, "assessments in factsheets are never touched"
    assert project.only("violence-against-women").build().ok  # all of data/ is built with one factsheet too


def test_csv_and_xlsx_tables(project, tmp_path):
    table = tmp_path / "recommendations.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])
    code, out = run(project, table, "--partial")
    assert code == 1
    assert out.splitlines() == [
        "Added 1, changed 1, skipped 0 (already there), rejected 2.",
        "  added: 2/117.190",
        "  changed: 3/140.163 (+text_ru, sdg_targets)",
        "  recommendations.csv: row 4: unknown State 'Germny'; write an ISO 3166-1 alpha-2 code or the State's English name",
        "  recommendations.csv: row 5: unknown response 'accepted'; use one of supported, noted, supported-noted",
    ]
    assert '"117.190":\n    states: ["CA", "JP"]\n    response: supported\n    cluster: children' in project.read("data/recommendations/cycle-2.yml")
    workbook = Workbook()
    for row in [HEADER, *ROWS]:
        workbook.active.append(row)
    workbook.save(tmp_path / "recommendations.xlsx")
    code, out = run(project, tmp_path / "recommendations.xlsx", "--partial")
    assert out.splitlines()[0] == "Added 0, changed 0, skipped 2 (already there), rejected 2."
    assert project.only("violence-against-women").build().ok


def test_the_sites_own_export_imports_as_nothing_new(project, sample):
    exported = sample.site / "data/recommendations.csv"
    count = len(exported.read_text(encoding="utf-8").splitlines()) - 1
    code, out = run(project, exported)
    assert (code, out.splitlines()[0]) == (0, f"Added 0, changed 0, skipped {count} (already there), rejected 0.")
    assert project.read("data/recommendations/cycle-3.yml") == (ROOT / "data/recommendations/cycle-3.yml").read_text(encoding="utf-8")
