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
