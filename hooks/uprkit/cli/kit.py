"""``upr kit``: the offline event kit, one folder and a zip for a USB stick: the site
working from ``file://``, every PDF with the café piles and handouts, and the print plan
(site/kit.py). Run it after ``mkdocs build``: the PDFs come from the same cache."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..config import build_date
from ..errors import ContentError
from ..i18n.formatting import format_size
from .project import Project


def add(commands: Any) -> None:
    parser = commands.add_parser("kit", help="the offline event kit: the site for file://, all PDFs and a print plan, as a folder and a zip")
    parser.add_argument("--out", type=Path, help="the kit's folder (default: kit/ in the project); an older kit there is replaced")
    parser.add_argument("--zip", type=Path, help="the zip to write (default: upr-kit-COUNTRY-DATE.zip beside the folder)")
    parser.add_argument("--no-zip", action="store_true", help="make the folder only")
    parser.add_argument("--copies", action="append", default=[], metavar="N|TABLE=N",
                        help="copies of each PDF to print, for every table (20) or one table (esc=20); may be repeated")
    parser.set_defaults(run=run)


def copies_of(values: list[str], tables: list[str], project: Project) -> dict[str, int]:
    """``--copies`` as table -> copies ("" for every table)."""
    found: dict[str, int] = {}
    problems = []
    for value in values:
        table, _, number = value.rpartition("=")
        if number.isdigit() and int(number) > 0 and (not table or table in tables):
            found[table] = int(number)
        else:
            problems.append(project.msg("kit-copies-bad", value=value, tables=", ".join(tables)))
    if problems:
        raise ContentError(*problems)
    return found


def run(project: Project, args: argparse.Namespace) -> int:
    # here, not above: WeasyPrint, pypdf and the offline plugin took a second of every
    # other upr command's start (upr check)
    from ..site import kit
    from ..site.printplan import plan_file

    content = project.load()  # content errors stop here, before anything is built
    msg = project.msg
    copies = copies_of(args.copies, list(content.catalog.tables), project)
    made, _ = build_date(msg)
    folder = (args.out or project.root / "kit").resolve()
    archive = None if args.no_zip else (args.zip or folder.with_name(f"upr-kit-{project.options.country.lower()}-{made.isoformat()}.zip")).resolve()
    print(msg("kit-building", folder=folder), file=sys.stderr)
    made_kit = kit.make(content, project.config_file, Path(project.config.site_dir), folder, archive, copies, made)
    t = content.labels(msg.lang)
    lang = msg.lang if msg.lang in content.languages else content.default_language
    print(msg("kit-made", folder=made_kit.folder, files=made_kit.files, size=format_size(made_kit.size, t),
              archive=msg("kit-archive", archive=made_kit.archive) if made_kit.archive else "", plan=folder / plan_file(lang, "html")))
    return 0
