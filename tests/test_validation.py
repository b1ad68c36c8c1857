"""Every kind of bad input gets one line naming file and line and saying what to do."""

from __future__ import annotations

import os

import pytest
from uprkit.content.datafiles import load_catalog
from uprkit.content.factsheets import load_factsheets
from uprkit.content.problems import Problems
from uprkit.i18n.messages import load_messages

W = "factsheets/women/violence-against-women"


def errors(project, lang: str = "en") -> list[str]:
    problems = Problems(load_messages(project.root, lang))
    catalog = load_catalog(project.root, ("ru", "en"), "KG", problems)
    load_factsheets(project.root, catalog, problems)
    return problems.errors


CASES = {
    "unknown State code": (
        f"{W}.yml", "target_states: [SE,", "target_states: [XX, Germany,",
        [f"{W}.yml:32: unknown State code 'XX'; use an ISO 3166-1 alpha-2 code such as 'DE'",
         f"{W}.yml:32: unknown State code 'Germany'; use an ISO 3166-1 alpha-2 code such as 'DE' (for Germany write 'DE')"],
    ),
    "unknown recommendation id": (
        f"{W}.yml", '{id: "140.162", cycle: 3', '{id: "140.999", cycle: 3',
        [f"{W}.yml:10: unknown recommendation id '140.999' of cycle 3; add it to data/recommendations/ or correct the number"],
    ),
    "unknown SDG": (
        f"{W}.yml", 'sdg_targets: ["5.2", "5.3", "16.3"]', 'sdg_targets: ["5.2", "18.1", "5.9", "16.10"]',
        [f"{W}.yml:6: unknown SDG '18.1': goals are numbered 1 to 17; write a goal ('16') or one of its targets ('16.3')",
         f"{W}.yml:6: unknown SDG target '5.9': goal 5 has targets 5.1 to 5.6 and 5.a, 5.b, 5.c; write one of them, or just the goal '5'"],
    ),
    "bad date": (
        f"{W}.yml", "date: 2024-10-15", "date: 15.10.2024",
        [f"{W}.yml:5: 'date': bad date '15.10.2024': write it as YYYY-MM-DD (or YYYY-MM, or YYYY)"],
    ),
    "impossible date": (
        f"{W}.yml", "date: 2024-10-15", "date: 2024-02-30",
        [f"{W}.yml:5: 'date': bad date '2024-02-30': no such day; write it as YYYY-MM-DD"],
    ),
    "missing required part": (
        f"{W}.yml", "cluster: women\n", "",
        [f"{W}.yml:3: missing required 'cluster'; add it"],
    ),
    "misspelt key in a text": (
        f"{W}.en.md", "summary: |", "summery: |",
        [f"{W}.en.md:2: missing required 'summary'; add it", f"{W}.en.md:3: unknown key 'summery'; check its spelling"],
    ),
    "unknown group": (
        f"{W}.yml", "group: women", "group: woman",
        [f"{W}.yml:3: unknown group 'woman'; use a key of data/groups.yml (women, children, disability, torture, freedoms, justice, "
         "esc-rights, health-education, minorities, migrants)"],
    ),
    "numbered source keys": (
        f"{W}.yml", "  - id: ohchr-letter\n", "  - id: OHCHR letter\n",
        [f"{W}.yml:35: 'sources.OHCHR letter': 'OHCHR letter' is not a lowercase id such as 'women-rights' (letters a-z, digits, hyphens)"],
    ),
    "assessment written as its label": (
        f"{W}.yml", "assessment: not-implemented}", "assessment: Not implemented}",
        [f"{W}.yml:10: unknown assessment 'Not implemented'; use one of implemented, partially-implemented, not-implemented, no-information"],
    ),
    "unknown assessment": (
        f"{W}.yml", "assessment: not-implemented}", "assessment: not-done}",
        [f"{W}.yml:10: unknown assessment 'not-done'; use one of implemented, partially-implemented, not-implemented, no-information"],
    ),
    "unknown grade": (
        f"{W}.yml", "grade: C", "grade: F",
        [f"{W}.yml:22: unknown grade 'F' for CCPR; use one of A, B, C, D, E, B1, B2, C1, C2, D1, D2"],
    ),
    "invalid YAML": (
        f"{W}.yml", "group: women", "group: [women",
        [f"{W}.yml:4: a list [...] opened before this line is not closed; add ']' (and put texts with ':' or ',' in quotes)"],
    ),
    "cites an unknown source": (
        f"{W}.en.md", "force on 1 January 2019[^ohchr-letter]", "force on 1 January 2019[^nope]",
        [f"{W}.en.md:45: cites unknown source [^nope]; add 'nope' under sources: in {W}.yml"],
    ),
    "source never cited": (
        f"{W}.yml", "sources:\n", "sources:\n  - {id: extra, title: Unused}\n",
        [f"{W}.yml:35: source 'extra' is never cited; cite it in the text as [^extra] or remove it"],
    ),
    "translation of an unknown suggested recommendation": (
        f"{W}.en.md", "  shelters: >-", "  shelter: >-",
        [f"{W}.en.md:16: 'shelter' is not a suggested recommendation of {W}.yml (enforcement, religious-marriage, shelters); fix the id or add it there"],
    ),
    "missing language in data": (
        "data/groups.yml", "name: {en: Women's rights group, ru: Группа по правам женщин}", "name: {en: Women's rights group}",
        ["data/groups.yml:5: 'women.name': missing the text in Russian ('ru')"],
    ),
    "unquoted comma in a {...} text": (
        "data/labels.yml", 'ru: "Государства, к которым мы обращаемся"', "ru: Государства, к которым мы обращаемся",
        ["data/labels.yml:21: 'fs-targets.к которым мы обращаемся' has no value; write one (inside {...}, put a text containing a comma in quotes)"],
    ),
    "<script>": (
        f"{W}.en.md", "### Achievements", "### Achievements\n\n<script>alert(1)</script>",
        [f"{W}.en.md:50: a <script> element is not allowed; remove it: factsheets may use Markdown and simple HTML, but nothing that runs script"],
    ),
    "on...= attribute": (
        f"{W}.ru.md", "### Достижения", '### Достижения\n\n<img src="x.png" onerror="alert(1)">',
        [f"{W}.ru.md:34: an event attribute 'onerror=' is not allowed; remove it: factsheets may use Markdown and simple HTML, but nothing that runs script",
         f"{W}.ru.md:34: image 'x.png' is not a file of the project; put images in docs/ and use a relative path (pages and PDFs fetch nothing from outside)"],
    ),
    "remote image": (
        f"{W}.en.md", "### Achievements", "### Achievements\n\n![chart](https://example.org/chart.png)",
        [f"{W}.en.md:50: image 'https://example.org/chart.png' is not a file of the project; put images in docs/ and use a relative path "
         "(pages and PDFs fetch nothing from outside)"],
    ),
    "image of a system file": (
        f"{W}.en.md", "### Achievements", '### Achievements\n\n<img src="file:///etc/passwd" alt="">',
        [f"{W}.en.md:50: image 'file:///etc/passwd' is not a file of the project; put images in docs/ and use a relative path "
         "(pages and PDFs fetch nothing from outside)"],
    ),
    "image outside the project": (
        f"{W}.ru.md", "### Достижения", "### Достижения\n\n![x](../../../../../etc/hostname)",
        [f"{W}.ru.md:34: image '../../../../../etc/hostname' is not a file of the project; put images in docs/ and use a relative path "
         "(pages and PDFs fetch nothing from outside)"],
    ),
    "javascript: link": (
        f"{W}.en.md", "### Achievements", "### Achievements\n\n[click](javascript:alert(1))",
        [f"{W}.en.md:50: a 'javascript:' link is not allowed; remove it: factsheets may use Markdown and simple HTML, but nothing that runs script"],
    ),
    "javascript: link hidden by an entity": (
        f"{W}.en.md", "recommendations:", 'recommendations:\n  x: <a href="&#106;avascript:alert(1)">x</a>',
        [f"{W}.en.md:9: 'x' is not a suggested recommendation of {W}.yml (enforcement, religious-marriage, shelters); fix the id or add it there",
         f"{W}.en.md:9: a 'javascript:' link is not allowed; remove it: factsheets may use Markdown and simple HTML, but nothing that runs script"],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_gets_exact_message(project, case):
    rel, old, new, expected = CASES[case]
    project.replace(rel, old, new)
    assert sorted(errors(project)) == sorted(expected)


def test_sample_has_no_problems(project):
    assert errors(project) == []


def test_duplicate_slug(project):
    project.write("factsheets/children/violence-against-women.yml", project.read(f"{W}.yml"))
    assert f"{W}.yml: duplicate slug 'violence-against-women': factsheets/children/violence-against-women.yml has the same name; " \
        "rename one of them (the name is the page address)" in errors(project)


def test_text_without_neutral_part(project):
    project.write("factsheets/women/orphan.en.md", project.read(f"{W}.en.md"))
    assert errors(project) == [
        "factsheets/women/orphan.en.md: has no orphan.yml beside it; every factsheet needs its language-neutral part (group, cluster, date...)"
    ]


def test_unknown_language_file(project):
    project.write(f"{W}.fr.md", project.read(f"{W}.en.md"))
    assert errors(project) == [f"{W}.fr.md: language 'fr' is not one of the site's languages (ru, en); rename the file"]


def test_symlink_out_of_the_project_is_not_read(project):
    project.path(f"{W}.en.md").unlink()
    os.symlink("/etc/hostname", project.path(f"{W}.en.md"))
    assert errors(project) == [f"{W}.en.md: points outside the project; the build reads only files inside it"]


def test_missing_twin_is_not_an_error(project):
    project.path(f"{W}.en.md").unlink()
    assert errors(project) == []
    project.write(f"{W}.en.md", project.read(f"{W}.ru.md").replace("ru", "en"))
    project.path(f"{W}.ru.md").unlink()
    assert errors(project) == []


def test_dotted_numbers_keep_their_zeros(project):
    """117.40 and 16.10 unquoted must not become the floats 117.4 and 16.1."""
    project.replace(f"{W}.yml", '{id: "140.162", cycle: 3', "{id: 140.160, cycle: 3")
    project.replace(f"{W}.yml", 'sdg_targets: ["5.2", "5.3", "16.3"]', "sdg_targets: [5.2, 16.10]")
    assert errors(project) == [f"{W}.yml:10: unknown recommendation id '140.160' of cycle 3; add it to data/recommendations/ or correct the number"]


def test_norway_is_not_false(project):
    project.replace(f"{W}.yml", "target_states: [SE,", "target_states: [NO, SE,")
    assert errors(project) == []


def test_bad_content_stops_the_build_before_writing_anything(project):
    project.replace("mkdocs.yml", "sample: true", "sample: true\n      messages: en")
    project.replace(f"{W}.yml", "group: women", "group: woman")
    project.replace(f"{W}.en.md", "### Achievements", "### Achievements\n\n<script>alert(1)</script>")
    built = project.build()
    assert not built.ok
    assert not built.site.exists()
    assert built.errors[0].startswith(f"{W}.yml:3: unknown group 'woman'")
    assert built.errors[1] == (
        f"{W}.en.md:50: a <script> element is not allowed; remove it: factsheets may use Markdown and simple HTML, but nothing that runs script"
        " [2 problems in the content, all listed above; fix them and build again]"
    )


def test_messages_in_russian_by_default(project):
    """The sample's default language is Russian, and so are its build messages."""
    project.replace(f"{W}.yml", "group: women", "group: woman")
    project.replace("factsheets/justice/trafficking.yml", "date: 2024", "date: 15.10.2024\n# was: 2024")
    built = project.build()
    assert not built.ok
    assert built.errors[0] == "factsheets/justice/trafficking.yml:5: 'date': неверная дата '15.10.2024': пишите ГГГГ-ММ-ДД (или ГГГГ-ММ, или ГГГГ)"
    assert built.errors[1] == (
        f"{W}.yml:3: неизвестная группа 'woman'; используйте ключ из data/groups.yml (women, children, disability, "
        "torture, freedoms, justice, esc-rights, health-education, minorities, migrants) "
        "[проблем в содержимом: 2, все перечислены выше; исправьте их и запустите сборку снова]"
    )


def test_every_message_exists_in_every_language(project):
    import yaml

    catalogue = yaml.safe_load(project.read("data/messages.yml"))
    assert len(catalogue) > 60
    assert all(set(texts) == {"ru", "en"} for texts in catalogue.values())
    import string

    for key, texts in catalogue.items():  # every template formats: literal braces are doubled
        for text in texts.values():
            fields = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
            assert all(name.isidentifier() for name in fields), (key, text)
            text.format(**dict.fromkeys(fields, "x"))


@pytest.mark.parametrize("case", ["unknown State code", "<script>", "missing required part", "unknown SDG"])
def test_russian_messages_name_the_same_place(project, case):
    rel, old, new, expected = CASES[case]
    project.replace(rel, old, new)
    russian = errors(project, "ru")
    assert [m.split(": ", 1)[0] for m in russian] == [m.split(": ", 1)[0] for m in expected]
    assert all(m not in expected for m in russian)


def test_bad_option_in_mkdocs_yml(project):
    project.replace("mkdocs.yml", "sample: true", "sample: true\n      messages: en")
    project.replace("mkdocs.yml", "country: KG", "country: 42")
    built = project.build()
    assert not built.ok and not built.site.exists()
    line = project.read("mkdocs.yml").splitlines().index("      country: 42          # ISO 3166-1 code of the State under review") + 1
    assert built.errors[0] == f"mkdocs.yml:{line}: option 'country' of the upr plugin is '42': 'country' must be a text"


def test_data_texts_are_escaped_not_injected(project):
    """Texts from data/ (group names, recommendation texts...) are text, never markup."""
    project.replace("data/groups.yml", "name: {en: Women's rights group", 'name: {en: "Women <img src=x onerror=alert(1)> group"')
    project.replace("data/recommendations/cycle-3.yml", "en: Provide crisis centres", "en: Provide <script>alert(1)</script> crisis centres")
    built = project.build()
    assert built.ok, built.errors
    page = built.html("en/factsheets/violence-against-women/index.html")
    assert "<img src=x onerror" not in page and "Women &lt;img src=x onerror=alert(1)&gt; group" in page
    assert "<script>alert(1)</script>" not in page and "Provide &lt;script&gt;alert(1)&lt;/script&gt; crisis centres" in page


def test_logo_must_be_an_image_inside_docs(project):
    project.replace("data/groups.yml", "  table: vulnerable\n", "  table: vulnerable\n  logo: ../../../../etc/hostname\n")
    assert errors(project) == ["data/groups.yml:7: logo '../../../../etc/hostname' not found; put the image in docs/ and give its path from there"]


def test_libyaml_and_the_python_parser_read_the_sample_alike():
    """The fast path (libyaml) gives the same values and lines as the pure-Python parser
    for every YAML file and front matter of the sample; quirks included (``NO``, ``117.40``)."""
    from conftest import ROOT
    from uprkit.content import yamlsource

    assert yamlsource._FastLoader is not None, "PyYAML was installed without libyaml"
    problems = Problems(load_messages(ROOT, "en"))
    files = sorted((ROOT / "data").glob("*.yml")) + sorted((ROOT / "data" / "recommendations").rglob("*.yml"))
    files += sorted((ROOT / "factsheets").rglob("*.yml"))
    texts = [(p, p.read_text(encoding="utf-8")) for p in files]
    texts += [(p, p.read_text(encoding="utf-8").split("---\n")[1]) for p in sorted((ROOT / "factsheets").rglob("*.md"))]
    assert len(texts) > 50
    for path, text in texts:
        slow = yamlsource._parse(yamlsource._Loader(text), path.name, problems, 0)
        fast = yamlsource._parse(yamlsource._FastLoader(text), path.name, problems, 0)
        assert (fast.data, fast.lines) == (slow.data, slow.lines), path
    quirks = yamlsource.parse_yaml('state: NO\nrec: 117.40\nok: true\nwhen: 2024-01-01\n', "x.yml", problems)
    assert quirks.data == {"state": "NO", "rec": "117.40", "ok": True, "when": "2024-01-01"}


def test_compiled_templates_are_shared_but_never_stale(tmp_path):
    """The preview's rebuilds reuse compiled templates (a new Jinja environment each
    build, as MkDocs makes), and an edited template is compiled anew."""
    from jinja2 import Environment, FileSystemLoader
    from uprkit.site.templatecache import _CACHE, share_compiled_templates

    (tmp_path / "page.html").write_text("first {{ x }}", encoding="utf-8")
    loads = []
    original = _CACHE.load_bytecode

    def counted(bucket):
        original(bucket)
        loads.append(bucket.code is not None)

    _CACHE.load_bytecode = counted
    try:
        def render() -> str:
            env = Environment(loader=FileSystemLoader(str(tmp_path)))
            share_compiled_templates(env)
            return env.get_template("page.html").render(x=1)

        assert render() == "first 1"
        assert render() == "first 1"
        (tmp_path / "page.html").write_text("second {{ x }}", encoding="utf-8")
        assert render() == "second 1"
    finally:
        del _CACHE.load_bytecode
    assert loads == [False, True, False]  # compiled, reused, compiled again after the edit
