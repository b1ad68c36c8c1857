"""How content problems reach the editor: one line each, naming file and line."""

from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError

from .messages import Messages

log = logging.getLogger("mkdocs.plugins.upr")


class ContentError(PluginError):
    """Problems in the project's content that stop the build; each message is one line."""

    def __init__(self, *messages: str) -> None:
        super().__init__(messages[0])
        self.messages = list(messages)


class Problems:
    """Collects every error of one validation pass so the editor sees them all at once."""

    def __init__(self, msg: Messages) -> None:
        self.msg = msg
        self.errors: list[str] = []

    def error(self, where: str, message: str, /, **values) -> None:
        """Record ``message`` (a key of data/messages.yml) about ``where`` (``path`` or ``path:line``)."""
        text = self.msg(message, **values)
        self.errors.append(f"{where}: {text}" if where else text)

    def fail(self, where: str, message: str, /, **values) -> ContentError:
        """A ContentError for one message (to raise where collecting is not possible)."""
        text = self.msg(message, **values)
        return ContentError(f"{where}: {text}" if where else text)

    def check(self, func, *args, **kwargs):
        """Run ``func``; the ContentError it raises is recorded and ``None`` returned."""
        try:
            return func(*args, **kwargs)
        except ContentError as exc:
            self.errors.extend(exc.messages)
            return None

    def raise_if_any(self) -> None:
        """Log every error and stop the build if there were any."""
        if not self.errors:
            return
        for message in self.errors[:-1]:
            log.error(message)
        count = len(self.errors)
        summary = " " + self.msg("problem-count", count=count) if count > 1 else ""
        raise ContentError(self.errors[-1] + summary)
