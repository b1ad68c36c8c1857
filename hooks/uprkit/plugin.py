"""The ``upr`` MkDocs plugin: turns factsheets/ and data/ into the bilingual factsheet
site and its PDFs.

Thin on purpose: each event handler delegates to ``site.build.SiteBuild``, which lives
as long as the MkDocs command. Event priorities place us after mkdocs-static-i18n
(priority -100) where it rebuilds what we add; each says why.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, Literal, TypeVar

from jinja2 import Environment, Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .config import UprConfig
from .errors import ContentError
from .site import languages, offline
from .site.build import SiteBuild
from .site.templatecache import share_compiled_templates

log = logging.getLogger("mkdocs.plugins.upr")
F = TypeVar("F", bound=Callable[..., Any])


def _reported(handler: F) -> F:
    """Content problems end the build with every message, one line each, no traceback."""

    @functools.wraps(handler)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return handler(*args, **kwargs)
        except ContentError as exc:
            for message in exc.messages[:-1]:
                log.error(message)
            raise PluginError(exc.messages[-1] if exc.messages else str(exc)) from None

    return run  # type: ignore[return-value]


class UprPlugin(BasePlugin[UprConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self.raw_options: dict[str, Any] = {}
        self.site: SiteBuild | None = None

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None) -> tuple[list, list]:
        """Keep the options as written: they are checked in ``on_config``, once the site's
        languages (and so the language of messages) are known."""
        self.raw_options = dict(options)
        self.config = UprConfig(config_file_path=config_file_path)
        self.config.load_dict(options)
        return [], []

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.site = SiteBuild(serving=command == "serve")

    def on_shutdown(self) -> None:
        if self.site is not None:
            self.site.shutdown()

    def _site(self) -> SiteBuild:
        if self.site is None:  # built through the API (tests) without on_startup
            self.site = SiteBuild(serving=False)
        return self.site

    # Before every other plugin: a build's warnings are counted from its start.
    @event_priority(100)
    @_reported
    def _on_config_begin(self, config: MkDocsConfig) -> MkDocsConfig:
        self._site().begin(config)
        return config

    # After mkdocs-static-i18n (-100): it sets the language of the build first.
    @event_priority(languages.AFTER_CONFIG)
    @_reported
    def _on_config_load(self, config: MkDocsConfig) -> MkDocsConfig:
        self._site().configure(config, self.raw_options)
        return config

    on_config = CombinedEvent(_on_config_begin, _on_config_load)

    # After mkdocs-static-i18n's own on_files (-100): it rebuilds every File it sees from
    # docs_dir, so pages generated before it would be lost.
    @event_priority(languages.AFTER)
    @_reported
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        return self._site().add_pages(files, config)

    # After mkdocs-static-i18n's on_nav (-100), which would otherwise rebuild our sections.
    @event_priority(languages.AFTER)
    @_reported
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        return self._site().navigation(nav, files)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # pages as files (the offline kit): the views' directory addresses name those files
        offline.install(env.filters, config.use_directory_urls, files, languages.build_of(config))
        # templates shared with the print layout name files of docs/ with `asset`
        env.filters["asset"] = env.filters["url"]
        share_compiled_templates(env)  # the preview's rebuilds compile only edited templates
        self._site().environment(env, config)  # and render only pages whose inputs changed
        return env

    def on_pre_template(self, template: Template, *, template_name: str, config: MkDocsConfig) -> Template:
        return self._site().template(template, template_name)

    def on_template_context(self, context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
        return self._site().template_context(context, template_name)

    @_reported
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self._site().page_content(html, page)

    # After mkdocs-static-i18n (50), which sets the language switcher of its own pages.
    @event_priority(languages.AFTER)
    @_reported
    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        return self._site().page_context(context, page, config)

    # The diplomats' pages as written join the search index (site/search.py); every page
    # loses the templates' indentation (site/compact.py).
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return self._site().post_page(output, page)

    # After mkdocs-static-i18n's on_post_build (-100), which builds the other languages:
    # only then are all pages written and the PDFs can join them; last of all, the new
    # site replaces the old one.
    @event_priority(languages.AFTER)
    @_reported
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._site().post_build(config)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Callable) -> Any:
        self._site().serve_started(server)
        return server

    def on_build_error(self, *, error: Exception) -> None:
        if self.site is not None:
            self.site.build_failed()
            if not self.site.serving:
                self.site.close()
