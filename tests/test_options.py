"""The upr plugin's options in mkdocs.yml: every mistake is reported at once, with its
line, in the editor's language, by the build and by ``upr check`` alike."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

UPR = str(Path(sys.executable).with_name("upr"))
_COUNT = re.compile(r" \[[^\[\]]*\]$")
MOVED_EN = "mkdocs.yml: the options under extra.upr now belong to the plugin: move them under plugins: - upr: (see the README)"
MOVED_RU = "mkdocs.yml: параметры из extra.upr теперь задаются у плагина: перенесите их в plugins: - upr: (см. README)"


def add_options(project, *lines: str) -> None:
    project.replace("mkdocs.yml", "  - upr:\n", "  - upr:\n" + "".join(f"      {line}\n" for line in lines))


def line(project, option: str) -> int:
    """Line of ``option`` (as written, e.g. "pdf_worker: 8") in mkdocs.yml as it is now."""
    lines = project.read("mkdocs.yml").splitlines()
    return next(i for i, text in enumerate(lines, start=1) if text.strip().split("#")[0].strip() == option)


def check(project) -> tuple[int, list[str], str]:
    """``upr check``: exit code, the lines it printed on stderr, and all its output."""
    result = subprocess.run([UPR, "--config", str(project.root / "mkdocs.yml"), "check"], capture_output=True, text=True,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""})
    return result.returncode, result.stderr.splitlines(), result.stdout + result.stderr


def failed(project) -> list[str]:
    """Build; it must fail before writing anything, without a traceback. Its errors
    (the count that follows the last one removed)."""
    built = project.build()
    assert built.ok is False
    assert not built.site.exists()
    assert not any(record.exc_info for record in built.log)
    text = "\n".join(built.messages())
    assert "Traceback" not in text and "Error:" not in text
    return [_COUNT.sub("", message) for message in built.errors]


def same_in_check(project, errors: list[str]) -> None:
    code, lines, output = check(project)
    assert "Traceback" not in output
    assert (code, lines) == (1, errors)


@pytest.mark.parametrize("option, key, suggestion", [
    ("pdf_worker: 8", "pdf_worker", "pdf_workers"),
    ("pdf_briefing: false", "pdf_briefing", "pdf_briefings"),
    ("smaple: true", "smaple", "sample"),
])
def test_misspelt_option_suggests_the_right_one(project, option, key, suggestion):
    add_options(project, option, "messages: en")
    errors = failed(project)
    expected = [f"mkdocs.yml:{line(project, option)}: unknown option '{key}' of the upr plugin; did you mean '{suggestion}'?"]
    assert errors == expected
    same_in_check(project, expected)


def test_messages_in_an_unknown_language_is_an_error(project):
    add_options(project, "messages: fr")
    errors = failed(project)
    expected = [f"mkdocs.yml:{line(project, 'messages: fr')}: messages 'fr' не язык сайта; используйте один из: ru, en"]
    assert errors == expected
    same_in_check(project, expected)


@pytest.mark.parametrize("value, message", [
    ("0", "pdf_workers is 0; it must be a whole number of at least 1"),
    ("-3", "pdf_workers is -3; it must be a whole number of at least 1"),
    ("two", "option 'pdf_workers' of the upr plugin is 'two': 'pdf_workers' must be a whole number"),
])
def test_bad_number_of_workers(project, value, message):
    add_options(project, f"pdf_workers: {value}", "messages: en")
    errors = failed(project)
    expected = [f"mkdocs.yml:{line(project, f'pdf_workers: {value}')}: {message}"]
    assert errors == expected
    same_in_check(project, expected)


def test_every_mistake_is_reported_in_one_build(project):
    add_options(project, "pdf_briefing: false", "pdf_workers: 0", "messages: en")
    project.replace("mkdocs.yml", "      sample: true ", "      sample: maybe ")
    project.replace("mkdocs.yml", "      country: KG ", "      country: 42 ")
    errors = failed(project)
    expected = {
        f"mkdocs.yml:{line(project, 'pdf_briefing: false')}: unknown option 'pdf_briefing' of the upr plugin; did you mean 'pdf_briefings'?",
        f"mkdocs.yml:{line(project, 'pdf_workers: 0')}: pdf_workers is 0; it must be a whole number of at least 1",
        f"mkdocs.yml:{line(project, 'sample: maybe')}: option 'sample' of the upr plugin is 'maybe': 'sample' must be true or false",
        f"mkdocs.yml:{line(project, 'country: 42')}: option 'country' of the upr plugin is '42': 'country' must be a text",
    }
    assert set(errors) == expected and len(errors) == 4
    code, lines, output = check(project)
    assert code == 1 and set(lines) == expected and "Traceback" not in output


@pytest.mark.parametrize("lang, expected", [("ru", MOVED_RU), ("en", MOVED_EN)])
def test_options_under_extra_must_move(project, lang, expected):
    if lang == "en":
        add_options(project, "messages: en")
    project.replace("mkdocs.yml", "\nwatch:", "\nextra:\n  upr:\n    country: KG\n    sample: true\n    pdf: false\n\nwatch:")
    errors = failed(project)
    assert errors == [expected]
    same_in_check(project, [expected])


@pytest.mark.parametrize("lang, expected", [
    ("ru", "неизвестный параметр 'pdf_worker' плагина upr; может быть, 'pdf_workers'?"),
    ("en", "unknown option 'pdf_worker' of the upr plugin; did you mean 'pdf_workers'?"),
])
def test_messages_in_russian_by_default_and_in_english_when_asked(project, lang, expected):
    add_options(project, "pdf_worker: 8", *(["messages: en"] if lang == "en" else []))
    errors = failed(project)
    assert errors == [f"mkdocs.yml:{line(project, 'pdf_worker: 8')}: {expected}"]
    same_in_check(project, errors)


def test_an_unknown_country_names_its_line(project):
    add_options(project, "messages: en")
    project.replace("mkdocs.yml", "country: KG", "country: XX")
    errors = failed(project)  # (the build adds pdf: false above it first)
    where = f"mkdocs.yml:{line(project, 'country: XX')}"
    assert errors == [f"{where}: country 'XX' (the State under review) is not an ISO 3166-1 alpha-2 code such as 'DE'"]
    same_in_check(project, errors)
