"""Build the sample on the other stacks and compare each with the MkDocs build.

    .venv/bin/python stacks/check.py [--reference site] [--pdf STACK ...] [--stack STACK ...]

For each stack (``STACKS``): a virtualenv from its lock file (``stacks/<name>.txt``,
with hashes), kept in ``~/.cache/upr-stacks/`` and reused while the lock, pyproject.toml
and Python stay the same, with this project's package installed (editable); then
``properdocs build --strict`` of a fresh copy of the sample (no PDF cache: the PDFs
render anew) and the comparison with the reference build (stacks/compare.py): the same
pages in both languages, the language switcher on every page, the same PDFs byte for
byte. The reference is the MkDocs + Material build: ``--reference site`` after
``mkdocs build`` (CI), or built here. Prints a table of times; exits 1 when a build
fails or a comparison finds a difference.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare import Comparison, compare  # noqa: E402
from materialx import variant  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "stacks"
"""The copies of the project each stack builds (and its log), inside the checkout."""
VENVS = Path(os.environ.get("UPR_STACKS_VENVS") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "upr-stacks")
"""The stacks' virtualenvs (``UPR_STACKS_VENVS`` to put them elsewhere)."""
PROJECT = ["mkdocs.yml", "docs", "factsheets", "data", "overrides"]
"""What a build reads (the plugin's code comes from the editable install of hooks/)."""
LANGUAGES = ("ru", "en")
ENV = {
    "NO_MKDOCS_2_WARNING": "1",  # Material's end-of-life banner (README: what it means)
    "DISABLE_MKDOCS_2_WARNING": "true",  # ProperDocs' own banner, shown when run as `mkdocs`
    "PIP_DISABLE_PIP_VERSION_CHECK": "1",
}
BUILD_TIMEOUT = 1200
BRIEFINGS = "pdf/states/"
"""The States' briefing PDFs: most of the PDFs (and of the time), made by the same
pipeline as the factsheets'; a stack makes them with ``--briefings``."""


@dataclass(frozen=True)
class Stack:
    name: str
    config: str
    """The configuration ``properdocs build -f`` reads in the copy of the project."""
    materialx: bool = False
    """Build with stacks/materialx.py's properdocs.yml (theme and search of MaterialX)."""

    @property
    def lock(self) -> Path:
        return ROOT / "stacks" / f"{self.name}.txt"


STACKS = (
    Stack("properdocs-material", "mkdocs.yml"),
    Stack("properdocs-materialx", "properdocs.yml", materialx=True),
)


@dataclass
class Result:
    stack: str
    venv: str
    where: Path
    build: float
    pdf: bool
    comparison: Comparison | None = None
    failed: str = ""


def _run(command: list[str], cwd: Path, log: Path) -> tuple[bool, float]:
    start = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        try:
            done = subprocess.run(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=os.environ | ENV, timeout=BUILD_TIMEOUT)
        except OSError as exc:  # a virtualenv moved or half removed: say which, and how to start again
            raise RuntimeError(f"{command[0]}: {exc.strerror}; remove {VENVS} to make the virtualenvs again") from None
    return done.returncode == 0, time.monotonic() - start


def _tail(log: Path, lines: int = 25) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def venv(stack: Stack) -> tuple[Path, str]:
    """The stack's virtualenv, made or reused, and what happened.

    Kept outside the checkout (``VENVS``), so that a fresh clone on the same machine
    reuses it, under a name that changes with the lock file, the package's part of
    pyproject.toml and Python;
    this project's package is installed into it (editable) again when the checkout is
    another one (a fresh clone in CI)."""
    digest = hashlib.sha256()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    package = json.dumps({key: project.get(key) for key in ("build-system", "project")}, sort_keys=True)  # not [tool.*]
    for part in (stack.lock.read_bytes(), package.encode(), sys.version.encode()):
        digest.update(part)
    where = VENVS / f"{stack.name}-{digest.hexdigest()[:12]}"
    python = where / "bin" / "python"
    ready = where / ".complete"
    installed_from = where / ".uprkit-from"  # the checkout whose hooks/ the editable install points at
    start = time.monotonic()
    log = VENVS / f"{stack.name}.install.log"
    reused = ready.is_file()
    same_checkout = reused and installed_from.is_file() and installed_from.read_text(encoding="utf-8") == str(ROOT)
    steps = [] if same_checkout else [[str(python), "-m", "pip", "install", "--quiet", "--no-deps", "-e", str(ROOT)]]
    if not reused:
        shutil.rmtree(where, ignore_errors=True)
        for old in VENVS.glob(f"{stack.name}-*"):  # an older lock's virtualenv (not another stack's)
            if re.fullmatch(rf"{re.escape(stack.name)}-[0-9a-f]{{12}}", old.name):
                shutil.rmtree(old, ignore_errors=True)
        VENVS.mkdir(parents=True, exist_ok=True)
        steps[:0] = [[sys.executable, "-m", "venv", str(where)],
                     [str(python), "-m", "pip", "install", "--quiet", "--no-compile", "--require-hashes", "-r", str(stack.lock)]]
    for step in steps:
        ok, _ = _run(step, ROOT, log)
        if not ok:
            raise RuntimeError(f"installing {stack.name} failed ({' '.join(step[:4])} ...):\n{_tail(log)}")
    ready.touch()
    installed_from.write_text(str(ROOT), encoding="utf-8")
    seconds = time.monotonic() - start
    return where, f"reused ({seconds:.0f} s)" if reused else f"made in {seconds:.0f} s"


def copy_project(dest: Path, pdf: bool, briefings: bool = True) -> None:
    """A fresh copy of the sample (no .cache: PDFs render anew), ``pdf: false`` unless
    ``pdf``, ``pdf_briefings: false`` unless ``briefings``."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for name in PROJECT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    options = ("" if pdf else "      pdf: false\n") + ("" if briefings or not pdf else "      pdf_briefings: false\n")
    if options:
        config = dest / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        if "  - upr:\n" not in text:
            raise RuntimeError("mkdocs.yml: '  - upr:' not found (needed to set the upr plugin's pdf options)")
        config.write_text(text.replace("  - upr:\n", "  - upr:\n" + options, 1), encoding="utf-8")


def build_reference(pdf: bool) -> tuple[Path, float]:
    work = CACHE / "work" / "mkdocs-material"
    copy_project(work, pdf)
    ok, seconds = _run([str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "--strict"], work, work / "build.log")
    if not ok:
        raise RuntimeError(f"the reference build (MkDocs + Material) failed:\n{_tail(work / 'build.log')}")
    return work / "site", seconds


def check(stack: Stack, reference: Path, pdf: bool, briefings: bool) -> Result:
    print(f"{stack.name}: virtualenv ...", flush=True)
    where, installed = venv(stack)
    print(f"{stack.name}: virtualenv {installed}; properdocs build --strict{' with PDFs' if pdf else ''} ...", flush=True)
    work = CACHE / "work" / stack.name
    copy_project(work, pdf, briefings)
    if stack.materialx:
        (work / stack.config).write_text(variant(work / "mkdocs.yml"), encoding="utf-8")
    log = work / "build.log"
    ok, seconds = _run([str(where / "bin" / "properdocs"), "build", "--strict", "-f", stack.config], work, log)
    result = Result(stack.name, installed, where, seconds, pdf)
    if not ok:
        result.failed = f"properdocs build --strict failed ({log}):\n{_tail(log)}"
        return result
    result.comparison = compare(reference, work / "site", stack.name, LANGUAGES, pdf, () if briefings else (BRIEFINGS,))
    return result


def _size(path: Path) -> str:
    total = sum(file.stat().st_size for file in path.rglob("*") if file.is_file() and not file.is_symlink())
    return f"{total / 2**20:.0f} MB"


def report(results: list[Result], reference: tuple[str, float | None]) -> None:
    rows = [("stack", "virtualenv", "build", "PDFs", "pages", "result")]
    name, seconds = reference
    rows.append((name, "the project's .venv", f"{seconds:.1f} s" if seconds is not None else "(given)", "yes", "", "reference"))
    for result in results:
        c = result.comparison
        outcome = "FAILED" if result.failed else ("same" if c and c.ok else f"{len(c.problems()) if c else 0} differences")
        pdfs = (f"{c.pdfs} same" if c and c.ok else "compared") if result.pdf else "site only"
        rows.append((result.stack, f"{result.venv}, {_size(result.where)}", f"{result.build:.1f} s", pdfs, str(c.pages if c else ""), outcome))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for index, row in enumerate(rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            print("  ".join("-" * width for width in widths))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    names = [stack.name for stack in STACKS]
    parser.add_argument("--reference", type=Path, help="the MkDocs + Material build of the sample, with its PDFs (default: build it)")
    parser.add_argument("--stack", action="append", choices=names, help="check only this stack (repeatable; default: all)")
    parser.add_argument("--pdf", action="append", choices=names, help="build this stack with its PDFs (repeatable; default: properdocs-material)")
    parser.add_argument("--briefings", action="store_true", help="with the PDFs, also the States' briefings (as the reference has them)")
    args = parser.parse_args(argv)
    stacks = [stack for stack in STACKS if not args.stack or stack.name in args.stack]
    with_pdf = set(args.pdf or ["properdocs-material"])
    start = time.monotonic()
    try:
        if args.reference is not None:
            reference, seconds = args.reference.resolve(), None
            if not (reference / "index.html").is_file():
                raise RuntimeError(f"{args.reference}: no built site there (run `.venv/bin/mkdocs build --strict` first)")
        else:
            print("mkdocs-material: the reference build (MkDocs 1.6.1), with every PDF ...", flush=True)
            reference, seconds = build_reference(pdf=True)
        results = [check(stack, reference, stack.name in with_pdf, args.briefings) for stack in stacks]
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        print(exc, file=sys.stderr)
        return 1
    report(results, ("mkdocs-material (MkDocs 1.6.1)", seconds))
    failed = False
    for result in results:
        if result.failed:
            print(f"\n{result.stack}: {result.failed}", file=sys.stderr)
            failed = True
        elif result.comparison and not result.comparison.ok:
            print(f"\n{result.stack}: differences from the MkDocs build:", file=sys.stderr)
            for line in result.comparison.problems():
                print(f"  {line}", file=sys.stderr)
            failed = True
        elif result.comparison:
            only_ref, only_stack = result.comparison.theme_files
            print(f"{result.stack}: the theme's and search's own files differ as expected ({only_ref} only in the reference, {only_stack} only here)")
    print(f"stacks check: {time.monotonic() - start:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
