"""The offline event kit, measured on a copy of the sample (all figures from this one run).

    .venv/bin/python bench/kit.py

Prints: `mkdocs build` with PDFs (cold cache), then `upr kit` right after it (wall clock
and CPU time of the command; PDFs rendered again should be 0), a second `upr kit` with
nothing changed, and the kit's size: files, MB, zip MB. Wall-clock on purpose: this is a
benchmark, not a test.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def copy(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "factsheets", "data", "overrides"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, dest / name)
    return dest


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds (the command and its children) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    subprocess.run(command, cwd=cwd, env=ENV, check=True, capture_output=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cache(site: Path) -> set[str]:
    return {path.name for path in (site / ".cache/upr-pdf").iterdir()}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="upr-bench-kit-") as tmp:
        site = copy(Path(tmp) / "site")
        wall, cpu = timed([str(BIN / "mkdocs"), "build", "--strict", "-q"], site)
        print(f"mkdocs build with PDFs, cold cache: {wall:.1f} s wall, {cpu:.1f} s CPU")
        before = cache(site)
        for label in ("upr kit after the build", "upr kit again, nothing changed"):
            wall, cpu = timed([str(BIN / "upr"), "kit", "--copies", "20"], site)
            print(f"{label}: {wall:.1f} s wall, {cpu:.1f} s CPU; PDF cache entries added: {len(cache(site) - before)}")
        kit = site / "kit"
        files = [path for path in kit.rglob("*") if path.is_file()]
        archive = next(site.glob("upr-kit-*.zip"))
        print(f"kit: {len(files)} files, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB "
              f"(PDFs {sum(p.stat().st_size for p in files if p.suffix == '.pdf') / 1e6:.1f} MB); zip {archive.stat().st_size / 1e6:.1f} MB")
        print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
