"""`mkdocs build` replaces site/ only when the whole build succeeded; the sitemap."""

from __future__ import annotations

import gzip
import hashlib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import copy_project, with_site
from jinja2.exceptions import UndefinedError

W = "factsheets/women/violence-against-women"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def fingerprint(site: Path) -> dict[str, str]:
    """Every file of the site (hidden ones too) with a hash of its bytes."""
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(site.rglob("*")) if path.is_file()}


def beside(project) -> list[str]:
    """What a build left next to site/ (its temporary or old folders)."""
    return sorted(path.name for path in project.root.iterdir() if path.name.startswith("site.upr-"))


@pytest.fixture
def built(project, plain):
    """The project with the site of a successful build (and a hidden file a deployment
    might keep in site/)."""
    with_site(project, plain)
    project.write("site/.keep", "kept by the deployment")
    return project


@pytest.mark.parametrize("page", ["docs/guide.ru.md", "docs/guide.en.md"])
def test_broken_link_leaves_the_site_untouched(built, page):
    """A strict-mode warning fails the build only after on_post_build: in the outer build
    (Russian, the default language) and in the one the i18n plugin runs inside it (English)."""
    before = fingerprint(built.path("site"))
    built.only("violence-against-women")  # the failing build: shorter with one factsheet
    built.write(page, built.read(page) + "\n\n[A broken link](no-such-page.md)\n")
    second = built.build()
    assert not second.ok
    assert any("no-such-page.md" in m for m in second.messages())
    assert fingerprint(built.path("site")) == before
    assert beside(built) == []


def test_content_error_leaves_the_site_untouched(built):
    before = fingerprint(built.path("site"))
    built.replace(f"{W}.yml", "group: women", "group: woman")
    second = built.build()
    assert not second.ok
    assert second.errors[0].startswith(f"{W}.yml:3: ")
    assert fingerprint(built.path("site")) == before
    assert beside(built) == []


def test_error_while_writing_pages_leaves_the_site_untouched(built):
    """An exception after some pages are written (here, in a template)."""
    before = fingerprint(built.path("site"))
    built.replace("overrides/factsheet.html", "{% block content %}", "{% block content %}{{ no_such_function() }}")
    with pytest.raises(UndefinedError):  # not a BuildError: MkDocs lets it through
        built.build()
    assert fingerprint(built.path("site")) == before
    assert beside(built) == []


def test_a_good_build_replaces_the_site(built):
    before = fingerprint(built.path("site"))
    built.replace(f"{W}.en.md", "title: Violence against women and girls", "title: Retitled between builds")
    second = built.build()
    assert second.ok, second.errors
    assert "Retitled between builds" in second.html("en/factsheets/violence-against-women/index.html")
    after = fingerprint(built.path("site"))
    assert after != before and after[".keep"] == before[".keep"]  # hidden files stay, as MkDocs' cleaning keeps them
    assert set(after) == set(before)
    assert beside(built) == []


def test_leftovers_of_a_killed_build_are_tidied(built):
    """A build killed between the two renames of its swap left only the old site: it comes back."""
    site = built.path("site")
    before = fingerprint(site)
    built.only("violence-against-women")
    site.rename(built.path("site.upr-old-999999999"))
    built.path("site.upr-tmp-999999999/half").mkdir(parents=True)
    built.replace(f"{W}.yml", "group: women", "group: woman")
    assert not built.build().ok
    assert fingerprint(site) == before  # a content error stops before the site is touched
    built.replace(f"{W}.yml", "group: woman", "group: women")
    assert built.build().ok
    assert beside(built) == []


def test_pdfs_and_data_export_land_in_the_final_site(sample, tmp_path):
    project = copy_project(tmp_path / "project", pdfs_of=sample)  # the PDFs come from the cache
    built = project.build(pdf=True)
    assert built.ok, built.errors
    assert (built.site / "pdf/factsheets/violence-against-women.en.pdf").read_bytes().startswith(b"%PDF")
    assert (built.site / "pdf/handouts/violence-against-women.ru-en.pdf").is_file()
    assert (built.site / "data/recommendations.csv").read_text(encoding="utf-8").startswith("cycle,id,")
    assert (built.site / "data/recommendations.json").is_file()
    assert beside(project) == []


def _sitemap(built) -> list[str]:
    text = (built.site / "sitemap.xml").read_bytes()
    assert gzip.decompress((built.site / "sitemap.xml.gz").read_bytes()) == text
    root = ET.fromstring(text)
    assert root.tag == f"{SITEMAP}urlset"
    return [url.findtext(f"{SITEMAP}loc") for url in root]


def test_sitemap_has_absolute_urls_of_every_language(project):
    project.only("violence-against-women")
    project.replace("mkdocs.yml", "# site_url: https://upr.example.org/", "site_url: https://upr.example.org/sub/")
    built = project.build()
    assert built.ok, built.errors
    locs = _sitemap(built)
    assert locs and all(loc.startswith("https://upr.example.org/sub/") for loc in locs)
    assert len(locs) == len(set(locs))
    for page in ["", "en/", "guide/", "en/guide/", "factsheets/violence-against-women/", "en/factsheets/violence-against-women/", "en/groups/"]:
        assert f"https://upr.example.org/sub/{page}" in locs
    pages = {p.parent.relative_to(built.site).as_posix() for p in built.site.rglob("index.html")}
    editor = {page for page in pages if page.split("/")[-1] == "admin"}  # the web editor is no page for search engines
    assert len(editor) == 2 and not any("/admin/" in loc for loc in locs)
    assert len(locs) == len(pages - editor)


def test_sitemap_without_site_url_is_empty(plain):
    assert "site_url:" not in "".join(line.split("#")[0] for line in (plain.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines())
    assert plain.ok, plain.errors
    assert _sitemap(plain) == []
    assert "None" not in plain.html("sitemap.xml")
