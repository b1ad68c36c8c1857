"""The offline event kit: one folder (and a zip of it) for a USB stick, for a room
without internet.

It holds the whole site built for ``file://`` (Material's ``offline`` plugin: pages are
files, ``x.html`` instead of ``x/``, and search reads its index from a script through the
iframe-worker shim, shipped in ``vendor/`` instead of loaded from unpkg.com), every PDF
with the café piles and handouts (from the PDF cache: after a build nothing is rendered
again), and the print plan (``printplan.py``).

Like ``mkdocs build`` (publish.py), the kit is never half-written: it is built in a
folder beside its place and swapped in only when whole and checked; the zip is written
under a temporary name and renamed. A kit that would load anything from the network
(a script, a stylesheet, a font, an image) is refused.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from material.plugins.offline.plugin import OfflinePlugin
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from ..content import Content
from ..errors import ContentError
from ..i18n.messages import Messages
from . import printplan
from .publish import alive

VENDOR = Path(__file__).parent / "vendor"
SHIM = "assets/javascripts/iframe-worker.js"
"""Where the kit's pages find the iframe-worker shim (Material loads polyfills first)."""
MARK = ".upr-kit"
"""A file in every kit: a folder without it is never replaced (it may be someone's files)."""
TEMP = "upr-kit"
NOT_OFFLINE = ("404.html",)
"""Files of the site that mean nothing without a server."""
FETCHING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src", "embed": "src", "object": "data"}
LOADED_LINKS = {"stylesheet", "icon", "shortcut", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon", "mask-icon"}
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""")
STORED = (".pdf", ".woff2", ".png", ".jpg", ".jpeg", ".gz", ".zip")
"""Already compressed: stored in the zip as they are."""

log = logging.getLogger("mkdocs.plugins.upr")


@dataclass(frozen=True)
class Kit:
    folder: Path
    archive: Path | None
    files: int
    size: int
    """Bytes of every file of the folder."""
    plans: list[str]
    """The print plan's files, kit-relative."""


def make(content: Content, config_file: Path, site_dir: Path, folder: Path, archive: Path | None, copies: dict[str, int], made: dt.date) -> Kit:
    """Build the kit into ``folder`` (replacing an older kit there) and zip it to ``archive``.
    ``site_dir`` is the project's site folder (the kit may not go inside it)."""
    msg = content.msg
    folder = folder.resolve()
    _check_place(content.root, site_dir.resolve(), folder, msg)
    _recover(folder)
    temp = _beside(folder, "tmp")
    shutil.rmtree(temp, ignore_errors=True)
    partial = archive.with_name(f"{archive.name}.{TEMP}-{os.getpid()}") if archive else None
    try:
        build_site(config_file, temp, msg, folder)
        for name in NOT_OFFLINE:
            (temp / name).unlink(missing_ok=True)
        (temp / SHIM).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(VENDOR / "iframe-worker.js", temp / SHIM)
        shutil.copyfile(VENDOR / "iframe-worker.LICENSE", temp / SHIM.replace(".js", ".LICENSE.txt"))
        plans = printplan.render(content, temp, copies, made)
        (temp / MARK).write_text(f"upr kit {made.isoformat()}\n", encoding="utf-8")
        problems = [msg("kit-network", file=file, url=url) for file, url in network_references(temp)]
        if problems:
            raise ContentError(*problems)
        if partial:
            _zip(temp, partial, archive.stem, made)
        files = [path for path in temp.rglob("*") if path.is_file()]
        _swap(temp, folder)
        if partial:
            partial.replace(archive)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
        if partial:
            partial.unlink(missing_ok=True)
    return Kit(folder, archive, len(files), sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()), plans)


def build_site(config_file: Path, target: Path, msg: Messages, folder: Path) -> None:
    """``mkdocs build`` of the project into ``target``, for ``file://``, with its PDFs."""
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.WARNING)  # what the build warns about, the organiser must see
    try:
        config = load_config(str(config_file), site_dir=str(target))
        offline = config.plugins.get("material/offline") or config.plugins.get("offline")
        if offline is None:
            offline = OfflinePlugin()
            offline.load_config({})
            config.plugins["material/offline"] = offline
        offline.config.enabled = True  # also when mkdocs.yml lists it switched off
        # the offline plugin adds unpkg.com's copy of the shim unless one is listed
        config.extra["polyfills"] = [SHIM, *(url for url in config.extra.get("polyfills", []) if "iframe-worker" not in url)]
        upr = config.plugins.get("upr")
        if upr is not None:  # a kit without its PDFs is no kit: they come from the cache
            upr.raw_options = {**upr.raw_options, "pdf": True}
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, PluginError, ConfigurationError) as exc:
        raise ContentError(msg("kit-build-failed", error=str(exc).strip() or type(exc).__name__, folder=folder)) from None
    finally:
        logger.setLevel(level)
    if not target.is_dir():  # strict mode: a warning left no site
        raise ContentError(msg("kit-build-failed", error="--strict", folder=folder))


# ---------------------------------------------------------------- checking the output
class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []
        """(tag, attribute, value) of every href, src and data."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("href", "src", "data"):
            if values.get(name):
                self.found.append((tag, name, values[name] or ""))
        if tag == "link" and values.get("href"):
            self.found[-1] = (f"link:{(values.get('rel') or '').lower()}", "href", values["href"] or "")


def references(html: str) -> list[tuple[str, str, str]]:
    """Every (tag, attribute, address) of an HTML page (``link`` tags as ``link:REL``)."""
    parser = _References()
    parser.feed(html)
    return parser.found


def _external(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "data", "blob", "about", "javascript", "mailto", "tel")


def network_references(kit: Path) -> Iterator[tuple[str, str]]:
    """(file, address) of everything a page or stylesheet of ``kit`` would load from the
    network. Links a reader follows (``<a href>``, ``rel=alternate``) are not loads."""
    for path in sorted(kit.rglob("*.html")):
        for tag, attribute, value in references(path.read_text(encoding="utf-8", errors="replace")):
            rel = set(tag.partition(":")[2].split())
            loads = FETCHING.get(tag) == attribute or (tag.startswith("link:") and rel & LOADED_LINKS)
            if loads and _external(value):
                yield path.relative_to(kit).as_posix(), value
    for path in sorted(kit.rglob("*.css")):
        for value in CSS_URL.findall(path.read_text(encoding="utf-8", errors="replace")):
            if _external(value):
                yield path.relative_to(kit).as_posix(), value


# ---------------------------------------------------------------- the folder and the zip
def _check_place(root: Path, site: Path, folder: Path, msg: Messages) -> None:
    if folder == site or folder.is_relative_to(site):
        raise ContentError(msg("kit-inside-site", path=folder, site=site))
    if folder.exists() and not folder.is_dir():
        raise ContentError(msg("kit-not-folder", path=folder))
    if root.resolve().is_relative_to(folder) or (folder.is_dir() and any(folder.iterdir()) and not (folder / MARK).is_file()):
        raise ContentError(msg("kit-not-kit", path=folder))


def _beside(folder: Path, kind: str, pid: int | None = None) -> Path:
    return folder.with_name(f"{folder.name}.{TEMP}-{kind}-{pid or os.getpid()}")


def _recover(folder: Path) -> None:
    """Tidy up after a kit that was killed: its folders go; if it was killed between the
    two renames of the swap, the old kit comes back."""
    if not folder.parent.is_dir():
        return
    pattern = re.compile(re.escape(folder.name) + rf"\.{TEMP}-(tmp|old)-(\d+)")
    for path in folder.parent.iterdir():
        found = pattern.fullmatch(path.name)
        if not found or (int(found[2]) != os.getpid() and alive(int(found[2]))):
            continue
        if found[1] == "old" and not folder.exists():
            path.rename(folder)
        else:
            shutil.rmtree(path, ignore_errors=True)


def _swap(temp: Path, folder: Path) -> None:
    if not folder.exists():
        temp.rename(folder)
        return
    old = _beside(folder, "old")
    folder.rename(old)
    try:
        temp.rename(folder)
    except OSError:
        old.rename(folder)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _zip(kit: Path, target: Path, top: str, made: dt.date) -> None:
    """Zip ``kit`` under one folder ``top``; the same kit gives the same bytes."""
    stamp = (made.year, made.month, made.day, 0, 0, 0)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(kit.rglob("*")):
            if not path.is_file():
                continue
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(kit).as_posix()}", stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_STORED if path.suffix.lower() in STORED else zipfile.ZIP_DEFLATED
            with path.open("rb") as source, archive.open(info, "w") as sink:
                shutil.copyfileobj(source, sink, 1 << 20)
