"""The reader's pages as a diplomat reads them: the factsheet's web order, State names that
lead to briefings, briefings without self-reference in one table with named SDG chips and
plural-correct counts, dates and lists written by Babel in both languages, and a timeline
in date order that never calls a past date "expected".

Reads the session's sample build (conftest.sample); the timeline's dates are checked on
the content model with fixed build dates, without another build."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from uprkit.content import load_content
from uprkit.content.dates import PartialDate
from uprkit.content.parts import PARTS, PRINT_ORDER, WEB_ORDER
from uprkit.content.problems import Problems
from uprkit.i18n.formatting import format_date, format_list, format_size, list_separators
from uprkit.i18n.messages import load_messages
from uprkit.views.common import states
from uprkit.views.timeline import timeline

LANGS = {"ru": "", "en": "en/"}
SHEET = "factsheets/violence-against-women/"


def soup(sample, path: str) -> BeautifulSoup:
    return BeautifulSoup(sample.html(path + "index.html"), "html.parser")


def load(today: dt.date):
    return load_content(ROOT, ("ru", "en"), "KG", Problems(load_messages(ROOT, "en")), today)


@pytest.fixture(scope="module")
def content():
    return load(dt.date(2026, 12, 1))


def briefings(sample) -> list[Path]:
    return sorted(p for p in (sample.site / "states").iterdir() if p.is_dir())


# The factsheet page: what to recommend first, the evidence after -----------------------

def test_web_order_puts_the_top_block_first_and_leaves_print_alone(sample):
    assert WEB_ORDER[:4] == ("summary", "suggested", "targets", "contacts")
    assert WEB_ORDER[4:7] == ("previous", "mechanisms", "framework")
    assert WEB_ORDER[7:] == ("questions", "sources")
    assert sorted(WEB_ORDER) == sorted(PARTS) == sorted(PRINT_ORDER)
    for lang, prefix in LANGS.items():
        page = soup(sample, prefix + SHEET)
        shown = [s["id"].removeprefix("part-") for s in page.select("article.upr-fs section.upr-part")]
        assert shown == [name for name in WEB_ORDER if name in shown], (lang, shown)
        assert shown[:4] == ["summary", "suggested", "targets", "contacts"], (lang, shown)
        pdfs = page.select("section.upr-part--contacts .upr-downloads a[download]")  # the top block ends with the PDFs
        assert f"violence-against-women.{lang}.pdf" in [a["href"].rsplit("/", 1)[1] for a in pdfs]
        assert len(page.select(".upr-downloads")) == 1
        toc = [a["href"].split("#")[1] for a in page.select(".md-sidebar--secondary a.md-nav__link") if "#part-" in a["href"]]
        assert toc == [f"part-{name}" for name in shown], (lang, toc)


def test_state_names_on_a_factsheet_link_to_their_briefings(sample):
    for lang, prefix in LANGS.items():
        page = soup(sample, prefix + SHEET)
        for where in ("section.upr-part--targets li", "section.upr-part--previous td.upr-recs__states"):
            links = page.select(f"{where} a")
            assert links, (lang, where)
            for a in links:
                target = (sample.site / prefix / SHEET / a["href"]).resolve() / "index.html"
                assert target.is_file(), (lang, a["href"])
                briefing = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
                assert briefing.h1.get_text(strip=True) == a.get_text(strip=True), (lang, a["href"])
        # "Sweden and Finland", joined as the language joins names
        cell = next(td for td in page.select("td.upr-recs__states") if len(td.select("a")) == 2)
        assert re.fullmatch(r"\S.* (и|and) \S.*", cell.get_text(" ", strip=True).replace("  ", " ")), cell.get_text()


def test_footnotes_are_numbered_as_the_reader_meets_them_on_every_factsheet_page(sample):
    """The page's text is rendered in the web order, so the notes of a suggested
    recommendation come before those of the evidence."""
    checked = 0
    for lang, prefix in LANGS.items():
        for folder in sorted((sample.site / prefix / "factsheets").iterdir()):
            page = soup(sample, f"{prefix}factsheets/{folder.name}/")
            refs = [int(a.get_text()) for a in page.select("article.upr-fs sup[id^=fnref] a")]
            first = list(dict.fromkeys(refs))
            assert first == list(range(1, len(first) + 1)), (lang, folder.name, refs)
            checked += bool(first)
    assert checked > 10


def test_a_target_state_without_a_briefing_is_named_without_a_link(content):
    assert "ZW" not in content.recommending_states
    shown = states(content, ["SE", "ZW"], "en", set(content.recommending_states))
    assert [(s["name"], s["url"], s["sep"]) for s in shown] == [("Sweden", "en/states/se/", " and "), ("Zimbabwe", None, "")]


# Briefings -------------------------------------------------------------------------

def test_no_briefing_names_its_own_state_on_its_rows(sample):
    pages = briefings(sample)
    assert len(pages) > 40
    for lang, prefix in LANGS.items():
        for folder in pages:
            page = soup(sample, f"{prefix}states/{folder.name}/")
            own = page.h1.get_text(strip=True)
            table = page.select_one("table.upr-recs--briefing")
            assert table is not None, folder.name
            named = [a.get_text(strip=True) for a in table.select(".upr-recs__with a")]
            assert own not in named, (lang, folder.name)
            assert not table.select("td.upr-recs__states"), "no column repeating the State's own name"
            assert all(a["href"].startswith("../") for a in table.select(".upr-recs__with a"))


def test_a_briefing_has_one_table_with_one_header_and_a_row_group_per_theme(sample):
    for lang, prefix in LANGS.items():
        page = soup(sample, f"{prefix}states/se/")
        tables = page.select(".md-content table")
        assert len(tables) == 1, lang
        table = tables[0]
        assert len(table.select("thead tr")) == 1 and not table.select("tbody th[scope=col]")
        groups = table.select("tbody.upr-recs__group")
        assert len(groups) == 3, lang  # Sweden's three recommendations are on three themes
        for group in groups:
            head = group.select_one("tr.upr-recs__theme th[scope=colgroup]")
            assert head is not None and head["colspan"] == str(len(table.select("thead th")))
            assert group.select("tr > th[scope=row]")


def test_briefing_sdg_chips_carry_the_goals_names(sample, content):
    for lang, prefix in LANGS.items():
        page = soup(sample, f"{prefix}states/se/")
        chips = page.select("table.upr-recs--briefing li.upr-sdg")
        assert chips, lang
        for chip in chips:
            code = chip.select_one(".upr-sdg__code").get_text(strip=True)
            name = chip.select_one(".upr-sdg__name").get_text(strip=True)
            assert name == content.catalog.sdgs[int(code.partition(".")[0])].name[lang], (lang, code, name)


PLURALS = {
    "ru": {1: "1 рекомендация", 2: "2 рекомендации", 5: "5 рекомендаций", 21: "21 рекомендация", 11: "11 рекомендаций"},
    "en": {1: "1 recommendation", 2: "2 recommendations", 5: "5 recommendations", 21: "21 recommendations"},
}


@pytest.mark.parametrize("lang", LANGS)
def test_counts_take_the_plural_form_of_the_language(content, lang):
    t = content.labels(lang)
    for n, text in PLURALS[lang].items():
        assert t.count("briefing-made-n", n) == text
        assert t.count("briefing-intro-n", n, state="X").startswith(text + " ")


def test_briefings_show_their_counts_in_the_right_form(sample, content):
    made = Counter(code for record in content.records for code in record.rec.states)
    seen = set()
    for code, n in made.items():
        form = {1: 1, 2: 2, 3: 2, 4: 2}.get(n, 5)
        if form in seen:
            continue
        seen.add(form)
        for lang, prefix in LANGS.items():
            page = soup(sample, f"{prefix}states/{code.lower()}/")
            expected = PLURALS[lang][form].replace(str(form), str(n), 1)
            assert page.select_one(".upr-tally__total").get_text(strip=True) == expected, (code, lang)
            assert page.select_one(".md-content h1 ~ p").get_text(strip=True).startswith(expected + " "), (code, lang)
    assert seen == {1, 2, 5}, "the sample has States with 1, 2-4 and 5+ recommendations"


# Dates and lists, by Babel -----------------------------------------------------------

DATES = {  # precision: (ru, en); CLDR's narrow spaces become no-break spaces (PT Sans)
    (2020, 1, 20): ("20 января 2020\u00a0г.", "20 January 2020"),
    (2022, 12, None): ("декабрь 2022\u00a0г.", "December 2022"),
    (2020, None, None): ("2020", "2020"),
}


def test_dates_and_lists_are_written_by_babel(content):
    for parts, texts in DATES.items():
        for lang, text in zip(LANGS, texts, strict=True):
            assert format_date(PartialDate(*parts), content.labels(lang)) == text
    ru, en = content.labels("ru"), content.labels("en")
    assert format_date(dt.date(2024, 10, 15), ru) == "15 октября 2024\u00a0г."
    assert format_list(["Швеция", "Финляндия", "Норвегия"], ru) == "Швеция, Финляндия и Норвегия"
    assert format_list(["Sweden", "Finland", "Norway"], en) == "Sweden, Finland and Norway"
    assert list_separators(3, en) == [", ", " and ", ""] and list_separators(1, ru) == [""]
    assert format_size(1468006, ru) == "1,4 МБ" and format_size(1468006, en) == "1.4 MB"


def test_every_page_shows_dates_as_babel_writes_them(sample):
    """The factsheet's date, the sources' dates, the timeline and the readiness board."""
    expected = {"ru": "15 октября 2024\u00a0г.", "en": "15 October 2024"}
    for lang, prefix in LANGS.items():
        sheet = soup(sample, prefix + SHEET)
        assert expected[lang] in sheet.select_one(".upr-fs__meta").get_text()
        assert ("4 декабря 2020\u00a0г." if lang == "ru" else "4 December 2020") in sheet.select_one(".upr-part--sources").get_text()
        line = soup(sample, prefix + "timeline/").select_one(".upr-timeline").get_text()
        assert ("20 января 2020\u00a0г." if lang == "ru" else "20 January 2020") in line
        for page in ("", "timeline/", "readiness/", SHEET, "states/se/"):
            text = soup(sample, prefix + page).select_one(".md-content").get_text()
            assert "\u202f" not in text, (lang, page)  # no glyph for it in PT Sans
            assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text.replace("pdf", "")), (lang, page)


# Timeline ---------------------------------------------------------------------------

def test_partial_dates_sort_at_the_end_of_their_period_and_the_past_is_never_expected(content):
    for lang in LANGS:
        items = timeline(content, lang)["items"]
        ends = [(i["end"], i["start"]) for i in items]
        assert [e for e, _ in ends] == sorted(e for e, _ in ends)
        iso = [i["iso"] for i in items]
        assert iso.index("2020-01-20") < iso.index("2020")  # "Review 20 January 2020", then "Adoption 2020"
        assert iso.index("2020") < iso.index("2022-12")
        assert not [i for i in items if i["expected"] and i["end"] < content.today]
        assert [i["state"] for i in items].count("next") == 1
    before = {i["iso"]: i for i in timeline(load(dt.date(2022, 6, 1)), "en")["items"]}
    assert before["2022-12"]["expected"] and before["2022-12"]["state"] == "next"
    after = {i["iso"]: i for i in timeline(load(dt.date(2023, 1, 1)), "en")["items"]}
    assert not after["2022-12"]["expected"] and after["2022-12"]["state"] == "past"


def test_the_timeline_page_has_no_blank_cells_and_no_past_expected(sample):
    for lang, prefix in LANGS.items():
        page = soup(sample, prefix + "timeline/")
        words = {"ru": "ожидается", "en": "expected"}[lang]
        past = page.select(".upr-timeline__item--past")
        assert past and not [li for li in past if words in li.get_text()]
        assert words in page.select_one(".upr-timeline__item--next").get_text()
        rows = page.select("table.upr-cycles tbody tr")
        width = len(page.select("table.upr-cycles thead th"))
        for row in rows:
            cells = row.find_all(["th", "td"])
            assert len(cells) == width and all(c.get_text(strip=True) for c in cells), row
        order = [li.select_one("time")["datetime"] for li in page.select(".upr-timeline__item")]
        assert order.index("2020-01-20") < order.index("2020")


# SDG index --------------------------------------------------------------------------

def test_the_sdg_index_greys_out_goals_without_content(sample, content):
    used = {goal for record in content.records for goal in record.goals}
    for lang, prefix in LANGS.items():
        page = soup(sample, prefix + "sdgs/")
        goals = page.select("li.upr-goal")
        assert len(goals) == 17
        for li in goals:
            n = int(li.select_one(".upr-goal__n").get_text())
            if li.select_one("a"):
                assert "upr-goal--empty" not in li["class"]
            else:
                assert "upr-goal--empty" in li["class"] and n not in used, (lang, n)
        assert any(li.select_one("a") for li in goals)
