"""Load and cross-check everything in data/: the shared reference data of the site."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import RootModel

from . import schemas as s
from .problems import Problems
from .sourceyaml import SourceDoc, load_yaml
from .statenames import StateNames

LANGUAGE_NAMES = {"ru": "Russian", "en": "English", "kk": "Kazakh", "ky": "Kyrgyz", "uz": "Uzbek", "tg": "Tajik"}


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

    def sdg_target_problem(self, target: str) -> str | None:
        """Why ``target`` ('5', '16.10', '16.a') is not an SDG goal or target, or None."""
        goal_text, _, part = target.partition(".")
        sdg = self.sdgs.get(int(goal_text))
        if sdg is None:
            return f"unknown SDG '{target}': goals are numbered 1 to 17"
        if part and not ((part.isdigit() and 1 <= int(part) <= sdg.targets) or (part.isalpha() and part in sdg.lettered)):
            letters = ", ".join(f"{goal_text}.{c}" for c in sdg.lettered)
            return f"unknown SDG target '{target}': goal {goal_text} has targets {goal_text}.1 to {goal_text}.{sdg.targets}" + (
                f" and {letters}" if letters else ""
            )
        return None


def language_problems(text: dict[str, str], languages: list[str], required: bool) -> list[str]:
    """Messages for unknown language keys and (when ``required``) missing languages."""
    problems = [f"unknown language '{key}' (the site's languages are {', '.join(languages)})" for key in text if key not in languages and key != s.NEUTRAL]
    if required and s.NEUTRAL not in text:
        problems += [f"missing the {LANGUAGE_NAMES.get(lang, lang)} text ('{lang}')" for lang in languages if lang not in text]
    if not required and not text:
        problems.append("give the text in at least one language")
    return problems


def check_texts(
    doc: SourceDoc, node: Any, languages: list[str], loc: tuple = (), problems: Problems | None = None, partial: tuple[str, ...] | bool = ()
) -> None:
    """Walk a validated model and check every per-language text in it.

    ``partial`` names fields that may lack a language (shown as missing on the site),
    or is True when every text may."""
    if isinstance(node, RootModel):
        check_texts(doc, node.root, languages, loc, problems, partial)
        return
    if isinstance(node, s.BaseModel):
        for name, value in node:
            check_texts(doc, value, languages, loc + (name,), problems, partial)
        return
    if isinstance(node, dict) and node and all(isinstance(v, str) for v in node.values()) and set(node) <= set(languages) | {s.NEUTRAL}:
        required = not (partial is True or (loc and loc[-1] in partial))
        for message in language_problems(node, languages, required):
            problems.error(f"{doc.where(loc)}: '{'.'.join(map(str, loc))}': {message}")
        return
    if isinstance(node, dict):
        for key, value in node.items():
            check_texts(doc, value, languages, loc + (key,), problems, partial)
    elif isinstance(node, (list, tuple)) and not isinstance(node, str):
        for index, value in enumerate(node):
            check_texts(doc, value, languages, loc + (index,), problems, partial)


def _load(catalog: Catalog, problems: Problems, name: str, model: Any, partial: tuple[str, ...] | bool = ()) -> Any:
    path = catalog.root / "data" / name
    if not path.exists():
        problems.error(f"data/{name}: missing; every site needs it (copy it from the sample)")
        return None
    doc = problems.check(load_yaml, path, catalog.root)
    if doc is None:
        return None
    catalog.docs[name] = doc
    value = problems.check(s.validate, model, doc)
    if value is not None:
        check_texts(doc, value, catalog.languages, problems=problems, partial=partial)
    return value


def load_catalog(root: Path, languages: list[str], country: str, problems: Problems) -> Catalog:
    """Load data/*.yml and data/recommendations/*.yml; report every problem to ``problems``."""
    catalog = Catalog(root, languages, country)
    catalog.labels = _load(catalog, problems, "labels.yml", RootModel[dict[str, s.Translated]]) or {}
    catalog.labels = getattr(catalog.labels, "root", catalog.labels)
    catalog.tables = getattr(_load(catalog, problems, "tables.yml", RootModel[dict[s.Slug, s.CafeTable]]), "root", {})
    catalog.sections = getattr(_load(catalog, problems, "clusters.yml", RootModel[dict[s.Str, s.ClusterSection]]), "root", {})
    catalog.groups = getattr(_load(catalog, problems, "groups.yml", RootModel[dict[s.Slug, s.Group]]), "root", {})
    catalog.sdgs = getattr(_load(catalog, problems, "sdgs.yml", RootModel[dict[int, s.Sdg]]), "root", {})
    catalog.mechanisms = _load(catalog, problems, "mechanisms.yml", s.Mechanisms)
    catalog.scales = _load(catalog, problems, "scales.yml", s.Scales)
    catalog.cycles = getattr(_load(catalog, problems, "cycles.yml", RootModel[dict[int, s.Cycle]]), "root", {})
    overrides = _load(catalog, problems, "states.yml", RootModel[dict[s.Str, s.Translated]], partial=True)
    catalog.states = StateNames(getattr(overrides, "root", {}))
    for section_id, section in catalog.sections.items():
        for cluster_id, name in section.clusters.items():
            if cluster_id in catalog.clusters:
                where = catalog.docs["clusters.yml"].where((section_id, "clusters", cluster_id))
                problems.error(f"{where}: cluster '{cluster_id}' appears twice; cluster keys must be unique")
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
                problems.error(
                    f"{where('tables.yml', (table_id, 'sections', index))}: unknown cluster section '{section}'; "
                    f"use a key of data/clusters.yml ({', '.join(catalog.sections)})"
                )
    for group_id, group in catalog.groups.items():
        if catalog.tables and group.table not in catalog.tables:
            tables = ", ".join(catalog.tables)
            problems.error(f"{where('groups.yml', (group_id, 'table'))}: unknown café table '{group.table}'; use one of {tables} (data/tables.yml)")
        if group.logo and not (catalog.root / "docs" / group.logo).is_file():
            problems.error(f"{where('groups.yml', (group_id, 'logo'))}: logo '{group.logo}' not found; put the image in docs/ and give its path from there")
    if catalog.mechanisms:
        for body_id, body in catalog.mechanisms.bodies.items():
            if body.grades and body.grades not in catalog.mechanisms.grade_scales:
                problems.error(f"{where('mechanisms.yml', ('bodies', body_id, 'grades'))}: unknown grade scale '{body.grades}'; define it under grade_scales")
    for code in catalog.states.overrides if catalog.states else ():
        if not catalog.states.known(code):
            problems.error(f"{where('states.yml', (code,))}: unknown State code '{code}'; use an ISO 3166-1 alpha-2 code such as 'KG'")
    for number, cycle in catalog.cycles.items():
        for index, milestone in enumerate(cycle.milestones):
            if catalog.labels and f"milestone-{milestone.kind}" not in catalog.labels:
                problems.error(
                    f"{where('cycles.yml', (number, 'milestones', index, 'kind'))}: unknown milestone kind '{milestone.kind}'; "
                    f"add a label 'milestone-{milestone.kind}' to data/labels.yml"
                )
    if catalog.country and catalog.states and not catalog.states.known(catalog.country):
        problems.error(f"mkdocs.yml: extra.upr.country '{catalog.country}' is not an ISO 3166-1 alpha-2 code such as 'KG'")


def _load_recommendations(catalog: Catalog, problems: Problems) -> None:
    folder = catalog.root / "data" / "recommendations"
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else ():
        name = f"recommendations/{path.name}"
        doc = problems.check(load_yaml, path, catalog.root)
        if doc is None:
            continue
        catalog.docs[name] = doc
        data = problems.check(s.validate, s.RecommendationFile, doc)
        if data is None:
            continue
        check_texts(doc, data, catalog.languages, problems=problems, partial=("text",))
        if catalog.cycles and data.cycle not in catalog.cycles:
            problems.error(f"{doc.where(('cycle',))}: cycle {data.cycle} is not in data/cycles.yml; add it there first")
        for rec_id, rec in data.recommendations.items():
            loc = ("recommendations", rec_id)
            if (data.cycle, rec_id) in catalog.recommendations:
                problems.error(f"{doc.where(loc)}: recommendation {rec_id} of cycle {data.cycle} is already in another file; keep each recommendation once")
            catalog.recommendations[(data.cycle, rec_id)] = rec
            check_recommendation(catalog, doc, loc, rec, problems)


def check_recommendation(catalog: Catalog, doc: SourceDoc, loc: tuple, rec: s.Recommendation, problems: Problems) -> None:
    for index, code in enumerate(rec.states):
        problem = catalog.states.problem(code)
        if problem:
            problems.error(f"{doc.where(loc + ('states', index))}: {problem}")
    if catalog.scales and rec.response not in catalog.scales.responses:
        problems.error(f"{doc.where(loc + ('response',))}: unknown response '{rec.response}'; use one of {', '.join(catalog.scales.responses)}")
    if rec.cluster and catalog.clusters and rec.cluster not in catalog.clusters:
        problems.error(f"{doc.where(loc + ('cluster',))}: unknown cluster '{rec.cluster}'; use a cluster key of data/clusters.yml")
    for index, target in enumerate(rec.sdg_targets):
        problem = catalog.sdg_target_problem(target)
        if problem:
            problems.error(f"{doc.where(loc + ('sdg_targets', index))}: {problem}")

