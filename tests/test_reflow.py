"""The diplomat's journey on every screen (WCAG 1.4.10 Reflow), in Debian's Chromium over
a local HTTP server: at 320 and 390 CSS pixels no page scrolls sideways and the verdict of
every recommendation (response, assessment) is on screen; data tables become cards, each
cell under its column's name, and stay tables on paper. The States index keeps names whole,
has a filter box one can see and sort buttons that look like buttons.

One PDF-less build, one server and one browser for the whole module. No test waits for a
fixed time: Playwright waits for load states and for conditions. axe-core looks at the
cards in test_browser.py (every page type at 390 px: the cards' one breakpoint is 45em)."""

from __future__ import annotations

import logging
import re

import pytest
import weasyprint
from conftest import ROOT, copy_project, http_site
from playwright.sync_api import expect

pytestmark = pytest.mark.xdist_group("reflow")  # its module fixtures are built once, on one worker

NARROW, WIDE = (320, 390), 1366
UNTRANSLATED_RU = "factsheets/freedoms/civic-space.ru.md"
"""Removed from this module's copy, so that a factsheet is untranslated in Russian too
(the sample's statelessness factsheet is untranslated in English)."""
PAGES = {  # page type: (path in Russian, path in English, has verdicts in tables)
    "home": ("", "en/", False),
    "factsheet": ("factsheets/violence-against-women/", "en/factsheets/violence-against-women/", True),
    "untranslated factsheet": ("factsheets/civic-space/", "en/factsheets/statelessness/", True),
    "group": ("groups/women/", "en/groups/women/", False),
    "café table": ("tables/esc/", "en/tables/esc/", False),
    "readiness board": ("readiness/", "en/readiness/", False),
    "States index": ("states/", "en/states/", False),
    "State briefing": ("states/se/", "en/states/se/", True),
    "explorer": ("recommendations/", "en/recommendations/", True),
    "SDG index": ("sdgs/", "en/sdgs/", False),
    "SDG": ("sdgs/5/", "en/sdgs/5/", True),
    "timeline": ("timeline/", "en/timeline/", False),
    "editors' guide": ("guide/", "en/guide/", False),
    "build messages": ("messages/", "en/messages/", False),
}
LANGS = {"ru": 0, "en": 1}
CARD_TABLES = {  # pages with a data table that becomes cards: the table's selector
    "factsheet": "table.upr-recs", "State briefing": "table.upr-recs--data", "explorer": "table.upr-recs--data",
    "SDG": "table.upr-recs--data", "timeline": "table.upr-cycles", "readiness board": "table.upr-readiness",
    "States index": "table.upr-states-table",
}

REFLOW = """() => {
  const width = window.innerWidth;
  const verdicts = [...document.querySelectorAll('table .upr-status, table .upr-response')].filter(e => e.getClientRects().length);
  const off = verdicts.filter(e => { const r = e.getBoundingClientRect(); return r.right > width + 0.5 || r.left < -0.5; });
  const wide = [...document.querySelectorAll('.md-content *')].filter(e => e.getBoundingClientRect().right > width + 0.5)
    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : ''));
  return {scrollWidth: document.documentElement.scrollWidth, width, verdicts: verdicts.length,
          off: off.map(e => e.textContent.trim() + ' @' + Math.round(e.getBoundingClientRect().right)), wide};
}"""

NAMES = """() => [...document.querySelectorAll('#upr-states-table tbody th')].filter(th => th.getClientRects().length).map(th => {
  const link = th.querySelector('a'), text = link.firstChild, words = [];
  const style = getComputedStyle(th);
  let at = 0;
  for (const word of text.data.split(' ')) {  // a word split over two lines has two boxes
    const range = document.createRange();
    range.setStart(text, at); range.setEnd(text, at + word.length); at += word.length + 1;
    if (word && range.getClientRects().length > 1) words.push(word);
  }
  const lines = Math.round(link.getBoundingClientRect().height / parseFloat(getComputedStyle(link).lineHeight));
  return {name: text.data, overflows: th.scrollWidth > th.clientWidth, lines, broken: words,
          wrap: [style.overflowWrap, style.wordBreak, getComputedStyle(link).overflowWrap, getComputedStyle(link).wordBreak]};
})"""

FIELD = """(element) => {
  const luminance = (colour) => {
    const [r, g, b] = colour.match(/[\\d.]+/g).slice(0, 3).map(Number).map(c => c / 255)
      .map(c => c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const opaque = (e) => {  // the background colour one sees behind e
    for (; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (!/rgba\\(.*, 0\\)$/.test(c) && c !== 'transparent') return c;
    }
    return 'rgb(255, 255, 255)';
  };
  const style = getComputedStyle(element);
  const sides = ['Top', 'Right', 'Bottom', 'Left'];
  return {widths: sides.map(s => parseFloat(style['border' + s + 'Width'])), styles: sides.map(s => style['border' + s + 'Style']),
          inside: Math.min(...sides.map(s => contrast(style['border' + s + 'Color'], opaque(element)))),
          outside: Math.min(...sides.map(s => contrast(style['border' + s + 'Color'], opaque(element.parentElement)))),
          outline: [style.outlineStyle, parseFloat(style.outlineWidth)], cursor: style.cursor};
}"""


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("reflow"))
    project.path(UNTRANSLATED_RU).unlink()
    built = project.build()
    assert built.ok, built.errors
    with http_site(built.site) as url:
        yield url


@pytest.fixture(scope="module")
def context(chromium, base):
    """One context (so one cache) for the module; outside requests fail."""
    context = chromium.new_context()
    context.outside = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith((base, "data:"))
                  else (context.outside.append(route.request.url), route.abort()))
    yield context
    context.close()


@pytest.fixture
def open_page(context, base):
    """open_page(path, width, media) -> a page of the site, loaded at that viewport width."""
    pages = []

    def open_(path: str, width: int, media: str = "screen"):
        page = context.new_page()
        pages.append(page)
        page.set_viewport_size({"width": width, "height": 800})
        page.emulate_media(media=media)
        page.goto(base + path, wait_until="load")
        return page

    yield open_
    for page in pages:
        page.close()
    assert context.outside == [], "a page asked for something outside the site"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", PAGES)
def test_no_page_scrolls_sideways_and_verdicts_are_on_screen(open_page, kind, lang):
    path, has_verdicts = PAGES[kind][LANGS[lang]], PAGES[kind][2]
    page = open_page(path, WIDE)
    problems = []
    for width in (*NARROW, WIDE):  # the same page, resized: layout follows the viewport
        page.set_viewport_size({"width": width, "height": 800})
        found = page.evaluate(REFLOW)
        if found["scrollWidth"] > found["width"]:
            problems.append(f"{width}px: the page is {found['scrollWidth']}px wide, because of {found['wide']}")
        if found["off"]:
            problems.append(f"{width}px: verdicts off screen: {found['off'][:5]}")
        if has_verdicts and not found["verdicts"]:
            problems.append(f"{width}px: no response or assessment shown in a table")
    assert problems == [], f"{path}: " + "; ".join(problems)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", CARD_TABLES)
def test_data_tables_are_labelled_cards_on_phones_and_tables_elsewhere(open_page, kind, lang):
    path, selector = PAGES[kind][LANGS[lang]], CARD_TABLES[kind]
    labels = f"""() => [...document.querySelectorAll('{selector} tbody td[data-label]')].filter(td => td.getClientRects().length)
      .map(td => [td.dataset.label, getComputedStyle(td, '::before').content, getComputedStyle(td).display])"""
    page = open_page(path, 390)
    cells = page.evaluate(labels)
    assert cells, f"{path}: no labelled cells"
    assert all(content == f'"{label}"' and display != "table-cell" for label, content, display in cells), cells[:3]
    assert page.evaluate(f"() => getComputedStyle(document.querySelector('{selector} thead')).display") != "none", \
        "the header row stays for screen readers, out of sight"
    for width, media in ((WIDE, "screen"), (390, "print")):
        page.set_viewport_size({"width": width, "height": 800})
        page.emulate_media(media=media)
        cells = page.evaluate(labels)
        assert cells and all(content in ("none", "normal") and display == "table-cell" for _, content, display in cells), \
            (width, media, cells[:3])


@pytest.mark.parametrize("width", [390, WIDE])
@pytest.mark.parametrize("lang", LANGS)
def test_state_names_stay_whole(open_page, lang, width):
    page = open_page(PAGES["States index"][LANGS[lang]], width)
    names = page.evaluate(NAMES)
    assert len(names) > 20
    assert [n["name"] for n in names if n["overflows"]] == [], "a name is wider than its cell"
    assert [(n["name"], n["broken"]) for n in names if n["broken"]] == [], "a word of a name is broken over two lines"
    assert [(n["name"], n["lines"]) for n in names if n["lines"] > 3] == [], "a name takes more than 3 lines"


@pytest.mark.parametrize("width", [390, WIDE])
def test_the_states_filter_box_can_be_seen_and_filters(open_page, width):
    page = open_page("en/states/", width)
    field = page.locator("input[data-upr-filter]")
    expect(field).to_be_visible()
    look = field.evaluate(FIELD)
    assert min(look["widths"]) > 0 and "none" not in look["styles"], look
    assert look["inside"] >= 3 and look["outside"] >= 3, f"border contrast below 3:1: {look}"
    field.focus()
    focused = field.evaluate(FIELD)
    assert focused["outline"][0] != "none" and focused["outline"][1] >= 2, f"no focus ring: {focused}"
    total = page.locator("#upr-states-table tbody tr").count()
    field.fill("swed")
    expect(page.locator("#upr-states-table tbody tr:visible")).to_have_count(1)
    expect(page.locator(".upr-filter output")).to_have_text(f"Shown: 1 of {total}")
    expect(page.locator("#upr-states-table tbody tr:visible th")).to_have_text("Sweden")


@pytest.mark.parametrize("width", [390, WIDE])
@pytest.mark.parametrize("lang", LANGS)
def test_sort_buttons_look_like_buttons_and_sort(open_page, lang, width):
    page = open_page(PAGES["States index"][LANGS[lang]], width)
    names = page.locator("#upr-states-table tbody th")
    counts = page.locator("#upr-states-table tbody td:nth-child(2)")
    buttons = page.locator("#upr-states-table thead th button.upr-sort")
    expect(buttons.first).to_be_visible()
    for i in range(buttons.count()):
        look = buttons.nth(i).evaluate(FIELD)
        assert min(look["widths"]) > 0 and look["outside"] >= 3 and look["cursor"] == "pointer", look
    assert page.locator("#upr-states-table thead th[aria-sort]").count() == 0
    before = names.all_inner_texts()
    made = page.locator("#upr-states-table thead th:nth-child(2)")
    made.locator("button").click()
    expect(made).to_have_attribute("aria-sort", "ascending")
    assert names.all_inner_texts() != before, "sorting by the number of recommendations changed nothing"
    assert [int(c) for c in counts.all_inner_texts()] == sorted(int(c) for c in counts.all_inner_texts())
    made.locator("button").click()
    expect(made).to_have_attribute("aria-sort", "descending")
    numbers = [int(c) for c in counts.all_inner_texts()]
    assert numbers == sorted(numbers, reverse=True)
    assert page.locator("#upr-states-table thead th[aria-sort]").count() == 1, "aria-sort is on the sorted column only"
    page.locator("#upr-states-table thead th:nth-child(1) button").click()
    expect(page.locator("#upr-states-table thead th:nth-child(1)")).to_have_attribute("aria-sort", "ascending")
    assert names.all_inner_texts() == before, "sorting by name gives back the alphabetical order"


def test_explorer_filters_hide_cards(open_page):
    page = open_page("en/recommendations/", 390)
    rows = page.locator("#upr-explorer tbody tr")
    total = rows.count()
    page.select_option("select[name=states]", "SE")
    expect(page.locator("[data-upr-count]")).to_have_text(re.compile(rf"^Shown: 3 of {total}$"))
    expect(page.locator("#upr-explorer tbody tr:visible")).to_have_count(3)


def test_the_screen_rules_do_not_trouble_the_print_layer():
    """WeasyPrint reads factsheet.css too and knows media types only: the phone layout
    (media features, container queries) must sit inside @media screen, unread by it."""

    class Collect(logging.Handler):
        def __init__(self) -> None:
            super().__init__(logging.WARNING)
            self.messages: list[str] = []

        def emit(self, record: logging.LogRecord) -> None:
            self.messages.append(record.getMessage())

    logger, handler = logging.getLogger("weasyprint"), Collect()
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    try:
        css = weasyprint.CSS(filename=str(ROOT / "docs/assets/stylesheets/factsheet.css"))
        weasyprint.HTML(string='<table class="upr-recs upr-stack"><tr><td data-label="x">a</td></tr></table>').write_pdf(stylesheets=[css])
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    assert handler.messages == []
