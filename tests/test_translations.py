"""Translation freshness block by block, ``upr translated``, the XLIFF round trip, the
notices on the web and in print, and the stale_translations option."""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT
from translate.storage import xliff
from uprkit.cli import main
from uprkit.cli.project import open_project
from uprkit.config import check_options
from uprkit.content.translations import digest, sections, stale_blocks
from uprkit.i18n.messages import load_messages
from uprkit.printing.documents import PrintSet

W = "factsheets/women/violence-against-women"
SHELTERS_RU = "для пострадавших от насилия во всех областях страны."
QUESTION_RU = "  - Сколько уголовных дел о похищении невест было возбуждено"


def content_of(project):
    root = project if isinstance(project, Path) else project.root
    return open_project(root / "mkdocs.yml").load()


def states(content) -> dict[tuple[str, str, str], str]:
    return {(slug, lang, b.id): b.state for slug, info in content.translations.items() for lang, blocks in info.blocks.items() for b in blocks}


def upr(project, capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--config", str(project.root / "mkdocs.yml"), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def english(project) -> None:
    project.replace("mkdocs.yml", "sample: true", "sample: true\n      messages: en")


def change_two_russian_blocks(project) -> None:
    project.replace(f"{W}.ru.md", SHELTERS_RU, "для пострадавших от насилия во всех областях страны к 2027 году.")
    project.replace(f"{W}.ru.md", QUESTION_RU, "  - Сколько уголовных дел о похищении невест и о ранних браках было возбуждено")


def snapshot(project) -> dict[str, str]:
    return {p.relative_to(project.root).as_posix(): p.read_text(encoding="utf-8") for p in sorted((project.root / "factsheets").rglob("*")) if p.is_file()}


# ---------------------------------------------------------------- freshness
def test_the_sample_is_marked_and_fresh():
    found = states(content_of(ROOT))
    assert found and set(found.values()) <= {"fresh", "missing"}
    assert found[("statelessness", "en", "summary")] == "missing", "statelessness exists only in Russian"
    assert found[("violence-against-women", "en", "recommendations.shelters")] == "fresh"


def test_changing_a_russian_block_makes_exactly_that_english_block_stale(project):
    before = states(content_of(project))
    project.replace(f"{W}.ru.md", SHELTERS_RU, "для пострадавших от насилия во всех областях страны к 2027 году.")
    # re-wrapping a paragraph is not a change of the text
    project.replace(f"{W}.ru.md", "Новые Уголовный кодекс, Кодекс о проступках и Уголовно-процессуальный кодекс вступили в\n",
                    "Новые Уголовный кодекс, Кодекс о проступках и Уголовно-процессуальный кодекс\nвступили в\n")
    after = states(content_of(project))
    changed = {key: (before[key], state) for key, state in after.items() if before[key] != state}
    assert changed == {("violence-against-women", "en", "recommendations.shelters"): ("fresh", "stale")}


def test_a_change_in_the_neutral_file_makes_the_other_language_stale(project):
    """Texts of the neutral file (other mechanisms, source titles): the Russian is the
    source there too."""
    project.replace(f"{W}.yml", "ru: Принять эффективные меры", "ru: Незамедлительно принять эффективные меры")
    stale = [(b.lang, b.id, b.where) for b in stale_blocks(content_of(project))]
    assert stale == [("en", "mechanisms.2", f"{W}.yml:24")]


def test_marking_makes_it_fresh_and_touches_only_the_mark(project, capsys):
    english(project)
    change_two_russian_blocks(project)
    before = project.read(f"{W}.en.md")
    code, out, err = upr(project, capsys, "translated", f"{W}.en.md", "--block", "recommendations.shelters")
    assert (code, err) == (0, "")
    assert out == f"{W}.en.md: 1 blocks marked as translated from the original as it is now (1 were out of date, 0 had no mark)\n"
    stale = [b.id for b in stale_blocks(content_of(project))]
    assert stale == ["questions.1"], "only the block named was marked"
    after = project.read(f"{W}.en.md")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(changed) == 1 and changed[0][1].startswith("  recommendations.shelters: \"")
    code, out, err = upr(project, capsys, "translated", f"{W}.yml")
    assert code == 0 and not stale_blocks(content_of(project))


def test_marking_the_original_is_refused(project, capsys):
    english(project)
    code, _out, err = upr(project, capsys, "translated", f"{W}.ru.md")
    assert code == 1
    assert err.startswith(f"{W}.ru.md: this is the original ('ru')")


def test_the_day_the_source_changed_comes_from_git(project):
    def git(*args: str, day: str = "2026-11-20T10:00:00") -> None:
        env = {"GIT_AUTHOR_DATE": day, "GIT_COMMITTER_DATE": day, "PATH": "/usr/bin:/bin", "HOME": str(project.root)}
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=project.root, check=True, capture_output=True, env=env)

    git("init", "-q")
    git("add", "factsheets")
    git("commit", "-qm", "sample")
    change_two_russian_blocks(project)
    assert {b.id: b.changed for b in stale_blocks(content_of(project))} == {"recommendations.shelters": None, "questions.1": None}, \
        "not committed yet: no date"
    git("commit", "-qam", "two blocks", day="2026-11-28T10:00:00")
    assert {b.id: b.changed.isoformat() for b in stale_blocks(content_of(project))} == {"recommendations.shelters": "2026-11-28", "questions.1": "2026-11-28"}


def test_narrative_sections_follow_headings_not_code():
    body = "\nIntro.\n\n### One\n\nText\n\n```\n# not a heading\n```\n\n### Two\nMore\n"
    assert [s.text.splitlines()[0] for s in sections(body)] == ["Intro.", "### One", "### Two"]
    assert digest("a  b\nc\n\nd") == digest("a b c\n\n  d ") != digest("a b c d")


# ---------------------------------------------------------------- XLIFF
def fill(data: bytes, targets: dict[str, str]) -> bytes:
    store = xliff.xlifffile.parsestring(data)
    for unit in store.units:
        uid = unit.xmlelement.get("id")
        if uid in targets:
            unit.target = targets[uid]
    return bytes(store)


def test_xliff_round_trip_russian_to_english_keeps_markdown(project, capsys, tmp_path):
    english(project)
    change_two_russian_blocks(project)
    out_file = tmp_path / "en.xlf"
    code, out, err = upr(project, capsys, "export-xliff", "en", "--only", "stale", "-o", str(out_file))
    assert (code, err) == (0, "")
    store = xliff.xlifffile.parsestring(out_file.read_bytes())
    assert 'version="1.2"' in out_file.read_text() and "urn:oasis:names:tc:xliff:document:1.2" in out_file.read_text()
    units = {u.xmlelement.get("id"): u for u in store.units}
    assert list(units) == ["violence-against-women:recommendations.shelters", "violence-against-women:questions.1"]
    shelters = units["violence-against-women:recommendations.shelters"]
    assert shelters.source.endswith("к 2027 году.") and shelters.target.startswith("Establish crisis centres")
    assert shelters.xmlelement.get("extradata") == digest(shelters.source)
    assert "state: original changed" in shelters.getnotes() and "part: Suggested recommendations" in shelters.getnotes()
    before = project.read(f"{W}.en.md")
    rec = "Establish crisis centres and shelters *in every region* by 2027[^ohchr-letter], see [the plan](https://example.org/plan)."
    out_file.write_bytes(fill(out_file.read_bytes(), {"violence-against-women:recommendations.shelters": rec,
                                                      "violence-against-women:questions.1": "How many cases of bride kidnapping and of early marriage?"}))
    code, out, err = upr(project, capsys, "import-xliff", str(out_file))
    assert (code, err) == (0, ""), err
    assert out == f"2 blocks imported into 'en' and marked fresh; changed: {W}.en.md\n"
    content = content_of(project)
    assert not stale_blocks(content)
    text = content.factsheets["violence-against-women"].texts["en"].text
    assert text.recommendations["shelters"] == rec and text.questions[0] == "How many cases of bride kidnapping and of early marriage?"
    after = project.read(f"{W}.en.md")
    old, new = (yaml.safe_load(text.split("---", 2)[1]) for text in (before, after))
    for data in (old, new):
        del data["recommendations"]["shelters"], data["questions"][0], data["translated_from"]["recommendations.shelters"]
        del data["translated_from"]["questions.1"]
    assert old == new, "nothing else in the front matter changed"
    assert after.split("---", 2)[2] == before.split("---", 2)[2], "the narrative is untouched"
    gone = set(before.splitlines()) - set(after.splitlines())
    assert len(gone) == 5, gone  # the two texts (the folded one had two lines) and the two marks


def test_xliff_round_trip_english_to_russian(project, capsys, tmp_path):
    """A factsheet written in English: its Russian text is the translation."""
    english(project)
    project.replace(f"{W}.yml", "group: women\n", "group: women\noriginal_language: en\n")
    content = content_of(project)
    assert content.translations["violence-against-women"].source == "en"
    assert {b.state for b in content.translations["violence-against-women"].of("ru")} == {"unmarked"}
    out_file = tmp_path / "ru.xlf"
    assert upr(project, capsys, "export-xliff", "ru", "--group", "women", "-o", str(out_file))[0] == 0
    units = {u.xmlelement.get("id"): u for u in xliff.xlifffile.parsestring(out_file.read_bytes()).units}
    assert len(units) == 14 and all(uid.startswith("violence-against-women:") for uid in units)
    section = "### Достижения\n\n- Ответственность ужесточена[^ohchr-letter].\n- Ранние браки **запрещены**."
    title = "Источник: письмо Верховного комиссара"
    out_file.write_bytes(fill(out_file.read_bytes(), {"violence-against-women:narrative.2": section, "violence-against-women:sources.ohchr-letter": title}))
    code, out, err = upr(project, capsys, "import-xliff", str(out_file))
    assert (code, err) == (0, ""), err
    content = content_of(project)
    sheet = content.factsheets["violence-against-women"]
    assert section in sheet.texts["ru"].body and "### Оставшиеся проблемы" in sheet.texts["ru"].body
    assert sheet.meta.sources["ohchr-letter"].title["ru"] == title
    ru = {b.id: b.state for b in content.translations["violence-against-women"].of("ru")}
    assert ru["narrative.2"] == ru["sources.ohchr-letter"] == "fresh"
    assert ru["summary"] == "unmarked", "blocks sent back untouched for review stay as they were"


def test_import_refuses_units_whose_source_changed_since_the_export(project, capsys, tmp_path):
    english(project)
    change_two_russian_blocks(project)
    out_file = tmp_path / "en.xlf"
    upr(project, capsys, "export-xliff", "en", "--only", "stale", "-o", str(out_file))
    out_file.write_bytes(fill(out_file.read_bytes(), {"violence-against-women:recommendations.shelters": "Shelters by 2027.",
                                                      "violence-against-women:questions.1": "How many cases?"}))
    project.replace(f"{W}.ru.md", "к 2027 году.", "к 2026 году.")
    code, out, err = upr(project, capsys, "import-xliff", str(out_file))
    assert code == 1
    assert err == (f"{out_file}: the original of these blocks changed after the export, so their translation was not imported: "
                   "violence-against-women:recommendations.shelters; export them again (upr export-xliff LANG --only stale)\n")
    assert [b.id for b in stale_blocks(content_of(project))] == ["recommendations.shelters"]


BAD_XLIFF = {
    "malformed": (b"<xliff version='1.2'><file><body><trans-unit id='x'>", "this is not a readable XLIFF file"),
    "foreign ids": (None, "these units are not blocks of this project's factsheets"),
    "wrong language": (b"de", "'de' is not a language of this site"),
    "source language": (b"ru", "'ru' is the original language of these blocks, not a translation"),
    "entities": (b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;'>]><xliff>&b;</xliff>", "declares a DOCTYPE or entities"),
    "50 MB": (b"", "the file has 50 MB, more than the 5 MB"),
}


@pytest.mark.parametrize("case", list(BAD_XLIFF))
def test_bad_xliff_is_one_clear_line_and_writes_nothing(project, capsys, tmp_path, case):
    english(project)
    data, expected = BAD_XLIFF[case]
    path = tmp_path / "bad.xlf"
    if case in ("foreign ids", "wrong language", "source language"):
        upr(project, capsys, "export-xliff", "en", "--group", "women", "-o", str(path))
        exported = path.read_text(encoding="utf-8")
        if case == "foreign ids":
            exported = exported.replace('id="violence-against-women:summary"', 'id="other-project:summary"')
        else:
            exported = exported.replace('target-language="en"', f'target-language="{data.decode()}"')
        path.write_text(exported.replace("Violence against women", "Changed"), encoding="utf-8")
    elif case == "50 MB":
        with path.open("wb") as f:
            f.truncate(50 * 1024 * 1024)
    else:
        path.write_bytes(data)
    before = snapshot(project)
    code, out, err = upr(project, capsys, "import-xliff", str(path))
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith(f"{path}: ") and expected in err, err
    assert "Traceback" not in err
    assert snapshot(project) == before


# ---------------------------------------------------------------- web, print, option
def test_stale_blocks_on_the_web_in_print_and_on_the_board(project):
    english(project)
    change_two_russian_blocks(project)
    content = content_of(project)
    config = open_project(project.root / "mkdocs.yml").config
    html = PrintSet(content, config["markdown_extensions"], config["mdx_configs"], None, True, False).factsheet("violence-against-women", "en").html
    notes = BeautifulSoup(html, "html.parser").select(".upr-stale-print__note")
    assert [n.get_text(" ", strip=True) for n in notes] == [
        "The Russian original of this recommendation has changed since this English text was written; it may be out of date.",
        "The Russian original of this question has changed since this English text was written; it may be out of date.",
    ]
    built = project.build()
    assert built.ok, built.errors
    page = BeautifulSoup(built.html("en/factsheets/violence-against-women/index.html"), "html.parser")
    notices = page.select(".upr-stale")
    assert [n["data-block"] for n in notices] == ["recommendations.shelters", "questions.1"]
    assert notices[0].find_parent("li")["id"] == "rec-shelters"
    assert notices[0].a["href"] == "../../../factsheets/violence-against-women/#part-suggested" and notices[0].a["hreflang"] == "ru"
    ru_page = BeautifulSoup(built.html("factsheets/violence-against-women/index.html"), "html.parser")
    assert not ru_page.select(".upr-stale"), "the original carries no notice"
    board = BeautifulSoup(built.html("en/readiness/index.html"), "html.parser")
    assert "Out of date: recommendations.shelters, questions.1" in board.get_text(" ")
    assert board.find("a", href="../review/#violence-against-women-en")
    review = BeautifulSoup(built.html("en/review/index.html"), "html.parser")
    rows = review.select("#violence-against-women-en tr.upr-review__row--stale code")
    assert [r.get_text() for r in rows if "." in r.get_text() and ":" not in r.get_text()] == ["recommendations.shelters", "questions.1"]
    assert review.select("#statelessness-en tr.upr-review__row--missing")
    stale_logs = [m for m in built.messages() if "original of block" in m]
    assert len(stale_logs) == 2 and all(r.levelno == logging.INFO for r in built.log if "original of block" in r.getMessage())


def test_stale_translations_option_is_checked():
    msg = load_messages(ROOT, "en")
    for value, problems in (("notice", 0), ("warning", 0), ("fail", 1)):
        options, found = check_options({"country": "KG", "stale_translations": value}, ("ru", "en"), msg, Path(ROOT / "mkdocs.yml"))
        assert len(found) == problems, found
    assert "use notice (stale translations are flagged) or warning" in found[0]


def test_stale_translations_warning_fails_a_strict_build(project):
    english(project)
    change_two_russian_blocks(project)
    project.replace("mkdocs.yml", "  - upr:\n", "  - upr:\n      stale_translations: warning\n")
    built = project.build()
    assert not built.ok
    warnings = [m for m in built.messages(logging.WARNING) if "original of block" in m]
    assert len(warnings) == 2 and warnings[0].startswith(f"{W}.en.md:16:")
