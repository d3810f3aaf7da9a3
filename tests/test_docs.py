"""docs/inventory.md, the user's reference, is what tools/gen_inventory_doc.py writes from the code: it cannot drift."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from conftest import REPO

from vidcheck.jurisdictions import Rule, load_catalog
from vidcheck.vocabulary import CATEGORIES, CONTROLS, OPERATOR_KINDS, ZONE_KINDS

sys.path.insert(0, str(REPO / "tools"))
import gen_inventory_doc as generator

DOC = REPO / "docs" / "inventory.md"
RULES = [pytest.param(rule, id=f"{j.id}/{rule.id}")
         for j in load_catalog().jurisdictions.values() for rule in j.rules]


def test_the_committed_reference_is_what_the_generator_writes() -> None:
    assert DOC.is_file(), f"docs/inventory.md is missing: run `{generator.COMMAND}`"
    assert DOC.read_text(encoding="utf-8") == generator.render(), \
        f"docs/inventory.md is out of date: run `{generator.COMMAND}` and commit the result"


FIELDS = {path: node for path, node, _ in generator.fields()}


@pytest.mark.parametrize("path", FIELDS)
def test_every_inventory_field_has_a_meaning_and_an_example(path: str) -> None:
    assert generator.meaning(path, FIELDS[path]), f"{path}: give it a meaning in FIELDS of tools/gen_inventory_doc.py"
    assert generator.example(path), f"{path}: give it an example in FIELDS of tools/gen_inventory_doc.py"


def test_fields_explained_are_fields_of_the_schema() -> None:
    assert set(generator.FIELDS) <= set(FIELDS)


@pytest.mark.parametrize("table", [CATEGORIES, ZONE_KINDS, OPERATOR_KINDS, CONTROLS])
def test_every_id_is_listed_with_both_labels(table: dict[str, tuple[str, str]]) -> None:
    page = generator.render()
    for ident, (zh, en) in table.items():
        assert f"| `{ident}` | {zh} | {en} |" in page


def _named(rule: Rule) -> set[tuple[str, str]]:
    """The ids a rule names, read key by key from the parameters known today (the schema walk finds new ones too)."""
    p: dict[str, Any] = dict(rule.params)
    kinds = [*(k for r in p.get("zones", ()) for k in r["kinds"]), *p.get("zone_kinds", ()),
             *([p["if_zone_kind"]] if "if_zone_kind" in p else [])]
    return {*(("category", c) for c in rule.categories or ()), *(("zone_kind", k) for k in kinds),
            *(("operator_kind", k) for k in p.get("allowed_operators", ())),
            *(("control", c) for c in p.get("controls", ()))}


@pytest.mark.parametrize("rule", RULES)
def test_used_by_finds_every_id_a_rule_names(rule: Rule) -> None:
    found = set(generator.uses(rule))
    tables = {"category": CATEGORIES, "zone_kind": ZONE_KINDS, "operator_kind": OPERATOR_KINDS, "control": CONTROLS}
    assert _named(rule) <= found and all(ident in tables[definition] for definition, ident in found)


def test_the_readme_points_to_the_reference_in_the_project() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "SPEC §2" not in readme
    assert "docs/inventory.md#site-categories" in readme and "docs/inventory.md#zone-kinds" in readme
