"""The ``upr`` command: what editors and coordinators run besides ``mkdocs``.

    upr new GROUP SLUG        start a new factsheet, every part present and commented
    upr check [PATH...]       check the content without building the site
    upr status                what each group still has to do (the readiness board)
    upr import FILE           import previous recommendations into data/recommendations/
    upr translated PATH...    mark translations as reviewed against their source as it is now
    upr export-xliff LANG     the blocks to translate into LANG, as XLIFF 1.2 for a CAT tool
    upr import-xliff FILE     translations back from an XLIFF file, marked fresh
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..errors import ContentError
from . import check, importing, new, status, translated, xliff
from .project import Project, open_project


def parser() -> argparse.ArgumentParser:
    """The command line of ``upr`` (every subcommand sets ``run(project, args)``)."""
    parser = argparse.ArgumentParser(prog="upr", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the project's mkdocs.yml (default: ./mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True)
    new.add(commands)
    check.add(commands)
    status.add(commands)
    importing.add(commands)
    translated.add(commands)
    xliff.add(commands)
    return parser


def main(argv: list[str] | None = None, project: Project | None = None) -> int:
    """Run ``upr``; ``project``: one already opened (tests run several commands on one)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # our own commands: MkDocs' banner is noise here
    args = parser().parse_args(argv)
    try:
        project = project or open_project(args.config)
        return args.run(project, args)
    except ContentError as exc:
        for message in exc.messages:
            print(message, file=sys.stderr)
        return 1
    except BrokenPipeError:  # `upr status | head`
        sys.stderr.close()
        return 0
