"""The names a person may write for a vocabulary id (SPEC §2): the id, or a Chinese name (``vidcheck/names.toml``).

Inventories are read with these names turned into ids at load, so every check sees ids only.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .i18n import Pairs
from .vocabulary import CATEGORIES, OPERATOR_KINDS, PRIVATE_ZONES, ZONE_KINDS

TABLES: Mapping[str, Pairs] = {"category": CATEGORIES, "zone": ZONE_KINDS, "operator": OPERATOR_KINDS}
_DATA = Path(__file__).resolve().parent / "names.toml"
_ASIDE = re.compile(r"（[^）]*）|\([^)]*\)")  # 歌舞娱乐场所（歌舞厅、KTV、夜总会等）: the aside is not a name


class AmbiguousName(ValueError):
    """A Chinese name that would mean two ids of one table: vocabulary data to fix, never guessed between."""


@functools.cache
def _data() -> dict[str, Any]:
    import tomllib  # here: a run that writes ids needs no alias table (start-up time)

    with _DATA.open("rb") as handle:
        return tomllib.load(handle)


def label_names(table: str) -> dict[str, str]:
    """Each part of each zh label split on '/' (an aside in brackets dropped) -> its id."""
    found: dict[str, str] = {}
    pairs = TABLES[table]
    for ident in pairs:
        for part in _ASIDE.sub("", pairs[ident][0]).split("/"):
            _add(found, part.strip(), ident, table)
    return found


@functools.cache
def chinese_names(table: str) -> Mapping[str, str]:
    """Every Chinese name accepted for an id of ``table``, label parts first, then the alias table."""
    found = label_names(table)
    for name, ident in _data()["zh"].get(table, {}).items():
        if ident not in TABLES[table]:
            raise AmbiguousName(f"names.toml: [zh.{table}] {name} names '{ident}', which is not a {table} id")
        _add(found, name, ident, table)
    return found


def _add(found: dict[str, str], name: str, ident: str, table: str) -> None:
    if name and found.setdefault(name, ident) != ident:
        raise AmbiguousName(f"the {table} name {name} would mean both '{found[name]}' and '{ident}'")


@functools.cache
def meanings(table: str) -> Mapping[str, str]:
    """English words whose meaning is an id of ``table``: suggested, never accepted."""
    words: dict[str, str] = _data()["meaning"].get(table, {})
    return words


def canonical(table: str, value: str) -> str | None:
    """The id ``value`` stands for (itself, or a Chinese name), or None when it names none."""
    if value in TABLES[table]:
        return value
    return chinese_names(table).get(value)


def accepted(table: str) -> list[str]:
    """What an inventory may write for ``table``, in the schema's order: the ids, then the Chinese names."""
    return [*TABLES[table], *chinese_names(table)]


def is_private(kind: str) -> bool:
    """A zone kind where cameras may be prohibited (SPEC §2.2): suggested only for what the word means."""
    return kind in PRIVATE_ZONES
