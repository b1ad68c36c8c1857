"""The printed page, measured ("print that works at the café table"): every glyph inside
the margins, assessment and grade badges told apart without colour, English without bad
hyphenation (Russian still hyphenated), the "sample content" mark on every page of a
sample build, and no heading, widow, orphan or split suggested recommendation at a page
break."""

from __future__ import annotations

import functools
import html as htmllib
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import ROOT, copy_project
from PIL import ImageStat

pytestmark = pytest.mark.xdist_group("print_layout")  # its module fixtures are built once, on one worker

MM = 72 / 25.4
MARGIN_X = 12 * MM  # @page margin: 14mm 12mm 12mm 12mm (print.css)
MARGIN_BOTTOM = 12 * MM
SLACK = 0.5  # points
LETTERS = r"[^\W\d_]"


def _squash(text: str) -> str:
    return re.sub(r"[\s\u00ad\ufffe\u2010-]+", "", text)


def _page_text(page: pdfium.PdfPage) -> str:
    return page.get_textpage().get_text_range()


def _html_text(markup: str) -> str:
    return htmllib.unescape(re.sub(r"<[^>]+>", "", markup))


def _site_page(built, lang: str, path: str) -> str:
    return built.html(("" if lang == "ru" else "en/") + path)


# 1. Everything inside the margins -------------------------------------------------------

def _outside(pdf: Path) -> list[tuple[float, int, str]]:
    """(overshoot in pt, page, glyph) of every glyph outside the page's content box: left
    and right strictly at the 12 mm margins, top and bottom at the page edges minus 5 mm
    (the running header, QR and footer live in the top and bottom margin areas)."""
    found = []
    for number, page in enumerate(pdfium.PdfDocument(pdf), 1):
        width, height = page.get_size()
        left, right, bottom, top = MARGIN_X - SLACK, width - MARGIN_X + SLACK, 5 * MM, height - 5 * MM
        textpage = page.get_textpage()
        for i in range(textpage.count_chars()):
            x0, y0, x1, y1 = textpage.get_charbox(i)
            if x1 <= x0 and y1 <= y0:  # no ink: generated spaces and line ends
                continue
            over = max(left - x0, x1 - right, bottom - y0, y1 - top)
            if over > 0:
                found.append((round(over, 1), number, textpage.get_text_range(i, 1)))
    return found


def test_every_glyph_inside_the_margins(sample):
    pdfs = sorted((sample.site / "pdf").rglob("*.pdf"))
    kinds = {p.parent.name for p in pdfs}
    assert {"factsheets", "tables", "handouts", "states"} <= kinds, kinds
    worst = []
    for pdf in pdfs:
        outside = _outside(pdf)
        if outside:
            over, page, glyph = max(outside)
            worst.append((over, f"{pdf.relative_to(sample.site)} p.{page} {glyph!r}"))
    worst.sort(reverse=True)
    assert not worst, f"{len(worst)} PDFs print into the margins; worst: {worst[:5]}"


# 2. Colour never carries meaning alone ---------------------------------------------------

ASSESSMENTS = {"implemented": "Implemented", "partially-implemented": "Partially implemented",
               "not-implemented": "Not implemented", "no-information": "No information"}
GRADES = ("A", "B", "C", "E")


def _mechanism(grade: str) -> str:
    return (f"  - body: CCPR\n    symbol: CCPR/C/KGZ/CO/2\n    grade: {grade}\n    text:\n"
            f"      en: Follow-up paragraph graded {grade}.\n      ru: Пункт последующих мер с оценкой {grade}.\n")


@pytest.fixture(scope="module")
def variant(tmp_path_factory):
    """One factsheet, not a sample, with each of the four assessments and the follow-up
    grades A, B, C and E (violence-against-women has only two assessments and grade C)."""
    project = copy_project(tmp_path_factory.mktemp("variant") / "project")
    project.only("violence-against-women")
    project.replace("mkdocs.yml", "sample: true", "sample: false")
    rel = "factsheets/women/violence-against-women.yml"
    project.replace(rel, '{id: "140.161", cycle: 3, assessment: partially-implemented}', '{id: "140.161", cycle: 3, assessment: implemented}')
    project.replace(rel, '{id: "140.162", cycle: 3, assessment: not-implemented}', '{id: "140.162", cycle: 3, assessment: partially-implemented}')
    project.replace(rel, '{id: "117.131", cycle: 2, assessment: partially-implemented}', '{id: "117.131", cycle: 2, assessment: no-information}')
    project.replace(rel, "\nsuggested_recommendations:", "".join(_mechanism(g) for g in "ABE") + "\nsuggested_recommendations:")
    built = project.build(pdf=True)
    assert built.ok, built.errors
    return built


def _find(textpage: pdfium.PdfTextPage, label: str) -> int:
    searcher = textpage.search(label, match_case=True)
    found = searcher.get_next()
    assert found, f"{label!r} is not on the page"
    return found[0]


def _symbol(textpage: pdfium.PdfTextPage, start: int) -> tuple[str, int]:
    """The symbol just before character ``start`` on its line (what ::before prints) and
    its index; ("", start) when the text there is a letter, a digit or a line end
    ("½" is a symbol here, though Python counts it as numeric)."""
    for i in range(start - 1, max(-1, start - 4), -1):
        char = textpage.get_text_range(i, 1)
        if char in "\r\n":
            break
        if char.isspace():
            continue
        return ("", start) if char.isalpha() or char in "0123456789" else (char, i)
    return "", start


def _grey(page: pdfium.PdfPage, bitmap, textpage: pdfium.PdfTextPage, first: int, end: int, scale: float) -> float:
    """Mean grey of the greyscale rendering inside the glyph boxes of characters first..end."""
    boxes = [textpage.get_charbox(i) for i in range(first, end)]
    height = page.get_height()
    x0, y0, x1, y1 = min(x[0] for x in boxes), min(x[1] for x in boxes), max(x[2] for x in boxes), max(x[3] for x in boxes)
    crop = bitmap.crop((round(x0 * scale), round((height - y1) * scale), round(x1 * scale), round((height - y0) * scale)))
    return ImageStat.Stat(crop).mean[0]


def _badge(page: pdfium.PdfPage, bitmap, label: str, scale: float) -> tuple[str, float]:
    """(leading symbol, mean grey over the symbol and the label) of the badge whose text
    starts with ``label``."""
    textpage = page.get_textpage()
    start = _find(textpage, label)
    symbol, first = _symbol(textpage, start)
    return symbol, _grey(page, bitmap, textpage, first, start + len(label), scale)


def test_assessment_badges_differ_without_colour(variant):
    page = pdfium.PdfDocument(variant.site / "pdf/factsheets/violence-against-women.en.pdf")[0]
    bitmap = page.render(scale=2).to_pil().convert("L")
    badges = {name: _badge(page, bitmap, label, 2) for name, label in ASSESSMENTS.items()}
    symbols = {name: symbol for name, (symbol, _grey) in badges.items()}
    assert all(symbols.values()) and len(set(symbols.values())) == 4, f"each badge needs its own leading symbol: {badges}"
    # green and red print as the same grey (79): fill and outline must tell them apart
    assert abs(badges["implemented"][1] - badges["not-implemented"][1]) > 25, badges
    names = list(badges)
    for i, one in enumerate(names):
        for other in names[i + 1:]:
            assert symbols[one] != symbols[other] or abs(badges[one][1] - badges[other][1]) > 25, (one, other, badges)


def test_grade_badges_differ_without_colour(variant):
    page = pdfium.PdfDocument(variant.site / "pdf/factsheets/violence-against-women.en.pdf")[0]
    bitmap = page.render(scale=2).to_pil().convert("L")
    textpage = page.get_textpage()
    badges = {}
    for grade in GRADES:
        start = _find(textpage, f"Follow-up grade: {grade}")
        symbol, first = _symbol(textpage, start)
        badges[grade] = symbol, _grey(page, bitmap, textpage, first, start + len("Follow-up grade"), 2)
    symbols = {grade: symbol for grade, (symbol, _grey_level) in badges.items()}
    assert all(symbols.values()), f"each grade badge starts with a symbol: {badges}"
    assert symbols["A"] != symbols["C"] and symbols["B"] not in (symbols["A"], symbols["C"]), badges
    assert abs(badges["A"][1] - badges["E"][1]) > 25, f"A (satisfactory) and E (contrary) look alike in grey: {badges}"


# 3. Hyphenation ----------------------------------------------------------------------

def _breaks(pdf: Path) -> list[tuple[str, str]]:
    """(before, after) of every word broken at a line end with a hyphen; pdfium reports a
    hyphen at a line end as U+FFFE and joins the two lines. ``after`` is empty where the
    word goes on out of sight: on the next page, or in a table cell, whose next line
    pdfium gives after the other cells of the row."""
    out = []
    for page in pdfium.PdfDocument(pdf):
        text = re.sub(r"-\r?\n", "\ufffe", _page_text(page))
        out += re.findall(rf"({LETTERS}*)\ufffe({LETTERS}*)", text)
    return out


def _automatic(built, slug: str, lang: str) -> list[str]:
    """The breaks of a factsheet PDF that hyphenation made (not at a hyphen of the text)."""
    source = _html_text(_site_page(built, lang, f"factsheets/{slug}/index.html"))
    return [f"{a}-{b}" for a, b in _breaks(built.site / f"pdf/factsheets/{slug}.{lang}.pdf")
            if not (f"{a}-{b}" in source if b else re.search(rf"(?<!{LETTERS}){a}-", source))]


def _too_short(word: str) -> bool:
    """Fewer than 3 letters on a side of the break (the side that can be seen)."""
    before, after = word.split("-")
    return len(before) < 3 or 0 < len(after) < 3


def test_no_bad_english_hyphenation(sample):
    bad = []
    for pdf in sorted((sample.site / "pdf/factsheets").glob("*.en.pdf")):
        slug = pdf.name.removesuffix(".en.pdf")
        bad += [f"{slug}: {word}" for word in _automatic(sample, slug, "en") if _too_short(word)]
    assert bad == [], bad


def test_russian_still_hyphenates_with_three_letters_a_side(sample):
    breaks, bad = [], []
    for pdf in sorted((sample.site / "pdf/factsheets").glob("*.ru.pdf")):
        slug = pdf.name.removesuffix(".ru.pdf")
        words = _automatic(sample, slug, "ru")
        breaks += words
        bad += [f"{slug}: {word}" for word in words if _too_short(word)]
    assert len(breaks) > 20, breaks
    assert bad == [], bad


# 4. The "sample content" mark ---------------------------------------------------------

MARKS = {"en": "SAMPLE CONTENT", "ru": "ОБРАЗЕЦ"}


def test_sample_mark_on_every_page_of_a_sample(sample):
    missing, pages = [], 0
    for pdf in sorted((sample.site / "pdf").rglob("*.pdf")):
        for number, page in enumerate(pdfium.PdfDocument(pdf), 1):
            text = _page_text(page)
            if not text.strip():  # the blank back of an odd page in a two-sided handout
                continue
            pages += 1
            if not any(mark in text for mark in MARKS.values()):
                missing.append(f"{pdf.relative_to(sample.site)} p.{number}")
    assert pages > 100 and missing == [], f"{len(missing)} of {pages} pages: {missing[:8]}"
    for lang, mark in MARKS.items():  # in the page's language
        assert mark in _page_text(pdfium.PdfDocument(sample.site / f"pdf/factsheets/violence-against-women.{lang}.pdf")[0])


def test_no_sample_mark_when_not_a_sample(variant):
    for pdf in sorted((variant.site / "pdf").rglob("*.pdf")):
        for page in pdfium.PdfDocument(pdf):
            assert not any(mark in _page_text(page) for mark in MARKS.values()), pdf


# 5. Page breaks: headings, widows and orphans, suggested recommendations ---------------

def _last_line(page: pdfium.PdfPage) -> str:
    """The lowest line of text in the page's content area (above the footer)."""
    textpage = page.get_textpage()
    bottoms = []
    for i in range(textpage.count_chars()):
        x0, y0, x1, _y1 = textpage.get_charbox(i)
        if x1 > x0 and y0 > MARGIN_BOTTOM and not textpage.get_text_range(i, 1).isspace():
            bottoms.append(y0)
    if not bottoms:
        return ""
    low = min(bottoms)
    return textpage.get_text_bounded(0, low - 1, page.get_width(), low + 7).strip()


def _headings(markup: str) -> set[str]:
    return {_squash(_html_text(h)) for h in re.findall(r"<h[234][^>]*>(.*?)</h[234]>", markup, re.S)} - {""}


def test_no_heading_at_the_foot_of_a_page(sample):
    checked, stranded = 0, []
    documents = [(p, p.name.split(".")[1], f"{kind}/{p.name.split('.')[0]}/index.html")
                 for kind in ("factsheets", "states") for p in (sample.site / "pdf" / kind).glob("*.pdf")]
    for pdf, lang, page_path in sorted(documents):
        headings = _headings(_site_page(sample, lang, page_path))
        pages = list(pdfium.PdfDocument(pdf))
        for number, page in enumerate(pages[:-1], 1):
            line = _squash(_last_line(page))
            checked += 1
            if line and any(line == h or (len(line) >= 12 and h.startswith(line)) for h in headings):
                stranded.append(f"{pdf.name} p.{number}: {line}")
    assert checked > 20 and stranded == [], stranded


def test_suggested_recommendations_on_one_page(sample):
    """Each suggested recommendation, and the whole block of them, on one page."""
    split = []
    for pdf in sorted((sample.site / "pdf/factsheets").glob("*.pdf")):
        slug, lang = pdf.name.split(".")[:2]
        markup = _site_page(sample, lang, f"factsheets/{slug}/index.html")
        ol = re.search(r'<ol class="upr-suggested">(.*?)</ol>\s*</section>', markup, re.S)
        recs = [_squash(_html_text(p)) for p in re.findall(r'<li id="rec-[^"]*">\s*<p[^>]*>(.*?)</p>', ol.group(1), re.S)] if ol else []
        pages = [_squash(_page_text(page)) for page in pdfium.PdfDocument(pdf)]
        split += [f"{pdf.name}: {rec[:40]}" for rec in recs if not any(rec in text for text in pages)]
        if recs and not any(all(rec in text for rec in recs) for text in pages):
            split.append(f"{pdf.name}: the block is split")
    assert split == [], split


@functools.cache
def _stylesheets() -> tuple[object, list]:
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    sheets = ROOT / "docs/assets/stylesheets"
    return fonts, [CSS(filename=str(sheets / name), font_config=fonts) for name in ("print-fonts.css", "factsheet.css", "print.css")]


def _render(body: str, lang: str = "en") -> list[str]:
    """``body`` printed with the print stylesheets, as the text of each page."""
    from weasyprint import HTML

    fonts, css = _stylesheets()
    sheets = ROOT / "docs/assets/stylesheets"
    document = f'<html lang="{lang}"><body class="upr-print"><div class="md-typeset"><article class="upr-fs">{body}</article></div></body></html>'
    pdf = HTML(string=document, base_url=sheets.as_uri() + "/").write_pdf(stylesheets=css, font_config=fonts)
    return [_page_text(page) for page in pdfium.PdfDocument(pdf)]


def _words(stem: str, n: int) -> str:
    return " ".join(f"{stem}{i:02d}" for i in range(n))


# the content box is 271 mm high; these spacers put the tested block across its foot
SPACERS = [round(237 + 2.5 * i, 1) for i in range(14)]


def test_page_breaks_keep_headings_lines_and_recommendations_together():
    moved = {"heading": set(), "lines": set(), "rec": set(), "block": set()}
    for spacer in SPACERS:
        pad = f'<div style="height: {spacer}mm"></div>'
        pages = _render(f'{pad}<section class="upr-part"><h2>Stranded heading</h2><p>{_words("after", 30)}</p></section>')
        page = next(text for text in pages if "Stranded heading" in text)
        assert "after00" in page, f"spacer {spacer} mm: the heading is alone at the foot of the page"
        moved["heading"].add(pages.index(page))

        pages = _render(f'{pad}<section class="upr-part"><p>{_words("line", 90)}</p></section>')
        counts = [sum("line" in row for row in text.splitlines()) for text in pages]
        assert all(c == 0 or c >= 2 for c in counts), f"spacer {spacer} mm: a widow or an orphan: {counts}"
        moved["lines"].add(sum(1 for c in counts if c))

        rec = f'<li><p>{_words("rec", 80)}</p><div class="upr-suggested__meta"><span class="upr-badge">UPR Info action category 5</span></div></li>'
        pages = _render(f'{pad}<section class="upr-part upr-part--suggested"><ol class="upr-suggested">{rec}</ol></section>')
        holding = [text for text in pages if "rec" in text or "category" in text]
        assert len(holding) == 1 and all(w in holding[0] for w in ("rec00", "rec79", "category 5")), f"spacer {spacer} mm: the recommendation is split"
        moved["rec"].add(pages.index(holding[0]))

        recs = "".join(f'<li><p>{_words(f"b{n}x", 12)}</p></li>' for n in range(3))
        pages = _render(f'{pad}<section class="upr-part upr-part--suggested"><h2>Suggested</h2><ol class="upr-suggested">{recs}</ol></section>')
        holding = [text for text in pages if "x0" in text]
        assert len(holding) == 1 and all(f"b{n}x11" in holding[0] for n in range(3)), f"spacer {spacer} mm: the block of recommendations is split"
        moved["block"].add(pages.index(holding[0]))
    # the sweep did reach the page break: each block sat on page 1 for some spacers and was
    # pushed to page 2 (or split over two pages) for others
    assert moved == {"heading": {0, 1}, "lines": {1, 2}, "rec": {0, 1}, "block": {0, 1}}, moved
