"""The benchmark generator's inventories are valid and carry exactly the violations it says it seeds."""

import sys
from collections import Counter
from pathlib import Path

from conftest import day

from vidcheck.api import Options, audit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from generate import generate, generate_with_list, seeded_violations


def test_generated_inventory_has_the_seeded_findings(tmp_path):
    path = tmp_path / "gen.yaml"
    path.write_text(generate(2500), encoding="utf-8")
    report = audit([str(path)], Options(as_of=day("2026-11-01")))
    assert report.errors == ()
    assert Counter(f.rule for f in report.sites[0].findings) == Counter(seeded_violations(2500))


def test_the_same_site_with_a_camera_list_has_the_same_findings(tmp_path):
    inventory, rows = generate_with_list(2500, "cams.csv")
    (tmp_path / "gen.yaml").write_text(inventory, encoding="utf-8")
    (tmp_path / "cams.csv").write_text(rows, encoding="utf-8")
    report = audit([str(tmp_path / "gen.yaml")], Options(as_of=day("2026-11-01")))
    assert report.errors == ()
    assert Counter(f.rule for f in report.sites[0].findings) == Counter(seeded_violations(2500))
    assert all(f.location.path.endswith("cams.csv") for f in report.sites[0].findings)


def test_a_failing_site_of_the_rendering_bench_has_20_findings(tmp_path):
    """Bench target 8 renders 1,000 of these sites: each must give the 20 findings it is counted as."""
    from run import failing_site

    paths = []
    for number in range(2):
        paths.append(tmp_path / f"failing-{number}.yaml")
        paths[-1].write_text(failing_site(number), encoding="utf-8")
    report = audit([str(p) for p in paths], Options(as_of=day("2026-11-01")))
    assert report.errors == ()
    assert [Counter(f.rule for f in s.findings) for s in report.sites] == [Counter({"privacy.forbidden-zone": 20})] * 2
    assert len({s.site for s in report.sites}) == 2


def test_every_worst_case_shape_fills_its_budget_and_audits(tmp_path):
    """Bench target 6 measures these shapes at the real bounds: each must be exactly the byte budget, under the
    node cap (no bounds error), and audit as it is meant to (a site; schema errors for invalid-items)."""
    from adversarial import SHAPES, worst

    for shape in SHAPES:
        path = tmp_path / f"{shape}.yaml"
        path.write_text(worst(shape, 65536, 5000), encoding="utf-8")
        assert path.stat().st_size == 65536, shape
        report = audit([str(path)], Options(as_of=day("2026-11-01")))
        if shape == "invalid-items":
            assert not report.sites and len(report.errors) > 1000
            assert all("is not an object" in str(error) for error in report.errors[:1000])
        else:
            assert report.errors == () and len(report.sites) == 1, shape
        if shape == "findings":
            assert len(report.sites[0].findings) > 900
