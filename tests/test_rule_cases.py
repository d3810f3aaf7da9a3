"""Data-driven pass/fail cases per check family, from tests/rules/<family>.yaml (``pytest -k <family>``).

Each case audits an inventory against a one-rule jurisdiction written to a temporary rules folder, through the
whole pipeline, and compares the findings as "rule subject-type/id [severity]". A case with ``jurisdiction:``
audits against that shipped jurisdiction instead (cases about shipped rule data, e.g. the sector laws); a file
tests/rules/<jurisdiction>.yaml with a top-level ``jurisdiction:`` holds one jurisdiction's cases
(``pytest -k cn-wuhan``).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import BASE_SITE, merged
from ruamel.yaml import YAML

from vidcheck.api import Options, audit
from vidcheck.jurisdictions import load_catalog

RULE_FILES = sorted((Path(__file__).parent / "rules").glob("*.yaml"))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _cases() -> list[Any]:
    params = []
    for path in RULE_FILES:
        spec = _plain(YAML(typ="safe").load(path.read_text(encoding="utf-8")))
        for case in spec["cases"]:
            params.append(pytest.param(spec, case, id=f"{path.stem}-{case['name']}"))
    return params


def _one_rule_jurisdiction(folder: Path, rules: list[dict[str, Any]], effective_on: str) -> None:
    """One rule, or a few where a case is about how rules meet (``rules:`` in the case)."""
    data = {
        "vidcheck_jurisdiction": 1, "id": "test-one-rule", "name": {"zh": "测试", "en": "test"},
        "instruments": {"t": {"title": "测试规定", "number": "测试", "effective_on": effective_on,
                              "source": "none.txt"}},
        "rules": [{"id": f"r{i}", "instrument": "t", "article": "第一条", "quote": "测试", **rule}
                  for i, rule in enumerate(rules)],
    }
    (folder / "test-one-rule.yaml").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize("spec,case", _cases())
def test_rule_case(spec: dict[str, Any], case: dict[str, Any], tmp_path: Path) -> None:
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    # a case about shipped rule data audits against that jurisdiction instead (a file of them names it once)
    shipped = case.get("jurisdiction", spec.get("jurisdiction"))
    if shipped is None:
        _one_rule_jurisdiction(rules_dir, case.get("rules") or [case.get("rule", spec["rule"])],
                               case.get("effective_on", spec.get("effective_on", "2000-01-01")))
    site = merged(merged(BASE_SITE, spec.get("base", {})), case["site"])
    site["site"]["jurisdiction"] = shipped or "test-one-rule"
    path = tmp_path / "site.yaml"
    path.write_text(json.dumps(site, ensure_ascii=False), encoding="utf-8")
    as_of = dt.date.fromisoformat(case.get("as_of", spec.get("as_of", "2026-11-01")))
    catalog = load_catalog((str(rules_dir),))  # once for both languages
    report = audit([str(path)], Options(as_of=as_of, rules_dirs=(str(rules_dir),)), catalog)
    assert report.errors == ()
    found = [(f"{f.rule} {f.subject.type}/{f.subject.id}", f.severity.label) for f in report.sites[0].findings]
    expected = [entry.rsplit(" ", 1) if entry.count(" ") == 2 else [entry, None] for entry in case["expect"]]
    assert sorted(name for name, _ in found) == sorted(name for name, _ in expected)
    for name, severity in expected:
        if severity is not None:
            assert (name, severity) in found
    # every finding says how to fix it, in both languages (issue 14 item 8)
    chinese = audit([str(path)], Options(as_of=as_of, lang="zh", rules_dirs=(str(rules_dir),)), catalog)
    for lang, checked in (("en", report), ("zh", chinese)):
        for finding in checked.sites[0].findings:
            assert finding.hint.strip(), (lang, finding.rule, finding.message)
            assert "{" not in finding.hint, (lang, finding.hint)
