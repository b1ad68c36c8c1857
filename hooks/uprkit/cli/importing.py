"""``upr import FILE``: previous recommendations into data/recommendations/.

FILE is OHCHR's Universal Human Rights Index JSON export, or a CSV/XLSX table with the
columns of the site's own export. Records merge by cycle and paragraph number: a new
one is added, a known one only gains what it lacked (a text in another language, SDG
targets, a theme); assessments live in factsheets/ and are never touched. A run that
rejects any record writes nothing unless ``--partial`` is given; ``--dry-run`` prints
the change it would make.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import ContentError
from .merge import Merger, Report
from .project import Project
from .sources import Reader, Skipped, read_file


def add(commands: Any) -> None:
    parser = commands.add_parser("import", help="import previous recommendations (UHRI JSON, CSV, XLSX)", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path)
    parser.add_argument("--dry-run", action="store_true", help="print the change it would make; write nothing")
    parser.add_argument("--partial", action="store_true", help="write the good records even when some are rejected")
    parser.set_defaults(run=run)


def run(project: Project, args: argparse.Namespace) -> int:
    msg = project.msg
    content = project.load()
    try:
        kind, data = read_file(args.file)
    except (OSError, ValueError, UnicodeDecodeError, KeyError, IndexError) as exc:
        print(f"{args.file}: " + msg("import-unreadable", error=str(exc).splitlines()[0] if str(exc) else type(exc).__name__))
        return 2
    reader = Reader(content.catalog, args.file.name, msg("import-record", n="{n}"), msg("import-row", n="{n}"))
    rows, skipped = reader.uhri(data) if kind == "uhri" else reader.table(data)
    report = Report()
    report.rejected += [f"{item.where}: " + msg(item.message, **item.values) for item in skipped if isinstance(item, Skipped)]
    merger = Merger(project.root, content.catalog, project.problems())
    merger.merge(rows, report)
    unreadable = merger.check()
    if unreadable:  # never write a file the next build cannot read
        for line in unreadable:
            print(line, file=sys.stderr)
        raise ContentError(msg("import-not-written"))
    print(msg("import-summary", added=len(report.added), changed=len(report.changed), skipped=len(report.skipped), rejected=len(report.rejected)))
    for label, items in (("import-added", report.added), ("import-changed", report.changed)):
        if items:
            print("  " + msg(label, items=", ".join(items)))
    for line in report.rejected:
        print("  " + line)
    if args.dry_run:
        print(merger.diff(), end="")
    elif report.rejected and not args.partial and merger.changed():
        print(msg("import-nothing-written"))
    else:
        merger.write()
    return 1 if report.rejected else 0
