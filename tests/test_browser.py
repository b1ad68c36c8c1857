"""The built sample in a real browser: Debian's Chromium driven by Playwright over a local
HTTP server on 127.0.0.1, with axe-core (WCAG 2.2 AA and best practices) checking every
kind of page in both languages at 390 and 1366 px; the State picker; search per language."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, http_site, search
from playwright.sync_api import expect

PAGE_TYPES = {  # page type: its path in Russian (the default language); in English under en/
    "home": "", "factsheet": "factsheets/violence-against-women/", "untranslated factsheet": "factsheets/statelessness/",
    "group": "groups/women/", "café table": "tables/esc/", "groups": "groups/", "readiness board": "readiness/",
    "build messages": "messages/", "States index": "states/", "State briefing": "states/se/", "explorer": "recommendations/",
    "SDG index": "sdgs/", "SDG": "sdgs/5/", "timeline": "timeline/", "editors' guide": "guide/", "translations side by side": "review/",
}
LANGS = {"ru": "", "en": "en/"}
AXE = """async () => (await axe.run(document, {runOnly: {type: 'tag', values:
  ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})).violations
  .map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target).join(', ')}`)"""


@pytest.fixture(scope="module")
def base(sample):
    with http_site(sample.site) as url:
        yield url


@pytest.fixture(scope="module")
def context(chromium, base):
    """One context for the module (its cache saves reloading Material's assets per test)."""
    context = chromium.new_context()
    context.outside = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) or route.request.url.startswith("data:")
                  else (context.outside.append(route.request.url), route.abort()))
    yield context
    context.close()


@pytest.fixture
def page(context):
    """A new page; no request may leave the site, fail or find nothing (Material's
    sitemap lookups were two 404s on every page)."""
    context.outside.clear()
    failed = []
    page = context.new_page()
    page.on("response", lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"))
    # a request the browser gave up because the page moved on (ERR_ABORTED) is no failure of the site
    page.on("requestfailed", lambda request: "ERR_ABORTED" not in (request.failure or "") and failed.append(f"failed {request.url}"))
    yield page
    page.close()
    assert context.outside == [], "a page asked for something outside the site"
    assert failed == [], "a request failed"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_axe_finds_no_violations(page, base, kind, lang):
    found = {}
    for width in (1366, 390):  # loaded at each width: a resized page is mid-transition for a moment
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(base + LANGS[lang] + PAGE_TYPES[kind], wait_until="load")
        page.add_script_tag(path=str(ROOT / "node_modules/axe-core/axe.min.js"))
        found[width] = page.evaluate(AXE)
    assert found == {1366: [], 390: []}


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
    assert base + target in search(page, word)


@pytest.mark.parametrize("path, word", [("en/", "Sweden"), ("", "Швеция"), ("en/timeline/", "sweden"), ("sdgs/", "ШВЕЦИЯ"), ("", "Sweden")])
def test_a_searched_state_leads_to_its_briefing_first(page, base, path, word):
    """Each language's pages load their own index; the State's briefing comes first."""
    indexes = []
    page.on("request", lambda request: "search_index" in request.url and indexes.append(request.url))
    lang = "en/" if path.startswith("en/") else ""
    page.goto(base + path)
    hrefs = search(page, word)
    assert hrefs[0] == base + lang + "states/se/"
    assert indexes == [base + lang + "search/search_index.json"]
    page.click(".md-search-result__item a >> nth=0")
    expect(page).to_have_url(re.compile(re.escape(base + lang + "states/se/")))
    expect(page.locator("article h1")).to_have_text("Sweden" if lang else "Швеция")


@pytest.mark.parametrize("path, word", [("en/", "Sweden"), ("en/", "women"), ("en/", "guide"), ("", "женщин")])
def test_search_returns_pages_of_its_language_only(page, base, path, word):
    page.goto(base + path)
    hrefs = search(page, word)
    if path:
        assert hrefs and all(href.startswith(base + "en/") for href in hrefs), hrefs
    else:
        assert hrefs and not any(href.startswith(base + "en/") for href in hrefs), hrefs


@pytest.mark.parametrize("path, typed, target", [
    ("", "Швеция", "states/se/"), ("", "Sweden", "states/se/"), ("", "se", "states/se/"),
    ("en/", "Sweden", "en/states/se/"), ("en/", "Швеция", "en/states/se/"), ("en/", "SE", "en/states/se/"),
    ("en/recommendations/", "finland", "en/states/fi/"), ("states/se/", "Финляндия", "states/fi/"),
])
def test_the_state_picker_opens_the_briefing_in_the_page_language(page, base, path, typed, target):
    page.goto(base + path)
    field = page.get_by_role("combobox", name="Your State" if path.startswith("en/") else "Ваше государство")
    field.fill(typed)
    field.press("Enter")
    expect(page).to_have_url(base + target)


def test_the_state_picker_sends_an_unclear_name_to_the_filtered_states_index(page, base):
    page.goto(base + "en/")
    page.get_by_role("combobox", name="Your State").fill("sw")  # Sweden, Switzerland
    page.get_by_role("button", name="Open the briefing").click()
    expect(page).to_have_url(base + "en/states/?q=sw")
    expect(page.locator("input[data-upr-filter]")).to_have_value("sw")
    names = page.locator("#upr-states-table tbody tr:visible th").all_inner_texts()
    assert "Sweden" in names and all("sw" in name.lower() for name in names)


def test_the_state_picker_is_a_link_without_javascript(chromium, base):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    for path in ("en/", "en/states/se/"):
        page.goto(base + path)
        expect(page.locator(".upr-picker form").first).to_be_hidden()
        link = page.get_by_role("link", name="Find your State's briefing in the list of States").first
        expect(link).to_be_visible()
        assert link.evaluate("a => a.href") == base + "en/states/"
    context.close()


def test_the_home_page_opens_three_doors_and_names_the_coalition(page, base):
    page.goto(base + "en/")
    doors = page.locator(".upr-door h3")
    expect(doors).to_have_text(["Your State's briefing", "Factsheets by theme", "All recommendations"])
    expect(page.locator(".upr-door").nth(1).locator("a").first).to_have_attribute("href", re.compile(r"tables/esc/$"))
    expect(page.locator(".upr-door").nth(2).locator("a")).to_have_attribute("href", re.compile(r"recommendations/$"))
    expect(page.locator(".md-footer .upr-footer__name")).to_have_text("Coalition of Kyrgyz NGOs for the UPR (sample)")
    expect(page.locator(".md-footer a[href^='mailto:']")).to_have_count(1)
    assert page.locator(".md-footer").get_by_text("Made with").count() == 0
    assert page.locator(".md-source, a.md-content__button").count() == 0, "editor chrome on a reader's page"
    page.goto(base + "en/guide/")
    assert page.locator(".md-source").count() > 0 and page.locator("a.md-content__button").count() == 1


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
