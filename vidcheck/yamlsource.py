"""Read a YAML file into plain Python data plus the line and column of every node.

ruamel.yaml's round-trip loader keeps positions but is slow and memory-hungry on city-sized inventories, so we
compose plain dicts and lists ourselves from the events of its C parser (libyaml). That also lets us refuse what a
compliance input must never contain: duplicate keys, several documents, custom tags, alias bombs, absurd nesting.
Plain scalars are resolved with the YAML 1.2 core schema, so ``yes`` and ``2024-03-01`` stay strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .errors import LocatedError, line_and_column

MAX_DEPTH = 64
MAX_ALIAS_NODES = 1_000_000  # nodes an alias may stand for, summed over the document

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OCT = re.compile(r"^0o[0-7]+$")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_FLOAT_SPECIAL = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}
_ALLOWED_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                 "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
                 "tag:yaml.org,2002:seq"}


@dataclass(frozen=True)
class Document:
    """Plain data, and for each JSON pointer the (line, column) of its value and, for mapping values, its key."""

    path: str
    data: Any
    positions: dict[str, tuple[int, int]]
    key_positions: dict[str, tuple[int, int]]

    def position(self, pointer: str, *, key: bool = False) -> tuple[int, int]:
        """The nearest known position: the node itself, else its closest ancestor."""
        table = self.key_positions if key else self.positions
        while True:
            found = table.get(pointer) or self.positions.get(pointer)
            if found is not None:
                return found
            if not pointer:
                return (1, 1)
            pointer = pointer.rsplit("/", 1)[0]


def escape_pointer_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def resolve_plain(value: str) -> Any:
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _INT_OCT.match(value):
        return int(value[2:], 8)
    if _INT_HEX.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    lowered = value.lower()
    if lowered in _FLOAT_SPECIAL:
        return _FLOAT_SPECIAL[lowered]
    return value


def parse_yaml(text: str, path: str, *, empty_ok: bool = False) -> Document:
    """Compose ``text`` into a Document; raise LocatedError for anything malformed or refused.

    An empty file is refused, unless ``empty_ok`` (a configuration file with nothing set): then it is ``{}``.
    """
    from ruamel.yaml.error import MarkedYAMLError
    from ruamel.yaml.reader import ReaderError

    try:
        return _Composer(text, path).compose(empty_ok)
    except ReaderError as exc:
        line, column = line_and_column(text, exc.position)
        raise LocatedError(path, line, column, f"character U+{exc.character:04X} is not allowed in YAML "
                                               "(control characters must be escaped in a quoted string)") from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is not None and text[mark.index:mark.index + 1] == "\t":
            problem += " (a tab: YAML indents with spaces only)"
        raise LocatedError(path, line, column, f"YAML syntax error: {problem}") from None


class _Composer:
    def __init__(self, text: str, path: str) -> None:
        from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]

        self.parser = CParser(text)
        self.path = path
        self.positions: dict[str, tuple[int, int]] = {}
        self.key_positions: dict[str, tuple[int, int]] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, node count)
        self.alias_nodes = 0

    def _error(self, event: Any, message: str) -> LocatedError:
        mark = event.start_mark
        return LocatedError(self.path, mark.line + 1, mark.column + 1, message)

    def compose(self, empty_ok: bool) -> Document:
        from ruamel.yaml.events import DocumentStartEvent, StreamEndEvent

        parser = self.parser
        parser.get_event()  # StreamStart
        event = parser.get_event()
        if isinstance(event, StreamEndEvent):
            if empty_ok:
                return Document(self.path, {}, {"": (1, 1)}, {})
            raise LocatedError(self.path, 1, 1, "the file is empty: expected a mapping of keys and values")
        assert isinstance(event, DocumentStartEvent)
        data, _ = self._node(parser.get_event(), "", 0)
        parser.get_event()  # DocumentEnd
        event = parser.get_event()
        if not isinstance(event, StreamEndEvent):
            raise self._error(event, "several YAML documents in one file: keep one site per file")
        return Document(self.path, data, self.positions, self.key_positions)

    def _node(self, event: Any, pointer: str, depth: int) -> tuple[Any, int]:
        """Compose the node that ``event`` starts; return its value and how many nodes it holds."""
        from ruamel.yaml.events import AliasEvent, MappingStartEvent, ScalarEvent, SequenceStartEvent

        mark = event.start_mark
        self.positions[pointer] = (mark.line + 1, mark.column + 1)
        if isinstance(event, AliasEvent):
            return self._alias(event)
        if getattr(event, "tag", None) not in _ALLOWED_TAGS:
            raise self._error(event, f"the tag {event.tag} is not allowed: inventories hold plain data only")
        if depth > MAX_DEPTH:
            raise self._error(event, f"nesting deeper than {MAX_DEPTH} levels")
        if isinstance(event, ScalarEvent):
            value: Any = event.value
            if event.implicit[0] and event.tag is None:  # plain (unquoted) scalar
                value = resolve_plain(value)
            size = 1
        elif isinstance(event, MappingStartEvent):
            value, size = self._mapping(pointer, depth)
        elif isinstance(event, SequenceStartEvent):
            value, size = self._sequence(pointer, depth)
        else:  # pragma: no cover - libyaml emits nothing else here
            raise self._error(event, f"unexpected YAML event {type(event).__name__}")
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, size)
        return value, size

    def _alias(self, event: Any) -> tuple[Any, int]:
        if event.anchor not in self.anchors:
            raise self._error(event, f"alias *{event.anchor} names no anchor defined before it")
        value, size = self.anchors[event.anchor]
        self.alias_nodes += size
        if self.alias_nodes > MAX_ALIAS_NODES:
            raise self._error(event, f"aliases expand to more than {MAX_ALIAS_NODES:,} nodes (an alias bomb?)")
        return value, size

    def _mapping(self, pointer: str, depth: int) -> tuple[dict[str, Any], int]:
        from ruamel.yaml.events import MappingEndEvent, ScalarEvent

        result: dict[str, Any] = {}
        size = 1
        parser = self.parser
        while True:
            key_event = parser.get_event()
            if isinstance(key_event, MappingEndEvent):
                return result, size
            if not isinstance(key_event, ScalarEvent):
                raise self._error(key_event, "mapping keys must be plain text, not lists or mappings")
            key = key_event.value
            child = f"{pointer}/{escape_pointer_token(key)}"
            if key in result:
                first = self.key_positions[child]
                raise self._error(key_event, f"duplicate key '{key}' (first at line {first[0]}): "
                                             "remove one, the second must not silently replace the first")
            self.key_positions[child] = (key_event.start_mark.line + 1, key_event.start_mark.column + 1)
            result[key], child_size = self._node(parser.get_event(), child, depth + 1)
            size += child_size

    def _sequence(self, pointer: str, depth: int) -> tuple[list[Any], int]:
        from ruamel.yaml.events import SequenceEndEvent

        result: list[Any] = []
        size = 1
        parser = self.parser
        while True:
            event = parser.get_event()
            if isinstance(event, SequenceEndEvent):
                return result, size
            value, child_size = self._node(event, f"{pointer}/{len(result)}", depth + 1)
            result.append(value)
            size += child_size
