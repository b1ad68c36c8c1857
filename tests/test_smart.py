"""The SMART check of suggested recommendations: UPR Info action categories in Russian
and English, time frames, measurable elements, the declared category."""

from __future__ import annotations

import pytest
from conftest import ROOT
from uprkit.content import schemas as s
from uprkit.content.problems import Problems
from uprkit.content.smart import check, verbs_by_language
from uprkit.content.yamlsource import load_yaml
from uprkit.i18n.messages import load_messages

PROBLEMS = Problems(load_messages(ROOT, "en"))
VERBS = verbs_by_language(s.validate(s.ActionVerbs, load_yaml(ROOT / "data/action-verbs.yml", ROOT, PROBLEMS), PROBLEMS))


@pytest.mark.parametrize("lang, text, category, verb", [
    ("en", "Call on the international community to support the Ombudsperson.", 1, "call on"),
    ("en", "Continue its efforts to combat trafficking.", 2, "continue"),
    ("en", "Consider ratifying the Optional Protocol to the Convention against Torture.", 3, "consider"),
    ("en", "Take measures to prevent bride kidnapping.", 4, "take measures"),
    ("en", "Ensure that every case of bride kidnapping is prosecuted.", 4, "ensure"),
    ("en", "By 2027, ratify the Convention on the Rights of Persons with Disabilities.", 5, "ratify"),
    ("en", "Criminalize marital rape by the end of 2026.", 5, "criminalize"),
    ("ru", "Продолжать усилия по борьбе с торговлей людьми.", 2, "продолжать"),
    ("ru", "Рассмотреть возможность ратификации Факультативного протокола.", 3, "рассмотреть возможность"),
    ("ru", "Принять меры по предотвращению похищения невест.", 4, "принять меры"),
    ("ru", "Обеспечить к 2027 году обучение судей.", 4, "обеспечить"),
    ("ru", "К 2027 году принять закон о противодействии дискриминации.", 5, "принять"),
    ("ru", "Внесите изменения в Уголовный кодекс до конца 2026 года.", 5, "внесите изменения"),
    ("ru", "Ратифицируйте Конвенцию МОТ № 189.", 5, "ратифицируйте"),
])
def test_leading_verb_gives_the_category(lang, text, category, verb):
    result = check(text, VERBS[lang], None)
    assert (result.category, result.verb) == (category, verb)


def test_vague_undated_unmeasurable_and_mismatched_are_flagged():
    result = check("Consider improving the situation of women.", VERBS["en"], 5)
    assert [key for key, _ in result.notices] == ["smart-vague", "smart-no-time", "smart-no-measure", "smart-category-differs"]
    assert check("Strengthen shelters in every region by 2027.", VERBS["en"], 4).notices == ()
    assert [k for k, _ in check("Make things better.", VERBS["en"], None).notices] == ["smart-no-time"]
    assert [k for k, _ in check("Do more.", VERBS["en"], None).notices] == ["smart-no-verb", "smart-no-time", "smart-no-measure"]


def test_time_frames_in_both_languages():
    for lang, text in (("en", "Adopt a law within 12 months."), ("en", "Adopt a law before the next review."),
                       ("ru", "Принять закон в течение 12 месяцев."), ("ru", "Принять закон до следующего обзора.")):
        assert check(text, VERBS[lang], None).time_frame, text
    assert not check("Adopt a law soon.", VERBS["en"], None).time_frame
