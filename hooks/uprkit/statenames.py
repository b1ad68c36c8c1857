"""State names in every site language: pycountry, corrected by data/states.yml.

pycountry ships ISO 3166-1 with translations, but ISO's short names are not the UN's
("Korea, Republic of"; in Russian "Киргизия" where the UN writes "Кыргызстан"), so
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

    def problem(self, code: str) -> str | None:
        """Why ``code`` is not a State code (with a suggestion), or None."""
        if self.known(code):
            return None
        hint = ""
        try:
            hint = f" (for {code} write '{pycountry.countries.lookup(code).alpha_2}')"
        except LookupError:
            pass
        return f"unknown State code '{code}'; use an ISO 3166-1 alpha-2 code such as 'DE'{hint}"

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
