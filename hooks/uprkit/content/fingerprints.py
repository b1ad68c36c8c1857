"""Digests of the project's files that the preview's memos and the PDF cache depend on.

Only hashed, never shown: a file that cannot be read is digested as such (the build that
reads it reports it).
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"-"


def assets_fingerprint(root: Path) -> str:
    """Hash of every file in docs/ a PDF may use: stylesheets, fonts, logos, images (not
    the Markdown pages, not the site's JavaScript)."""
    digest = hashlib.sha256()
    for path in sorted((root / "docs").rglob("*")):
        if path.is_file() and path.suffix not in (".md", ".js"):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + _read(path))
    return digest.hexdigest()


def _git_head(root: Path) -> list[Path]:
    """The files that say which commit is checked out (.git/HEAD and the branch's ref),
    never a file outside .git/ whatever HEAD says."""
    git = (root / ".git").resolve()
    head = _read(git / "HEAD").decode("utf-8", "replace")
    files = [git / "HEAD"]
    if head.startswith("ref: ") and (ref := (git / head[5:].strip()).resolve()).is_relative_to(git):
        files.append(ref)
    return files


def outside_factsheets(root: Path) -> str:
    """The digest of everything outside factsheets/ a page or a print sheet may read:
    mkdocs.yml, data/, overrides/ (the templates), what of docs/ a PDF may use, and git's
    checked-out commit (the last-change dates). The preview takes it before it loads the
    content: a file saved during the load can only make the digest older than what was
    loaded, so what depends on it is made again, never kept stale."""
    digest = hashlib.blake2b(assets_fingerprint(root).encode())
    files = [root / "mkdocs.yml", *_git_head(root)]
    files += sorted(p for folder in ("data", "overrides") for p in (root / folder).rglob("*") if p.is_file())
    for path in files:
        digest.update(path.as_posix().encode() + b"\0" + _read(path) + b"\0")
    return digest.hexdigest()
