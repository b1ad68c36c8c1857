"""Read YAML the way editors write it, remembering the line of every value.

Two things differ from ``yaml.safe_load``:

* numbers with a dot stay text exactly as typed: recommendation ``117.40`` and SDG
  target ``16.10`` must not become the floats 117.4 and 16.1;
* only ``true``/``false`` are booleans: ``NO`` is Norway, not False;
* every mapping key and sequence item records its line, so a schema error found later
  can point at ``factsheets/x.yml:12``.

Dates stay plain text as well; the schemas parse them (so a bad date gets our message,
not YAML's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problems

Loc = tuple[Any, ...]


class _Loader(yaml.SafeLoader):
    """SafeLoader without float and timestamp resolution."""


_DROPPED = ("tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _DROPPED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


@dataclass
class SourceDoc:
    """Parsed YAML with a map from value paths to 1-based line numbers."""

    path: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    line_offset: int = 0

    def line(self, loc: Loc) -> int | None:
        """Line of the deepest known element on ``loc`` (a path of keys and indexes)."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc] + self.line_offset
            loc = loc[:-1]
        first = self.lines.get(())
        return first + self.line_offset if first else None

    def where(self, loc: Loc = ()) -> str:
        """``path:line`` (or just ``path``) for messages."""
        line = self.line(loc)
        return f"{self.path}:{line}" if line else self.path


class _DuplicateKey(Exception):
    def __init__(self, key, mark) -> None:
        self.key, self.mark = key, mark


def _walk(node: yaml.Node, loc: Loc, lines: dict[Loc, int], loader: _Loader) -> Any:
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, (list, dict)):
                raise yaml.constructor.ConstructorError(None, None, "a key cannot be a list or mapping", key_node.start_mark)
            if key in out:
                raise _DuplicateKey(key, key_node.start_mark)
            lines[loc + (key,)] = key_node.start_mark.line + 1
            out[key] = _walk(value_node, loc + (key,), lines, loader)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_walk(item, loc + (i,), lines, loader) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def parse_yaml(text: str, path: str, problems: Problems, line_offset: int = 0) -> SourceDoc:
    """Parse ``text`` (from ``path``, shown in messages) into a :class:`SourceDoc`."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        lines: dict[Loc, int] = {}
        data = _walk(node, (), lines, loader) if node is not None else None
    except _DuplicateKey as exc:
        raise problems.fail(f"{path}:{exc.mark.line + 1 + line_offset}", "yaml-duplicate-key", key=exc.key) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        where = f"{path}:{mark.line + 1 + line_offset}" if mark else path
        raise problems.fail(where, "yaml-invalid", problem=problem) from None
    finally:
        loader.dispose()
    return SourceDoc(path, data, lines, line_offset)


def load_yaml(file: Path, root: Path, problems: Problems) -> SourceDoc:
    """Read and parse a YAML file inside ``root``; paths in messages are relative to it."""
    from .project import read_text

    return parse_yaml(read_text(file, root, problems), file.relative_to(root).as_posix(), problems)
