"""A project as the ``upr`` command sees it: mkdocs.yml's languages and plugin options,
and its content, loaded with the same code as the build (no site is built)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError

from ..config import UprConfig, build_date, check_options, messages_language, option_where
from ..content import Content, load_content
from ..content.problems import Problems
from ..errors import ContentError
from ..i18n.messages import Messages, load_messages
from ..site.languages import languages_of


@dataclass
class Project:
    root: Path
    config_file: Path
    config: MkDocsConfig
    languages: tuple[str, ...]
    options: UprConfig
    msg: Messages

    def problems(self) -> Problems:
        return Problems(self.msg)

    def load(self, problems: Problems | None = None) -> Content:
        """Read and check data/ and factsheets/ (raises ContentError with every problem)."""
        problems = problems or self.problems()
        today, epoch_problem = build_date(self.msg)
        if epoch_problem:
            problems.errors.append(epoch_problem)
        return load_content(self.root, self.languages, self.options.country, problems, today, option_where(self.config_file, "country"))


def open_project(config_file: Path) -> Project:
    """Read mkdocs.yml (raises ContentError when it or the plugin's options are wrong)."""
    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # MkDocs' own config chatter
    try:
        config = load_config(str(config_file))
    except (ConfigurationError, OSError) as exc:
        raise ContentError(f"{config_file}: {exc}") from None
    root = Path(config.config_file_path).resolve().parent
    languages = languages_of(config)
    plugin = config.plugins.get("upr")
    raw = dict(getattr(plugin, "raw_options", {}) or {})
    msg = load_messages(root, messages_language(raw, languages))
    if plugin is None:
        raise ContentError(f"{config_file.name}: " + msg("plugin-missing"))
    options, problems = check_options(raw, languages, msg, Path(config.config_file_path), dict(config.extra))
    if problems:
        raise ContentError(*problems)
    return Project(root, Path(config.config_file_path), config, languages, options, msg)
