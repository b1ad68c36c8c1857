"""What the preview (`mkdocs serve`) keeps from one rebuild to the next, and that what it
keeps gives the same site as doing the work again."""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from material import templates as material_templates
from uprkit.site import templatecache
from uprkit.site.memo import PerPage
from uprkit.site.publish import Clearing

ROOT = Path(__file__).resolve().parent.parent


def test_a_page_is_worked_again_only_when_its_input_changed():
    calls: list[str] = []

    def upper(text: str) -> str:
        calls.append(text)
        return text.upper()

    kept = PerPage(upper, keep=True)
    assert kept("a/index.html", "one") == "ONE"
    assert kept("a/index.html", "one") == "ONE"
    assert kept("b/index.html", "one") == "ONE"  # another page: its own result
    assert kept("a/index.html", "two") == "TWO"
    assert kept("a/index.html", "one") == "ONE"  # one result per page: the older one is gone
    assert calls == ["one", "one", "two", "one"]

    once = PerPage(upper, keep=False)  # mkdocs build keeps nothing
    assert [once("a", "x"), once("a", "x")] == ["X", "X"]
    assert calls[-2:] == ["x", "x"]


def _published(names: list[str]) -> list[str]:
    """What MkDocs publishes of a theme listing (its filter in Files.add_files_from_theme)."""
    patterns = [".*", "*/.*", "*.py", "*.pyc", "*.html", "*readme*", "mkdocs_theme.yml", "locales/*"]
    return [name for name in names if not any(fnmatch.fnmatch(name.lower(), p) for p in patterns)]


def test_the_kept_theme_listing_publishes_what_jinja_lists():
    folders = [str(ROOT / "overrides"), str(Path(material_templates.__file__).parent)]

    class Theme:
        def get_env(self) -> Environment:
            return Environment(loader=FileSystemLoader(folders))

    theme = Theme()
    plain = theme.get_env().list_templates()
    templatecache.list_installed_theme_once(theme)
    templatecache.list_installed_theme_once(theme)  # twice: wrapped once
    kept = theme.get_env().list_templates()
    assert len(plain) > 10_000  # Material's icons are listed by Jinja...
    assert len(kept) < 1_000  # ...but never published: they sit in a hidden folder
    assert _published(kept) == _published(plain)
    assert "partials/picker.html" in kept and "main.html" in kept  # overrides/ is listed anew


def test_the_kept_listing_sees_a_new_file_in_overrides(tmp_path):
    (tmp_path / "main.html").write_text("x", encoding="utf-8")

    class Theme:
        def get_env(self) -> Environment:
            return Environment(loader=FileSystemLoader([str(tmp_path), str(Path(material_templates.__file__).parent)]))

    theme = Theme()
    templatecache.list_installed_theme_once(theme)
    assert "extra.css" not in theme.get_env().list_templates()
    (tmp_path / "extra.css").write_text("x", encoding="utf-8")
    assert "extra.css" in theme.get_env().list_templates()


def test_the_served_folder_is_emptied_at_once_and_the_old_pages_go_in_the_background(tmp_path):
    site = tmp_path / "site"
    (site / "en" / "factsheets").mkdir(parents=True)
    (site / "en" / "factsheets" / "index.html").write_text("old", encoding="utf-8")
    (site / "index.html").write_text("old", encoding="utf-8")
    (site / ".keep").write_text("hidden entries stay, as MkDocs' cleaning keeps them", encoding="utf-8")
    clearing = Clearing()
    clearing.clear(str(site))
    assert sorted(p.name for p in site.iterdir() if not p.name.startswith(".upr-old-")) == [".keep"]
    clearing.clear(str(site))  # nothing to move: nothing happens
    clearing.join()
    assert sorted(p.name for p in site.iterdir()) == [".keep"]
    clearing.clear(str(tmp_path / "missing"))  # the first build: no folder yet


def _print_html(project: Path, kept) -> dict[str, str]:
    """Every print document's HTML (factsheets, briefings, piles and handouts as laid out
    with nothing fitted) of one content load, with ``kept`` as the preview keeps them."""
    from uprkit.cli.project import open_project
    from uprkit.content.fingerprints import outside_factsheets
    from uprkit.printing.documents import PrintSet

    opened = open_project(project / "mkdocs.yml")
    if kept is not None:
        kept.begin(outside_factsheets(project))
    printset = PrintSet(opened.load(), opened.config["markdown_extensions"], opened.config["mdx_configs"], "https://upr.example.org/",
                        sample=True, briefings=True, kept=kept)
    out = {doc.path: doc.html + doc.fit_html for doc in printset.documents()}
    out |= {path: make(frozenset(), {}).html for path, _sheets, make in printset.collections()}
    return out


def test_kept_print_documents_are_those_made_anew(project):
    """The preview keeps print sheets and documents between loads by a digest of what they
    are made of: after each kind of edit, what it keeps and what it makes again is byte for
    byte what a load that keeps nothing makes, and an edit of one factsheet makes again
    only that factsheet's sheets (and the covers and briefings, which list them all)."""
    from uprkit.printing import documents

    made: list[tuple] = []
    kept = documents.Kept()
    original = kept.get

    def counting(key, inputs, make):
        return original(key, inputs, lambda: (made.append(key), make())[1])

    kept.get = counting
    keep = ("violence-against-women", "social-protection", "torture-prevention")  # the older and newer layouts of comments
    root = project.only(*keep).root
    first = _print_html(root, kept)
    assert first == _print_html(root, None)
    all_briefings = {key[1] for key in made if key[0] == "briefing"}
    assert len(first) > 50 and len(all_briefings) > 40  # States

    made.clear()
    assert _print_html(root, kept) == first and made == [], "nothing changed: nothing is made again"

    edits = [
        ("factsheets/women/violence-against-women.en.md", "Violence against women", "Violence towards women"),
        ("factsheets/women/violence-against-women.yml", "partially-implemented", "implemented"),
        ("data/groups.yml", "name: {en: Women's rights group", "name: {en: Women's group"),
        ("overrides/print/factsheet.html", "<div class=\"md-typeset\">", "<div class=\"md-typeset\" data-edited>"),
    ]
    for rel, old, new in edits:
        made.clear()
        project.replace(rel, old, new)
        again = _print_html(root, kept)
        assert again == _print_html(root, None), f"after an edit of {rel}: what is kept differs from what is made anew"
        assert again != first, rel
        first = again
        sheets = {key[1] for key in made if key[0] in ("sheet", "factsheet")}
        briefings = {key[1] for key in made if key[0] == "briefing"}
        if rel.startswith("factsheets/"):
            assert sheets == {"violence-against-women"}, (rel, sheets)
            assert "SE" in briefings and 0 < len(briefings) < len(all_briefings), (rel, sorted(briefings))  # the States it names
        else:
            assert sheets == set(keep), (rel, sheets)  # shared by every sheet: all made again


def _pages(site: Path) -> dict[str, str]:
    """{address: HTML} of every page in ``site``, but those of hidden folders: the previous
    rebuild's pages, moved into one (``Clearing``), may still be being deleted."""
    pages = {}
    for folder, subfolders, names in os.walk(site):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(names):
            if name.endswith(".html"):
                path = Path(folder, name)
                pages[path.relative_to(site).as_posix()] = path.read_text(encoding="utf-8")
    return pages


def _differ(got: dict[str, str], expected: dict[str, str]) -> list[str]:
    """The pages missing from one site or the other, or whose HTML differs (a short list,
    where comparing the dicts would print every page)."""
    return sorted(path for path in got.keys() | expected.keys() if got.get(path) != expected.get(path))


class _Serving:
    """``mkdocs serve``'s rebuilds, in this process: one command (MkDocs keeps a plugin
    with ``on_startup`` from build to build, and so what the preview keeps), a fresh
    configuration each build."""

    URL = "http://127.0.0.1:8000/"

    def __init__(self, root: Path, site: Path) -> None:
        from mkdocs.config import load_config

        self.config = lambda site: load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
        self.first = self.config(site)
        self.first.plugins.on_startup(command="serve", dirty=False)
        self.plugin = self.first.plugins["upr"]
        self.site = site

    def build(self, site: Path | None = None) -> dict[str, str]:
        from mkdocs.commands.build import build

        site = site or self.site
        config = self.config(site)
        assert config.plugins["upr"] is self.plugin
        config.site_url = self.URL
        build(config, serve_url=self.URL)
        return _pages(site)

    def anew(self, site: Path) -> dict[str, str]:
        """The site as a preview that has kept nothing builds it (into ``site``)."""
        from uprkit.site.build import SiteBuild

        kept, self.plugin.site = self.plugin.site, SiteBuild(serving=True)
        try:
            return self.build(site)
        finally:
            self.plugin.site.shutdown()
            self.plugin.site = kept

    @property
    def rendered(self):
        return self.plugin.site.rendered

    def close(self) -> None:
        self.first.plugins.on_shutdown()
        # MkDocs keeps one instance of a plugin with on_startup for the whole process: the
        # next build of this test process (through the API, no on_startup) starts afresh
        self.plugin.site = None


def test_kept_pages_are_those_rendered_anew(project, tmp_path):
    """The preview keeps each page's HTML while its template is given what it was given
    last time: after each kind of edit, every page of the kept site is byte for byte the
    page of a preview that keeps nothing, and an edit of one factsheet renders only the
    pages that show it again."""
    root = project.only("violence-against-women", "social-protection", "torture-prevention").root
    project.replace("mkdocs.yml", "  - upr:\n", "  - upr:\n      pdf: false\n")
    serving = _Serving(root, tmp_path / "kept")

    def anew() -> dict[str, str]:
        return serving.anew(tmp_path / "anew")

    try:
        before = serving.build()
        assert _differ(before, anew()) == []
        pages = serving.rendered.made  # the site's pages (not 404.html, the sitemap, the editor)
        assert serving.rendered.kept == 0 and 100 < pages < len(before)
        assert _differ(serving.build(), before) == [], "nothing changed: the same site"
        assert serving.rendered.made == pages, "nothing changed: no page is rendered again"

        edits = [
            ("factsheets/women/violence-against-women.en.md", "title: Violence against women", "title: Violence towards women", "some"),
            ("factsheets/women/violence-against-women.yml", "partially-implemented", "implemented", "some"),
            ("docs/guide.en.md", "# Editors' guide", "# The editors' guide", "some"),
            ("overrides/partials/copyright.html", '<div class="md-copyright upr-footer">', '<div class="md-copyright upr-footer" data-edited>', "all"),
        ]
        for rel, old, new, how_many in edits:
            project.replace(rel, old, new)
            made = serving.rendered.made
            again = serving.build()
            expected = anew()
            differ = _differ(again, expected)
            assert differ == [], f"after an edit of {rel}: kept pages differ from pages rendered anew: {differ[:5]}"
            assert again != before, rel
            rendered = serving.rendered.made - made
            if how_many == "some":  # the edited page and those that show it, not all
                assert 0 < rendered < pages / 3, (rel, rendered, pages)
            else:  # shared by every page (a template; as data/ and mkdocs.yml, in outside_factsheets): all rendered again
                assert rendered == pages, (rel, rendered, pages)
            before = again
    finally:
        serving.close()


def test_a_page_whose_inputs_cannot_be_digested_or_that_logged_is_rendered_every_time(tmp_path):
    """What the memo of rendered pages does not know how to digest is never kept on a guess,
    nor is a render that logged a warning (its message must come again)."""
    import logging
    from types import SimpleNamespace

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from uprkit.site.rendered import Rendered

    renders: list[str] = []

    def told(value):
        renders.append(str(value))
        if value == "warn":
            logging.getLogger("mkdocs.plugins.upr").error("data/labels.yml: a label is missing")  # as Labels logs it
        return value

    env = Environment()
    env.globals["told"] = told
    rendered = Rendered(keep=True)
    rendered.install(env, SimpleNamespace(use_directory_urls=True), "shared digest")
    template = env.from_string("{{ told(value) }}")
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")})
    page = Page("A", File("a.md", str(tmp_path / "docs"), str(tmp_path / "site"), True), config)

    def render(value) -> str:
        return template.render({"nav": Navigation([page], [page]), "pages": [], "config": config, "page": page, "value": value})

    assert [render("one"), render("one"), render("two")] == ["one", "one", "two"]
    assert renders == ["one", "two"], "the same inputs: kept"
    renders.clear()
    unknown = object()
    render(unknown), render(unknown)
    assert len(renders) == 2, "a value the digest cannot read: rendered every time"
    renders.clear()
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.INFO)  # (another test's in-process `upr` may have quietened it)
    try:
        render("warn"), render("warn")
    finally:
        logger.setLevel(level)
    assert renders == ["warn", "warn"], "a render that logged: rendered every time"
    assert Rendered(keep=False).keep is False
    plain = Environment()
    Rendered(keep=False).install(plain, SimpleNamespace(use_directory_urls=True), "shared digest")
    assert not hasattr(plain, "upr_rendered"), "mkdocs build keeps nothing"


def test_the_preview_shows_a_new_factsheet_with_its_placeholders_as_a_draft(project, tmp_path):
    """``mkdocs serve`` shows what ``upr new`` wrote (its placeholders are notices, not the
    warnings that stop ``mkdocs build --strict``), and the board calls it a draft."""
    import logging

    from uprkit.cli import main

    root = project.only("violence-against-women").root
    project.replace("mkdocs.yml", "  - upr:\n", "  - upr:\n      pdf: false\n")
    assert main(["--config", str(root / "mkdocs.yml"), "new", "women", "land-rights"]) == 0
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    level, _ = logger.level, logger.setLevel(logging.INFO)  # (upr sets it to ERROR for its own commands)
    serving = _Serving(root, tmp_path / "site")
    try:
        pages = serving.build()
    finally:
        serving.close()
        logger.removeHandler(handler)
        logger.setLevel(level)
    placeholders = [r for r in records if "⟨" in r.getMessage()]
    assert len(placeholders) == 12 and {r.levelno for r in placeholders} == {logging.INFO}
    assert "⟨Title of the factsheet⟩" in pages["en/factsheets/land-rights/index.html"]
    board = pages["en/readiness/index.html"]
    row = board[board.index('href="../factsheets/land-rights/"'):]
    row = row[:row.index("</tr>")]
    assert row.count("<strong>draft</strong>") == 2 and row.count("6 placeholders ⟨…⟩ to fill") == 2, row
    assert "factsheets/women/land-rights.en.md:4" in row and "needs work" in row
