"""State of one `mkdocs build` (or one `mkdocs serve` rebuild) across its language builds.

mkdocs-static-i18n runs the whole build once per language, so every event fires once
per language. Content is loaded and validated once, in the first language's
``on_config`` (before anything is written: a bad file never leaves a half-built site);
pages are generated per language.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from . import downloads, export, navigation, pages, sheetview, views
from .catalog import Catalog, load_catalog
from .factsheets import Factsheet, load_factsheets
from .messages import load_messages
from .options import build_date, load_options, messages_language
from .printing import pipeline
from .problems import ContentError, Problems, log
from .render import split_parts


class Content:
    """Everything read from data/ and factsheets/, validated."""

    def __init__(self, root: Path, languages: list[str], config: MkDocsConfig) -> None:
        self.root = root
        self.languages = languages
        self.msg = load_messages(root, languages, messages_language(config.extra, languages))
        problems = Problems(self.msg)
        self.options = load_options(config.extra, problems)
        self.today = build_date(problems)
        self.catalog: Catalog = load_catalog(root, languages, self.options.country, problems)
        self.factsheets: dict[str, Factsheet] = load_factsheets(root, self.catalog, problems)
        problems.raise_if_any()
        for sheet in self.factsheets.values():
            for lang, missing in sheet.missing.items():
                if missing == ["all"]:
                    log.info(self.msg("not-translated", file=sheet.meta_path, text=f"{sheet.slug}.{lang}.md", code=lang))
                elif missing:
                    log.info(self.msg("partly-translated", file=sheet.texts[lang].path, missing=", ".join(missing)))

    pipeline = None

    def labels(self, lang: str) -> views.Labels:
        return views.Labels(self.catalog.labels, lang, self.msg)

    def site_facts(self, lang: str) -> dict:
        return views.site_view(self, lang)

    def format_date(self, value, lang: str) -> str:
        return views.format_date(self, value, lang)


class SiteState:
    def __init__(self) -> None:
        self.content: Content | None = None
        self.lang = ""
        self.default_lang = ""
        self.page_kinds: dict[str, tuple[str, str]] = {}
        self.to_fill: list[Path] = []
        self.site_views: dict[str, dict] = {}
        self.parts: dict[str, dict[str, str]] = {}

    def configure(self, config: MkDocsConfig) -> MkDocsConfig:
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise ContentError("mkdocs.yml: the i18n plugin (mkdocs-static-i18n) is required")
        languages = list(i18n.build_languages)
        self.lang = i18n.current_language
        self.default_lang = i18n.default_language
        if not i18n.building or self.content is None:
            self.to_fill = []
            self.site_views = {}
            root = Path(config.config_file_path).resolve().parent
            self.content = Content(root, [self.default_lang] + [lang for lang in languages if lang != self.default_lang], config)
            if self.content.options.pdf:
                self.content.pipeline = pipeline.Pipeline(self.content, config, self.content.options.pdf_workers)
                self.content.pipeline.start()
        self.page_kinds.clear()
        self.parts.clear()
        return config

    def prefix(self, lang: str) -> str:
        return "" if lang == self.default_lang else f"{lang}/"

    def add_pages(self, files: Files, config: MkDocsConfig) -> Files:
        content = self.content
        for spec in pages.page_specs(content, self.lang):
            file = File.generated(config, self.prefix(self.lang) + spec.src_uri, content=spec.markdown)
            file.edit_uri = spec.edit_path and "../" + spec.edit_path
            file.locale = file.locale_alternate_of = file.localization = self.lang
            file.alternates = {lang: SimpleNamespace(url=_url(self.prefix(lang) + spec.src_uri)) for lang in content.languages}
            files.append(file)
            self.page_kinds[file.src_uri] = (spec.kind, spec.key)
        return files

    def navigation(self, nav: Navigation, files: Files) -> Navigation:
        return navigation.build(self.content, self.lang, self.prefix(self.lang), nav, files)

    def split_parts(self, html: str, page: Page) -> str:
        kind = self.page_kinds.get(page.file.src_uri)
        if kind and kind[0] == "factsheet":
            self.parts[page.file.src_uri] = split_parts(html)
        return html

    def page_context(self, context: dict, page: Page) -> dict:
        content = self.content
        context["t"] = content.labels(self.lang)
        if self.lang not in self.site_views:  # the same for every page of a language
            self.site_views[self.lang] = views.site_view(content, self.lang)
        context["upr_site"] = self.site_views[self.lang]
        kind, key = self.page_kinds.get(page.file.src_uri, ("", ""))
        context["upr"] = views.page_view(content, self.lang, kind, key, self.parts.get(page.file.src_uri, {}), page)
        if kind == "factsheet":
            page.toc = _parts_toc(context["upr"], context["t"], page.toc)
        return context

    def template_env(self, env):
        env.filters["asset"] = env.filters["url"]
        return env

    def written(self, output: str, page: Page) -> None:
        """Remember pages whose download links wait for their PDFs' sizes."""
        if "@@pdf-size:" in output:
            self.to_fill.append(Path(page.file.abs_dest_path))

    def publish(self, config: MkDocsConfig, building: bool) -> None:
        """After the last language: the data export; wait for the PDFs, put them in the
        site, fill in their sizes."""
        if building or not self.content:
            return
        export.write(self.content, Path(config.site_dir))
        if not self.content.pipeline:
            return
        try:
            self.content.pipeline.finish_all()
            self.content.pipeline.publish(Path(config.site_dir))
            downloads.fill_sizes(self.content, self.to_fill)
        finally:
            if not pipeline.keeps_workers():
                pipeline.shutdown()


def _parts_toc(view: dict, t, narrative_toc: TableOfContents) -> TableOfContents:
    """The factsheet's parts as the page's table of contents (narrative headings nested)."""
    items = []
    for anchor, title in sheetview.parts_shown(view, t):
        link = AnchorLink(title, anchor, 2)
        if anchor == "part-framework":
            link.children = [child for item in narrative_toc for child in (item.children if item.level < 3 else [item])]
        items.append(link)
    return TableOfContents(items)


def _url(src_uri: str) -> str:
    """Directory URL of a generated page (``en/factsheets/x.md`` -> ``en/factsheets/x/``)."""
    path = src_uri.removesuffix(".md")
    return path.removesuffix("index") if path.endswith("index") else path + "/"
