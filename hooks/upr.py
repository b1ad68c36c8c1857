"""MkDocs hooks: turn factsheets/ and data/ into the bilingual factsheet site and its PDFs.

Thin on purpose: every handler delegates to the ``uprkit`` package beside this file
(imported here, at the top, because MkDocs puts this folder on sys.path only while
the hook module loads).
"""

from __future__ import annotations

from mkdocs.plugins import event_priority
from uprkit import site
from uprkit.printing import pipeline

_state = site.SiteState()


def on_startup(command, dirty):
    pipeline.keep_workers(command == "serve")


def on_shutdown():
    pipeline.shutdown()


# After mkdocs-static-i18n (-100): it sets the language of the build first.
@event_priority(-110)
def on_config(config):
    return _state.configure(config)


# After mkdocs-static-i18n's own on_files (-100): it rebuilds every File it sees from
# docs_dir, so pages generated before it would be lost (see STYLE.md).
@event_priority(-200)
def on_files(files, config):
    return _state.add_pages(files, config)


# After mkdocs-static-i18n's on_nav (-100), which would otherwise rebuild our sections.
@event_priority(-200)
def on_nav(nav, config, files):
    return _state.navigation(nav, files)


def on_env(env, config, files):
    return _state.template_env(env)


def on_page_content(html, page, config, files):
    return _state.split_parts(html, page)


# After mkdocs-static-i18n (50) has set the language switcher from file alternates.
@event_priority(-200)
def on_page_context(context, page, config, nav):
    return _state.page_context(context, page)


def on_post_page(output, page, config):
    _state.written(output, page)


# After mkdocs-static-i18n's on_post_build (-100), which builds the other languages:
# only then are all pages written and the PDFs can join them.
@event_priority(-200)
def on_post_build(config):
    _state.publish(config, building=config.plugins["i18n"].building)


def on_build_error(error):
    if not pipeline.keeps_workers():
        pipeline.shutdown()
