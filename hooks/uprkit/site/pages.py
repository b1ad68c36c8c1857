"""The pages generated for one language: Markdown with front matter naming a template."""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass

import yaml

from ..content import Content, images
from ..content.factsheets import Factsheet
from ..content.parts import WEB_ORDER
from ..i18n.labels import Labels
from ..views import PageKind
from ..views.common import local
from ..views.sheetmarkdown import document, plain

DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's emitter where PyYAML has it (the same YAML, many times faster)."""


@dataclass(frozen=True)
class PageSpec:
    kind: PageKind
    key: str
    src_uri: str
    """Without the language prefix, e.g. ``factsheets/x.md``."""
    markdown: str
    edit_path: str | None = None
    """Source file an editor changes (relative to the project), for the edit button."""


@functools.lru_cache(maxsize=4096)
def head(title: str, template: str) -> str:
    """Front matter of a generated page. The title is escaped here because Material
    prints page titles (navigation, <title>) as HTML. Kept for the process: the preview's
    rebuilds write the same few hundred again (PyYAML's representer is slow)."""
    meta = {"title": html.escape(title, quote=False), "template": template}
    return "---\n" + yaml.dump(meta, Dumper=DUMPER, allow_unicode=True, sort_keys=False) + "---\n\n"


def page_specs(content: Content, lang: str) -> list[PageSpec]:
    """Every generated page in ``lang``."""
    t = content.labels(lang)
    catalog = content.catalog
    specs = [
        PageSpec(PageKind.GROUPS, "", "groups/index.md", head(t["nav-groups"], "groups.html"), "data/groups.yml"),
        PageSpec(PageKind.READINESS, "", "readiness.md", head(t["readiness-title"], "readiness.html")),
        PageSpec(PageKind.MESSAGES, "", "messages.md", head(t["messages-title"], "messages.html"), "data/messages.yml"),
        PageSpec(PageKind.REVIEW, "", "review.md", head(t["review-title"], "review.html")),
    ]
    for table_id, table in catalog.tables.items():
        md = head(local(table.name, lang), "table.html") + plain(local(table.description, lang) or "") + "\n"
        specs.append(PageSpec(PageKind.TABLE, table_id, f"tables/{table_id}/index.md", md, "data/tables.yml"))
    for group_id, group in catalog.groups.items():
        md = head(local(group.name, lang), "group.html") + plain(local(group.description, lang) or "") + "\n"
        specs.append(PageSpec(PageKind.GROUP, group_id, f"groups/{group_id}.md", md, "data/groups.yml"))
    for slug, sheet in content.factsheets.items():
        specs.append(PageSpec(PageKind.FACTSHEET, slug, f"factsheets/{slug}.md", factsheet_markdown(content, sheet, lang, t), sheet.source_path(lang)))
    recs = "data/recommendations"
    specs += [
        PageSpec(PageKind.STATES, "", "states/index.md", head(t["nav-states"], "states.html"), recs),
        PageSpec(PageKind.EXPLORER, "", "recommendations.md", head(t["nav-explorer"], "explorer.html"), recs),
        PageSpec(PageKind.SDGS, "", "sdgs/index.md", head(t["nav-sdgs"], "sdgs.html"), "data/sdgs.yml"),
        PageSpec(PageKind.TIMELINE, "", "timeline.md", head(t["nav-timeline"], "timeline.html"), "data/cycles.yml"),
    ]
    for code in content.recommending_states:
        specs.append(PageSpec(PageKind.STATE, code, f"states/{code.lower()}.md", head(catalog.state_name(code, lang), "state.html"), recs))
    for goal, sdg in sorted(catalog.sdgs.items()):
        title = t["sdg-goal"].format(n=goal, name=local(sdg.name, lang))
        specs.append(PageSpec(PageKind.SDG, str(goal), f"sdgs/{goal}.md", head(title, "sdg.html"), "data/sdgs.yml"))
    return specs


def factsheet_markdown(content: Content, sheet: Factsheet, lang: str, t: Labels) -> str:
    if lang not in sheet.texts:
        return head(f"{sheet.first_text.text.title} ({t['not-translated-short']})", "factsheet.html")
    # image paths are relative to docs/; the page is factsheets/x.md of its language
    return head(sheet.texts[lang].text.title, "factsheet.html") + images.rebase(document(content, sheet, lang, WEB_ORDER), "../")


def images_of(content: Content, lang: str) -> list[str]:
    """The project images (paths under docs/) the factsheets' texts in ``lang`` show."""
    found = {src for sheet in content.factsheets.values() if lang in sheet.texts
             for _offset, src in images.sources(sheet.texts[lang].body + str(sheet.texts[lang].doc.data)) if not src.startswith("data:")}
    return sorted(found)
