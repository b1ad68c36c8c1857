"""One stylesheet for the reader's pages instead of five.

Material's template links its own two stylesheets (main, palette) and then every
``extra_css`` of mkdocs.yml (fonts.css, factsheet.css, reader.css and whatever a
coalition adds): five requests that each hold the first paint, one round trip of a phone's
connection each even when they travel side by side. The build writes them, in the same
order (so the cascade is the same), into ``assets/stylesheets/site.<hash>.css``; the pages
link that one file (``overrides/main.html``, block ``styles``), and the hash of its
content is in its name, so a changed stylesheet is never taken from a stale cache.

An ``extra_css`` that is not a file of docs/ (an address elsewhere) keeps its own link.
Without Material's two files where expected (another Material version), only the
``extra_css`` files are combined and Material's links stay."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

NAME = "assets/stylesheets/site.{}.css"
_MATERIAL = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css")
_SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")
_CHARSET = re.compile(r'@charset "[^"]*";')


@dataclass(frozen=True)
class Combined:
    path: str          # site-relative, e.g. assets/stylesheets/site.0123abcd.css
    css: str
    material: bool     # Material's own two stylesheets are in it


def _material_files(config: MkDocsConfig) -> list[Path]:
    for theme_dir in config.theme.dirs:
        found = [sorted(Path(theme_dir).glob(pattern)) for pattern in _MATERIAL]
        if all(len(paths) == 1 for paths in found):
            return [paths[0] for paths in found]
    return []


def _local(config: MkDocsConfig) -> list[str]:
    docs = Path(config.docs_dir)
    return [str(path) for path in config.extra_css if (docs / str(path)).is_file()]


def combine(config: MkDocsConfig) -> Combined | None:
    """The docs/ files of ``config.extra_css``, with Material's stylesheets when found, as
    one; None when there is nothing to combine."""
    local = _local(config)
    if not local:
        return None
    material = _material_files(config)
    parts = [_SOURCE_MAP.sub("", path.read_text(encoding="utf-8")) for path in [*material, *(Path(config.docs_dir) / name for name in local)]]
    # @charset may only open a stylesheet: the first part's stays, the others' go
    css = parts[0] + "\n" + "\n".join(_CHARSET.sub("", part) for part in parts[1:])
    return Combined(NAME.format(hashlib.sha256(css.encode()).hexdigest()[:8]), css, bool(material))


def apply(config: MkDocsConfig, combined: Combined) -> None:
    """Every language's build links the combination instead of the files it holds; the
    template (``config.extra.upr_styles``) then leaves Material's own links out."""
    local = _local(config)
    rest = [path for path in config.extra_css if str(path) not in local and str(path) != combined.path]
    config.extra_css = [combined.path, *rest]
    config.extra["upr_styles"] = {"material": combined.material}


def file_of(config: MkDocsConfig, combined: Combined) -> File:
    return File.generated(config, combined.path, content=combined.css)
