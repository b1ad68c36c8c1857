"""Load and cross-check everything in data/: the shared reference data of the site."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import RootModel

from . import schemas as s
from .problems import Problems
from .project import inside
from .sourceyaml import SourceDoc, load_yaml
from .statenames import StateNames


@dataclass
class Cluster:
    id: str
    section: str
    name: dict[str, str]


@dataclass
class Catalog:
    """Reference data, validated; ``docs`` keeps each file's line map for later messages."""

    root: Path
    languages: list[str]
    country: str
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    tables: dict[str, s.CafeTable] = field(default_factory=dict)
    sections: dict[str, s.ClusterSection] = field(default_factory=dict)
    clusters: dict[str, Cluster] = field(default_factory=dict)
    groups: dict[str, s.Group] = field(default_factory=dict)
    sdgs: dict[int, s.Sdg] = field(default_factory=dict)
    mechanisms: s.Mechanisms | None = None
    scales: s.Scales | None = None
    cycles: dict[int, s.Cycle] = field(default_factory=dict)
    recommendations: dict[tuple[int, str], s.Recommendation] = field(default_factory=dict)
    states: StateNames | None = None
    docs: dict[str, SourceDoc] = field(default_factory=dict)

    # ------------------------------------------------------------ lookups
    def cycles_of(self, rec_id: str) -> list[int]:
        return sorted(cycle for cycle, rid in self.recommendations if rid == rec_id)

    def sdg_target_problem(self, target: str) -> tuple[str, dict] | None:
        """Why ``target`` ('5', '16.10', '16.a') is not an SDG goal or target (message key
        and values), or None."""
        goal_text, _, part = target.partition(".")
        sdg = self.sdgs.get(int(goal_text))
        if sdg is None:
            return "unknown-sdg", {"target": target}
        if part and not ((part.isdigit() and 1 <= int(part) <= sdg.targets) or (part.isalpha() and part in sdg.lettered)):
            values = {"target": target, "goal": goal_text, "last": sdg.targets}
            if sdg.lettered:
                return "unknown-sdg-target-letters", values | {"letters": ", ".join(f"{goal_text}.{c}" for c in sdg.lettered)}
            return "unknown-sdg-target", values
        return None

    def language_name(self, code: str, lang: str) -> str:
        return self.labels.get(f"language-{code}", {}).get(lang, code)


def check_texts(
    catalog: Catalog, doc: SourceDoc, node: Any, problems: Problems, loc: tuple = (), partial: tuple[str, ...] | bool = ()
) -> None:
    """Walk a validated model and check every per-language text in it.

    ``partial`` names fields that may lack a language (shown as missing on the site),
    or is True when every text may."""
    languages = catalog.languages
    if isinstance(node, RootModel):
        check_texts(catalog, doc, node.root, problems, loc, partial)
        return
    if isinstance(node, s.BaseModel):
        for name, value in node:
            check_texts(catalog, doc, value, problems, loc + (name,), partial)
        return
    if isinstance(node, dict) and node and all(isinstance(v, str) for v in node.values()) and set(node) <= set(languages) | {s.NEUTRAL}:
        name = ".".join(map(str, loc))
        required = not (partial is True or (loc and loc[-1] in partial))
        for key in node:
            if key not in languages and key != s.NEUTRAL:
                problems.error(doc.where(loc), "unknown-language", name=name, code=key, languages=", ".join(languages))
        if required and s.NEUTRAL not in node:
            for code in languages:
                if code not in node:
                    language = catalog.language_name(code, problems.msg.lang)
                    problems.error(doc.where(loc), "missing-language", name=name, language=language, code=code)
        return
    if isinstance(node, dict):
        for key, value in node.items():
            check_texts(catalog, doc, value, problems, loc + (key,), partial)
    elif isinstance(node, (list, tuple)) and not isinstance(node, str):
        for index, value in enumerate(node):
            check_texts(catalog, doc, value, problems, loc + (index,), partial)


def _load(catalog: Catalog, problems: Problems, name: str, model: Any, partial: tuple[str, ...] | bool = ()) -> Any:
    path = catalog.root / "data" / name
    if not path.exists():
        problems.error(f"data/{name}", "data-file-missing")
        return None
    doc = problems.check(load_yaml, path, catalog.root, problems)
    if doc is None:
        return None
    catalog.docs[name] = doc
    value = problems.check(s.validate, model, doc, problems)
    if value is not None:
        check_texts(catalog, doc, value, problems, partial=partial)
    return getattr(value, "root", value)


def load_catalog(root: Path, languages: list[str], country: str, problems: Problems) -> Catalog:
    """Load data/*.yml and data/recommendations/*.yml; report every problem to ``problems``."""
    catalog = Catalog(root, languages, country)
    catalog.labels = _load(catalog, problems, "labels.yml", RootModel[dict[str, s.Translated]]) or {}
    _load(catalog, problems, "messages.yml", RootModel[dict[str, s.Translated]])
    catalog.tables = _load(catalog, problems, "tables.yml", RootModel[dict[s.Slug, s.CafeTable]]) or {}
    catalog.sections = _load(catalog, problems, "clusters.yml", RootModel[dict[s.Str, s.ClusterSection]]) or {}
    catalog.groups = _load(catalog, problems, "groups.yml", RootModel[dict[s.Slug, s.Group]]) or {}
    catalog.sdgs = _load(catalog, problems, "sdgs.yml", RootModel[dict[int, s.Sdg]]) or {}
    catalog.mechanisms = _load(catalog, problems, "mechanisms.yml", s.Mechanisms)
    catalog.scales = _load(catalog, problems, "scales.yml", s.Scales)
    catalog.cycles = _load(catalog, problems, "cycles.yml", RootModel[dict[int, s.Cycle]]) or {}
    catalog.states = StateNames(_load(catalog, problems, "states.yml", RootModel[dict[s.Str, s.Translated]], partial=True) or {})
    for section_id, section in catalog.sections.items():
        for cluster_id, name in section.clusters.items():
            if cluster_id in catalog.clusters:
                problems.error(catalog.docs["clusters.yml"].where((section_id, "clusters", cluster_id)), "cluster-twice", cluster=cluster_id)
            catalog.clusters[cluster_id] = Cluster(cluster_id, section_id, name)
    _check_references(catalog, problems)
    _load_recommendations(catalog, problems)
    return catalog


def _check_references(catalog: Catalog, problems: Problems) -> None:
    def where(name: str, loc: tuple) -> str:
        return catalog.docs[name].where(loc)

    for table_id, table in catalog.tables.items():
        for index, section in enumerate(table.sections):
            if section not in catalog.sections:
                problems.error(where("tables.yml", (table_id, "sections", index)), "unknown-section", section=section, sections=", ".join(catalog.sections))
    for group_id, group in catalog.groups.items():
        if catalog.tables and group.table not in catalog.tables:
            problems.error(where("groups.yml", (group_id, "table")), "unknown-table", table=group.table, tables=", ".join(catalog.tables))
        logo = catalog.root / "docs" / (group.logo or "")
        if group.logo and not (logo.is_file() and inside(logo, catalog.root / "docs")):
            problems.error(where("groups.yml", (group_id, "logo")), "logo-missing", logo=group.logo)
    if catalog.mechanisms:
        for body_id, body in catalog.mechanisms.bodies.items():
            if body.grades and body.grades not in catalog.mechanisms.grade_scales:
                problems.error(where("mechanisms.yml", ("bodies", body_id, "grades")), "unknown-grade-scale", scale=body.grades)
    for code in catalog.states.overrides:
        if not catalog.states.known(code):
            problems.error(where("states.yml", (code,)), "unknown-state", code=code)
    for number, cycle in catalog.cycles.items():
        for index, milestone in enumerate(cycle.milestones):
            if catalog.labels and f"milestone-{milestone.kind}" not in catalog.labels:
                problems.error(where("cycles.yml", (number, "milestones", index, "kind")), "unknown-milestone", kind=milestone.kind)
    if not catalog.states.known(catalog.country):
        problems.error("mkdocs.yml", "bad-country", code=catalog.country)


def _load_recommendations(catalog: Catalog, problems: Problems) -> None:
    folder = catalog.root / "data" / "recommendations"
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else ():
        name = f"recommendations/{path.name}"
        doc = problems.check(load_yaml, path, catalog.root, problems)
        if doc is None:
            continue
        catalog.docs[name] = doc
        data = problems.check(s.validate, s.RecommendationFile, doc, problems)
        if data is None:
            continue
        check_texts(catalog, doc, data, problems, partial=("text",))
        if catalog.cycles and data.cycle not in catalog.cycles:
            problems.error(doc.where(("cycle",)), "unknown-cycle", cycle=data.cycle)
        for rec_id, rec in data.recommendations.items():
            loc = ("recommendations", rec_id)
            if (data.cycle, rec_id) in catalog.recommendations:
                problems.error(doc.where(loc), "recommendation-twice", id=rec_id, cycle=data.cycle)
            catalog.recommendations[(data.cycle, rec_id)] = rec
            _check_recommendation(catalog, doc, loc, rec, problems)


def _check_recommendation(catalog: Catalog, doc: SourceDoc, loc: tuple, rec: s.Recommendation, problems: Problems) -> None:
    for index, code in enumerate(rec.states):
        if problem := catalog.states.problem(code):
            problems.error(doc.where(loc + ("states", index)), problem[0], **problem[1])
    if catalog.scales and rec.response not in catalog.scales.responses:
        problems.error(doc.where(loc + ("response",)), "unknown-response", response=rec.response, responses=", ".join(catalog.scales.responses))
    if rec.cluster and catalog.clusters and rec.cluster not in catalog.clusters:
        problems.error(doc.where(loc + ("cluster",)), "unknown-cluster", cluster=rec.cluster)
    for index, target in enumerate(rec.sdg_targets):
        if problem := catalog.sdg_target_problem(target):
            problems.error(doc.where(loc + ("sdg_targets", index)), problem[0], **problem[1])
