"""Import previous recommendations into data/recommendations/ (not a MkDocs hook).

    .venv/bin/python hooks/import_recommendations.py FILE [--dry-run]

FILE is OHCHR's Universal Human Rights Index JSON export (.json), or a table (.csv,
.xlsx) with the columns cycle, id, states, response, cluster, sdg_targets, text_en,
text_ru (the columns of the site's own data/recommendations.csv). See uprkit/importer.py.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.config import load_config  # noqa: E402
from uprkit import importer  # noqa: E402
from uprkit.catalog import load_catalog  # noqa: E402
from uprkit.messages import load_messages  # noqa: E402
from uprkit.options import messages_language  # noqa: E402
from uprkit.problems import Problems  # noqa: E402
from uprkit.sourceyaml import parse_yaml  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path)
    parser.add_argument("--dry-run", action="store_true", help="report only, change nothing")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)

    config = load_config(str(args.config))
    root = Path(config.config_file_path).resolve().parent
    i18n = config.plugins["i18n"]
    languages = [i18n.default_language] + [lang.locale for lang in i18n.config.languages if lang.locale != i18n.default_language]
    msg = load_messages(root, languages, messages_language(config.extra, languages))
    problems = Problems(msg)
    catalog = load_catalog(root, languages, config.extra["upr"]["country"], problems)

    folder = root / "data" / "recommendations"
    files, existing, headers, sources = {}, {}, {}, {}
    for path in sorted(folder.glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        doc = parse_yaml(text, path.relative_to(root).as_posix(), problems).data
        cycle = int(doc["cycle"])
        files.setdefault(cycle, path)
        headers[path] = "".join(re.match(r"((?:#[^\n]*\n)*)", text).group(1))
        sources[path] = doc.get("source")
        for rec_id, rec in (doc.get("recommendations") or {}).items():
            existing[(cycle, str(rec_id))] = {"states": list(rec["states"]), "response": rec["response"], "cluster": rec.get("cluster") or "",
                                              "sdg_targets": [str(t) for t in rec.get("sdg_targets") or []], "text": dict(rec["text"]), "_file": path}

    report = importer.Report()
    try:
        kind, data = importer.read_source(args.file)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        print(f"{args.file}: " + msg("import-unreadable", error=str(exc).splitlines()[0] if str(exc) else type(exc).__name__))
        return 2
    reader = importer.Reader(msg, catalog.states, catalog.country, languages)
    incoming = reader.uhri(data, args.file.name, report) if kind == "uhri" else reader.table(data, args.file.name, report)
    touched = importer.merge(existing, incoming, report)

    if not args.dry_run:
        for cycle in sorted(touched):
            path = files.get(cycle) or folder / f"cycle-{cycle}.yml"
            recs = {rid: rec for (c, rid), rec in existing.items() if c == cycle and rec.get("_file", path) == path}
            header = headers.get(path) or f"# {msg('import-header', cycle=cycle)}\n"
            path.write_text(importer.dump_cycle(header, cycle, sources.get(path), recs), encoding="utf-8")
            if cycle not in catalog.cycles:
                print(msg("import-new-cycle", cycle=cycle))

    print(msg("import-summary", added=len(report.added), changed=len(report.changed), skipped=len(report.skipped), rejected=len(report.rejected)))
    for label, items in (("import-added", report.added), ("import-changed", report.changed)):
        if items:
            print("  " + msg(label, items=", ".join(items)))
    for line in report.rejected:
        print("  " + line)
    return 1 if report.rejected else 0


if __name__ == "__main__":
    sys.exit(main())
