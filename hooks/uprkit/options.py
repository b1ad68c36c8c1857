"""The project's own settings in mkdocs.yml (``extra.upr``), with a declared schema."""

from __future__ import annotations

import datetime as dt
import os

from mkdocs.config import base
from mkdocs.config import config_options as c

from .problems import Problems


class UprOptions(base.Config):
    country = c.Type(str)
    """ISO 3166-1 alpha-2 code of the State under review."""
    sample = c.Type(bool, default=False)
    """Show the "sample content" banner on every page."""
    pdf = c.Type(bool, default=True)
    """Render the printable PDFs (factsheets, café table piles, two-sided handouts)."""
    pdf_briefings = c.Type(bool, default=True)
    """Also print a briefing per recommending State and language."""
    pdf_workers = c.Type(int, default=min(2, os.cpu_count() or 1))
    """Worker processes rendering PDFs in parallel."""
    messages = c.Optional(c.Type(str))
    """Language of build messages (a site language); default: the site's default language."""


def messages_language(extra: dict, languages: list[str]) -> str:
    """The language build messages are given in (read before the options are checked)."""
    wanted = (extra.get("upr") or {}).get("messages")
    return wanted if wanted in languages else languages[0]


def load_options(extra: dict, problems: Problems) -> UprOptions:
    options = UprOptions()
    options.load_dict(dict(extra.get("upr") or {}))
    failed, _warnings = options.validate()
    if failed:
        key, error = failed[0]
        raise problems.fail("mkdocs.yml", "option-invalid", key=key, error=error)
    return options


def build_date(problems: Problems) -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
        except ValueError:
            raise problems.fail("", "bad-epoch", value=epoch) from None
    return dt.date.today()
