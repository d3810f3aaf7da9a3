"""Suggestions for unknown names: by meaning, by Chinese name, by spelling; never a private zone kind by spelling."""

from __future__ import annotations

import pytest
from conftest import run

from vidcheck.api import read_site
from vidcheck.jurisdictions import load_catalog
from vidcheck.names import chinese_names, is_private, meanings
from vidcheck.suggestions import Suggestion, did_you_mean, for_vocabulary
from vidcheck.vocabulary import ORDINARY_ZONES, PRIVATE_ZONES

# (table, what was written, what is suggested or None)
CASES = [
    ("zone", "monitoring_room", "control_room"),  # issue 14: was "nursing_room", a prohibited zone
    ("zone", "cctv_room", "control_room"), ("zone", "security_room", "control_room"),
    ("zone", "car_park", "parking_area"),  # issue 14: was nothing
    ("zone", "garage", "parking_area"), ("zone", "parking_lot", "parking_area"),
    ("zone", "restroom", "toilet"), ("zone", "WC", "toilet"), ("zone", "washroom", "toilet"),
    ("zone", "locker_room", "changing_room"),  # private, and that is what the word means
    ("zone", "Toilets", "toilet"), ("zone", "Parking-Area", "parking_area"), ("zone", "guest rooms", "guest_room"),
    ("zone", "enterance", "entrance"), ("zone", "kitchn", "kitchen"), ("zone", "elevater", "elevator"),
    ("zone", "男卫生间", "toilet"), ("zone", "客房走廊", "corridor"), ("zone", "地下停车场", "parking_area"),
    ("zone", "停车厂", "parking_area"),
    ("zone", "餐厅", "public_area"), ("zone", "公厕", "toilet"),  # the words a camera list reads zone names by
    ("zone", "卫生间门口", "entrance"),
    ("zone", "nursing_rom", None), ("zone", "toilett", None),  # private kinds: never by spelling alone
    ("zone", "monitoring", "control_room"), ("zone", "xyzzy", None),
    ("category", "hotl", "hotel"), ("category", "mall", "shopping_center"), ("category", "car_park", "public_parking"),
    ("category", "KTV厅", "song_dance_venue"), ("category", "ktv", "song_dance_venue"),
    ("category", "宾馆酒店", "hotel"),
    ("operator", "company", "enterprise"), ("operator", "enterprize", "enterprise"), ("operator", "公司", "enterprise"),
]


@pytest.mark.parametrize("table,word,expected", CASES)
def test_suggestions(table, word, expected):
    found = for_vocabulary(table, word)
    assert (found.value if found else None) == expected


ORDINARY_WORDS = sorted({word for word, ident in meanings("zone").items() if not is_private(ident)}
                        | {name for name, ident in chinese_names("zone").items() if not is_private(ident)}
                        | set(ORDINARY_ZONES))


@pytest.mark.parametrize("word", ORDINARY_WORDS)
def test_an_ordinary_word_never_brings_up_a_private_kind(word):
    """Every ordinary word of the alias tables, and each with a slip of the keyboard (a letter dropped, doubled,
    or the last two swapped), gets an ordinary kind or nothing."""
    slips = {word, word[:-1], word + word[-1], word[:-2] + word[-1] + word[-2], f"{word}_room", f"{word}s"}
    for slip in slips:
        found = for_vocabulary("zone", slip)
        assert found is None or found.value not in PRIVATE_ZONES, (slip, found)


@pytest.mark.parametrize("kind", list(PRIVATE_ZONES))
def test_no_private_kind_by_spelling_alone(kind):
    """A one-letter slip of a private kind's own id gets no suggestion (it could be another word); its exact
    forms (case, separators, plural) do."""
    assert for_vocabulary("zone", kind[:-1] + "x") is None or for_vocabulary("zone", kind[:-1] + "x").value != kind
    assert for_vocabulary("zone", kind.upper().replace("_", " ") + "S") == Suggestion(kind, for_vocabulary(
        "zone", kind).labels)


def test_the_words_of_a_suggestion_come_from_both_catalogs():
    found = for_vocabulary("zone", "monitoring_room")
    assert did_you_mean(found) == " — did you mean 'control_room' (监控室 · control room)?"
    assert did_you_mean(found, "en") == " — did you mean 'control_room' (control room)?"
    assert did_you_mean(found, "zh") == "——是否应为 'control_room'（监控室）？"
    assert did_you_mean(None) == ""


@pytest.mark.parametrize("word,expected", [("cn-guangzou", "cn-guangzhou"), ("guangzhou", "cn-guangzhou"),
                                           ("广州", "cn-guangzhou"), ("Qingdao", "cn-qingdao"),
                                           ("cn-qindao", "cn-qingdao"), ("cn-atlantis", None)])
def test_jurisdiction_suggestions(word, expected):
    text = load_catalog().suggestion(word)
    assert (f"did you mean '{expected}'" in text) if expected else text == ""


def test_the_issue_examples_end_to_end(write_site):
    kind = read_site(write_site({"zones": [{"id": "gate", "kind": "monitoring_room"}]}))
    assert isinstance(kind, tuple) and "did you mean 'control_room'" in kind[0].message
    assert "nursing_room" not in kind[0].message
    park = read_site(write_site({"zones": [{"id": "gate", "kind": "car_park"}]}))
    assert isinstance(park, tuple) and "did you mean 'parking_area'" in park[0].message
    unknown = read_site(write_site({"zones": [{"id": "gate", "kind": "xyzzy"}]}))
    assert isinstance(unknown, tuple) and unknown[0].message.endswith("(see 'vidcheck vocabulary')")
    audited = run("audit", "-j", "cn-guangzou", write_site())
    assert audited.exit_code == 2 and "did you mean 'cn-guangzhou'" in audited.output
    explained = run("explain", "filing.overdu")
    assert explained.exit_code == 2 and "did you mean 'filing.overdue'?" in explained.output


@pytest.mark.parametrize("args", [("jurisdictions", "show", "cn-guangzou"), ("compare", "cn-guangzou")])
def test_every_command_naming_a_jurisdiction_suggests(args):
    result = run(*args)
    assert result.exit_code == 2 and "did you mean 'cn-guangzhou' (Guangzhou)?" in result.output  # the run's language
    chinese = run(*args, "--lang", "zh")
    assert chinese.exit_code == 2 and "是否应为 'cn-guangzhou'（广州市）？" in chinese.output


def test_the_site_jurisdiction_is_suggested_at_its_line(write_site):
    result = run("audit", write_site({"site": {"jurisdiction": "cn-guangzou"}}))
    assert result.exit_code == 2 and "did you mean 'cn-guangzhou'" in result.output

