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

import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_project
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect, sync_playwright
from uprkit.content.yamlsource import parse_yaml
from uprkit.site.admin import BLOCKED, FONTS

pytestmark = pytest.mark.xdist_group("cms")  # its module fixtures (server, browser) are made once, on one worker

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
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


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


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
    states = {o["value"]: o["label"] for o in fields["target_states"]["options"]}
    assert states["NO"] == "Норвегия (NO)" and states["KG"] == "Кыргызстан (KG)"
    previous = {f["name"]: f for f in fields["previous_recommendations"]["fields"]}
    label = next(o["label"] for o in previous["id"]["options"] if o["value"] == "140.161")
    assert label.startswith("140.161 · цикл 3 · ") and "Швеция" in label
    assert {o["value"] for o in previous["assessment"]["options"]} == {"implemented", "partially-implemented", "not-implemented", "no-information"}
    assert fields["date"]["pattern"][0] == r"^\d{4}(-\d{2}(-\d{2})?)?$"
    assert fields["cluster"].get("required", True) and fields["table"]["required"] is False
    sdgs = {o["value"]: o["label"] for o in fields["sdg_targets"]["options"]}
    assert sdgs["5.2"] == "5.2 (Гендерное равенство)" and "16.10" in sdgs
    mechanism = {f["name"]: f for f in fields["other_mechanisms"]["fields"]}
    assert {o["value"] for o in mechanism["grade"]["options"]} >= {"A", "B1", "E"}
    english = yaml.safe_load((sample.site / "admin" / "config.en.yml").read_text(encoding="utf-8"))
    en_fields = {f["name"]: f for f in english["collections"][0]["fields"]}
    assert {o["value"]: o["label"] for o in en_fields["target_states"]["options"]}["NO"] == "Norway (NO)"


def _project_files(root: Path) -> dict[str, str]:
    return {path.relative_to(root).as_posix(): path.read_text(encoding="utf-8") for path in (root / "factsheets").rglob("*") if path.is_file()}


# ---------------------------------------------------------------- the real editor
@pytest.fixture(scope="module")
def editor(sample, tmp_path_factory):
    """Serves the built sample's site; yields (base URL, browser)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(sample.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield f"http://127.0.0.1:{server.server_address[1]}/", browser
        browser.close()
    server.shutdown()


def _shoot(page, name: str, tmp: Path, guide: bool = True) -> None:
    page.screenshot(path=str(tmp / name))
    if guide and os.environ.get("UPR_SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / name))


def _pick(page, field: str, option: str | re.Pattern, close: bool = False) -> None:
    box = page.locator(f'[data-key-path="{field}"] [role=combobox]').first
    choice = page.get_by_role("option", name=option, exact=isinstance(option, str))
    for _attempt in range(12):  # a form that has just opened may render its fields again, closing the list
        try:
            if not choice.first.is_visible():
                box.click(timeout=5000)
            choice.click(timeout=5000)
            break
        except PlaywrightTimeout:
            continue
    else:
        raise AssertionError(f"option {option!r} of {field} could not be chosen")
    if close:  # a multiple select stays open; Escape would close the whole entry, a click beside the list closes it
        page.mouse.click(1, 450)


def _save(page) -> None:
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text(re.compile("Сохранено"))).to_be_visible()
    expect(page.get_by_role("button", name="Сохранить")).to_have_count(0)  # the entry is closed


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
    page.goto(base + "en/admin/#/collections/women-data/entries/helplines")
    page.locator('[data-key-path="cluster"] [role=combobox]').wait_for()
    _shoot(page, "factsheet-data.en.png", tmp)
    page.goto(base + "en/admin/#/collections/women-texts/entries/helplines")
    page.locator('[data-key-path="title"] input').first.wait_for()
    _shoot(page, "factsheet-texts.en.png", tmp)
    context.close()


def test_editor_writes_a_factsheet_that_builds(editor, tmp_path):
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

    # a new factsheet: the language-neutral part, once
    page.goto(base + "admin/#/collections/women-data/new")
    _pick(page, "cluster", re.compile("Равенство и недискриминация"))
    page.locator('[data-key-path="date"] input').fill("2026-11-20")
    _pick(page, "sdg_targets", "5.2 (Гендерное равенство)", close=True)
    page.locator('[data-key-path="previous_recommendations"] button:has-text("Добавить")').click()
    _pick(page, "previous_recommendations.0.id", re.compile(r"^140\.60 · "))
    _pick(page, "previous_recommendations.0.assessment", "Выполнена частично")
    page.locator('[data-key-path="suggested_recommendations"] button:has-text("Добавить")').click()
    page.locator('[data-key-path="suggested_recommendations.0.id"] input').fill("helpline")
    _pick(page, "suggested_recommendations.0.action_category", re.compile("^5: "))
    _pick(page, "target_states", "Норвегия (NO)", close=True)
    page.get_by_role("textbox", name="Слаг").fill("helplines")
    page.locator('[data-key-path="cluster"]').scroll_into_view_if_needed()
    _shoot(page, "factsheet-data.png", tmp_path)
    _save(page)

    # its texts, Russian and English side by side
    page.goto(base + "admin/#/collections/women-texts/new")
    texts = {"Русский": ("Телефоны доверия", "Круглосуточных телефонов доверия мало.", "Открыть к 2027 году круглосуточный телефон доверия в каждой области.",
                         "### Национальная база\n\nЗакона о телефонах доверия нет."),
             "Английский": ("Helplines", "There are few 24-hour helplines.", "By 2027, open a 24-hour helpline in every region.",
                            "### National framework\n\nThere is no law on helplines.")}
    for language, (title, summary, recommendation, body) in texts.items():
        pane = page.get_by_role("group", name=re.compile(f"Редактировать содержимое .*{language}"))
        pane.locator('[data-key-path="title"] input').fill(title)
        pane.locator('[data-key-path="summary"] textarea').fill(summary)
        pane.locator('[data-key-path="recommendations"] .field-wrapper button').first.click()
        pairs = pane.locator('[data-key-path="recommendations"] input')
        pairs.nth(0).fill("helpline")
        pairs.nth(1).fill(recommendation)
        pane.locator('[data-key-path="body"] textarea').fill(body)
    page.get_by_role("textbox", name="Слаг").fill("helplines")
    for pane in page.locator('[data-key-path="title"]').all():
        pane.scroll_into_view_if_needed()
    _shoot(page, "factsheet-texts.png", tmp_path)
    _save(page)

    # an existing factsheet: a new assessment
    page.goto(base + "admin/#/collections/women-data/entries/violence-against-women")
    page.reload()  # a new hash alone may leave the last entry's form in place: open this one afresh
    _pick(page, "previous_recommendations.0.assessment", "Выполнена")
    _save(page)

    after = None
    for _attempt in range(200):  # until the CMS has finished writing
        after = page.evaluate(READ)
        if after is not None:
            break
    assert after is not None
    _english_screenshots(browser, base, after, tmp_path)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "admin/#/collections/women-texts/entries/violence-against-women")
    page.locator('[data-key-path="title"] input').first.wait_for()
    _shoot(page, "factsheet-phone.png", tmp_path, guide=False)  # to look at (390 px), not in the guide
    context.close()
    assert outside == [], "the editor asked for something outside the site"
    assert errors == []

    changed = {path: text for path, text in after.items() if before.get(path) != text and not path.startswith(".git")}
    assert set(changed) == {"factsheets/women/helplines.yml", "factsheets/women/helplines.ru.md", "factsheets/women/helplines.en.md", f"{W}.yml"}
    for path, text in changed.items():
        project.write(path, text)
    new = yaml.safe_load(changed["factsheets/women/helplines.yml"])
    assert new["group"] == "women" and new["suggested_recommendations"] == [{"id": "helpline", "action_category": 5}]
    # what the CMS's YAML writer made of Norway and a paragraph number, as our loader reads it
    ours = parse_yaml(changed["factsheets/women/helplines.yml"], "helplines.yml", None).data
    assert ours["target_states"] == ["NO"] and ours["previous_recommendations"][0]["id"] == "140.60"
    edited = yaml.safe_load(changed[f"{W}.yml"])
    assert edited["previous_recommendations"][0] == {"cycle": 3, "id": "140.161", "assessment": "implemented"}
    assert [source["id"] for source in edited["sources"]] == ["ohchr-letter", "presession-report"], "nothing else was lost"

    check = subprocess.run([Path(sys.executable).parent / "upr", "check"], cwd=project.root, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    built = project.build()
    assert built.ok, built.messages(30)
    assert "Телефоны доверия" in built.html("factsheets/helplines/index.html")
    assert "Helplines" in built.html("en/factsheets/helplines/index.html")


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
    result = _upr(project, "migrate")
    assert result.stdout.strip() == f"{W}.yml: rewritten in the web editor's layout" or "переписан" in result.stdout
    migrated = yaml.safe_load(project.read(f"{W}.yml"))
    assert [s["id"] for s in migrated["sources"]] == ["ohchr-letter", "presession-report"]
    assert migrated["sources"][0]["publisher"] == {"ru": "OHCHR", "en": "OHCHR"}
    assert _upr(project, "migrate", "--check").returncode == 0
    assert _upr(project, "check").returncode == 0


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
