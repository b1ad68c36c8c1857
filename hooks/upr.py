"""MkDocs hooks: turn factsheets/ and data/ into the bilingual factsheet site.

Thin on purpose: every handler delegates to the ``uprkit`` package beside this file
(imported here, at the top, because MkDocs puts this folder on sys.path only while
the hook module loads).
"""

from __future__ import annotations

from mkdocs.plugins import event_priority
from uprkit import site

_state = site.SiteState()


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


def on_page_content(html, page, config, files):
    return _state.split_parts(html, page)


# After mkdocs-static-i18n (50) has set the language switcher from file alternates.
@event_priority(-200)
def on_page_context(context, page, config, nav):
    return _state.page_context(context, page)


def on_env(env, config, files):
    return _state.template_env(env)

