"""The SMART check of suggested recommendations (DOMAIN.md, part 6).

UPR Info grades a recommendation by the first action it asks for: category 1 (minimal:
call on, seek, share) to 5 (specific: adopt, amend, ratify, criminalize, establish...).
This module finds the leading verb of a suggested recommendation in its language, from
the verb lists of data/action-verbs.yml, and says what a rapporteur should look at: a
vague category (1-3), no verb it knows, no time frame, no measurable element, or a
category different from the one declared in the factsheet. These are notices, never
errors: the rapporteur decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import schemas as s

if TYPE_CHECKING:
    from .catalog import Catalog
    from .factsheets import Factsheet

_WORD = re.compile(r"[\w’'-]+", re.U)
LEADING_WORDS = 16
"""The leading verb is looked for among the first words only (after a time phrase)."""


def _words(text: str) -> list[str]:
    return [w.lower().replace("ё", "е") for w in _WORD.findall(text)]


@dataclass(frozen=True)
class Verbs:
    """One language's verb forms by number of words, each with its category and lemma."""

    forms: dict[tuple[str, ...], tuple[int, str]]
    longest: int
    time_frame: tuple[re.Pattern, ...]
    measurable: tuple[re.Pattern, ...]


def verbs_by_language(data: s.ActionVerbs) -> dict[str, Verbs]:
    out = {}
    for lang, categories in data.verbs.items():
        forms: dict[tuple[str, ...], tuple[int, str]] = {}
        for category, entries in categories.items():
            lemmas = entries.items() if isinstance(entries, dict) else ((entry, [entry]) for entry in entries)
            for lemma, written in lemmas:
                for form in written:
                    forms.setdefault(tuple(_words(form)), (category, lemma))
        out[lang] = Verbs(
            forms, max((len(f) for f in forms), default=1),
            tuple(re.compile(p, re.I) for p in data.time_frame.get(lang, [])),
            tuple(re.compile(p, re.I) for p in data.measurable.get(lang, [])),
        )
    return out


@dataclass(frozen=True)
class Smart:
    """The verdict on one suggested recommendation in one language."""

    category: int | None
    """UPR Info action category of the leading verb, or None when no verb is known."""
    verb: str = ""
    """The words recognised, as written."""
    time_frame: bool = False
    measurable: bool = False
    declared: int | None = None
    notices: tuple[tuple[str, dict], ...] = field(default=())
    """(message key, values) for each thing to look at."""


def check(text: str, verbs: Verbs, declared: int | None) -> Smart:
    words = _words(text)
    category, verb = None, ""
    for start in range(min(LEADING_WORDS, len(words))):
        for size in range(min(verbs.longest, len(words) - start), 0, -1):
            found = verbs.forms.get(tuple(words[start:start + size]))
            if found:
                category, verb = found[0], " ".join(words[start:start + size])
                break
        if category is not None:
            break
    time_frame = any(p.search(text) for p in verbs.time_frame)
    measurable = category == 5 or any(p.search(text) for p in verbs.measurable)
    notices: list[tuple[str, dict]] = []
    if category is None:
        notices.append(("smart-no-verb", {}))
    elif category <= 3:
        notices.append(("smart-vague", {"category": category, "verb": verb}))
    if not time_frame:
        notices.append(("smart-no-time", {}))
    if not measurable:
        notices.append(("smart-no-measure", {}))
    if declared is not None and category is not None and declared != category:
        notices.append(("smart-category-differs", {"declared": declared, "category": category, "verb": verb}))
    return Smart(category, verb, time_frame, measurable, declared, tuple(notices))


@dataclass(frozen=True)
class SmartResult:
    """The check of one suggested recommendation's text in one language, and where it is."""

    slug: str
    id: str
    lang: str
    where: str
    smart: Smart


def check_factsheets(catalog: Catalog, factsheets: dict[str, Factsheet]) -> list[SmartResult]:
    """Every suggested recommendation of every factsheet, in every language it is written in."""
    if catalog.action_verbs is None:
        return []
    verbs = verbs_by_language(catalog.action_verbs)
    out = []
    for slug, sheet in factsheets.items():
        for index, rec in enumerate(sheet.meta.suggested_recommendations):
            for lang, text in sheet.texts.items():
                written = text.text.recommendations.get(rec.id)
                if written and lang in verbs:
                    result = check(written, verbs[lang], rec.action_category)
                    beside = lang in rec.text  # written beside its id in the neutral file (the web editor's layout)
                    where = sheet.doc.where(("suggested_recommendations", index, "text", lang)) if beside else text.doc.where(("recommendations", rec.id))
                    out.append(SmartResult(slug, rec.id, lang, where, result))
    return out
