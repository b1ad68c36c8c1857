"""Per-State briefings, the States index, the explorer, SDG pages, the timeline and the
data export, checked against the sample's own data files."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from test_site import LANGS, SHEETS, soup
from uprkit.content.problems import Problems
from uprkit.content.yamlsource import parse_yaml
from uprkit.i18n.messages import load_messages

EN = Problems(load_messages(ROOT, "en"))
RECS = {}
for path in sorted((ROOT / "data/recommendations").glob("*.yml")):
    data = parse_yaml(path.read_text(encoding="utf-8"), path.name, EN).data  # our reader: NO is Norway
    for rec_id, rec in data["recommendations"].items():
        RECS[(data["cycle"], str(rec_id))] = rec
ASSESSED = defaultdict(list)
for sheet in SHEETS.values():
    for ref in sheet["meta"].get("previous_recommendations", []):
        ASSESSED[(ref["cycle"], str(ref["id"]))].append((sheet["meta"]["group"], ref["assessment"]))
STATES = sorted({code for rec in RECS.values() for code in rec["states"]})


def ids(table) -> list[str]:
    return [th.contents[0].strip() for th in table.select("tbody tr > th[scope=row]")]  # not a briefing's theme rows


@pytest.mark.parametrize("lang", LANGS)
def test_a_briefing_per_state_with_its_recommendations(sample, lang):
    for code in STATES:
        page = soup(sample, f"{LANGS[lang]}states/{code.lower()}/index.html")
        shown = sorted(i for table in page.select("table.upr-recs--data") for i in ids(table))
        assert shown == sorted(rid for (_, rid), rec in RECS.items() if code in rec["states"]), code
    page = soup(sample, f"{LANGS[lang]}states/se/index.html")
    row = next(tr for tr in page.select("tbody tr") if tr.th.contents[0].strip() == "140.161")
    assert row.select_one(".upr-status")["style"].startswith("--status: #")
    assert page.select(".upr-briefing-sheet a[href$='factsheets/violence-against-women/']")
    assert page.select(".upr-contacts a[href^='mailto:women@example.org']")


def test_state_names_are_the_uns_in_both_languages(sample):
    assert soup(sample, "states/gb/index.html").h1.text.strip() == "Соединенное Королевство Великобритании и Северной Ирландии"
    assert soup(sample, "en/states/gb/index.html").h1.text.strip() == "United Kingdom of Great Britain and Northern Ireland"


def test_states_index_counts(sample):
    page = soup(sample, "en/states/index.html")
    rows = {tr.th.a["href"].split("/")[-2]: [td.text for td in tr.find_all("td")] for tr in page.select("tbody tr")}
    assert sorted(rows) == sorted(c.lower() for c in STATES)
    heads = [th.text.strip() for th in page.select("thead th")]
    for code in ("SE", "CH", "DE"):
        mine = [key for key, rec in RECS.items() if code in rec["states"]]
        cells = dict(zip(heads[1:], rows[code.lower()], strict=True))
        assert cells["Recommendations"] == str(len(mine))
        assert cells["Supported"] == str(sum(RECS[k]["response"] == "supported" for k in mine))
        assert cells["Not implemented"] == str(sum(a == "not-implemented" for k in mine for _, a in ASSESSED[k]))
    assert page.select_one("table[data-upr-sortable]") and page.select_one("input[data-upr-filter]")


@pytest.mark.parametrize("lang", LANGS)
def test_explorer_lists_everything_with_filter_data(sample, lang):
    page = soup(sample, f"{LANGS[lang]}recommendations/index.html")
    table = page.select_one("#upr-explorer table")
    assert len(table.select("tbody tr")) == len(RECS)
    assert not table.find_parent(attrs={"hidden": True}), "without JavaScript the table is all there"
    form = page.select_one("form[data-upr-filters]")
    assert form.has_attr("hidden") and {s["name"] for s in form.select("select")} == {"cycle", "response", "cluster", "goals", "assessments", "states"}
    row = next(tr for tr in table.select("tbody tr") if tr.th.contents[0].strip() == "140.161")
    assert row["data-cycle"] == "3" and row["data-response"] == "supported" and " SE " in row["data-states"] and " 5 " in row["data-goals"]
    assert " partially-implemented " in row["data-assessments"]
    assert page.select_one("a[href$='data/recommendations.csv']") and page.select_one("a[href$='data/recommendations.json']")


def test_data_export(sample):
    rows = list(csv.DictReader(io.StringIO(sample.html("data/recommendations.csv"))))
    assert list(rows[0]) == ["cycle", "id", "report", "states", "response", "cluster", "sdg_targets", "assessments", "factsheets", "text_ru", "text_en"]
    assert len(rows) == len(RECS)
    women = next(r for r in rows if r["id"] == "140.161")
    assert women["states"] == "SE;FI" and women["assessments"] == "women:partially-implemented" and women["factsheets"] == "violence-against-women"
    data = json.loads(sample.html("data/recommendations.json"))
    assert len(data) == len(RECS)
    item = next(d for d in data if d["id"] == "140.163")
    assert item["states"] == ["DE", "NO"] and item["text_ru"] == "" and item["text_en"].startswith("Amend the Criminal Procedure Code")


@pytest.mark.parametrize("lang", LANGS)
def test_sdg_pages(sample, lang):
    index = soup(sample, f"{LANGS[lang]}sdgs/index.html")
    assert len(index.select(".upr-goal")) == 17
    assert index.select_one(".upr-goal")["style"] == "--sdg: #E5243B; --ink: #000000"
    page = soup(sample, f"{LANGS[lang]}sdgs/5/index.html")
    assert page.select_one(".upr-card > a[href$='factsheets/violence-against-women/']")
    expected = sorted(rid for (_, rid), rec in RECS.items() if any(str(t).split(".")[0] == "5" for t in rec.get("sdg_targets", [])))
    assert sorted(ids(page.select_one("table.upr-recs--data"))) == expected


def test_timeline_highlights_what_comes_next(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1567296000")  # 1 September 2019
    built = project.build()
    assert built.ok, built.errors
    page = BeautifulSoup(built.html("en/timeline/index.html"), "html.parser")
    current = page.select_one("[aria-current=step]")
    assert "Pre-session" in current.text and "25 October 2019" in current.text
    assert "Today is 1 September 2019" in page.text
    assert len(page.select(".upr-timeline__item--past")) == 3  # cycles 1 and 2, and 18 July 2019


@pytest.mark.parametrize("lang", LANGS)
def test_briefing_pdfs(sample, lang):
    from pypdf import PdfReader

    for code in STATES:
        path = sample.site / f"pdf/states/{code.lower()}.{lang}.pdf"
        reader = PdfReader(path)
        assert reader.trailer["/Root"]["/Lang"] == lang
        text = "".join(page.extract_text() for page in reader.pages)
        for (_, rid), rec in RECS.items():
            if code in rec["states"]:
                assert rid in text, (code, rid)
    assert PdfReader(sample.site / f"pdf/states/se.{lang}.pdf").metadata.title == {"en": "Briefing for Sweden", "ru": "Справка для государства: Швеция"}[lang]
    page = soup(sample, f"{LANGS[lang]}states/se/index.html")
    assert [a["href"].rsplit("/", 1)[1] for a in page.select(".upr-downloads a")] == [f"se.{lang}.pdf", f"se.{'en' if lang == 'ru' else 'ru'}.pdf"]


@pytest.mark.parametrize("lang", LANGS)
def test_reader_pages_have_their_boxes_filled_before_scripts_run(sample, lang):
    """What upr.js would add later and so move the page (CLS) is in the markup: the States
    index's sort buttons (disabled until the script enables them) and the filters' counts."""
    page = soup(sample, f"{LANGS[lang]}states/index.html")
    heads = page.select("#upr-states-table thead th")
    assert heads and all(th.select_one("button.upr-sort[disabled] .upr-sort__icon") for th in heads)
    rows = len(page.select("#upr-states-table tbody tr"))
    assert f"{rows}" in page.select_one("output[data-upr-count]").text
    explorer = soup(sample, f"{LANGS[lang]}recommendations/index.html")
    assert f"{len(RECS)}" in explorer.select_one("form[data-upr-filters] output[data-upr-count]").text


@pytest.mark.parametrize("lang", LANGS)
def test_explorer_and_sdg_rows_name_their_goals(sample, lang):
    """SDG targets are chips with the goal's name, as on factsheets, not bare codes."""
    names = {"ru": "Гендерное равенство", "en": "Gender equality"}
    for path in ("recommendations/index.html", "sdgs/5/index.html"):
        page = soup(sample, f"{LANGS[lang]}{path}")
        row = next(tr for tr in page.select("tbody tr") if tr.th.contents[0].strip() == "140.161")
        chips = {chip.select_one(".upr-sdg__code").text: chip.select_one(".upr-sdg__name").text for chip in row.select("li.upr-sdg")}
        assert chips and all(name.strip() for name in chips.values()), path
        assert names[lang] in {name.strip() for code, name in chips.items() if code.startswith("5.")}, path
