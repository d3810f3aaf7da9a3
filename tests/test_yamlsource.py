import pickle
import sys
import tracemalloc
from pathlib import Path

import pytest

from vidcheck import yamlsource
from vidcheck.errors import LocatedError
from vidcheck.yamlsource import parse_yaml, resolve_plain

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from adversarial import deep_long_keys


def test_positions_are_one_based_for_values_and_keys():
    doc = parse_yaml("a: 1\nb:\n  - x\n  - {k: v}\n  - []\nc: {}\n", "f.yaml")
    assert doc.data == {"a": 1, "b": ["x", {"k": "v"}, []], "c": {}}
    assert doc.position("/a") == (1, 4)
    assert doc.position("/b", key=True) == (2, 1)
    assert doc.position("/b/1") == (4, 5)
    assert doc.position("/b/1/k", key=True) == (4, 6)
    assert doc.position("/b/1/k/missing") == doc.position("/b/1/k") == (4, 9)
    assert doc.position("/b/2/0") == (5, 5) and doc.position("/c/x") == (6, 4)
    assert doc.position("") == doc.position("/nothing") == (1, 1)


def test_keys_with_slash_and_tilde_are_found_by_their_escaped_pointer():
    doc = parse_yaml("x:\n  a/b: 1\n  c~d: [2, 3]\n", "f.yaml")
    assert doc.position("/x/a~1b") == (2, 8)
    assert doc.position("/x/c~0d/1", key=True) == (3, 12) and doc.position("/x/c~0d", key=True) == (3, 3)


def test_positions_survive_aliases_and_pickling():
    doc = parse_yaml("a: &x {k: [1, 2]}\nb: *x\n", "f.yaml")
    assert doc.position("/b") == (2, 4)
    assert doc.position("/b/k/1") == doc.position("/a/k/1") == (1, 15)  # inside an alias: where it was written
    assert pickle.loads(pickle.dumps(doc)).position("/a/k/1") == (1, 15)


def test_positions_cost_memory_per_node_not_per_depth_times_key_length():
    """Deep nesting with long keys: a JSON-pointer string kept per node took 2.4 GB for a 142 KB file."""
    text = deep_long_keys(150_000, 2_000_000)
    tracemalloc.start()
    try:
        doc = parse_yaml(text, "deep.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000
    assert doc.position("/x-pad" + "".join(f"/k{level}{'x' * 1000}" for level in range(62)) + "/5")[0] == 16


@pytest.mark.parametrize("text,value", [
    ("1", 1), ("-7", -7), ("1.5", 1.5), ("true", True), ("False", False), ("~", None), ("null", None),
    ("yes", "yes"), ("是", "是"), ("2024-03-01", "2024-03-01"), ("abc", "abc"),
    ("0x1f", "0x1f"), ("0o17", "0o17"),  # hex and octal stay text: a number must read as what it says
])
def test_plain_scalars_follow_the_yaml_1_2_core_schema(text, value):
    assert resolve_plain(text) == value


def test_quoted_numbers_stay_strings():
    assert parse_yaml('a: "30"\n', "f").data == {"a": "30"}


@pytest.mark.parametrize("text,line,fragment", [
    ("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a' (first at line 1)"),
    ("a: 1\n? \"a\\nb\"\n: 2\n? \"a\\nb\"\n: 3\n", 4, "duplicate key 'a\\u000ab' (first at line 2)"),
    ("a: 中\x01\n", 1, "U+0001"),
    ("x-big: " + "9" * 4301 + "\n", 1, "an integer of 4,301 digits is too long"),
    ("a: [1, -" + "1" * 101 + "]\n", 1, "an integer of 101 digits is too long"),
    ("a: [1\n", 2, "YAML syntax error"),
    ("", 1, "empty"),
    ("a: 1\n---\nb: 2\n", 2, "several YAML documents"),
    ("a: !!python/object:os.system x\n", 1, "not allowed"),
    ("a: *nope\n", 1, "names no anchor"),
    ("? [a, b]\n: 1\n", 1, "mapping keys must be plain text"),
])
def test_refused_yaml_is_located(text, line, fragment):
    with pytest.raises(LocatedError) as caught:
        parse_yaml(text, "bad.yaml")
    assert caught.value.error.line == line
    assert fragment in caught.value.error.message


def test_aliases_are_shared_but_bombs_are_refused():
    assert parse_yaml("a: &x [1, 2]\nb: *x\n", "f").data == {"a": [1, 2], "b": [1, 2]}
    layers = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    layers += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    with pytest.raises(LocatedError, match="alias bomb"):
        parse_yaml("\n".join(layers) + "\n", "bomb.yaml")


def test_nesting_depth_is_bounded():
    with pytest.raises(LocatedError, match="nesting deeper"):
        parse_yaml("a: " + "[" * 100 + "]" * 100 + "\n", "deep.yaml")


def test_control_character_is_located_in_characters_not_bytes():
    with pytest.raises(LocatedError) as caught:
        parse_yaml("a: 中文\x01\n", "bad.yaml")
    assert (caught.value.error.line, caught.value.error.column) == (1, 6)


def test_integers_up_to_the_digit_limit_are_values():
    assert parse_yaml(f"a: -{'9' * 100}\nb: {2 ** 70}\n", "f").data == {"a": -int("9" * 100), "b": 2 ** 70}


@pytest.mark.parametrize("literal,whole", [
    ("30.0", True), ("3e1", True), ("29.9999999999999999", True), ("-0.0", True), ("1e400", False),
    ("29.5", False), ("30", False), ('"30.0"', False), ("0x1e", False),
])
def test_a_float_with_a_whole_value_is_noted(literal: str, whole: bool):
    assert parse_yaml(f"a: {literal}\n", "f").whole_floats is whole


@pytest.mark.parametrize("text", [
    "a: [" + ", ".join(["0"] * 60) + "]\n",
    "a: {" + ", ".join(f"k{n}: 0" for n in range(60)) + "}\n",
    "a: [" + ", ".join(["[]"] * 15) + "]\n",  # a mapping or list counts as 4
    "a: &x [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]\nb: [*x, *x, *x, *x, *x]\n",  # so does what an alias stands for
    "a:\n  b:\n    c: [" + ", ".join(["0"] * 45) + "]\n    d: [" + ", ".join(["0"] * 45) + "]\n",
])
def test_the_composer_refuses_more_nodes_than_its_cap(monkeypatch: pytest.MonkeyPatch, text: str):
    monkeypatch.setattr(yamlsource, "MAX_NODES", 60)
    with pytest.raises(LocatedError, match="more than 60 nodes in one file"):
        parse_yaml(text, "many.yaml")
    monkeypatch.setattr(yamlsource, "MAX_NODES", 200)
    assert parse_yaml(text, "many.yaml").data
