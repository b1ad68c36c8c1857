"""The parts of a factsheet, declared once (UPR Info's one-page model, DOMAIN.md).

Each part names the schema fields it is made of, its heading label, whether its words
are translated, and the order it is shown in on the web and in print. The table of
contents, the translation checks, the templates' order and the editor's configuration
are all derived from this list: adding a part means adding it here, writing its
template ``overrides/partials/upr/parts/<name>.html`` and its label.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    name: str
    """Also the template file and the anchor (``part-<name>``)."""
    label: str
    """Heading, a key of data/labels.yml."""
    meta: tuple[str, ...] = ()
    """Fields of the language-neutral file (schemas.FactsheetMeta)."""
    text: tuple[str, ...] = ()
    """Translated fields of each language file (schemas.FactsheetText; "body" is the narrative)."""

    @property
    def anchor(self) -> str:
        return f"part-{self.name}"

    @property
    def translatable(self) -> bool:
        return bool(self.text)


PARTS: dict[str, Part] = {part.name: part for part in (
    Part("summary", "fs-summary", text=("summary",)),
    Part("previous", "fs-previous", meta=("previous_recommendations",), text=("implementation",)),
    Part("mechanisms", "fs-mechanisms", meta=("other_mechanisms",)),
    Part("framework", "fs-framework", text=("body",)),
    Part("suggested", "fs-suggested", meta=("suggested_recommendations",), text=("recommendations",)),
    Part("questions", "fs-questions", text=("questions",)),
    Part("targets", "fs-targets", meta=("target_states",)),
    Part("sources", "fs-sources", meta=("sources",)),
    Part("contacts", "fs-contacts", meta=("contacts",)),
)}

PAGE_BUDGET = 2
"""Printed pages a factsheet may have (UPR Info's model: one page, two at most)."""

WEB_ORDER = ("summary", "suggested", "targets", "contacts", "previous", "mechanisms", "framework", "questions", "sources")
"""Order of the parts on the factsheet's web page: what a diplomat with five minutes needs
first (the issue in brief, what to recommend now, which States to talk to, whom to call),
then the evidence behind it (previous recommendations and their assessment, other
mechanisms, the national framework), then the questions and the sources."""
PRINT_ORDER = ("summary", "previous", "mechanisms", "framework", "suggested", "questions", "targets", "sources", "contacts")
"""Order of the parts in the printed factsheet."""
