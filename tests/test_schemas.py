"""The schemas themselves: valid 2020-12, standalone, in step with the vocabulary, strict with format checking."""

from __future__ import annotations

import json

import pytest
from conftest import BASE_SITE, merged
from jsonschema import Draft202012Validator, FormatChecker

from vidcheck.names import chinese_names
from vidcheck.resources import data_dir, schema
from vidcheck.vocabulary import CATEGORIES, CONTROLS, OPERATOR_KINDS, ZONE_KINDS

SITE = schema("site")
STRICT = Draft202012Validator(SITE, format_checker=FormatChecker())  # like Ajv in an editor


@pytest.mark.parametrize("name", ["site", "jurisdiction", "waivers", "config", "baseline"])
def test_schema_is_valid_2020_12(name):
    Draft202012Validator.check_schema(schema(name))
    assert schema(name)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_site_schema_stands_alone():
    assert all(ref.startswith("#") for ref in _refs(SITE))


def _refs(node):
    if isinstance(node, dict):
        yield from ([node["$ref"]] if "$ref" in node else [])
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_vocabulary_matches_both_schemas():
    """The site schema takes what an inventory may write (each id, then its Chinese names, as vidcheck reads them
    at load); rule files take ids only."""
    site_props = SITE["properties"]
    categories = site_props["site"]["properties"]["categories"]["items"]["enum"]
    kinds = site_props["zones"]["items"]["properties"]["kind"]["enum"]
    operators = site_props["site"]["properties"]["operator"]["properties"]["kind"]["enum"]
    for written, ids, table in ((categories, CATEGORIES, "category"), (kinds, ZONE_KINDS, "zone"),
                                (operators, OPERATOR_KINDS, "operator")):
        assert written[:len(ids)] == list(ids)
        assert written[len(ids):] == list(chinese_names(table)) and len(written) > len(ids)
        assert len(set(written)) == len(written)
    assert list(site_props["system"]["properties"]["controls"]["properties"]) == list(CONTROLS)
    defs = schema("jurisdiction")["$defs"]
    assert defs["category"]["enum"] == list(CATEGORIES) and defs["zone_kind"]["enum"] == list(ZONE_KINDS)
    assert defs["control"]["enum"] == list(CONTROLS)


@pytest.mark.parametrize("date,valid", [("2024-03-01", True), ("2024/3/1", True), ("2024年3月1日", True),
                                        ("2024-02-30", False), ("2024-3-1", False), ("March 1", False)])
def test_dates_with_format_enforced(date, valid):
    instance = merged(BASE_SITE, {"system": {"accepted_on": date}})
    assert STRICT.is_valid(instance) is valid


def test_shipped_examples_are_valid_with_format_enforced():
    from vidcheck.yamlsource import parse_yaml

    examples = sorted((data_dir("schemas").parent / "examples").glob("*.yaml"))
    assert len(examples) >= 10
    for path in examples:
        data = parse_yaml(path.read_text(encoding="utf-8"), str(path)).data
        assert not list(STRICT.iter_errors(data)), path.name


def test_unknown_keys_are_rejected_and_x_keys_allowed():
    assert not STRICT.is_valid(merged(BASE_SITE, {"sytem": {}}))
    assert STRICT.is_valid(merged(BASE_SITE, {"x-anything": [1, 2]}))
    assert json.dumps(SITE).count('"additionalProperties": false') >= 7


def test_waivers_schema_names_every_finding_id():
    from vidcheck.checks import FINDING_ORDER

    assert tuple(schema("waivers")["$defs"]["waiver"]["properties"]["rule"]["enum"]) == FINDING_ORDER


def test_config_schema_names_every_format():
    import re

    from vidcheck.render import MODULES

    pattern = schema("config")["properties"]["format"]["pattern"]
    assert re.match(r"^\^\(([a-z|]+)\)", pattern).group(1).split("|") == list(MODULES)


@pytest.mark.parametrize("kind,valid", [("changing_room", True), ("更衣室", True), ("停车场", True), ("卫生间", True),
                                        ("car_park", False), ("更衣", False), ("客房走廊", False)])
def test_an_editor_takes_a_chinese_name_where_vidcheck_does(kind, valid):
    instance = merged(BASE_SITE, {"zones": [{"id": "z", "kind": kind}], "site": {"categories": ["旅馆"]}})
    assert STRICT.is_valid(instance) is valid


def test_schema_ids_are_stable_urls_of_the_project():
    for name in ("site", "jurisdiction", "waivers", "config", "baseline"):
        assert schema(name)["$id"] == f"https://vidcheck.dev/schemas/{name}/1.json"


def test_the_site_schema_enums_are_what_the_sync_tool_writes():
    import sys

    sys.path.insert(0, str(data_dir("schemas").parent / "tools"))
    import sync_schema_names

    assert sync_schema_names.render() == (data_dir("schemas") / "site.schema.json").read_text(encoding="utf-8")
