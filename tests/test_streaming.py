"""Large reports are written in pieces: the pieces must make exactly the report that ``render`` makes."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

from conftest import REPO
from hypothesis import given
from hypothesis import strategies as st

from vidcheck.api import Options, audit
from vidcheck.render import MODULES, renderer, streamer
from vidcheck.render.common import dump_json, json_chunks

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=30)


@given(json_values)
def test_json_chunks_make_exactly_what_dump_json_makes(value: object):
    assert "".join(json_chunks(value)) == dump_json(value)


def test_a_list_may_be_an_iterator_built_as_it_is_written():
    built: list[int] = []

    def items() -> Iterator[dict[str, int]]:
        for number in range(3):
            built.append(number)
            yield {"n": number}

    pieces = json_chunks({"sites": [{"findings": items()}]})
    assert built == []
    text = "".join(pieces)
    assert built == [0, 1, 2] and json.loads(text) == {"sites": [{"findings": [{"n": 0}, {"n": 1}, {"n": 2}]}]}
    assert "".join(json_chunks({"findings": iter(())})) == dump_json({"findings": []})


def test_every_format_streams_the_report_it_renders():
    qingdao_report = audit([str(REPO / "examples" / "cn-qingdao-hotel-bad.yaml")], Options(dt.date(2026, 11, 1)))
    for name in MODULES:
        pieces = list(streamer(name)(qingdao_report))
        assert "".join(pieces) == renderer(name)(qingdao_report)
        if name in ("json", "sarif", "gitlab", "text", "html"):  # the formats a city's report is large in
            assert len(pieces) > 3, name
