"""The declared schema of every input file: data/*.yml, factsheet metadata and texts.

Only shapes live here (which keys, which types, which formats). Whether a State code,
recommendation id or SDG target exists is checked against the loaded data in
``catalog.py`` and ``factsheets.py``, which know the lines to blame.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from .partialdate import PartialDate, parse_partial_date
from .problems import ContentError, Problems
from .sourceyaml import SourceDoc

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REC_ID = re.compile(r"^\d+(?:\.\d+)+$")
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
NEUTRAL = "*"  # key of a text that is the same in every language (a name, a title as published)


def _pattern(rx: re.Pattern, key: str):
    """A format check whose error is message ``key`` of data/messages.yml."""

    def check(value: str) -> str:
        if not rx.match(value):
            raise PydanticCustomError(key, "'{value}' has the wrong format", {"value": value})
        return value

    return AfterValidator(check)


def _as_text(value: Any) -> Any:
    return {NEUTRAL: value} if isinstance(value, str) else value


def _as_str(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Str = Annotated[str, Field(min_length=1)]
Slug = Annotated[str, _pattern(SLUG, "format-slug")]
RecId = Annotated[str, BeforeValidator(_as_str), _pattern(REC_ID, "format-rec-id")]
Colour = Annotated[str, _pattern(COLOUR, "format-colour")]
SdgTarget = Annotated[
    str, BeforeValidator(_as_str), _pattern(re.compile(r"^\d{1,2}(?:\.(?:\d{1,2}|[a-z]))?$"), "format-sdg")
]
Email = Annotated[str, _pattern(EMAIL, "format-email")]
Url = Annotated[str, _pattern(re.compile(r"^https?://\S+$"), "format-url")]
Date = Annotated[PartialDate, BeforeValidator(parse_partial_date)]
# Texts by language code: {ru: ..., en: ...}; a plain string is the same in every language.
Text = Annotated[dict[str, Str], BeforeValidator(_as_text)]
# Texts that must be given per language (a plain string is not accepted).
Translated = dict[str, Str]


class Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


# ---------------------------------------------------------------- data/
class CafeTable(Schema):
    name: Translated
    description: Translated
    sections: list[str] = []
    """OHCHR cluster sections (keys of data/clusters.yml) this table covers."""


class ClusterSection(Schema):
    name: Translated
    clusters: dict[Slug, Translated] = {}


class Contact(Schema):
    name: Text
    organisation: Text | None = None
    email: Email | None = None
    phone: Str | None = None
    url: Url | None = None


class Member(Schema):
    name: Text
    url: Url | None = None


class Group(Schema):
    name: Translated
    table: Slug
    description: Translated = {}
    members: list[Member] = []
    contact: Contact
    logo: Str | None = None
    """Path of an image inside docs/, e.g. assets/logos/women.svg."""


class Sdg(Schema):
    colour: Colour
    name: Translated
    targets: int = Field(ge=1)
    """Number of numbered targets (16 -> 16.1 ... 16.10)."""
    lettered: str = ""
    """Letters of the means-of-implementation targets ("ab" -> 16.a, 16.b)."""


class Body(Schema):
    kind: Literal["treaty-body", "special-procedure", "other"]
    name: Translated
    grades: Slug | None = None
    """Follow-up grade scale (key in grade_scales) this body uses, if any."""


class Mechanisms(Schema):
    bodies: dict[Str, Body]
    grade_scales: dict[Slug, dict[Str, Translated]] = {}


class Scale(Schema):
    name: Translated
    colour: Colour | None = None


class Scales(Schema):
    responses: dict[Slug, Scale]
    assessments: dict[Slug, Scale]


class Milestone(Schema):
    kind: Slug
    date: Date
    expected: bool = False
    """True for a date that is planned or estimated rather than fixed."""
    note: Translated = {}


class Cycle(Schema):
    session: int | None = None
    report: Str | None = None
    recommendations: int | None = None
    supported: int | None = None
    noted: int | None = None
    states: int | None = None
    milestones: list[Milestone] = []


class Recommendation(Schema):
    states: list[Str] = Field(min_length=1)
    response: Slug
    text: Translated
    cluster: Slug | None = None
    sdg_targets: list[SdgTarget] = []


class RecommendationFile(Schema):
    cycle: int = Field(ge=1)
    source: Str | None = None
    """Where the texts come from (report symbol, database export)."""
    recommendations: dict[RecId, Recommendation]


# ---------------------------------------------------------------- factsheets/
class PreviousRecommendation(Schema):
    id: RecId
    cycle: int | None = None
    """Needed only when the same paragraph number exists in several cycles."""
    assessment: Slug


class MechanismRecommendation(Schema):
    body: Str
    symbol: Str | None = None
    paragraph: Annotated[str, BeforeValidator(_as_str)] | None = None
    year: int | None = Field(default=None, ge=1946, le=2100)
    grade: Str | None = None
    text: Translated


class SuggestedRecommendation(Schema):
    id: Slug
    sdg_targets: list[SdgTarget] = []
    action_category: int | None = Field(default=None, ge=1, le=5)
    """UPR Info action category, 5 = specific action (adopt, ratify, amend...)."""


class Source(Schema):
    title: Text
    url: Url | None = None
    publisher: Text | None = None
    date: Date | None = None


class FactsheetMeta(Schema):
    group: Slug
    cluster: Slug
    table: Slug | None = None
    date: Date
    sdg_targets: list[SdgTarget] = []
    previous_recommendations: list[PreviousRecommendation] = []
    other_mechanisms: list[MechanismRecommendation] = []
    suggested_recommendations: list[SuggestedRecommendation] = Field(min_length=1)
    target_states: list[Str] = []
    sources: dict[Slug, Source] = {}
    contacts: list[Contact] = []


class FactsheetText(Schema):
    title: Str
    summary: Str
    recommendations: dict[Slug, Str] = {}
    questions: list[Str] = []
    implementation: dict[RecId, Str] = {}
    """Comments on previous recommendations, by paragraph number."""


# ---------------------------------------------------------------- validation
def _key_path(data: Any, loc: tuple) -> tuple:
    """Keep the parts of a pydantic ``loc`` that index into ``data`` (drops type names)."""
    path: list = []
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        elif isinstance(data, dict) and isinstance(part, str) and part.endswith("[key]"):
            continue
        else:
            if not (isinstance(part, str) and ("[" in part or part in ("str", "int", "function-after"))):
                path.append(part)
                break
            continue
        path.append(part)
    return tuple(path)


# pydantic's error types -> our messages (data/messages.yml)
_ERROR_KEYS = {
    "string_type": "want-text", "int_type": "want-number", "int_parsing": "want-number", "int_from_float": "want-number",
    "bool_type": "want-boolean", "bool_parsing": "want-boolean", "list_type": "want-list", "dict_type": "want-mapping",
    "model_type": "want-mapping", "model_attributes_type": "want-mapping", "too_short": "too-short",
    "greater_than_equal": "too-small", "less_than_equal": "too-big",
}


def _describe(error: dict, path: tuple, problems: Problems) -> tuple[str, dict]:
    kind = error["type"]
    name = ".".join(str(p) for p in path) or "-"
    context = dict(error.get("ctx") or {})
    if kind == "missing":
        return "missing-key", {"name": name}
    if kind == "extra_forbidden":
        return "unknown-key", {"key": path[-1]}
    if error.get("input", "") is None:
        return "no-value", {"name": name}
    if kind in problems.msg:
        return kind, {"name": name, **context}
    if kind in _ERROR_KEYS:
        return _ERROR_KEYS[kind], {"name": name, **context}
    return "wrong-value", {"name": name, "detail": error["msg"]}


def validate(model: type[BaseModel], doc: SourceDoc, problems: Problems, data: Any = None) -> Any:
    """Validate ``doc.data`` (or ``data``) against ``model``; errors name file and line."""
    data = doc.data if data is None else data
    if data is None:
        data = {}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        messages = []
        for error in exc.errors():
            path = _key_path(data, error["loc"])
            key, values = _describe(error, path, problems)
            messages.append(f"{doc.where(path)}: {problems.msg(key, **values)}")
        raise ContentError(*messages) from None
