"""The loaded content of a project, and the joins every reader view needs.

``load_content`` reads and checks data/ and factsheets/ and returns one ``Content``:
plain, typed, and independent of MkDocs. Nothing here is cached between loads; a
``Content`` is built once per build (or per ``upr check``) and dropped after it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..i18n.labels import Labels
from ..i18n.messages import Messages
from . import schemas as s
from .catalog import Catalog
from .datafiles import load_catalog
from .factsheets import Factsheet, load_factsheets
from .problems import Notice, Problems
from .safety import svg_problems
from .smart import SmartResult, check_factsheets
from .translations import SheetTranslations, data_translations, date_changes, date_data_changes, sheet_translations


@dataclass(frozen=True)
class Assessed:
    """A factsheet's assessment of a previous recommendation."""

    slug: str
    group: str
    assessment: str


@dataclass
class Record:
    """One previous recommendation with everything the site knows about it."""

    cycle: int
    id: str
    rec: s.Recommendation
    assessed: list[Assessed] = field(default_factory=list)

    @property
    def goals(self) -> list[int]:
        return sorted({int(t.partition(".")[0]) for t in self.rec.sdg_targets})

    @property
    def sort_key(self) -> tuple[int, list[int]]:
        return self.cycle, [int(p) for p in self.id.split(".")]


@dataclass
class Content:
    """Everything read from data/ and factsheets/, validated."""

    root: Path
    languages: tuple[str, ...]
    """Site languages, the default language first."""
    catalog: Catalog
    factsheets: dict[str, Factsheet]
    today: dt.date
    msg: Messages
    """Build messages in the editor's language."""
    notices: list[Notice] = field(default_factory=list)
    _labels: dict[str, Labels] = field(default_factory=dict, repr=False)

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def labels(self, lang: str) -> Labels:
        """The site's labels in ``lang`` (data/labels.yml)."""
        if lang not in self._labels:
            self._labels[lang] = Labels(self.catalog.labels, lang, self.msg("missing-label", key="{key}"))
        return self._labels[lang]

    @cached_property
    def records(self) -> list[Record]:
        """Every recommendation of the database with the groups' assessments, ordered by
        cycle and paragraph (computed once per content load)."""
        out = {key: Record(key[0], key[1], rec) for key, rec in self.catalog.recommendations.items()}
        for slug, sheet in self.factsheets.items():
            for ref in sheet.meta.previous_recommendations:
                cycle, _rec = self.catalog.recommendation(ref.id, ref.cycle)
                out[(cycle, ref.id)].assessed.append(Assessed(slug, sheet.meta.group, ref.assessment))
        return sorted(out.values(), key=lambda r: r.sort_key)

    @cached_property
    def smart(self) -> list[SmartResult]:
        """The SMART check of every suggested recommendation in every language (once per load)."""
        return check_factsheets(self.catalog, self.factsheets)

    @cached_property
    def translations(self) -> dict[str, SheetTranslations]:
        """Every factsheet's translations block by block against their source, with the
        day each stale block's source changed where git knows it (once per load)."""
        infos = [sheet_translations(sheet, self.languages) for sheet in self.factsheets.values()]
        return {info.slug: info for info in date_changes(self.root, infos, self.factsheets, self.msg)}

    @cached_property
    def data_translations(self) -> dict[str, SheetTranslations]:
        """The translated texts of data/ (group names...) against their source, by file
        (``data/groups.yml``), with the day each stale text's source changed (once per load)."""
        return date_data_changes(self.root, data_translations(self.catalog.docs, self.languages), self.languages, self.msg)

    @cached_property
    def recommending_states(self) -> list[str]:
        """Codes of every State that made a recommendation in the database."""
        return sorted({code for rec in self.catalog.recommendations.values() for code in rec.states})


def _check_svgs(root: Path, problems: Problems) -> None:
    """SVG files are published as they are: none may carry script or outside references."""
    for path in sorted((root / "docs").rglob("*.svg")):
        for line in svg_problems(path):
            problems.error(f"{path.relative_to(root).as_posix()}:{line}", "svg-unsafe")


def load_content(root: Path, languages: tuple[str, ...], country: str, problems: Problems, today: dt.date, country_where: str = "mkdocs.yml") -> Content:
    """Read and check data/ and factsheets/ under ``root``. Every problem is reported at
    once (ContentError with all of them); notices (missing translations) come back in
    ``Content.notices``."""
    catalog = load_catalog(root, languages, country, problems, country_where)
    factsheets = load_factsheets(root, catalog, problems)
    _check_svgs(root, problems)
    problems.raise_if_any()
    return Content(root, languages, catalog, factsheets, today, problems.msg, list(problems.notices))
