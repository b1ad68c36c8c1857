"""Dates as precise as the editor knows them: 2025, 2025-05 or 2025-05-05."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, NamedTuple

from pydantic_core import PydanticCustomError

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class PartialDate(NamedTuple):
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    @property
    def start(self) -> dt.date:
        """First day of the period the date names (for sorting and comparing)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> dt.date:
        """Last day of the period the date names (a milestone '2027' is upcoming all year)."""
        if self.day:
            return self.start
        if self.month:
            following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date(self.year, 12, 31)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p]
        return "-".join(parts)

    def __str__(self) -> str:
        return self.iso()


def parse_partial_date(value: Any) -> PartialDate:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD (as text or a bare year); refuse anything else."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    text = str(value).strip()
    match = _DATE.match(text)
    if not match or isinstance(value, bool):
        raise PydanticCustomError("bad-date", "bad date '{value}'", {"value": text})
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        raise PydanticCustomError("no-such-day", "no such day '{value}'", {"value": text}) from None
    return PartialDate(year, month, day)
