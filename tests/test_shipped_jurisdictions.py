"""The shipped rule data: loads, quotes are verbatim, and every rule both fires and passes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from ruamel.yaml import YAML

from vidcheck.checks import FAMILIES
from vidcheck.checks.base import SiteView
from vidcheck.dates import longest_span_days
from vidcheck.engine import binds
from vidcheck.inventory import load_site
from vidcheck.jurisdictions import Instrument, Rule, load_catalog
from vidcheck.resources import data_dir
from vidcheck.rulecheck import quoted_verbatim

CATALOG = load_catalog()
SHIPPED = sorted(path.stem for path in data_dir("jurisdictions").glob("*.yaml"))
ALL_RULES = [pytest.param(rule, id=f"{j}/{rule.id}") for j in SHIPPED for rule in CATALOG.get(j).rules]


def test_the_jurisdictions_of_0_2_ship() -> None:
    assert set(SHIPPED) == {"cn-national", "cn-guangzhou", "cn-datong", "cn-qingdao", "cn-guangdong-draft",
                            "cn-beijing", "cn-anhui", "cn-wuhan", "cn-gansu"}
    assert CATALOG.get("cn-guangdong-draft").draft
    assert all(CATALOG.get(j).parent == "cn-national" for j in SHIPPED if j != "cn-national")


SOURCES = data_dir("sources")  # the project's copies of the legal texts: every clone and every wheel has them
SHIPPED_FILES = {path.stem: YAML(typ="safe").load(path.read_text(encoding="utf-8"))
                 for path in sorted(data_dir("jurisdictions").glob("*.yaml"))}


def _quotes(data: dict[str, Any]) -> list[tuple[str, str]]:
    sources = {key: inst["source"] for key, inst in data["instruments"].items()}
    found = []
    for record in [*data["rules"], *(data.get("penalties") or {}).values()]:
        found.append((sources[record["instrument"]], record["quote"]))
        found += [(sources[c["instrument"]], c["quote"])
                  for c in (*record.get("also_cites", ()), *record.get("preexisting_cites", ()),
                            *record.get("extension_cites", ()))]
    return found


QUOTES = [pytest.param(source, quote, id=f"{stem}:{quote[:12]}")
          for stem, data in SHIPPED_FILES.items() for source, quote in _quotes(data)]
INSTRUMENTS = [pytest.param(instrument, id=f"{j.id}/{key}")
               for j in CATALOG.jurisdictions.values() for key, instrument in j.instruments.items()]


@pytest.mark.parametrize("instrument", INSTRUMENTS)
def test_every_instrument_names_a_legal_text_in_the_project(instrument: Instrument) -> None:
    path = SOURCES / instrument.source
    assert path.name == instrument.source and path.is_file(), \
        f"instrument '{instrument.key}': no legal text sources/{instrument.source}"
    assert path.read_text(encoding="utf-8").startswith("# "), f"sources/{instrument.source} lost its header"


def test_the_legal_texts_ship_in_the_wheel() -> None:
    import tomllib

    build = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]["build"]
    assert build["targets"]["wheel"]["force-include"]["sources"] == "vidcheck/sources"
    assert (REPO / "sources" / "README.md").is_file()


@pytest.mark.parametrize("source,quote", QUOTES)
def test_every_quote_appears_verbatim_in_its_source(source: str, quote: str) -> None:
    """The same matching as `vidcheck jurisdictions check` applies to a rules folder (vidcheck.rulecheck)."""
    assert (SOURCES / source).is_file(), f"no legal text sources/{source}: copy it into the project"
    lines = (SOURCES / source).read_text(encoding="utf-8").splitlines()
    assert quoted_verbatim(quote, lines), f"not verbatim in {source}: {quote}"


# --- every rule fires on a site built to break it, and passes on one built to meet it ---------------------

def _start(rule: Rule) -> dt.date:
    return (rule.instrument.effective_on or dt.date(2020, 1, 1)) + dt.timedelta(days=10)


def _site(rule: Rule, breaks: bool) -> dict[str, Any]:
    p = rule.params
    categories = sorted(rule.categories or {"shopping_center"})[:1]
    zones: list[dict[str, Any]] = [{"id": "gate", "kind": "entrance", "signage": True}]
    cameras: list[dict[str, Any]] = [{"id": "C-0", "zone": "gate"}]
    system: dict[str, Any] = {}
    operator = {"kind": "enterprise", "business": True}
    if p.get("if_zone_kind"):
        zones.append({"id": "cond", "kind": p["if_zone_kind"], "public": False, "signage": True})
    start = _start(rule)
    check = rule.check
    if check == "coverage.system-required" and breaks:
        cameras = []
    elif check == "coverage.zone-required":
        zones = [{"id": f"z{i}", "kind": r["kinds"][0], "signage": True} for i, r in enumerate(p["zones"])]
        cameras = [] if breaks else [{"id": f"C-{z['id']}", "zone": z["id"]} for z in zones]
        zones.append({"id": "gate", "kind": "other"})
        cameras.append({"id": "C-0", "zone": "gate"})
    elif check in ("privacy.forbidden-zone", "installer.unauthorized"):
        # a government-only kind, or (outside_premises rules) an ordinary public zone outside the premises
        kind = p["zone_kinds"][0] if "zone_kinds" in p else "public_area"
        zones.append({"id": "spot", "kind": kind, "signage": True, "outside_premises": "outside_premises" in p})
        cameras.append({"id": "C-1", "zone": "spot"})
        if check == "privacy.forbidden-zone" and not breaks:
            cameras.pop()
        if check == "installer.unauthorized" and not breaks:
            operator = {"kind": p["allowed_operators"][0]}
    elif check == "retention.minimum":
        if "minimum" in p:
            system["retention_days"] = longest_span_days(p["minimum"]) - (1 if breaks else 0)
        elif not breaks:  # 按照规定期限 (no number): a declared period meets it, an undeclared one does not
            system["retention_days"] = 30
    elif check == "retention.incident":
        system["incident_retention_days"] = longest_span_days(p["minimum"]) - (1 if breaks else 0)
    elif check == "signage.missing":
        zones[0]["signage"] = not breaks
    elif check == "filing.deadline":
        # a rule only for systems that predate the instrument (new_systems: false) needs one built before it
        built = start - dt.timedelta(days=20) if p.get("new_systems") is False else start
        system = {"accepted_on": built.isoformat(), "in_service_on": built.isoformat()}
        if not breaks:
            system["filings"] = [{"filed_on": (start + dt.timedelta(days=1)).isoformat()}]
    elif check == "filing.removal":
        cameras.append({"id": "C-1", "zone": "gate", "installed_on": (start - dt.timedelta(days=60)).isoformat(),
                        "removed_on": start.isoformat()})
        if not breaks and p.get("notice") == "before":  # told the police the whole lead time ahead
            lead = longest_span_days(p["within"]) if p.get("within") else 0
            cameras[-1]["removal_notified_on"] = (start - dt.timedelta(days=lead)).isoformat()
        elif not breaks:
            cameras[-1]["removal_filed_on"] = start.isoformat()
    elif check == "filing.mismatch":
        system = {"retention_days": 30, "filings": [{"filed_on": start.isoformat(),
                                                      "declared_retention_days": 15 if breaks else 30}]}
    elif check == "filing.change":
        system = {"filings": [{"filed_on": start.isoformat()}]}
        if breaks:
            cameras.append({"id": "C-1", "zone": "gate", "installed_on": (start + dt.timedelta(days=1)).isoformat()})
    elif check == "acceptance.before-use":
        system = {"accepted_on": (start + dt.timedelta(days=1 if breaks else 0)).isoformat(),
                  "in_service_on": start.isoformat()}
    elif check == "operation.continuous":
        system["operates_24x7"] = not breaks
    elif check == "controls.missing":
        system["controls"] = {c: not breaks for c in p["controls"]}
    return {"vidcheck": 1, "site": {"id": "s", "name": "s", "categories": categories, "operator": operator},
            "system": system, "zones": zones, "cameras": cameras}


@pytest.mark.parametrize("rule", ALL_RULES)
@pytest.mark.parametrize("breaks", [True, False], ids=["fires", "passes"])
def test_every_shipped_rule_fires_and_passes(rule: Rule, breaks: bool, tmp_path: Path) -> None:
    path = tmp_path / "site.yaml"
    path.write_text(json.dumps(_site(rule, breaks), ensure_ascii=False), encoding="utf-8")
    view = SiteView(load_site(str(path)), _start(rule) + dt.timedelta(days=400))
    assert binds(rule, view)
    violations = list(FAMILIES[rule.check].function(view, rule))
    assert bool(violations) == breaks, violations
