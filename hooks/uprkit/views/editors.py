"""Template data of the pages for editors: every build message, in the page's language."""

from __future__ import annotations

from typing import Any

from ..content import Content


def messages(content: Content, lang: str) -> dict[str, Any]:
    """Every message of data/messages.yml in ``lang``, with its key (as in the file)."""
    catalogue = content.msg.catalogue
    return {"messages": [{"key": key, "text": texts.get(lang, "")} for key, texts in catalogue.items()]}
