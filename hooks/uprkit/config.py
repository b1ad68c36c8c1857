"""The options of the ``upr`` plugin (``plugins: - upr: {...}`` in mkdocs.yml).

Declared as a MkDocs config schema, as Material's plugins do. The plugin checks them
itself once the site's languages are known (``check_options``), so that every mistake
is reported at once, in the editor's language, with the line in mkdocs.yml and, for a
misspelt name, the closest valid one; nothing is silently ignored or replaced.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c

from .i18n.messages import Messages


class UprConfig(base.Config):
    country = c.Type(str)
    """ISO 3166-1 alpha-2 code of the State under review (required)."""
    sample = c.Type(bool, default=False)
    """Show the "sample content" banner on every page and PDF."""
    pdf = c.Type(bool, default=True)
    """Render the printable PDFs (factsheets, café table piles, two-sided handouts)."""
    pdf_briefings = c.Type(bool, default=True)
    """Also print a briefing per recommending State and language."""
    pdf_workers = c.Type(int, default=min(2, os.cpu_count() or 1))
    """Worker processes rendering PDFs in parallel (at least 1)."""
    messages = c.Optional(c.Type(str))
    """Language of build messages (a site language); default: the site's default language."""
    editor_chrome = c.Type(bool, default=False)
    """Show the edit button, the repository link and "Made with Material" on every page;
    when false (the default) only on the editors' pages (readiness board, build messages,
    editors' guide): readers get the coalition, not the forge."""
    stale_translations = c.Type(str, default="notice")
    """Translated blocks whose original changed since: ``notice`` flags them (pages, board,
    log at INFO); ``warning`` also logs a warning each, so ``mkdocs build --strict`` fails."""
    # The web editor at /admin/ (site/admin.py)
    cms = c.Type(bool, default=True)
    """Publish the web editor (Sveltia CMS) at /admin/ and /<language>/admin/."""
    cms_backend = c.Type(str, default="github")
    """Where the editor saves: github, gitlab or gitea (Gitea and Forgejo)."""
    cms_repo = c.Optional(c.Type(str))
    """The repository as owner/name; default: the path of repo_url."""
    cms_branch = c.Type(str, default="main")
    """The branch the editor reads and writes (its changes become pull requests into it)."""
    cms_base_url = c.Optional(c.Type(str))
    """A self-hosted GitLab or Gitea/Forgejo: its address (https://...); GitHub: the address
    of the OAuth helper (e.g. Sveltia CMS Authenticator)."""
    cms_app_id = c.Optional(c.Type(str))
    """The OAuth application's id on GitLab or Gitea/Forgejo (sign-in without a token)."""


CMS_BACKENDS = ("github", "gitlab", "gitea")
STALE_CHOICES = ("notice", "warning")


_WANTS = {str: "want-text", int: "want-number", bool: "want-boolean"}


def option_lines(config_file: Path) -> dict[str, int]:
    """Line of each option under ``plugins: - upr:`` in mkdocs.yml (and of the entry itself, key "")."""
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return {}
    plugins = next((v for k, v in getattr(root, "value", []) if getattr(k, "value", None) == "plugins"), None)
    for item in getattr(plugins, "value", []) or []:
        if isinstance(item, yaml.MappingNode):
            for key, value in item.value:
                if key.value == "upr":
                    lines = {"": key.start_mark.line + 1}
                    for option, _ in getattr(value, "value", []) if isinstance(value, yaml.MappingNode) else []:
                        lines[option.value] = option.start_mark.line + 1
                    return lines
        elif isinstance(item, yaml.ScalarNode) and item.value == "upr":
            return {"": item.start_mark.line + 1}
    return {}


def configured_site_url(config_file: Path) -> str | None:
    """``site_url`` as written in mkdocs.yml (``mkdocs serve`` replaces it by the local
    server's address; PDFs must carry the published one, and be the same in both)."""
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return None
    for key, value in getattr(root, "value", []) if isinstance(root, yaml.MappingNode) else []:
        if key.value == "site_url" and isinstance(value, yaml.ScalarNode) and value.tag.endswith(":str"):
            return value.value or None
    return None


def option_where(config_file: Path, key: str) -> str:
    """``mkdocs.yml:LINE`` of one of the plugin's options (for messages about its value)."""
    line = option_lines(config_file).get(key)
    return f"{config_file.name}:{line}" if line else config_file.name


def messages_language(raw: dict[str, Any], languages: tuple[str, ...]) -> str:
    """The language messages are given in (read before the options are checked)."""
    wanted = raw.get("messages")
    return wanted if wanted in languages else languages[0]


def check_options(raw: dict[str, Any], languages: tuple[str, ...], msg: Messages, config_file: Path,
                  extra: dict[str, Any] | None = None) -> tuple[UprConfig, list[str]]:
    """Validate the plugin's options; returns them and every problem (one line each).
    ``extra`` is mkdocs.yml's ``extra``, where sites before 0.3 kept the options."""
    lines = option_lines(config_file)
    name = config_file.name

    def where(key: str) -> str:
        line = lines.get(key) or lines.get("")
        return f"{name}:{line}" if line else name

    options = UprConfig(config_file_path=str(config_file))
    options.load_dict(dict(raw))
    problems: list[str] = []
    known = [key for key, _ in options._schema]
    for key in raw:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            if close:
                problems.append(f"{where(key)}: " + msg("option-unknown-suggest", key=key, suggestion=close[0]))
            else:
                problems.append(f"{where(key)}: " + msg("option-unknown", key=key, options=", ".join(known)))
    for key, option in options._schema:
        value = options.get(key)
        try:
            options[key] = option.validate(value)
        except base.ValidationError:
            wanted = getattr(option, "_type", None) or getattr(getattr(option, "option", None), "_type", None)
            if value is None:
                problems.append(f"{where(key)}: " + msg("option-missing", key=key))
            else:
                problems.append(f"{where(key)}: " + msg("option-type", key=key, value=value, wanted=msg(_WANTS.get(wanted, "want-text"), name=key)))
    if isinstance(options.get("pdf_workers"), int) and options.pdf_workers < 1:
        problems.append(f"{where('pdf_workers')}: " + msg("option-workers", value=options.pdf_workers))
    if isinstance(options.get("stale_translations"), str) and options.stale_translations not in STALE_CHOICES:
        problems.append(f"{where('stale_translations')}: " + msg("option-stale", value=options.stale_translations))
    if isinstance(raw.get("messages"), str) and raw["messages"] not in languages:
        problems.append(f"{where('messages')}: " + msg("option-language", value=raw["messages"], languages=", ".join(languages)))
    problems += _cms_problems(raw, msg, where)
    if extra and "upr" in extra:
        problems.append(f"{name}: " + msg("options-moved"))
    return options, problems


def _cms_problems(raw: dict[str, Any], msg: Messages, where: Any) -> list[str]:
    problems = []
    backend, repo, url = raw.get("cms_backend"), raw.get("cms_repo"), raw.get("cms_base_url")
    if isinstance(backend, str) and backend not in CMS_BACKENDS:
        problems.append(f"{where('cms_backend')}: " + msg("option-cms-backend", value=backend, backends=", ".join(CMS_BACKENDS)))
    if isinstance(repo, str) and not re.fullmatch(r"[\w.-]+(/[\w.-]+)+", repo):
        problems.append(f"{where('cms_repo')}: " + msg("option-cms-repo", value=repo))
    if isinstance(url, str) and not url.startswith("https://"):
        problems.append(f"{where('cms_base_url')}: " + msg("option-cms-url", value=url))
    return problems


def build_date(msg: Messages) -> tuple[dt.date, str | None]:
    """Today, or the day of SOURCE_DATE_EPOCH when set (reproducible builds); and the
    problem with SOURCE_DATE_EPOCH, if any."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date(), None
        except ValueError:
            return dt.date.today(), msg("bad-epoch", value=epoch)
    return dt.date.today(), None
