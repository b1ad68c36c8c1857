"""The reader's pages, read as files: diplomats' pages in the search index of their own
language, a navigation that does not grow with the content, the State picker's data,
hreflang and the editors' chrome. Browser checks of the same are in test_browser.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, copy_project
from uprkit.config import check_options
from uprkit.i18n.messages import load_messages

LIMIT = 40 * 1024
"""Bytes of HTML a factsheet page may weigh (bench/audit.py measures it at 200 factsheets)."""


def soup(built, path: str) -> BeautifulSoup:
    return BeautifulSoup(built.html(path), "html.parser")


@pytest.mark.parametrize("prefix, name", [("", "Швеция"), ("en/", "Sweden")])
def test_diplomats_pages_are_in_their_languages_index(sample, prefix, name):
    index = json.loads(sample.html(f"{prefix}search/search_index.json"))
    by_location = {doc["location"]: doc for doc in index["docs"]}
    briefing = by_location["states/se/"]
    assert briefing["title"] == name and {"Швеция", "Sweden", "SE"} <= set(briefing["tags"]) and briefing["boost"] > 1
    for location in ("states/", "recommendations/", "sdgs/", "sdgs/5/", "timeline/"):
        assert by_location[location]["text"], location
    # an explorer row's text is searchable; the filters' lists of States are not page text
    explorer = " ".join(doc["text"] for location, doc in by_location.items() if location.startswith("recommendations/"))
    assert ("похищени" if not prefix else "kidnapping") in explorer


def test_the_navigation_lists_index_pages_only(sample):
    for prefix in ("", "en/"):
        page = soup(sample, f"{prefix}factsheets/violence-against-women/index.html")
        links = {a["href"].rstrip("/").split("/")[-1] for a in page.select(".md-sidebar--primary a.md-nav__link")}
        assert {"states", "recommendations", "sdgs", "timeline", "esc", "groups"} <= links
        assert not links & {"se", "violence-against-women", "women", "5"}, links


@pytest.mark.parametrize("path", ["factsheets/violence-against-women/index.html", "en/factsheets/violence-against-women/index.html"])
def test_a_factsheet_page_stays_light(sample, path):
    assert len((sample.site / path).read_bytes()) <= LIMIT


def test_the_picker_knows_every_briefing_by_both_names_and_code(sample):
    options = soup(sample, "en/index.html").select(".upr-picker datalist option")
    by_code = {o["data-code"]: o for o in options}
    assert by_code["SE"]["value"] == "Sweden" and "Швеция" in by_code["SE"]["data-names"].split("|")
    assert by_code["SE"]["data-url"] == "states/se/"
    briefings = {p.parent.name.upper() for p in (sample.site / "en/states").glob("*/index.html")}
    assert set(by_code) == briefings
    assert soup(sample, "states/se/index.html").select_one(".upr-picker-bar .upr-picker")


def test_without_site_url_no_relative_hreflang(sample):
    assert soup(sample, "en/states/se/index.html").select("link[hreflang]") == []


def test_editor_chrome_option_is_checked_like_the_others(tmp_path: Path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("plugins:\n  - upr:\n      country: KG\n      editor_chrome: often\n", encoding="utf-8")
    _options, problems = check_options({"country": "KG", "editor_chrome": "often"}, ("ru", "en"), load_messages(ROOT, "en"), config)
    assert problems == ["mkdocs.yml:4: option 'editor_chrome' of the upr plugin is 'often': 'editor_chrome' must be true or false"]
    options, problems = check_options({"country": "KG"}, ("ru", "en"), load_messages(ROOT, "en"), config)
    assert problems == [] and options.editor_chrome is False


def test_with_site_url_and_editor_chrome(tmp_path_factory):
    """One PDF-less build with site_url set and the editors' chrome on everywhere."""
    project = copy_project(tmp_path_factory.mktemp("chrome"))
    project.replace("mkdocs.yml", "# site_url: https://upr.example.org/", "site_url: https://upr.example.org/")
    project.replace("mkdocs.yml", "  - upr:\n", "  - upr:\n      editor_chrome: true\n")
    built = project.build()
    assert built.ok, built.errors
    alternates = {link["hreflang"]: link["href"] for link in soup(built, "en/states/se/index.html").select("link[hreflang]")}
    assert alternates == {"ru": "https://upr.example.org/states/se/", "en": "https://upr.example.org/en/states/se/"}
    home = {link["hreflang"]: link["href"] for link in soup(built, "index.html").select("link[hreflang]")}
    assert home == {"ru": "https://upr.example.org/", "en": "https://upr.example.org/en/"}
    for path in (ROOT / "factsheets").rglob("*.ru.md"):
        rel = path.relative_to(ROOT).as_posix()
        edit = soup(built, f"factsheets/{path.name.removesuffix('.ru.md')}/index.html").select_one("a.md-content__button[href*='/edit/']")
        assert edit["href"] == f"https://git.example.org/coalition/upr-factsheets/edit/main/{rel}"
    page = soup(built, "index.html")
    assert page.select_one(".md-source") and "Made with" in page.select_one(".md-footer").text


def test_pages_lose_indentation_but_not_preformatted_text():
    from uprkit.site.compact import compact

    html = "<ul>\n    <li>a</li>\n\n    <li>b</li>\n</ul>\n<pre><code>x\n    y\n</code></pre>\n  <script>\n  var s = 1;\n  </script>"
    assert compact(html) == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<pre><code>x\n    y\n</code></pre>\n<script>\n  var s = 1;\n  </script>"
