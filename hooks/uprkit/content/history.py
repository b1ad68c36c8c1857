"""When each file of factsheets/ last changed, from git (when the project is a git
work tree; otherwise nothing is known: file times mean nothing after a clone)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

_KNOWN: dict[tuple[str, str, str], dict[str, dt.date]] = {}
"""History already read in this process, by (root, folder, commit): the preview rebuilds
on every save, and the history of a long-lived repository takes a while to walk."""


def _git(git: str, root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run([git, "-C", str(root), *args], capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def last_changes(root: Path, folder: str = "factsheets") -> dict[str, dt.date]:
    """{path relative to ``root``: date of the newest commit touching it}."""
    git = shutil.which("git")
    if git is None or not (root / folder).is_dir():
        return {}
    head = _git(git, root, "rev-parse", "HEAD")
    if head is None:
        return {}
    key = (str(root.resolve()), folder, head.strip())
    if key not in _KNOWN:
        _KNOWN[key] = _read(_git(git, root, "log", "--format=@%cs", "--name-only", "--relative", "--", folder) or "")
    return dict(_KNOWN[key])


def _read(log: str) -> dict[str, dt.date]:
    changes: dict[str, dt.date] = {}
    day = None
    for line in log.splitlines():
        if line.startswith("@"):
            day = dt.date.fromisoformat(line[1:])
        elif line and day is not None:
            changes.setdefault(line, day)  # newest first
    return changes
