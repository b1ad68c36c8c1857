"""The declared schema of every input file: data/*.yml, factsheet metadata and texts.

One place per field: the models here are built from the field types of fields.py, each
carrying its format and its cross-reference rule, so a field's rules live with its
declaration. ``validate`` (validation.py) turns pydantic's errors into the editor's
messages with file and line.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo

from .catalog import Catalog
from .fields import (  # noqa: F401 - the field types are part of this module's interface
    COLOUR,
    EMAIL,
    NEUTRAL,
    PLURAL_FORMS,
    REC_ID,
    SDG_TARGET,
    SLUG,
    URL,
    AssessmentId,
    BodyId,
    ClusterId,
    Colour,
    Date,
    Email,
    GroupId,
    Label,
    LogoPath,
    MilestoneKind,
    PartialText,
    RecId,
    ResponseId,
    SdgTarget,
    SectionId,
    Slug,
    StateCode,
    Str,
    TableId,
    Text,
    Translated,
    Url,
    as_str,
    dotted_keys,
    error,
    pattern,
    reference,
    unique,
)
from .validation import validate  # noqa: F401


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


OWNER = re.compile(r"^@[\w./-]+$|^[^@\s]+@[^@\s]+$")
"""A forge account or team (@name, @org/team) or an e-mail address, as CODEOWNERS takes them."""


class Group(Schema):
    name: Translated
    table: TableId
    description: Translated = {}
    members: list[Member] = []
    contact: Contact
    logo: LogoPath | None = None
    """Path of an image inside docs/, e.g. assets/logos/women.svg."""
    owners: list[Annotated[str, pattern(OWNER, "format-owner")]] = []
    """Forge accounts or teams who review the group's folder (``upr codeowners``), e.g. @coalition/women."""


class Coalition(Schema):
    """data/coalition.yml (optional): who publishes the site, named with a contact in
    the footer of every page."""
    name: Translated
    contact: Contact


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
    kind: MilestoneKind
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
        raise error("bad-pattern", value=pattern, detail=str(exc)) from None
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
        raise error("unknown-recommendation", id=rec_id)
    if cycle is not None and cycle not in cycles:
        raise error("unknown-recommendation-cycle", id=rec_id, cycle=cycle)
    if cycle is None and len(cycles) > 1:
        raise error("ambiguous-recommendation", id=rec_id, cycles=", ".join(map(str, cycles)))


def _known_grade(grade: str, catalog: Catalog, info: ValidationInfo) -> None:
    body = catalog.mechanisms.bodies.get(info.data.get("body", "")) if catalog.mechanisms else None
    if body is None:
        return
    scale = catalog.mechanisms.grade_scales.get(body.grades or "", {})
    if grade not in scale:
        raise error("unknown-grade" if scale else "no-grades", grade=grade, body=info.data["body"], grades=", ".join(scale))


class PreviousRecommendation(Schema):
    cycle: int | None = None
    """Needed only when the same paragraph number exists in several cycles."""
    id: Annotated[RecId, reference(_known_recommendation)]
    assessment: AssessmentId
    comment: PartialText = {}
    """The group's comment on its assessment, per language, beside the recommendation (the
    web editor's layout); or, as written by hand before, in each language file's
    ``implementation`` by this id. Not both."""


class MechanismRecommendation(Schema):
    body: BodyId
    symbol: Str | None = None
    paragraph: Annotated[str, BeforeValidator(as_str)] | None = None
    year: int | None = Field(default=None, ge=1946, le=2100)
    grade: Annotated[Str, reference(_known_grade)] | None = None
    text: PartialText


class SuggestedRecommendation(Schema):
    id: Slug
    sdg_targets: list[SdgTarget] = []
    action_category: int | None = Field(default=None, ge=1, le=5)
    """UPR Info action category, 5 = specific action (adopt, ratify, amend...)."""
    text: PartialText = {}
    """Its text per language, beside its id (the web editor's layout); or, as written by
    hand before, in each language file's ``recommendations`` by this id. Not both."""


class Source(Schema):
    title: Text
    url: Url | None = None
    publisher: Text | None = None
    date: Date | None = None


def _site_language(code: str, catalog: Catalog, _info: ValidationInfo) -> None:
    if code not in catalog.languages:
        raise error("unknown-language", code=code, languages=", ".join(catalog.languages))
def _sources_by_key(value: object) -> object:
    """Sources as the web editor writes them, a list of ``{id: key, title: ...}``, become
    the mapping by key that hand-written files use (both layouts are accepted)."""
    if not isinstance(value, list) or not all(isinstance(item, dict) and "id" in item for item in value):
        return value
    out: dict = {}
    for index, item in enumerate(value):
        key = as_str(item["id"])
        if key in out:
            raise error("source-listed-twice", id=key, at=index)
        out[key] = {k: v for k, v in item.items() if k != "id"}
    return out


class FactsheetMeta(Schema):
    group: GroupId
    cluster: ClusterId
    table: TableId | None = None
    date: Date
    sdg_targets: list[SdgTarget] = []
    previous_recommendations: Annotated[list[PreviousRecommendation], unique("id", "recommendation-listed-twice")] = []
    other_mechanisms: list[MechanismRecommendation] = []
    suggested_recommendations: Annotated[list[SuggestedRecommendation], Field(min_length=1), unique("id", "suggested-twice")]
    target_states: list[StateCode] = []
    sources: Annotated[dict[Slug, Source], BeforeValidator(_sources_by_key)] = {}
    """By key, or (as the web editor writes it) a list of sources each with its ``id``."""
    contacts: list[Contact] = []
    # translation freshness (content/translations.py)
    original_language: Annotated[Str, reference(_site_language)] | None = None
    """The language the factsheet was written in, which translations follow; default:
    the site's default language (or the first language it exists in)."""


BESIDE = (("recommendations", "suggested_recommendations", "text", "suggested-text-twice"),
          ("implementation", "previous_recommendations", "comment", "comment-twice"))
"""Texts the web editor writes beside their item in the neutral file, per language, that
hand-written language files hold by the item's id: (the language file's mapping, the
neutral file's list, the item's key for its texts, the message when both are written)."""


def _not_beside(mapping: str, item_id: str, info: ValidationInfo) -> None:
    """A text of item ``item_id`` written in a language file's ``mapping`` may not be
    written beside the item too (BESIDE); the error names the other place and line."""
    sheet, lang = info.context["meta"], info.context.get("lang")
    _mapping, items, key, message = next(entry for entry in BESIDE if entry[0] == mapping)
    for index, item in enumerate(getattr(sheet.meta, items)):
        texts = getattr(item, key)
        here = lang if lang in texts else NEUTRAL if NEUTRAL in texts else None
        if item.id == item_id and here is not None:
            raise error(message, id=item_id, file=sheet.doc.where((items, index, key, here)))


def _suggested_key(key: str, info: ValidationInfo) -> str:
    sheet = (info.context or {}).get("meta")
    if sheet is not None:
        ids = [rec.id for rec in sheet.meta.suggested_recommendations]
        if key not in ids:
            raise error("not-suggested", id=key, file=sheet.meta_path, ids=", ".join(ids))
        _not_beside("recommendations", key, info)
    return key


def _previous_key(key: str, info: ValidationInfo) -> str:
    sheet = (info.context or {}).get("meta")
    if sheet is not None:
        if key not in {ref.id for ref in sheet.meta.previous_recommendations}:
            raise error("not-previous", id=key, file=sheet.meta_path)
        _not_beside("implementation", key, info)
    return key


class FactsheetText(Schema):
    factsheet: Slug | None = None
    """Written by the web editor (the factsheet picked for these texts): the file's slug."""
    title: Str
    summary: Str
    recommendations: dict[Annotated[Slug, AfterValidator(_suggested_key)], Str] = {}
    """Texts of the suggested recommendations, by their id in the language-neutral file."""
    questions: list[Str] = []
    implementation: Annotated[dict[Annotated[RecId, AfterValidator(_previous_key)], Str], BeforeValidator(dotted_keys)] = {}
    """Comments on previous recommendations, by paragraph number (the older layout: new
    files write them beside their recommendation, ``PreviousRecommendation.comment``)."""
    # translation freshness (content/translations.py)
    translated_from: Annotated[dict[Str, Annotated[str, BeforeValidator(as_str)]], BeforeValidator(dotted_keys)] = {}
    """Written by ``upr translated`` / ``upr import-xliff``, not by hand: per block, the
    digest of the source text this translation follows."""
