"""The sample site, built once: every factsheet part in both languages, the language
switcher, the untranslated notice, group and café pages, nothing fetched from outside."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT

LANGS = {"ru": "", "en": "en/"}


def soup(built, path: str) -> BeautifulSoup:
    return BeautifulSoup(built.html(path), "html.parser")


def factsheets() -> dict[str, dict]:
    """slug -> {meta, languages} read straight from the sample's files."""
    out = {}
    for meta_file in sorted((ROOT / "factsheets").rglob("*.yml")):
        langs = [lang for lang in LANGS if meta_file.with_name(f"{meta_file.stem}.{lang}.md").exists()]
        out[meta_file.stem] = {"meta": yaml.safe_load(meta_file.read_text(encoding="utf-8")), "langs": langs, "dir": meta_file.parent}
    return out


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


SHEETS = factsheets()
GROUPS = yaml.safe_load((ROOT / "data/groups.yml").read_text(encoding="utf-8"))


def test_sample_is_big_enough():
    assert len(SHEETS) >= 10
    assert len(GROUPS) >= 8
    tables = {GROUPS[s["meta"]["group"]]["table"] if "table" not in s["meta"] else s["meta"]["table"] for s in SHEETS.values()}
    assert tables == {"esc", "civil-political", "vulnerable"}
    assert any(len(s["langs"]) == 1 for s in SHEETS.values()), "one factsheet stays untranslated to show the notice"


def test_home_page_in_both_languages(sample):
    ru, en = soup(sample, "index.html"), soup(sample, "en/index.html")
    assert ru.html["lang"] == "ru" and en.html["lang"] == "en"
    assert "Кыргызстан" in ru.select_one(".upr-home").text
    assert "Kyrgyzstan" in en.select_one(".upr-home").text
    assert "cycle 4" in en.select_one(".upr-home").text
    assert "Next milestone" in en.select_one(".upr-home").text
    assert len(en.select(".upr-door__list a[href*='tables/']")) == 3


@pytest.mark.parametrize("slug", sorted(SHEETS))
@pytest.mark.parametrize("lang", LANGS)
def test_factsheet_shows_every_part(sample, slug, lang):
    sheet = SHEETS[slug]
    page = soup(sample, f"{LANGS[lang]}factsheets/{slug}/index.html")
    article = page.select_one("article.upr-fs")
    meta = sheet["meta"]
    # 1. group, theme, country, date; SDG chips in official colours
    assert article.select_one(".upr-fs__group a")["href"].endswith(f"groups/{meta['group']}/")
    assert len(article.select(".upr-fs__meta > div")) == 4
    chips = article.select(".upr-fs__head .upr-sdg")
    assert [c.select_one(".upr-sdg__code").text for c in chips] == [str(t) for t in meta.get("sdg_targets", [])]
    assert all(re.match(r"--sdg: #[0-9A-Fa-f]{6}", c["style"]) for c in chips)
    # 3. previous recommendations: id, States, response, coloured assessment
    rows = article.select(".upr-part--previous tbody tr")
    assert [r.th.contents[0].strip() for r in rows] == [str(p["id"]) for p in meta.get("previous_recommendations", [])]
    for row in rows:
        cells = row.find_all("td")
        assert cells[1].text.strip() and cells[2].text.strip()
        assert re.match(r"--status: #[0-9A-Fa-f]{6}", row.select_one(".upr-status")["style"])
    # 4. other mechanisms, with grades where given
    mechs = article.select(".upr-mech")
    assert len(mechs) == len(meta.get("other_mechanisms", []))
    assert len(article.select(".upr-mech .upr-grade")) == sum(1 for m in meta.get("other_mechanisms", []) if m.get("grade"))
    # 8. target States and 9. contacts always
    assert len(article.select(".upr-part--targets li")) == len(meta.get("target_states", []))
    assert article.select(".upr-part--contacts .upr-contact")
    if lang in sheet["langs"]:
        text = front_matter(sheet["dir"] / f"{slug}.{lang}.md")
        assert article.h1.text.strip() == text["title"]
        assert article.select_one(".upr-part--summary p").text.strip()
        assert article.select_one(".upr-part--framework").text.strip()
        # 6. suggested recommendations, 7. questions
        assert len(article.select(".upr-suggested > li")) == len(meta["suggested_recommendations"])
        assert len(article.select(".upr-questions > li")) == len(text.get("questions", []))
        # 9. sources as numbered footnotes, one per source
        assert len(article.select(".upr-part--sources .footnote li")) == len(meta.get("sources", {}))
        assert not article.select(".upr-notice--missing")
    else:
        assert article.select_one(".upr-notice--missing")
        assert not article.select(".upr-part--summary, .upr-part--suggested")


@pytest.mark.parametrize("slug", sorted(SHEETS))
def test_language_switcher_stays_on_the_factsheet(sample, slug):
    ru = soup(sample, f"factsheets/{slug}/index.html")
    en = soup(sample, f"en/factsheets/{slug}/index.html")
    ru_links = {a["hreflang"]: a["href"] for a in ru.select(".md-select__link[hreflang]")}
    en_links = {a["hreflang"]: a["href"] for a in en.select(".md-select__link[hreflang]")}
    assert ru_links["en"] == f"../../en/factsheets/{slug}/"
    assert en_links["ru"] == f"../../../factsheets/{slug}/"


def test_untranslated_factsheet_says_so_in_english(sample):
    slug = next(s for s, v in SHEETS.items() if v["langs"] == ["ru"])
    page = soup(sample, f"en/factsheets/{slug}/index.html")
    title = front_matter(SHEETS[slug]["dir"] / f"{slug}.ru.md")["title"]
    assert page.select_one("article h1").text.strip() == "This factsheet is not yet translated into English"
    link = page.select_one(".upr-notice--missing a[hreflang=ru]")
    assert link["href"] == f"../../../factsheets/{slug}/" and link.text == title and link["lang"] == "ru"
    # the Russian narrative is not shown as if it were English
    ru_summary = soup(sample, f"factsheets/{slug}/index.html").select_one(".upr-part--summary p").text
    assert ru_summary not in page.text
    # the English table pile marks it
    table = SHEETS[slug]["meta"].get("table") or GROUPS[SHEETS[slug]["meta"]["group"]]["table"]
    card = soup(sample, f"en/tables/{table}/index.html").select_one(f".upr-cards a[href='../../factsheets/{slug}/']")
    assert card["lang"] == "ru" and "not yet translated" in card.parent.text


def test_translation_status_page_lists_what_is_missing(sample):
    page = soup(sample, "en/readiness/index.html")
    rows = {a["href"].split("/")[-2]: tr for tr in page.select(".upr-status-table tbody tr.upr-readiness__row") for a in [tr.th.a]}
    assert set(rows) == set(SHEETS)
    for slug, sheet in SHEETS.items():
        cells = rows[slug].select("td.upr-tr")
        statuses = [c["class"][1].removeprefix("upr-tr--") for c in cells]
        assert statuses[0] == ("complete" if "ru" in sheet["langs"] else "missing") or statuses[0] == "partial"
        if "en" not in sheet["langs"]:
            assert statuses[1] == "missing"
    assert any("partial" in c["class"][1] for tr in rows.values() for c in tr.select("td.upr-tr")), "the sample has a partly translated factsheet"


@pytest.mark.parametrize("lang", LANGS)
def test_group_and_table_pages_list_their_factsheets(sample, lang):
    for group_id in GROUPS:
        page = soup(sample, f"{LANGS[lang]}groups/{group_id}/index.html")
        listed = {a["href"].split("/")[-2] for a in page.select(".upr-card > a")}
        assert listed == {s for s, v in SHEETS.items() if v["meta"]["group"] == group_id}
    for table in ("esc", "civil-political", "vulnerable"):
        page = soup(sample, f"{LANGS[lang]}tables/{table}/index.html")
        listed = {a["href"].split("/")[-2] for a in page.select(".upr-card > a")}
        expected = {s for s, v in SHEETS.items() if (v["meta"].get("table") or GROUPS[v["meta"]["group"]]["table"]) == table}
        assert listed == expected and expected


def test_readers_pages_have_no_edit_button(sample):
    """The edit button is editors' chrome (the upr option editor_chrome, default off;
    tests/test_reader.py checks where it points when on)."""
    for slug in SHEETS:
        assert soup(sample, f"factsheets/{slug}/index.html").select_one("a.md-content__button") is None


def test_nothing_is_fetched_from_outside_the_site(sample):
    offsite = re.compile(r"^(https?:)?//", re.I)
    for page in sample.site.rglob("*.html"):
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src")):
            for element in doc.find_all(tag):
                if tag == "link" and "stylesheet" not in element.get("rel", []) and "preconnect" not in element.get("rel", []):
                    continue
                assert not offsite.match(element.get(attr, "")), f"{page}: {element}"
        assert "fonts.googleapis" not in str(doc) and 'data-md-component="source"' not in str(doc)
    for css in sample.site.rglob("*.css"):
        for url in re.findall(r"url\(([^)]*)\)", css.read_text(encoding="utf-8")):
            assert not offsite.match(url.strip("'\"")), f"{css}: {url}"


def test_search_has_an_index_per_language(sample):
    """Russian pages search site/search/, English ones site/en/search/ (site/search.py)."""
    ru, en = (json.loads(sample.html(f"{prefix}search/search_index.json")) for prefix in ("", "en/"))
    assert ru["config"]["lang"] == ["ru", "en"] and en["config"]["lang"] == ["en"]
    for index in (ru, en):
        locations = [doc["location"] for doc in index["docs"]]
        assert any(loc.startswith("factsheets/") for loc in locations)
        assert not any(loc.startswith("en/") for loc in locations)
    assert any("похищение невест" in doc["text"] for doc in ru["docs"])
    assert not any("похищение невест" in doc["text"] for doc in en["docs"])
    assert any("bride kidnapping" in doc["text"] for doc in en["docs"])
    # the Russian guide quotes English examples; the Russian factsheets are Russian
    assert not any("bride kidnapping" in doc["text"] for doc in ru["docs"] if doc["location"].startswith("factsheets/"))


def test_missing_translation_is_a_notice_not_a_warning(sample):
    assert any("statelessness.en.md" in m for m in sample.messages())
    assert not sample.messages(30)


def test_internal_links_resolve_and_stay_in_the_page_language(sample):
    """Every relative link points at a built file; on an English page it stays in en/
    unless it is a declared language link (hreflang)."""
    site = sample.site.resolve()
    for page in site.rglob("*.html"):
        rel_page = page.relative_to(site).as_posix()
        if page.name == "404.html":  # served at any depth, so its links are absolute
            continue
        lang = "en" if rel_page.startswith("en/") else "ru"
        for a in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all("a", href=True):
            href = a["href"].split("#")[0]
            if not href or re.match(r"^[a-z]+:", href) or href.startswith("//"):
                continue
            target = (site / href.lstrip("/") if href.startswith("/") else page.parent / href).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.exists(), f"{rel_page}: broken link {a['href']}"
            target_rel = target.relative_to(site).as_posix()
            if target_rel.startswith(("assets/", "pdf/", "data/")) or target_rel == "404.html" or a.get("hreflang"):
                continue
            assert target_rel.startswith("en/") == (lang == "en"), f"{rel_page}: link {a['href']} leaves the {lang} site"


def test_country_under_review_is_configuration(project):
    """A Kazakh coalition changes mkdocs.yml and data/ only."""
    for folder in ("hooks", "overrides"):
        for path in (project.root / folder).rglob("*.*"):
            if path.suffix in (".py", ".html", ".css"):
                assert not re.search(r"kyrgyz|кыргыз|\bKGZ?\b", path.read_text(encoding="utf-8"), re.I), path
    project.replace("mkdocs.yml", "country: KG", "country: KZ")
    project.write("data/cycles.yml", "3:\n  session: 34\n  recommendations: 245\n  milestones:\n    - {kind: review, date: 2019-11}\n"
                  "4:\n  recommendations: 294\n  milestones:\n    - {kind: review, date: 2025-01-23}\n    - {kind: mid-term, date: 2099, expected: true}\n")
    for rel in ("data/recommendations/cycle-2.yml", "data/recommendations/cycle-3.yml"):
        project.replace(rel, "cycle: ", "cycle: 3\n# was: ")
    for path in (project.root / "data/recommendations").glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text, encoding="utf-8")
    project.path("data/recommendations/cycle-2.yml").unlink()
    shutil.rmtree(project.root / "factsheets")
    project.path("factsheets").mkdir()
    built = project.build()
    assert built.ok, built.errors
    home = soup(built, "en/index.html").select_one(".upr-home").text
    assert "Kazakhstan" in home and "cycle 4" in home and "23 January 2025" in home and "2099" in home
    assert "Казахстан" in soup(built, "index.html").select_one(".upr-home").text


def test_readiness_board_puts_who_is_late_first(sample):
    """Per group and factsheet: languages, gaps, printed pages, SMART remarks; the
    factsheets that lack a language come first, ready ones last."""
    page = soup(sample, "en/readiness/index.html")
    statuses = [tr["class"][1].removeprefix("upr-readiness__row--") for tr in page.select("tr.upr-readiness__row")]
    order = {"missing": 0, "work": 1, "check": 2, "ready": 3}
    groups = [[order[tr["class"][1].removeprefix("upr-readiness__row--")] for tr in body.select("tr.upr-readiness__row")]
              for body in page.select("tbody.upr-readiness__group")]
    assert [min(g) for g in groups] == sorted(min(g) for g in groups), "the group with the most to do comes first"
    assert statuses[0] == "missing" and "ready" in statuses
    women = page.select_one("tr.upr-readiness__row a[href$='factsheets/violence-against-women/']").find_parent("tr")
    assert "'shelters': no time frame" in women.select_one(".upr-smart").text
    assert [p.text for p in women.select(".upr-pages")] in (["1 page"] * 2, ["2 pages"] * 2, ["1 page", "2 pages"], ["2 pages", "1 page"])
    assert women["class"][1] == "upr-readiness__row--check"


def test_readiness_board_counts_the_days_to_the_next_deadline(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 2027-01-01
    project.replace("data/cycles.yml", "    - {kind: review, date: 2025}\n", "    - {kind: review, date: 2025}\n    - {kind: submission, date: 2027-01-22}\n")
    built = project.build()
    assert built.ok, built.errors
    assert "21 days left" in soup(built, "en/readiness/index.html").select_one(".upr-deadline").text
    assert "осталось: 21 день" in soup(built, "readiness/index.html").select_one(".upr-deadline").text


@pytest.mark.parametrize("lang, words", [("ru", "Ближайший срок не известен"), ("en", "No deadline ahead")])
def test_readiness_board_says_when_no_deadline_is_known(sample, lang, words):
    """The sample's cycles have no submission or pre-session date ahead: the board says so
    and where to add one, rather than leaving the days left out without a word."""
    deadline = soup(sample, f"{LANGS[lang]}readiness/index.html").select_one(".upr-deadline")
    assert deadline is not None and words in deadline.text and "data/cycles.yml" in deadline.text


@pytest.mark.parametrize("lang, word", [("ru", "неизвестный код государства"), ("en", "unknown State code")])
def test_build_messages_page_lists_every_message(sample, lang, word):
    import yaml as _yaml

    catalogue = _yaml.safe_load((ROOT / "data/messages.yml").read_text(encoding="utf-8"))
    page = soup(sample, f"{LANGS[lang]}messages/index.html")
    keys = [code.text for code in page.select(".upr-messages td code")]
    assert keys == list(catalogue)
    assert word in page.select_one(".upr-messages").text


def test_no_source_file_is_published(sample):
    """Templates and sources (the scaffold, data files) stay out of the built site."""
    stray = [p.relative_to(sample.site).as_posix() for p in sample.site.rglob("*") if p.suffix in (".md", ".yml", ".yaml", ".j2")]
    generated = {f"admin/config.{lang}.yml" for lang in ("ru", "en")}  # the web editor's configuration, made by the build
    assert sorted(set(stray) - generated) == []
