"""The benchmark generator's inventories are valid and carry exactly the violations it says it seeds."""

import sys
from collections import Counter
from pathlib import Path

from conftest import day

from vidcheck.api import Options, audit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from generate import generate, seeded_violations


def test_generated_inventory_has_the_seeded_findings(tmp_path):
    path = tmp_path / "gen.yaml"
    path.write_text(generate(2500), encoding="utf-8")
    report = audit([str(path)], Options(as_of=day("2026-11-01")))
    assert report.errors == ()
    assert Counter(f.rule for f in report.sites[0].findings) == Counter(seeded_violations(2500))
