"""Each declared schema, tested directly with good and bad examples."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ROOT
from uprkit.content import schemas as s
from uprkit.content.dates import PartialDate, parse_partial_date
from uprkit.content.problems import Problems
from uprkit.content.safety import scan
from uprkit.content.states import StateNames
from uprkit.content.yamlsource import parse_yaml
from uprkit.errors import ContentError
from uprkit.i18n.messages import load_messages

EN = Problems(load_messages(ROOT, "en"))


def check(model, text: str):
    return s.validate(model, parse_yaml(text, "x.yml", EN), EN)


def messages(model, text: str) -> list[str]:
    with pytest.raises(ContentError) as info:
        check(model, text)
    return info.value.messages


# ------------------------------------------------------------------ YAML reading
def test_yaml_keeps_dotted_numbers_and_lines():
    doc = parse_yaml('a:\n  - 117.40\n  - 16.10\nb: NO\nc: true\nd: 2024-10-01\n', "x.yml", EN)
    assert doc.data == {"a": ["117.40", "16.10"], "b": "NO", "c": True, "d": "2024-10-01"}
    assert doc.line(("a", 1)) == 3 and doc.line(("b",)) == 4 and doc.line(("a", 7, "deeper")) == 1


def test_yaml_duplicate_key_is_an_error():
    with pytest.raises(ContentError, match=r"^x.yml:2: the key 'a' appears twice; keep it once$"):
        parse_yaml("a: 1\na: 2\n", "x.yml", EN)


def test_front_matter_lines_are_offset():
    doc = parse_yaml("title: x\nsummary: y\n", "f.en.md", EN, line_offset=1)
    assert doc.where(("summary",)) == "f.en.md:3"


# ------------------------------------------------------------------ dates
@pytest.mark.parametrize("text, expected", [
    ("2025", PartialDate(2025)), ("2025-05", PartialDate(2025, 5)), ("2025-05-05", PartialDate(2025, 5, 5)), (2025, PartialDate(2025)),
])
def test_partial_dates(text, expected):
    assert parse_partial_date(text) == expected


@pytest.mark.parametrize("text", ["05.05.2025", "2025-5-5", "2025-02-30", "May 2025", ""])
def test_bad_dates(text):
    with pytest.raises(ValueError, match="bad date|no such day"):
        parse_partial_date(text)


def test_period_ends():
    assert PartialDate(2027).end == dt.date(2027, 12, 31)
    assert PartialDate(2022, 12).end == dt.date(2022, 12, 31)
    assert PartialDate(2024, 2).end == dt.date(2024, 2, 29)


# ------------------------------------------------------------------ data files
def test_group_good_and_bad():
    good = "name: {en: Women, ru: Женщины}\ntable: vulnerable\ncontact: {name: Rapporteur, email: a@example.org}\n"
    assert check(s.Group, good).contact.name == {s.NEUTRAL: "Rapporteur"}
    assert messages(s.Group, good.replace("a@example.org", "not-an-address")) == ["x.yml:3: 'contact.email': 'not-an-address' is not an e-mail address"]
    assert messages(s.Group, "name: {en: Women}\ncontact: {name: R}\n") == ["x.yml:1: missing required 'table'; add it"]


def test_sdg_colour_must_be_hex():
    assert messages(s.Sdg, "colour: red\nname: {en: X, ru: Y}\ntargets: 5\n") == ["x.yml:1: 'colour': 'red' is not a colour such as '#E5243B'"]


def test_recommendation_file():
    good = 'cycle: 3\nrecommendations:\n  "140.1":\n    states: [DE]\n    response: supported\n    text: {en: Ratify.}\n'
    assert check(s.RecommendationFile, good).recommendations["140.1"].states == ["DE"]
    assert messages(s.RecommendationFile, good.replace("states: [DE]", "states: []")) == [
        "x.yml:4: 'recommendations.140.1.states' needs at least 1 item(s)"
    ]
    assert messages(s.RecommendationFile, good.replace('"140.1"', "first")) == [
        "x.yml:3: 'recommendations.first': 'first' is not a paragraph number such as '117.45'"
    ]


def test_milestone_kind_and_date():
    good = "session: 35\nmilestones:\n  - {kind: review, date: 2020-01-20}\n"
    assert check(s.Cycle, good).milestones[0].date == PartialDate(2020, 1, 20)
    assert messages(s.Cycle, good.replace("2020-01-20", "20 Jan 2020")) == [
        "x.yml:3: 'milestones.0.date': bad date '20 Jan 2020': write it as YYYY-MM-DD (or YYYY-MM, or YYYY)"
    ]


def test_factsheet_meta_requires_suggested_recommendations():
    meta = "group: women\ncluster: women\ndate: 2024\n"
    assert messages(s.FactsheetMeta, meta) == ["x.yml:1: missing required 'suggested_recommendations'; add it"]
    assert check(s.FactsheetMeta, meta + "suggested_recommendations: [{id: a}]\n").suggested_recommendations[0].id == "a"


def test_factsheet_text_refuses_unknown_keys():
    assert messages(s.FactsheetText, "title: T\nsummary: S\nauthor: me\n") == ["x.yml:3: unknown key 'author'; check its spelling"]


# ------------------------------------------------------------------ State names
def test_state_names_use_un_names_where_they_differ():
    names = StateNames({"KG": {"ru": "Кыргызстан"}})
    assert names.name("KG", "ru") == "Кыргызстан"
    assert names.name("KG", "en") == "Kyrgyzstan"
    assert names.name("DE", "ru") == "Германия"
    assert names.problem("XX") and names.problem("DE") is None


# ------------------------------------------------------------------ script in text
@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>", "<SCRIPT src=x>", "<svg onload=alert(1)>", '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" &#x6A;avascript:alert(1)">x</a>', "[x](javascript:alert(1))", "[x]: javascript:alert(1)", "<javascript:alert(1)>",
    '<img src="data:text/html;base64,PHNjcmlwdD4=">', "<iframe src=x></iframe>", '<p style="background:url(javascript:alert(1))">',
])
def test_script_is_found(text):
    assert scan("Intro.\n\n" + text)


@pytest.mark.parametrize("text", [
    "Plain text about javascript and onions.", "<sup>1</sup> <abbr title='x'>UN</abbr>", "[OHCHR](https://www.ohchr.org/)",
    '<img src="data:image/png;base64,iVBOR" alt="">',
])
def test_harmless_text_passes(text):
    assert scan(text) == []
