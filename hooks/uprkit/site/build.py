"""One MkDocs command's work on the site: the plugin's events delegate here.

mkdocs-static-i18n runs the whole build once per language, so every event fires once
per language (see languages.py). Content is loaded and checked once, in the outer
build's ``on_config``, before anything is written (a bad file never leaves a half-built
site); the pages are generated per language; what every language shares (the data
export, the PDFs) is published after the last language.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from ..config import UprConfig, build_date, check_options, messages_language
from ..content import Content, load_content
from ..content.problems import Problems
from ..content.safety import sanitize
from ..errors import ContentError
from ..i18n.messages import load_messages
from ..printing.documents import PrintSet
from ..printing.pipeline import Printer, PrintRun
from ..views import PageKind, page_view
from ..views.sheetmarkdown import RenderedParts, split
from ..views.site import site_view
from . import export, languages, navigation, pages
from .downloads import Downloads

log = logging.getLogger("mkdocs.plugins.upr")


@dataclass
class Build:
    """The state of one build (all its languages)."""

    content: Content
    options: UprConfig
    run: PrintRun | None
    downloads: Downloads
    site_views: dict[str, dict] = field(default_factory=dict)


@dataclass
class LanguagePages:
    """What one language's build generated (reset for every language)."""

    kinds: dict[str, tuple[PageKind, str, str]] = field(default_factory=dict)
    """src_uri -> (kind, key, src_uri without language prefix)."""
    parts: dict[str, RenderedParts] = field(default_factory=dict)


class SiteBuild:
    """Lives as long as the MkDocs command (one ``build``, or a whole ``serve``)."""

    def __init__(self, serving: bool) -> None:
        self.serving = serving
        self.printer: Printer | None = None
        self.build: Build | None = None
        self.language: languages.LanguageBuild | None = None
        self.pages = LanguagePages()

    def close(self) -> None:
        if self.printer is not None:
            self.printer.close()
            self.printer = None

    # ------------------------------------------------------------ events
    def configure(self, config: MkDocsConfig, raw_options: dict[str, Any]) -> None:
        self.language = languages.build_of(config)
        self.pages = LanguagePages()
        if self.language.outer:
            self.build = None
            self.build = self._load(config, raw_options)

    def _load(self, config: MkDocsConfig, raw: dict[str, Any]) -> Build:
        root = Path(config.config_file_path).resolve().parent
        langs = self.language.languages
        msg = load_messages(root, messages_language(raw, langs))
        options, option_problems = check_options(raw, langs, msg, Path(config.config_file_path))
        problems = Problems(msg, list(option_problems))
        if "upr" in config.extra:
            problems.error(Path(config.config_file_path).name, "options-moved")
        today, epoch_problem = build_date(msg)
        if epoch_problem:
            problems.errors.append(epoch_problem)
        if option_problems:
            problems.raise_if_any()
        content = load_content(root, langs, options.country, problems, today)
        for notice in content.notices:
            log.info(str(notice))
        run = None
        if options.pdf:
            if self.printer is None:
                self.printer = Printer(options.pdf_workers, self.serving)
            printset = PrintSet(content, config["markdown_extensions"], config["mdx_configs"], config.get("site_url"), options.sample, options.pdf_briefings)
            run = PrintRun(content, self.printer, printset)
            run.start()
        return Build(content, options, run, Downloads(content, run))

    def add_pages(self, files: Files, config: MkDocsConfig) -> Files:
        build, language = self._require()
        depth = 0 if language.current == language.default else 1
        for spec in pages.page_specs(build.content, language.current, depth):
            file = languages.generated_file(config, language, spec.src_uri, spec.markdown, spec.edit_path)
            files.append(file)
            self.pages.kinds[file.src_uri] = (spec.kind, spec.key, spec.src_uri)
        return files

    def navigation(self, nav: Navigation, files: Files) -> Navigation:
        build, language = self._require()
        return navigation.build(build.content, language.current, language.prefix(), nav, files)

    def page_content(self, html: str, page: Page) -> str:
        """Every page's rendered content passes the sanitizer (content is untrusted)."""
        kind = self.pages.kinds.get(page.file.src_uri)
        if kind and kind[0] is PageKind.FACTSHEET:
            self.pages.parts[page.file.src_uri] = split(html)
        return sanitize(html)

    def page_context(self, context: dict, page: Page, config: MkDocsConfig) -> dict:
        build, language = self._require()
        lang = language.current
        context["t"] = build.content.labels(lang)
        if lang not in build.site_views:  # the same for every page of a language
            build.site_views[lang] = site_view(build.content, lang, build.options.sample)
        context["upr_site"] = build.site_views[lang]
        generated = self.pages.kinds.get(page.file.src_uri)
        if generated is None:
            context["upr"] = {}
            return context
        kind, key, src_uri = generated
        context["upr"] = page_view(build.content, lang, kind, key, self.pages.parts.get(page.file.src_uri), build.downloads)
        languages.switch_languages(config, language, src_uri)
        if kind is PageKind.FACTSHEET:
            page.toc = _parts_toc(context["upr"]["parts"], page.toc)
        return context

    def post_build(self, config: MkDocsConfig) -> None:
        """After the last language: the data export, and the PDFs into the site."""
        if self.build is None or not languages.build_of(config).outer:
            return
        build = self.build
        export.write(build.content, Path(config.site_dir))
        if build.run is None:
            return
        try:
            build.run.finish()
        finally:
            if not self.serving:
                self.close()
        for line in build.run.progress:
            log.info(line)
        if summary := build.run.summary():
            log.info(summary)
        for warning in build.run.warnings():
            log.warning(warning)
        build.run.publish(Path(config.site_dir))

    def _require(self) -> tuple[Build, languages.LanguageBuild]:
        if self.build is None or self.language is None:
            raise ContentError("the upr plugin's on_config did not run: list '- upr' under plugins in mkdocs.yml")
        return self.build, self.language


def _parts_toc(parts: list[dict], narrative_toc: TableOfContents) -> TableOfContents:
    """The factsheet's parts as the page's table of contents (narrative headings nested)."""
    items = []
    for part in parts:
        link = AnchorLink(part["title"], part["anchor"], 2)
        if part["name"] == "framework":
            link.children = [child for item in narrative_toc for child in (item.children if item.level < 3 else [item])]
        items.append(link)
    return TableOfContents(items)
