"""The one exception the content core raises: problems an editor must fix.

It carries every message (one line each, already in the editor's language) so the
caller can list them all; the MkDocs plugin turns it into MkDocs' own error, the
``upr`` command prints it.
"""

from __future__ import annotations


class ContentError(Exception):
    """Problems in the project's content that stop a build or a check."""

    def __init__(self, *messages: str) -> None:
        super().__init__(messages[0] if messages else "")
        self.messages = list(messages)
