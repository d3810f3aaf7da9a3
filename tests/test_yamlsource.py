import pytest

from vidcheck.errors import LocatedError
from vidcheck.yamlsource import parse_yaml, resolve_plain


def test_positions_are_one_based_for_values_and_keys():
    doc = parse_yaml("a: 1\nb:\n  - x\n  - {k: v}\n", "f.yaml")
    assert doc.data == {"a": 1, "b": ["x", {"k": "v"}]}
    assert doc.positions["/a"] == (1, 4)
    assert doc.key_positions["/b"] == (2, 1)
    assert doc.positions["/b/1"] == (4, 5)
    assert doc.position("/b/1/k/missing") == doc.positions["/b/1/k"]


@pytest.mark.parametrize("text,value", [
    ("1", 1), ("-7", -7), ("1.5", 1.5), ("true", True), ("False", False), ("~", None), ("null", None),
    ("yes", "yes"), ("是", "是"), ("2024-03-01", "2024-03-01"), ("0x1f", 31), ("0o17", 15), ("abc", "abc"),
])
def test_plain_scalars_follow_the_yaml_1_2_core_schema(text, value):
    assert resolve_plain(text) == value


def test_quoted_numbers_stay_strings():
    assert parse_yaml('a: "30"\n', "f").data == {"a": "30"}


@pytest.mark.parametrize("text,line,fragment", [
    ("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a' (first at line 1)"),
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
