"""Where a build's output goes: into place only when it is whole, or, while serving, an
error site instead of a hanging server.

* ``Staging`` makes ``mkdocs build`` atomic. The outer build's ``on_config`` points
  ``config.site_dir`` at a fresh folder beside the real one (``site.upr-tmp-<pid>``, same
  filesystem, so the final rename is atomic); every language goes there too, because
  mkdocs-static-i18n reads ``config.site_dir`` when it places each language's files
  (``site_dir/en/...``) and never sets it. At the very end of a build that succeeded the
  folder replaces the real one (old renamed away, new renamed in, old removed; hidden
  entries of the old site are kept, as MkDocs' own cleaning keeps them). A failed build
  removes it: on an exception (``on_build_error``), and in strict mode when any WARNING
  or worse was logged on the ``mkdocs`` logger, since MkDocs raises its strict-mode Abort
  only after ``on_post_build``, so the count is kept here for the whole build.
* ``Clearing``: while serving, each rebuild starts by moving the last build's pages out of
  the served folder (one rename each, into a hidden folder inside it, which MkDocs'
  cleaning skips) and deleting them in the background; MkDocs deleted them itself first
  thing in every rebuild, which on this kind of disk took a tenth of a second per edit.
* ``ErrorSite`` is what ``mkdocs serve`` shows while the content has errors: instead of a
  failed build (after which the server holds every request until the errors are fixed),
  each language's pages are replaced by one page listing the problems, and the 404 page,
  which serve returns for any path that has no file, lists them too.
"""

from __future__ import annotations

import itertools
import logging
import os
import re
import shutil
import threading
from dataclasses import dataclass
from html import escape
from pathlib import Path

import yaml
from jinja2 import Template
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from ..i18n.messages import Messages
from . import languages, pages

log = logging.getLogger("mkdocs.plugins.upr")

TEMP, OLD = "upr-tmp", "upr-old"
"""Marks of the folders beside the site: ``site.upr-tmp-<pid>``, ``site.upr-old-<pid>``."""


class WarningCount(logging.Handler):
    """Counts WARNING-or-worse records (what makes MkDocs' strict mode abort)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class Staging:
    """One ``mkdocs build`` writing beside the real site and replacing it at its end.

    Created when the outer build starts (it counts warnings from then on, and tidies up
    after killed builds); ``redirect`` once the content is loaded, then ``commit`` or
    ``discard``."""

    def __init__(self, config: MkDocsConfig) -> None:
        self._count = WarningCount()
        self._logger = logging.getLogger("mkdocs")
        self._logger.addHandler(self._count)
        self.config, self.site_dir = config, config.site_dir
        self.site = Path(config.site_dir).resolve()
        self.temp: Path | None = None
        self.msg: Messages | None = None
        _recover(self.site)

    def redirect(self, msg: Messages) -> None:
        """Make this build (every language) write into a fresh folder beside the site."""
        self.msg = msg
        self.temp = _beside(self.site, TEMP, os.getpid())
        shutil.rmtree(self.temp, ignore_errors=True)
        self.config.site_dir = str(self.temp)
        log.info(msg("site-staging", temp=self.temp.name, site=self.site.name))

    def commit(self) -> bool:
        """Put the new site in place, unless strict mode is to abort the build."""
        self._stop_counting()
        if self.temp is None:
            return True
        if self.config.strict and self._count.count:
            self.discard(self.msg and self.msg("site-kept-strict", count=self._count.count, site=self.site.name))
            return False
        self.temp.mkdir(parents=True, exist_ok=True)  # a build that wrote nothing is an empty site
        _swap(self.temp, self.site)
        self._restore()
        return True

    def discard(self, reason: str | None = None) -> None:
        """The build failed: remove what it wrote; the site stays as it was."""
        self._stop_counting()
        if self.temp is not None:
            shutil.rmtree(self.temp, ignore_errors=True)
            if self.msg:
                log.info(reason or self.msg("site-kept", site=self.site.name))
        self._restore()

    def _restore(self) -> None:
        if self.temp is not None:
            self.config.site_dir = self.site_dir
        self.temp = None

    def _stop_counting(self) -> None:
        self._logger.removeHandler(self._count)


class Clearing:
    """The served folder emptied at the start of a rebuild, its old pages deleted by a
    background thread (``join`` waits for them when the server stops)."""

    def __init__(self) -> None:
        self._threads: list[threading.Thread] = []
        self._numbers = itertools.count()

    def clear(self, site_dir: str) -> None:
        site = Path(site_dir)
        if not site.is_dir():
            return
        entries = [entry for entry in site.iterdir() if not entry.name.startswith(".")]
        if not entries:
            return
        trash = site / f".{OLD}-{next(self._numbers)}"
        trash.mkdir()
        for entry in entries:
            entry.rename(trash / entry.name)
        thread = threading.Thread(target=shutil.rmtree, args=(trash,), kwargs={"ignore_errors": True}, daemon=True)
        thread.start()
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]

    def join(self) -> None:
        for thread in self._threads:
            thread.join()
        self._threads = []


def _beside(site: Path, mark: str, pid: int) -> Path:
    return site.with_name(f"{site.name}.{mark}-{pid}")


def alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a lock's owner; also the kit's)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _recover(site: Path) -> None:
    """Tidy up after builds that were killed: their folders beside the site go, and if
    one was killed between the two renames of a swap, the old site comes back."""
    if not site.parent.is_dir():
        return
    pattern = re.compile(re.escape(site.name) + rf"\.({TEMP}|{OLD})-(\d+)")
    for path in site.parent.iterdir():
        found = pattern.fullmatch(path.name)
        if not found or (int(found[2]) != os.getpid() and alive(int(found[2]))):
            continue
        if found[1] == OLD and not site.exists():
            path.rename(site)
        else:
            shutil.rmtree(path, ignore_errors=True)


def _swap(temp: Path, site: Path) -> None:
    if not site.exists():
        temp.rename(site)
        return
    old = _beside(site, OLD, os.getpid())
    try:
        site.rename(old)
    except OSError:  # the site folder itself cannot move (a mount point): swap its contents
        _replace_contents(temp, site)
        return
    try:
        temp.rename(site)
    except OSError:
        old.rename(site)
        raise
    for entry in old.iterdir():
        if entry.name.startswith(".") and not (site / entry.name).exists():
            entry.rename(site / entry.name)
    shutil.rmtree(old, ignore_errors=True)


def _replace_contents(temp: Path, site: Path) -> None:
    for entry in site.iterdir():
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    for entry in temp.iterdir():
        os.replace(entry, site / entry.name)
    temp.rmdir()


# ---------------------------------------------------------------- mkdocs serve
NOT_FOUND = (
    '{% extends "main.html" %}'
    # pages served as the 404 page get no live-reload script from MkDocs: reload instead
    '{% block extrahead %}{{ super() }}<meta http-equiv="refresh" content="3">{% endblock %}'
    "{% block content %}{{ upr_error }}{% endblock %}"
)


@dataclass(frozen=True)
class ErrorSite:
    """The site ``mkdocs serve`` shows while the content has errors."""

    problems: tuple[str, ...]
    """Every problem, one line each (``file:line: message``), in the editor's language."""
    lang: str
    """The editor's language (of the messages): the 404 page is in it."""
    labels: dict

    @classmethod
    def of(cls, root: Path, messages: list[str], msg: Messages | None, lang: str) -> ErrorSite:
        problems = list(messages)
        if msg is not None and problems:  # the count at the end says "listed above" in a log
            problems[-1] = problems[-1].removesuffix(" " + msg("problem-count", count=len(problems)))
        try:
            labels = yaml.safe_load((root / "data" / "labels.yml").read_text(encoding="utf-8-sig"))
        except (OSError, yaml.YAMLError):  # the problem may be in labels.yml itself
            labels = None
        return cls(tuple(problems), lang, labels if isinstance(labels, dict) else {})

    def label(self, key: str, lang: str) -> str:
        texts = self.labels.get(key)
        text = texts.get(lang) if isinstance(texts, dict) else None
        return text if isinstance(text, str) else f"[{key}]"

    def html(self, lang: str) -> str:
        items = "".join(f"<li>{escape(problem)}</li>" for problem in self.problems)
        return (
            f'<div class="upr-serve-error"><h1>{escape(self.label("serve-error-title", lang))}</h1>'
            f"<p>{escape(self.label('serve-error-intro', lang))}</p><ul>{items}</ul></div>\n"
        )

    def files(self, files: Files, config: MkDocsConfig, build: languages.LanguageBuild) -> Files:
        """This language's pages, replaced by the error page (a home page, so the i18n
        plugin finds one and the language switcher has a target)."""
        for file in [f for f in files if f.is_documentation_page()]:
            files.remove(file)
        markdown = pages.head(self.label("serve-error-title", build.current), "main.html") + self.html(build.current)
        files.append(languages.generated_file(config, build, "index.md", markdown, None))
        return files

    def template(self, template: Template, lang: str) -> Template:
        """The 404 page lists the problems, in the editor's language: the other
        languages' builds leave it (an empty output is not written)."""
        return template.environment.from_string(NOT_FOUND if lang == self.lang else "")

    def context(self, lang: str) -> Markup:
        return Markup(self.html(lang))
