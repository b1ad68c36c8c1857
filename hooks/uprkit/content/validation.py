"""Validating parsed YAML against a schema, with errors that name file, line and fix.

pydantic's errors become messages of data/messages.yml in the editor's language; the
location of each error becomes the line of the value in the source file.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import ContentError
from .problems import Problems
from .yamlsource import SourceDoc


def _key_path(data: Any, loc: tuple) -> tuple:
    """Keep the parts of a pydantic ``loc`` that index into ``data`` (drops type names)."""
    path: list = []
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        elif isinstance(data, dict) and isinstance(part, str) and part.endswith("[key]"):
            continue
        else:
            if not (isinstance(part, str) and ("[" in part or part in _TYPE_TAGS)):
                path.append(part)
                break
            continue
        path.append(part)
    return tuple(path)


# Names pydantic puts in an error's location for the branches of a type (not data keys).
_TYPE_TAGS = {"str", "int", "bool", "float", "list", "dict", "none", "constrained-str", "constrained-int", "function-after",
              "function-before", "function-wrap", "function-plain", "json-or-python", "lax-or-strict", "nullable", "union"}


# pydantic's error types -> our messages (data/messages.yml)
_ERROR_KEYS = {
    "string_type": "want-text", "int_type": "want-number", "int_parsing": "want-number", "int_from_float": "want-number",
    "bool_type": "want-boolean", "bool_parsing": "want-boolean", "list_type": "want-list", "dict_type": "want-mapping",
    "model_type": "want-mapping", "model_attributes_type": "want-mapping", "too_short": "too-short",
    "greater_than_equal": "too-small", "less_than_equal": "too-big",
}


def _describe(error: dict, path: tuple, problems: Problems) -> tuple[str, dict]:
    kind = error["type"]
    name = ".".join(str(p) for p in path) or "-"
    context = dict(error.get("ctx") or {})
    if kind == "missing":
        return "missing-key", {"name": name}
    if kind == "extra_forbidden":
        return "unknown-key", {"key": path[-1]}
    if error["loc"] and error["loc"][-1] == "[key]" and kind in ("string_type", "int_type", "int_parsing"):
        return "key-wrong-type", {"name": ".".join(str(p) for p in path[:-1]) or "-", "key": path[-1] if path else "-"}
    if error.get("input", "") is None:
        return "no-value", {"name": name}
    if kind in problems.msg:
        return kind, {"name": name, **context}
    if kind in _ERROR_KEYS:
        return _ERROR_KEYS[kind], {"name": name, **context}
    return "wrong-value", {"name": name, "detail": error["msg"]}


def validate(model: type[BaseModel], doc: SourceDoc, problems: Problems, data: Any = None, context: dict | None = None) -> Any:
    """Validate ``doc.data`` (or ``data``) against ``model``; errors name file and line.

    ``context`` (``catalog.context()``) turns the cross-reference rules on."""
    data = doc.data if data is None else data
    if data is None:
        data = {}
    if context is not None:
        context = {"messages_language": problems.msg.lang, **context}
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        messages: dict[tuple, str] = {}
        for error in exc.errors():
            path = _key_path(data, error["loc"])
            at = (error.get("ctx") or {}).get("at")
            if at is not None:
                path += (at,)
            key, values = _describe(error, path, problems)
            messages.setdefault(path, f"{doc.where(path)}: {problems.msg(key, **values)}")  # one per place (a union tries each branch)
        raise ContentError(*messages.values()) from None
