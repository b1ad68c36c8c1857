"""Compiled templates, and the listing of the installed theme, kept for the process.

MkDocs makes a new Jinja environment for every build, so each rebuild of ``mkdocs
serve`` compiled Material's ~140 templates again: a fifth of the preview's rebuild time.
Jinja's bytecode cache checks each template's source checksum, so an edited template in
overrides/ is compiled anew and nothing stale is ever used. In memory only: nothing is
written that a later build (or another Python) would have to read.

Each build (each language) also lists every file of the theme to publish its assets,
and Material ships ~14,000 icons: the listing of a theme folder inside the Python
installation is kept, since it does not change while the process runs; the project's own
folders (overrides/) are listed anew each time."""

from __future__ import annotations

import functools
import sysconfig
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemLoader
from jinja2.bccache import Bucket


class _MemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


_CACHE = _MemoryBytecodeCache()
PRINT: BytecodeCache = _MemoryBytecodeCache()
"""The print layout's compiled templates: a cache of their own, since Jinja keys compiled
code by file and source only, and the print environment escapes by default while
MkDocs' does not (a partial both use compiles differently in each)."""


def share_compiled_templates(env: Environment) -> None:
    """Let ``env`` reuse what earlier builds of this process compiled."""
    if env.bytecode_cache is None:
        env.bytecode_cache = _CACHE


_INSTALLED = tuple(Path(p).resolve() for p in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})


@functools.cache
def _installed_listing(folder: str) -> tuple[str, ...]:
    # without what sits in hidden folders (Material's .icons): MkDocs never publishes a
    # name with a segment that starts with a dot, and its filter is the listing's only reader
    return tuple(name for name in FileSystemLoader(folder).list_templates() if not name.startswith(".") and "/." not in name)


def _listing(folder: str) -> list[str] | tuple[str, ...]:
    if any(Path(folder).resolve().is_relative_to(root) for root in _INSTALLED):
        return _installed_listing(folder)
    return FileSystemLoader(folder).list_templates()


class _Loader(FileSystemLoader):
    """Jinja's file loader; its listing (what MkDocs publishes from the theme) is the same
    as Jinja's, with the installed folders' part kept."""

    def list_templates(self) -> list[str]:
        return sorted({name for folder in self.searchpath for name in _listing(folder)})


def list_installed_theme_once(theme: Any) -> None:
    """Let the environments of ``theme`` (a ``mkdocs.theme.Theme``, one per build) keep
    the listing of its installed folders."""
    original: Callable[[], Environment] = theme.get_env
    if getattr(original, "upr_listing", False):
        return

    def get_env() -> Environment:
        env = original()
        loader = env.loader
        if type(loader) is FileSystemLoader:
            env.loader = _Loader(loader.searchpath, encoding=loader.encoding, followlinks=loader.followlinks)
        return env

    get_env.upr_listing = True  # type: ignore[attr-defined]
    theme.get_env = get_env
