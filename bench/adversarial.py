"""Inventories built to cost the most memory per byte while staying under both input bounds: the byte limit
(VIDCHECK_MAX_BYTES) and the composer's node cap (yamlsource.MAX_NODES, a mapping or list counting as
CONTAINER_COST). SPEC §8: memory stays under 500 MB for any input under the size limit.

    python bench/adversarial.py small-maps 33554432 2000000 > worst.yaml     (shape, bytes, nodes)

Each is a valid inventory with its bulk under ``x-`` keys (free for users, so it goes through the whole audit): a
shape that packs the most nodes per byte, then one string with an emoji filling the bytes left (Python stores such
a string at 4 bytes a character):

- ``deep-long-keys``: 62 levels of mappings with long keys, then a flat list (a JSON-pointer string kept per node
  would be 62 key lengths long for every item);
- ``flat-list``: ``[0,0,0,…]``;
- ``short-strings``: ``[ab,ab,…]``, a string object per three bytes;
- ``short-keys``: ``{a: 0, b: 0, …}``, a mapping entry per few bytes;
- ``small-maps``: ``[{a: 0},{a: 0},…]``, a mapping per seven bytes;
- ``invalid-items``: ``cameras: [1,1,1,…]``, a schema error per item;
- ``findings``: as many cameras as fit, each in a toilet of a shopping centre with a 1-day retention, two findings
  per camera (engine.MAX_FINDINGS stops the audit past its bound).
"""

from __future__ import annotations

import itertools
import string
import sys

from vidcheck.yamlsource import CONTAINER_COST

HEAD = """vidcheck: 1
site:
  id: worst-case
  name: 最坏情况
  categories: [other_public]
system:
  accepted_on: 2024-02-20
  retention_days: 30
zones:
  - id: gate
    kind: entrance
    signage: true
"""
CAMERAS = """cameras:
  - id: C-1
    zone: gate
"""
SPARE_NODES = 200  # for the nodes of HEAD, CAMERAS and the wide string
DEPTH = 62  # the x- key and its value are two levels: the innermost list sits at the composer's depth limit
KEY_LENGTH = 1000


def _list(item: str, item_nodes: int, budget: int, nodes: int) -> str:
    """A flow list of ``item`` as long as ``budget`` bytes and ``nodes`` nodes allow."""
    count = min((nodes - SPARE_NODES) // item_nodes, (budget - 2) // (len(item) + 1))
    return "[" + ",".join(itertools.repeat(item, max(1, count))) + "]"


def _with_wide_string(text: str, budget: int) -> str:
    """``text``, then a string with an emoji as long as the bytes left allow."""
    room = budget - len(text.encode()) - len('x-wide: "😀"\n'.encode())
    return f'{text}x-wide: "😀{"a" * max(0, room)}"\n'


def _keys() -> itertools.chain[str]:
    letters = string.ascii_letters
    return itertools.chain.from_iterable(map("".join, itertools.product(letters, repeat=n)) for n in range(1, 6))


def _pad(shape: str, budget: int) -> int:
    """The bytes a shape may use: half the budget, so that the wide string has the other half."""
    return budget // 2 - len((HEAD + CAMERAS).encode()) - len(shape)


def deep_long_keys(budget: int, nodes: int) -> str:
    opening = "".join(f"{{k{level}{'x' * KEY_LENGTH}: " for level in range(DEPTH))
    closing = "}" * DEPTH
    inner = _list("0", 1, _pad(opening + closing, budget), nodes - DEPTH * (CONTAINER_COST + 1))
    return f"{HEAD}{CAMERAS}x-pad: {opening}{inner}{closing}\n"


def flat_list(budget: int, nodes: int) -> str:
    return f"{HEAD}{CAMERAS}x-pad: {_list('0', 1, _pad('', budget), nodes)}\n"


def short_strings(budget: int, nodes: int) -> str:
    return f"{HEAD}{CAMERAS}x-pad: {_list('ab', 1, _pad('', budget), nodes)}\n"  # one letter: a shared object


def short_keys(budget: int, nodes: int) -> str:
    room = _pad("", budget)
    entries: list[str] = []
    used = 2
    for key in itertools.islice(_keys(), nodes - SPARE_NODES):
        used += len(key) + 5  # "key: 0, "
        if used > room:
            break
        entries.append(f"{key}: 0")
    return f"{HEAD}{CAMERAS}x-pad: {{{', '.join(entries)}}}\n"


def small_maps(budget: int, nodes: int) -> str:
    return f"{HEAD}{CAMERAS}x-pad: {_list('{a: 0}', CONTAINER_COST + 1, _pad('', budget), nodes)}\n"


def invalid_items(budget: int, nodes: int) -> str:
    return f"{HEAD}cameras: {_list('1', 1, _pad('', budget), nodes)}\n"


def findings(budget: int, nodes: int) -> str:
    head = HEAD.replace("[other_public]", "[shopping_center]").replace("kind: entrance", "kind: toilet")
    room, count = _pad("", budget), (nodes - SPARE_NODES) // (CONTAINER_COST + 6)
    cameras = []
    for number in range(count):
        cameras.append(f"  - {{id: C{number}, zone: gate, retention_days: 1}}\n")
        room -= len(cameras[-1])
        if room < 0:
            cameras.pop()
            break
    return f"{head}cameras:\n{''.join(cameras)}"


SHAPES = {"deep-long-keys": deep_long_keys, "flat-list": flat_list, "short-strings": short_strings,
          "short-keys": short_keys, "small-maps": small_maps, "invalid-items": invalid_items, "findings": findings}


def worst(shape: str, budget: int, nodes: int) -> str:
    """The inventory of ``shape``, its bytes left filled with a wide string."""
    return _with_wide_string(SHAPES[shape](budget, nodes), budget)


if __name__ == "__main__":
    sys.stdout.write(worst(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
