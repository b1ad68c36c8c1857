"""What the preview (`mkdocs serve`) keeps from one rebuild to the next, and that what it
keeps gives the same site as doing the work again."""

from __future__ import annotations

import fnmatch
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
    from uprkit.printing.documents import PrintSet

    opened = open_project(project / "mkdocs.yml")
    if kept is not None:
        kept.begin(project)
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
