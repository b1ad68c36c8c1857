"""Pages as the theme rendered them, kept by the preview while what they are made of
is unchanged.

``mkdocs serve`` renders every page of every language after each edit, and Jinja is
half of such a rebuild; an edit of one factsheet changes a few dozen of the ~200 pages
(its own, its group's and tables', the briefings that list it, the pages that show both
languages). Each page's HTML is kept with a digest of everything its template is given:

* the context as MkDocs and every plugin left it (this plugin's views and labels, the
  language switcher, the page with its content, table of contents and front matter, the
  titles, addresses and front matter of the navigation's pages, the configuration as the
  plugins set it for this language);
* the digest of what lies outside factsheets/ (``fingerprints.outside_factsheets``:
  mkdocs.yml, data/, overrides/ with the templates, docs/ but its pages and scripts,
  git's HEAD), taken before the content was loaded: a file saved during the load can
  only make the digest older than what was loaded, so a page is rendered again, never
  kept stale;
* the template's name.

A dict is digested as its items (the labels' plural forms, kept beside the items, come
from data/labels.yml, which that digest covers). A value of a type not known here
makes its page be rendered every time (never kept on a guess), and so does a render
that logged a warning or an error (a label missing from data/labels.yml): the message
comes again on every rebuild, as without the memo.
``build_date_utc`` is left out: no template of the theme or of overrides/ shows it, and it
changes every build. ``mkdocs build`` keeps nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
import logging
import types
from collections.abc import Callable, Mapping
from pathlib import PurePath
from typing import Any

from babel import Locale
from jinja2 import Environment, Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from .publish import WarningCount

_OUTSIDE_CONTEXT = ("nav", "pages", "config", "page", "build_date_utc")
"""What the digest takes apart from the generic walk: ``nav`` and ``pages`` (the
documentation files, as their addresses) are digested once per language, ``config`` and
``page`` as below."""
_CONFIG = ("theme", "extra", "extra_css", "extra_javascript", "site_url", "use_directory_urls", "plugins")
"""What of the configuration is not read from the files of that digest alone: set by
the plugins for the language being built (the theme's language, the switcher in ``extra``,
the combined stylesheet) or by ``mkdocs serve`` (its address)."""


class _Unknown(TypeError):
    """A value the digest does not know how to read."""


class Rendered:
    """Each page's last HTML with the digest of what it was rendered from."""

    def __init__(self, keep: bool) -> None:
        self.keep = keep
        self._last: dict[str, tuple[str, str]] = {}
        self.shared = ""
        self._site: str | None = None
        self._values: dict[int, tuple[Any, str]] = {}
        self.kept = self.made = 0
        """Pages taken from the memo and pages rendered, since the command started."""

    def install(self, env: Environment, config: MkDocsConfig, shared: str | None) -> None:
        """For one language's build: its templates render through the memo."""
        if not self.keep or not shared or not config.use_directory_urls:
            return  # (without directory URLs the kit's addresses depend on every file)
        self.shared = shared
        self._site, self._values = None, {}
        env.template_class = _Template
        env.upr_rendered = self  # type: ignore[attr-defined]

    def render(self, template: Template, context: dict, fresh: Callable[[], str]) -> str:
        page = context.get("page")
        if not isinstance(page, Page):
            return fresh()
        key = self._key(template, context, page)
        last = self._last.get(page.file.dest_uri)
        if key is not None and last is not None and last[0] == key:
            self.kept += 1
            return last[1]
        self.made += 1
        counter = WarningCount()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(counter)
        try:
            output = fresh()
        finally:
            logger.removeHandler(counter)
        if key is None or counter.count:
            self._last.pop(page.file.dest_uri, None)
        else:
            self._last[page.file.dest_uri] = (key, output)
        return output

    def _key(self, template: Template, context: dict, page: Page) -> str | None:
        try:
            rest = {name: self._value(value) for name, value in context.items() if name not in _OUTSIDE_CONTEXT}
            return _digest([self.shared, template.name, self._site_of(context), _config(context["config"]), _page(page), rest])
        except (_Unknown, ValueError, KeyError):  # ValueError: a value that holds itself
            return None

    def _value(self, value: Any) -> Any:
        """A dict or list of the context as its digest, taken once per language's build: the
        labels, the site's view and the State picker are the same objects on every page
        of a language (templates only read them: none in overrides/ calls a method that
        changes one)."""
        if not isinstance(value, (dict, list)):
            return value
        found = self._values.get(id(value))
        if found is None or found[0] is not value:
            found = self._values[id(value)] = (value, _digest(value))
        return found[1]

    def _site_of(self, context: dict) -> str:
        """The navigation and the documentation files of this language's build, digested
        once: MkDocs gathers the files and reads every page's title and front matter before
        it renders the first page."""
        if self._site is None:
            nav = context.get("nav")
            if not isinstance(nav, Navigation):
                raise _Unknown(type(nav).__name__)
            files = [[file.src_uri, file.url] for file in context.get("pages", ())]
            self._site = _digest([[_nav_item(item) for item in nav.items], files])
        return self._site


class _Template(Template):
    """A template of MkDocs' environment whose page renders go through ``Rendered``."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        memo = getattr(self.environment, "upr_rendered", None)
        if memo is None or kwargs or len(args) != 1 or not isinstance(args[0], dict):
            return super().render(*args, **kwargs)
        context = args[0]
        return memo.render(self, context, lambda: Template.render(self, context))


def _digest(value: Any) -> str:
    text = json.dumps(value, default=_plain, ensure_ascii=False, separators=(",", ":"))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _nav_item(item: Any) -> Any:
    if isinstance(item, Section):
        return {"section": item.title, "children": [_nav_item(child) for child in item.children]}
    if isinstance(item, Page):
        return {"page": item.title, "url": item.url, "src": item.file.src_uri, "meta": item.meta, "index": item.is_index}
    if isinstance(item, Link):
        return {"link": item.title, "url": item.url}
    raise _Unknown(type(item).__name__)


def _link(page: Any) -> Any:  # a page, a link or a section (no address)
    return None if page is None else [page.title, getattr(page, "url", None)]


def _page(page: Page) -> dict:
    return {"src": page.file.src_uri, "dest": page.file.dest_uri, "url": page.url, "canonical": page.canonical_url,
            "abs": page.abs_url, "edit": page.edit_url, "title": page.title, "content": page.content, "toc": _toc(page.toc),
            "meta": page.meta, "homepage": page.is_homepage, "previous": _link(page.previous_page), "next": _link(page.next_page),
            "ancestors": [_link(ancestor) for ancestor in page.ancestors]}


def _toc(toc: Any) -> Any:
    if isinstance(toc, (TableOfContents, list)):  # (a list before the page is rendered)
        return [_toc(item) for item in toc]
    if isinstance(toc, AnchorLink):
        return [toc.title, toc.id, toc.level, [_toc(child) for child in toc.children]]
    raise _Unknown(type(toc).__name__)


def _config(config: MkDocsConfig) -> dict:
    return {name: config.get(name) for name in _CONFIG}


def _plain(value: Any) -> Any:
    """What ``json`` cannot write by itself, as something it can; else ``_Unknown``."""
    if isinstance(value, BasePlugin):
        return {"plugin": type(value).__qualname__, "config": value.config}
    if isinstance(value, Mapping):
        found = dict(value)
        if hasattr(value, "dirs") and "dirs" not in found:  # mkdocs.theme.Theme
            found["dirs"] = list(value.dirs)
        return found
    if isinstance(value, (set, frozenset)):
        return sorted(map(str, value))
    if isinstance(value, (dt.date, dt.datetime, PurePath, Locale)):
        return str(value)
    if isinstance(value, enum.Enum):
        return f"{type(value).__qualname__}.{value.name}"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"dataclass": type(value).__qualname__, **{f.name: getattr(value, f.name) for f in dataclasses.fields(value)}}
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type)):
        return f"{value.__module__}.{value.__qualname__}"
    if type(value).__name__ == "ExtraScriptValue":  # mkdocs.config.config_options: a script with its attributes
        return {"script": str(value), **vars(value)}
    raise _Unknown(type(value).__name__)
