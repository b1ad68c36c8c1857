"""The declared schema of every input file: data/*.yml, factsheet metadata and texts.

One place per field: its shape (type, format) and its cross-reference rule (is this a
known State, recommendation, SDG target, mechanism...) are declared together here. The
reference rules read the ``Catalog`` passed as pydantic validation context
(``catalog.context()``); without one (a schema checked alone) they are skipped.
Every error type is a key of data/messages.yml, so messages are in the editor's language.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, ValidationInfo
from pydantic_core import PydanticCustomError

from ..errors import ContentError
from .catalog import Catalog
from .dates import PartialDate, parse_partial_date
from .problems import Problems
from .yamlsource import SourceDoc

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REC_ID = re.compile(r"^\d+(?:\.\d+)+$")
SDG_TARGET = re.compile(r"^\d{1,2}(?:\.(?:\d{1,2}|[a-z]))?$")
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
URL = re.compile(r"^https?://\S+$")
NEUTRAL = "*"  # key of a text that is the same in every language (a name, a title as published)


def _error(key: str, **values: Any) -> PydanticCustomError:
    """A validation error whose type is message ``key`` of data/messages.yml."""
    return PydanticCustomError(key, key, values)


def _pattern(rx: re.Pattern, key: str) -> AfterValidator:
    def check(value: str) -> str:
        if not rx.match(value):
            raise _error(key, value=value)
        return value

    return AfterValidator(check)


def _catalog(info: ValidationInfo) -> Catalog | None:
    return (info.context or {}).get("catalog")


def _reference(check: Callable[[Any, Catalog, ValidationInfo], None]) -> AfterValidator:
    """A cross-reference rule: runs only when a catalog is in the validation context."""

    def run(value: Any, info: ValidationInfo) -> Any:
        catalog = _catalog(info)
        if catalog is not None:
            check(value, catalog, info)
        return value

    return AfterValidator(run)


def _as_text(value: Any) -> Any:
    return {NEUTRAL: value} if isinstance(value, str) else value


def _as_str(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


# ---------------------------------------------------------------- reference rules
def _known_state(code: str, catalog: Catalog, _info: ValidationInfo) -> None:
    if problem := catalog.states.problem(code):
        raise _error(problem[0], **problem[1])


def _known_sdg(target: str, catalog: Catalog, _info: ValidationInfo) -> None:
    if catalog.sdgs and (problem := catalog.sdg_target_problem(target)):
        raise _error(problem[0], **problem[1])


def _known_group(group: str, catalog: Catalog, _info: ValidationInfo) -> None:
    if catalog.groups and group not in catalog.groups:
        raise _error("unknown-group", group=group, groups=", ".join(catalog.groups))


def _closest(value: str, keys: list[str]) -> str:
    return ", ".join(difflib.get_close_matches(value, keys, n=3, cutoff=0.4)) or ", ".join(keys[:3])


def _known_cluster(cluster: str, catalog: Catalog, _info: ValidationInfo) -> None:
    if catalog.clusters and cluster not in catalog.clusters:
        raise _error("unknown-cluster", cluster=cluster, closest=_closest(cluster, list(catalog.clusters)))


def _known_table(table: str, catalog: Catalog, _info: ValidationInfo) -> None:
    if catalog.tables and table not in catalog.tables:
        raise _error("unknown-table", table=table, tables=", ".join(catalog.tables))


def _known_section(section: str, catalog: Catalog, _info: ValidationInfo) -> None:
    if catalog.sections and section not in catalog.sections:
        raise _error("unknown-section", section=section, sections=", ".join(catalog.sections))


def _known_response(response: str, catalog: Catalog, _info: ValidationInfo) -> None:
    if catalog.scales and response not in catalog.scales.responses:
        raise _error("unknown-response", response=response, responses=", ".join(catalog.scales.responses))


def _known_assessment(assessment: str, catalog: Catalog, _info: ValidationInfo) -> None:
    if catalog.scales and assessment not in catalog.scales.assessments:
        raise _error("unknown-assessment", assessment=assessment, assessments=", ".join(catalog.scales.assessments))


def _known_body(body: str, catalog: Catalog, _info: ValidationInfo) -> None:
    bodies = catalog.mechanisms.bodies if catalog.mechanisms else {}
    if bodies and body not in bodies:
        raise _error("unknown-body", body=body, bodies=", ".join(list(bodies)[:6]))


def _known_milestone(kind: str, catalog: Catalog, _info: ValidationInfo) -> None:
    if catalog.labels and f"milestone-{kind}" not in catalog.labels:
        raise _error("unknown-milestone", kind=kind)


def _logo_in_docs(logo: str, catalog: Catalog, _info: ValidationInfo) -> None:
    from .files import inside

    path = catalog.root / "docs" / logo
    if not (path.is_file() and inside(path, catalog.root / "docs")):
        raise _error("logo-missing", logo=logo)


def _languages(text: dict[str, str], catalog: Catalog, info: ValidationInfo, required: bool) -> None:
    for code in text:
        if code not in catalog.languages and code != NEUTRAL:
            raise _error("unknown-language", code=code, languages=", ".join(catalog.languages))
    if required and NEUTRAL not in text:
        for code in catalog.languages:
            if code not in text:
                lang = (info.context or {}).get("messages_language", catalog.languages[0])
                raise _error("missing-language", language=catalog.language_name(code, lang), code=code)


def _unique(attribute: str, key: str) -> AfterValidator:
    """Items of a list must differ in ``attribute``; the error points at the repeat."""

    def check(items: list[Any]) -> list[Any]:
        seen: set[Any] = set()
        for index, item in enumerate(items):
            value = getattr(item, attribute)
            if value in seen:
                raise _error(key, id=value, at=index)
            seen.add(value)
        return items

    return AfterValidator(check)


# ---------------------------------------------------------------- field types
Str = Annotated[str, Field(min_length=1)]
Slug = Annotated[str, _pattern(SLUG, "format-slug")]
RecId = Annotated[str, BeforeValidator(_as_str), _pattern(REC_ID, "format-rec-id")]
Colour = Annotated[str, _pattern(COLOUR, "format-colour")]
SdgTarget = Annotated[str, BeforeValidator(_as_str), _pattern(SDG_TARGET, "format-sdg"), _reference(_known_sdg)]
Email = Annotated[str, _pattern(EMAIL, "format-email")]
Url = Annotated[str, _pattern(URL, "format-url")]
Date = Annotated[PartialDate, BeforeValidator(parse_partial_date)]
StateCode = Annotated[Str, _reference(_known_state)]
# References to keys of data/: being one of the keys is the only rule (so a wrong value
# is told the valid ones, not a format).
GroupId = Annotated[Str, _reference(_known_group)]
ClusterId = Annotated[Str, _reference(_known_cluster)]
TableId = Annotated[Str, _reference(_known_table)]
SectionId = Annotated[Str, _reference(_known_section)]
ResponseId = Annotated[Str, _reference(_known_response)]
AssessmentId = Annotated[Str, _reference(_known_assessment)]
BodyId = Annotated[Str, _reference(_known_body)]
# Texts by language code: {ru: ..., en: ...}. ``Translated`` needs every site language;
# ``Text`` also takes a plain string (the same in every language: a name, a title as
# published); ``PartialText`` may lack languages (shown as missing on the site).
Translated = Annotated[dict[str, Str], _reference(lambda v, c, i: _languages(v, c, i, True))]
Text = Annotated[dict[str, Str], BeforeValidator(_as_text), _reference(lambda v, c, i: _languages(v, c, i, True))]
PartialText = Annotated[dict[str, Str], BeforeValidator(_as_text), _reference(lambda v, c, i: _languages(v, c, i, False))]


PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")


def _plural_forms(value: Any) -> Any:
    if isinstance(value, dict):
        unknown = [form for form in value if form not in PLURAL_FORMS]
        if unknown:
            raise _error("plural-form", form=unknown[0], forms=", ".join(PLURAL_FORMS))
        if "other" not in value:
            raise _error("plural-other")
    return value


# A label: a text per language, or per language the plural forms of a count.
Label = Annotated[dict[str, Annotated[Str | dict[str, Str], AfterValidator(_plural_forms)]], _reference(lambda v, c, i: _languages(v, c, i, True))]


class Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


# ---------------------------------------------------------------- data/
class CafeTable(Schema):
    name: Translated
    description: Translated
    sections: list[SectionId] = []
    """OHCHR cluster sections (keys of data/clusters.yml) this table covers."""


class ClusterSection(Schema):
    name: Translated
    clusters: dict[Slug, Translated] = {}


class Contact(Schema):
    name: Text
    """A name, or a name per language ({ru: Докладчик группы, en: Group rapporteur})."""
    organisation: Text | None = None
    email: Email | None = None
    phone: Str | None = None
    url: Url | None = None


class Member(Schema):
    name: Text
    url: Url | None = None


class Group(Schema):
    name: Translated
    table: TableId
    description: Translated = {}
    members: list[Member] = []
    contact: Contact
    logo: Annotated[Str, _reference(_logo_in_docs)] | None = None
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
    kind: Annotated[Slug, _reference(_known_milestone)]
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
    states: list[StateCode] = Field(min_length=1)
    response: ResponseId
    text: PartialText
    cluster: ClusterId | None = None
    sdg_targets: list[SdgTarget] = []


def _pattern_compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise _error("bad-pattern", value=pattern, detail=str(exc)) from None
    return pattern


class ActionVerbs(Schema):
    """data/action-verbs.yml: UPR Info's action categories and the verbs that mark them."""

    categories: dict[Annotated[int, Field(ge=1, le=5)], Translated]
    verbs: dict[Str, dict[Annotated[int, Field(ge=1, le=5)], list[Str] | dict[Str, list[Str]]]]
    """Per language and category: verb forms, or lemmas with their written forms."""
    time_frame: dict[Str, list[Annotated[Str, AfterValidator(_pattern_compiles)]]] = {}
    measurable: dict[Str, list[Annotated[Str, AfterValidator(_pattern_compiles)]]] = {}


class RecommendationFile(Schema):
    cycle: int = Field(ge=1)
    source: Str | None = None
    """Where the texts come from (report symbol, database export)."""
    recommendations: dict[RecId, Recommendation]


# ---------------------------------------------------------------- factsheets/
def _known_recommendation(rec_id: str, catalog: Catalog, info: ValidationInfo) -> None:
    if not catalog.recommendations:
        return
    cycle = info.data.get("cycle")
    cycles = catalog.cycles_of(rec_id)
    if cycle is None and not cycles:
        raise _error("unknown-recommendation", id=rec_id)
    if cycle is not None and cycle not in cycles:
        raise _error("unknown-recommendation-cycle", id=rec_id, cycle=cycle)
    if cycle is None and len(cycles) > 1:
        raise _error("ambiguous-recommendation", id=rec_id, cycles=", ".join(map(str, cycles)))


def _known_grade(grade: str, catalog: Catalog, info: ValidationInfo) -> None:
    body = catalog.mechanisms.bodies.get(info.data.get("body", "")) if catalog.mechanisms else None
    if body is None:
        return
    scale = catalog.mechanisms.grade_scales.get(body.grades or "", {})
    if grade not in scale:
        raise _error("unknown-grade" if scale else "no-grades", grade=grade, body=info.data["body"], grades=", ".join(scale))


class PreviousRecommendation(Schema):
    cycle: int | None = None
    """Needed only when the same paragraph number exists in several cycles."""
    id: Annotated[RecId, _reference(_known_recommendation)]
    assessment: AssessmentId


class MechanismRecommendation(Schema):
    body: BodyId
    symbol: Str | None = None
    paragraph: Annotated[str, BeforeValidator(_as_str)] | None = None
    year: int | None = Field(default=None, ge=1946, le=2100)
    grade: Annotated[Str, _reference(_known_grade)] | None = None
    text: PartialText


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
    group: GroupId
    cluster: ClusterId
    table: TableId | None = None
    date: Date
    sdg_targets: list[SdgTarget] = []
    previous_recommendations: Annotated[list[PreviousRecommendation], _unique("id", "recommendation-listed-twice")] = []
    other_mechanisms: list[MechanismRecommendation] = []
    suggested_recommendations: Annotated[list[SuggestedRecommendation], Field(min_length=1), _unique("id", "suggested-twice")]
    target_states: list[StateCode] = []
    sources: dict[Slug, Source] = {}
    contacts: list[Contact] = []


def _suggested_key(key: str, info: ValidationInfo) -> str:
    sheet = (info.context or {}).get("meta")
    if sheet is not None:
        ids = [rec.id for rec in sheet.meta.suggested_recommendations]
        if key not in ids:
            raise _error("not-suggested", id=key, file=sheet.meta_path, ids=", ".join(ids))
    return key


def _previous_key(key: str, info: ValidationInfo) -> str:
    sheet = (info.context or {}).get("meta")
    if sheet is not None and key not in {ref.id for ref in sheet.meta.previous_recommendations}:
        raise _error("not-previous", id=key, file=sheet.meta_path)
    return key


class FactsheetText(Schema):
    title: Str
    summary: Str
    recommendations: dict[Annotated[Slug, AfterValidator(_suggested_key)], Str] = {}
    """Texts of the suggested recommendations, by their id in the language-neutral file."""
    questions: list[Str] = []
    implementation: dict[Annotated[RecId, AfterValidator(_previous_key)], Str] = {}
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
            if not (isinstance(part, str) and ("[" in part or part in _TYPE_TAGS)):
                path.append(part)
                break
            continue
        path.append(part)
    return tuple(path)


# Names pydantic puts in an error's location for the branches of a type (not data keys).
_TYPE_TAGS = {"str", "int", "bool", "float", "list", "dict", "none", "constrained-str", "constrained-int", "function-after",
              "function-before", "function-wrap", "function-plain", "json-or-python", "lax-or-strict", "nullable", "union"}


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
    if error["loc"] and error["loc"][-1] == "[key]" and kind in ("string_type", "int_type", "int_parsing"):
        return "key-wrong-type", {"name": ".".join(str(p) for p in path[:-1]) or "-", "key": path[-1] if path else "-"}
    if error.get("input", "") is None:
        return "no-value", {"name": name}
    if kind in problems.msg:
        return kind, {"name": name, **context}
    if kind in _ERROR_KEYS:
        return _ERROR_KEYS[kind], {"name": name, **context}
    return "wrong-value", {"name": name, "detail": error["msg"]}


def validate(model: type[BaseModel], doc: SourceDoc, problems: Problems, data: Any = None, context: dict | None = None) -> Any:
    """Validate ``doc.data`` (or ``data``) against ``model``; errors name file and line.

    ``context`` (``catalog.context()``) turns the cross-reference rules on."""
    data = doc.data if data is None else data
    if data is None:
        data = {}
    if context is not None:
        context = {"messages_language": problems.msg.lang, **context}
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        messages: dict[tuple, str] = {}
        for error in exc.errors():
            path = _key_path(data, error["loc"])
            at = (error.get("ctx") or {}).get("at")
            if at is not None:
                path += (at,)
            key, values = _describe(error, path, problems)
            messages.setdefault(path, f"{doc.where(path)}: {problems.msg(key, **values)}")  # one per place (a union tries each branch)
        raise ContentError(*messages.values()) from None
