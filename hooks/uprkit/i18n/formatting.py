"""How dates, lists, sizes and counts are written in each language: every date and every
list of names the site shows goes through Babel (CLDR), with the locale of the page's
language (``babel-locale`` in data/labels.yml, e.g. ``en_001`` for English written
"20 January 2020"; the language code itself when there is none)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from typing import Protocol

from babel import Locale
from babel.dates import format_skeleton
from babel.lists import format_list as babel_list
from babel.numbers import format_decimal

from .labels import Labels

NARROW_SPACES = str.maketrans({"\u202f": "\u00a0", "\u2009": "\u00a0"})
"""CLDR writes "2020\u202fг.": the bundled PT Sans has no narrow spaces (a fallback font
would be embedded in every PDF), so they become no-break spaces."""

SKELETONS = {"day": "yMMMMd", "month": "yMMMM", "year": "y"}
"""CLDR skeletons by precision: "20 January 2020", "January 2020", "2020"."""


class DateLike(Protocol):
    year: int
    month: int | None
    day: int | None

    @property
    def precision(self) -> str: ...


@lru_cache(maxsize=32)
def _locale(name: str) -> Locale:
    return Locale.parse(name)


def locale(t: Labels) -> Locale:
    """The Babel locale of the labels' language."""
    return _locale(dict.get(t, "babel-locale") or t.lang)


def format_date(value: DateLike | dt.date | None, t: Labels) -> str:
    """``value`` as precise as it is known, in the labels' language: "2025", "May 2025",
    "5 May 2025"; "май 2025 г.", "5 мая 2025 г."."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        day, precision = value, "day"
    else:
        day, precision = dt.date(value.year, value.month or 1, value.day or 1), value.precision
    return format_skeleton(SKELETONS[precision], day, locale=locale(t)).translate(NARROW_SPACES)


def format_list(items: Iterable[str], t: Labels, style: str = "standard") -> str:
    """Names joined as the language joins them: "Sweden, Finland and Germany",
    "Швеция, Финляндия и Германия" (``style="unit-narrow"`` for "140.57, 140.161")."""
    return babel_list([str(item) for item in items], style=style, locale=locale(t)).translate(NARROW_SPACES)


def list_separators(n: int, t: Labels) -> list[str]:
    """What follows each of ``n`` items when a template joins them itself (names that are
    links): for three in English ``[", ", " and ", ""]``, in Russian ``[", ", " и ", ""]``."""
    if n < 2:
        return [""] * n
    marks = [f"\x00{i}\x00" for i in range(n)]
    joined = format_list(marks, t)
    return [joined.partition(mark)[2].partition(marks[i + 1])[0] if i + 1 < n else "" for i, mark in enumerate(marks)]


def format_size(size: int, t: Labels) -> str:
    """A file size for a download link: "120 KB", "1.4 MB", "1,4 МБ"."""
    if size >= 1024 * 1024:
        return t["size-mb"].format(n=format_decimal(size / 1024 / 1024, "0.0", locale=locale(t)))  # "1,4 МБ"
    return t["size-kb"].format(n=max(1, round(size / 1024)))
