"""The seam to the language split: everything that depends on how mkdocs-static-i18n
builds the site is here, behind a small interface.

How the plugin builds (frozen upstream since 1.3.1): it runs the whole MkDocs build once
per language on the same config object: the default language into ``site_dir``, every
other one into ``site_dir/<lang>/`` from inside the first build's ``on_post_build``
(reading ``config.site_dir`` as it stands then, so redirecting it in the outer
``on_config`` moves every language: publish.Staging relies on this). Each event fires
once per language. It sorts docs/' files by their language suffix (``guide.en.md``) in
its ``on_files`` at priority -100, so pages generated before it are dropped (we generate
after it: ``AFTER``). It sets the theme's language and the language switcher
(``extra.alternate``) only for a theme named "material".

The rest of the project asks only this module, through:

* ``languages_of(config)``: the site's languages (default first), before any build;
* ``build_of(config)`` -> ``LanguageBuild``: the languages, the language being built
  now, whether this is the outer build (the one that loads the content and, at its end,
  publishes what all languages share), and where a language's pages go (``prefix``);
* ``configure(config, build)``: the theme's language for this build (``on_config``);
* ``generated_file(...)``: a page we generate, placed where this language's pages go;
* ``shared_file(...)``: a file of docs/ (an image) that a language's build lacks;
* ``switch_languages(config, build, src_uri)`` and ``switch_page(config, build, page)``:
  the language switcher of a generated page and of a page of docs/ (``on_page_context``);
* ``AFTER_CONFIG``, ``AFTER``: the event priorities that place plugin.py's handlers
  after the plugin's.

What we read of the plugin: its options (``config.languages``, ``docs_structure``, as
written in mkdocs.yml) and three public attributes of its state (``default_language``,
``current_language``, ``building``; none of its underscored ones, nor the alternates it
keeps on its own files). We never set its attributes on our files, and the switcher is
ours for every page and every theme (the same code path for Material, which the plugin
also reconfigures, and for MaterialX, which it does not know).
* ``search_languages(build, entries)``: the search index the plugin merged, per language.

Replacing the plugin (by a fork, by two MkDocs builds with a per-language config, or by
a successor's native i18n) means rewriting this module only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from ..errors import ContentError

PLUGIN = "i18n"

# Where plugin.py's handlers run relative to the plugin's (it uses -100 for on_config,
# on_files, on_nav and on_post_build, 50 for on_page_context): after it, each time.
AFTER_CONFIG = -110
"""``on_config``: after the plugin has set the language of the build."""
AFTER = -200
"""``on_files``, ``on_nav``, ``on_page_context``, ``on_post_build``: after the plugin's."""


@dataclass(frozen=True)
class LanguageBuild:
    languages: tuple[str, ...]
    """The site's languages, the default language first."""
    current: str
    """The language this MkDocs build is making."""
    outer: bool
    """True in the outer build (the default language's), which the others run inside."""
    names: tuple[str, ...] = ()
    """Each language's own name (``languages``' order), for the switcher."""

    @property
    def default(self) -> str:
        return self.languages[0]

    def prefix(self, lang: str | None = None) -> str:
        """Where ``lang``'s pages live in the site: "" for the default, "en/" for English."""
        lang = lang or self.current
        return "" if lang == self.default else f"{lang}/"


def _plugin(config: MkDocsConfig) -> Any:
    i18n = config.plugins.get(PLUGIN)
    if i18n is None:
        raise ContentError("mkdocs.yml: the i18n plugin (mkdocs-static-i18n) is required: add '- i18n' under plugins")
    return i18n


def _built(i18n: Any) -> list[Any]:
    """The plugin's ``languages`` option: the ones built, the default first."""
    built = [lang for lang in i18n.config.languages if lang.build]
    return sorted(built, key=lambda lang: lang.locale != i18n.default_language)


def languages_of(config: MkDocsConfig) -> tuple[str, ...]:
    """The site's languages (default first), before any build has started."""
    return tuple(lang.locale for lang in _built(_plugin(config)))


def build_of(config: MkDocsConfig) -> LanguageBuild:
    """Which language build is running (call from ``on_config`` onwards, after the plugin's)."""
    i18n = _plugin(config)
    built = _built(i18n)
    languages = tuple(lang.locale for lang in built)
    return LanguageBuild(languages, i18n.current_language or languages[0], not i18n.building, tuple(lang.name for lang in built))


def configure(config: MkDocsConfig, build: LanguageBuild) -> None:
    """The theme speaks this build's language (its labels, ``<html lang>``, search).

    The plugin does it itself for a theme named "material" only; doing it for every
    theme keeps Material and MaterialX on one path."""
    if "language" in config.theme:
        config.theme["language"] = build.current


def generated_file(config: MkDocsConfig, build: LanguageBuild, src_uri: str, markdown: str, edit_path: str | None) -> File:
    """A generated page of the current language (``src_uri`` without language prefix).

    Generated after mkdocs-static-i18n's ``on_files`` (it would drop them otherwise), so
    it carries none of the plugin's attributes; ``switch_languages`` gives it its
    language switcher."""
    file = File.generated(config, build.prefix() + src_uri, content=markdown)
    file.edit_uri = edit_path and "../" + edit_path
    return file


def shared_file(config: MkDocsConfig, build: LanguageBuild, src_uri: str) -> File | None:
    """A file of docs/ (an image a factsheet shows) for this language's pages, or None
    when the build has it already: the plugin gives a language other than the default
    none of docs/' files that carry no language suffix."""
    if not build.prefix():
        return None
    return File.generated(config, build.prefix() + src_uri, abs_src_path=str(Path(config.docs_dir) / src_uri))


def page_url(build: LanguageBuild, lang: str, src_uri: str, directory_urls: bool = True) -> str:
    """Site-relative URL of generated page ``src_uri`` in ``lang``: a directory URL, or the
    file itself when the site has no directory URLs (the offline kit, opened from file://)."""
    path = (build.prefix(lang) + src_uri).removesuffix(".md")
    if not directory_urls:
        return path + ".html"
    return path.removesuffix("index") if path.endswith("index") else path + "/"


def switch_languages(config: MkDocsConfig, build: LanguageBuild, src_uri: str) -> None:
    """The language switcher of a generated page (it exists in every language)."""
    _set_switcher(config, build, {lang: page_url(build, lang, src_uri, config.use_directory_urls) for lang in build.languages})


def switch_page(config: MkDocsConfig, build: LanguageBuild, page: Page) -> None:
    """The language switcher of a page of docs/: the same page in each language that
    has it, the language's home page otherwise."""
    links = {}
    for lang in build.languages:
        src_uri = _docs_twin(config, build, page, lang)
        links[lang] = page_url(build, lang, src_uri if src_uri is not None else "index.md", config.use_directory_urls)
    _set_switcher(config, build, links)


def _docs_twin(config: MkDocsConfig, build: LanguageBuild, page: Page, lang: str) -> str | None:
    """``page``'s source in ``lang`` (as a generated page's src_uri: ``guide.md``), or None."""
    if not page.file.abs_src_path:
        return None
    docs = Path(config.docs_dir).resolve()
    try:
        rel = PurePosixPath(Path(page.file.abs_src_path).resolve().relative_to(docs).as_posix())
    except ValueError:
        return None
    if _plugin(config).config.docs_structure == "folder":
        # docs/<lang>/guide.md (the default language also at docs/guide.md)
        parts = rel.parts[1:] if rel.parts and rel.parts[0] in build.languages else rel.parts
        neutral = PurePosixPath(*parts)
        candidates = [PurePosixPath(lang, neutral)] + ([neutral] if lang == build.default else [])
    else:
        # docs/guide.<lang>.md (the default language also at docs/guide.md)
        stem = rel.name.removesuffix(".md")
        stem = stem.rsplit(".", 1)[0] if stem.rsplit(".", 1)[-1] in build.languages else stem
        neutral = rel.with_name(f"{stem}.md")
        candidates = [rel.with_name(f"{stem}.{lang}.md")] + ([neutral] if lang == build.default else [])
    if any((docs / candidate).is_file() for candidate in candidates):
        return neutral.as_posix()
    return None


def _set_switcher(config: MkDocsConfig, build: LanguageBuild, links: dict[str, str]) -> None:
    """Material's and MaterialX's switcher: ``extra.alternate``, read by the templates."""
    alternates = [{"name": name, "link": links[lang], "lang": lang} for lang, name in zip(build.languages, build.names, strict=True)]
    # the i18n plugin sets it as an attribute, which Jinja reads before the item
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
