"""The State picker (home page and the diplomats' pages): every State with a briefing,
with its names in every site language and its ISO code, so a diplomat can type any of
them ("Швеция", "Sweden", "SE") and land on the briefing in the page's language."""

from __future__ import annotations

from typing import Any

from ..content import Content
from .common import link


def picker(content: Content, lang: str) -> dict[str, Any]:
    """The picker's States (alphabetical in ``lang``) and where it falls back to: the States index."""
    catalog = content.catalog
    states = []
    for code in content.recommending_states:
        name = catalog.state_name(code, lang)
        others = [catalog.state_name(code, other) for other in content.languages if other != lang]
        states.append({"code": code, "name": name, "names": [n for n in dict.fromkeys([name, *others]) if n != code],
                       "url": link(content, lang, f"states/{code.lower()}/")})
    states.sort(key=lambda state: state["name"].casefold())
    return {"states": states, "index": link(content, lang, "states/")}
