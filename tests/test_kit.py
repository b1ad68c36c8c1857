"""The offline event kit (`upr kit`): made once from the sample fixture (its PDFs come
from the fixture's cache), checked as files, then in Chromium over file:// with every
request outside file:// aborted."""

from __future__ import annotations

import logging
import math
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import search
from playwright.sync_api import expect
from pypdf import PdfReader
from uprkit.cli import main
from uprkit.site import kit as kitmod

pytestmark = pytest.mark.xdist_group("kit")  # one kit, made once, on one worker

TABLES = {"esc": ("Economic, social and cultural rights", "Экономические, социальные и культурные права")}


def upr(root: Path, *args: str, config: str = "mkdocs.yml") -> tuple[int, str, str]:
    command = [str(Path(sys.executable).with_name("upr")), "--config", str(root / config), *args]
    result = subprocess.run(command, capture_output=True, text=True, cwd=root, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    return result.returncode, result.stdout, result.stderr


def _cache(root: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in (root / ".cache/upr-pdf").iterdir()}


@pytest.fixture(scope="module")
def made(sample, tmp_path_factory):
    """The kit of the sample, with copies for every table and fewer for one."""
    out = tmp_path_factory.mktemp("kit")
    before = _cache(sample.root)
    code, stdout, stderr = upr(sample.root, "kit", "--out", str(out / "kit"), "--zip", str(out / "upr-kit.zip"), "--copies", "12", "--copies", "esc=4")
    assert code == 0, stderr
    return {"folder": out / "kit", "zip": out / "upr-kit.zip", "stdout": stdout, "stderr": stderr, "cache_before": before,
            "cache_after": _cache(sample.root), "sample": sample}


def test_the_kit_holds_the_offline_site_every_pdf_and_the_print_plan(made):
    folder, site = made["folder"], made["sample"].site
    for path in ["index.html", "en/index.html", "factsheets/violence-against-women.html", "en/factsheets/violence-against-women.html",
                 "search/search_index.js", kitmod.SHIM, "print-plan.ru.html", "print-plan.en.html", "print-plan.ru.pdf", "print-plan.en.pdf"]:
        assert (folder / path).is_file(), path
    assert not (folder / "404.html").exists()
    assert (folder / "search/search_index.js").read_text(encoding="utf-8").startswith("var __index = {")
    # every PDF of the built site is in the kit, byte for byte
    pdfs = sorted(p.relative_to(site).as_posix() for p in (site / "pdf").rglob("*.pdf"))
    assert pdfs and any("/tables/" in p for p in pdfs) and any("/handouts/" in p for p in pdfs)
    assert sorted(p.relative_to(folder).as_posix() for p in (folder / "pdf").rglob("*.pdf")) == pdfs
    assert all((folder / p).read_bytes() == (site / p).read_bytes() for p in pdfs)
    # the zip holds the same files under one folder
    with zipfile.ZipFile(made["zip"]) as archive:
        names = archive.namelist()
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert sorted(name.removeprefix("upr-kit/") for name in names) == files
    assert all(name.startswith("upr-kit/") for name in names)
    assert str(folder) in made["stdout"] and str(made["zip"]) in made["stdout"]


def test_a_kit_after_a_build_renders_no_pdf_again(made):
    assert made["cache_after"] == made["cache_before"]


def test_every_internal_link_of_the_kit_resolves_to_a_file(made):
    folder = made["folder"].resolve()
    broken, pages = [], list(folder.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        for tag, attribute, value in kitmod.references(page.read_text(encoding="utf-8")):
            parts = urlsplit(value)
            if parts.scheme or parts.netloc or not parts.path:  # the web, mailto:, data:, and #anchors
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if not (target.is_file() and target.is_relative_to(folder)):
                broken.append(f"{page.relative_to(folder)}: <{tag} {attribute}={value}>")
    assert broken == [], "\n".join(broken)


def test_nothing_in_the_kit_loads_from_the_network(made):
    folder = made["folder"]
    assert list(kitmod.network_references(folder)) == []
    loads = re.compile(r"""<(?:script|img|iframe|source)\b[^>]*\bsrc=["']?(?:https?:)?//|<link\b[^>]*\bhref=["']?(?:https?:)?//[^>]*>""", re.I)
    for page in folder.rglob("*.html"):
        for found in loads.findall(page.read_text(encoding="utf-8")):
            assert 'rel="alternate"' in found or 'rel="canonical"' in found, f"{page}: {found}"
    for sheet in folder.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", sheet.read_text(encoding="utf-8")), sheet


def test_the_network_check_finds_what_would_load(tmp_path):
    (tmp_path / "a.html").write_text('<script src="https://unpkg.com/x"></script><a href="https://example.org">ok</a>'
                                     '<link rel="stylesheet" href="//cdn.example.org/s.css"><link rel="alternate" href="https://site/en/">')
    (tmp_path / "s.css").write_text("@font-face { src: url('https://fonts.example.org/f.woff2') }")
    assert list(kitmod.network_references(tmp_path)) == [
        ("a.html", "https://unpkg.com/x"), ("a.html", "//cdn.example.org/s.css"), ("s.css", "https://fonts.example.org/f.woff2")]


@pytest.mark.parametrize("lang, name, settings", [
    ("en", TABLES["esc"][0], "flip on the long edge"),
    ("ru", TABLES["esc"][1], "переворот по длинному краю"),
])
def test_the_print_plan_counts_sheets_from_the_pdfs(made, lang, name, settings):
    folder = made["folder"]
    html = (folder / f"print-plan.{lang}.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in html and name in html and settings in html and "100%" in html
    for table, copies in [("esc", 4), ("civil-political", 12)]:
        for code in ("ru", "en"):
            path = f"pdf/tables/{table}.{code}.pdf"
            pages = len(PdfReader(folder / path).pages)
            row = re.search(rf'<a href="{re.escape(path)}">.*?</tr>', html, re.S).group(0)
            numbers = [int(n) for n in re.findall(r'<td class="n">(\d+)</td>', row)]
            assert numbers[1:] == [pages, math.ceil(pages / 2), copies, math.ceil(pages / 2) * copies], (path, numbers)
    handout = "pdf/handouts/violence-against-women.ru-en.pdf"
    assert f'<a href="{handout}">' in html
    text = "".join(page.extract_text() for page in PdfReader(folder / f"print-plan.{lang}.pdf").pages)
    assert name in text.replace("\n", " ") and "A4" in text


def upr_here(root: Path, capsys, *args: str) -> tuple[int, str]:
    """The command in this process (no interpreter to start), for what fails before building."""
    logger = logging.getLogger("mkdocs")
    level = logger.level
    try:
        code = main(["--config", str(root / "mkdocs.yml"), *args])
    finally:
        logger.setLevel(level)
    return code, capsys.readouterr().err


def test_copies_that_are_no_number_are_refused_before_building(made, tmp_path, capsys):
    code, err = upr_here(made["sample"].root, capsys, "kit", "--out", str(tmp_path / "k"), "--copies", "many", "--copies", "bar=3")
    assert code == 1 and not (tmp_path / "k").exists()
    assert err.splitlines() == [
        "--copies many: укажите число копий (--copies 20) или стол и число (--copies esc=20); столы: esc, civil-political, vulnerable",
        "--copies bar=3: укажите число копий (--copies 20) или стол и число (--copies esc=20); столы: esc, civil-political, vulnerable",
    ]


def test_a_folder_that_is_no_kit_is_never_replaced(made, tmp_path, capsys):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    code, err = upr_here(made["sample"].root, capsys, "kit", "--out", str(tmp_path / "mine"))
    assert code == 1 and (tmp_path / "mine" / "notes.txt").read_text() == "keep me"
    assert err.splitlines()[-1] == (f"в {tmp_path / 'mine'} есть файлы, которые не относятся к комплекту, а комплект заменил бы их; "
                                    "выберите новую или пустую папку через --out")
    site = made["sample"].site
    code, err = upr_here(made["sample"].root, capsys, "kit", "--out", str(site / "kit"))
    assert code == 1 and not (site / "kit").exists()
    assert err.splitlines()[-1] == (f"{site / 'kit'}: комплект нельзя собирать внутри папки сайта {site} (следующая сборка её заменит); "
                                    "выберите другое место через --out")


def test_a_failed_build_leaves_the_kit_as_it_was(made):
    """A build that fails (here: a misspelt option, found as the build starts) keeps the
    previous kit whole and leaves nothing beside it."""
    root = made["sample"].root
    broken = (root / "mkdocs.yml").read_text(encoding="utf-8").replace("country: KG", "country: KG\n      pdf_worker: 1")
    (root / "mkdocs-broken.yml").write_text(broken, encoding="utf-8")
    folder = made["folder"]
    before = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
    from uprkit.cli.project import open_project
    from uprkit.errors import ContentError

    content = open_project(root / "mkdocs.yml").load()
    with pytest.raises(ContentError) as failed:
        kitmod.make(content, root / "mkdocs-broken.yml", made["sample"].site, folder, None, {}, content.today)
    (root / "mkdocs-broken.yml").unlink()
    assert failed.value.messages[-1].startswith("комплект не собран: сборка сайта не удалась (")
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == before
    assert [p.name for p in folder.parent.iterdir() if p.name.startswith("kit.")] == []


# ---------------------------------------------------------------- in the browser, over file://
@pytest.fixture(scope="module")
def page(made, chromium):
    context = chromium.new_context()
    outside = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file://", "data:", "blob:"))
                  else (outside.append(route.request.url), route.abort()))
    yield context.new_page()
    context.close()
    assert outside == [], "the kit asked for something outside itself"


def test_the_kit_works_from_file_urls(page, made):
    root = made["folder"].resolve().as_uri() + "/"
    page.goto(root + "index.html")
    page.locator('article a[href="tables/vulnerable/index.html"]').click()
    expect(page).to_have_url(root + "tables/vulnerable/index.html")
    page.locator('article a[href="../../factsheets/violence-against-women.html"]').first.click()
    expect(page).to_have_url(root + "factsheets/violence-against-women.html")
    expect(page.locator("article.upr-fs h1")).to_have_text("Насилие в отношении женщин и девочек, похищение невест")

    hits = search(page, "похищение")
    assert hits[0] == root + "factsheets/violence-against-women.html" and not any(hit.startswith(root + "en/") for hit in hits)
    page.keyboard.press("Escape")

    page.hover(".md-header__option .md-select")
    page.click("a.md-select__link[hreflang=en]")
    expect(page).to_have_url(root + "en/factsheets/violence-against-women.html")
    expect(page.locator("article.upr-fs h1")).to_have_text("Violence against women and girls, bride kidnapping")

    hits = search(page, "kidnapping")
    # one index serves both languages, as on the web site: the English pages come first
    # (the Russian guide quotes English examples, so it may follow)
    assert hits[0] == root + "en/factsheets/violence-against-women.html", hits

    page.goto(root + "en/factsheets/violence-against-women.html")
    href = page.locator(".upr-downloads a").first.evaluate("a => a.href")
    pdf = Path(unquote(urlsplit(href).path))
    assert href.startswith(root) and pdf.suffix == ".pdf" and pdf.read_bytes()[:5] == b"%PDF-"
