"""Translation freshness block by block, ``upr translated``, the XLIFF round trip, the
notices on the web and in print, and the stale_translations option."""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, copy_project
from mkdocs.commands.build import build
from mkdocs.config import load_config
from translate.storage import xliff
from uprkit.cli import main
from uprkit.cli import xliff as xliff_cli
from uprkit.cli.project import open_project
from uprkit.config import check_options
from uprkit.content.translations import digest, sections, stale_blocks, stale_data
from uprkit.errors import ContentError
from uprkit.i18n.messages import load_messages
from uprkit.printing.documents import PrintSet

W = "factsheets/women/violence-against-women"
GROUP_RU = "ru: Группа по правам женщин}"
GROUP_RU_NEW = "ru: Группа по правам женщин и девочек}"
SHELTERS_RU = "для пострадавших от насилия во всех областях страны."
QUESTION_RU = "  - Сколько уголовных дел о похищении невест было возбуждено"
T = "factsheets/torture/torture-prevention"  # its implementation comments sit beside their recommendations
COMMENT_RU = "Центр работает и участвовал"


_PROJECTS: dict[Path, object] = {}


def opened(project):
    """The project as the ``upr`` command reads it (mkdocs.yml read once per copy)."""
    root = project if isinstance(project, Path) else project.root
    if root not in _PROJECTS:
        _PROJECTS[root] = open_project(root / "mkdocs.yml")
    return _PROJECTS[root]


def content_of(project):
    return opened(project).load()


def states(content) -> dict[tuple[str, str, str], str]:
    """The state of every block: of the factsheets (by slug) and of the texts of data/ (by file)."""
    infos = [*content.translations.items(), *content.data_translations.items()]
    return {(slug, lang, b.id): b.state for slug, info in infos for lang, blocks in info.blocks.items() for b in blocks}


def upr(project, capsys, *args: str) -> tuple[int, str, str]:
    """``upr ARGS`` on ``project`` (opened once: reading mkdocs.yml is most of a command's time)."""
    capsys.readouterr()
    code = main(["--config", str(project.root / "mkdocs.yml"), *args], opened(project))
    out = capsys.readouterr()
    return code, out.out, out.err


def english(project) -> None:
    project.replace("mkdocs.yml", "sample: true", "sample: true\n      messages: en")


def change_two_russian_blocks(project) -> None:
    project.replace(f"{W}.ru.md", SHELTERS_RU, "для пострадавших от насилия во всех областях страны к 2027 году.")
    project.replace(f"{W}.ru.md", QUESTION_RU, "  - Сколько уголовных дел о похищении невест и о ранних браках было возбуждено")


def english_comment_line(project) -> int:
    """The line of the English comment on 140.37 beside its recommendation (its ``en:``)."""
    return next(i for i, text in enumerate(project.read(f"{T}.yml").splitlines(), start=1) if text.strip().startswith("The Centre operates")) - 1


def snapshot(project) -> dict[str, str]:
    """Every file of factsheets/ and data/ with its text."""
    files = sorted(p for folder in ("factsheets", "data") for p in (project.root / folder).rglob("*") if p.is_file())
    return {p.relative_to(project.root).as_posix(): p.read_text(encoding="utf-8") for p in files}


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory):
    """One copy of the sample (messages in English) for the tests that change only
    factsheets/: each gets it back as it was (see ``sheets``)."""
    shared = copy_project(tmp_path_factory.mktemp("translations") / "project")
    english(shared)
    return shared


@pytest.fixture
def sheets(shared):
    """The shared copy, with factsheets/ and data/ restored after the test."""
    before = snapshot(shared)
    yield shared
    for path in [*(shared.root / "factsheets").rglob("*"), *(shared.root / "data").rglob("*")]:
        if path.is_file() and path.relative_to(shared.root).as_posix() not in before:
            path.unlink()
    for rel, text in before.items():
        if shared.read(rel) != text:
            shared.write(rel, text)


# ---------------------------------------------------------------- freshness
def test_the_sample_is_marked_and_fresh():
    found = states(content_of(ROOT))
    assert found and set(found.values()) == {"fresh", "missing", "unmarked"}
    unmarked = {(slug, block.partition(".")[0]) for (slug, _lang, block), state in found.items() if state == "unmarked"}
    assert unmarked == {("statelessness", "mechanisms"), ("statelessness", "sources")}, \
        "only the English texts of the neutral file of a factsheet with no English text yet (no file to hold their marks)"
    assert found[("statelessness", "en", "summary")] == "missing", "statelessness exists only in Russian"
    assert found[("violence-against-women", "en", "recommendations.shelters")] == "fresh"
    assert found[("torture-prevention", "en", "implementation.140.37")] == "fresh", "a comment beside its recommendation keeps its mark"
    data = {key: state for key, state in found.items() if key[0].startswith("data/")}
    assert {key[0] for key in data} == {f"data/{name}.yml" for name in
                                        ("groups", "tables", "clusters", "coalition", "cycles", "mechanisms", "scales", "sdgs", "states")}
    assert set(data.values()) == {"fresh"}, "every text of data/ in the sample is marked"
    assert {key[2] for key in data if key[2].startswith("women.")} == {"women.name", "women.description", "women.members.1.name", "women.contact.name"}
    assert not {key for key in found if key[0] in ("data/labels.yml", "data/messages.yml", "data/action-verbs.yml")}, "UI strings have no marks"


# ---------------------------------------------------------------- texts of data/
def test_changing_the_russian_name_of_a_group_makes_exactly_that_english_text_stale(sheets, capsys):
    before = states(content_of(sheets))
    sheets.replace("data/groups.yml", GROUP_RU, GROUP_RU_NEW)
    # re-wrapping a text is not a change of it
    sheets.replace("data/tables.yml", "    ru: Труд, социальное обеспечение, достаточный", "    ru: >-\n      Труд, социальное обеспечение,\n      достаточный")
    content = content_of(sheets)
    after = states(content)
    changed = {key: (before[key], state) for key, state in after.items() if before[key] != state}
    assert changed == {("data/groups.yml", "en", "women.name"): ("fresh", "stale")}
    [block] = stale_data(content)
    assert (block.where, block.source, block.text, block.group) == ("data/groups.yml:5", "Группа по правам женщин и девочек", "Women's rights group", "women")
    line = ("data/groups.yml:5: the Russian original of block women.name changed; this translation may be out of date: "
            "update it, then run upr translated data/groups.yml")
    code, out, _err = upr(sheets, capsys, "check")
    assert code == 0 and line in out.splitlines()
    code, out, _err = upr(sheets, capsys, "status")
    assert code == 0 and "  data/groups.yml:5: Out of date: women.name" in out.splitlines()


def test_marking_a_data_text_makes_it_fresh_and_touches_only_its_mark(sheets, capsys):
    sheets.replace("data/groups.yml", GROUP_RU, GROUP_RU_NEW)
    sheets.replace("data/sdgs.yml", "ru: Ликвидация нищеты}", "ru: Ликвидация нищеты во всех её формах}")  # an entry in flow style
    sheets.replace("data/states.yml", "KG: {en: Kyrgyzstan, ru: Кыргызстан}", "KG: {en: Kyrgyzstan, ru: Кыргызская Республика}")  # file-level marks
    before = {rel: sheets.read(rel) for rel in ("data/groups.yml", "data/sdgs.yml", "data/states.yml")}
    code, out, err = upr(sheets, capsys, "translated", "data/groups.yml", "--block", "women.name")
    assert (code, err) == (0, "")
    assert out == "data/groups.yml: 1 texts in 'en' marked as translated from the original as it is now (1 were out of date, 0 had no mark)\n"
    after = sheets.read("data/groups.yml")
    changed = [(a, b) for a, b in zip(before["data/groups.yml"].splitlines(), after.splitlines(), strict=True) if a != b]
    assert changed == [("    en: {name: jp7pn4az, description: mnzhmkfb, members.1.name: tia4pfsh, contact.name: deqi3nli}",
                        f"    en: {{name: {digest('Группа по правам женщин и девочек')}, description: mnzhmkfb, "
                        "members.1.name: tia4pfsh, contact.name: deqi3nli}")]
    assert [b.id for b in stale_data(content_of(sheets))] == ["1.name", "KG"], "only the text named was marked"
    code, out, err = upr(sheets, capsys, "translated", "data/sdgs.yml", "data/states.yml")
    assert (code, err) == (0, "") and not stale_data(content_of(sheets))
    for rel in ("data/sdgs.yml", "data/states.yml"):
        diff = [(a, b) for a, b in zip(before[rel].splitlines(), sheets.read(rel).splitlines(), strict=True) if a != b]
        assert len(diff) == 1 and ("translated_from: {en: {name: " in diff[0][1] or diff[0][1].startswith("    KG: ")), (rel, diff)
    assert sheets.read("data/sdgs.yml").splitlines()[4] == before["data/sdgs.yml"].splitlines()[4], "the aligned columns of sdgs.yml stay"
    code, _out, err = upr(sheets, capsys, "translated", "data/groups.yml", "--block", "women.nmae")
    assert code == 1 and err.startswith("data/groups.yml: no block women.nmae; the blocks are: women.name, women.description")


def test_marks_of_a_data_file_in_the_wrong_shape_are_an_error(sheets):
    sheets.replace("data/groups.yml", "    en: {name: jp7pn4az,", "    de: {name: jp7pn4az,")
    with pytest.raises(ContentError) as caught:
        content_of(sheets)
    assert caught.value.messages == ["data/groups.yml:15: translated_from in data/groups.yml is not as upr translated writes it "
                                     "({language: {text id: mark}}); delete it and run upr translated data/groups.yml"]


def test_xliff_round_trip_of_data_texts(sheets, capsys, tmp_path):
    sheets.replace("data/groups.yml", GROUP_RU, GROUP_RU_NEW)
    sheets.replace("data/tables.yml", "ru: Уязвимые группы", "ru: Уязвимые группы населения")
    out_file = tmp_path / "en.xlf"
    code, _out, err = upr(sheets, capsys, "export-xliff", "en", "--only", "stale", "-o", str(out_file))
    assert (code, err) == (0, "")
    store = xliff.xlifffile.parsestring(out_file.read_bytes())
    units = {u.xmlelement.get("id"): u for u in store.units}
    assert list(units) == ["data/tables.yml:vulnerable.name", "data/groups.yml:women.name"], "in the order data/ is read"
    assert units["data/groups.yml:women.name"].source == "Группа по правам женщин и девочек"
    assert units["data/groups.yml:women.name"].target == "Women's rights group"
    assert "state: original changed" in units["data/groups.yml:women.name"].getnotes()
    before = {rel: sheets.read(rel) for rel in ("data/groups.yml", "data/tables.yml")}
    name = 'Women\'s and girls\' rights group: "Alga", #1 [*all* regions]'
    targets = {"data/groups.yml:women.name": name, "data/tables.yml:vulnerable.name": "Vulnerable groups of the population"}
    out_file.write_bytes(fill(out_file.read_bytes(), targets))
    code, out, err = upr(sheets, capsys, "import-xliff", str(out_file))
    assert (code, err) == (0, ""), err
    assert out == "2 blocks imported into 'en' and marked fresh; changed: data/tables.yml, data/groups.yml\n"
    content = content_of(sheets)
    assert not stale_data(content) and not stale_blocks(content)
    assert content.catalog.groups["women"].name == {"en": name, "ru": "Группа по правам женщин и девочек"}
    assert content.catalog.tables["vulnerable"].name["en"] == "Vulnerable groups of the population"
    for rel in before:
        gone = set(before[rel].splitlines()) - set(sheets.read(rel).splitlines())
        assert len(gone) == 2, (rel, gone)  # the text and its entry's marks
    # a group's texts with --group; a source changed since the export is refused
    assert upr(sheets, capsys, "export-xliff", "en", "--group", "women", "-o", str(out_file))[0] == 0
    ids = [u.xmlelement.get("id") for u in xliff.xlifffile.parsestring(out_file.read_bytes()).units]
    assert [i for i in ids if i.startswith("data/")] == ["data/groups.yml:women.name", "data/groups.yml:women.description",
                                                          "data/groups.yml:women.members.1.name", "data/groups.yml:women.contact.name"]
    out_file.write_bytes(fill(out_file.read_bytes(), {"data/groups.yml:women.description": "Gender equality."}))
    sheets.replace("data/groups.yml", "ru: Гендерное равенство,", "ru: Гендерное равенство и")
    code, _out, err = upr(sheets, capsys, "import-xliff", str(out_file))
    assert code == 1 and "data/groups.yml:women.description; export them again" in err
    assert [b.id for b in stale_data(content_of(sheets))] == ["women.description"]


def test_changing_a_russian_block_makes_exactly_that_english_block_stale(sheets):
    before = states(content_of(sheets))
    sheets.replace(f"{W}.ru.md", SHELTERS_RU, "для пострадавших от насилия во всех областях страны к 2027 году.")
    # re-wrapping a paragraph is not a change of the text
    sheets.replace(f"{W}.ru.md", "Новые Уголовный кодекс, Кодекс о проступках и Уголовно-процессуальный кодекс вступили в\n",
                    "Новые Уголовный кодекс, Кодекс о проступках и Уголовно-процессуальный кодекс\nвступили в\n")
    after = states(content_of(sheets))
    changed = {key: (before[key], state) for key, state in after.items() if before[key] != state}
    assert changed == {("violence-against-women", "en", "recommendations.shelters"): ("fresh", "stale")}


def test_a_change_in_the_neutral_file_makes_the_other_language_stale(sheets):
    """Texts of the neutral file (other mechanisms, source titles): the Russian is the
    source there too."""
    sheets.replace(f"{W}.yml", "ru: Принять эффективные меры", "ru: Незамедлительно принять эффективные меры")
    stale = [(b.lang, b.id, b.where) for b in stale_blocks(content_of(sheets))]
    assert stale == [("en", "mechanisms.2", f"{W}.yml:24")]


def test_marking_makes_it_fresh_and_touches_only_the_mark(sheets, capsys):
    change_two_russian_blocks(sheets)
    before = sheets.read(f"{W}.en.md")
    code, out, err = upr(sheets, capsys, "translated", f"{W}.en.md", "--block", "recommendations.shelters")
    assert (code, err) == (0, "")
    assert out == f"{W}.en.md: 1 blocks marked as translated from the original as it is now (1 were out of date, 0 had no mark)\n"
    stale = [b.id for b in stale_blocks(content_of(sheets))]
    assert stale == ["questions.1"], "only the block named was marked"
    after = sheets.read(f"{W}.en.md")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(changed) == 1 and changed[0][1].startswith("  recommendations.shelters: \"")
    code, out, err = upr(sheets, capsys, "translated", f"{W}.yml")
    assert code == 0 and not stale_blocks(content_of(sheets))


def test_marking_the_original_is_refused(sheets, capsys):
    code, _out, err = upr(sheets, capsys, "translated", f"{W}.ru.md")
    assert code == 1
    assert err.startswith(f"{W}.ru.md: this is the original ('ru')")


def test_the_day_the_source_changed_comes_from_git(project):
    def git(*args: str, day: str = "2026-11-20T10:00:00") -> None:
        env = {"GIT_AUTHOR_DATE": day, "GIT_COMMITTER_DATE": day, "PATH": "/usr/bin:/bin", "HOME": str(project.root)}
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=project.root, check=True, capture_output=True, env=env)

    git("init", "-q")
    git("add", "factsheets", "data")
    git("commit", "-qm", "sample")
    change_two_russian_blocks(project)
    project.replace("data/groups.yml", GROUP_RU, GROUP_RU_NEW)
    content = content_of(project)
    assert {b.id: b.changed for b in stale_blocks(content)} == {"recommendations.shelters": None, "questions.1": None}, \
        "not committed yet: no date"
    assert [(b.id, b.changed) for b in stale_data(content)] == [("women.name", None)]
    git("commit", "-qam", "two blocks", day="2026-11-28T10:00:00")
    content = content_of(project)
    assert {b.id: b.changed.isoformat() for b in stale_blocks(content)} == {"recommendations.shelters": "2026-11-28", "questions.1": "2026-11-28"}
    assert [(b.id, b.changed.isoformat()) for b in stale_data(content)] == [("women.name", "2026-11-28")], "texts of data/ too"


def test_narrative_sections_follow_headings_not_code():
    body = "\nIntro.\n\n### One\n\nText\n\n```\n# not a heading\n```\n\n### Two\nMore\n"
    assert [s.text.splitlines()[0] for s in sections(body)] == ["Intro.", "### One", "### Two"]
    assert digest("a  b\nc\n\nd") == digest("a b c\n\n  d ") != digest("a b c d")


def test_comments_beside_their_recommendations_keep_their_marks(sheets, capsys, tmp_path):
    """An implementation comment written beside its recommendation in the neutral file
    (the web editor's layout, torture-prevention): its marks stay in the translation's
    file; a change of the Russian makes exactly the English comment stale, at its line in
    the neutral file; ``upr translated`` marks it, and the XLIFF round trip writes the
    translation where it stands."""
    before = states(content_of(sheets))
    assert before[("torture-prevention", "en", "implementation.140.37")] == "fresh"
    sheets.replace(f"{T}.yml", COMMENT_RU, "Центр работает, участвовал")
    after = states(content_of(sheets))
    assert {key: (before[key], state) for key, state in after.items() if before[key] != state} == {
        ("torture-prevention", "en", "implementation.140.37"): ("fresh", "stale")}
    assert [(b.id, b.where) for b in stale_blocks(content_of(sheets))] == [("implementation.140.37", f"{T}.yml:{english_comment_line(sheets)}")]
    english_before = sheets.read(f"{T}.en.md")
    code, out, err = upr(sheets, capsys, "translated", f"{T}.en.md", "--block", "implementation.140.37")
    assert (code, err) == (0, "")
    changed = [(a, b) for a, b in zip(english_before.splitlines(), sheets.read(f"{T}.en.md").splitlines(), strict=True) if a != b]
    assert len(changed) == 1 and changed[0][1].startswith('  implementation.140.37: "'), "only its mark changed"
    assert not stale_blocks(content_of(sheets))

    sheets.replace(f"{T}.yml", "Центр работает, участвовал", COMMENT_RU)
    out_file = tmp_path / "en.xlf"
    assert upr(sheets, capsys, "export-xliff", "en", "--only", "stale", "-o", str(out_file))[0] == 0
    ids = [u.xmlelement.get("id") for u in xliff.xlifffile.parsestring(out_file.read_bytes()).units]
    assert ids == ["torture-prevention:implementation.140.37"]
    neutral_before = sheets.read(f"{T}.yml")
    translation = "The Centre works and took part in the 2019 national pre-sessions."
    out_file.write_bytes(fill(out_file.read_bytes(), {ids[0]: translation}))
    code, out, err = upr(sheets, capsys, "import-xliff", str(out_file))
    assert (code, err) == (0, ""), err
    assert out == f"1 blocks imported into 'en' and marked fresh; changed: {T}.yml, {T}.en.md\n"
    content = content_of(sheets)
    assert content.factsheets["torture-prevention"].texts["en"].text.implementation["140.37"] == translation
    assert not stale_blocks(content)
    lines = set(neutral_before.splitlines()) ^ set(sheets.read(f"{T}.yml").splitlines())
    assert {text.strip()[:16] for text in lines} == {"The Centre opera", "Commissioner sti", "The Centre works"}, "only the English comment changed"


# ---------------------------------------------------------------- XLIFF
def fill(data: bytes, targets: dict[str, str]) -> bytes:
    store = xliff.xlifffile.parsestring(data)
    for unit in store.units:
        uid = unit.xmlelement.get("id")
        if uid in targets:
            unit.target = targets[uid]
    return bytes(store)


def test_xliff_round_trip_russian_to_english_keeps_markdown(sheets, capsys, tmp_path):
    change_two_russian_blocks(sheets)
    out_file = tmp_path / "en.xlf"
    code, out, err = upr(sheets, capsys, "export-xliff", "en", "--only", "stale", "-o", str(out_file))
    assert (code, err) == (0, "")
    store = xliff.xlifffile.parsestring(out_file.read_bytes())
    assert 'version="1.2"' in out_file.read_text() and "urn:oasis:names:tc:xliff:document:1.2" in out_file.read_text()
    units = {u.xmlelement.get("id"): u for u in store.units}
    assert list(units) == ["violence-against-women:recommendations.shelters", "violence-against-women:questions.1"]
    shelters = units["violence-against-women:recommendations.shelters"]
    assert shelters.source.endswith("к 2027 году.") and shelters.target.startswith("Establish crisis centres")
    assert shelters.xmlelement.get("extradata") == digest(shelters.source)
    assert "state: original changed" in shelters.getnotes() and "part: Suggested recommendations" in shelters.getnotes()
    before = sheets.read(f"{W}.en.md")
    rec = "Establish crisis centres and shelters *in every region* by 2027[^ohchr-letter], see [the plan](https://example.org/plan)."
    out_file.write_bytes(fill(out_file.read_bytes(), {"violence-against-women:recommendations.shelters": rec,
                                                      "violence-against-women:questions.1": "How many cases of bride kidnapping and of early marriage?"}))
    code, out, err = upr(sheets, capsys, "import-xliff", str(out_file))
    assert (code, err) == (0, ""), err
    assert out == f"2 blocks imported into 'en' and marked fresh; changed: {W}.en.md\n"
    content = content_of(sheets)
    assert not stale_blocks(content)
    text = content.factsheets["violence-against-women"].texts["en"].text
    assert text.recommendations["shelters"] == rec and text.questions[0] == "How many cases of bride kidnapping and of early marriage?"
    after = sheets.read(f"{W}.en.md")
    old, new = (yaml.safe_load(text.split("---", 2)[1]) for text in (before, after))
    for data in (old, new):
        del data["recommendations"]["shelters"], data["questions"][0], data["translated_from"]["recommendations.shelters"]
        del data["translated_from"]["questions.1"]
    assert old == new, "nothing else in the front matter changed"
    assert after.split("---", 2)[2] == before.split("---", 2)[2], "the narrative is untouched"
    gone = set(before.splitlines()) - set(after.splitlines())
    assert len(gone) == 5, gone  # the two texts (the folded one had two lines) and the two marks


def test_xliff_round_trip_english_to_russian(sheets, capsys, tmp_path):
    """A factsheet written in English: its Russian text is the translation."""
    sheets.replace(f"{W}.yml", "group: women\n", "group: women\noriginal_language: en\n")
    content = content_of(sheets)
    assert content.translations["violence-against-women"].source == "en"
    assert {b.state for b in content.translations["violence-against-women"].of("ru")} == {"unmarked"}
    out_file = tmp_path / "ru.xlf"
    assert upr(sheets, capsys, "export-xliff", "ru", "--group", "women", "-o", str(out_file))[0] == 0
    units = {u.xmlelement.get("id"): u for u in xliff.xlifffile.parsestring(out_file.read_bytes()).units}
    blocks = content.translations["violence-against-women"].of("ru")
    assert len(units) == len(blocks) > 10 and all(uid.startswith("violence-against-women:") for uid in units)
    section = "### Достижения\n\n- Ответственность ужесточена[^ohchr-letter].\n- Ранние браки **запрещены**."
    title = "Источник: письмо Верховного комиссара"
    out_file.write_bytes(fill(out_file.read_bytes(), {"violence-against-women:narrative.2": section, "violence-against-women:sources.ohchr-letter": title}))
    code, out, err = upr(sheets, capsys, "import-xliff", str(out_file))
    assert (code, err) == (0, ""), err
    content = content_of(sheets)
    sheet = content.factsheets["violence-against-women"]
    assert section in sheet.texts["ru"].body and "### Оставшиеся проблемы" in sheet.texts["ru"].body
    assert sheet.meta.sources["ohchr-letter"].title["ru"] == title
    ru = {b.id: b.state for b in content.translations["violence-against-women"].of("ru")}
    assert ru["narrative.2"] == ru["sources.ohchr-letter"] == "fresh"
    assert ru["summary"] == "unmarked", "blocks sent back untouched for review stay as they were"


def test_import_refuses_units_whose_source_changed_since_the_export(sheets, capsys, tmp_path):
    change_two_russian_blocks(sheets)
    out_file = tmp_path / "en.xlf"
    upr(sheets, capsys, "export-xliff", "en", "--only", "stale", "-o", str(out_file))
    out_file.write_bytes(fill(out_file.read_bytes(), {"violence-against-women:recommendations.shelters": "Shelters by 2027.",
                                                      "violence-against-women:questions.1": "How many cases?"}))
    sheets.replace(f"{W}.ru.md", "к 2027 году.", "к 2026 году.")
    code, out, err = upr(sheets, capsys, "import-xliff", str(out_file))
    assert code == 1
    assert err == (f"{out_file}: the original of these blocks changed after the export, so their translation was not imported: "
                   "violence-against-women:recommendations.shelters; export them again (upr export-xliff LANG --only stale)\n")
    assert [b.id for b in stale_blocks(content_of(sheets))] == ["recommendations.shelters"]


def test_bad_xliff_is_one_clear_line_and_writes_nothing(sheets, capsys, tmp_path):
    path = tmp_path / "bad.xlf"
    upr(sheets, capsys, "export-xliff", "en", "--group", "women", "-o", str(path))
    exported = path.read_text(encoding="utf-8").replace("Violence against women", "Changed")
    cases = {
        "malformed": ("<xliff version='1.2'><file><body><trans-unit id='x'>", "this is not a readable XLIFF file"),
        "foreign ids": (exported.replace('id="violence-against-women:summary"', 'id="other-project:summary"'),
                        "these units are not blocks of this project's factsheets (was the file exported from another project?): other-project:summary;"),
        "foreign data ids": (exported.replace('id="data/groups.yml:women.name"', 'id="data/groups.yml:nobody.name"'),
                             "(was the file exported from another project?): data/groups.yml:nobody.name;"),
        "wrong language": (exported.replace('target-language="en"', 'target-language="de"'), "'de' is not a language of this site"),
        "source language": (exported.replace('target-language="en"', 'target-language="ru"'), "'ru' is the original language of these blocks"),
        "entities": ("<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;'>]><xliff>&b;</xliff>", "declares a DOCTYPE or entities"),
        "50 MB": (None, "the file has 50 MB, more than the 5 MB"),
    }
    before = snapshot(sheets)
    project_obj, content = opened(sheets), content_of(sheets)
    for case, (data, expected) in cases.items():
        if data is None:
            with path.open("wb") as f:
                f.truncate(0)
                f.truncate(50 * 1024 * 1024)
        else:
            path.write_text(data, encoding="utf-8")
        if case == "malformed":  # the command itself, once: one line on stderr, exit 1
            code, out, err = upr(sheets, capsys, "import-xliff", str(path))
            assert (code, out) == (1, "") and err.count("\n") == 1 and err.startswith(f"{path}: ") and expected in err, err
            continue
        with pytest.raises(ContentError) as caught:
            xliff_cli.plan(project_obj, content, xliff_cli.read(path, project_obj.msg), str(path))
        assert len(caught.value.messages) == 1, case
        message = caught.value.messages[0]
        assert message.startswith(f"{path}: ") and expected in message and "\n" not in message, (case, message)
    assert snapshot(sheets) == before


# ---------------------------------------------------------------- web, print, option
def build_not_strict(project) -> tuple[Path, list[logging.LogRecord]]:
    """Build without --strict (so the site is written even with warnings) and return the
    log: a WARNING under ``mkdocs`` is what makes ``mkdocs build --strict`` fail."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.DEBUG)
    handler.emit = records.append
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    old = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        build(load_config(str(project.root / "mkdocs.yml"), site_dir=str(project.root / "site"), strict=False))
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old)
    return project.root / "site", records


def test_stale_blocks_on_the_web_in_print_on_the_board_and_as_warnings(project):
    english(project)
    change_two_russian_blocks(project)
    project.replace(f"{T}.yml", COMMENT_RU, "Центр работает, участвовал")  # a comment beside its recommendation
    content = content_of(project)
    config = opened(project).config
    prints = PrintSet(content, config["markdown_extensions"], config["mdx_configs"], None, True, False)
    notes = BeautifulSoup(prints.factsheet("violence-against-women", "en").html, "html.parser").select(".upr-stale-print__note")
    assert [n.get_text(" ", strip=True) for n in notes] == [
        "The Russian original of this recommendation has changed since this English text was written; it may be out of date.",
        "The Russian original of this question has changed since this English text was written; it may be out of date.",
    ]
    notes = BeautifulSoup(prints.factsheet("torture-prevention", "en").html, "html.parser").select(".upr-stale-print__note")
    assert [n.get_text(" ", strip=True) for n in notes] == [
        "The Russian original of this comment has changed since this English text was written; it may be out of date."]
    comment_line = english_comment_line(project)
    project.replace("mkdocs.yml", "  - upr:\n", "  - upr:\n      pdf: false\n      stale_translations: warning\n")
    project.replace("data/groups.yml", GROUP_RU, GROUP_RU_NEW)  # and a text of data/
    site, log = build_not_strict(project)

    def page(path: str) -> BeautifulSoup:
        return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")

    warnings = [r.getMessage() for r in log if r.levelno == logging.WARNING and "original of block" in r.getMessage()]
    assert warnings == [
        f"{T}.yml:{comment_line}: the Russian original of block implementation.140.37 changed; this translation may be out of date: update it, "
        f"then run upr translated {T}.en.md",
        f"{W}.en.md:16: the Russian original of block recommendations.shelters changed; this translation may be out of date: update it, "
        f"then run upr translated {W}.en.md",
        f"{W}.en.md:20: the Russian original of block questions.1 changed; this translation may be out of date: update it, "
        f"then run upr translated {W}.en.md",
        "data/groups.yml:5: the Russian original of block women.name changed; this translation may be out of date: update it, "
        "then run upr translated data/groups.yml",
    ], "stale_translations: warning: each stale block is a warning, so --strict fails"
    notices = page("en/factsheets/violence-against-women/index.html").select(".upr-stale")
    assert [n["data-block"] for n in notices] == ["recommendations.shelters", "questions.1"]
    assert notices[0].find_parent("li")["id"] == "rec-shelters"
    assert notices[0].a["href"] == "../../../factsheets/violence-against-women/#part-suggested" and notices[0].a["hreflang"] == "ru"
    assert not page("factsheets/violence-against-women/index.html").select(".upr-stale"), "the original carries no notice"
    assert not page("en/factsheets/trafficking/index.html").select(".upr-stale")
    comment = page("en/factsheets/torture-prevention/index.html").select(".upr-stale")
    assert [n["data-block"] for n in comment] == ["implementation.140.37"] and comment[0].find_parent(class_="upr-recs__comment")
    group = page("en/groups/women/index.html").select(".upr-stale")
    assert [(n["data-block"], n.a["href"], n.a["hreflang"]) for n in group] == [("women.name", "../../../groups/women/", "ru")]
    assert group[0].get_text(" ", strip=True).startswith("† The Russian original of this name has changed since this English text was written")
    assert not page("groups/women/index.html").select(".upr-stale") and not page("en/groups/children/index.html").select(".upr-stale")
    board = page("en/readiness/index.html")
    assert "Out of date: recommendations.shelters, questions.1" in board.get_text(" ")
    assert "Out of date: implementation.140.37" in board.get_text(" ")
    head = board.find("a", string="Women's rights group").find_parent("th")
    assert "Out of date: women.name" in head.get_text(" ")
    assert board.find("a", href="../review/#violence-against-women-en")
    review = page("en/review/index.html")
    stale_rows = review.select("#violence-against-women-en tr.upr-review__row--stale th code")
    assert [r.get_text() for r in stale_rows] == ["recommendations.shelters", "questions.1"]
    assert [r.get_text() for r in review.select("#torture-prevention-en tr.upr-review__row--stale th code")] == ["implementation.140.37"]
    assert len(review.select("#statelessness-en tr.upr-review__row--missing")) == 11
    assert [r.get_text() for r in review.select("#data-groups-en tr.upr-review__row--stale th code")] == ["women.name"]


def test_stale_translations_option_is_checked():
    msg = load_messages(ROOT, "en")
    for value, problems in (("notice", 0), ("warning", 0), ("fail", 1)):
        options, found = check_options({"country": "KG", "stale_translations": value}, ("ru", "en"), msg, Path(ROOT / "mkdocs.yml"))
        assert len(found) == problems, found
    assert "use notice (stale translations are flagged) or warning" in found[0]


def test_import_creates_a_missing_translation_that_builds(sheets, capsys, tmp_path):
    out_file = tmp_path / "missing.xlf"
    assert upr(sheets, capsys, "export-xliff", "en", "--group", "migrants", "--only", "missing", "-o", str(out_file))[0] == 0
    store = xliff.xlifffile.parsestring(out_file.read_bytes())
    ids = [u.xmlelement.get("id") for u in store.units]
    assert all(uid.startswith("statelessness:") for uid in ids) and "statelessness:mechanisms.1" not in ids, \
        "texts of the neutral file that exist in English are not missing"
    for unit in store.units:
        unit.target = unit.source.replace("### ", "### EN ", 1) if unit.source.startswith("### ") else "EN " + unit.source
    out_file.write_bytes(bytes(store))
    code, out, err = upr(sheets, capsys, "import-xliff", str(out_file))
    assert (code, err) == (0, ""), err
    text = sheets.read("factsheets/migrants/statelessness.en.md")
    keys = [line.split(":")[0] for line in text.split("---")[1].splitlines() if line and not line.startswith(" ")]
    assert keys == ["title", "summary", "recommendations", "questions", "implementation", "translated_from"]
    content = content_of(sheets)
    assert content.factsheets["statelessness"].title("en").startswith("EN ")
    assert {b.state for b in content.translations["statelessness"].of("en")} == {"fresh", "unmarked"}
