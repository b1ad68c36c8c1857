"""The web editor at /admin/: its configuration generated from the schemas, the bundle
served from the site, and the real Sveltia CMS in Debian's Chromium writing a new
factsheet and an edit that the next strict build publishes.

Sveltia's local mode works on a folder the user picks with the File System Access API
(``showDirectoryPicker``), which headless Chromium cannot answer (a test's file chooser
interception aborts it). The picker is therefore answered with a folder of the browser's
origin-private file system that holds a copy of the project's factsheets/: the CMS
reads, creates and writes real files there through the same API, and the test copies
what it wrote into the project copy, byte for byte, before building it.

Screenshots for the editors' guide: ``UPR_SCREENSHOTS=1 .venv/bin/python -m pytest
tests/test_cms.py`` writes them into docs/assets/images/cms/.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_project, http_site
from playwright.sync_api import expect
from uprkit.content.fields import dotted_keys
from uprkit.content.yamlsource import parse_yaml
from uprkit.site.admin import BLOCKED, FONTS

SHOTS = ROOT / "docs" / "assets" / "images" / "cms"
W = "factsheets/women/violence-against-women"

PICKER = "window.showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle('project', {create: true});"
FILL = """async (files) => {
  const project = await (await navigator.storage.getDirectory()).getDirectoryHandle('project', {create: true});
  await project.getDirectoryHandle('.git', {create: true});  // the CMS asks for the repository's root
  for (const [path, text] of Object.entries(files)) {
    let dir = project; const parts = path.split('/');
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, {create: true});
    const out = await (await dir.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await out.write(text); await out.close();
  }
}"""
READ = """async () => {
  // every file of the folder; null while the CMS is still writing one (Chromium writes
  // through a temporary .crswap file and moves it into place)
  const out = {}, project = await (await navigator.storage.getDirectory()).getDirectoryHandle('project');
  let busy = false;
  async function walk(dir, prefix) {
    for await (const [name, handle] of dir.entries()) {
      if (name.endsWith('.crswap')) { busy = true; continue; }
      try {
        if (handle.kind === 'directory') await walk(handle, prefix + name + '/');
        else out[prefix + name] = await (await handle.getFile()).text();
      } catch (e) { busy = true; }
    }
  }
  await walk(project, ''); return busy ? null : out;
}"""
AXE = "async () => (await axe.run()).violations.map(v => v.id)"
UPSTREAM = {
    # Sveltia's own page structure (reported upstream-worthy, not from our configuration)
    "region": "the app's content sits outside landmarks",
    "landmark-one-main": "no <main> in the entry editor",
    "page-has-heading-one": "the entry editor has no <h1>",
    "empty-table-header": "the key-value widget's action column has an empty <th> (aria-label only)",
}


# ---------------------------------------------------------------- the built editor
def test_editor_is_in_the_site_with_everything_it_loads(sample):
    admin = sample.site / "admin"
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert 'href="../admin/config.ru.yml"' in page and '<html lang="ru">' in page
    english = (sample.site / "en" / "admin" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../admin/config.en.yml"' in english and '"../../admin/fonts/"' in english
    bundle = (admin / "sveltia-cms.js").read_text(encoding="utf-8")
    for address, (_source, name) in FONTS.items():
        assert address not in bundle and "${globalThis.UPR_CMS_FONTS}" + name in bundle
        assert (admin / "fonts" / name).stat().st_size > 10_000
    assert (admin / "locales" / "ru.json").is_file(), "Sveltia would fetch its Russian interface from unpkg.com"
    assert not (admin / "locales" / "en-US.json").exists(), "English is in the bundle"
    assert all(host in page for host in BLOCKED), "the page refuses the bundle's calls to third parties"
    size = sum(path.stat().st_size for path in admin.rglob("*") if path.is_file())
    assert size < 6_000_000, size


def test_config_is_generated_from_the_schemas(sample):
    config = yaml.safe_load((sample.site / "admin" / "config.ru.yml").read_text(encoding="utf-8"))
    assert config["i18n"] == {"structure": "multiple_files", "locales": ["ru", "en"], "default_locale": "ru"}
    collections = {c["name"]: c for c in config["collections"]}
    groups = yaml.safe_load((ROOT / "data" / "groups.yml").read_text(encoding="utf-8"))
    assert set(collections) == {f"{g}-{kind}" for g in groups for kind in ("data", "texts")}
    data, texts = collections["women-data"], collections["women-texts"]
    assert (data["folder"], data["extension"], texts["extension"]) == ("factsheets/women", "yml", "md")
    fields = {f["name"]: f for f in data["fields"]}
    from uprkit.content import schemas as s

    assert list(fields) == list(s.FactsheetMeta.model_fields), "every part of the neutral file is a form field"
    assert [f["name"] for f in texts["fields"]] == [*s.FactsheetText.model_fields, "body"]
    assert all(f["i18n"] for f in texts["fields"])
    # typed once: the texts pick their factsheet (the slug follows), a suggested recommendation has its texts beside its id
    text_fields = {f["name"]: f for f in texts["fields"]}
    assert text_fields["factsheet"] | {"label": "", "hint": ""} == {"name": "factsheet", "label": "", "hint": "", "required": False, "widget": "relation",
                                                                     "collection": "women-data", "value_field": "{{slug}}", "display_fields": ["{{slug}}"],
                                                                     "search_fields": ["{{slug}}"], "i18n": "duplicate"}
    assert texts["slug"] == {"editable": ["create"], "template": "{{fields.factsheet}}"} and data["slug"] == {"editable": ["create"]}
    assert text_fields["recommendations"]["widget"] == "hidden", "older files keep their texts by id; new ones are written beside the ids"
    assert text_fields["implementation"] == {"name": "implementation", "widget": "hidden", "i18n": True}, "and their comments by number"
    suggested = {f["name"]: f for f in fields["suggested_recommendations"]["fields"]}
    assert [(f["name"], f.get("required", True)) for f in suggested["text"]["fields"]] == [("ru", False), ("en", False)]
    assert "required" not in suggested["text"], "shown open, not behind an 'add' box"
    states = {o["value"]: o["label"] for o in fields["target_states"]["options"]}
    assert states["NO"] == "Норвегия (NO)" and states["KG"] == "Кыргызстан (KG)"
    previous = {f["name"]: f for f in fields["previous_recommendations"]["fields"]}
    label = next(o["label"] for o in previous["id"]["options"] if o["value"] == "140.161")
    assert label.startswith("140.161 · цикл 3 · ") and "Швеция" in label
    assert {o["value"] for o in previous["assessment"]["options"]} == {"implemented", "partially-implemented", "not-implemented", "no-information"}
    assert [(f["name"], f["widget"], f.get("required", True)) for f in previous["comment"]["fields"]] == [("ru", "text", False), ("en", "text", False)]
    assert previous["comment"]["required"] is False, "optional as a whole: behind its 'add' box, no empty boxes under every recommendation"
    assert [f["name"] for f in fields["previous_recommendations"]["fields"]][0] == "id"
    assert fields["date"]["pattern"][0] == r"^\d{4}(-\d{2}(-\d{2})?)?$"
    assert fields["cluster"].get("required", True) and fields["table"]["required"] is False
    sdgs = {o["value"]: o["label"] for o in fields["sdg_targets"]["options"]}
    assert sdgs["5.2"] == "5.2 (Гендерное равенство)" and "16.10" in sdgs
    mechanism = {f["name"]: f for f in fields["other_mechanisms"]["fields"]}
    assert {o["value"] for o in mechanism["grade"]["options"]} >= {"A", "B1", "E"}
    english = yaml.safe_load((sample.site / "admin" / "config.en.yml").read_text(encoding="utf-8"))
    en_fields = {f["name"]: f for f in english["collections"][0]["fields"]}
    assert {o["value"]: o["label"] for o in en_fields["target_states"]["options"]}["NO"] == "Norway (NO)"


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_config_passes_sveltias_own_schema(sample, lang):
    """@sveltia/cms ships the JSON schema of its configuration: both editors' configs pass it."""
    import fastjsonschema

    schema = json.loads((ROOT / "node_modules/@sveltia/cms/schema/sveltia-cms.json").read_text(encoding="utf-8"))
    config = yaml.safe_load((sample.site / "admin" / f"config.{lang}.yml").read_text(encoding="utf-8"))
    fastjsonschema.compile(schema)(config)  # raises, naming the first option it refuses
    hidden = [f for c in config["collections"] for f in c["fields"] if f.get("widget") == "hidden"]
    assert hidden and all("required" not in f for f in hidden), "the schema refuses 'required' on a hidden field"


def _project_files(root: Path) -> dict[str, str]:
    return {path.relative_to(root).as_posix(): path.read_text(encoding="utf-8") for path in (root / "factsheets").rglob("*") if path.is_file()}


# ---------------------------------------------------------------- the real editor
@pytest.fixture(scope="module")
def editor(plain, chromium):
    """Serves the built sample's site (the editor needs no PDFs); yields (base URL, browser)."""
    with http_site(plain.site) as base:
        yield base, chromium


def _shoot(page, name: str, tmp: Path, guide: bool = True) -> None:
    page.screenshot(path=str(tmp / name))
    if guide and os.environ.get("UPR_SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / name))


FILE = """async (path) => {
  // the text of a file of the folder once the CMS has written it wholly (Chromium writes
  // through a temporary .crswap file and moves it into place), else null
  let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('project');
  const parts = path.split('/');
  try {
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
    for await (const name of dir.keys()) if (name.endsWith('.crswap')) return null;
    return await (await (await dir.getFileHandle(parts.at(-1))).getFile()).text();
  } catch (e) { return null; }
}"""


WRITTEN = f"async ([path, pattern]) => {{ const text = await ({FILE})(path); return text !== null && new RegExp(pattern, 's').test(text); }}"


def _open(page, url: str, ready) -> None:
    """Open an entry by a fresh load of its address (a new hash alone may leave the last
    entry's form in place), then wait until the form shows ``ready`` (its own data)."""
    page.goto("about:blank")
    page.goto(url)
    ready(page)


def _pick(page, field: str, option: str | re.Pattern, scope=None, close: bool = False) -> None:
    """Choose ``option`` in the select of ``field``; waits on the list and then on the value shown."""
    box = (scope or page).locator(f'[data-key-path="{field}"] [role=combobox]').first
    expect(box).to_be_enabled()
    box.click()
    choice = page.get_by_role("option", name=option, exact=isinstance(option, str)).first
    expect(choice).to_be_visible()
    choice.click()
    if close:  # a multiple select stays open; Escape would close the whole entry, a click beside the list closes it
        page.mouse.click(1, 450)
        expect(page.get_by_role("listbox")).to_have_count(0)
    shown = option if isinstance(option, str) else re.compile(option.pattern.lstrip("^"))
    expect((scope or page).locator(f'[data-key-path="{field}"]').first).to_contain_text(shown)


def _save(page, written: dict[str, re.Pattern]) -> None:
    """Save the entry; waits until the CMS says so and every file of ``written`` holds
    what it must (the real state of the folder, before anything else is opened)."""
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text(re.compile("Сохранено"))).to_be_visible()
    for path, pattern in written.items():
        page.wait_for_function(WRITTEN, arg=[path, pattern.pattern])


def _english_screenshots(browser, base: str, files: dict[str, str], tmp: Path) -> None:
    """The guide's English screenshots: the English editor (/en/admin/) on the same files."""
    context = browser.new_context(locale="en-US", viewport={"width": 1366, "height": 900})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith((base, "data:", "blob:")) else route.abort())
    context.add_init_script(PICKER)
    page = context.new_page()
    page.goto(base + "en/admin/")
    page.evaluate(FILL, files)
    page.get_by_role("button", name="Work with Local Repository").click()
    page.get_by_role("searchbox").wait_for()
    _shoot(page, "collections.en.png", tmp)
    _open(page, base + "en/admin/#/collections/women-data/entries/helplines",
          lambda page: expect(page.locator('[data-key-path="cluster"]')).to_contain_text("Equality"))
    page.locator('[data-key-path="suggested_recommendations"]').scroll_into_view_if_needed()  # its items are drawn once in view
    page.locator('[data-key-path="suggested_recommendations.0.text"]').scroll_into_view_if_needed()
    _shoot(page, "factsheet-data.en.png", tmp)
    _open(page, base + "en/admin/#/collections/women-texts/entries/helplines",
          lambda page: expect(page.locator('[data-key-path="title"] input').first).to_have_value("Телефоны доверия"))
    _shoot(page, "factsheet-texts.en.png", tmp)
    context.close()


NEW = "factsheets/women/helplines"
COMMENT = {"ru": "Линия доверия работает только в Бишкеке.", "en": "The only helpline is in Bishkek."}


def test_editor_writes_a_factsheet_that_builds(editor, tmp_path):
    """A new factsheet made as a rapporteur would: its neutral part with the suggested
    recommendation's id and both its texts, once; then its texts, with the factsheet picked
    (its slug is never typed again); then an edit of an older factsheet's assessment, and
    of its English title (its texts are in the older layout: kept). Every wait is on what
    the page shows or on the files written."""
    base, browser = editor
    project = copy_project(tmp_path / "project")
    before = _project_files(project.root)
    context = browser.new_context(locale="ru-RU", viewport={"width": 1366, "height": 900})
    outside: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith((base, "data:", "blob:"))
                  else (outside.append(route.request.url), route.abort()))
    context.add_init_script(PICKER)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base + "admin/")
    page.evaluate(FILL, before)
    page.get_by_role("button", name="Работать с локальным репозиторием").click()  # the Russian interface, served by the site
    page.get_by_role("searchbox").wait_for()
    _shoot(page, "collections.png", tmp_path)
    typed: list[str] = []  # every text typed into the editor, to show nothing is typed twice

    def fill(locator, text: str) -> None:
        locator.fill(text)
        typed.append(text)

    # a new factsheet: the language-neutral part, the previous recommendation with its comment and
    # the suggested recommendation with its texts, once
    _open(page, base + "admin/#/collections/women-data/new", lambda page: expect(page.get_by_role("textbox", name="Слаг")).to_be_editable())
    _pick(page, "cluster", re.compile("Равенство и недискриминация"))
    fill(page.locator('[data-key-path="date"] input'), "2026-11-20")
    _pick(page, "sdg_targets", "5.2 (Гендерное равенство)", close=True)
    page.locator('[data-key-path="previous_recommendations"] button:has-text("Добавить")').click()
    _pick(page, "previous_recommendations.0.id", re.compile(r"^140\.60 · "))
    _pick(page, "previous_recommendations.0.assessment", "Выполнена частично")
    page.locator('[data-key-path="previous_recommendations.0.comment"]').get_by_role("checkbox").check()  # optional: behind its "add" box
    fill(page.locator('[data-key-path="previous_recommendations.0.comment.ru"] textarea'), COMMENT["ru"])
    fill(page.locator('[data-key-path="previous_recommendations.0.comment.en"] textarea'), COMMENT["en"])
    page.locator('[data-key-path="previous_recommendations.0.comment"]').scroll_into_view_if_needed()
    _shoot(page, "factsheet-comment.png", tmp_path, guide=False)  # to look at: the comment beside its recommendation
    page.locator('[data-key-path="suggested_recommendations"] button:has-text("Добавить")').click()
    fill(page.locator('[data-key-path="suggested_recommendations.0.id"] input'), "helpline")
    _pick(page, "suggested_recommendations.0.action_category", re.compile("^5: "))
    fill(page.locator('[data-key-path="suggested_recommendations.0.text.ru"] textarea'), "Открыть к 2027 году круглосуточный телефон доверия в каждой области.")
    fill(page.locator('[data-key-path="suggested_recommendations.0.text.en"] textarea'), "By 2027, open a 24-hour helpline in every region.")
    _pick(page, "target_states", "Норвегия (NO)", close=True)
    fill(page.get_by_role("textbox", name="Слаг"), "helplines")
    page.locator('[data-key-path="suggested_recommendations"]').scroll_into_view_if_needed()  # its items are drawn once in view
    page.locator('[data-key-path="suggested_recommendations.0.text"]').scroll_into_view_if_needed()
    _shoot(page, "factsheet-data.png", tmp_path)
    _save(page, {f"{NEW}.yml": re.compile("helpline")})

    # its texts, Russian and English side by side: the factsheet is picked, its slug follows
    _open(page, base + "admin/#/collections/women-texts/new", lambda page: expect(page.get_by_role("radio", name="helplines").first).to_be_visible())
    panes = {language: page.get_by_role("group", name=re.compile(f"Редактировать содержимое .*{language}")) for language in ("Русский", "Английский")}
    panes["Русский"].get_by_role("radio", name="helplines").click()
    expect(panes["Английский"].get_by_role("radio", name="helplines")).to_be_checked()  # the same factsheet in every language
    texts = {"Русский": ("Телефоны доверия", "Круглосуточных телефонов доверия мало.", "### Национальная база\n\nЗакона о телефонах доверия нет."),
             "Английский": ("Helplines", "There are few 24-hour helplines.", "### National framework\n\nThere is no law on helplines.")}
    for language, (title, summary, body) in texts.items():
        pane = panes[language]
        fill(pane.locator('[data-key-path="title"] input'), title)
        fill(pane.locator('[data-key-path="summary"] textarea'), summary)
        fill(pane.locator('[data-key-path="body"] textarea'), body)
    for pane in page.locator('[data-key-path="title"]').all():
        pane.scroll_into_view_if_needed()
    _shoot(page, "factsheet-texts.png", tmp_path)
    _save(page, {f"{NEW}.ru.md": re.compile("Телефоны доверия"), f"{NEW}.en.md": re.compile("Helplines")})

    # an older factsheet: a new assessment, and its English title
    _open(page, base + "admin/#/collections/women-data/entries/violence-against-women",
          lambda page: expect(page.locator('[data-key-path="previous_recommendations.0.assessment"]')).to_contain_text("Выполнена частично"))
    _pick(page, "previous_recommendations.0.assessment", "Выполнена")
    _save(page, {f"{W}.yml": re.compile(r"140\.161.*assessment: implemented\b")})
    _open(page, base + "admin/#/collections/women-texts/entries/violence-against-women",
          lambda page: expect(panes["Английский"].locator('[data-key-path="title"] input')).to_have_value(re.compile("^Violence against women")))
    fill(panes["Английский"].locator('[data-key-path="title"] input'), "Violence against women and girls")
    _save(page, {f"{W}.en.md": re.compile("title: Violence against women and girls\n")})

    after = page.evaluate(READ)
    assert after is not None, "every save was waited for: no file is being written"
    _english_screenshots(browser, base, after, tmp_path)
    page.set_viewport_size({"width": 390, "height": 844})
    _open(page, base + "admin/#/collections/women-texts/entries/violence-against-women",
          lambda page: expect(page.locator('[data-key-path="title"] input').first).to_be_visible())
    _shoot(page, "factsheet-phone.png", tmp_path, guide=False)  # to look at (390 px), not in the guide
    context.close()
    assert outside == [], "the editor asked for something outside the site"
    assert errors == []

    # nothing typed twice: the slug once, the recommendation's id once, a previous recommendation's number never (picked once)
    assert typed.count("helplines") == 1 and typed.count("helpline") == 1 and len(typed) == len(set(typed))
    assert not [text for text in typed if re.fullmatch(r"\d+(\.\d+)+", text)], typed
    changed = {path: text for path, text in after.items() if before.get(path) != text and not path.startswith(".git")}
    for path, text in changed.items():  # what the editor wrote, beside the test's screenshots (to look at when it fails)
        (tmp_path / "written" / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "written" / path).write_text(text, encoding="utf-8")
    assert set(changed) == {f"{NEW}.yml", f"{NEW}.ru.md", f"{NEW}.en.md", f"{W}.yml", f"{W}.ru.md", f"{W}.en.md"}, sorted(changed)
    for path, text in changed.items():
        project.write(path, text)
    new = yaml.safe_load(changed[f"{NEW}.yml"])
    assert new["group"] == "women" and new["suggested_recommendations"] == [
        {"id": "helpline", "action_category": 5, "text": {"ru": "Открыть к 2027 году круглосуточный телефон доверия в каждой области.",
                                                         "en": "By 2027, open a 24-hour helpline in every region."}}]
    assert new["previous_recommendations"] == [{"id": "140.60", "assessment": "partially-implemented", "comment": COMMENT}]
    for lang in ("ru", "en"):
        front = yaml.safe_load(changed[f"{NEW}.{lang}.md"].split("---")[1])
        assert front["factsheet"] == "helplines" and "recommendations" not in front and "implementation" not in front
    # what the CMS's YAML writer made of Norway and a paragraph number, as our loader reads it
    ours = parse_yaml(changed[f"{NEW}.yml"], "helplines.yml", None).data
    assert ours["target_states"] == ["NO"] and ours["previous_recommendations"][0]["id"] == "140.60"
    edited = yaml.safe_load(changed[f"{W}.yml"])
    assert edited["previous_recommendations"][0] == {"cycle": 3, "id": "140.161", "assessment": "implemented"}
    assert [source["id"] for source in edited["sources"]] == ["ohchr-letter", "presession-report"], "nothing else was lost"
    assert all("text" not in rec for rec in edited["suggested_recommendations"]), "an older factsheet's texts stay where they are"
    older = yaml.safe_load(changed[f"{W}.en.md"].split("---")[1])
    original = yaml.safe_load(before[f"{W}.en.md"].split("---")[1])
    assert older["recommendations"] == original["recommendations"], "an older factsheet's texts of its recommendations are kept"
    # keys with dots come back as paths ({"140.161": x} as [null, ..., [null, ..., x]]): the loader joins them again
    assert older["implementation"] != original["implementation"] and dotted_keys(older["implementation"]) == original["implementation"]
    assert dotted_keys(older["translated_from"]) == original["translated_from"], "the translation marks are kept"

    check = subprocess.run([Path(sys.executable).parent / "upr", "check"], cwd=project.root, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    built = project.build()
    assert built.ok, built.messages(30)
    for page_path, title, recommendation, comment in [
            ("factsheets/helplines/index.html", "Телефоны доверия", "круглосуточный телефон доверия", COMMENT["ru"]),
            ("en/factsheets/helplines/index.html", "Helplines", "open a 24-hour helpline", COMMENT["en"])]:
        html = built.html(page_path)
        assert title in html and recommendation in html and comment in html


def test_editor_pages_pass_axe(editor, tmp_path):
    """axe-core on the sign-in page, a collection and both entry forms: nothing but the
    CMS's own structure (UPSTREAM); the viewport that forbids zooming is fixed by our page."""
    base, browser = editor
    context = browser.new_context(locale="ru-RU", viewport={"width": 1366, "height": 900})
    context.add_init_script(PICKER)
    page = context.new_page()
    page.goto(base + "admin/")
    page.evaluate(FILL, _project_files(ROOT))
    found = {}
    page.get_by_role("button", name="Работать с локальным репозиторием").wait_for()
    page.add_script_tag(path=str(ROOT / "node_modules/axe-core/axe.min.js"))
    found["sign-in"] = page.evaluate(AXE)
    page.get_by_role("button", name="Работать с локальным репозиторием").click()
    page.get_by_role("searchbox").wait_for()
    for name, route in [("collection", "collections/women-data"), ("data form", "collections/women-data/entries/violence-against-women"),
                        ("texts form", "collections/women-texts/entries/violence-against-women")]:
        page.goto(base + "admin/#/" + route)
        page.locator("[data-key-path]").or_(page.get_by_role("checkbox", name="Выбрать все")).first.wait_for()
        page.add_script_tag(path=str(ROOT / "node_modules/axe-core/axe.min.js"))
        found[name] = page.evaluate(AXE)
    context.close()
    assert {page: set(ids) - set(UPSTREAM) for page, ids in found.items()} == dict.fromkeys(found, set())


# ---------------------------------------------------------------- options, migration, CODEOWNERS
UPR = str(Path(sys.executable).with_name("upr"))


def _upr(project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([UPR, "--config", str(project.root / "mkdocs.yml"), *args], capture_output=True, text=True,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""})


def test_cms_options_are_validated(project):
    project.replace("mkdocs.yml", "  - upr:\n", "  - upr:\n      messages: en\n      cms_backend: bitbucket\n      cms_repo: just-a-name\n"
                    "      cms_base_url: http://git.example.org\n      cms_brnach: main\n")
    lines = project.read("mkdocs.yml").splitlines()

    def line(option: str) -> int:
        return next(i for i, text in enumerate(lines, start=1) if text.strip().startswith(option + ":"))

    result = _upr(project, "check")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"mkdocs.yml:{line('cms_brnach')}: unknown option 'cms_brnach' of the upr plugin; did you mean 'cms_branch'?",
        f"mkdocs.yml:{line('cms_backend')}: cms_backend is 'bitbucket'; it must be one of: github, gitlab, gitea",
        f"mkdocs.yml:{line('cms_repo')}: cms_repo is 'just-a-name'; write it as owner/name (the repository's path on the forge)",
        f"mkdocs.yml:{line('cms_base_url')}: cms_base_url is 'http://git.example.org'; it must start with https://",
    ]


def test_old_layout_still_builds_and_migrates(project):
    """Sources as a mapping by key and plain-string texts (hand-written files before the
    editor) are read as before; ``upr migrate`` turns them into the editor's layout."""
    from ruamel.yaml import YAML

    rt = YAML()  # YAML 1.2, as our loader: NO stays Norway
    data = rt.load(project.read(f"{W}.yml"))
    data["sources"] = {s.pop("id"): {**s, "publisher": s["publisher"]["en"]} for s in data["sources"]}
    with project.path(f"{W}.yml").open("w", encoding="utf-8") as out:
        rt.dump(data, out)
    assert _upr(project, "check").returncode == 0
    assert _upr(project, "migrate", "--check").returncode == 1
    check_before = _upr(project, "check").stdout
    english = yaml.safe_load(project.read(f"{W}.en.md").split("---")[1])["recommendations"]
    comments = {lang: yaml.safe_load(project.read(f"{W}.{lang}.md").split("---")[1])["implementation"] for lang in ("ru", "en")}
    # the English comment as the web editor writes a key with dots back ([null, ..., [null, ..., text]])
    project.replace(f"{W}.en.md", f'implementation:\n  "140.161": {comments["en"]["140.161"]}\n',
                    "implementation: [" + "null, " * 140 + "[" + "null, " * 161 + f'"{comments["en"]["140.161"]}"]]\n')
    assert _upr(project, "check").stdout == check_before
    result = _upr(project, "migrate")
    assert {f"{W}.yml", f"{W}.ru.md", f"{W}.en.md"} <= {line.partition(":")[0] for line in result.stdout.splitlines()}
    migrated = yaml.safe_load(project.read(f"{W}.yml"))
    assert [s["id"] for s in migrated["sources"]] == ["ohchr-letter", "presession-report"]
    assert migrated["sources"][0]["publisher"] == {"ru": "OHCHR", "en": "OHCHR"}
    # the suggested recommendations' texts now sit beside their ids, in both languages, once
    assert {rec["id"]: rec["text"]["en"] for rec in migrated["suggested_recommendations"]} == english
    assert "recommendations:" not in project.read(f"{W}.ru.md") and "recommendations:" not in project.read(f"{W}.en.md")
    # and the comments on previous recommendations beside them
    assert {rec["id"]: rec["comment"] for rec in migrated["previous_recommendations"] if "comment" in rec} == {
        "140.161": {"ru": comments["ru"]["140.161"], "en": comments["en"]["140.161"]}}
    assert "implementation:" not in project.read(f"{W}.ru.md") and "implementation:" not in project.read(f"{W}.en.md")
    assert project.read(f"{W}.en.md").startswith("---\nfactsheet: violence-against-women\ntitle: "), "the texts name their factsheet"
    assert "# Language-neutral part" in project.read(f"{W}.yml"), "comments stay"
    assert _upr(project, "migrate", "--check").returncode == 0
    check_after = _upr(project, "check")
    assert check_after.returncode == 0

    def notices(out: str) -> list[str]:  # the same notices (translations stay fresh), at other lines
        return sorted(re.sub(r"^\S+?:\d+: ", "", line) for line in out.splitlines())

    assert notices(check_after.stdout) == notices(check_before)


def test_texts_beside_their_items_in_one_place(project):
    """A suggested recommendation's text beside its id and by its id in a language file too
    is refused (which one would be meant?), and so is a comment beside its previous
    recommendation and by its number too; texts that pick another factsheet are too. Every
    problem at once, each naming both places."""
    project.replace(f"{W}.yml", "  - {id: shelters, sdg_targets: [\"5.2\"], action_category: 5}",
                    "  - id: shelters\n    sdg_targets: [\"5.2\"]\n    action_category: 5\n    text: {en: Open shelters in every region by 2027.}")
    project.replace(f"{W}.yml", '  - {id: "140.161", cycle: 3, assessment: partially-implemented}',
                    '  - id: "140.161"\n    cycle: 3\n    assessment: partially-implemented\n    comment: {en: Penalties were increased.}\n'
                    '  - {id: "140.162", cycle: 3, assessment: not-implemented, comment: {ru: "<script>alert(1)</script>"}}')
    project.replace(f"{W}.yml", '  - {id: "140.162", cycle: 3, assessment: not-implemented}\n', "")
    project.replace(f"{W}.en.md", '  "140.161": ', '  "140.999": An unknown number.\n  "140.161": ')
    project.replace(f"{W}.ru.md", "title: ", "factsheet: helplines\ntitle: ")
    result = _upr(project, "check")

    def line(path: str, start: str) -> int:
        return next(i for i, text in enumerate(project.read(path).splitlines(), start=1) if text.startswith(start))

    english, neutral = f"{W}.en.md", f"{W}.yml"
    at = {"text": line(english, "  shelters:"), "text beside": line(neutral, "    text: {en: Open"), "comment": line(english, '  "140.161":'),
          "comment beside": line(neutral, "    comment: {en:"), "unknown": line(english, '  "140.999":')}
    assert result.returncode == 1
    assert (f"{english}:{at['text']}: текст 'shelters' написан дважды: здесь и рядом с его идентификатором в "
            f"{neutral}:{at['text beside']}; оставьте один") in result.stderr
    assert (f"{english}:{at['comment']}: комментарий к '140.161' написан дважды: здесь и рядом с рекомендацией в "
            f"{neutral}:{at['comment beside']}; оставьте один") in result.stderr
    assert f"{english}:{at['unknown']}: '140.999' нет среди previous_recommendations в {neutral}" in result.stderr, "an unknown number, as before"
    script = line(neutral, '  - {id: "140.162"')
    assert f"{neutral}:{script}: элемент <script> запрещено" in result.stderr, "the source check, as in a language file"
    assert f"{W}.ru.md:2: эти тексты относятся к справке 'helplines', но файл называется violence-against-women" in result.stderr
    project.replace(f"{W}.en.md", "  shelters: >-\n", "  shelters-old: >-\n")  # (unknown ids stay an error of their own)
    assert "not-suggested" not in _upr(project, "check").stderr


def test_keys_with_dots_are_read_back_from_paths():
    """What Sveltia writes for ``{"140.161": x}`` (every key is a path to it)."""
    assert dotted_keys({"140": [None] * 161 + ["x"], "117": {"131": "y"}}) == {"140.161": "x", "117.131": "y"}
    assert dotted_keys({"implementation": [None] * 140 + [[None] * 161 + ["d"]], "narrative": [None, "a"], "title": "t"}) == {
        "implementation.140.161": "d", "narrative.1": "a", "title": "t"}
    assert dotted_keys({"140.161": "x"}) == {"140.161": "x"} and dotted_keys("plain") == "plain"
    assert dotted_keys([None] * 140 + [[None] * 161 + ["x"]]) == {"140.161": "x"}, "a mapping whose keys all start with a number"


def test_codeowners_from_groups(project):
    project.replace("data/groups.yml", '  owners: ["@coalition/women-group"]', '  owners: ["@coalition/women-group", "rapporteur@example.org"]')
    assert _upr(project, "codeowners", "--check").returncode == 1
    assert _upr(project, "codeowners").returncode == 0
    lines = project.read(".github/CODEOWNERS").splitlines()
    assert "/factsheets/women/ @coalition/women-group rapporteur@example.org" in lines
    assert "/factsheets/children/ @coalition/children-group" in lines
    assert not any(line.startswith("/factsheets/justice/") for line in lines), "a group without owners gets no line"
    assert _upr(project, "codeowners", "--check").returncode == 0
    assert (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8") == project.read(".github/CODEOWNERS").replace(
        " rapporteur@example.org", ""), "the committed file is up to date"
    project.replace("data/groups.yml", "rapporteur@example.org", "not an owner")
    result = _upr(project, "check")
    assert result.returncode == 1 and "data/groups.yml:14: 'not an owner' — не учётная запись и не команда" in result.stderr


def test_backend_section_per_forge():
    from uprkit.site.cmsconfig import Backend

    gitlab = Backend.of("gitlab", None, "main", "https://gitlab.example.org/", "abc123", "https://gitlab.example.org/coalition/upr-factsheets")
    assert gitlab.config() == {"name": "gitlab", "repo": "coalition/upr-factsheets", "branch": "main", "base_url": "https://gitlab.example.org",
                               "api_root": "https://gitlab.example.org/api/v4", "app_id": "abc123", "auth_type": "pkce"}
    gitea = Backend.of("gitea", "coalition/upr", "main", "https://forgejo.example.org", None, None)
    assert gitea.config() == {"name": "gitea", "repo": "coalition/upr", "branch": "main", "base_url": "https://forgejo.example.org",
                              "api_root": "https://forgejo.example.org/api/v1"}
    assert Backend.of("github", None, "main", None, None, "https://github.com/coalition/upr.git").config() == {
        "name": "github", "repo": "coalition/upr", "branch": "main"}
