"""Where the project's inputs live, and reading them without leaving the project."""

from __future__ import annotations

from pathlib import Path

from .problems import ContentError


def inside(path: Path, root: Path) -> bool:
    """True when ``path`` (symlinks resolved) lies inside ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def read_text(file: Path, root: Path) -> str:
    """Read a UTF-8 text file that must be inside ``root`` (no symlink may lead out)."""
    shown = file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file)
    if not inside(file, root):
        raise ContentError(f"{shown}: points outside the project; the build reads only files inside it")
    try:
        return file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(
            f"{shown}: is not UTF-8 text (byte {exc.start}); save it as UTF-8"
        ) from None
    except OSError as exc:
        raise ContentError(f"{shown}: cannot be read ({exc.strerror})") from None
