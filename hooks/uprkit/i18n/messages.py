"""Build messages in the editor's language, from data/messages.yml.

Python names a message by its key and passes the values; the words live in the data
file, in every site language, like the labels of the site.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import ContentError

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""Characters a message never prints as they are: a value quoted from content (a key, a
placeholder) could otherwise break the message's one line or drive the editor's terminal."""

BOOTSTRAP = "data/messages.yml{line}: {problem}; every build message is defined there (copy it from the sample)"


class Messages:
    """Message templates of one language; ``msg(key, **values)`` gives the text."""

    def __init__(self, catalogue: dict[str, dict[str, str]], lang: str) -> None:
        self.catalogue = catalogue
        self.lang = lang

    def __call__(self, message: str, /, **values: Any) -> str:
        texts = self.catalogue.get(message)
        if not texts:
            return f"{message} {values}" if values else message
        template = texts.get(self.lang) or next(iter(texts.values()))
        return template.format(**{name: _shown(value) for name, value in values.items()})

    def __contains__(self, key: str) -> bool:
        return key in self.catalogue

    def in_language(self, lang: str) -> Messages:
        """The same catalogue in another language."""
        return Messages(self.catalogue, lang)


@functools.lru_cache(maxsize=4)
def _parse(text: str) -> Any:
    """The catalogue of one text of the file, kept for the process: the preview's rebuilds
    parse data/messages.yml again only when it changed (nothing mutates a catalogue)."""
    return yaml.safe_load(text)


def load_messages(root: Path, lang: str) -> Messages:
    """Read data/messages.yml. A message missing in ``lang`` falls back to another
    language here; the check of data/ reports it as missing."""
    path = root / "data" / "messages.yml"
    try:
        catalogue = _parse(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ContentError(BOOTSTRAP.format(line="", problem=exc.strerror or str(exc))) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise ContentError(BOOTSTRAP.format(line=line, problem=problem)) from None
    if not isinstance(catalogue, dict) or not all(isinstance(v, dict) for v in catalogue.values()):
        raise ContentError(BOOTSTRAP.format(line="", problem="each message must be 'key: {en: ..., ru: ...}'"))
    return Messages(catalogue, lang)


def _shown(value: Any) -> Any:
    """``value`` with its control characters written as escapes (``\\x1b``, ``\\n``)."""
    if isinstance(value, str) and _CONTROL.search(value):
        return _CONTROL.sub(lambda found: repr(found.group())[1:-1], value)
    return value
