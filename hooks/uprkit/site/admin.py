"""The web editor in the built site: Sveltia CMS at ``/admin/`` (labels in the default
language) and ``/<lang>/admin/`` (labels in that language), configured from the schemas.

Everything the editor needs is served from the site, nothing from a CDN:

* the CMS itself from ``node_modules/@sveltia/cms`` (exact version in package-lock.json,
  installed by setup.sh);
* its fonts (Material Symbols for the icons, Source Sans 3, Noto Mono) from the pinned
  ``@fontsource`` packages: the bundle names them by CDN address, so the copy names
  them by the site's address instead (each replaced address must be found, or the build
  says the pinned version changed);
* the interface strings of the page's language: Sveltia bundles only English and
  fetches the others from unpkg.com; the page stores our copy where Sveltia caches them.

All files go to ``site/admin/``; ``/<lang>/admin/index.html`` loads them from there, so
the ~3.6 MB are published once.
"""

from __future__ import annotations

import functools
import json
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..content import Content
from ..errors import ContentError
from .cmsconfig import Backend, cms_config

DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's emitter where PyYAML has it (the same YAML, many times faster)."""

log = logging.getLogger("mkdocs.plugins.upr")

PACKAGE = "@sveltia/cms"
SCRIPT = "sveltia-cms.js"
FONTS = {
    # the bundle's address -> (file in node_modules, name in admin/fonts/)
    "https://cdn.jsdelivr.net/fontsource/fonts/material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2":
        ("@fontsource-variable/material-symbols-outlined/files/material-symbols-outlined-latin-wght-normal.woff2",
         "material-symbols-outlined.woff2"),
    "https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2":
        ("@fontsource-variable/source-sans-3/files/source-sans-3-latin-wght-normal.woff2", "source-sans-3.woff2"),
    "https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2":
        ("@fontsource/noto-mono/files/noto-mono-latin-400-normal.woff2", "noto-mono.woff2"),
}
UI_LOCALES = {"en": "en-US", "pt": "pt-PT", "zh": "zh-CN"}
"""Sveltia's interface locale for a site language, where it is not the language code."""
BUNDLED_LOCALE = "en-US"
BLOCKED = ("https://unpkg.com/", "https://cdn.jsdelivr.net/", "https://www.githubstatus.com/")
"""Third parties the bundle would ask at run time (update check, GitHub status, UI strings)."""


@dataclass(frozen=True)
class Editor:
    """What the build publishes for the editor."""

    files: dict[str, int]
    """Path under the site -> size in bytes."""

    @property
    def size(self) -> int:
        return sum(self.files.values())


def modules(root: Path) -> Path:
    """The ``node_modules`` with the editor: the project's own, or (a copy of the project,
    e.g. in tests) the one beside the installed uprkit package."""
    for candidate in (root / "node_modules", Path(__file__).resolve().parents[3] / "node_modules"):
        if (candidate / PACKAGE / "dist" / SCRIPT).is_file():
            return candidate
    return root / "node_modules"


def version(package: Path) -> str:
    return json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]


@functools.lru_cache(maxsize=2)
def _bundle(script: Path, mtime_ns: int, size: int) -> tuple[bytes, str | None]:
    """The CMS's script with the fonts' CDN addresses replaced, or the address that is
    not where it was (the pinned version changed). Kept while the file is unchanged:
    decoding its 2 MB took a tenth of a second of every rebuild of the preview."""
    bundle = script.read_text(encoding="utf-8")
    for address, (_source, name) in FONTS.items():
        # the address sits in the template literal of the stylesheet Sveltia injects
        # (`code:\`...\``): the page tells where the fonts are (UPR_CMS_FONTS)
        at = bundle.find(address)
        if at < 0 or bundle.count(address) != 1 or not bundle[:bundle.rfind("`", 0, at) + 1].endswith("code:`"):
            return b"", address
        bundle = bundle.replace(address, "${globalThis.UPR_CMS_FONTS}" + name)
    return bundle.encode("utf-8"), None


@functools.lru_cache(maxsize=4)
def _environment(folder: Path) -> Environment:
    """The editor page's templates (Jinja reloads a template whose file changed)."""
    return Environment(loader=FileSystemLoader(folder), autoescape=select_autoescape(["html"]))


_DUMPED: dict[str, tuple[dict, bytes]] = {}
"""The last config.yml written per language (the preview rebuilds the same one each time)."""


def _dumped(lang: str, config: dict) -> bytes:
    """``config`` as YAML; dumped again only when it differs from the last one of ``lang``."""
    last = _DUMPED.get(lang)
    if last is None or last[0] != config:
        last = _DUMPED[lang] = (config, yaml.dump(config, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=100).encode("utf-8"))
    return last[1]


def write_editor(content: Content, backend: Backend, site_dir: Path, site_url: str | None) -> Editor:
    """Write ``admin/`` (and ``<lang>/admin/index.html``) into ``site_dir``."""
    root = content.root
    node_modules = modules(root)
    package = node_modules / PACKAGE
    if not (package / "dist" / SCRIPT).is_file():
        raise ContentError(content.msg("cms-missing", path=f"node_modules/{PACKAGE}/dist/{SCRIPT}"))
    admin = site_dir / "admin"
    (admin / "fonts").mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}

    def put(rel: str, data: bytes) -> None:
        path = admin / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written[f"admin/{rel}"] = len(data)

    script = package / "dist" / SCRIPT
    stat = script.stat()
    bundle, changed = _bundle(script, stat.st_mtime_ns, stat.st_size)
    if changed:
        raise ContentError(content.msg("cms-bundle-changed", path=f"node_modules/{PACKAGE}/dist/{SCRIPT}", what=changed))
    for source, name in FONTS.values():
        font = node_modules / source
        if not font.is_file():
            raise ContentError(content.msg("cms-missing", path=f"node_modules/{source}"))
        put(f"fonts/{name}", font.read_bytes())
    put(SCRIPT, bundle)
    for chunk in sorted((package / "dist" / "chunks").glob("*.js")):
        put(f"chunks/{chunk.name}", chunk.read_bytes())
    put("LICENSE.txt", (package / "LICENSE.txt").read_bytes())

    page = _environment(root / "overrides" / "admin").get_template("index.html")
    cms_version = version(package)
    for lang in content.languages:
        ui = UI_LOCALES.get(lang, lang)
        strings = None
        if ui != BUNDLED_LOCALE and (package / "locales" / f"{ui}.json").is_file():
            put(f"locales/{ui}.json", (package / "locales" / f"{ui}.json").read_bytes())
            strings = f"locales/{ui}.json"
        put(f"config.{lang}.yml", _dumped(lang, cms_config(content, lang, backend, site_url)))
        default = lang == content.default_language
        root = "../" if default else "../../"  # from /admin/ or /<lang>/admin/ to the site's root
        assets = root + "admin/"
        html = page.render(lang=lang, title=content.labels(lang)["cms-title"], root=root, config=f"{assets}config.{lang}.yml",
                           ui_locale=ui, version=cms_version, strings=strings and assets + strings, script=assets + SCRIPT,
                           fonts=assets + "fonts/", blocked=BLOCKED)
        if default:
            put("index.html", html.encode("utf-8"))
        else:
            target = site_dir / lang / "admin" / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
            written[f"{lang}/admin/index.html"] = len(html.encode("utf-8"))
    return Editor(written)


def remove_editor(site_dir: Path, languages: tuple[str, ...]) -> None:
    """``cms: false``: no editor in the site (a previous build's is not left behind)."""
    for folder in [site_dir / "admin"] + [site_dir / lang / "admin" for lang in languages]:
        if folder.is_dir():
            shutil.rmtree(folder)
