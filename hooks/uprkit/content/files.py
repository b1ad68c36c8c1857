"""Reading the project's input files without ever leaving the project.

Every text file is read through ``read_text``: it must lie inside the project (no link
may lead out), be UTF-8 (a byte-order mark is accepted), and stay under a size that no
honest factsheet or data file reaches.
"""

from __future__ import annotations

from pathlib import Path

from .problems import Problems

MAX_BYTES = 5 * 1024 * 1024
"""Largest input file read (a cycle's recommendations in two languages is ~0.5 MB)."""


def inside(path: Path, root: Path) -> bool:
    """True when ``path`` (symlinks resolved) lies inside ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def shown(file: Path, root: Path) -> str:
    """``file`` as messages name it: relative to the project."""
    return file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file)


def read_text(file: Path, root: Path, problems: Problems) -> str:
    """Read a UTF-8 text file that must be inside ``root``; raises ContentError otherwise."""
    name = shown(file, root)
    if not inside(file, root):
        raise problems.fail(name, "outside-project")
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise problems.fail(name, "file-too-large", size=f"{size / 1024 / 1024:.1f}", limit=MAX_BYTES // 1024 // 1024)
        raw = file.read_bytes()
    except OSError as exc:
        raise problems.fail(name, "unreadable", reason=exc.strerror or type(exc).__name__) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise problems.fail(f"{name}:{line}", "not-utf8", byte=exc.start) from None
