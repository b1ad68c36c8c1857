"""`mkdocs serve` (a real server on 127.0.0.1): it picks up edits in factsheets/ and data/,
shows content errors in place of the site until they are fixed, and stops cleanly on
SIGTERM. Every wait is a bounded number of retries on a condition (generous: the machine
may be slow), never a fixed delay that the test relies on."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

W = "factsheets/women/violence-against-women"
PAGE = "en/factsheets/violence-against-women/"
TRIES, PAUSE = 480, 0.5
"""At least four minutes for anything to happen (each try also waits for the server)."""
STUCK = "An error happened during the rebuild"
"""MkDocs' log line when a rebuild failed: the server then holds every request."""
T = TypeVar("T")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _until(what: str, check: Callable[[], T | None], tries: int = TRIES) -> T:
    """``check()``'s first true result, retried ``tries`` times."""
    for _ in range(tries):
        result = check()
        if result:
            return result
        time.sleep(PAUSE)
    raise AssertionError(f"{what}: not after {tries} tries")


def _get(url: str) -> tuple[int, str]:
    """Status and body of ``url`` (an error page too); (0, "") if the server does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", errors="replace")
    except OSError:
        return 0, ""


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    log: Path

    def wait_for(self, path: str, text: str) -> tuple[int, str]:
        """Status and body of ``path`` once its body contains ``text``."""

        def check() -> tuple[int, str] | None:
            log = self.log.read_text(encoding="utf-8", errors="replace")
            assert STUCK not in log and self.process.poll() is None, log[-3000:]  # no use waiting
            got = _get(self.url + path)
            return got if text in got[1] else None

        return _until(f"{text!r} at {self.url}{path}", check)

    def stopped(self) -> int:
        """The exit status, once the server has ended."""
        _until("mkdocs serve ends", lambda: self.process.poll() is not None)
        return self.process.returncode


@contextmanager
def serving(project, pdf: bool = False) -> Iterator[Server]:
    """``mkdocs serve`` in the project copy, its log in serve.log (outside what it watches)."""
    options = "  - upr:\n      pdf_briefings: false\n" if pdf else "  - upr:\n      pdf: false\n"
    project.replace("mkdocs.yml", "  - upr:\n", options)
    port = _free_port()
    mkdocs = Path(sys.executable).with_name("mkdocs")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    log = project.path("serve.log")
    with log.open("wb") as out:
        process = subprocess.Popen([str(mkdocs), "serve", "-a", f"127.0.0.1:{port}"], cwd=project.root, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield Server(process, f"http://127.0.0.1:{port}/", log)
    finally:
        if process.poll() is None:
            process.terminate()
            Server(process, "", log).stopped()


def test_serve_rebuilds_on_factsheet_and_data_edits(project):
    project.only("violence-against-women")  # each rebuild is quicker; what it rebuilds is the same
    with serving(project) as server:
        server.wait_for(PAGE, "Violence against women and girls")
        project.replace(f"{W}.en.md", "title: Violence against women and girls", "title: Edited while serving")
        server.wait_for(PAGE, "Edited while serving")
        project.replace("data/groups.yml", "name: {en: Women's rights group", "name: {en: Renamed women's group")
        server.wait_for(PAGE, "Renamed women&#39;s group")


def test_serve_shows_content_errors_until_they_are_fixed(project):
    where = f"{W}.yml:3: "
    project.only("violence-against-women")
    with serving(project) as server:
        server.wait_for(PAGE, "Violence against women and girls")
        project.replace(f"{W}.yml", "group: women", "group: <i>woman</i>")
        # a page that no longer exists: serve answers with the 404 page, which lists the problems
        status, body = server.wait_for(PAGE, where)
        assert status == 404
        assert "Сайт не удаётся собрать" in body  # in the editor's language (messages: Russian by default)
        assert f"{where}неизвестная группа '&lt;i&gt;woman&lt;/i&gt;'" in body.replace("&#x27;", "'")
        assert "<i>woman</i>" not in body
        ru, en = "Сайт не удаётся собрать", "The site cannot be built"
        for path, title in [("", ru), ("en/", en), ("factsheets/violence-against-women/", ru), ("en/groups/", ru)]:
            status, body = _get(server.url + path)
            assert where in body and title in body, path
            assert "<i>woman</i>" not in body
        project.replace(f"{W}.yml", "group: <i>woman</i>", "group: women")
        status, body = server.wait_for(PAGE, "Violence against women and girls")
        assert status == 200 and where not in body
        assert _get(server.url)[0] == 200
        assert server.process.poll() is None


def _children(pid: int) -> set[int]:
    """Processes whose parent is ``pid``."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for a parent to reap it has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def test_serve_shows_pages_first_and_the_pdfs_when_ready(project):
    """The pages do not wait for PDFs; the PDFs render afterwards, the page then shows
    their sizes; SIGTERM stops serve and its PDF workers; and mkdocs build afterwards
    renders nothing (the same cache)."""
    project.only("violence-against-women")
    with serving(project, pdf=True) as server:
        server.wait_for(PAGE, "Violence against women and girls")
        status, body = server.wait_for(PAGE, " KB)")  # rebuilt once the PDFs were ready
        assert status == 200 and "being prepared" not in body
        assert _get(server.url + "pdf/factsheets/violence-against-women.en.pdf")[0] == 200
        log = server.log.read_text(encoding="utf-8")
        built, rendered = log.index("Documentation built in"), log.index("PDF")
        assert built < rendered, "the first pages were served before any PDF was rendered"
        # SIGTERM stops it as Ctrl-C does, its PDF workers with it
        children = _children(server.process.pid)
        workers = {pid for pid in children if "multiprocessing" in _cmdline(pid) and "resource_tracker" not in _cmdline(pid)}
        assert workers, [_cmdline(pid) for pid in children]
        serve_dir = re.search(r"Building 'ru' documentation to directory: (\S+)", log)[1]
        server.process.send_signal(signal.SIGTERM)
        assert server.stopped() == 0  # a clean stop, not killed by the signal
        assert "Shutting down" in server.log.read_text(encoding="utf-8")
        _until("every child of mkdocs serve has ended", lambda: not any(_alive(pid) for pid in children))
        assert not Path(serve_dir).exists()  # serve removed its temporary site
    build = project.build(pdf=True)
    assert build.ok, build.errors
    assert not [m for m in build.messages() if re.match(r"^PDF \d+/\d+: ", m)], "serve and build share the cache"


def test_serve_tells_an_over_long_factsheet_on_its_page_and_keeps_serving(project):
    project.only("violence-against-women")
    project.replace("mkdocs.yml", "sample: true", "sample: true\n      messages: en")
    narrative = "\n\n".join(["Survivors still turn to elders' courts rather than to law enforcement. " * 12] * 24)
    project.replace(f"{W}.en.md", "### Remaining challenges", "### Remaining challenges\n\n" + narrative)
    with serving(project, pdf=True) as server:
        status, body = server.wait_for(PAGE, "pages, 2 at most: about")
        assert status == 200 and "upr-notice--editor" in body and "lines too long" in body
        assert server.process.poll() is None


def _state(pid: int) -> str:
    """A process's state letter (T: stopped), from /proc."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def test_the_background_pdf_workers_wait_while_the_pages_are_rebuilt():
    """While serving, a rebuild stops the PDF workers where they are and lets them go on
    when it ends; shutting down lets stopped workers go first (it never hangs on them)."""
    import multiprocessing

    from uprkit.printing.pipeline import Printer

    before = {child.pid for child in multiprocessing.active_children()}
    printer = Printer(1, serving=True)
    assert printer.executor().submit(os.getpid).result() != os.getpid()  # a worker is up
    workers = [child.pid for child in multiprocessing.active_children() if child.pid not in before]
    assert len(workers) == 1
    printer.pause()
    _until("the worker is stopped", lambda: _state(workers[0]) == "T" or None)
    printer.resume()
    _until("the worker goes on", lambda: _state(workers[0]) != "T" or None)
    assert printer.executor().submit(os.getpid).result() == workers[0], "it renders again"
    printer.pause()
    _until("the worker is stopped", lambda: _state(workers[0]) == "T" or None)
    printer.close()  # would wait for ever on a stopped worker
    assert workers[0] not in {child.pid for child in multiprocessing.active_children()}

    building = Printer(1, serving=False)  # mkdocs build: nothing to give way to
    building.executor().submit(os.getpid).result()
    building.pause()
    assert building._paused == []
    building.close()
