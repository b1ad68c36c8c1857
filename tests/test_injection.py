"""Hostile content cannot run script, fetch from outside or imitate the interface.

Three layers, one corpus (``CORPUS``: name, where, payload):

(a) the source check: a payload in a factsheet's Markdown is refused with
    ``file:line``, the build fails and writes no site; texts from data files are plain
    text, so they build and the page shows them literally (escaped);
(b) the guarantee: ``safety.sanitize`` on the rendered HTML of every Markdown payload
    leaves nothing that runs script or fetches from outside; and every page of a site
    built with the data-file payloads (plus every Markdown payload written into the data
    texts that reach Markdown: group and table descriptions, source titles) is clean;
(c) the same site in Chromium: no dialog, no ``on*=``/``javascript:`` in the live DOM,
    no request to a host other than 127.0.0.1.

``where`` is ``text`` (the narrative of the English factsheet text), ``text-ru`` (the
Russian one), ``text:literal`` (narrative, must build and show literally),
``text:title`` (the title in the front matter), or ``file:key/key/...`` (a value in a
YAML file).

case                         where                     outcome
---------------------------  ------------------------  ------------------------------------------
attr-list-onclick            text                      refused: attribute list setting 'onclick'
attr-list-href-javascript    text                      refused: attribute list setting 'href'
attr-list-style              text                      refused: attribute list setting 'style'
script                       text                      refused: <script> element
script-in-russian-text       text-ru                   refused: <script> element
iframe / object / embed      text                      refused: <iframe>/<object>/<embed> element
style-element                text                      refused: <style> element
link-stylesheet              text                      refused: <link> element
entity-javascript(-md)       text                      refused: 'javascript:' link
mixed-case-javascript(-md)   text                      refused: 'javascript:' link
tab-in-scheme                text                      refused: 'javascript:' link
vbscript / refdef / autolink text                      refused: 'vbscript:' / 'javascript:' link
svg-script / svg-image       text                      refused: <svg> element
img-onerror                  text                      refused: event attribute 'onerror='
details-ontoggle             text                      refused: event attribute 'ontoggle='
data-html-link               text                      refused: 'data:' address that is not an image
data-svg-image               text                      refused: 'data:' address that is not an image
css-url-in-style             text                      refused: style attribute
base / meta-refresh / form   text                      refused: <base>/<meta>/<form> element
math                         text                      refused: <math> element
picture-source               text                      refused: <picture> element
unclosed-script              text                      refused: <script> element
remote-image                 text                      refused: image not a file of the project;
protocol-relative-image      text                      (b) the sanitizer drops a remote or // image address
jinja-in-text                text:literal              builds; shown literally, 49 nowhere
title-markup                 text:title                builds; shown literally (escaped), no <b>
group-name ... cycle-note    data files                build; shown literally (escaped)
group-description-attr-list  data/groups.yml           builds; shown literally ({ is escaped for Markdown)
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import copy_project, http_site
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from uprkit.content.datafiles import load_catalog
from uprkit.content.factsheets import load_factsheets
from uprkit.content.problems import Problems
from uprkit.content.safety import sanitize
from uprkit.i18n.messages import load_messages

pytestmark = pytest.mark.xdist_group("injection")  # its module fixtures are built once, on one worker

W = "factsheets/women/violence-against-women"
TEXT, TEXT_RU = f"{W}.en.md", f"{W}.ru.md"
HEADING = {TEXT: "### Achievements", TEXT_RU: "### Достижения"}
EVIL = "evil.example"
B64_SCRIPT = "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="  # <script>alert(1)</script>

CORPUS: list[tuple[str, str, str]] = [
    # ---- factsheet Markdown: refused by the source check, removed by the sanitizer
    ("attr-list-onclick", "text", 'A paragraph.\n{: onclick="alert(document.cookie)" }'),
    ("attr-list-href-javascript", "text", '[OHCHR](https://www.ohchr.org/){: href="javascript:alert(1)" }'),
    ("attr-list-style", "text", f'Styled.\n{{: style="background:url(https://{EVIL}/a.png)" }}'),
    ("script", "text", "<script>alert(document.cookie)</script>"),
    ("script-in-russian-text", "text-ru", "<script>alert(1)</script>"),
    ("iframe", "text", f'<iframe src="https://{EVIL}/"></iframe>'),
    ("object", "text", f'<object data="https://{EVIL}/x.swf"></object>'),
    ("embed", "text", f'<embed src="https://{EVIL}/x.swf">'),
    ("style-element", "text", f"<style>body {{ background: url(https://{EVIL}/b.png) }}</style>"),
    ("link-stylesheet", "text", f'<link rel="stylesheet" href="https://{EVIL}/x.css">'),
    ("entity-javascript", "text", '<a href="&#106;avascript:alert(1)">x</a>'),
    ("entity-javascript-md", "text", "[x](&#106;avascript:alert(1))"),
    ("mixed-case-javascript", "text", '<a href="JaVaScRiPt:alert(1)">x</a>'),
    ("mixed-case-javascript-md", "text", "[x](JaVaScRiPt:alert(1))"),
    ("tab-in-scheme", "text", '<a href="java&#x09;script:alert(1)">x</a>'),
    ("vbscript", "text", "[x](vbscript:msgbox(1))"),
    ("refdef-javascript", "text", "[x][r]\n\n[r]: javascript:alert(1)"),
    ("autolink-javascript", "text", "<javascript:alert(1)>"),
    ("svg-script", "text", "<svg><script>alert(1)</script></svg>"),
    ("svg-image", "text", f'<svg><image href="https://{EVIL}/c.png"/></svg>'),
    ("img-onerror", "text", "<img src=x onerror=alert(1)>"),
    ("details-ontoggle", "text", '<details open ontoggle="alert(1)"><summary>x</summary></details>'),
    ("data-html-link", "text", f'<a href="data:text/html;base64,{B64_SCRIPT}">x</a>'),
    ("data-svg-image", "text", '<img src="data:image/svg+xml;base64,PHN2Zy8+" alt="">'),
    ("css-url-in-style", "text", f'<span style="background:url(https://{EVIL}/d.png)">x</span>'),
    ("base", "text", f'<base href="https://{EVIL}/">'),
    ("meta-refresh", "text", f'<meta http-equiv="refresh" content="0;url=https://{EVIL}/">'),
    ("form", "text", f'<form action="https://{EVIL}/"><input name="q"></form>'),
    ("math", "text", '<math><mtext>x</mtext></math>'),
    ("picture-source", "text", f'<picture><source srcset="https://{EVIL}/e.png"></picture>'),
    ("remote-image", "text", f"![chart](https://{EVIL}/chart.png)"),
    ("protocol-relative-image", "text", f'<img src="//{EVIL}/f.png" alt="">'),
    ("unclosed-script", "text", f'The report is online <script src="https://{EVIL}/x.js"'),
    # ---- factsheet text that must build and be shown literally
    ("jinja-in-text", "text:literal", "{{ 7*7 }} and {% include '/etc/passwd' %}"),
    ("title-markup", "text:title", "Violence <b>against</b> women & girls"),
    # ---- data files: plain text, shown escaped
    ("group-name", "data/groups.yml:women/name/en", 'Women <img src=x onerror=alert(1)> & "Co"'),
    ("group-description", "data/groups.yml:women/description/en",
     f'Gender <script>alert(1)</script> [x](javascript:alert(2)) <iframe src="https://{EVIL}/"> **done**'),
    ("group-description-attr-list", "data/groups.yml:children/description/en", 'Birth registration.\n{: onclick="alert(1)" }'),
    ("group-contact-name", "data/groups.yml:women/contact/name/en", "Rapporteur <svg onload=alert(1)>"),
    ("member-name", "data/groups.yml:women/members/0/name/en", "{{ 7*7 }} {% include '/etc/passwd' %} <b>Alga</b>"),
    ("source-title", f"{W}.yml:sources/1/title",
     f"Report <img src=x onerror=alert(1)> [y](javascript:alert(1)) ![z](https://{EVIL}/z.png)"),
    ("source-publisher", f"{W}.yml:sources/0/publisher", '<a href="javascript:alert(1)">OHCHR</a>'),
    ("mechanism-text", f"{W}.yml:other_mechanisms/0/text/en", f'<iframe src="https://{EVIL}/"></iframe> Ensure it.'),
    ("factsheet-contact-name", f"{W}.yml:contacts/0/name", "<img src=x onerror=alert(1)> Ms Contact"),
    ("recommendation-text", "data/recommendations/cycle-3.yml:recommendations/140.162/text/en",
     '<script>alert(1)</script> <a href="javascript:alert(1)">x</a> Criminalize marital rape.'),
    ("recommendation-text-ru", "data/recommendations/cycle-3.yml:recommendations/140.161/text/ru", "<b onmouseover=alert(1)>Усилить</b>"),
    ("table-description", "data/tables.yml:esc/description/en", "Work <style>*{color:red}</style> & <base href=x>"),
    ("cycle-note", "data/cycles.yml:3/milestones/1/note/en", '<a href="javascript:alert(1)">Pre-session</a>'),
]
NAMES = [name for name, _, _ in CORPUS]
assert len(set(NAMES)) == len(NAMES) >= 25

REFUSED = {  # what the source check says (the English message), for the Markdown cases
    "attr-list-onclick": "an attribute list setting 'onclick'", "attr-list-href-javascript": "an attribute list setting 'href'",
    "attr-list-style": "an attribute list setting 'style'", "script": "a <script> element", "script-in-russian-text": "a <script> element",
    "iframe": "a <iframe> element", "object": "a <object> element", "embed": "a <embed> element", "style-element": "a <style> element",
    "link-stylesheet": "a <link> element", "entity-javascript": "a 'javascript:' link", "entity-javascript-md": "a 'javascript:' link",
    "mixed-case-javascript": "a 'javascript:' link", "mixed-case-javascript-md": "a 'javascript:' link", "tab-in-scheme": "a 'javascript:' link",
    "vbscript": "a 'vbscript:' link", "refdef-javascript": "a 'javascript:' link", "autolink-javascript": "a 'javascript:' link",
    "svg-script": "a <svg> element", "svg-image": "a <svg> element", "img-onerror": "an event attribute 'onerror='",
    "details-ontoggle": "an event attribute 'ontoggle='", "data-html-link": "a 'data:' address that is not an image",
    "data-svg-image": "a 'data:' address that is not an image", "css-url-in-style": "a style attribute", "base": "a <base> element",
    "meta-refresh": "a <meta> element", "form": "a <form> element", "math": "a <math> element", "picture-source": "a <picture> element",
    "remote-image": f"image 'https://{EVIL}/chart.png' is not a file of the project",
    "protocol-relative-image": f"image '//{EVIL}/f.png' is not a file of the project", "unclosed-script": "a <script> element",
}
MARKDOWN_CASES = [(name, where, payload) for name, where, payload in CORPUS if where in ("text", "text-ru")]
DATA_CASES = [(name, where, payload) for name, where, payload in CORPUS if ":" in where and not where.startswith("text")]
assert set(REFUSED) == {name for name, _, _ in MARKDOWN_CASES}
SHOWN_ON = {  # a page that shows each data text (and the title, the Jinja-looking text)
    "group-name": "en/groups/women/index.html", "group-description": "en/groups/women/index.html",
    "group-description-attr-list": "en/groups/children/index.html", "group-contact-name": "en/groups/women/index.html",
    "member-name": "en/groups/women/index.html", "source-title": "en/factsheets/violence-against-women/index.html",
    "source-publisher": "en/factsheets/violence-against-women/index.html", "mechanism-text": "en/factsheets/violence-against-women/index.html",
    "factsheet-contact-name": "en/factsheets/violence-against-women/index.html",
    "recommendation-text": "en/factsheets/violence-against-women/index.html",
    "recommendation-text-ru": "factsheets/violence-against-women/index.html", "table-description": "en/tables/esc/index.html",
    "cycle-note": "en/timeline/index.html", "jinja-in-text": "en/factsheets/violence-against-women/index.html",
    "title-markup": "en/factsheets/violence-against-women/index.html",
}
assert set(SHOWN_ON) == {name for name, _, _ in DATA_CASES} | {"jinja-in-text", "title-markup"}

EXTENSIONS = ["footnotes", "fenced_code", "tables", "attr_list", "admonition", "toc"]
FRAGMENT_FORBIDDEN = {"script", "iframe", "svg", "base", "meta", "form", "picture", "source", "object", "embed", "style", "link", "math",
                      "image", "frame", "frameset", "applet", "template", "input", "textarea"}
PAGE_FORBIDDEN = {"iframe", "object", "embed", "base", "picture", "source", "image", "frame", "frameset", "applet", "math",
                  "foreignobject", "textarea"}
SITE_STYLE = re.compile(r"^--[a-z]+: #[0-9A-Fa-f]{6}(?:; --[a-z]+: #[0-9A-Fa-f]{6})*;?$")
"""The only inline style the templates write: colours as custom properties (an SDG's, a status')."""
_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)")
_IMAGE_DATA = re.compile(r"^data:image/(?:png|jpe?g|gif|webp);")


# ---------------------------------------------------------------- helpers
def _plain(value: str) -> str:
    return re.sub(r"[\x00-\x20]+", "", html.unescape(value)).lower()


def markup_problems(soup: BeautifulSoup, whole_page: bool) -> list[str]:
    """What in ``soup`` could run script or fetch from outside. For a whole page, the
    site's own markup is allowed (Material's icons, its scripts and search form, SDG colours)."""
    found = []
    for tag in soup.find_all(True):
        name = tag.name.lower()
        if not whole_page and name in FRAGMENT_FORBIDDEN:
            found.append(f"<{name}> element")
        if whole_page and name in PAGE_FORBIDDEN:
            found.append(f"<{name}> element")
        if whole_page and name == "meta" and tag.get("http-equiv"):
            found.append(f"<meta http-equiv={tag.get('http-equiv')}>")
        if whole_page and name == "form" and tag.get("action"):
            found.append(f"<form action={tag.get('action')}>")
        if whole_page and name == "script":
            if tag.get("src") and _ABSOLUTE.match(_plain(tag["src"])):
                found.append(f"<script src={tag['src']}>")
            if "alert" in tag.get_text() or EVIL in tag.get_text():
                found.append(f"inline script {tag.get_text()[:60]!r}")
        if whole_page and name == "style" and (EVIL in tag.get_text() or "url(http" in tag.get_text()):
            found.append(f"<style> {tag.get_text()[:60]!r}")
        for attr, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            plain, attr = _plain(value), attr.lower()
            if attr.startswith("on"):
                found.append(f"<{name} {attr}=>")
            if plain.startswith(("javascript:", "vbscript:", "data:text")):
                found.append(f"<{name} {attr}={value}>")
            if attr == "style" and not (whole_page and SITE_STYLE.match(value.strip())):
                found.append(f"<{name} style={value}>")
            if "alert(" in plain or EVIL in plain:
                found.append(f"<{name} {attr}={value}> (a payload in an attribute)")
            if attr in ("src", "srcset", "href", "action", "formaction", "data", "poster", "background", "cite", "xlink:href") \
                    and _ABSOLUTE.match(plain):
                link = name == "a" and attr == "href" and plain.startswith(("http:", "https:", "mailto:"))
                image = name == "img" and attr == "src" and _IMAGE_DATA.match(plain)
                if not (link or image):
                    found.append(f"<{name} {attr}={value}> (absolute address)")
    return found


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 100_000
    return yaml


def set_value(root: Path, where: str, value: str) -> None:
    """Set ``value`` at ``file:key/key/...`` (containers created as needed)."""
    rel, _, path = where.partition(":")
    keys = [int(k) if k.isdigit() else k for k in path.split("/")]
    file = root / rel
    data = _yaml().load(file.read_text(encoding="utf-8"))
    node = data
    for key, following in zip(keys, keys[1:], strict=False):
        if isinstance(node, list):
            while len(node) <= key:
                node.append(CommentedMap())
        elif node.get(key) is None:
            node[key] = CommentedSeq() if isinstance(following, int) else CommentedMap()
        node = node[key]
    if isinstance(node, list):
        while len(node) <= keys[-1]:
            node.append(None)
    node[keys[-1]] = value
    with file.open("w", encoding="utf-8") as handle:
        _yaml().dump(data, handle)


def with_payloads(original: str, heading: str, payloads: list[str]) -> tuple[str, list[int]]:
    """``original`` with ``payloads`` as paragraphs after ``heading``, and the line of the
    last line of each (where each payload's dangerous part is)."""
    start = original.splitlines().index(heading) + 1
    lines, line = [], start + 1
    for payload in payloads:
        line += 1
        last = line + payload.count("\n")
        lines.append(last)
        line = last + 1
    return original.replace(heading, heading + "".join("\n\n" + p for p in payloads), 1), lines


def source_errors(root: Path) -> list[str]:
    problems = Problems(load_messages(root, "en"))
    catalog = load_catalog(root, ("ru", "en"), "KG", problems)
    load_factsheets(root, catalog, problems)
    return problems.errors


def text_of(page: str) -> str:
    return " ".join(BeautifulSoup(page, "lxml").get_text().split())


def html_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


# ---------------------------------------------------------------- (a) the source check
@pytest.fixture(scope="module")
def loader_project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("loader"))


@pytest.mark.parametrize("name, where, payload", MARKDOWN_CASES, ids=[c[0] for c in MARKDOWN_CASES])
def test_markdown_payload_is_refused_with_file_and_line(loader_project, name, where, payload):
    rel = TEXT if where == "text" else TEXT_RU
    original = loader_project.read(rel)
    text, (line,) = with_payloads(original, HEADING[rel], [payload])
    loader_project.write(rel, text)
    try:
        errors = source_errors(loader_project.root)
    finally:
        loader_project.write(rel, original)
    assert errors, f"{name} was not refused"
    assert all(e.startswith(f"{rel}:{line}: ") for e in errors), errors
    assert any(e.startswith(f"{rel}:{line}: {REFUSED[name]}") for e in errors), errors


def test_build_with_markdown_payloads_fails_and_writes_nothing(project):
    expected = {}
    for rel in (TEXT, TEXT_RU):
        cases = [(name, payload) for name, where, payload in MARKDOWN_CASES if (rel == TEXT) == (where == "text")]
        text, lines = with_payloads(project.read(rel), HEADING[rel], [payload for _, payload in cases])
        project.write(rel, text)
        expected.update({name: f"{rel}:{line}: " for (name, _), line in zip(cases, lines, strict=True)})
    project.replace("mkdocs.yml", "sample: true", "sample: true\n      messages: en")
    built = project.build()
    assert built.ok is False
    assert not built.site.exists()
    missing = {name: prefix for name, prefix in expected.items()
               if not any(e.startswith(prefix + REFUSED[name]) for e in built.errors)}
    assert missing == {}, built.errors


# ---------------------------------------------------------------- (b) the guarantee
def test_image_loading_hints_are_keywords_only():
    """A guide's images may load lazily; the hint's value is a keyword or it goes."""
    kept = sanitize('<p><img src="a.png" alt="A" loading="lazy" decoding="async"></p>')
    assert 'loading="lazy"' in kept and 'decoding="async"' in kept
    dropped = sanitize('<p><img src="a.png" alt="A" loading="javascript:alert(1)" decoding="x onload=alert(1)"></p>')
    assert "loading" not in dropped and "decoding" not in dropped and "alert" not in dropped


@pytest.mark.parametrize("name, where, payload", MARKDOWN_CASES, ids=[c[0] for c in MARKDOWN_CASES])
def test_sanitizer_neutralises_rendered_payload(name, where, payload):
    rendered = markdown.Markdown(extensions=EXTENSIONS).convert(f"Before.\n\n{payload}\n\nAfter.")
    clean = sanitize(rendered)
    assert "<p>Before.</p>" in clean and "<p>After.</p>" in clean
    lowered = clean.lower()
    raw_tags = [tag for tag in ("<script", "<iframe", "<svg", "<base", "<meta", "<form", "<picture", "<source", "<object",
                                "<embed", "<style", "<link", "<math") if tag in lowered]
    assert raw_tags == [], clean
    assert not re.search(r"\son[a-z]+\s*=", lowered), clean
    assert markup_problems(BeautifulSoup(clean, "lxml"), whole_page=False) == [], clean


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The sample with every data-file payload, every Markdown payload written into the
    data texts that reach Markdown, a title with markup and Jinja-looking text; built once."""
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    root = project.root
    used = set()
    for _name, where, payload in DATA_CASES:
        set_value(root, where, payload)
        used.add(where.rsplit("/", 1)[0] if where.endswith(("/en", "/ru")) else where)
    payloads = dict((name, payload) for name, _, payload in CORPUS)
    project.replace(TEXT, "title: Violence against women and girls, bride kidnapping", f'title: "{payloads["title-markup"]}"')
    project.replace(TEXT, HEADING[TEXT], HEADING[TEXT] + "\n\n" + payloads["jinja-in-text"])
    yaml = _yaml()
    slots = []
    for rel in ("data/groups.yml", "data/tables.yml"):
        for key in yaml.load(project.read(rel)):
            if f"{rel}:{key}/description" not in used:
                slots += [f"{rel}:{key}/description/en", f"{rel}:{key}/description/ru"]
    for meta in sorted((root / "factsheets").rglob("*.yml")):
        rel = meta.relative_to(root).as_posix()
        for key, _source in enumerate((yaml.load(meta.read_text(encoding="utf-8")) or {}).get("sources", [])):
            if f"{rel}:sources/{key}/title" not in used:
                slots.append(f"{rel}:sources/{key}/title")
    markdown_payloads = [payload for _, _, payload in MARKDOWN_CASES]
    assert len(slots) >= len(markdown_payloads)
    for slot, payload in zip(slots, markdown_payloads, strict=False):
        set_value(root, slot, payload)
    return project.build()


def test_hostile_data_builds(hostile):
    assert hostile.ok, hostile.messages(30)


@pytest.mark.parametrize("name", list(SHOWN_ON))
def test_data_text_is_shown_literally(hostile, name):
    assert hostile.ok, hostile.messages(30)
    payload = dict((n, p) for n, _, p in CORPUS)[name]
    shown = text_of(hostile.html(SHOWN_ON[name]))
    assert " ".join(payload.split()) in shown


def test_title_markup_is_text_everywhere(hostile):
    assert hostile.ok, hostile.messages(30)
    soup = BeautifulSoup(hostile.html("en/factsheets/violence-against-women/index.html"), "lxml")
    h1 = soup.select_one("article h1")
    assert h1.get_text() == "Violence <b>against</b> women & girls" and h1.find("b") is None
    assert soup.title.get_text().startswith("Violence <b>against</b> women & girls")
    double, bold = [], []
    for rel in html_pages(hostile.site):
        page = BeautifulSoup(hostile.html(rel), "lxml")
        if "&lt;b&gt;against" in page.get_text() or "women &amp; girls" in page.get_text():  # escaped twice
            double.append(rel)
        bold += [rel for b in page.find_all("b") if b.get_text() == "against"]
    assert double == [] and bold == []
    assert "Violence <b>against</b> women & girls" in text_of(hostile.html("en/groups/women/index.html"))


def test_jinja_looking_text_is_not_evaluated(hostile):
    assert hostile.ok, hostile.messages(30)
    soup = BeautifulSoup(hostile.html("en/factsheets/violence-against-women/index.html"), "lxml")
    paragraphs = [p.get_text() for p in soup.select("article p") if "7*7 }} and" in p.get_text()]
    assert paragraphs == ["{{ 7*7 }} and {% include '/etc/passwd' %}"]
    assert all("root:x:0:0" not in hostile.html(rel) for rel in html_pages(hostile.site))


def test_the_page_check_sees_what_it_looks_for():
    """The checker of built pages is not blind (else test_every_built_page_is_clean proves nothing)."""
    page = BeautifulSoup(f'<p onclick="x">a</p><a href=" java&#9;script:x">b</a><img src="https://{EVIL}/i.png">'
                         '<span style="background:url(x)">c</span><meta http-equiv="refresh" content="0"><base href="/">'
                         f'<script src="https://{EVIL}/s.js"></script><a href="https://www.ohchr.org/">ok</a>', "lxml")
    found = markup_problems(page, whole_page=True)
    for expected in ("<p onclick=>", "<a href= java\tscript:x>", f"<img src=https://{EVIL}/i.png> (absolute address)",
                     "<span style=background:url(x)>", "<meta http-equiv=refresh>", "<base> element", f"<script src=https://{EVIL}/s.js>"):
        assert expected in found
    assert not any("ohchr" in item for item in found)


def test_every_built_page_is_clean(hostile):
    assert hostile.ok, hostile.messages(30)
    pages = html_pages(hostile.site)
    assert any(p.startswith("en/") for p in pages) and any(not p.startswith("en/") for p in pages)
    found = {rel: problems for rel in pages if (problems := markup_problems(BeautifulSoup(hostile.html(rel), "lxml"), whole_page=True))}
    assert found == {}
    reached = [rel for rel in pages if "alert(" in BeautifulSoup(hostile.html(rel), "lxml").get_text()]
    assert any(p.startswith("en/") for p in reached) and any(not p.startswith("en/") for p in reached), "the payloads reached no page"


# ---------------------------------------------------------------- (c) in the browser
LIVE_DOM = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const v = a.value.replace(/[\\u0000-\\u0020]+/g, '').toLowerCase();
      if (a.name.toLowerCase().startsWith('on')) bad.push(`<${el.tagName} ${a.name}>`);
      else if (/^(javascript|vbscript):/.test(v)) bad.push(`<${el.tagName} ${a.name}=${a.value}>`);
    }
  }
  for (const el of document.querySelectorAll('iframe, object, embed, base, meta[http-equiv]')) bad.push(`<${el.tagName}>`);
  return {bad, payload: document.body.innerText.includes('alert(')};
}"""


def test_no_page_runs_script_or_fetches_from_outside(hostile, chromium):
    assert hostile.ok, hostile.messages(30)
    # the pages that carry a payload (every page is checked statically above), and each home page
    pages = [rel for rel in html_pages(hostile.site)
             if "alert(" in (hostile.site / rel).read_text(encoding="utf-8") or rel in ("index.html", "en/index.html")]
    current, dialogs, outside, bad, reached = [""], [], [], [], []

    def route(route) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:", "about:")) or urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(f"{current[0]}: {url}")
            route.abort()

    def dialog(d) -> None:
        dialogs.append(f"{current[0]}: {d.type} {d.message}")
        d.dismiss()

    with http_site(hostile.site) as base:
        context = chromium.new_context()
        context.route("**/*", route)
        page = context.new_page()
        page.on("dialog", dialog)
        for rel in pages:
            current[0] = rel
            page.goto(base + rel, wait_until="load")
            result = page.evaluate(LIVE_DOM)
            bad += [f"{rel}: {item}" for item in result["bad"]]
            if result["payload"]:
                reached.append(rel)
        context.close()
    assert dialogs == []
    assert outside == []
    assert bad == []
    assert any(p.startswith("en/") for p in reached) and any(not p.startswith("en/") for p in reached), "the payloads reached no page"
