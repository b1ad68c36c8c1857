"""The other stacks' check (stacks/): the comparison logic on small sites written here,
the MaterialX configuration made from mkdocs.yml, and the i18n seam (only
site/languages.py knows mkdocs-static-i18n). The builds on the other stacks themselves
run in CI (.ci/stacks), each in its own virtualenv: too slow for this suite."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("ru", "en")


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"stacks_{name}", ROOT / "stacks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


compare = _load("compare")
materialx = _load("materialx")


def _page(ru: str, en: str) -> str:
    return (f'<html><body><a href="{ru}" hreflang="ru" class="md-select__link">Русский</a>'
            f'<a href="{en}" hreflang="en" class="md-select__link">English</a><p>text</p></body></html>')


def _site(root: Path, pdf: bytes = b"%PDF-1 same", theme: str = "bundle.a.js") -> Path:
    """A two-language site: home and a guide in each language, a 404, a PDF, a theme file."""
    files = {
        "index.html": _page(".", "en/"),
        "guide/index.html": _page("./", "../en/guide/"),
        "en/index.html": _page("..", "./"),
        "en/guide/index.html": _page("../../guide/", "./"),
        "404.html": "<html><body>not found</body></html>",
        f"assets/javascripts/{theme}": "js",
        "search/index.html": "<html>the search's own page</html>",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    (root / "pdf").mkdir()
    (root / "pdf" / "guide.ru.pdf").write_bytes(pdf)
    return root


@pytest.fixture
def sites(tmp_path: Path) -> tuple[Path, Path]:
    return _site(tmp_path / "reference"), _site(tmp_path / "stack", theme="bundle.b.js")


def test_same_sites_are_the_same_and_theme_files_are_only_information(sites):
    reference, stack = sites
    result = compare.compare(reference, stack, "x", LANGS, pdfs=True)
    assert result.ok, result.problems()
    assert result.pages == 5  # search/ is the search's own folder, not a page
    assert result.pdfs == 1
    assert result.theme_files == (1, 1)


def test_a_missing_page_and_an_extra_page_are_differences(sites):
    reference, stack = sites
    (stack / "en" / "guide" / "index.html").unlink()
    (stack / "extra.html").write_text(_page(".", "en/"), encoding="utf-8")
    result = compare.compare(reference, stack, "x", LANGS, pdfs=False)
    assert result.pages_missing == ["en/guide/index.html"]
    assert result.pages_extra == ["extra.html"]
    # and the guide's switcher now leads nowhere
    assert result.switcher_broken == ["guide/index.html: en leads to en/guide/index.html, which does not exist"]
    assert not result.ok


def test_a_page_without_the_switcher_or_with_another_target_is_a_difference(sites):
    reference, stack = sites
    (stack / "guide" / "index.html").write_text("<html><body><p>no switcher</p></body></html>", encoding="utf-8")
    (stack / "en" / "guide" / "index.html").write_text(_page("../../", "./"), encoding="utf-8")
    result = compare.compare(reference, stack, "x", LANGS, pdfs=False)
    assert result.switcher_missing == ["guide/index.html: missing ru, en"]
    assert result.switcher_broken == ["en/guide/index.html: ru leads to index.html, the reference build to guide/index.html"]
    assert len(result.problems()) == 2


def test_pdfs_are_compared_byte_for_byte_only_when_the_stack_built_them(tmp_path):
    reference = _site(tmp_path / "reference")
    stack = _site(tmp_path / "stack", pdf=b"%PDF-1 other")
    (stack / "pdf" / "extra.en.pdf").write_bytes(b"%PDF")
    assert compare.compare(reference, stack, "x", LANGS, pdfs=False).ok
    result = compare.compare(reference, stack, "x", LANGS, pdfs=True)
    assert result.pdfs_differ == ["pdf/guide.ru.pdf (11 bytes in the reference build, 12 in x)"]
    assert result.pdfs_extra == ["pdf/extra.en.pdf"]


def test_pdfs_the_stack_was_asked_not_to_make_are_not_missing(tmp_path):
    reference, stack = _site(tmp_path / "reference"), _site(tmp_path / "stack")
    (reference / "pdf" / "states").mkdir()
    (reference / "pdf" / "states" / "se.en.pdf").write_bytes(b"%PDF")
    assert compare.compare(reference, stack, "x", LANGS, pdfs=True).pdfs_missing == ["pdf/states/se.en.pdf"]
    assert compare.compare(reference, stack, "x", LANGS, pdfs=True, pdfs_not_built=("pdf/states/",)).ok


@pytest.mark.parametrize(("page", "href", "target"), [
    ("index.html", ".", "index.html"),
    ("index.html", "en/", "en/index.html"),
    ("en/index.html", "..", "index.html"),
    ("en/guide/index.html", "../../guide/", "guide/index.html"),
    ("404.html", "en/guide/#top", "en/guide/index.html"),
])
def test_resolve_follows_relative_directory_links(page, href, target):
    assert compare.resolve(page, href) == target


def test_the_materialx_configuration_changes_only_the_theme_and_the_search():
    text = materialx.variant(ROOT / "mkdocs.yml")
    data = yaml.safe_load(text)
    ours = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert set(data) == {"INHERIT", "theme", "plugins"}
    assert data["INHERIT"] == "mkdocs.yml"
    assert data["theme"] == {"name": "materialx"}
    assert data["plugins"][0] == "materialx/search"
    assert data["plugins"][1:] == [entry for entry in ours["plugins"] if entry != "search" and "search" not in entry]


def test_the_materialx_configuration_refuses_a_site_without_material(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\ntheme: {name: readthedocs}\nplugins: [search]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="theme 'material' expected"):
        materialx.variant(config)


# The seam: what knows mkdocs-static-i18n ------------------------------------------------
I18N_KNOWLEDGE = re.compile(r"""plugins\s*(\.get\(|\[)\s*["']i18n["']|mkdocs_static_i18n|\.current_language\b|\.building\b"""
                            r"""|\bextra_alternate\b|\.alternates\b|\.locale\b|\bi18n_(config|page_locale|file_locale|current_language|alternates)\b""")


def test_only_the_seam_knows_mkdocs_static_i18n():
    seam = ROOT / "hooks" / "uprkit" / "site" / "languages.py"
    offenders = []
    for path in [*(ROOT / "hooks").rglob("*.py"), *(ROOT / "overrides").rglob("*.html"), *(ROOT / "overrides").rglob("*.xml")]:
        if path == seam:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if I18N_KNOWLEDGE.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []
    assert I18N_KNOWLEDGE.search(seam.read_text(encoding="utf-8"))  # the pattern does find it where it is


def test_every_page_of_the_mkdocs_build_has_a_working_switcher(sample):
    """The seam gives every page (generated or from docs/) its switcher: compared with
    itself, the sample build has no page without one and no link to a missing page."""
    result = compare.compare(sample.site, sample.site, "mkdocs", LANGS, pdfs=False)
    assert result.ok, result.problems()
    assert result.pages > 100
    # a page of docs/ leads to its twin, not to the other language's home
    links = compare.switcher_links(sample.html("en/guide/index.html"))
    assert compare.resolve("en/guide/index.html", links["ru"]) == "guide/index.html"


# The locks ---------------------------------------------------------------------------
def _pins(path: Path) -> dict[str, str]:
    """name -> version of every requirement of a pip-tools lock (each with its hashes)."""
    text = path.read_text(encoding="utf-8")
    pins = dict(re.findall(r"^([a-z0-9][a-z0-9._-]*)==([^ \\\n]+) \\\n\s+--hash=sha256:", text, flags=re.M))
    assert len(pins) == len(re.findall(r"^[a-z0-9]", text, flags=re.M)), f"{path.name}: a requirement without hashes"
    return pins


@pytest.mark.parametrize(("lock", "theme"), [("properdocs-material", "mkdocs-material"), ("properdocs-materialx", "mkdocs-materialx")])
def test_a_stack_differs_from_the_main_lock_only_in_what_the_stack_changes(lock, theme):
    main, stack = _pins(ROOT / "requirements.txt"), _pins(ROOT / "stacks" / f"{lock}.txt")
    assert stack["mkdocs"] == "1.6.1" and stack["properdocs"] == "1.6.7" and theme in stack
    assert stack["mkdocs-static-i18n"] == main["mkdocs-static-i18n"] == "1.3.1"
    different = {name for name in stack.keys() & main.keys() if stack[name] != main[name]}
    assert different == set()
    assert "pytest" not in stack  # the tests run on the main stack
