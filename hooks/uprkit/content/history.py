"""When each file of factsheets/ last changed, from git (when the project is a git
work tree; otherwise nothing is known: file times mean nothing after a clone)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path


def last_changes(root: Path, folder: str = "factsheets") -> dict[str, dt.date]:
    """{path relative to ``root``: date of the newest commit touching it}."""
    git = shutil.which("git")
    if git is None or not (root / folder).is_dir():
        return {}
    try:
        result = subprocess.run([git, "-C", str(root), "log", "--format=@%cs", "--name-only", "--relative", "--", folder],
                                capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if result.returncode != 0:
        return {}
    changes: dict[str, dt.date] = {}
    day = None
    for line in result.stdout.splitlines():
        if line.startswith("@"):
            day = dt.date.fromisoformat(line[1:])
        elif line and day is not None:
            changes.setdefault(line, day)  # newest first
    return changes
