"""What WeasyPrint 70's PDF/UA-1 tagging leaves out, added to its structure tree just
before the PDF is written (a ``write_pdf`` finisher, so nothing is parsed again):

* ``/Lang`` on each part of the document in its own language: WeasyPrint sets only the
  catalog's (the ``<html lang>``), so the English half of a handout would be read with
  Russian rules. The structure tree has one element per top-level block and page; each
  gets the language of the sheet laid out on its page (one sheet per page, print.css);
* ``/Scope`` on table headers (``Column`` in the head, ``Row`` in the body), which
  WeasyPrint leaves to cell position only;
* list structure: an item's content that is not its label goes into an ``LBody``, and
  a ``<dl>``'s ``<div>`` groups (the factsheet's country, theme, table and date)
  become items whose term is the label and whose definition the body.

The running header and footer are printed in the page margins; WeasyPrint keeps their
marked content out of the structure tree (it cannot tag them ``/Artifact`` before PDF
2.0), so readers skip them as they should.
"""

from __future__ import annotations

from typing import Any

import pydyf

_SHEET = "upr-print__sheet"


def _number(reference: bytes | str) -> int:
    return int(reference.split()[0])


def page_languages(document: Any) -> list[str | None]:
    """The language of the sheet on each page (None on a blank page)."""
    out = []
    for page in document.pages:
        found, stack = None, [page._page_box]
        while stack and found is None:
            box = stack.pop(0)
            element = getattr(box, "element", None)
            if element is not None and _SHEET in (element.get("class") or "").split() and getattr(box, "element_tag", "") == "div":
                found = element.get("lang")
            stack += [child for child in getattr(box, "children", ()) if type(child).__name__ != "MarginBox"]
        out.append(found)
    return out


class _Tree:
    def __init__(self, pdf: pydyf.PDF) -> None:
        self.pdf = pdf
        self.elements = {obj.number: obj for obj in pdf.objects if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/StructElem"}

    def kids(self, element: pydyf.Dictionary) -> list[pydyf.Dictionary]:
        return [self.elements[_number(kid)] for kid in element["K"] if isinstance(kid, bytes) and _number(kid) in self.elements]

    def parent(self, element: pydyf.Dictionary) -> pydyf.Dictionary | None:
        return self.elements.get(_number(element["P"]))

    def new(self, tag: str, parent: pydyf.Dictionary, page: bytes) -> pydyf.Dictionary:
        element = pydyf.Dictionary({"Type": "/StructElem", "S": f"/{tag}", "K": pydyf.Array([]), "Pg": page, "P": parent.reference})
        self.pdf.add_object(element)
        self.elements[element.number] = element
        return element

    def wrap(self, element: pydyf.Dictionary, tag: str, moved: list[pydyf.Dictionary], *inner: str) -> None:
        """Put ``moved`` (kids of ``element``) into a new ``tag`` element (and, inside it, a
        chain of ``inner`` ones), in the place of the first of them."""
        references = [kid.reference for kid in moved]
        at = next(i for i, kid in enumerate(element["K"]) if kid in references)
        outer = holder = self.new(tag, element, moved[0]["Pg"])
        for name in inner:
            child = self.new(name, holder, moved[0]["Pg"])
            holder["K"].append(child.reference)
            holder = child
        for kid in moved:
            kid["P"] = holder.reference
            holder["K"].append(kid.reference)
        element["K"][:] = [kid for kid in element["K"] if kid not in references]
        element["K"].insert(at, outer.reference)


def _lists(tree: _Tree) -> None:
    for element in list(tree.elements.values()):
        if element["S"] == "/L":
            for kid in tree.kids(element):
                if kid["S"] == "/Div" and tree.kids(kid) and all(k["S"] == "/LI" for k in tree.kids(kid)):
                    kid["S"] = "/LI"  # a <dl>'s <div>: the term is the label, the definition the body
                    for index, inner in enumerate(tree.kids(kid)):
                        inner["S"] = "/Lbl" if index == 0 else "/LBody"
                elif kid["S"] not in ("/LI", "/L", "/Caption"):
                    tree.wrap(element, "LI", [kid], "LBody")
    for element in list(tree.elements.values()):
        if element["S"] == "/LI":
            loose = [kid for kid in tree.kids(element) if kid["S"] not in ("/Lbl", "/LBody")]
            if loose:
                tree.wrap(element, "LBody", loose)


def _table_headers(tree: _Tree) -> None:
    for element in tree.elements.values():
        if element["S"] == "/TH":
            row = tree.parent(element)
            group = tree.parent(row) if row is not None else None
            scope = "/Column" if group is not None and group["S"] == "/THead" else "/Row"
            attributes = element.get("A")
            if not isinstance(attributes, pydyf.Dictionary):
                attributes = element["A"] = pydyf.Dictionary({"O": "/Table"})
            attributes["Scope"] = scope


def _languages(tree: _Tree, pdf: pydyf.PDF, languages: list[str | None]) -> None:
    pages = {_number(reference): index for index, reference in enumerate(pdf.page_references)}
    for document in [e for e in tree.elements.values() if e["S"] == "/Document"]:
        for kid in tree.kids(document):
            lang = languages[pages[_number(kid["Pg"])]] if "Pg" in kid else None
            if lang:
                kid["Lang"] = pydyf.String(lang)


def finish_tags(document: Any, pdf: pydyf.PDF) -> None:
    """WeasyPrint's finisher: complete the structure tree of ``pdf`` (see the module)."""
    if "StructTreeRoot" not in pdf.catalog:
        return
    tree = _Tree(pdf)
    _languages(tree, pdf, page_languages(document))
    _table_headers(tree)
    _lists(tree)
