"""Pieces every page view uses: texts in the page's language, links, chips, contacts.

Views are plain dicts for the templates in overrides/; Python only moves data here,
every word shown comes from data/ and all markup lives in the templates.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from ..content import Content
from ..content import schemas as s
from ..content.dates import PartialDate
from ..i18n.formatting import format_date, list_separators


def local(text: dict[str, str] | None, lang: str) -> str | None:
    """``text`` in ``lang`` (or its language-neutral form); None when missing."""
    if not text:
        return None
    return text.get(lang, text.get(s.NEUTRAL))


def translated(text: dict[str, str], lang: str, languages: tuple[str, ...]) -> dict[str, Any]:
    """A text for the page: in ``lang``, or marked missing with the first available original."""
    value = local(text, lang)
    if value is not None:
        return {"text": value, "missing": False}
    other = next((code for code in languages if code in text), None)
    return {"text": text.get(other, "") if other else "", "missing": True, "lang": other}


def link(content: Content, lang: str, path: str) -> str:
    """Site-relative address of ``path`` in ``lang`` (the default language has no prefix)."""
    return path if lang == content.default_language else f"{lang}/{path}"


def date(content: Content, value: PartialDate | None, lang: str) -> str:
    return format_date(value, content.labels(lang))


def ink(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (WCAG contrast): white text
    on several official SDG colours is below the 4.5:1 small text needs."""

    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


def sdg_chips(content: Content, targets: list[str], lang: str) -> list[dict[str, Any]]:
    """SDG goals or targets as chips in the goals' official colours."""
    chips = []
    for target in targets:
        goal = int(target.partition(".")[0])
        sdg = content.catalog.sdgs[goal]
        chips.append({"code": target, "goal": goal, "colour": sdg.colour, "ink": ink(sdg.colour), "name": local(sdg.name, lang)})
    return chips


def states(content: Content, codes: list[str], lang: str, briefed: Collection[str] | None = None) -> list[dict[str, Any]]:
    """States with their names in ``lang`` and the address of their briefing; ``sep`` is
    what follows each name when they are written as one list ("Sweden, Finland and
    Norway"). ``briefed``: the States that have a briefing (those that made a
    recommendation in the data), when ``codes`` may name others (a factsheet's target
    States); the others get no address. None: every one of ``codes`` has a briefing."""
    separators = list_separators(len(codes), content.labels(lang))
    return [{"code": code, "name": content.catalog.state_name(code, lang), "sep": sep,
             "url": link(content, lang, f"states/{code.lower()}/") if briefed is None or code in briefed else None}
            for code, sep in zip(codes, separators, strict=True)]


def contact(value: s.Contact, lang: str) -> dict[str, Any]:
    return {
        "name": local(value.name, lang),
        "organisation": local(value.organisation, lang) if value.organisation else None,
        "email": value.email,
        "phone": value.phone,
        "url": value.url,
    }


def assessment(content: Content, key: str, lang: str) -> dict[str, Any]:
    scale = content.catalog.scales.assessments[key]
    return {"id": key, "name": local(scale.name, lang), "colour": scale.colour}


def response(content: Content, key: str, lang: str) -> dict[str, Any]:
    return {"id": key, "name": local(content.catalog.scales.responses[key].name, lang)}
