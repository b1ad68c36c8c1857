"""``upr check``: every problem in the content, as the build would report it, without
building the site."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..errors import ContentError
from .project import Project


def add(commands: Any) -> None:
    parser = commands.add_parser("check", help="check factsheets/ and data/ without building the site")
    parser.set_defaults(run=run)


def run(project: Project, args: argparse.Namespace) -> int:
    try:
        content = project.load()
    except ContentError as exc:
        for message in exc.messages:
            print(message, file=sys.stderr)
        return 1
    for notice in content.notices:
        print(str(notice))
    print(project.msg("check-ok", factsheets=len(content.factsheets)))
    return 0
