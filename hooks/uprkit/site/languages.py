"""The seam to the language split: everything that depends on how mkdocs-static-i18n
builds the site is here, behind a small interface.

mkdocs-static-i18n (frozen upstream since 1.3.1) runs the whole MkDocs build once per
language on the same config: the default language into ``site/``, every other one into
``site/<lang>/`` from inside the first build's ``on_post_build``. The rest of the
project only asks, through this module:

* ``build_of(config)`` -> ``LanguageBuild``: the site's languages (default first), the
  language being built now, and whether this is the outer build (the one that loads
  the content and, at its end, publishes what all languages share);
* ``generated_file(...)``: a page we generate, placed where this language's pages go;
* ``switch_languages(config, page_urls)``: the language switcher of a generated page;
* ``search_languages(build, entries)``: the search index the plugin merged, per language.

Replacing the plugin (by a fork, by two MkDocs builds with a per-language config, or by
a successor's native i18n) means rewriting this module only.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from ..errors import ContentError

PLUGIN = "i18n"


@dataclass(frozen=True)
class LanguageBuild:
    languages: tuple[str, ...]
    """The site's languages, the default language first."""
    current: str
    """The language this MkDocs build is making."""
    outer: bool
    """True in the outer build (the default language's), which the others run inside."""

    @property
    def default(self) -> str:
        return self.languages[0]

    def prefix(self, lang: str | None = None) -> str:
        """Where ``lang``'s pages live in the site: "" for the default, "en/" for English."""
        lang = lang or self.current
        return "" if lang == self.default else f"{lang}/"


def build_of(config: MkDocsConfig) -> LanguageBuild:
    """Which language build is running (call from ``on_config`` onwards)."""
    i18n = config.plugins.get(PLUGIN)
    if i18n is None:
        raise ContentError("mkdocs.yml: the i18n plugin (mkdocs-static-i18n) is required: add '- i18n' under plugins")
    default = i18n.default_language
    languages = (default, *[lang for lang in i18n.build_languages if lang != default])
    return LanguageBuild(languages, i18n.current_language or default, not i18n.building)


def languages_of(config: MkDocsConfig) -> tuple[str, ...]:
    """The site's languages (default first), before any build has started."""
    i18n = config.plugins.get(PLUGIN)
    if i18n is None:
        raise ContentError("mkdocs.yml: the i18n plugin (mkdocs-static-i18n) is required: add '- i18n' under plugins")
    default = i18n.default_language
    return (default, *[lang.locale for lang in i18n.config.languages if lang.build and lang.locale != default])


def generated_file(config: MkDocsConfig, build: LanguageBuild, src_uri: str, markdown: str, edit_path: str | None) -> File:
    """A generated page of the current language (``src_uri`` without language prefix).

    Generated after mkdocs-static-i18n's ``on_files`` (it would drop them otherwise), so
    it carries none of the plugin's attributes; ``switch_languages`` gives it its
    language switcher."""
    file = File.generated(config, build.prefix() + src_uri, content=markdown)
    file.edit_uri = edit_path and "../" + edit_path
    return file


def page_url(build: LanguageBuild, lang: str, src_uri: str) -> str:
    """Site-relative URL of generated page ``src_uri`` in ``lang`` (directory URLs)."""
    path = (build.prefix(lang) + src_uri).removesuffix(".md")
    return path.removesuffix("index") if path.endswith("index") else path + "/"


def switch_languages(config: MkDocsConfig, build: LanguageBuild, src_uri: str) -> None:
    """Point the language switcher (Material's ``extra.alternate``, which the i18n plugin
    fills from its own files) at the same generated page in each language."""
    i18n = config.plugins.get(PLUGIN)
    alternates = deepcopy(getattr(i18n, "extra_alternate", None) or config.extra.get("alternate") or [])
    for alternate in alternates:
        if alternate.get("lang") in build.languages:
            alternate["link"] = page_url(build, alternate["lang"], src_uri)
    # the plugin sets it as an attribute, which Jinja reads before the item
    config.extra.alternate = alternates
    config.extra["alternate"] = alternates


def search_languages(build: LanguageBuild, entries: list[dict]) -> dict[str, list[dict]]:
    """The entries of the search index, by language, each with its location relative to
    its language's root.

    mkdocs-static-i18n gathers every language's entries of Material's search plugin
    into the one index it writes after the last language (``site/search/``); a page's
    language is the first folder of its location ("en/…"; none for the default)."""
    others = tuple(lang for lang in build.languages if lang != build.default)
    split: dict[str, list[dict]] = {lang: [] for lang in build.languages}
    for entry in entries:
        location = entry.get("location", "")
        lang = next((lang for lang in others if location == lang or location.startswith(f"{lang}/")), build.default)
        relative = "" if location == lang else location.removeprefix(build.prefix(lang))
        split[lang].append({**entry, "location": relative})
    return split
