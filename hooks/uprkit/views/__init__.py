"""What the templates in overrides/ receive, per kind of page: plain dicts in the page's
language. ``page_view`` dispatches a generated page to the module of its kind."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, Protocol

from ..content import Content
from ..content.factsheets import Factsheet
from ..content.parts import WEB_ORDER
from . import editors, factsheet, groups, readiness, recommendations, review, states, timeline
from .sheetmarkdown import RenderedParts


class PageKind(enum.Enum):
    FACTSHEET = "factsheet"
    GROUP = "group"
    GROUPS = "groups"
    TABLE = "table"
    READINESS = "readiness"
    MESSAGES = "messages"
    STATES = "states"
    STATE = "state"
    EXPLORER = "explorer"
    SDGS = "sdgs"
    SDG = "sdg"
    TIMELINE = "timeline"
    REVIEW = "review"


class Downloads(Protocol):
    """The printable PDFs a page links to (see site/downloads.py)."""

    def factsheet(self, sheet: Factsheet, lang: str) -> list[dict]: ...

    def table(self, table_id: str, lang: str) -> list[dict]: ...

    def state(self, code: str, lang: str) -> list[dict]: ...

    def pages(self, sheet: Factsheet, lang: str) -> int | None: ...

    def over_budget(self, sheet: Factsheet, lang: str) -> str | None: ...


def page_view(content: Content, lang: str, kind: PageKind, key: str, parts: RenderedParts | None, downloads: Downloads,
              changes: dict[str, dt.date], editor: bool = False) -> dict[str, Any]:
    """The ``upr`` template variable of a generated page of ``kind`` (``key`` names which);
    ``changes`` are the factsheets' files' last change dates (content/history.py);
    ``editor`` adds what only editors see in the preview (the page budget, SMART remarks)."""

    def sheet_pdfs(sheet: Factsheet) -> list[dict]:
        return downloads.factsheet(sheet, lang)

    match kind:
        case PageKind.FACTSHEET:
            sheet = content.factsheets[key]
            view = factsheet.factsheet(content, sheet, lang, parts or RenderedParts(), WEB_ORDER, sheet_pdfs(sheet))
            if editor:
                view["editor_notices"] = factsheet.editor_notices(content, sheet, lang, downloads.over_budget(sheet, lang))
            return view
        case PageKind.GROUP:
            return groups.group(content, key, lang, sheet_pdfs)
        case PageKind.GROUPS:
            return groups.groups(content, lang, sheet_pdfs)
        case PageKind.TABLE:
            return groups.table(content, key, lang, sheet_pdfs, downloads.table(key, lang))
        case PageKind.READINESS:
            return readiness.board(content, lang, downloads.pages, changes)
        case PageKind.MESSAGES:
            return editors.messages(content, lang)
        case PageKind.STATES:
            return states.states_index(content, lang)
        case PageKind.STATE:
            return states.briefing(content, key, lang, downloads.state(key, lang))
        case PageKind.EXPLORER:
            return recommendations.explorer(content, lang)
        case PageKind.SDGS:
            return recommendations.sdgs(content, lang)
        case PageKind.SDG:
            return recommendations.sdg(content, int(key), lang, sheet_pdfs)
        case PageKind.TIMELINE:
            return timeline.timeline(content, lang)
        case PageKind.REVIEW:
            return review.review(content, lang)
