"""The site's labels and headings in one language, from data/labels.yml.

A label is a text per language, or, for a count, the plural forms of each language
(``{one: "{n} day", other: "{n} days"}``; Russian has one, few and many): ``t.count``
chooses the form with Babel's plural rules (CLDR).
"""

from __future__ import annotations

import logging

from babel import Locale

log = logging.getLogger("mkdocs.plugins.upr")


class Labels(dict):
    """Labels of one language, as templates use them (``t["key"]``, ``t.count("key", n)``).

    A key missing from data/labels.yml is logged as an error (so ``--strict`` stops)
    and shown as ``[key]``, never as another language's words."""

    def __init__(self, labels: dict[str, dict[str, str | dict[str, str]]], lang: str, missing_message: str) -> None:
        self.forms = {key: value[lang] for key, value in labels.items() if isinstance(value.get(lang), dict)}
        super().__init__({key: value[lang] if isinstance(value[lang], str) else value[lang].get("other", "")
                          for key, value in labels.items() if lang in value})
        self.lang = lang
        self.missing_message = missing_message
        self._plural = Locale.parse(lang).plural_form

    def __missing__(self, key: str) -> str:
        log.error("data/labels.yml: " + self.missing_message.format(key=key))
        return f"[{key}]"

    def count(self, key: str, n: int, **values: object) -> str:
        """Label ``key`` for the number ``n`` ("1 рекомендация", "5 рекомендаций")."""
        forms = self.forms.get(key)
        if forms is None:
            return self[key].format(n=n, **values)
        form = forms.get(self._plural(n)) or forms.get("other") or next(iter(forms.values()))
        return form.format(n=n, **values)
