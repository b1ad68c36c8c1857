"""The printed PDFs, read back: pages, text in each language, fonts, metadata, tags, QR
codes, piles, two-sided handouts, the cache, reproducibility and the URL fetcher."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from conftest import ROOT, copy_project
from PIL import Image
from pypdf import PdfReader
from test_site import GROUPS, SHEETS, front_matter
from uprkit.printing import worker
from uprkit.printing.fetcher import ProjectFetcher

LANGS = ("ru", "en")


def squash(text: str) -> str:
    return re.sub(r"[\s\u00ad-]+", "", text)


def title(slug: str, lang: str) -> str:
    return front_matter(SHEETS[slug]["dir"] / f"{slug}.{lang}.md")["title"]


def table_of(slug: str) -> str:
    meta = SHEETS[slug]["meta"]
    return meta.get("table") or GROUPS[meta["group"]]["table"]


def fonts(reader: PdfReader) -> set[tuple[str, bool]]:
    """(BaseFont, embedded) of every font used on every page."""
    found = set()
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor", {})
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.add((str(font["/BaseFont"]), embedded))
    return found


def struct_types(reader: PdfReader) -> set[str]:
    seen, stack = set(), [reader.trailer["/Root"]["/StructTreeRoot"].get_object()]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack += [n.get_object() for n in node]
            continue
        if hasattr(node, "get") and "/S" in node:
            seen.add(str(node["/S"]))
        kids = node.get("/K") if hasattr(node, "get") else None
        if kids is not None:
            kids = kids.get_object()
            stack += [k.get_object() for k in kids] if isinstance(kids, list) else [kids]
    return seen


@pytest.mark.parametrize("slug", sorted(SHEETS))
def test_one_pdf_per_factsheet_and_language(sample, slug):
    for lang in LANGS:
        path = sample.site / f"pdf/factsheets/{slug}.{lang}.pdf"
        if lang not in SHEETS[slug]["langs"]:
            assert not path.exists()
            continue
        reader = PdfReader(path)
        assert 1 <= len(reader.pages) <= 2
        text = "".join(page.extract_text() for page in reader.pages)
        assert squash(title(slug, lang)) in squash(text)
        assert (lang == "ru") == bool(re.search("[а-я]{4}", text.split("\n", 3)[-1]))
        info = reader.metadata
        assert info.title == title(slug, lang)
        assert info.author == GROUPS[SHEETS[slug]["meta"]["group"]]["name"][lang]
        assert reader.trailer["/Root"]["/Lang"] == lang
        assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
        assert b'pdfuaid:part="1"' in reader.trailer["/Root"]["/Metadata"].get_object().get_data()
        assert {"TH", "Table"} <= {t.lstrip("/") for t in struct_types(reader)}
        used = fonts(reader)
        assert used and all(re.match(r"^/[A-Z]{6}\+PT-Sans", name) and embedded for name, embedded in used), used
        page_word = {"ru": "Стр. 1 из", "en": "Page 1 of"}[lang]
        assert page_word in reader.pages[0].extract_text()


def test_no_warnings_and_the_page_budget(sample):
    assert not [m for m in sample.messages(30)]
    assert any(m.startswith(("Создано PDF", "Rendered")) for m in sample.messages())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("table", ["esc", "civil-political", "vulnerable"])
def test_cafe_table_piles(sample, table, lang):
    slugs = sorted((s for s in SHEETS if table_of(s) == table and lang in SHEETS[s]["langs"]), key=lambda s: title(s, lang).casefold())
    reader = PdfReader(sample.site / f"pdf/tables/{table}.{lang}.pdf")
    cover = reader.pages[0].extract_text()
    expected_pages = 1 + sum(len(PdfReader(sample.site / f"pdf/factsheets/{s}.{lang}.pdf").pages) for s in slugs)
    assert len(reader.pages) == expected_pages
    positions = [squash(cover).index(squash(title(s, lang))) for s in slugs]
    assert positions == sorted(positions), "the cover lists the factsheets in pile order"
    page = 1
    for slug in slugs:  # each factsheet starts on a new page, in cover order
        assert squash(title(slug, lang)) in squash(reader.pages[page].extract_text())
        page += len(PdfReader(sample.site / f"pdf/factsheets/{slug}.{lang}.pdf").pages)
    assert reader.trailer["/Root"]["/Lang"] == lang


@pytest.mark.parametrize("slug", sorted(s for s in SHEETS if len(SHEETS[s]["langs"]) == 2))
def test_two_sided_handout(sample, slug):
    reader = PdfReader(sample.site / f"pdf/handouts/{slug}.ru-en.pdf")
    ru = len(PdfReader(sample.site / f"pdf/factsheets/{slug}.ru.pdf").pages)
    en = len(PdfReader(sample.site / f"pdf/factsheets/{slug}.en.pdf").pages)
    front = ru + ru % 2
    assert len(reader.pages) == front + en + en % 2
    assert squash(title(slug, "ru")) in squash(reader.pages[0].extract_text())
    assert squash(title(slug, "en")) in squash(reader.pages[front].extract_text())
    if ru % 2:
        assert reader.pages[ru].extract_text().strip() == ""


def test_untranslated_factsheet_has_no_handout(sample):
    for slug, sheet in SHEETS.items():
        assert (sample.site / f"pdf/handouts/{slug}.ru-en.pdf").exists() == (len(sheet["langs"]) == 2)


def test_download_links_with_sizes(sample):
    page = sample.html("en/factsheets/violence-against-women/index.html")
    for target in ("pdf/factsheets/violence-against-women.ru.pdf", "pdf/factsheets/violence-against-women.en.pdf",
                   "pdf/handouts/violence-against-women.ru-en.pdf"):
        size = (sample.site / target).stat().st_size
        assert re.search(rf'href="\.\./\.\./\.\./{re.escape(target)}" download>[^<]+</a> <span[^>]*>\(PDF, {round(size / 1024)} KB\)', page)
    table = sample.html("tables/vulnerable/index.html")
    assert 'href="../../pdf/tables/vulnerable.ru.pdf"' in table and 'href="../../pdf/tables/vulnerable.en.pdf"' in table
    assert "КБ)" in table
    group = sample.html("en/groups/women/index.html")
    assert 'href="../../../pdf/factsheets/violence-against-women.en.pdf"' in group


def test_qr_code_links_the_online_page(tmp_path):
    project = copy_project(tmp_path / "qr")
    project.replace("mkdocs.yml", "# site_url: https://upr.example.org/", "site_url: https://upr.example.org/")
    for rel in list(project.root.glob("factsheets/*/*.yml")):  # keep the build short: one factsheet
        if rel.stem != "violence-against-women":
            for path in rel.parent.glob(f"{rel.stem}.*"):
                path.unlink()
    built = project.build(pdf=True)
    assert built.ok, built.errors
    for lang, url in (("ru", "https://upr.example.org/factsheets/violence-against-women/"),
                      ("en", "https://upr.example.org/en/factsheets/violence-against-women/")):
        document = pdfium.PdfDocument(built.site / f"pdf/factsheets/violence-against-women.{lang}.pdf")
        for page in document:
            codes = zxingcpp.read_barcodes(page.render(scale=3).to_pil())
            assert [(c.format.name, c.text) for c in codes] == [("QRCode", url)]
        text = PdfReader(built.site / f"pdf/factsheets/violence-against-women.{lang}.pdf").pages[0].extract_text()
        assert squash(url.split("://")[1].rstrip("/")) in squash(text)


def test_no_site_url_means_no_qr(sample):
    reader = PdfReader(sample.site / "pdf/factsheets/violence-against-women.en.pdf")
    assert "upr.example.org" not in reader.pages[0].extract_text()
    assert not zxingcpp.read_barcodes(pdfium.PdfDocument(str(sample.site / "pdf/factsheets/violence-against-women.en.pdf"))[0].render(scale=2).to_pil())


def _rendered(built) -> list[str]:
    return [m for m in built.messages() if re.match(r"^PDF \d+/\d+: ", m)]


def test_cache_renders_only_what_changed_and_builds_are_reproducible(tmp_path):
    project = copy_project(tmp_path / "cache")
    project.replace("mkdocs.yml", "sample: true", "sample: true\n      messages: en")
    first = project.build(pdf=True)
    assert first.ok and len(_rendered(first)) == 31
    pdfs = {p.relative_to(first.site): p.read_bytes() for p in first.site.rglob("*.pdf")}
    again = project.build(pdf=True)
    assert again.ok and _rendered(again) == []
    project.replace("factsheets/women/violence-against-women.en.md", "title: Violence against women", "title: Violence against all women")
    edited = project.build(pdf=True)
    # the factsheet, and the cover of its pile (which lists its title)
    assert sorted(m.split(" (")[0].split(": ")[1] for m in _rendered(edited)) == ["covers/vulnerable.en.pdf", "pdf/factsheets/violence-against-women.en.pdf"]
    changed = {p for p, data in pdfs.items() if (edited.site / p).read_bytes() != data}
    assert changed == {Path("pdf/factsheets/violence-against-women.en.pdf"), Path("pdf/tables/vulnerable.en.pdf"),
                       Path("pdf/handouts/violence-against-women.ru-en.pdf")}
    project.replace("factsheets/women/violence-against-women.en.md", "title: Violence against all women", "title: Violence against women")
    shutil.rmtree(project.root / ".cache")
    fresh = project.build(pdf=True)
    assert len(_rendered(fresh)) == 31
    assert {p: (fresh.site / p).read_bytes() for p in pdfs} == pdfs, "two builds of the same sources give the same bytes"


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "https://example.org/logo.png", "http://127.0.0.1/x.png", "ftp://example.org/x",
    (ROOT.parent / "outside.png").as_uri(), (ROOT / "docs/../../outside.css").as_uri(),
])
def test_fetcher_refuses_everything_outside_the_project(url):
    assert not ProjectFetcher(ROOT).allowed(url)


def test_fetcher_allows_project_files_and_data():
    fetcher = ProjectFetcher(ROOT)
    assert fetcher.allowed((ROOT / "docs/assets/fonts/PTSans_400Regular.ttf").as_uri())
    assert fetcher.allowed("data:image/png;base64,iVBORw0KGgo=")


def test_render_refuses_and_writes_nothing(tmp_path):
    out = tmp_path / "x.pdf"
    html = '<html lang="en"><body><p>x</p><img src="file:///etc/passwd"><img src="https://example.org/a.png"></body></html>'
    result = worker.render(worker.Job("k", html, (ROOT / "docs").as_uri() + "/", str(out)), str(ROOT))
    assert result.refused == ["file:///etc/passwd"] and not out.exists()


def test_weasyprint_warnings_reach_the_build_log(project):
    project.replace("docs/assets/stylesheets/print.css", "html { font-family", "html { colour: blue; font-family")
    for rel in list(project.root.glob("factsheets/*/*.yml")):
        if rel.stem != "violence-against-women":
            for path in rel.parent.glob(f"{rel.stem}.*"):
                path.unlink()
    built = project.build(pdf=True)
    assert not built.ok  # --strict: a warning fails the build
    assert any("pdf/factsheets/violence-against-women.en.pdf" in m and "colour" in m for m in built.messages(30))


def test_every_size_placeholder_is_filled(sample):
    leftovers = [p for p in sample.site.rglob("*.html") if "@@pdf-size" in p.read_text(encoding="utf-8")]
    assert leftovers == []


def test_site_without_pdfs_has_no_download_links(project):
    built = project.build(pdf=False)
    assert built.ok and not (built.site / "pdf").exists()
    assert "upr-downloads" not in built.html("en/factsheets/violence-against-women/index.html")


def _only(project, slug: str) -> None:
    """Keep one factsheet, so a PDF build takes a second or two."""
    for meta in list(project.root.glob("factsheets/*/*.yml")):
        if meta.stem != slug:
            for path in meta.parent.glob(f"{meta.stem}.*"):
                path.unlink()


def test_a_factsheet_longer_than_two_pages_fails_the_strict_build(project):
    _only(project, "violence-against-women")
    project.replace("mkdocs.yml", "sample: true", "sample: true\n      messages: en")
    narrative = "\n\n".join(["Survivors still turn to elders' courts rather than to law enforcement. " * 12] * 8)
    project.replace("factsheets/women/violence-against-women.en.md", "### Remaining challenges", "### Remaining challenges\n\n" + narrative)
    built = project.build(pdf=True)
    assert not built.ok
    warnings = built.messages(30)
    assert len(warnings) == 1, warnings
    match = re.fullmatch(
        r"factsheets/women/violence-against-women\.en\.md: pdf/factsheets/violence-against-women\.en\.pdf has ([3-9]) pages, 2 at most: "
        r"about (\d+) lines too long; the longest parts are: National framework: achievements and challenges \((\d+) lines\), (.+)", warnings[0])
    assert match, warnings
    pages, over, narrative = int(match[1]), int(match[2]), int(match[3])
    # 8 paragraphs of ~12 sentences were added: about 70-110 lines at this width; the rest fits 2 pages
    assert 20 <= over <= 60 * (pages - 2) and narrative >= 60


def test_group_logo_in_the_printed_header(project):
    _only(project, "violence-against-women")
    project.path("docs/assets/logos").mkdir(parents=True)
    Image.new("RGB", (40, 40), "#cc0000").save(project.path("docs/assets/logos/women.png"))
    project.replace("data/groups.yml", "  table: vulnerable\n", "  table: vulnerable\n  logo: assets/logos/women.png\n")
    built = project.build(pdf=True)
    assert built.ok, built.errors
    page = PdfReader(built.site / "pdf/factsheets/violence-against-women.en.pdf").pages[0]
    assert page["/Resources"]["/XObject"], "the logo is drawn on the page"
    assert '<img class="upr-fs__logo" src="../../../assets/logos/women.png" alt="Logo: Women&#39;s rights group">' in \
        built.html("en/factsheets/violence-against-women/index.html")


def test_print_html_escapes_data_texts(project):
    """Names from data/ are text in the PDFs too, in the layout's blocks and in partials."""
    from uprkit.cli.project import open_project
    from uprkit.printing.documents import PrintSet

    project.replace("data/groups.yml", "name: {en: Women's rights group", 'name: {en: "Women <b>&</b> girls"')
    opened = open_project(project.root / "mkdocs.yml")
    config = opened.config
    printset = PrintSet(opened.load(), config["markdown_extensions"], config["mdx_configs"], None, sample=True, briefings=False)
    html = printset.factsheet("violence-against-women", "en").html
    assert "<b>&</b>" not in html
    assert '<meta name="author" content="Women &lt;b&gt;&amp;&lt;/b&gt; girls">' in html
    assert '<span class="upr-print__group">Women &lt;b&gt;&amp;&lt;/b&gt; girls</span>' in html


def _links(pdf: Path) -> list[str]:
    """Every link target (URI) of a PDF's annotations."""
    out = []
    for page in PdfReader(pdf).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action and "/URI" in action:
                out.append(str(action["/URI"]))
    return out


def test_pdfs_link_only_to_the_web(sample, tmp_path):
    """Without site_url (the sample) no PDF links to the builder's disk; with it, links
    are the published site's addresses."""
    pdfs = sorted((sample.site / "pdf").rglob("*.pdf"))
    assert pdfs
    for pdf in pdfs:
        for uri in _links(pdf):
            assert uri.startswith(("https://", "http://", "mailto:")), f"{pdf.name}: {uri}"
            assert str(sample.root) not in uri
    project = copy_project(tmp_path / "online")
    _only(project, "violence-against-women")
    project.replace("mkdocs.yml", "# site_url: https://upr.example.org/", "site_url: https://upr.example.org/")
    built = project.build(pdf=True)
    assert built.ok, built.errors
    uris = _links(built.site / "pdf/factsheets/violence-against-women.en.pdf")
    assert "https://upr.example.org/en/tables/vulnerable/" in uris
    assert all(uri.startswith(("https://", "http://", "mailto:")) for uri in uris), uris


def test_two_folders_give_byte_identical_sites(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1733011200")
    sites = []
    for name in ("first", "second-folder"):
        project = copy_project(tmp_path / name)
        _only(project, "violence-against-women")
        built = project.build(pdf=True)
        assert built.ok, built.errors
        sites.append({p.relative_to(built.site).as_posix(): p.read_bytes() for p in sorted(built.site.rglob("*")) if p.is_file()})
    assert sites[0].keys() == sites[1].keys()
    different = [path for path in sites[0] if sites[0][path] != sites[1][path]]
    assert different == []
    assert any(path.endswith(".pdf") for path in sites[0])
