"""Benchmark only: lets mkdocs-with-pdf build our site next to mkdocs-static-i18n.

mkdocs-static-i18n removes with-pdf's event handlers from MkDocs' lists while MkDocs is
iterating the `config` list, so the handler after it is skipped. This no-op handler sits
right after i18n's (priority -100) and takes that skip, so the project's hook still runs.
"""

from mkdocs.plugins import event_priority


@event_priority(-105)
def on_config(config):
    return config
