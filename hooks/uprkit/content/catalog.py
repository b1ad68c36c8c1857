"""The reference data of the site (data/), validated, with the lookups other files'
cross-references are checked against.

A ``Catalog`` is filled file by file (``datafiles.load_catalog``) and handed to pydantic
as validation context, so each field's reference rule runs while that field is
validated (schemas.py); a part that failed to load is empty and its checks are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .states import StateNames

if TYPE_CHECKING:
    from . import schemas as s
    from .yamlsource import SourceDoc


@dataclass(frozen=True)
class Cluster:
    id: str
    section: str
    name: dict[str, str]


@dataclass
class Catalog:
    """Reference data; ``docs`` keeps each file's line map for later messages."""

    root: Path
    languages: tuple[str, ...]
    country: str
    labels: dict[str, dict[str, str | dict[str, str]]] = field(default_factory=dict)
    tables: dict[str, s.CafeTable] = field(default_factory=dict)
    sections: dict[str, s.ClusterSection] = field(default_factory=dict)
    clusters: dict[str, Cluster] = field(default_factory=dict)
    groups: dict[str, s.Group] = field(default_factory=dict)
    sdgs: dict[int, s.Sdg] = field(default_factory=dict)
    mechanisms: s.Mechanisms | None = None
    scales: s.Scales | None = None
    cycles: dict[int, s.Cycle] = field(default_factory=dict)
    recommendations: dict[tuple[int, str], s.Recommendation] = field(default_factory=dict)
    states: StateNames = field(default_factory=lambda: StateNames({}))
    action_verbs: s.ActionVerbs | None = None
    coalition: s.Coalition | None = None
    """data/coalition.yml, when the site has one (the footer)."""
    docs: dict[str, SourceDoc] = field(default_factory=dict)

    # ------------------------------------------------------------ lookups
    def context(self, **more: Any) -> dict[str, Any]:
        """Validation context for pydantic: this catalog (and more, e.g. the factsheet)."""
        return {"catalog": self, **more}

    def cycles_of(self, rec_id: str) -> list[int]:
        return sorted(cycle for cycle, rid in self.recommendations if rid == rec_id)

    def recommendation(self, rec_id: str, cycle: int | None) -> tuple[int, s.Recommendation]:
        """The recommendation a (validated) factsheet reference points at."""
        number = cycle if cycle is not None else self.cycles_of(rec_id)[0]
        return number, self.recommendations[(number, rec_id)]

    def sdg_target_problem(self, target: str) -> tuple[str, dict[str, Any]] | None:
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
        name = self.labels.get(f"language-{code}", {}).get(lang, code)
        return name if isinstance(name, str) else code

    def state_name(self, code: str, lang: str) -> str:
        """The State's name in ``lang``, or its code when no source has the name."""
        return self.states.name(code, lang) or code

    def country_name(self, lang: str) -> str:
        """The name of the State under review in ``lang``."""
        return self.state_name(self.country, lang)
