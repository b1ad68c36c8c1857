"""Writes the site's PT Sans web fonts (docs/assets/fonts/pt-sans-*.woff2) from the bundled TTFs.

    .venv/bin/python bench/webfonts.py [--check]

Each ``@font-face`` of docs/assets/stylesheets/fonts.css names its file and its
``unicode-range``; this subsets the TTF of that weight and style (PT Sans from ParaType,
SIL OFL, the same the PDFs use) to that range, as WOFF2, without the TrueType hinting
instructions. The hinting was four fifths of the files' bytes (the regular Latin subset:
45 KB with it, 11 KB without; the same glyphs, outlines, kerning and ligatures); phones
and macOS ignore it, Windows' DirectWrite renders the outlines unhinted, slightly softer
at small sizes. The preloaded faces of a Russian page went from 151 to 34 KB, which the
first paint on a phone's connection shares with the stylesheets.

Not run by the build: the fonts are committed (nothing is downloaded or generated at view
time). --check says whether the committed files are what this would write.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "docs" / "assets" / "fonts"
CSS = ROOT / "docs" / "assets" / "stylesheets" / "fonts.css"
SOURCES = {("400", "normal"): "PTSans_400Regular.ttf", ("700", "normal"): "PTSans_700Bold.ttf",
           ("400", "italic"): "PTSans_400Regular_Italic.ttf", ("700", "italic"): "PTSans_700Bold_Italic.ttf"}
FACE = re.compile(r"@font-face\s*{([^}]*)}")


def faces(css: str) -> list[tuple[str, str, str, str]]:
    """(file name, weight, style, unicode-range) of every PT Sans face served from a file."""
    out = []
    for body in FACE.findall(css):
        field = dict((k.strip(), v.strip()) for k, _, v in (d.partition(":") for d in body.split(";")) if v.strip())
        source = re.search(r'url\("\.\./fonts/([^"]+\.woff2)"\)', field.get("src", ""))
        if field.get("font-family") == '"PT Sans"' and source:
            out.append((source.group(1), field["font-weight"], field["font-style"], field["unicode-range"]))
    return out


def webfont(ttf: Path, unicodes: str) -> bytes:
    options = subset.Options()
    options.flavor = "woff2"
    options.hinting = False
    options.desubroutinize = True
    font = subset.load_font(str(ttf), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(unicodes.replace("U+", "")))
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only compare with the committed files")
    args = parser.parse_args()
    stale = []
    for name, weight, style, unicodes in faces(CSS.read_text(encoding="utf-8")):
        data, path = webfont(FONTS / SOURCES[weight, style], unicodes), FONTS / name
        before = path.stat().st_size if path.exists() else 0
        if args.check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(name)
            continue
        path.write_bytes(data)
        print(f"{name}: {before / 1024:.1f} -> {len(data) / 1024:.1f} KB")
    if stale:
        raise SystemExit(f"not what bench/webfonts.py writes: {', '.join(stale)}")


if __name__ == "__main__":
    sys.exit(main())
