"""The SMART check's verdict on every suggested recommendation of the sample, as a table.

    .venv/bin/python bench/smart.py [mkdocs.yml]

One row per factsheet and recommendation: the declared action category, then in each
language the leading verb the check recognised, its UPR Info category and the remarks
(the same check as `upr check`, the readiness board and the editor notices).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from uprkit.cli.project import open_project  # noqa: E402

REMARK = {"smart-no-verb": "no known verb", "smart-vague": "vague", "smart-no-time": "no time frame",
          "smart-no-measure": "nothing measurable", "smart-category-differs": "differs from declared"}


def main() -> int:
    content = open_project(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "mkdocs.yml").load()
    rows: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    declared: dict[tuple[str, str], int | None] = {}
    for result in content.smart:
        smart = result.smart
        remarks = ", ".join(REMARK.get(key, key) for key, _values in smart.notices) or "none"
        verb = f"{smart.verb} → {smart.category}" if smart.category is not None else "—"
        rows[(result.slug, result.id)][result.lang] = f"{verb}; {remarks}"
        declared[(result.slug, result.id)] = smart.declared
    langs = content.languages
    print("| factsheet / recommendation | declared | " + " | ".join(f"{lang}: verb → category; remarks" for lang in langs) + " |")
    print("|---|---|" + "---|" * len(langs))
    for key in sorted(rows):
        cells = [rows[key].get(lang, "not written") for lang in langs]
        print(f"| {key[0]} / {key[1]} | {declared[key] if declared[key] is not None else '—'} | " + " | ".join(cells) + " |")
    flagged = sum(1 for cells in rows.values() for cell in cells.values() if not cell.endswith("; none"))
    print(f"\n{len(rows)} recommendations, {sum(len(c) for c in rows.values())} texts, {flagged} with remarks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
