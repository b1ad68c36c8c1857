"""Addresses when every page is a file: ``use_directory_urls: false``, which Material's
``offline`` plugin sets for the event kit (pages opened from ``file://``, where a folder
does not open its ``index.html``).

The views name the pages they link by their directory address (``states/ca/``,
``tables/esc/``, with the language prefix for other languages). With directory URLs
that is the page's URL; without them it is ``states/ca.html`` or ``tables/esc/index.html``
depending on the page's source file. ``file_addresses`` maps the first onto the second
from this language's files (every language has the same generated pages), and
``url_filter`` applies the map before MkDocs' own ``url`` filter makes the address
relative to the page, so templates, views and the language switcher stay as they are.
"""

from __future__ import annotations

from collections.abc import Callable

from jinja2 import pass_context
from jinja2.runtime import Context
from mkdocs.structure.files import Files

from .languages import LanguageBuild


def directory_address(src_uri: str) -> str:
    """The address a page of ``src_uri`` (no language prefix) has with directory URLs."""
    path = src_uri.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return path + "/"


def file_addresses(files: Files, build: LanguageBuild) -> dict[str, str]:
    """Directory address -> file address of every page, without language prefix."""
    prefix = build.prefix()
    found = {}
    for file in files.documentation_pages():
        src = file.src_uri.removeprefix(prefix) if prefix else file.src_uri
        dest = file.url.removeprefix(prefix) if prefix else file.url
        found[directory_address(src)] = dest or "index.html"
    return found


def url_filter(url: Callable, addresses: dict[str, str], build: LanguageBuild) -> Callable:
    """MkDocs' ``url`` filter, first turning a page's directory address into its file."""
    prefixes = [build.prefix(lang) for lang in build.languages if build.prefix(lang)]

    def to_file(value: str) -> str:
        path, hash_, fragment = value.partition("#")
        prefix = next((p for p in prefixes if path.startswith(p)), "")
        target = addresses.get(path.removeprefix(prefix))
        return value if target is None else prefix + target + hash_ + fragment

    @pass_context
    def filter_(context: Context, value: str) -> str:
        return url(context, to_file(str(value)))

    return filter_


def install(filters: dict[str, Callable], use_directory_urls: bool, files: Files, build: LanguageBuild) -> None:
    """Replace the ``url`` filter of this language's templates when pages are files."""
    if not use_directory_urls:
        filters["url"] = url_filter(filters["url"], file_addresses(files, build), build)
