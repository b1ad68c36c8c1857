"""The site's labels and headings in one language, from data/labels.yml."""

from __future__ import annotations

import logging

log = logging.getLogger("mkdocs.plugins.upr")


class Labels(dict):
    """Labels of one language, as templates use them (``t["key"]``).

    A key missing from data/labels.yml is logged as an error (so ``--strict`` stops)
    and shown as ``[key]``, never as another language's words."""

    def __init__(self, labels: dict[str, dict[str, str]], lang: str, missing_message: str) -> None:
        super().__init__({key: value[lang] for key, value in labels.items() if lang in value})
        self.lang = lang
        self.missing_message = missing_message

    def __missing__(self, key: str) -> str:
        log.error("data/labels.yml: " + self.missing_message.format(key=key))
        return f"[{key}]"
