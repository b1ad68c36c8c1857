"""``upr status``: the readiness board in the terminal, per thematic group and factsheet
(languages, translation gaps, printed pages as last built, SMART remarks, last change),
with the days left to the next deadline. Read-only; renders no PDF."""

from __future__ import annotations

import argparse
from typing import Any

from ..content.factsheets import Factsheet
from ..content.history import last_changes
from ..printing.documents import PrintSet
from ..printing.paths import factsheet_pdf
from ..printing.pipeline import PrintRun
from ..views import readiness
from .project import Project


def add(commands: Any) -> None:
    parser = commands.add_parser("status", help="what each group still has to do (the readiness board)")
    parser.set_defaults(run=run)


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]


def run(project: Project, args: argparse.Namespace) -> int:
    content = project.load()
    lang = project.msg.lang
    t = content.labels(lang)
    config = project.config
    printset = PrintSet(content, config["markdown_extensions"], config["mdx_configs"], config.get("site_url"), project.options.sample, False)
    cached = PrintRun(content, None, printset)
    cached.start(render=False)  # pages of the PDFs as last built; nothing is rendered

    def pages(sheet: Factsheet, code: str) -> int | None:
        out = cached.outputs.get(factsheet_pdf(sheet.slug, code))
        return out.pages if out and out.done else None

    board = readiness.board(content, lang, pages, last_changes(project.root))
    if board["deadline"]:
        d = board["deadline"]
        print(f"{t['readiness-deadline']} {d['kind']} · {d['date']} · {t['readiness-days-left'].format(days=d['days'])}")
    else:
        print(t["readiness-no-deadline"])
    header = [t["col-factsheet"], t["col-readiness"], *(t[f"language-{code}"] for code in board["languages"]), t["col-smart"], t["col-changed"]]
    for group in board["groups"]:
        print()
        print(group["name"])
        rows = [header]
        for row in group["rows"]:
            cells = [row["slug"], t[f"ready-{row['status']}"]]
            for language in row["languages"]:
                cell = t[f"status-{language['status']}"]
                if language["pages"]:
                    cell += f", {t.count('n-pages', language['pages'])}"
                if language["stale"]:
                    cell += ", " + t["readiness-stale"].format(items=len(language["stale"]))
                if language["placeholders"]:
                    cell += ", " + t.count("n-placeholders", len(language["placeholders"]))
                cells.append(cell)
            cells += [str(len(row["smart"])) if row["smart"] else t["smart-ok"], row["changed"] or "—"]
            rows.append(cells)
        print("\n".join("  " + line for line in _table(rows)))
        for row in group["rows"]:
            for language in row["languages"]:
                for block in language["stale"]:
                    print(f"  {block['where']}: {t['readiness-stale'].format(items=block['id'])}")
            for notice in row["smart"]:
                print(f"  {notice['where']}: {notice['text']}")
        for text in group["data_stale"]:
            print(f"  {text['where']}: {t['readiness-stale'].format(items=text['id'])}")
    if board["data_stale"]:
        print()
        print(t["readiness-data-stale"])
        for text in board["data_stale"]:
            print(f"  {text['where']}: {t['readiness-stale'].format(items=text['id'])}")
    return 0
