"""What a reader's phone fetches before the first paint: one stylesheet (Material's two and
extra_css, combined by the build), PT Sans subsets without hinting, no search index until
the search is opened. bench/audit.py measures the effect (Lighthouse); these check the means."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, http_site, search
from fontTools.ttLib import TTFont
from uprkit.site import stylesheets

DOCS = ROOT / "docs"
LINK = re.compile(r'<link rel="stylesheet" href="([^"]+)">')


def test_every_page_links_one_stylesheet_that_holds_all_of_them_in_order(sample):
    site = sample.site
    pages = [site / "index.html", site / "en" / "index.html", site / "states" / "se" / "index.html",
             site / "en" / "recommendations" / "index.html", site / "guide" / "index.html", site / "404.html"]
    links = {page.relative_to(site).as_posix(): LINK.findall(page.read_text(encoding="utf-8")) for page in pages}
    assert all(len(hrefs) == 1 and re.search(r"assets/stylesheets/site\.[0-9a-f]{8}\.css$", hrefs[0]) for hrefs in links.values()), links
    [combined] = (site / "assets" / "stylesheets").glob("site.*.css")
    css = combined.read_text(encoding="utf-8")
    material = next((site / "assets" / "stylesheets").glob("main.*.min.css")).read_text(encoding="utf-8")
    assert css.startswith(material.split("/*# sourceMappingURL")[0][:2000])
    ours = [(DOCS / "assets" / "stylesheets" / name).read_text(encoding="utf-8") for name in ("fonts.css", "factsheet.css", "reader.css")]
    positions = [css.index(text) for text in ours]
    assert positions == sorted(positions) and "sourceMappingURL" not in css and css.count("@charset") == 1


def test_an_extra_css_elsewhere_keeps_its_own_link(tmp_path):
    class Config(dict):
        __getattr__ = dict.__getitem__

        def __setattr__(self, key, value):
            self[key] = value

    (tmp_path / "a.css").write_text("a{}", encoding="utf-8")
    config = Config(docs_dir=str(tmp_path), extra_css=["a.css", "https://example.org/b.css"], extra={},
                    theme=Config(dirs=[str(tmp_path / "none")]))
    combined = stylesheets.combine(config)
    stylesheets.apply(config, combined)
    assert combined.css == "a{}\n" and not combined.material
    assert config.extra_css == [combined.path, "https://example.org/b.css"] and config.extra["upr_styles"] == {"material": False}


@pytest.mark.parametrize("name", sorted(p.name for p in (DOCS / "assets" / "fonts").glob("pt-sans-*.woff2")))
def test_web_fonts_are_unhinted_subsets_with_their_letters(name):
    font = TTFont(DOCS / "assets" / "fonts" / name)
    assert not {"fpgm", "prep", "cvt ", "hdmx"} & set(font.keys())
    cmap = font.getBestCmap()
    letters = {"latin": "Agz09", "cyrillic": "АяЖё", "latin-ext": "ĀžŁ", "cyrillic-ext": "ҐҚӨ"}[name.split("-", 2)[2].rsplit("-", 2)[0]]
    assert all(ord(letter) in cmap for letter in letters)


def test_the_search_index_is_fetched_when_the_search_opens(sample, chromium):
    page = chromium.new_page()
    requests = []
    page.on("request", lambda request: "search_index" in request.url and requests.append(request.url))
    with http_site(sample.site) as base:
        page.goto(base + "en/states/", wait_until="load")
        page.wait_for_timeout(300)
        assert requests == []
        found = search(page, "Sweden")
    page.close()
    assert requests == [base + "en/search/search_index.json"] and found[0] == base + "en/states/se/"
