"""Read a YAML file into plain Python data plus the line and column of every node.

ruamel.yaml's round-trip loader keeps positions but is slow and memory-hungry on city-sized inventories, so we
compose plain dicts and lists ourselves from the events of its C parser (libyaml). That also lets us refuse what a
compliance input must never contain: duplicate keys, several documents, custom tags, alias bombs, absurd nesting,
more nodes than fit the memory bound.

Plain scalars are resolved with the YAML 1.2 core schema, so ``yes`` and ``2024-03-01`` stay strings, with three
refusals made for a compliance input, where a number must read as what it says:

- hexadecimal and octal literals (``0x1e``, ``0o36``) stay text: nobody writes a retention period in hex, and a
  schema then says "'0x1e' is not an integer" where a number is due (and an id such as ``0x1e`` keeps its spelling);
- so does an integer with a leading zero (``036``, ``-07``; not ``0``): YAML 1.2 reads 36, YAML 1.1 tools (PyYAML,
  many editors and linters) read octal 30, so the reviewer's tools and vidcheck could disagree on whether a
  retention period passes a 30-day rule. The schema then says "'036' is not an integer" (and an id such as ``007``
  keeps its spelling);
- an integer of more than ``MAX_INT_DIGITS`` digits is an error at its line, wherever it is (even under an ``x-``
  key): converting thousands of digits is slow, and Python refuses past 4,300;
- a float literal with a whole value (``30.0``, ``3e1``, ``29.9999999999999999``) is noted on the Document, and
  validation then takes ``integer`` strictly (resources.Validator): "write a whole number without quotes, like 30".

Positions are kept per container, not per JSON pointer: each mapping or list has one array of packed
(line, column) marks for its children (a mapping: key then value) and the places of its container children by
index. A pointer is walked through the data only when a message needs its position, so memory grows with the
number of nodes, not with their depth times the length of their keys.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from typing import Any

from .errors import LocatedError, line_and_column
from .escape import quoted
from .messages import Text

MAX_DEPTH = 64
MAX_ALIAS_NODES = 1_000_000  # nodes an alias may stand for, summed over the document
MAX_NODES = 2_000_000  # nodes in one document, a mapping or list counting as CONTAINER_COST: bounds memory
CONTAINER_COST = 4  # a mapping or list takes about four times the memory of a value (a camera: about 10 nodes)
MAX_INT_DIGITS = 100

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_FLOAT_SPECIAL = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}
_ALLOWED_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                 "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
                 "tag:yaml.org,2002:seq"}
_COLUMN_BITS = 32  # a mark packs (line << 32) | column, both 0-based


class _Places:
    """Where the children of one non-empty mapping or list are. ``marks``: for a mapping the key then the value of
    each entry, in the mapping's order; for a list each item. ``inner``: by index, the places of children that are
    non-empty containers (None for others, up to the last such child). ``order``: a mapping's key -> index, made at
    its first lookup."""

    __slots__ = ("inner", "marks", "order")

    def __init__(self) -> None:
        self.marks = array("Q")
        self.inner: list[_Places | None] | None = None
        self.order: dict[str, int] | None = None

    def add_inner(self, index: int, inner: _Places) -> None:
        if self.inner is None:
            self.inner = []
        self.inner.extend([None] * (index - len(self.inner)))
        self.inner.append(inner)

    def inner_at(self, index: int) -> _Places | None:
        return self.inner[index] if self.inner is not None and index < len(self.inner) else None

    def index(self, node: Any, token: str) -> int | None:
        """The index of the child ``token`` names in ``node`` (the container these places describe)."""
        if isinstance(node, dict):
            if self.order is None:
                self.order = {key: number for number, key in enumerate(node)}
            return self.order.get(token)
        if token.isdigit() and len(token) < 20 and int(token) < len(node):
            return int(token)
        return None


def _unpack(mark: int) -> tuple[int, int]:
    return (mark >> _COLUMN_BITS) + 1, (mark & ((1 << _COLUMN_BITS) - 1)) + 1


@dataclass(frozen=True)
class Document:
    """Plain data, where each of its nodes is (see ``position``), and whether a float with a whole value appears."""

    path: str
    data: Any
    start: tuple[int, int]  # where the document's top node starts
    places: _Places | None  # the children of ``data`` when it is a mapping or a list
    whole_floats: bool = False  # a float literal with a whole value (30.0, 3e1): integers are judged strictly

    def position(self, pointer: str, *, key: bool = False) -> tuple[int, int]:
        """The (line, column) of the node at ``pointer``, or with ``key`` of its key in a mapping; a pointer that
        leads nowhere gives the position of its deepest node that exists."""
        node, places = self.data, self.places
        mark: int | None = None
        for token in pointer.split("/")[1:]:
            name = unescape_pointer_token(token)
            index = places.index(node, name) if places is not None else None
            if places is None or index is None:
                break
            if isinstance(node, dict):
                mark, node = places.marks[2 * index + (0 if key else 1)], node[name]
            else:
                mark, node = places.marks[index], node[index]
            places = places.inner_at(index)
        return self.start if mark is None else _unpack(mark)


def escape_pointer_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def unescape_pointer_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


class ScalarError(ValueError):
    """A plain scalar that must not be read (the composer locates it)."""

    def __init__(self, text: Text) -> None:
        super().__init__(text)
        self.text = text


_NUMBER_START = frozenset("0123456789+-.")
_WORD_START = frozenset("~nNtTfF")


def resolve_plain(value: str, whole_floats: list[str] | None = None) -> Any:
    """A plain scalar's value under the YAML 1.2 core schema, hex, octal and leading zeros left as text (most
    inventory text is returned at the first test). A float with a whole value is added to ``whole_floats``; an
    integer longer than MAX_INT_DIGITS digits raises ScalarError."""
    if value and value[0] not in _NUMBER_START and value[0] not in _WORD_START:
        return value
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        digits = len(value) - (value[0] in "+-")
        if digits > 1 and value[-digits] == "0":  # 036: octal 30 to YAML 1.1, 36 to 1.2 (see the module doc)
            return value
        if digits > MAX_INT_DIGITS:
            raise ScalarError(Text.error("yaml.long-integer", digits=f"{digits:,}", max=MAX_INT_DIGITS))
        return int(value)
    if _FLOAT.match(value):
        number = float(value)
        if whole_floats is not None and number.is_integer():
            whole_floats.append(value)
        return number
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

    source = text.encode("utf-8")
    del text  # libyaml reads UTF-8: a str with one wide character takes 4 bytes a character while the data is made
    try:
        return _Composer(source, path).compose(empty_ok)
    except ReaderError as exc:
        line, column = _character_position(source, exc.position)
        raise LocatedError(path, line, column,
                           Text.error("yaml.character", code=f"U+{exc.character:04X}")) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = _problem(exc.problem or exc.context)
        if mark is not None and source.decode("utf-8")[mark.index:mark.index + 1] == "\t":  # index: characters
            problem = Text.error("yaml.tab", problem=problem)
        raise LocatedError(path, line, column, Text.error("yaml.syntax", problem=problem)) from None


# The parser's usual complaints, in our words; any other is shown in the parser's own (English) words.
_PROBLEMS = (
    (re.compile(r"(?:did not|could not) find expected (?P<what>.+)"), "yaml.expected"),
    (re.compile(r"mapping values are not allowed"), "yaml.mapping-values"),
    (re.compile(r"(?:block )?sequence entries are not allowed"), "yaml.sequence-entries"),
    (re.compile(r"found character that cannot start any token"), "yaml.token-start"),
    (re.compile(r"found unexpected end of stream"), "yaml.end-of-stream"),
    (re.compile(r"found unknown escape character"), "yaml.escape"),
)


def _problem(problem: str | None) -> Text | str:
    for pattern, key in _PROBLEMS:
        match = pattern.search(problem or "")
        if match:
            return Text.error(key, **{name: _either(value) for name, value in match.groupdict().items()})
    return problem or Text.error("yaml.invalid")


def _either(words: str) -> Text | str:
    """"',' or ']'" with "or" in the reader's language."""
    first, *others = words.split(" or ")
    either: Text | str = first
    for other in others:
        either = Text.error("type.or", first=either, second=other)
    return either


def _character_position(source: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column, in characters, of the byte ``offset`` of UTF-8 ``source``."""
    line, byte_column = line_and_column(source, offset)
    return line, len(source[offset - byte_column + 1:offset].decode("utf-8", "replace")) + 1


class _Composer:
    """Plain data from libyaml events. The loops handle the common case, a scalar value, inline: an inventory of
    100,000 cameras is over a million events, and a function call per event is a large share of the time.

    Nodes are counted against MAX_NODES as they are made (the bound on memory, with the byte limit): a container
    may make at most ``self.nodes_left`` nodes, itself and its descendants (and what aliases stand for) included,
    and hands what it has not used to a child."""

    def __init__(self, source: bytes, path: str) -> None:
        from ruamel.yaml import events
        from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]

        self.parser = CParser(source)
        self.get_event = self.parser.get_event
        self.events = events
        self.path = path
        self.anchors: dict[str, tuple[Any, int, _Places | None]] = {}  # anchor -> (value, node count, places)
        self.alias_nodes = 0
        self.nodes_left = MAX_NODES
        self.whole_floats: list[str] = []

    def _error(self, event: Any, message: Text) -> LocatedError:
        mark = event.start_mark
        return LocatedError(self.path, mark.line + 1, mark.column + 1, message)

    def _too_many(self, event: Any) -> LocatedError:
        return self._error(event, Text.error("yaml.too-many-nodes", n=f"{MAX_NODES:,}", cost=CONTAINER_COST))

    def compose(self, empty_ok: bool) -> Document:
        events = self.events
        self.get_event()  # StreamStart
        event = self.get_event()
        if isinstance(event, events.StreamEndEvent):
            if empty_ok:
                return Document(self.path, {}, (1, 1), None)
            raise LocatedError(self.path, 1, 1, Text.error("yaml.empty"))
        assert isinstance(event, events.DocumentStartEvent)
        event = self.get_event()
        start = (event.start_mark.line + 1, event.start_mark.column + 1)
        data, _, places = self._node(event, 0)
        self.get_event()  # DocumentEnd
        event = self.get_event()
        if not isinstance(event, events.StreamEndEvent):
            raise self._error(event, Text.error("yaml.several-documents"))
        return Document(self.path, data, start, places, bool(self.whole_floats))

    def _scalar(self, event: Any) -> Any:
        tag = event.tag
        if tag is None:
            value = event.value
            if not event.implicit[0]:
                return value
            try:
                return resolve_plain(value, self.whole_floats)
            except ScalarError as exc:
                raise self._error(event, exc.text) from None
        if tag not in _ALLOWED_TAGS:
            raise self._error(event, Text.error("yaml.tag", tag=tag))
        return event.value

    def _node(self, event: Any, depth: int) -> tuple[Any, int, _Places | None]:
        """Compose the node that ``event`` starts; return its value, how many nodes it holds and, for a
        container, where its children are."""
        events = self.events
        kind = type(event)
        if kind is events.AliasEvent:
            return self._alias(event)
        if depth > MAX_DEPTH:
            raise self._error(event, Text.error("yaml.depth", n=MAX_DEPTH))
        places: _Places | None = None
        if kind is events.ScalarEvent:
            value: Any = self._scalar(event)
            size = 1
        else:
            if event.tag not in _ALLOWED_TAGS:
                raise self._error(event, Text.error("yaml.tag", tag=event.tag))
            if kind is events.MappingStartEvent:
                value, size, places = self._mapping(depth)
            elif kind is events.SequenceStartEvent:
                value, size, places = self._sequence(depth)
            else:  # pragma: no cover - libyaml emits nothing else here
                raise self._error(event, Text.error("yaml.event", kind=kind.__name__))
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, size, places)
        return value, size, places

    def _alias(self, event: Any) -> tuple[Any, int, _Places | None]:
        if event.anchor not in self.anchors:
            raise self._error(event, Text.error("yaml.alias", anchor=f"*{event.anchor}"))
        found = self.anchors[event.anchor]
        self.alias_nodes += found[1]
        if self.alias_nodes > MAX_ALIAS_NODES:
            raise self._error(event, Text.error("yaml.alias-bomb", n=f"{MAX_ALIAS_NODES:,}"))
        return found

    def _child(self, event: Any, places: _Places, index: int, depth: int, left: int) -> tuple[Any, int]:
        """A child that is not a plain scalar (a container, an alias, or a scalar too deep or anchored)."""
        self.nodes_left = left
        value, size, inner = self._node(event, depth + 1)
        if inner is not None:
            places.add_inner(index, inner)
        if size > left:
            raise self._too_many(event)
        return value, size

    def _mapping(self, depth: int) -> tuple[dict[str, Any], int, _Places | None]:
        scalar_event, end_event = self.events.ScalarEvent, self.events.MappingEndEvent
        get_event = self.get_event
        key_event = get_event()
        if type(key_event) is end_event:
            return {}, CONTAINER_COST, None  # no places: an empty container has no children to find
        places = _Places()
        mark_child = places.marks.append
        plain = depth < MAX_DEPTH  # a scalar child is within the depth limit
        left = self.nodes_left
        result: dict[str, Any] = {}
        size = CONTAINER_COST
        while True:
            kind = type(key_event)
            if kind is end_event:
                return result, size, places
            if kind is not scalar_event:
                raise self._error(key_event, Text.error("yaml.complex-key"))
            key = key_event.value
            if key in result:
                first = _unpack(places.marks[2 * list(result).index(key)])
                raise self._error(key_event, Text.error("yaml.duplicate-key", key=quoted(key), line=first[0]))
            mark = key_event.start_mark
            mark_child(mark.line << _COLUMN_BITS | mark.column)
            event = get_event()
            mark = event.start_mark
            mark_child(mark.line << _COLUMN_BITS | mark.column)
            if type(event) is scalar_event and event.anchor is None and plain:
                result[key] = self._scalar(event)
                size += 1
                if size > left:
                    raise self._too_many(event)
            else:
                result[key], child_size = self._child(event, places, len(result), depth, left - size)
                size += child_size
            key_event = get_event()

    def _sequence(self, depth: int) -> tuple[list[Any], int, _Places | None]:
        scalar_event, end_event = self.events.ScalarEvent, self.events.SequenceEndEvent
        get_event = self.get_event
        event = get_event()
        if type(event) is end_event:
            return [], CONTAINER_COST, None
        places = _Places()
        mark_child = places.marks.append
        plain = depth < MAX_DEPTH
        left = self.nodes_left
        result: list[Any] = []
        append = result.append
        size = CONTAINER_COST
        while True:
            kind = type(event)
            if kind is end_event:
                return result, size, places
            mark = event.start_mark
            mark_child(mark.line << _COLUMN_BITS | mark.column)
            if kind is scalar_event and event.anchor is None and plain:
                append(self._scalar(event))
                size += 1
                if size > left:
                    raise self._too_many(event)
            else:
                value, child_size = self._child(event, places, len(result), depth, left - size)
                append(value)
                size += child_size
            event = get_event()
