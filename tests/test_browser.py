"""The built sample in a real browser: Debian's Chromium driven by Playwright over a local
HTTP server on 127.0.0.1, with axe-core checking every kind of page."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
from conftest import ROOT
from playwright.sync_api import expect, sync_playwright

pytestmark = pytest.mark.xdist_group("browser")  # its module fixtures are built once, on one worker

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
PAGE_TYPES = {
    "home": "", "factsheet": "factsheets/violence-against-women/", "untranslated factsheet": "en/factsheets/statelessness/",
    "group": "groups/women/", "café table": "tables/esc/", "readiness board": "readiness/", "States index": "en/states/",
    "State briefing": "en/states/se/", "explorer": "en/recommendations/", "SDG": "en/sdgs/5/", "timeline": "en/timeline/",
    "editors' guide": "guide/",
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def base(sample):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(sample.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base):
    context = browser.new_context()
    outside = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) or route.request.url.startswith("data:")
                  else (outside.append(route.request.url), route.abort()))
    page = context.new_page()
    yield page
    context.close()
    assert outside == [], "a page asked for something outside the site"


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_axe_finds_no_violations(page, base, kind):
    page.goto(base + PAGE_TYPES[kind])
    page.add_script_tag(path=str(ROOT / "node_modules/axe-core/axe.min.js"))
    violations = page.evaluate("async () => (await axe.run()).violations.map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target).join(', ')}`)")
    assert violations == []


def test_language_switch_lands_on_the_twin(page, base):
    page.goto(base + "factsheets/violence-against-women/")
    page.hover(".md-header__option .md-select")
    page.click("a.md-select__link[hreflang=en]")
    expect(page).to_have_url(base + "en/factsheets/violence-against-women/")
    expect(page.locator("article.upr-fs h1")).to_have_text("Violence against women and girls, bride kidnapping")


@pytest.mark.parametrize("path, word, target", [
    ("", "похищение", "factsheets/violence-against-women/"),
    ("en/", "kidnapping", "en/factsheets/violence-against-women/"),
])
def test_search_in_each_language(page, base, path, word, target):
    page.goto(base + path)
    page.click("input.md-search__input")
    results = page.locator(".md-search-result__item a")
    for _attempt in range(12):  # the index is built in a web worker: retry until it answers
        page.fill("input.md-search__input", word)
        page.keyboard.press("End")  # Material searches on keyup, which fill() does not send
        try:
            expect(results.first).to_be_visible(timeout=5000)
            break
        except AssertionError:
            continue
    expect(results.first).to_be_visible()
    hrefs = [href.split("#")[0].split("?")[0] for href in results.evaluate_all("links => links.map(a => a.href)")]
    assert base + target in hrefs


def test_explorer_filters(page, base):
    page.goto(base + "en/recommendations/")
    rows = page.locator("#upr-explorer tbody tr")
    total = rows.count()
    expect(page.locator("[data-upr-count]")).to_have_text(f"Shown: {total} of {total}")
    page.select_option("select[name=states]", "SE")
    expect(page.locator("[data-upr-count]")).to_have_text(f"Shown: 3 of {total}")
    assert page.locator("#upr-explorer tbody tr:visible").count() == 3
    page.select_option("select[name=response]", "noted")
    expect(page.locator("[data-upr-count]")).to_have_text(f"Shown: 2 of {total}")


def test_states_index_filter_and_briefing(page, base):
    page.goto(base + "en/states/")
    page.fill("input[data-upr-filter]", "swed")
    visible = page.locator("#upr-states-table tbody tr:visible")
    expect(visible).to_have_count(1)
    page.click("text=Sweden")
    expect(page).to_have_url(base + "en/states/se/")
    expect(page.locator("h1")).to_have_text("Sweden")
    page.goto(base + "en/states/")
    page.click("#upr-states-table thead th:nth-child(2) button")
    page.click("#upr-states-table thead th:nth-child(2) button")
    counts = [int(c) for c in page.locator("#upr-states-table tbody td:nth-child(2)").all_inner_texts()]
    assert counts == sorted(counts, reverse=True)


def test_pdf_link(page, base):
    page.goto(base + "en/factsheets/violence-against-women/")
    href = page.locator(".upr-downloads a").first.get_attribute("href")
    response = page.request.get(page.url + href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"
