"""The field types of every schema: each one's format and cross-reference rule together.

A reference rule (is this a known State, SDG target, cluster, group...) reads the
``Catalog`` passed as pydantic validation context (``catalog.context()``); without one
(a schema checked alone) it is skipped. Every error type is a key of data/messages.yml.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo
from pydantic_core import PydanticCustomError

from .catalog import Catalog
from .dates import PartialDate, parse_partial_date

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REC_ID = re.compile(r"^\d+(?:\.\d+)+$")
SDG_TARGET = re.compile(r"^\d{1,2}(?:\.(?:\d{1,2}|[a-z]))?$")
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
URL = re.compile(r"^https?://\S+$")
NEUTRAL = "*"  # key of a text that is the same in every language (a name, a title as published)


def error(key: str, **values: Any) -> PydanticCustomError:
    """A validation error whose type is message ``key`` of data/messages.yml."""
    return PydanticCustomError(key, key, values)


def pattern(rx: re.Pattern, key: str) -> AfterValidator:
    def check(value: str) -> str:
        if not rx.match(value):
            raise error(key, value=value)
        return value

    return AfterValidator(check)


def catalog_of(info: ValidationInfo) -> Catalog | None:
    return (info.context or {}).get("catalog")


def reference(check: Callable[[Any, Catalog, ValidationInfo], None]) -> AfterValidator:
    """A cross-reference rule: runs only when a catalog is in the validation context."""

    def run(value: Any, info: ValidationInfo) -> Any:
        catalog = catalog_of(info)
        if catalog is not None:
            check(value, catalog, info)
        return value

    return AfterValidator(run)


def _as_text(value: Any) -> Any:
    return {NEUTRAL: value} if isinstance(value, str) else value


def as_str(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def dotted_keys(value: Any) -> Any:
    """A mapping whose keys hold dots (``"140.161"``, ``implementation.140.161``) as the web
    editor writes it back: it reads every key as a path, so ``{"140.161": x}`` is saved as
    ``{"140": [null, ..., x]}`` (a list where a part is a number), or, when every key
    starts with a number, as a list itself. The paths are joined again (list places
    without a value are skipped); other values pass unchanged. Only for mappings: a list
    given here is read as the path form of one."""
    if isinstance(value, dict) and not any(isinstance(v, dict | list) for v in value.values()):
        return value
    if not isinstance(value, dict | list):
        return value
    out: dict[str, Any] = {}

    def walk(prefix: str, item: Any) -> None:
        pairs = item.items() if isinstance(item, dict) else enumerate(item) if isinstance(item, list) else None
        if pairs is None:
            out[prefix] = item
            return
        for key, inner in pairs:
            if inner is not None:
                walk(f"{prefix}.{key}" if prefix else str(key), inner)

    walk("", value)
    return out


# ---------------------------------------------------------------- reference rules
def _known_state(code: str, catalog: Catalog, _info: ValidationInfo) -> None:
    if problem := catalog.states.problem(code):
        raise error(problem[0], **problem[1])


def _known_sdg(target: str, catalog: Catalog, _info: ValidationInfo) -> None:
    if catalog.sdgs and (problem := catalog.sdg_target_problem(target)):
        raise error(problem[0], **problem[1])


def _known_group(group: str, catalog: Catalog, _info: ValidationInfo) -> None:
    if catalog.groups and group not in catalog.groups:
        raise error("unknown-group", group=group, groups=", ".join(catalog.groups))


def _closest(value: str, keys: list[str]) -> str:
    return ", ".join(difflib.get_close_matches(value, keys, n=3, cutoff=0.4)) or ", ".join(keys[:3])


def _known_cluster(cluster: str, catalog: Catalog, _info: ValidationInfo) -> None:
    if catalog.clusters and cluster not in catalog.clusters:
        raise error("unknown-cluster", cluster=cluster, closest=_closest(cluster, list(catalog.clusters)))


def _known_table(table: str, catalog: Catalog, _info: ValidationInfo) -> None:
    if catalog.tables and table not in catalog.tables:
        raise error("unknown-table", table=table, tables=", ".join(catalog.tables))


def _known_section(section: str, catalog: Catalog, _info: ValidationInfo) -> None:
    if catalog.sections and section not in catalog.sections:
        raise error("unknown-section", section=section, sections=", ".join(catalog.sections))


def _known_response(response: str, catalog: Catalog, _info: ValidationInfo) -> None:
    if catalog.scales and response not in catalog.scales.responses:
        raise error("unknown-response", response=response, responses=", ".join(catalog.scales.responses))


def _known_assessment(assessment: str, catalog: Catalog, _info: ValidationInfo) -> None:
    if catalog.scales and assessment not in catalog.scales.assessments:
        raise error("unknown-assessment", assessment=assessment, assessments=", ".join(catalog.scales.assessments))


def _known_body(body: str, catalog: Catalog, _info: ValidationInfo) -> None:
    bodies = catalog.mechanisms.bodies if catalog.mechanisms else {}
    if bodies and body not in bodies:
        raise error("unknown-body", body=body, bodies=", ".join(list(bodies)[:6]))


def _known_milestone(kind: str, catalog: Catalog, _info: ValidationInfo) -> None:
    if catalog.labels and f"milestone-{kind}" not in catalog.labels:
        raise error("unknown-milestone", kind=kind)


def _logo_in_docs(logo: str, catalog: Catalog, _info: ValidationInfo) -> None:
    from .files import inside

    path = catalog.root / "docs" / logo
    if not (path.is_file() and inside(path, catalog.root / "docs")):
        raise error("logo-missing", logo=logo)


def _languages(text: dict[str, str], catalog: Catalog, info: ValidationInfo, required: bool) -> None:
    for code in text:
        if code not in catalog.languages and code != NEUTRAL:
            raise error("unknown-language", code=code, languages=", ".join(catalog.languages))
    if required and NEUTRAL not in text:
        for code in catalog.languages:
            if code not in text:
                lang = (info.context or {}).get("messages_language", catalog.languages[0])
                raise error("missing-language", language=catalog.language_name(code, lang), code=code)


def unique(attribute: str, key: str) -> AfterValidator:
    """Items of a list must differ in ``attribute``; the error points at the repeat."""

    def check(items: list[Any]) -> list[Any]:
        seen: set[Any] = set()
        for index, item in enumerate(items):
            value = getattr(item, attribute)
            if value in seen:
                raise error(key, id=value, at=index)
            seen.add(value)
        return items

    return AfterValidator(check)


# ---------------------------------------------------------------- field types
Str = Annotated[str, Field(min_length=1)]
Slug = Annotated[str, pattern(SLUG, "format-slug")]
RecId = Annotated[str, BeforeValidator(as_str), pattern(REC_ID, "format-rec-id")]
Colour = Annotated[str, pattern(COLOUR, "format-colour")]
SdgTarget = Annotated[str, BeforeValidator(as_str), pattern(SDG_TARGET, "format-sdg"), reference(_known_sdg)]
Email = Annotated[str, pattern(EMAIL, "format-email")]
Url = Annotated[str, pattern(URL, "format-url")]
Date = Annotated[PartialDate, BeforeValidator(parse_partial_date)]
StateCode = Annotated[Str, reference(_known_state)]
# References to keys of data/: being one of the keys is the only rule (so a wrong value
# is told the valid ones, not a format).
GroupId = Annotated[Str, reference(_known_group)]
ClusterId = Annotated[Str, reference(_known_cluster)]
TableId = Annotated[Str, reference(_known_table)]
SectionId = Annotated[Str, reference(_known_section)]
ResponseId = Annotated[Str, reference(_known_response)]
AssessmentId = Annotated[Str, reference(_known_assessment)]
BodyId = Annotated[Str, reference(_known_body)]
# Texts by language code: {ru: ..., en: ...}. ``Translated`` needs every site language;
# ``Text`` also takes a plain string (the same in every language: a name, a title as
# published); ``PartialText`` may lack languages (shown as missing on the site).
Translated = Annotated[dict[str, Str], reference(lambda v, c, i: _languages(v, c, i, True))]
Text = Annotated[dict[str, Str], BeforeValidator(_as_text), reference(lambda v, c, i: _languages(v, c, i, True))]
PartialText = Annotated[dict[str, Str], BeforeValidator(_as_text), reference(lambda v, c, i: _languages(v, c, i, False))]


LogoPath = Annotated[Str, reference(_logo_in_docs)]
"""Path of an image inside docs/, e.g. assets/logos/women.svg."""
MilestoneKind = Annotated[Slug, reference(_known_milestone)]

PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")


def _plural_forms(value: Any) -> Any:
    if isinstance(value, dict):
        unknown = [form for form in value if form not in PLURAL_FORMS]
        if unknown:
            raise error("plural-form", form=unknown[0], forms=", ".join(PLURAL_FORMS))
        if "other" not in value:
            raise error("plural-other")
    return value


# A label: a text per language, or per language the plural forms of a count.
Label = Annotated[dict[str, Annotated[Str | dict[str, Str], AfterValidator(_plural_forms)]], reference(lambda v, c, i: _languages(v, c, i, True))]
