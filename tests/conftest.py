"""Fixtures: copies of the sample project in tmp_path, built with MkDocs' own API.

The suite runs in parallel (pytest-xdist, one worker per core: ``-n auto`` in
pyproject.toml). The read-only sample with its PDFs is built once for all workers: the
first worker to need it builds it under a lock, the others read the same folder."""

from __future__ import annotations

import fcntl
import functools
import http.server
import logging
import os
import pickle
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from playwright.sync_api import Browser, expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ["mkdocs.yml", "docs", "factsheets", "data", "hooks", "overrides"]
PDF_CACHE = ".cache/upr-pdf"
CHROMIUM = os.environ.get("UPR_CHROMIUM", "/usr/bin/chromium-headless-shell")
"""Debian's headless Chromium (setup.sh installs it; the same engine and version as its
``chromium``); Playwright drives it and downloads no browser. The shell, not the full browser
in headless mode: the same page loads and axe runs cost about 40 % less CPU (16 pages at
two widths: 23.6 s against 37.6 s), which is most of what the browser tests cost. Without
font hinting (``--font-render-hinting=none``) its text has the desktop browser's metrics
and lays out to the pixel as the full browser does (it hints by default: text a little
wider, table columns a little different)."""
CHROMIUM_ARGS = ["--no-sandbox", "--font-render-hinting=none", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@dataclass(frozen=True)
class Record:
    """What a test needs of a log record; unlike ``logging.LogRecord`` it pickles, so
    workers can share a build's log."""

    levelno: int
    message: str
    exc_info: bool

    @classmethod
    def of(cls, record: logging.LogRecord) -> Record:
        return cls(record.levelno, record.getMessage(), bool(record.exc_info))


@dataclass
class Built:
    root: Path
    ok: bool
    log: list[Record] = field(default_factory=list)

    @property
    def site(self) -> Path:
        return self.root / "site"

    def html(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")

    def messages(self, level: int = logging.INFO) -> list[str]:
        return [r.message for r in self.log if r.levelno >= level]

    @property
    def errors(self) -> list[str]:
        return self.messages(logging.ERROR)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class Project:
    """A copy of the sample project that a test may change before building."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str) -> Path:
        path = self.path(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def replace(self, rel: str, old: str, new: str) -> None:
        text = self.read(rel)
        assert old in text, f"{old!r} not in {rel}"
        self.write(rel, text.replace(old, new, 1))

    def only(self, *slugs: str) -> Project:
        """Keep these factsheets (their three files each), so a build and its PDFs take seconds."""
        for meta in list(self.root.glob("factsheets/*/*.yml")):
            if meta.stem not in slugs:
                for path in meta.parent.glob(f"{meta.stem}.*"):
                    path.unlink()
        return self

    def build(self, pdf: bool = False, briefings: bool = False) -> Built:
        """Build the site (without PDFs unless asked, and without the States' briefing
        PDFs unless asked too: they take seconds)."""
        if not pdf and "      pdf: false" not in self.read("mkdocs.yml"):
            self.replace("mkdocs.yml", "  - upr:\n", "  - upr:\n      pdf: false\n")
        if pdf and not briefings and "      pdf_briefings: false" not in self.read("mkdocs.yml"):
            self.replace("mkdocs.yml", "  - upr:\n", "  - upr:\n      pdf_briefings: false\n")
        handler = _Collect()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(handler)
        old_level = logger.level
        logger.setLevel(logging.DEBUG)
        try:
            config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.root / "site"), strict=True)
            build(config)
            ok = True
        except Abort:
            ok = False
        finally:
            logger.removeHandler(handler)
            logger.setLevel(old_level)
        return Built(self.root, ok, [Record.of(r) for r in handler.records])


def copy_project(dest: Path, pdfs_of: Built | None = None) -> Project:
    """A copy of the sample project; with ``pdfs_of``, its PDF cache too (hard links), so
    a build renders only the documents the test changes."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    if pdfs_of is not None:
        shutil.copytree(pdfs_of.root / PDF_CACHE, dest / PDF_CACHE, copy_function=os.link)
    return Project(dest)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Built:
    """The unchanged sample with its PDFs, built once for all tests (of every worker)
    that only read it."""
    return _once(tmp_path_factory, worker_id, "sample", pdf=True, briefings=True)


@pytest.fixture(scope="session")
def plain(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Built:
    """The unchanged sample built without PDFs (what ``pdf: false`` gives), once for all
    tests that only read it or start from a built site."""
    return _once(tmp_path_factory, worker_id, "plain", pdf=False)


def with_site(project: Project, built: Built) -> Project:
    """``project`` with a copy of an earlier build's site/, as if it had been built."""
    shutil.copytree(built.site, project.root / "site")
    return project


def _once(tmp_path_factory: pytest.TempPathFactory, worker_id: str, name: str, **options: bool) -> Built:
    if worker_id == "master":  # not in parallel
        built = copy_project(tmp_path_factory.mktemp(name)).build(**options)
    else:
        built = _shared(tmp_path_factory.getbasetemp().parent / name, **options)
    assert built.ok, built.errors
    return built


def _shared(root: Path, **options: bool) -> Built:
    """The project built in ``root`` by the first worker that asks; the others wait on
    the lock and read the log it left."""
    root.parent.mkdir(parents=True, exist_ok=True)
    done = root.parent / f"{root.name}.built"
    with (root.parent / f"{root.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if done.exists():
            return pickle.loads(done.read_bytes())
        if root.exists():  # a worker that died half-way
            shutil.rmtree(root)
        built = copy_project(root).build(**options)
        done.write_bytes(pickle.dumps(built))
        return built


_GROUPS_LOST: list[str] = []


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A module marked ``xdist_group`` builds its module fixtures once, on one worker,
    only if pytest-xdist could name the group in the test's id (``--dist loadgroup``);
    pytest 9.2 silently drops that (pytest-xdist #1386) and every worker builds them."""
    if getattr(config.option, "loadgroup", False):  # (set on the workers of --dist loadgroup)
        _GROUPS_LOST[:] = [item.nodeid for item in items if item.get_closest_marker("xdist_group") and "@" not in item.nodeid.rpartition("]")[2]]


def pytest_runtest_setup(item: pytest.Item) -> None:
    if _GROUPS_LOST and item.get_closest_marker("xdist_group"):
        pytest.fail("pytest-xdist's groups are ignored by this pytest (the test ids have no @group): install requirements.txt", pytrace=False)


# ---------------------------------------------------------------- the browser
@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """One Chromium per test process, shared by every module that looks at pages (each
    makes its own contexts). Playwright's sync API runs one instance per process: no
    module starts its own."""
    # Playwright's assertions wait 5 s for what they expect: on a busy 2-core machine the
    # web editor took longer to draw a long list (a flaky failure, 2026-12-02); a minute
    expect.set_options(timeout=60_000)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # the browser closing a page while a file is sent is no error of the site


@contextmanager
def http_site(folder: Path) -> Iterator[str]:
    """``folder`` served over HTTP on 127.0.0.1 (a free port) while the block runs: its address."""
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def search(page, word: str) -> list[str]:
    """Search the open page's site with Material's search box: the results' addresses
    (without fragment or query), best first."""
    page.click("input.md-search__input")
    results = page.locator(".md-search-result__item a")
    for _attempt in range(12):  # the index is built in a web worker: retry until it answers
        page.fill("input.md-search__input", word)
        page.keyboard.press("End")  # Material searches on keyup, which fill() does not send
        try:
            expect(results.first).to_be_visible(timeout=5000)
            break
        except AssertionError:
            continue
    expect(results.first).to_be_visible()
    return [href.split("#")[0].split("?")[0] for href in results.evaluate_all("links => links.map(a => a.href)")]
