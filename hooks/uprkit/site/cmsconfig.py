"""The web editor's configuration (Sveltia CMS ``config.yml``), generated from the schemas.

Nothing here is hand-kept: each field of ``FactsheetMeta`` and ``FactsheetText`` (and of
their parts) becomes a form field by its *type* (``fields.py``): a State code becomes a
select of every State named in the editor's language, a recommendation id a select of
the database's recommendations with cycle, States and text, an SDG target a select with
the goal's name, and so on; required fields and patterns come from the same
declarations as the build's checks. Labels come from data/labels.yml (``cms-field-*``).

Per thematic group, two collections on the group's folder ``factsheets/<group>/``:
the language-neutral part (``slug.yml``, edited once) and the texts (``slug.ru.md``,
``slug.en.md``: Sveltia's ``multiple_files`` i18n structure, both languages side by side).
One collection pair per group keeps each group to its own folder (CODEOWNERS, protected
paths) and avoids nested folders. Nothing is typed twice: the texts pick their factsheet
(the slug follows), and the texts that belong to an item of the neutral part (a suggested
recommendation's text, the comment on a previous recommendation) are edited beside it,
in every language, in the neutral part's form.
"""

from __future__ import annotations

import functools
import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..content import Content
from ..content import schemas as s
from ..content.fields import EMAIL, SLUG, URL

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
TEXT_FIELDS = {"summary", "text", "comment", "questions"}
"""String fields written as paragraphs (a multi-line box rather than one line)."""
SHOWN_OPEN = {"text"}
"""Texts per language shown open although optional (their languages are what is
optional): a suggested recommendation's texts beside its id. A previous
recommendation's ``comment``, optional as a whole, is behind the editor's "add" box."""
BY_ID = {mapping for mapping, _items, _key, _message in s.BESIDE}
"""The language files' older mappings of those texts by id: kept on save, never shown."""


@dataclass(frozen=True)
class Backend:
    """Where the editor reads and writes (the ``upr`` plugin's ``cms_*`` options)."""

    name: str
    repo: str
    branch: str
    base_url: str | None = None
    app_id: str | None = None

    @classmethod
    def of(cls, name: str, repo: str | None, branch: str, base_url: str | None, app_id: str | None, repo_url: str | None) -> Backend:
        """From the plugin's ``cms_*`` options; the repository defaults to the path of repo_url."""
        if not repo and repo_url:
            repo = "/".join(repo_url.rstrip("/").removesuffix(".git").split("/")[3:])
        return cls(name, repo or "owner/repository", branch, base_url, app_id)

    def config(self) -> dict[str, Any]:
        """The ``backend`` section of Sveltia's config.yml."""
        out: dict[str, Any] = {"name": self.name, "repo": self.repo, "branch": self.branch}
        api = {"gitlab": "/api/v4", "gitea": "/api/v1"}.get(self.name)
        if self.base_url:
            out["base_url"] = self.base_url.rstrip("/")
            if api:
                out["api_root"] = self.base_url.rstrip("/") + api
        if self.app_id:
            out["app_id"] = self.app_id
            if self.name == "gitlab":
                out["auth_type"] = "pkce"
        return out


class _Fields:
    """Form fields of one language's editor, by the schema's field types."""

    def __init__(self, content: Content, lang: str) -> None:
        self.content, self.lang = content, lang
        self.catalog = content.catalog
        self.t = content.labels(lang)
        self._selects = {
            s.GroupId: self._groups, s.ClusterId: self._clusters, s.TableId: self._tables, s.StateCode: self._states,
            s.SdgTarget: self._sdg_targets, s.RecId: self._recommendations, s.AssessmentId: self._assessments,
            s.BodyId: self._bodies,
        }
        self._options: dict[Any, list[dict]] = {}
        self._patterns = {s.Slug: (SLUG.pattern, "cms-format-slug"), s.Date: (DATE_PATTERN, "cms-format-date"),
                          s.Url: (URL.pattern, "cms-format-url"), s.Email: (EMAIL.pattern, "cms-format-email")}

    def name(self, text: dict[str, str]) -> str:
        return text.get(self.lang) or next(iter(text.values()), "")

    # ------------------------------------------------------------ options from data/
    def _groups(self) -> list[dict]:
        return [{"value": key, "label": self.name(group.name)} for key, group in self.catalog.groups.items()]

    def _clusters(self) -> list[dict]:
        sections = self.catalog.sections
        return [{"value": key, "label": f"{self.name(sections[c.section].name) if c.section in sections else c.section}: {self.name(c.name)}"}
                for key, c in self.catalog.clusters.items()]

    def _tables(self) -> list[dict]:
        return [{"value": key, "label": self.name(table.name)} for key, table in self.catalog.tables.items()]

    def _states(self) -> list[dict]:
        import pycountry

        codes = {c.alpha_2 for c in pycountry.countries} | set(self.catalog.states.overrides)
        options = [{"value": code, "label": f"{self.catalog.state_name(code, self.lang)} ({code})"} for code in codes]
        return sorted(options, key=lambda o: o["label"])

    def _sdg_targets(self) -> list[dict]:
        options = []
        for goal, sdg in sorted(self.catalog.sdgs.items()):
            name = self.name(sdg.name)
            options.append({"value": str(goal), "label": f"{goal}: {name}"})
            for part in [str(n) for n in range(1, sdg.targets + 1)] + list(sdg.lettered):
                options.append({"value": f"{goal}.{part}", "label": f"{goal}.{part} ({name})"})
        return options

    def _recommendations(self) -> list[dict]:
        options = []
        for (cycle, rec_id), rec in sorted(self.catalog.recommendations.items(), key=lambda kv: (kv[0][0], [int(p) for p in kv[0][1].split(".")])):
            states = ", ".join(self.catalog.state_name(code, self.lang) for code in rec.states)
            text = self.name(rec.text)
            text = text if len(text) <= 90 else text[:89] + "…"
            options.append({"value": rec_id, "label": f"{rec_id} · {self.t['cms-cycle']} {cycle} · {states}: {text}"})
        seen: set[str] = set()
        return [o for o in options if not (o["value"] in seen or seen.add(o["value"]))]

    def _assessments(self) -> list[dict]:
        scales = self.catalog.scales
        return [{"value": key, "label": self.name(scale.name)} for key, scale in (scales.assessments if scales else {}).items()]

    def _bodies(self) -> list[dict]:
        bodies = self.catalog.mechanisms.bodies if self.catalog.mechanisms else {}
        return [{"value": key, "label": f"{key}: {self.name(body.name)}"} for key, body in bodies.items()]

    def _grades(self) -> list[dict]:
        scales = self.catalog.mechanisms.grade_scales if self.catalog.mechanisms else {}
        seen: dict[str, str] = {}
        for scale in scales.values():
            for grade, name in scale.items():
                seen.setdefault(grade, f"{grade}: {self.name(name)}")
        return [{"value": grade, "label": label} for grade, label in seen.items()]

    def _categories(self) -> list[dict]:
        verbs = self.catalog.action_verbs
        return [{"value": n, "label": f"{n}: {self.name(name)}"} for n, name in (verbs.categories if verbs else {}).items()]

    # ------------------------------------------------------------ fields from types
    def label(self, name: str) -> str:
        return self.t[f"cms-field-{name}"]

    def field(self, name: str, hint: Any, required: bool) -> dict:
        """The form field for schema field ``name`` of type ``hint``."""
        spec: dict[str, Any] = {"name": name, "label": self.label(name)}
        if not required and not (name in SHOWN_OPEN and _kind(hint) is s.PartialText):
            spec["required"] = False
        spec.update(self.widget(name, hint))
        if spec["widget"] == "hidden":  # Sveltia's schema: a hidden field has no "required"
            spec.pop("required", None)
        if typing.get_origin(_kind(hint)) is list and not required:
            spec.setdefault("default", [])
        return spec

    def widget(self, name: str, hint: Any) -> dict:
        hint = _kind(hint)
        if name == "translated_from":  # written by `upr translated` / `upr import-xliff` only: kept, never shown
            return {"widget": "hidden"}
        if name == "original_language":
            return {"widget": "select", "options": [{"value": lang, "label": self.t[f"language-{lang}"]} for lang in self.content.languages]}
        if name == "grade":
            return {"widget": "select", "options": self._grades()}
        if name == "action_category":
            return {"widget": "select", "options": self._categories()}
        if hint in self._selects:
            # one list per kind, shared by every field: the YAML names it once (anchor) and refers to it
            if hint not in self._options:
                self._options[hint] = self._selects[hint]()
            return {"widget": "select", "options": self._options[hint], "dropdown_threshold": 0}
        if hint in self._patterns:
            rx, key = self._patterns[hint]
            return {"widget": "string", "pattern": [rx, self.t[key]]}
        if hint in (s.Text, s.PartialText, s.Translated):
            required = hint is not s.PartialText
            return {"widget": "object", "fields": [
                {"name": lang, "label": self.t[f"language-{lang}"], "widget": "text" if name in TEXT_FIELDS else "string",
                 **({} if required else {"required": False})} for lang in self.content.languages]}
        if hint is int:
            return {"widget": "number", "value_type": "int"}
        if typing.get_origin(hint) is list:
            item = _kind(typing.get_args(hint)[0])
            if isinstance(item, type) and issubclass(item, BaseModel):
                fields = sorted(self.model_fields(item), key=lambda spec: spec["name"] != "id")  # what an item is, first
                return {"widget": "list", "fields": fields, "summary": "{{fields." + fields[0]["name"] + "}}"}
            inner = self.widget(name, item)
            if inner.get("widget") == "select":
                return inner | {"multiple": True}
            return {"widget": "list", "field": {"name": name, "label": self.label(name), **inner}}
        if typing.get_origin(hint) is dict:
            key, value = typing.get_args(hint)
            value = _kind(value)
            if isinstance(value, type) and issubclass(value, BaseModel):
                # a mapping of parts by key (sources) is edited as a list with the key first
                fields = [{"name": "id", "label": self.label(f"{name}-id"), "widget": "string", "pattern": [SLUG.pattern, self.t["cms-format-slug"]]}]
                return {"widget": "list", "fields": fields + self.model_fields(value), "summary": "{{fields.id}}"}
            return {"widget": "keyvalue", "key_label": self.label(f"{name}-key"), "value_label": self.label(f"{name}-value")}
        return {"widget": "text" if name in TEXT_FIELDS else "string"}

    def model_fields(self, model: type[BaseModel]) -> list[dict]:
        hints = _hints(model)
        return [self.field(name, hints[name], info.is_required()) for name, info in model.model_fields.items()]


@functools.cache
def _hints(model: type[BaseModel]) -> dict[str, Any]:
    """The field types of a schema class (they never change in a process; each build asks
    for them once per thematic group and language)."""
    return typing.get_type_hints(model, include_extras=True)


def _optional(hint: Any) -> Any:
    """``X | None`` -> ``X``."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0] if len(args) == 1 else hint
    return hint


_ALIASES = sorted((s.GroupId, s.ClusterId, s.TableId, s.StateCode, s.SdgTarget, s.RecId, s.AssessmentId, s.BodyId,
                   s.Slug, s.Date, s.Url, s.Email, s.Text, s.PartialText, s.Translated, s.Str),
                  key=lambda alias: -len(typing.get_args(alias)))


def _kind(hint: Any) -> Any:
    """The declared field type of ``hint``: Python flattens ``Annotated[RecId, rule]`` into
    one ``Annotated``, so the field type is found as the alias whose rules start it;
    other annotations (``Field(min_length=1)``, ``unique``) are dropped."""
    hint = _optional(hint)
    if typing.get_origin(hint) is not typing.Annotated:
        return hint
    base, *extras = typing.get_args(hint)
    for alias in _ALIASES:
        alias_base, *alias_extras = typing.get_args(alias)
        if alias_base == base and tuple(extras[:len(alias_extras)]) == tuple(alias_extras):
            return alias
    return _kind(base)


def group_collections(f: _Fields, group: str) -> list[dict]:
    """The two collections of one thematic group: neutral part, texts in every language."""
    content = f.content
    name = f.name(content.catalog.groups[group].name)
    folder = f"factsheets/{group}"
    meta = f.model_fields(s.FactsheetMeta)
    for spec in meta:
        if spec["name"] == "group":  # the folder decides the group
            spec.update(options=[o for o in spec["options"] if o["value"] == group], default=group)
    text = f.model_fields(s.FactsheetText)
    text.append({"name": "body", "label": f.label("narrative"), "widget": "text", "hint": f.t["cms-hint-body"]})
    for spec in text:
        spec["i18n"] = True
        if spec["name"] == "factsheet":  # picked, not typed: it names the texts' files (the slug template)
            spec.pop("pattern")
            spec.update(widget="relation", collection=f"{group}-data", value_field="{{slug}}", display_fields=["{{slug}}"],
                        search_fields=["{{slug}}"], hint=f.t["cms-hint-factsheet"], i18n="duplicate")
        if spec["name"] in BY_ID:  # older files only: new texts are written beside their items; kept on save
            hidden = {"name": spec["name"], "widget": "hidden", "i18n": True}
            spec.clear()
            spec.update(hidden)
    slug = {"editable": ["create"]}
    return [
        {"name": f"{group}-data", "label": f"{name}: {f.t['cms-collection-data']}", "label_singular": f.t["cms-collection-data"],
         "description": f.t["cms-description-data"], "icon": "tune", "folder": folder, "extension": "yml", "format": "yml", "create": True,
         "slug": slug, "summary": "{{slug}}", "identifier_field": "cluster", "fields": meta},
        {"name": f"{group}-texts", "label": f"{name}: {f.t['cms-collection-texts']}", "label_singular": f.t["cms-collection-texts"],
         "description": f.t["cms-description-texts"], "icon": "translate", "folder": folder, "extension": "md", "format": "frontmatter", "create": True,
         "slug": slug | {"template": "{{fields.factsheet}}"}, "identifier_field": "title", "summary": "{{title}}", "i18n": True, "fields": text},
    ]


def cms_config(content: Content, lang: str, backend: Backend, site_url: str | None) -> dict:
    """The whole ``config.yml`` of the editor whose labels are in ``lang``."""
    fields = _Fields(content, lang)
    config: dict[str, Any] = {
        "backend": backend.config(),
        "media_folder": "docs/assets/images",
        "public_folder": "/assets/images",
        "i18n": {"structure": "multiple_files", "locales": list(content.languages), "default_locale": content.default_language},
        "output": {"omit_empty_optional_fields": True},
        "editor": {"preview": False},  # the preview shows raw fields, not the factsheet: the form gets the width
        "collections": [c for group in content.catalog.groups for c in group_collections(fields, group)],
    }
    if backend.name in ("github", "gitlab"):
        config["publish_mode"] = "editorial_workflow"
    if site_url:
        config["site_url"] = site_url
    return config
