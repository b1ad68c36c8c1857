"""Load everything in data/ into a ``Catalog``: the shared reference data of the site.

Files are read in the order their references need (tables before groups, States and
scales before recommendations), each validated with the catalog built so far as
context, so a file's reference rules run while it is validated. Every problem goes
to ``problems``; a file that fails leaves its part of the catalog empty.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import RootModel

from . import schemas as s
from .catalog import Catalog, Cluster
from .problems import Problems
from .states import StateNames
from .translations import data_marks_problems, is_translatable_data, without_marks
from .yamlsource import SourceDoc, load_yaml


def _load(catalog: Catalog, problems: Problems, name: str, model: Any) -> Any:
    path = catalog.root / "data" / name
    if not path.exists():
        problems.error(f"data/{name}", "data-file-missing")
        return None
    doc = problems.check(load_yaml, path, catalog.root, problems)
    if doc is None:
        return None
    catalog.docs[name] = doc
    if is_translatable_data(name):
        # translation freshness marks (content/translations.py): not part of the file's schema
        for loc in data_marks_problems(doc.data, catalog.languages):
            problems.error(doc.where(loc), "data-marks-bad", file=f"data/{name}")
        doc = SourceDoc(doc.path, without_marks(doc.data), doc.lines, doc.line_offset)
    value = problems.check(s.validate, model, doc, problems, context=catalog.context())
    return getattr(value, "root", value)


def load_catalog(root: Path, languages: tuple[str, ...], country: str, problems: Problems, country_where: str = "mkdocs.yml") -> Catalog:
    """Load data/*.yml and data/recommendations/*.yml; report every problem to ``problems``."""
    catalog = Catalog(root, languages, country)
    catalog.labels = _load(catalog, problems, "labels.yml", RootModel[dict[str, s.Label]]) or {}
    _load(catalog, problems, "messages.yml", RootModel[dict[str, s.Translated]])
    catalog.sections = _load(catalog, problems, "clusters.yml", RootModel[dict[s.Str, s.ClusterSection]]) or {}
    _index_clusters(catalog, problems)
    catalog.tables = _load(catalog, problems, "tables.yml", RootModel[dict[s.Slug, s.CafeTable]]) or {}
    catalog.groups = _load(catalog, problems, "groups.yml", RootModel[dict[s.Slug, s.Group]]) or {}
    catalog.sdgs = _load(catalog, problems, "sdgs.yml", RootModel[dict[int, s.Sdg]]) or {}
    catalog.mechanisms = _load(catalog, problems, "mechanisms.yml", s.Mechanisms)
    catalog.scales = _load(catalog, problems, "scales.yml", s.Scales)
    catalog.cycles = _load(catalog, problems, "cycles.yml", RootModel[dict[int, s.Cycle]]) or {}
    catalog.action_verbs = _load(catalog, problems, "action-verbs.yml", s.ActionVerbs)
    if (catalog.root / "data" / "coalition.yml").exists():  # optional: the footer names the coalition
        catalog.coalition = _load(catalog, problems, "coalition.yml", s.Coalition)
    catalog.states = StateNames(_load(catalog, problems, "states.yml", RootModel[dict[s.Str, s.PartialText]]) or {})
    _check_references(catalog, problems, country_where)
    _load_recommendations(catalog, problems)
    return catalog


def _index_clusters(catalog: Catalog, problems: Problems) -> None:
    for section_id, section in catalog.sections.items():
        for cluster_id, name in section.clusters.items():
            if cluster_id in catalog.clusters:
                problems.error(catalog.docs["clusters.yml"].where((section_id, "clusters", cluster_id)), "cluster-twice", cluster=cluster_id)
            catalog.clusters[cluster_id] = Cluster(cluster_id, section_id, name)


def _check_references(catalog: Catalog, problems: Problems, country_where: str) -> None:
    """Rules that span files and so belong to no single field."""
    if catalog.mechanisms:
        for body_id, body in catalog.mechanisms.bodies.items():
            if body.grades and body.grades not in catalog.mechanisms.grade_scales:
                problems.error(catalog.docs["mechanisms.yml"].where(("bodies", body_id, "grades")), "unknown-grade-scale", scale=body.grades)
    for code in catalog.states.overrides:
        if not catalog.states.known(code):
            problems.error(catalog.docs["states.yml"].where((code,)), "unknown-state", code=code)
    if not catalog.states.known(catalog.country):
        problems.error(country_where, "bad-country", code=catalog.country)


def _load_recommendations(catalog: Catalog, problems: Problems) -> None:
    folder = catalog.root / "data" / "recommendations"
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else ():
        name = f"recommendations/{path.name}"
        doc = problems.check(load_yaml, path, catalog.root, problems)
        if doc is None:
            continue
        catalog.docs[name] = doc
        data = problems.check(s.validate, s.RecommendationFile, doc, problems, context=catalog.context())
        if data is None:
            continue
        if catalog.cycles and data.cycle not in catalog.cycles:
            problems.error(doc.where(("cycle",)), "unknown-cycle", cycle=data.cycle)
        for rec_id, rec in data.recommendations.items():
            if (data.cycle, rec_id) in catalog.recommendations:
                problems.error(doc.where(("recommendations", rec_id)), "recommendation-twice", id=rec_id, cycle=data.cycle)
            catalog.recommendations[(data.cycle, rec_id)] = rec
