"""How dates, sizes and counts are written in each language (the words come from
data/labels.yml)."""

from __future__ import annotations

from typing import Protocol

from .labels import Labels


class DateLike(Protocol):
    year: int
    month: int | None
    day: int | None

    @property
    def precision(self) -> str: ...


def format_date(value: DateLike | None, t: Labels) -> str:
    """``value`` as precise as it is known: "2025", "May 2025", "5 May 2025"."""
    if value is None:
        return ""
    fields: dict[str, object] = {"year": value.year}
    if value.month:
        fields |= {"month": t[f"month-{value.month}"], "month_gen": t[f"month-gen-{value.month}"]}
    if value.day:
        fields["day"] = value.day
    return t[f"date-{value.precision}"].format(**fields)


def format_size(size: int, t: Labels) -> str:
    """A file size for a download link: "120 KB", "1.4 MB"."""
    if size >= 1024 * 1024:
        return t["size-mb"].format(n=f"{size / 1024 / 1024:.1f}")
    return t["size-kb"].format(n=max(1, round(size / 1024)))
