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


_NUMBER_START = frozenset("0123456789+-.")
_WORD_START = frozenset("~nNtTfF")


def resolve_plain(value: str) -> Any:
    """A plain scalar's value under the YAML 1.2 core schema (most inventory text is returned at the first test)."""
    if value and value[0] not in _NUMBER_START and value[0] not in _WORD_START:
        return value
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
    """Plain data from libyaml events. The loops handle the common case, a scalar value, inline: an inventory of
    100,000 cameras is over a million events, and a function call per event is a large share of the time."""

    def __init__(self, text: str, path: str) -> None:
        from ruamel.yaml import events
        from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]

        self.parser = CParser(text)
        self.get_event = self.parser.get_event
        self.events = events
        self.path = path
        self.positions: dict[str, tuple[int, int]] = {}
        self.key_positions: dict[str, tuple[int, int]] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, node count)
        self.alias_nodes = 0

    def _error(self, event: Any, message: str) -> LocatedError:
        mark = event.start_mark
        return LocatedError(self.path, mark.line + 1, mark.column + 1, message)

    def compose(self, empty_ok: bool) -> Document:
        events = self.events
        self.get_event()  # StreamStart
        event = self.get_event()
        if isinstance(event, events.StreamEndEvent):
            if empty_ok:
                return Document(self.path, {}, {"": (1, 1)}, {})
            raise LocatedError(self.path, 1, 1, "the file is empty: expected a mapping of keys and values")
        assert isinstance(event, events.DocumentStartEvent)
        data, _ = self._node(self.get_event(), "", 0)
        self.get_event()  # DocumentEnd
        event = self.get_event()
        if not isinstance(event, events.StreamEndEvent):
            raise self._error(event, "several YAML documents in one file: keep one site per file")
        return Document(self.path, data, self.positions, self.key_positions)

    def _scalar(self, event: Any) -> Any:
        tag = event.tag
        if tag is None:
            value = event.value
            return resolve_plain(value) if event.implicit[0] else value
        if tag not in _ALLOWED_TAGS:
            raise self._error(event, f"the tag {tag} is not allowed: inventories hold plain data only")
        return event.value

    def _node(self, event: Any, pointer: str, depth: int) -> tuple[Any, int]:
        """Compose the node that ``event`` starts; return its value and how many nodes it holds."""
        events = self.events
        mark = event.start_mark
        self.positions[pointer] = (mark.line + 1, mark.column + 1)
        kind = type(event)
        if kind is events.AliasEvent:
            return self._alias(event)
        if depth > MAX_DEPTH:
            raise self._error(event, f"nesting deeper than {MAX_DEPTH} levels")
        if kind is events.ScalarEvent:
            value: Any = self._scalar(event)
            size = 1
        else:
            if event.tag not in _ALLOWED_TAGS:
                raise self._error(event, f"the tag {event.tag} is not allowed: inventories hold plain data only")
            if kind is events.MappingStartEvent:
                value, size = self._mapping(pointer, depth)
            elif kind is events.SequenceStartEvent:
                value, size = self._sequence(pointer, depth)
            else:  # pragma: no cover - libyaml emits nothing else here
                raise self._error(event, f"unexpected YAML event {kind.__name__}")
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
        scalar_event, end_event = self.events.ScalarEvent, self.events.MappingEndEvent
        get_event, positions, key_positions = self.get_event, self.positions, self.key_positions
        plain = depth < MAX_DEPTH  # a scalar child is within the depth limit
        result: dict[str, Any] = {}
        size = 1
        while True:
            key_event = get_event()
            kind = type(key_event)
            if kind is end_event:
                return result, size
            if kind is not scalar_event:
                raise self._error(key_event, "mapping keys must be plain text, not lists or mappings")
            key = key_event.value
            child = f"{pointer}/{escape_pointer_token(key)}" if "~" in key or "/" in key else f"{pointer}/{key}"
            if key in result:
                first = key_positions[child]
                raise self._error(key_event, f"duplicate key '{key}' (first at line {first[0]}): "
                                             "remove one, the second must not silently replace the first")
            mark = key_event.start_mark
            key_positions[child] = (mark.line + 1, mark.column + 1)
            event = get_event()
            if type(event) is scalar_event and event.anchor is None and plain:
                mark = event.start_mark
                positions[child] = (mark.line + 1, mark.column + 1)
                result[key] = self._scalar(event)
                size += 1
            else:
                result[key], child_size = self._node(event, child, depth + 1)
                size += child_size

    def _sequence(self, pointer: str, depth: int) -> tuple[list[Any], int]:
        scalar_event, end_event = self.events.ScalarEvent, self.events.SequenceEndEvent
        get_event, positions = self.get_event, self.positions
        plain = depth < MAX_DEPTH
        result: list[Any] = []
        size = 1
        while True:
            event = get_event()
            kind = type(event)
            if kind is end_event:
                return result, size
            child = f"{pointer}/{len(result)}"
            if kind is scalar_event and event.anchor is None and plain:
                mark = event.start_mark
                positions[child] = (mark.line + 1, mark.column + 1)
                result.append(self._scalar(event))
                size += 1
            else:
                value, child_size = self._node(event, child, depth + 1)
                result.append(value)
                size += child_size
