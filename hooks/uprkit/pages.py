"""The pages generated for one language: Markdown plus front matter naming a template."""

from __future__ import annotations

import html
from dataclasses import dataclass

from . import images
from .render import assemble, front_matter
from .views import format_date, local


@dataclass
class PageSpec:
    kind: str
    key: str
    src_uri: str
    markdown: str
    edit_path: str | None = None
    """Source file an editor changes (relative to the project), for the edit button."""


def head(title: str, template: str) -> str:
    """Front matter of a generated page. The title is escaped here because Material
    prints page titles (navigation, <title>) as HTML."""
    return front_matter({"title": html.escape(title, quote=False), "template": template})


def page_specs(content, lang: str) -> list[PageSpec]:
    t = content.labels(lang)
    catalog = content.catalog
    specs = [
        PageSpec("groups", "", "groups/index.md", head(t["nav-groups"], "groups.html"), "data/groups.yml"),
        PageSpec("translations", "", "translations.md", head(t["translations-title"], "translations.html")),
    ]
    for table_id, table in catalog.tables.items():
        md = head(local(table.name, lang), "table.html") + local(table.description, lang) + "\n"
        specs.append(PageSpec("table", table_id, f"tables/{table_id}/index.md", md, "data/tables.yml"))
    for group_id, group in catalog.groups.items():
        md = head(local(group.name, lang), "group.html") + (local(group.description, lang) or "") + "\n"
        specs.append(PageSpec("group", group_id, f"groups/{group_id}.md", md, "data/groups.yml"))
    for slug, sheet in content.factsheets.items():
        specs.append(PageSpec("factsheet", slug, f"factsheets/{slug}.md", factsheet_markdown(content, sheet, lang, t), sheet.source_path(lang)))
    specs += diplomat_specs(content, lang, t)
    return specs


def diplomat_specs(content, lang: str, t) -> list[PageSpec]:
    """States index and briefings, the recommendations explorer, SDG pages, the timeline."""
    from .diplomats import state_name, states_in_data

    recs = "data/recommendations"
    specs = [
        PageSpec("states", "", "states/index.md", head(t["nav-states"], "states.html"), recs),
        PageSpec("explorer", "", "recommendations.md", head(t["nav-explorer"], "explorer.html"), recs),
        PageSpec("sdgs", "", "sdgs/index.md", head(t["nav-sdgs"], "sdgs.html"), "data/sdgs.yml"),
        PageSpec("timeline", "", "timeline.md", head(t["nav-timeline"], "timeline.html"), "data/cycles.yml"),
    ]
    for code in states_in_data(content):
        specs.append(PageSpec("state", code, f"states/{code.lower()}.md", head(state_name(content, code, lang), "state.html"), recs))
    for goal, sdg in sorted(content.catalog.sdgs.items()):
        specs.append(PageSpec("sdg", str(goal), f"sdgs/{goal}.md", head(f"{goal}. {local(sdg.name, lang)}", "sdg.html"), "data/sdgs.yml"))
    return specs


def factsheet_markdown(content, sheet, lang: str, t) -> str:
    text = sheet.texts.get(lang)
    if text is None:
        original = next(iter(sheet.texts.values())).text.title
        return head(f"{original} ({t['not-translated-short']})", "factsheet.html") + assemble([], [])
    depth = "../" * (2 if lang != content.languages[0] else 1)  # from factsheets/x.md or en/factsheets/x.md
    return head(text.text.title, "factsheet.html") + images.rebase(factsheet_body(content, sheet, lang), depth)


def factsheet_body(content, sheet, lang: str) -> str:
    """The Markdown of a factsheet's text in ``lang``: its parts between markers, then the
    sources as footnote definitions (see render.py). Image paths are relative to docs/."""
    text = sheet.texts[lang]
    body = text.text
    parts = [("summary", body.summary)]
    parts += [(f"impl:{ref.id}", body.implementation[ref.id]) for ref in sheet.meta.previous_recommendations if ref.id in body.implementation]
    parts.append(("narrative", text.body))
    parts += [(f"rec:{rec.id}", body.recommendations[rec.id]) for rec in sheet.meta.suggested_recommendations if rec.id in body.recommendations]
    parts += [(f"question:{index}", question) for index, question in enumerate(body.questions)]
    footnotes = [(key, source_note(content, source, lang)) for key, source in sheet.meta.sources.items()]
    return assemble(parts, footnotes)


def source_note(content, source, lang: str) -> str:
    pieces = [local(source.title, lang)]
    publisher = local(source.publisher, lang) if source.publisher else ""
    tail = ", ".join(p for p in (publisher, format_date(content, source.date, lang)) if p)
    note = pieces[0].rstrip(".") + "." + (f" {tail.rstrip('.')}." if tail else "")
    return note + (f" <{source.url}>" if source.url else "")
