"""State names in every site language: pycountry, corrected by data/states.yml.

pycountry ships ISO 3166-1 with translations, but ISO's short names are not the UN's
("Korea, Republic of") and its Russian translations are not always the UN's either, so
data/states.yml overrides a name per code and language.
"""

from __future__ import annotations

import gettext
from functools import cache

import pycountry


@cache
def _translation(lang: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)


class StateNames:
    def __init__(self, overrides: dict[str, dict[str, str]]) -> None:
        self.overrides = overrides

    def known(self, code: str) -> bool:
        return code in self.overrides or (len(code) == 2 and pycountry.countries.get(alpha_2=code) is not None)

    def problem(self, code: str) -> tuple[str, dict] | None:
        """Why ``code`` is not a State code (message key and values, with a suggestion
        when ``code`` is a name pycountry knows), or None."""
        if self.known(code):
            return None
        try:
            return "unknown-state-hint", {"code": code, "suggestion": pycountry.countries.lookup(code).alpha_2}
        except LookupError:
            return "unknown-state", {"code": code}

    def name(self, code: str, lang: str) -> str | None:
        """The State's name in ``lang``; None when no source has it in that language."""
        override = self.overrides.get(code, {})
        if lang in override:
            return override[lang]
        country = pycountry.countries.get(alpha_2=code)
        if country is None:
            return None
        english = country.name
        if lang == "en":
            return english
        translated = _translation(lang).gettext(country.name)
        return translated if translated != country.name else None
