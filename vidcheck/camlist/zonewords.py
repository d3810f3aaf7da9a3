"""The kind of a zone, read from its Chinese name by its head word (the table is data: zonewords.toml)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

_TABLE = Path(__file__).with_name("zonewords.toml")


@dataclass(frozen=True, slots=True)
class ByCategory:
    categories: frozenset[str]
    kind: str
    otherwise: str


@dataclass(frozen=True, slots=True)
class ZoneWords:
    words: Mapping[str, str]
    by_category: Mapping[str, ByCategory]

    def kinds(self) -> set[str]:
        """Every kind the table can give (a test holds them to the vocabulary)."""
        return {*self.words.values(), *(k for rule in self.by_category.values() for k in (rule.kind, rule.otherwise))}


@functools.cache
def zone_words() -> ZoneWords:
    import tomllib  # here, when a camera list names its zones (start-up time)

    data = tomllib.loads(_TABLE.read_text(encoding="utf-8"))
    by_category = {word: ByCategory(frozenset(rule["categories"]), rule["kind"], rule["otherwise"])
                   for word, rule in data.get("by_category", {}).items()}
    return ZoneWords(dict(data["words"]), by_category)


def head_word(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate that ends last in ``name`` (the longest of those ending there), or None: the head of a
    Chinese compound (客房走廊 is a corridor). Camera lists and suggestions read names by this one rule."""
    best: tuple[int, int] = (0, 0)
    found: str | None = None
    for word in candidates:
        at = name.rfind(word)
        if at < 0:
            continue
        rank = (at + len(word), len(word))
        if rank > best:
            best, found = rank, word
    return found


def infer_kind(name: str, categories: frozenset[str]) -> tuple[str, str] | None:
    """(kind, the word it was read from) for a zone name, or None when no word of the table is in it.
    ``categories``: the site's, with those they imply (a 包间 of a KTV is a karaoke room). A name that is a zone
    kind's own Chinese name (地下通道, 娱乐场所包房) is that kind, as it is in an inventory's ``kind``."""
    from ..names import canonical

    exact = canonical("zone", name)
    if exact is not None:
        return exact, name
    words = zone_words()
    word = head_word(name, (*words.words, *words.by_category))
    if word is None:
        return None
    rule = words.by_category.get(word)
    if rule is None:
        return words.words[word], word
    return (rule.kind if categories & rule.categories else rule.otherwise), word
