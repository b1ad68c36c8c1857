"""The project's own settings in mkdocs.yml (``extra.upr``), with a declared schema."""

from __future__ import annotations

import datetime as dt
import os

from mkdocs.config import base
from mkdocs.config import config_options as c

from .problems import ContentError


class UprOptions(base.Config):
    country = c.Type(str)
    """ISO 3166-1 alpha-2 code of the State under review, e.g. KG."""
    sample = c.Type(bool, default=False)
    """Show the "sample content" banner on every page."""


def load_options(extra: dict) -> UprOptions:
    options = UprOptions()
    options.load_dict(dict(extra.get("upr") or {}))
    failed, _warnings = options.validate()
    if failed:
        key, error = failed[0]
        raise ContentError(f"mkdocs.yml: extra.upr.{key}: {error}")
    return options


def build_date() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
        except ValueError:
            raise ContentError(f"SOURCE_DATE_EPOCH='{epoch}' is not a number of seconds; unset it or fix it") from None
    return dt.date.today()
