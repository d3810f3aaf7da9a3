"""The vocabulary as a person looks it up (``vidcheck vocabulary``): every id with its zh and en words, the other
names an inventory may use for it, whether a zone kind is private, and the articles of the loaded rules that name it.

"Names it" is read from the jurisdiction schema, not from a list of parameter keys: wherever the schema says a rule
field holds a category, zone kind, operator kind or control, the ids there are uses, so a new rule parameter is
found without a change here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .i18n import Pairs
from .jurisdictions import Catalog, Rule
from .names import chinese_names, is_private
from .resources import schema
from .vocabulary import CATEGORIES, CONTROLS, OPERATOR_KINDS, ZONE_KINDS

# Section key, the jurisdiction-schema definition whose ids it lists, its table, and its table of names (or None).
SECTIONS: tuple[tuple[str, str, Pairs, str | None], ...] = (
    ("categories", "category", CATEGORIES, "category"),
    ("zone_kinds", "zone_kind", ZONE_KINDS, "zone"),
    ("operator_kinds", "operator_kind", OPERATOR_KINDS, "operator"),
    ("controls", "control", CONTROLS, None),
)
_DEFINITIONS = frozenset(definition for _, definition, _, _ in SECTIONS)


@dataclass(frozen=True)
class Use:
    """One rule that names an id."""

    jurisdiction: str
    rule: str
    article: str  # as the tables show it: a sector law's article carries the law's title
    check: str
    draft: bool


@dataclass(frozen=True)
class Entry:
    id: str
    zh: str
    en: str
    names: tuple[str, ...]  # the Chinese names an inventory may write for it besides the id
    private: bool | None  # zone kinds: a candidate for prohibition; None for the other sections
    used_by: tuple[Use, ...]


@dataclass(frozen=True)
class Section:
    key: str  # categories, zone_kinds, operator_kinds, controls
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class VocabularyReport:
    sections: tuple[Section, ...]


def vocabulary_report(catalog: Catalog) -> VocabularyReport:
    """Every section of the vocabulary, each id with the rules of ``catalog`` that name it."""
    found = used_by(catalog)
    sections = []
    for key, definition, table, names in SECTIONS:
        aliases: dict[str, list[str]] = {}
        for name, ident in (chinese_names(names).items() if names else ()):
            aliases.setdefault(ident, []).append(name)
        sections.append(Section(key, tuple(
            Entry(ident, *table[ident], tuple(aliases.get(ident, ())), is_private(ident) if names == "zone" else None,
                  tuple(found.get((definition, ident), ())))
            for ident in table)))
    return VocabularyReport(tuple(sections))


def used_by(catalog: Catalog) -> dict[tuple[str, str], list[Use]]:
    """(definition, id) -> the rules naming it, by jurisdiction id then in file order."""
    found: dict[tuple[str, str], list[Use]] = {}
    for ident in sorted(catalog.jurisdictions):
        for rule in catalog.jurisdictions[ident].rules:
            use = Use(ident, rule.id, rule.instrument.article_name(rule.article), rule.check, rule.instrument.draft)
            for named in dict.fromkeys(uses(rule)):
                found.setdefault(named, []).append(use)
    return found


def uses(rule: Rule) -> Iterator[tuple[str, str]]:
    """(definition, id) for every vocabulary id the rule names, found where the jurisdiction schema refers to one."""
    record = {**rule.params, **({"categories": sorted(rule.categories)} if rule.categories else {})}
    yield from _walk(record, schema("jurisdiction")["$defs"]["rule"])


def _walk(value: Any, node: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    definitions = schema("jurisdiction")["$defs"]
    if "$ref" in node:
        definition = node["$ref"].rsplit("/", 1)[-1]
        if definition in _DEFINITIONS:
            yield definition, value
        else:
            yield from _walk(value, definitions[definition])
    for branch in node.get("anyOf", ()):
        yield from _walk(value, branch)
    if isinstance(value, list) and "items" in node:
        for item in value:
            yield from _walk(item, node["items"])
    if isinstance(value, dict):
        for key, item in value.items():
            if key in node.get("properties", {}):
                yield from _walk(item, node["properties"][key])
