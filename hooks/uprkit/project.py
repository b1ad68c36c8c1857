"""Where the project's inputs live, and reading them without leaving the project."""

from __future__ import annotations

from pathlib import Path

from .problems import Problems


def inside(path: Path, root: Path) -> bool:
    """True when ``path`` (symlinks resolved) lies inside ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def read_text(file: Path, root: Path, problems: Problems) -> str:
    """Read a UTF-8 text file that must be inside ``root`` (no symlink may lead out)."""
    shown = file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file)
    if not inside(file, root):
        raise problems.fail(shown, "outside-project")
    try:
        return file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise problems.fail(shown, "not-utf8", byte=exc.start) from None
    except OSError as exc:
        raise problems.fail(shown, "unreadable", reason=exc.strerror) from None
