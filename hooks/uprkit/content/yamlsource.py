"""Read YAML the way editors write it, remembering the line of every value.

What differs from ``yaml.safe_load``:

* numbers with a dot stay text exactly as typed: recommendation ``117.40`` and SDG
  target ``16.10`` must not become the floats 117.4 and 16.1;
* only ``true``/``false`` are booleans: ``NO`` is Norway, not False;
* dates stay text (the schemas parse them, so a bad date gets our message, not YAML's);
* every mapping key and sequence item records its line, so a schema error found later
  can point at ``factsheets/x.yml:12``;
* hostile input is bounded: aliases (count and expansion) and nesting depth are
  limited, each with a clear message instead of a hang or a traceback.

Files are composed by libyaml (PyYAML's C parser, about ten times faster: the preview
rebuilds on every save) and walked in Python, where the limits are counted. A file
libyaml rejects, or that passes a limit, is parsed again by the pure-Python parser:
its messages are the ones ``_YAML_PROBLEMS`` knows, and it names the line of the alias
that passes the limit (libyaml's tree only knows the anchor's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .files import read_text
from .problems import Problems

Loc = tuple[Any, ...]

MAX_ALIASES = 100
"""Aliases (``*name``) one file may use; editors need a few, a "billion laughs" needs many."""
MAX_DEPTH = 40
"""Nesting depth of mappings and lists; a factsheet needs 5."""
MAX_NODES = 200_000
"""Values one file may expand to (aliases counted each time they are used)."""


class _Limit(Exception):
    def __init__(self, message: str, mark: yaml.Mark | None) -> None:
        self.message, self.mark = message, mark


class _Loader(yaml.SafeLoader):
    """SafeLoader without float and timestamp resolution, with limits."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliases = 0
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise _Limit("yaml-too-many-aliases", self.peek_event().start_mark)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Limit("yaml-too-deep", self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_FastLoader = getattr(yaml, "CSafeLoader", None)
if _FastLoader is not None:

    class _FastLoader(_FastLoader):  # type: ignore[no-redef]
        """libyaml's parser with the same resolvers; the limits are counted by ``_Walk``."""


_DROPPED = ("tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
for _loader in (_Loader, _FastLoader):
    if _loader is None:
        continue
    _loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in _DROPPED]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

# What PyYAML says (in English) -> our message, in the editor's language; the parser's
# own words appear only in the generic English message.
_YAML_PROBLEMS = (
    ("mapping values are not allowed", "yaml-colon"),
    ("found character '\\t'", "yaml-tab"),
    ("found unexpected end of stream", "yaml-unclosed-quote"),
    ("expected ',' or ']'", "yaml-unclosed-list"),
    ("expected ',' or '}'", "yaml-unclosed-mapping"),
    ("could not find expected ':'", "yaml-missing-colon"),
    ("expected <block end>", "yaml-indentation"),
    ("found undefined alias", "yaml-undefined-alias"),
    ("found character '@'", "yaml-reserved"),
    ("found character '`'", "yaml-reserved"),
    ("found character '%'", "yaml-reserved"),
    ("found unknown escape character", "yaml-escape"),
)


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
    def __init__(self, key: Any, mark: yaml.Mark) -> None:
        self.key, self.mark = key, mark


class _Walk:
    """Turns the node tree into plain data, recording lines and counting values, depth
    and aliases (an alias is a node met again: libyaml composes it as the same object)."""

    def __init__(self, loader: yaml.SafeLoader) -> None:
        self.loader = loader
        self.lines: dict[Loc, int] = {}
        self.nodes = 0
        self.aliases = 0
        self.seen: set[int] = set()

    def __call__(self, node: yaml.Node, loc: Loc, depth: int = 1, in_alias: bool = False) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Limit("yaml-too-big", node.start_mark)
        if depth > MAX_DEPTH:
            raise _Limit("yaml-too-deep", node.start_mark)
        if id(node) in self.seen and not in_alias:
            self.aliases += 1
            in_alias = True
            if self.aliases > MAX_ALIASES:
                raise _Limit("yaml-too-many-aliases", node.start_mark)
        self.seen.add(id(node))
        self.lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            self.loader.flatten_mapping(node)
            for key_node, value_node in node.value:
                key = self.loader.construct_object(key_node, deep=True)
                if isinstance(key, (list, dict)):
                    raise yaml.constructor.ConstructorError(None, None, "a key cannot be a list or mapping", key_node.start_mark)
                if key in out:
                    raise _DuplicateKey(key, key_node.start_mark)
                self.lines[loc + (key,)] = key_node.start_mark.line + 1
                out[key] = self(value_node, loc + (key,), depth + 1, in_alias)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self(item, loc + (i,), depth + 1, in_alias) for i, item in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)


def _yaml_problem(exc: yaml.YAMLError) -> tuple[yaml.Mark | None, str, str]:
    """(mark, message key, PyYAML's own words) for a YAML error."""
    problem = str(getattr(exc, "problem", None) or exc)
    context = str(getattr(exc, "context", None) or "")
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if "quoted scalar" in context and getattr(exc, "context_mark", None) is not None:
        mark = exc.context_mark  # where the quote opens, not where the file ends
    key = next((key for text, key in _YAML_PROBLEMS if text in problem), "yaml-invalid")
    return mark, key, problem


def parse_yaml(text: str, path: str, problems: Problems, line_offset: int = 0) -> SourceDoc:
    """Parse ``text`` (from ``path``, shown in messages) into a :class:`SourceDoc`."""
    text = text.removeprefix("\ufeff")
    if _FastLoader is not None:
        try:
            return _parse(_FastLoader(text), path, problems, line_offset)
        except (yaml.YAMLError, _Limit):
            pass  # parsed again below, for the message and the line it names
    return _parse(_Loader(text), path, problems, line_offset)


def _parse(loader: yaml.SafeLoader, path: str, problems: Problems, line_offset: int) -> SourceDoc:
    walk = _Walk(loader)
    fast = not isinstance(loader, _Loader)

    def where(mark: yaml.Mark | None) -> str:
        return f"{path}:{mark.line + 1 + line_offset}" if mark else path

    try:
        node = loader.get_single_node()
        data = walk(node, ()) if node is not None else None
    except _DuplicateKey as exc:
        raise problems.fail(where(exc.mark), "yaml-duplicate-key", key=exc.key) from None
    except _Limit as exc:
        if fast:
            raise
        limit = {"yaml-too-many-aliases": MAX_ALIASES, "yaml-too-deep": MAX_DEPTH}.get(exc.message, MAX_NODES)
        raise problems.fail(where(exc.mark), exc.message, limit=limit) from None
    except RecursionError:
        raise problems.fail(path, "yaml-too-deep", limit=MAX_DEPTH) from None
    except yaml.YAMLError as exc:
        if fast:
            raise
        mark, key, problem = _yaml_problem(exc)
        raise problems.fail(where(mark), key, problem=problem) from None
    finally:
        loader.dispose()
    return SourceDoc(path, data, walk.lines, line_offset)


def load_yaml(file: Path, root: Path, problems: Problems) -> SourceDoc:
    """Read and parse a YAML file inside ``root``; paths in messages are relative to it."""
    return parse_yaml(read_text(file, root, problems), file.relative_to(root).as_posix(), problems)
