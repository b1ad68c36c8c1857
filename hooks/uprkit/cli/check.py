"""``upr check [PATH...]``: every problem in the content, as the build reports it, without
building the site; then the notices (missing and stale translations, the SMART check of
suggested recommendations); then the placeholders ``upr new`` wrote that are still
there. Exit 1 when there are errors or placeholders (the published build fails on both)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..content import translations
from ..content.factsheets import placeholder_lines
from ..errors import ContentError
from .project import Project


def add(commands: Any) -> None:
    parser = commands.add_parser("check", help="check factsheets/ and data/ without building the site")
    parser.add_argument("paths", nargs="*", type=Path, help="show only what concerns these files or folders (all are checked)")
    parser.set_defaults(run=run)


def _concerns(line: str, paths: list[str]) -> bool:
    return not paths or any(line.startswith(path) for path in paths)


def run(project: Project, args: argparse.Namespace) -> int:
    paths = [Path(p).resolve().relative_to(project.root).as_posix() if Path(p).resolve().is_relative_to(project.root) else str(p) for p in args.paths]
    try:
        content = project.load()
    except ContentError as exc:
        shown = [m for m in exc.messages if _concerns(m, paths)]
        for message in shown:
            print(message, file=sys.stderr)
        return 1 if shown or not paths else 0
    msg = project.msg
    for notice in content.notices:
        if _concerns(notice.where or notice.file, paths):
            print(str(notice))
    for _stale, line in translations.notices(content):
        if _concerns(line, paths):
            print(line)
    for result in content.smart:
        for key, values in result.smart.notices:
            line = f"{result.where}: " + msg(key, id=result.id, **values)
            if _concerns(line, paths):
                print(line)
    left = [line for line in placeholder_lines(content.factsheets, msg) if _concerns(line, paths)]
    if left:
        for line in left:
            print(line, file=sys.stderr)
        print(msg("check-placeholders", count=len(left)), file=sys.stderr)
        return 1
    print(msg("check-ok", factsheets=len(content.factsheets)))
    return 0
