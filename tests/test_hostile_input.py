"""Hostile or broken input files: every one ends in one clear line naming the file (and
line), never in a hang, a traceback or a silent skip."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from uprkit.content import load_content
from uprkit.content.problems import Problems
from uprkit.errors import ContentError
from uprkit.i18n.messages import load_messages

W = "factsheets/women/violence-against-women"
_COUNT = re.compile(r" \[\d+ problems in the content.*\]$")


def content_errors(root: Path) -> list[str]:
    """What the build (and ``upr check``) would report, in English."""
    problems = Problems(load_messages(root, "en"))
    try:
        load_content(root, ("ru", "en"), "KG", problems, dt.date(2024, 11, 1))
    except ContentError as exc:
        return [_COUNT.sub("", message) for message in exc.messages]
    return []


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"{n}: &{n} [{', '.join(['*' + prev] * 9)}]" for prev, n in zip("abcdefgh", "bcdefghi", strict=True)]
    return "bomb:\n" + "".join(f"  {line}\n" for line in lines)


def many_aliases() -> str:
    return "bomb:\n  x: &x lol\n  wide: [" + ", ".join(["*x"] * 150) + "]\n"


@pytest.mark.parametrize("rel", [f"{W}.yml", "data/groups.yml"])
@pytest.mark.parametrize("bomb", [billion_laughs, many_aliases])
def test_alias_bomb_is_refused_with_file_and_line(project, rel, bomb):
    original = project.read(rel)
    text = original.rstrip("\n") + "\n" + bomb()
    project.write(rel, text)
    first = original.rstrip("\n").count("\n") + 2  # the line of "bomb:"
    last = text.count("\n")
    errors = content_errors(project.root)
    assert len(errors) == 1, errors
    match = re.match(rf"^{re.escape(rel)}:(\d+): (.*)$", errors[0])
    assert match, errors
    assert first <= int(match.group(1)) <= last
    assert "aliases" in match.group(2) and "\n" not in errors[0]
    if bomb is many_aliases:
        assert errors == [f"{rel}:{last}: uses more than 100 aliases (*name); write the values out"]


@pytest.mark.parametrize("rel, old", [
    (f"{W}.yml", 'sdg_targets: ["5.2", "5.3", "16.3"]'),
    ("data/sdgs.yml", None),
], ids=["factsheet-yml", "data-file"])
def test_deeply_nested_lists_give_a_clear_error(project, rel, old):
    deep = "[" * 5000 + "]" * 5000
    if old:
        project.replace(rel, old, f"sdg_targets: {deep}")
        line = line_of(project.read(rel), "sdg_targets:")
    else:
        project.write(rel, project.read(rel).rstrip("\n") + f"\ndeep: {deep}\n")
        line = project.read(rel).count("\n")
    assert content_errors(project.root) == [f"{rel}:{line}: nests lists or keys more than 40 levels deep; flatten it"]


def test_deep_nesting_gives_no_traceback_in_upr_check(project):
    project.replace("mkdocs.yml", "sample: true", "sample: true\n      messages: en")
    project.replace(f"{W}.yml", 'sdg_targets: ["5.2", "5.3", "16.3"]', "sdg_targets: " + "[" * 5000 + "]" * 5000)
    upr = str(Path(sys.executable).with_name("upr"))
    result = subprocess.run([upr, "--config", str(project.root / "mkdocs.yml"), "check"], capture_output=True, text=True,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr
    assert result.stderr.splitlines() == [f"{W}.yml:6: nests lists or keys more than 40 levels deep; flatten it"]


@pytest.mark.parametrize("rel, filler", [
    (f"{W}.en.md", "Padding text that no honest factsheet reaches in size.\n"),
    ("data/recommendations/cycle-3.yml", "# a comment line that pads the file beyond the limit\n"),
], ids=["text", "data-file"])
def test_file_over_5_mb_is_refused(project, rel, filler):
    path = project.path(rel)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(filler * (5 * 1024 * 1024 // len(filler) + 100))
    size = path.stat().st_size / 1024 / 1024
    errors = content_errors(project.root)
    expected = f"{rel}: is {size:.1f} MB, more than the 5 MB a content file may have; split it"
    if rel.endswith(".md"):
        assert errors == [expected]
    else:  # the factsheets citing its recommendations are reported too
        assert expected in errors


def test_byte_order_mark_is_accepted(project):
    for rel in (f"{W}.en.md", f"{W}.yml", "data/groups.yml"):
        project.path(rel).write_bytes(b"\xef\xbb\xbf" + project.path(rel).read_bytes())
    built = project.build()
    assert built.ok, built.messages(30)
    page = BeautifulSoup(built.html("en/factsheets/violence-against-women/index.html"), "lxml")
    assert page.select_one("article h1").get_text() == "Violence against women and girls, bride kidnapping"
    assert "Penalties were increased, but cases rarely reach court." in page.get_text()
    assert "\ufeff" not in built.html("en/groups/women/index.html")
    assert "Women's rights group" in BeautifulSoup(built.html("en/groups/women/index.html"), "lxml").select_one("h1").get_text()


def test_cp1251_text_is_refused_with_its_line(project):
    rel = f"{W}.ru.md"
    text = project.read(rel)
    first = next(i for i, char in enumerate(text) if ord(char) > 127)
    project.path(rel).write_bytes(text.encode("cp1251"))
    line = text[:first].count("\n") + 1
    assert content_errors(project.root) == [f"{rel}:{line}: is not UTF-8 text (byte {first}); save it as UTF-8"]


@pytest.mark.parametrize("rel, old, new", [
    (f"{W}.yml", 'en: "Activity report: Kyrgyzstan national pre-sessions, 22-29 October 2019"',
     'en: "Activity report: Kyrgyzstan national pre-sessions, 22-29 October 2019'),
    (f"{W}.en.md", "title: Violence against women", "title: 'Violence against women"),
    ("data/groups.yml", 'name: {en: "Info Center \\"Rainbow\\" (Osh region)"', 'name: {en: "Info Center \\"Rainbow\\" (Osh region)'),
], ids=["factsheet-yml", "text-front-matter", "data-flow-mapping"])
def test_unclosed_quote_points_at_the_line_it_opens(project, rel, old, new):
    project.replace(rel, old, new)
    line = line_of(project.read(rel), new)
    errors = content_errors(project.root)
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"{rel}:{line}: "), errors
    assert "quote" in errors[0] or "{...}" in errors[0], errors


@pytest.mark.parametrize("inside", [False, True], ids=["to-outside", "to-inside"])
def test_symlinked_folder_under_factsheets_is_reported(project, tmp_path, inside):
    if inside:
        target = project.path("factsheets/women")
    else:
        target = tmp_path / "elsewhere"
        target.mkdir()
        shutil.copy(project.path("factsheets/justice/trafficking.yml"), target / "linked-sheet.yml")
        shutil.copy(project.path("factsheets/justice/trafficking.en.md"), target / "linked-sheet.en.md")
    os.symlink(target, project.path("factsheets/linked"))
    assert content_errors(project.root) == [
        "factsheets/linked: is a link to a folder; factsheets/ must hold real folders (move the files here)"
    ]


def test_svg_with_script_is_refused_with_path_and_line(project):
    project.write("docs/assets/images/clean.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n  <rect width="4" height="4"/>\n</svg>\n')
    assert content_errors(project.root) == []
    project.write("docs/assets/images/logo.svg",
                  '<svg xmlns="http://www.w3.org/2000/svg">\n  <rect width="4" height="4"/>\n  <script>alert(1)</script>\n</svg>\n')
    assert content_errors(project.root) == [
        "docs/assets/images/logo.svg:3: this SVG file could run script or load files from outside when opened; "
        "export it again without scripts, links or embedded web fonts"
    ]


def test_image_in_both_languages_builds_strict(project):
    """Reported bug: a project image in the English text failed the strict build (English only)."""
    images = project.path("docs/assets/images")
    images.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (40, 20), (200, 30, 30)).save(images / "chart.png")
    project.replace(f"{W}.en.md", "### Achievements", "### Achievements\n\n![chart](assets/images/chart.png)")
    project.replace(f"{W}.ru.md", "### Достижения", "### Достижения\n\n![график](assets/images/chart.png)")
    built = project.build()
    assert built.ok, built.messages(30)
    for page, alt in (("factsheets/violence-against-women/index.html", "график"), ("en/factsheets/violence-against-women/index.html", "chart")):
        img = BeautifulSoup(built.html(page), "lxml").find("img", alt=alt)
        assert img is not None, page
        assert ((built.site / page).parent / img["src"]).resolve().is_file(), f"{page}: {img['src']} does not resolve"


def test_content_quoted_in_a_message_cannot_break_its_line_or_drive_the_terminal(tmp_path):
    """A value a message quotes from content (here a placeholder) has its control
    characters written as escapes: the message stays one line, no escape sequence reaches
    the editor's terminal."""
    from conftest import copy_project
    from uprkit.content.factsheets import placeholder_lines

    project = copy_project(tmp_path / "project")
    project.replace(f"{W}.en.md", "### Achievements", "### Achievements\n\n⟨red \x1b[31malert\x07 here⟩")
    problems = Problems(load_messages(project.root, "en"))
    content = load_content(project.root, ("ru", "en"), "KG", problems, dt.date(2024, 11, 1))
    lines = placeholder_lines(content.factsheets, content.msg)
    assert len(lines) == 1 and "\x1b" not in lines[0] and "\x07" not in lines[0]
    assert lines[0].endswith(": placeholder ⟨red \\x1b[31malert\\x07 here⟩ is still there: write your text in its place")
    msg = load_messages(project.root, "en")
    assert msg("placeholder-left", text="⟨a\nb⟩") == "placeholder ⟨a\\nb⟩ is still there: write your text in its place"
