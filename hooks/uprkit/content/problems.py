"""How content problems reach the editor: one line each, naming file and line.

Every check reports into one ``Problems`` so the editor sees all problems at once; the
words come from data/messages.yml in the editor's language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..errors import ContentError
from ..i18n.messages import Messages

T = TypeVar("T")


@dataclass(frozen=True)
class Notice:
    """Something an editor should know that does not stop the build (a missing translation)."""

    where: str
    text: str
    file: str = ""
    """The file it is about, when ``where`` is empty (the message names it)."""

    def __str__(self) -> str:
        return f"{self.where}: {self.text}" if self.where else self.text


@dataclass
class Problems:
    """Collects every error and notice of one validation pass."""

    msg: Messages
    errors: list[str] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    def line(self, where: str, message: str, /, **values: Any) -> str:
        text = self.msg(message, **values)
        return f"{where}: {text}" if where else text

    def error(self, where: str, message: str, /, **values: Any) -> None:
        """Record ``message`` (a key of data/messages.yml) about ``where`` (``path`` or ``path:line``)."""
        self.errors.append(self.line(where, message, **values))

    def notice(self, where: str, message: str, /, **values: Any) -> None:
        self.notices.append(Notice(where, self.msg(message, **values), str(values.get("file", ""))))

    def fail(self, where: str, message: str, /, **values: Any) -> ContentError:
        """A ContentError for one message (to raise where collecting is not possible)."""
        return ContentError(self.line(where, message, **values))

    def check(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Run ``func``; the ContentError it raises is recorded and ``None`` returned."""
        try:
            return func(*args, **kwargs)
        except ContentError as exc:
            self.errors.extend(exc.messages)
            return None

    def raise_if_any(self) -> None:
        """Stop with every error; the last line says how many there were."""
        if not self.errors:
            return
        messages = list(self.errors)
        if len(messages) > 1:
            messages[-1] += " " + self.msg("problem-count", count=len(messages))
        raise ContentError(*messages)
