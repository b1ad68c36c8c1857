"""``upr new GROUP SLUG``: a new factsheet, its language-neutral file and a text per site
language, from the scaffold templates in data/scaffold/, every part present and
commented, ready to fill. It builds as it is (so ``mkdocs serve`` shows it at once;
a test checks that)."""

from __future__ import annotations

import argparse
from typing import Any

import jinja2

from ..config import build_date
from ..content import schemas as s
from ..content.datafiles import load_catalog
from ..content.factsheets import discover
from ..errors import ContentError
from .project import Project


def add(commands: Any) -> None:
    parser = commands.add_parser("new", help="start a new factsheet (the .yml file and a text per language)")
    parser.add_argument("group", help="the thematic group, a key of data/groups.yml")
    parser.add_argument("slug", help="the factsheet's name and page address: lowercase letters, digits, hyphens")
    parser.set_defaults(run=run)


def run(project: Project, args: argparse.Namespace) -> int:
    msg = project.msg
    problems = project.problems()
    catalog = load_catalog(project.root, project.languages, project.options.country, problems)  # other files' problems do not stop a new one
    if args.group not in catalog.groups:
        raise ContentError(msg("unknown-group", group=args.group, groups=", ".join(catalog.groups)))
    if not s.SLUG.match(args.slug):
        raise ContentError(msg("bad-slug", slug=args.slug))
    existing = discover(project.root, project.languages, problems).get(args.slug)
    if existing:
        raise ContentError(msg("new-exists", slug=args.slug, file=next(iter(existing.values())).relative_to(project.root).as_posix()))
    today, _ = build_date(msg)
    table = catalog.tables.get(catalog.groups[args.group].table)
    sections = table.sections if table else []
    clusters = [cid for cid, cluster in catalog.clusters.items() if not sections or cluster.section in sections]
    folder = project.root / "factsheets" / args.group
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(project.root / "data" / "scaffold"), keep_trailing_newline=True)
    values = {"slug": args.slug, "group": args.group, "cluster": clusters[0] if clusters else next(iter(catalog.clusters), ""),
              "clusters": ", ".join(clusters), "date": today.isoformat(),
              "assessments": ", ".join(catalog.scales.assessments) if catalog.scales else ""}
    files = {folder / f"{args.slug}.yml": "factsheet.yml"}
    files |= {folder / f"{args.slug}.{lang}.md": f"factsheet.{lang}.md" for lang in project.languages}
    for path, template in files.items():
        try:
            text = env.get_template(template).render(values)
        except jinja2.TemplateNotFound:
            raise ContentError(msg("new-no-template", file=f"data/scaffold/{template}")) from None
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(msg("new-written", file=path.relative_to(project.root).as_posix()))
    print(msg("new-next", file=f"factsheets/{args.group}/{args.slug}.{project.languages[0]}.md"))
    return 0
