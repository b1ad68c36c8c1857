"""The `upr` command: new, check (status and the others have their own tests)."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

W = "factsheets/women/violence-against-women"


def upr(project, *args: str) -> tuple[int, str, str]:
    command = [str(Path(sys.executable).with_name("upr")), "--config", str(project.root / "mkdocs.yml"), *args]
    result = subprocess.run(command, capture_output=True, text=True, cwd=project.root, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    return result.returncode, result.stdout, result.stderr


def english(project) -> None:
    project.replace("mkdocs.yml", "sample: true", "sample: true\n      messages: en")


def test_check_passes_on_the_sample_and_lists_notices(project):
    english(project)
    code, out, err = upr(project, "check")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "No problems: 13 factsheets checked."
    assert "Not yet translated: factsheets/migrants/statelessness.yml has no statelessness.en.md" in out
    assert f"{W}.ru.md:9: 'enforcement': declared action_category 5, but 'обеспечить' is category 4; change one of them" in out
    named = {line.split(":")[0] for line in out.splitlines() if line.startswith(("factsheets/", "data/"))}
    assert named and all(project.path(path).is_file() for path in named), "every notice names a file that exists"
    code, out, err = upr(project, "check", "factsheets/women")
    assert (code, err) == (0, "") and "statelessness" not in out and "minority-participation" not in out, "only what concerns the paths given"
    assert f"{W}.ru.md:9: 'enforcement'" in out
    code, out, _err = upr(project, "check", "factsheets/migrants/statelessness.yml")
    assert "Not yet translated: factsheets/migrants/statelessness.yml" in out


def test_check_lists_every_problem_as_the_build_does(project):
    english(project)
    project.replace(f"{W}.yml", "group: women", "group: woman")
    project.replace(f"{W}.en.md", "### Achievements", "### Achievements\n\n<script>alert(1)</script>")
    code, out, err = upr(project, "check")
    built = project.build()
    assert code == 1 and not built.ok
    assert err.splitlines() == built.errors
    assert err.splitlines()[0].startswith(f"{W}.yml:3: unknown group 'woman'")
    code, _out, err = upr(project, "check", "factsheets/justice")
    assert code == 0 and err == "", "only problems under the paths given are shown"


def test_new_factsheet_builds_in_both_languages(project):
    """What ``upr new`` writes builds, but its placeholders are never published: ``upr check``
    and ``mkdocs build --strict`` name each one (file:line), the board calls it a draft; once
    they are replaced, it builds with its texts."""
    english(project)
    code, out, err = upr(project, "new", "women", "land-rights")
    assert (code, err) == (0, "")
    assert out.splitlines()[:3] == [f"written: factsheets/women/land-rights.{ext}" for ext in ("yml", "ru.md", "en.md")]
    meta = project.read("factsheets/women/land-rights.yml")
    assert "group: women\n" in meta and "cluster: women\n" in meta and "suggested_recommendations:" in meta and "# " in meta
    assert "title: ⟨Название справки⟩" in project.read("factsheets/women/land-rights.ru.md")
    code, out, err = upr(project, "check")
    lines = err.splitlines()
    assert code == 1 and "factsheets/women/land-rights.en.md:4: placeholder ⟨Title of the factsheet⟩ is still there: write your text in its place" in lines
    assert "factsheets/women/land-rights.yml:38: placeholder ⟨By 2027, adopt … (a specific action, a time frame, a measurable result)⟩ is still there" in err
    assert lines[-1].startswith("Placeholders ⟨…⟩ left to fill: 12 (listed above)") and len(lines) == 13
    assert all(line.startswith("factsheets/women/land-rights.") for line in lines[:-1])  # commented examples are not counted
    code, out, _err = upr(project, "status")
    row = next(line for line in out.splitlines() if line.startswith("  land-rights "))
    assert "needs work" in row and row.count("draft, 6 placeholders ⟨…⟩ to fill") == 2, row
    only = project.only("land-rights", "violence-against-women")  # the new factsheet and one other
    built = only.build()
    warnings = built.messages(logging.WARNING)
    assert not built.ok and len(warnings) == 12
    assert "factsheets/women/land-rights.ru.md:4: placeholder ⟨Название справки⟩ is still there: write your text in its place" in warnings
    for rel in ("factsheets/women/land-rights.yml", "factsheets/women/land-rights.ru.md", "factsheets/women/land-rights.en.md"):
        path = project.path(rel)
        path.write_text(re.sub(r"^(?!\s*#)(.*)⟨([^⟩]*)⟩", r"\1\2", path.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    assert upr(project, "check")[0] == 0
    built = only.build()
    assert built.ok, built.errors
    page = built.html("en/factsheets/land-rights/index.html")
    # the suggested recommendation is written beside its id, as the web editor writes it
    assert "Title of the factsheet" in page and "By 2027, adopt" in page and "⟨" not in page
    assert "recommendations:" not in project.read("factsheets/women/land-rights.en.md")
    # and so are the comments on previous recommendations (the example is beside its recommendation)
    assert "implementation" not in project.read("factsheets/women/land-rights.en.md") and "#    comment:\n" in meta


def test_new_refuses_what_would_not_build(project):
    english(project)
    assert upr(project, "new", "woman", "x")[2].startswith("unknown group 'woman'; use a key of data/groups.yml (women, children")
    code, _out, err = upr(project, "new", "women", "Land Rights")
    assert code == 1 and err.startswith("'Land Rights' cannot be a factsheet name; use lowercase letters")
    code, _out, err = upr(project, "new", "women", "violence-against-women")
    assert code == 1 and f"a factsheet 'violence-against-women' exists already ({W}" in err
    assert not project.path("factsheets/women/x.yml").exists()


def test_status_lists_every_factsheet_by_group_late_first(project):
    english(project)
    code, out, err = upr(project, "status")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    slugs = [line.split()[0] for line in lines if line.startswith("  ") and not line.startswith("  factsheets/") and "Factsheet" not in line]
    assert sorted(slugs) == sorted(p.name.split(".")[0] for p in project.root.glob("factsheets/*/*.yml"))
    assert slugs[0] == "statelessness", "a factsheet missing a language comes first"
    assert any(line.split()[:2] == ["statelessness", "a"] for line in lines)
    assert f"  {W}.en.md:16: 'shelters': no time frame; add one" in out
    assert lines[0].startswith("No deadline ahead: add the next cycle's"), "the sample's cycles have none ahead"
