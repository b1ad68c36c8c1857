"""One MkDocs command's work on the site: the plugin's events delegate here.

mkdocs-static-i18n runs the whole build once per language, so every event fires once
per language (see languages.py). Content is loaded and checked once, in the outer
build's ``on_config``, before anything is written (a bad file never leaves a half-built
site); the pages are generated per language; what every language shares (the data
export, the PDFs) is published after the last language. ``mkdocs build`` writes beside
the site and replaces it only when the whole build succeeded; ``mkdocs serve`` shows an
error site while the content has errors, and stops cleanly on SIGTERM (publish.py).
"""

from __future__ import annotations

import datetime as dt
import logging
import signal
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from jinja2 import Environment, Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from ..config import UprConfig, build_date, check_options, configured_site_url, messages_language, option_where
from ..content import Content, load_content
from ..content.factsheets import placeholder_lines
from ..content.fingerprints import outside_factsheets
from ..content.history import last_changes
from ..content.problems import Problems
from ..content.safety import sanitize
from ..content.translations import notices as translation_notices
from ..errors import ContentError
from ..i18n.messages import Messages, load_messages
from ..printing.documents import Kept, PrintSet
from ..printing.pipeline import Printer, PrintRun
from ..views import PageKind, page_view
from ..views.picker import picker
from ..views.sheetmarkdown import RenderedParts, split
from ..views.site import site_view
from . import admin, export, languages, navigation, pages, search, stylesheets, templatecache
from .cmsconfig import Backend
from .compact import compact
from .downloads import Downloads
from .memo import PerPage
from .preview import Preview
from .publish import Clearing, ErrorSite, Staging
from .rendered import Rendered
from .templatecache import list_installed_theme_once

log = logging.getLogger("mkdocs.plugins.upr")

WATCH_SECONDS = 0.2
"""How often the preview looks for edited content. MkDocs looks every half second, a
quarter of the edit-to-page wait; a scan of the sample's factsheets/ and data/ costs
0.6 ms of CPU (about 6 ms at 200 factsheets: 3% of a core while serving)."""


@dataclass
class Build:
    """The state of one build (all its languages)."""

    content: Content
    options: UprConfig
    run: PrintRun | None
    downloads: Downloads
    changes: dict[str, dt.date] = field(default_factory=dict)
    """When each file of factsheets/ last changed (git)."""
    site_views: dict[str, dict] = field(default_factory=dict)
    pickers: dict[str, dict] = field(default_factory=dict)
    search_pages: search.SearchPages = field(default_factory=search.SearchPages)
    """The generated diplomats' pages as search entries, every language's."""


PICKER_PAGES = {PageKind.STATES, PageKind.STATE, PageKind.EXPLORER, PageKind.SDGS, PageKind.SDG, PageKind.TIMELINE}
"""The diplomats' pages: each shows the State picker and is indexed for search from its HTML."""
EDITOR_PAGES = {PageKind.READINESS, PageKind.MESSAGES}
"""Generated pages for editors: they keep the edit button and the repository link."""


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
        self.staging: Staging | None = None
        self.failed: ErrorSite | None = None
        """While serving: the content has errors, the site shows them."""
        self.sitemap: dict[str, list[File]] = {}
        """Each language's pages so far (the last language's sitemap.xml lists them all)."""
        self.preview: Preview | None = None
        """While serving: PDFs render after the pages are served."""
        self.stylesheet: stylesheets.Combined | None = None
        """The reader's pages' one stylesheet (site/stylesheets.py), made by the outer build."""
        # the preview's rebuilds redo these only for the pages that changed
        self.compacted = PerPage(compact, keep=serving)
        self.sections = PerPage(search.sections_of, keep=serving)
        self.outside = ""
        """While serving: the digest of what lies outside factsheets/, as this load read it."""
        self.kept_print = Kept() if serving else None
        """While serving: print sheets and documents whose inputs did not change."""
        self.rendered = Rendered(keep=serving)
        """While serving: pages whose template was given what it was given last time."""
        self.clearing = Clearing()
        self._sigterm: Any = None
        if serving and threading.current_thread() is threading.main_thread():
            self._sigterm = signal.signal(signal.SIGTERM, _interrupt)

    def close(self) -> None:
        """The command ends (or, for ``build``, its PDFs are done)."""
        if self.printer is not None:
            self.printer.close()
            self.printer = None

    def shutdown(self) -> None:
        self.close()
        self.clearing.join()
        self.build_failed()
        if self._sigterm is not None:
            signal.signal(signal.SIGTERM, self._sigterm)
            self._sigterm = None

    # ------------------------------------------------------------ events
    def begin(self, config: MkDocsConfig) -> None:
        """First of all ``on_config`` handlers: a ``mkdocs build`` starts counting warnings."""
        if not self.serving and languages.build_of(config).outer:
            self.build_failed()
            self.staging = Staging(config)
        elif self.serving and languages.build_of(config).outer:
            if self.printer is not None:
                self.printer.pause()  # the pages first: the background PDFs wait for them
            self.clearing.clear(config.site_dir)

    def configure(self, config: MkDocsConfig, raw_options: dict[str, Any]) -> None:
        self.language = languages.build_of(config)
        languages.configure(config, self.language)
        list_installed_theme_once(config.theme)
        self.pages = LanguagePages()
        if self.language.outer:
            self.stylesheet = stylesheets.combine(config)
        if self.stylesheet is not None:
            stylesheets.apply(config, self.stylesheet)
        if self.language.outer:
            self.build, self.failed, self.sitemap = None, None, {}
            try:
                self.build = self._load(config, raw_options)
            except ContentError as exc:
                if not self.serving:
                    raise
                self._show_errors(config, raw_options, exc)
                return
            if self.staging is not None:
                self.staging.redirect(self.build.content.msg)

    def _show_errors(self, config: MkDocsConfig, raw: dict[str, Any], exc: ContentError) -> None:
        """While serving, content errors make an error site instead of a failed build."""
        root = Path(config.config_file_path).resolve().parent
        lang = messages_language(raw, self.language.languages)
        msg: Messages | None
        try:
            msg = load_messages(root, lang)
        except ContentError:
            msg = None
        self.failed = ErrorSite.of(root, exc.messages, msg, lang)
        # in strict mode an ERROR would fail the build, and the server would hang again
        level = logging.INFO if config.strict else logging.ERROR
        if msg is not None:
            log.log(level, msg("serve-error-site", count=len(self.failed.problems)))
        for problem in self.failed.problems:
            log.log(level, problem)

    def build_failed(self) -> None:
        """The build failed (or was abandoned): the site stays as it was."""
        if self.printer is not None:
            self.printer.resume()
        if self.staging is not None:
            self.staging.discard()
            self.staging = None

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
        if self.kept_print is not None:  # (serving) taken before the content is read
            self.outside = outside_factsheets(root)
            self.kept_print.begin(self.outside)
        content = load_content(root, langs, options.country, problems, today, option_where(Path(config.config_file_path), "country"))
        for notice in content.notices:
            log.info(str(notice))
        for stale, line in translation_notices(content):
            # stale_translations: warning makes each stale block a warning (--strict fails)
            log.log(logging.WARNING if stale and options.stale_translations == "warning" else logging.INFO, line)
        for line in placeholder_lines(content.factsheets, content.msg):
            # what upr new wrote is never published (--strict fails); the preview shows it
            log.log(logging.INFO if self.serving else logging.WARNING, line)
        run = None
        if options.pdf:
            if self.printer is None:
                self.printer = Printer(options.pdf_workers, self.serving)
            # serve puts its own address in site_url; the PDFs keep the published one (and the cache its keys)
            site_url = configured_site_url(Path(config.config_file_path)) if self.serving else config.get("site_url")
            printset = PrintSet(content, config["markdown_extensions"], config["mdx_configs"], site_url, options.sample, options.pdf_briefings,
                                templatecache.PRINT, self.kept_print)
            run = PrintRun(content, self.printer, printset)
            run.start(render=not self.serving)
        if self.serving:
            self.preview = self.preview or Preview(root)
            self.preview.replace(run)
        return Build(content, options, run, Downloads(content, run, wait=not self.serving), last_changes(root))

    def add_pages(self, files: Files, config: MkDocsConfig) -> Files:
        if self.stylesheet is not None and self.language is not None and self.language.outer:
            files.append(stylesheets.file_of(config, self.stylesheet))
        if self.failed is not None and self.language is not None:
            return self.failed.files(files, config, self.language)
        build, language = self._require()
        for src in pages.images_of(build.content, language.current):
            if files.get_file_from_path(language.prefix() + src) is None and (shared := languages.shared_file(config, language, src)):
                files.append(shared)
        for spec in pages.page_specs(build.content, language.current):
            file = languages.generated_file(config, language, spec.src_uri, spec.markdown, spec.edit_path)
            files.append(file)
            self.pages.kinds[file.src_uri] = (spec.kind, spec.key, spec.src_uri)
        self.sitemap[language.current] = files.documentation_pages()
        return files

    def navigation(self, nav: Navigation, files: Files) -> Navigation:
        if self.failed is not None:
            return nav
        build, language = self._require()
        return navigation.build(build.content, language.current, language.prefix(), nav, files)

    def page_content(self, html: str, page: Page) -> str:
        """Every page's rendered content passes the sanitizer (content is untrusted)."""
        kind = self.pages.kinds.get(page.file.src_uri)
        if kind and kind[0] is PageKind.FACTSHEET:
            self.pages.parts[page.file.src_uri] = split(html)
        return sanitize(html)

    def page_context(self, context: dict, page: Page, config: MkDocsConfig) -> dict:
        if self.failed is not None and self.language is not None:
            context["upr_site"], context["upr"] = {}, {}
            languages.switch_languages(config, self.language, "index.md")
            return context
        build, language = self._require()
        lang = language.current
        context["t"] = build.content.labels(lang)
        if lang not in build.site_views:  # the same for every page of a language
            build.site_views[lang] = site_view(build.content, lang, build.options.sample)
        context["upr_site"] = build.site_views[lang]
        generated = self.pages.kinds.get(page.file.src_uri)
        kind = generated[0] if generated else None
        context["upr_search_root"] = language.prefix()
        for_editors = kind in EDITOR_PAGES or navigation.is_editors_guide(page.url, language.prefix())
        context["upr_chrome"] = build.options.editor_chrome or for_editors
        if page.meta.get("template") == "home.html" or kind in PICKER_PAGES:
            if lang not in build.pickers:
                build.pickers[lang] = picker(build.content, lang)
            context["upr_picker"] = build.pickers[lang]
        if generated is None:
            context["upr"] = {}
            languages.switch_page(config, language, page)
            return context
        kind, key, src_uri = generated
        context["upr"] = page_view(build.content, lang, kind, key, self.pages.parts.get(page.file.src_uri), build.downloads, build.changes,
                                   editor=self.serving)
        languages.switch_languages(config, language, src_uri)
        if kind is PageKind.FACTSHEET:
            page.toc = _parts_toc(context["upr"]["parts"], page.toc)
        return context

    def post_page(self, output: str, page: Page) -> str:
        """A page as written: without the templates' indentation; a diplomats' page also
        becomes search entries (its Markdown is empty)."""
        dest = page.file.dest_uri
        output = self.compacted(dest, output)
        if self.build is None or self.language is None:
            return output
        generated = self.pages.kinds.get(page.file.src_uri)
        if generated is None or generated[0] not in PICKER_PAGES:
            return output
        kind, key, _src_uri = generated
        catalog, tags, boost = self.build.content.catalog, [], search.INDEX_BOOST
        if kind is PageKind.STATE:
            tags = [*dict.fromkeys(catalog.state_name(key, lang) for lang in self.language.languages), key]
            boost = search.BRIEFING_BOOST
        elif kind is PageKind.SDG:
            boost = 1.0
        self.build.search_pages.add(output, page.url, page.title or "", tags, boost, self.sections(dest, output))
        return output

    def environment(self, env: Environment, config: MkDocsConfig) -> None:
        """``on_env``: while serving, pages render through the memo of rendered pages."""
        self.rendered.install(env, config, self.outside)

    def template(self, template: Template, name: str) -> Template:
        if self.failed is not None and self.language is not None and name == "404.html":
            return self.failed.template(template, self.language.current)
        return template

    def template_context(self, context: dict, name: str) -> dict:
        if name == "sitemap.xml" and self.language is not None:
            context["upr_sitemap"] = [file for lang in self.language.languages for file in self.sitemap.get(lang, [])]
        if self.failed is not None and self.language is not None and name == "404.html":
            context["upr_error"] = self.failed.context(self.language.current)
        return context

    def post_build(self, config: MkDocsConfig) -> None:
        """After the last language: the data export and the PDFs into the site, then
        (``mkdocs build``) the new site in place of the old one."""
        if not languages.build_of(config).outer:
            return
        try:
            self._post_build(config)
        finally:
            if self.serving and self.printer is not None:
                self.printer.resume()

    def _post_build(self, config: MkDocsConfig) -> None:
        if self.build is None:
            return
        build = self.build
        if self.serving:
            log.debug(f"pages kept {self.rendered.kept}, rendered {self.rendered.made} (since serve started)")
        export.write(build.content, Path(config.site_dir))
        search.write_indexes(Path(config.site_dir), languages.build_of(config), build.search_pages)
        if build.options.cms:
            o = build.options
            backend = Backend.of(o.cms_backend, o.cms_repo, o.cms_branch, o.cms_base_url, o.cms_app_id, config.get("repo_url"))
            editor = admin.write_editor(build.content, backend, Path(config.site_dir), configured_site_url(Path(config.config_file_path)))
            log.info(build.content.msg("cms-written", size=f"{editor.size / 1e6:.1f}"))
        else:
            admin.remove_editor(Path(config.site_dir), build.content.languages)
        if build.run is not None:
            self._publish_pdfs(build.run, Path(config.site_dir))
        if self.staging is not None:
            self.staging.commit()
            self.staging = None

    def _publish_pdfs(self, run: PrintRun, site_dir: Path) -> None:
        if self.serving and self.preview is not None:
            # the preview: publish what is ready, print the rest after the pages are served;
            # the page budget is told on the page, not as a warning that would stop serve
            for warning in run.warnings():
                log.info(warning)
            run.publish(site_dir)
            self.preview.render_later(run)
            return
        try:
            run.finish()
        finally:
            self.close()
        for line in run.progress:
            log.info(line)
        if summary := run.summary():
            log.info(summary)
        for warning in run.warnings():
            log.warning(warning)
        run.publish(site_dir)

    def serve_started(self, server: Any) -> None:
        """``on_serve``: rebuild when the background PDFs are ready; look for edits of
        factsheets/ and data/ (watched after this event) every ``WATCH_SECONDS``."""
        observer = getattr(server, "observer", None)  # watchdog's PollingObserver: MkDocs polls every 0.5 s
        if isinstance(getattr(observer, "_timeout", None), (int, float)):
            observer._timeout = min(observer._timeout, WATCH_SECONDS)
        if self.preview is not None:
            self.preview.watch(server)

    def _require(self) -> tuple[Build, languages.LanguageBuild]:
        if self.build is None or self.language is None:
            raise ContentError("the upr plugin's on_config did not run: list '- upr' under plugins in mkdocs.yml")
        return self.build, self.language


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """SIGTERM stops ``mkdocs serve`` as Ctrl-C does: MkDocs shuts the server down and
    ``on_shutdown`` ends the PDF workers. A second SIGTERM ends the process at once."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    raise KeyboardInterrupt


def _parts_toc(parts: list[dict], narrative_toc: TableOfContents) -> TableOfContents:
    """The factsheet's parts as the page's table of contents (narrative headings nested)."""
    items = []
    for part in parts:
        link = AnchorLink(part["title"], part["anchor"], 2)
        if part["name"] == "framework":
            link.children = [child for item in narrative_toc for child in (item.children if item.level < 3 else [item])]
        items.append(link)
    return TableOfContents(items)
