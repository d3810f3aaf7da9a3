"""Inventory validation: every error is located and says how to fix it."""

from __future__ import annotations

import json

import pytest
from conftest import BASE_SITE, merged

from vidcheck.api import read_site


def errors_of(write_site, patch=None, text=None):
    result = read_site(write_site(patch, text=text))
    assert isinstance(result, tuple), "expected input errors"
    return result


@pytest.mark.parametrize("patch,fragment", [
    ({"system": {"retension_days": 30}}, "unknown key 'retension_days' — did you mean 'retention_days'?"),
    ({"site": {"categories": ["hotl"]}}, "did you mean 'hotel' (hotel or guesthouse)"),  # the run's language
    ({"system": {"operates_24x7": "是"}}, "write true or false"),
    ({"system": {"retention_days": "30"}}, "write a whole number without quotes"),
    ({"system": {"retention_days": -1}}, "below the minimum 1"),
    ({"system": {"retention_days": 10**12}}, "above the maximum"),
    ({"system": {"accepted_on": "2024-02-30"}}, "not a day of the calendar"),
    ({"system": {"accepted_on": "2024-3-1"}}, "not a date"),
    ({"system": {"accepted_on": "1970-01-01"}}, "check the year"),
    ({"cameras": [{"id": "C 1", "zone": "gate"}]}, "does not match the required form"),
    ({"cameras": [{"id": "C-1", "zone": "gat"}]}, "zone 'gat' is not defined under zones — did you mean 'gate'?"),
    ({"cameras": [{"id": "C-1", "zone": "gate"}, {"id": "C-1", "zone": "gate"}]}, "duplicate camera id 'C-1'"),
    ({"zones": [{"id": "gate", "kind": "entrance"}, {"id": "gate", "kind": "lobby"}]}, "duplicate zone id 'gate'"),
    ({"cameras": [{"id": "C-1", "zone": "gate", "installed_on": "2024-05-01", "removed_on": "2024-04-01"}]},
     "removed_on 2024-04-01 is before installed_on"),
    ({"system": {"accepted_on": "2024-05-01", "filings": [{"filed_on": "2024-04-01"}]}}, "before accepted_on"),
    ({"site": {"operator": {"kind": "enterprise", "credit_code": "91370202MA3C12346X"}}}, "GB 32100"),
    ({"vidcheck": 2}, "vidcheck must be 1"),
])
def test_value_errors_are_located_with_a_hint(write_site, patch, fragment):
    errors = errors_of(write_site, patch)
    assert any(fragment in e.message for e in errors), [e.message for e in errors]
    assert all(e.line >= 1 and e.column >= 1 for e in errors)


def test_error_points_at_the_offending_line(write_site):
    text = "vidcheck: 1\nsite:\n  id: a\n  name: b\n  categories: [hotel]\nsystem:\n  retention_days: -5\n"
    (error,) = errors_of(write_site, text=text)
    assert (error.line, error.column, error.pointer) == (7, 19, "/system/retention_days")


def test_unknown_key_points_at_the_key(write_site):
    text = "vidcheck: 1\nsite:\n  id: a\n  name: b\n  categories: [hotel]\n  colour: red\n"
    (error,) = errors_of(write_site, text=text)
    assert (error.line, error.column) == (6, 3)


def test_x_keys_are_free(write_site):
    assert not isinstance(read_site(write_site({"x-notes": {"a": 1}, "site": {"x-owner": "me"}})), tuple)


def test_dates_in_all_three_forms(write_site):
    site = read_site(write_site({"system": {"accepted_on": "2024/3/1", "in_service_on": "2024年3月2日"}}))
    assert not isinstance(site, tuple)
    assert str(site.system.accepted_on) == "2024-03-01" and str(site.system.in_service_on) == "2024-03-02"


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""),
                                           ("gbk", b""), ("gb18030", b"")])
def test_encodings_are_read_without_mojibake(tmp_path, encoding, bom):
    path = tmp_path / "site.yaml"
    path.write_bytes(bom + json.dumps(merged(BASE_SITE, {}), ensure_ascii=False).encode(encoding))
    site = read_site(str(path))
    assert not isinstance(site, tuple) and site.name == "测试场所"


def test_undecodable_bytes_are_named_by_offset(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"vidcheck: 1\nsite: \xff\xff\n")
    (error,) = read_site(str(path))
    assert error.unreadable and "byte 18" in error.message and error.line == 2
