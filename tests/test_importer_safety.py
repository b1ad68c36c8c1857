"""`upr import` never writes what the build would refuse, never loses what was there, and
imports hostile text as text."""

from __future__ import annotations

import csv
import difflib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import copy_project
from test_importer import run

pytestmark = pytest.mark.xdist_group("importer_safety")  # its module fixtures are built once, on one worker

HEADER = ["cycle", "id", "states", "response", "cluster", "sdg_targets", "text_en", "text_ru"]
GOOD = [
    ["3", "140.304", "DE", "supported", "women", "5.2", "<script>alert(1)</script> Fund shelters & crisis centres.", ""],
    ["2", "117.40", "NO", "noted", "women", "16.10", "Ratify the Istanbul Convention.", ""],
    ["3", "140.17", "CZ", "noted", "", "", "", "Отменить конституционные поправки 2016 года."],
]
HOSTILE = ["3", "140.305", "DE", "supported", "no-such-theme: {x", "99.1", "A text.", ""]
UNKNOWN_CLUSTER = ["3", "140.306", "DE", "supported", "no-such-theme", "", "A text.", ""]
UNKNOWN_SDG = ["3", "140.307", "DE", "supported", "women", "5.9", "A text.", ""]
UNKNOWN_GOAL = ["3", "140.308", "DE", "supported", "women", "18.1", "A text.", ""]
UNKNOWN_CYCLE = ["7", "12.1", "DE", "supported", "women", "5.2", "A text.", ""]
CYCLE3 = "data/recommendations/cycle-3.yml"
CYCLE2 = "data/recommendations/cycle-2.yml"
COMMENTS = {  # added to the cycle file before importing: they must survive
    '  "140.15":\n': '  # Ombudsperson: see also the NHRI factsheet\n  "140.15":\n',
    "    states: [CZ]\n": "    states: [CZ]  # one State only\n",
}


def table(path: Path, *rows: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


def snapshot(project) -> dict[Path, bytes]:
    return {p: p.read_bytes() for folder in ("data", "factsheets") for p in (project.root / folder).rglob("*") if p.is_file()}


def with_comments(project) -> None:
    for old, new in COMMENTS.items():
        project.replace(CYCLE3, old, new)


# ---------------------------------------------------------------- rejected rows
def test_hostile_row_is_rejected_with_its_row_and_nothing_is_written(project, tmp_path):
    source = table(tmp_path / "recommendations.csv", GOOD[0], HOSTILE)
    before = snapshot(project)
    code, out = run(project, source)
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith("Added 1, changed 0, skipped 0 (already there), rejected ")
    assert lines[1] == "  added: 3/140.304"
    assert "140.305" not in out
    rejected = [line for line in lines if line.startswith("  recommendations.csv: ")]
    assert rejected and all(line.startswith("  recommendations.csv: row 3: ") for line in rejected), out
    assert any("no-such-theme: {x" in line for line in rejected) and any("'99.1'" in line for line in rejected), out
    assert lines[-1].startswith("Nothing was written because records were rejected")
    assert "Traceback" not in out
    assert snapshot(project) == before


@pytest.mark.parametrize("row, words", [
    (UNKNOWN_CLUSTER, "unknown cluster 'no-such-theme'"),
    (UNKNOWN_SDG, "unknown SDG target '5.9'"),
    (UNKNOWN_GOAL, "unknown SDG '18.1'"),
], ids=["cluster", "sdg-target", "sdg-goal"])
def test_unknown_cluster_or_sdg_is_rejected(project, tmp_path, row, words):
    source = table(tmp_path / "recommendations.csv", GOOD[1], row)
    before = snapshot(project)
    code, out = run(project, source)
    rejected = [line for line in out.splitlines() if line.startswith("  recommendations.csv: ")]
    assert code == 1
    assert len(rejected) == 1 and rejected[0].startswith(f"  recommendations.csv: row 3: {words}"), out
    assert snapshot(project) == before


def test_cycle_not_in_cycles_yml_is_rejected(project, tmp_path):
    source = table(tmp_path / "recommendations.csv", UNKNOWN_CYCLE)
    before = snapshot(project)
    code, out = run(project, source, "--partial")
    assert code == 1
    assert out.splitlines() == [
        "Added 0, changed 0, skipped 0 (already there), rejected 1.",
        "  recommendations.csv: row 2: cycle 7 is not in data/cycles.yml; add it there first, then import again",
    ]
    assert snapshot(project) == before
    assert not project.path("data/recommendations/cycle-7.yml").exists()


def test_dry_run_prints_the_diff_and_writes_nothing(project, tmp_path):
    with_comments(project)
    source = table(tmp_path / "recommendations.csv", *GOOD)
    before = snapshot(project)
    originals = {rel: project.read(rel) for rel in (CYCLE2, CYCLE3)}
    code, out = run(project, source, "--dry-run")
    assert code == 0
    assert snapshot(project) == before
    for rel in (CYCLE2, CYCLE3):
        assert f"--- a/{rel}\n+++ b/{rel}\n@@ " in out
    assert '+  "140.304":\n' in out and '+  "117.40":\n' in out
    # the diff is exactly the change a real run then makes
    code, _ = run(project, source)
    assert code == 0
    expected = "".join(
        line for rel in (CYCLE2, CYCLE3)
        for line in difflib.unified_diff(originals[rel].splitlines(True), project.read(rel).splitlines(True), f"a/{rel}", f"b/{rel}")
    )
    assert expected and expected in out


# ---------------------------------------------------------------- a partial import, then a build
@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The good rows and every bad one imported with --partial into a copy whose cycle file
    has comments; then the strict build."""
    project = copy_project(tmp_path_factory.mktemp("imported"))
    with_comments(project)
    originals = {rel: project.read(rel) for rel in (CYCLE2, CYCLE3)}
    source = table(tmp_path_factory.mktemp("source") / "recommendations.csv", GOOD[0], HOSTILE, GOOD[1], UNKNOWN_CLUSTER, GOOD[2],
                   UNKNOWN_SDG, UNKNOWN_CYCLE)
    code, out = run(project, source, "--partial")
    return project, originals, code, out, project.build()


def test_partial_writes_the_good_rows_and_the_build_passes(imported):
    project, _, code, out, built = imported
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith("Added 2, changed 1, skipped 0 (already there), rejected ")
    assert lines[1:3] == ["  added: 3/140.304, 2/117.40", "  changed: 3/140.17 (+text_ru)"]
    assert {line.split(": ")[1] for line in lines[3:]} == {"row 3", "row 5", "row 7", "row 8"}, out
    text = project.read(CYCLE3)
    assert '"140.304":' in text and "140.305" not in text and "140.306" not in text and "140.307" not in text
    assert built.ok, built.messages(30)


def test_injection_text_is_imported_as_text(imported):
    project, _, _, _, built = imported
    assert built.ok, built.messages(30)
    assert 'en: "<script>alert(1)</script> Fund shelters & crisis centres."' in project.read(CYCLE3)
    page = built.html("en/recommendations/index.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Fund shelters &amp; crisis centres." in page
    assert "<script>alert(1)" not in page
    soup = BeautifulSoup(page, "lxml")
    assert not any("alert(1)" in script.get_text() for script in soup.find_all("script"))
    assert "<script>alert(1)</script> Fund shelters & crisis centres." in soup.get_text()


def test_comments_and_untouched_recommendations_keep_their_lines(imported):
    project, originals, _, _, _ = imported
    for rel in (CYCLE2, CYCLE3):
        diff = list(difflib.ndiff(originals[rel].splitlines(), project.read(rel).splitlines()))
        assert [line for line in diff if line.startswith("- ")] == [], rel  # nothing removed or rewritten: only additions
        assert any(line.startswith("+ ") for line in diff), rel
    text = project.read(CYCLE3)
    assert "  # Ombudsperson: see also the NHRI factsheet\n" in text and "    states: [CZ]  # one State only\n" in text
    assert text.startswith(originals[CYCLE3].split("cycle: 3")[0])  # the header comment


def test_norway_stays_norway_and_the_zero_stays(imported):
    project, _, _, _, built = imported
    assert '  "117.40":\n    states: ["NO"]\n    response: noted\n    cluster: women\n    sdg_targets: ["16.10"]\n' in project.read(CYCLE2)
    assert built.ok, built.messages(30)
    norway = BeautifulSoup(built.html("en/states/no/index.html"), "lxml").get_text()
    assert "117.40" in norway and "Ratify the Istanbul Convention." in norway
    rows = list(csv.DictReader((built.site / "data/recommendations.csv").open(encoding="utf-8")))
    row = next(r for r in rows if r["cycle"] == "2" and r["id"] == "117.40")
    assert row["states"] == "NO" and row["sdg_targets"] == "16.10"
