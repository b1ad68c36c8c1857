"""Build messages in the editor's language, from data/messages.yml.

Python names a message by its key and passes the values; the words live in the data
file, in every site language, like the labels of the site.
"""

from __future__ import annotations

from pathlib import Path

import yaml

BOOTSTRAP = "data/messages.yml: {problem}; every build message is defined there (copy it from the sample)"


class Messages:
    """Message templates of one language; ``msg(key, **values)`` gives the text."""

    def __init__(self, catalogue: dict[str, dict[str, str]], lang: str) -> None:
        self.catalogue = catalogue
        self.lang = lang

    def __call__(self, message: str, /, **values) -> str:
        texts = self.catalogue.get(message)
        if not texts:
            return f"{message} {values}" if values else message
        template = texts.get(self.lang) or next(iter(texts.values()))
        return template.format(**values)

    def __contains__(self, key: str) -> bool:
        return key in self.catalogue


def load_messages(root: Path, languages: list[str], lang: str) -> Messages:
    """Read data/messages.yml; a message missing in ``lang`` falls back to another language
    (the check of data/ reports it as missing)."""
    from .problems import ContentError

    path = root / "data" / "messages.yml"
    try:
        catalogue = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ContentError(BOOTSTRAP.format(problem=str(exc).splitlines()[0])) from None
    if not isinstance(catalogue, dict) or not all(isinstance(v, dict) for v in catalogue.values()):
        raise ContentError(BOOTSTRAP.format(problem="each message must be 'key: {en: ..., ru: ...}'"))
    if lang not in languages:
        raise ContentError(f"mkdocs.yml: extra.upr.messages '{lang}' is not a site language ({', '.join(languages)})")
    return Messages(catalogue, lang)
