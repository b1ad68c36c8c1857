"""The CI files that publish the site (GitHub Pages, GitLab Pages): valid YAML with the
structure each forge expects, running exactly the README's setup and build commands."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT

GITHUB = ROOT / ".github" / "workflows" / "pages.yml"
GITLAB = ROOT / ".gitlab-ci.yml"


def readme_commands() -> list[str]:
    """The README's build line (`bash setup.sh && .venv/bin/mkdocs build --strict`), split."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Two commands.*?```sh\n(.*?)```", readme, re.S)
    assert block, "README.md has its 'Two commands' section"
    build = next(line for line in block.group(1).splitlines() if "mkdocs build" in line)
    return [part.strip() for part in build.split("&&")]


def _load(path):
    # PyYAML reads `on:` as True (YAML 1.1); GitHub reads it as the key "on"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def test_readme_commands_are_the_two_steps():
    assert readme_commands() == ["bash setup.sh", ".venv/bin/mkdocs build --strict"]


def test_github_pages_workflow():
    workflow = _load(GITHUB)
    assert "push" in workflow["on"] and workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["container"].startswith("debian:"), "the README's setup is for Debian"
    runs = [step["run"] for step in build["steps"] if "run" in step]
    uses = [step["uses"].split("@")[0] for step in build["steps"] if "uses" in step]
    assert [r for r in runs if r in readme_commands()] == readme_commands(), "the README's commands, in order"
    assert uses == ["actions/checkout", "actions/upload-pages-artifact"]
    upload = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    text = GITHUB.read_text(encoding="utf-8")
    assert "gh-deploy" not in text and "git push" not in text, "the site never goes into git history"


def test_gitlab_pages_job():
    ci = _load(GITLAB)
    job = ci["pages"]
    assert job["image"].startswith("debian:")
    assert [line for line in job["script"] if line in readme_commands()] == readme_commands()
    assert job["script"][-1] == "rm -rf public && mv site public"
    assert job["artifacts"]["paths"] == ["public"]
    assert job["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]


@pytest.mark.parametrize("path", [GITHUB, GITLAB])
def test_workflows_install_what_setup_sh_assumes(path):
    """setup.sh needs Python 3 with venv and git on a bare Debian image; nothing else."""
    text = path.read_text(encoding="utf-8")
    assert "python3-venv" in text and " git " in text
