"""Generate a deterministic, schema-valid inventory of N cameras with a known number of seeded violations.

    python bench/generate.py 100000 > big.yaml

One zone per ten cameras; after every 1,000th camera an extra one films a guest room (privacy.forbidden-zone), and
every 500th camera has a 7-day retention override (retention.minimum). Nothing else is wrong for a cn-qingdao hotel
audited on 2026-11-01.
"""

from __future__ import annotations

import random
import sys


def seeded_violations(cameras: int) -> dict[str, int]:
    privacy = len(range(999, cameras, 1000))
    retention = len(range(499, cameras, 500))
    return {"privacy.forbidden-zone": privacy, "retention.minimum": retention}


def generate(cameras: int, seed: int = 7) -> str:
    head, rows = _site(cameras, seed)
    out = [*head, "cameras:"]
    for ident, zone, installed, model, bitrate, retention in rows:
        out += [f"  - id: {ident}", f"    zone: {zone}"]
        if installed:
            out += [f"    installed_on: {installed}", f"    model: {model}", f"    bitrate_kbps: {bitrate}"]
        if retention:
            out.append(f"    retention_days: {retention}")
    return "\n".join(out) + "\n"


def generate_with_list(cameras: int, list_name: str, seed: int = 7) -> tuple[str, str]:
    """The same site with its cameras in a camera list (cameras_from, SPEC §9): (inventory, CSV with a Chinese
    header, as installers write it)."""
    head, rows = _site(cameras, seed)
    out = ["点位编号,区域,安装日期,型号,码率(kbps),存储天数"]
    out += [",".join((ident, zone, installed, model, bitrate, retention))
            for ident, zone, installed, model, bitrate, retention in rows]
    return "\n".join([*head, f"cameras_from: {list_name}"]) + "\n", "\n".join(out) + "\n"


def _site(cameras: int, seed: int) -> tuple[list[str], list[tuple[str, str, str, str, str, str]]]:
    """The inventory's lines up to its cameras, and each camera as (id, zone, installed_on, model, bitrate_kbps,
    retention_days), empty strings where a camera has no value."""
    rng = random.Random(seed)
    zones = max(1, cameras // 10)
    out = [
        "vidcheck: 1",
        "site:",
        "  id: bench-hotel",
        "  name: 基准测试酒店",
        "  jurisdiction: cn-qingdao",
        "  categories: [hotel]",
        "  operator: {name: 基准测试酒店有限公司, kind: enterprise, business: true}",
        "system:",
        "  accepted_on: 2025-05-01",
        "  in_service_on: 2025-05-10",
        "  retention_days: 30",
        "  operates_24x7: true",
        "  controls: {access_log: true, staff_vetting: true, staff_training: true, access_control: true,"
        " duty_monitoring: true}",
        "  filings:",
        "    - {filed_on: 2025-05-20, authority: 青岛市公安局, declared_retention_days: 30}",
        "zones:",
        "  - {id: z-gate, name: 正门, kind: entrance, signage: true}",
        "  - {id: z-room, name: 客房, kind: guest_room, signage: true}",
    ]
    kinds = ["lobby", "corridor", "elevator", "stairwell", "parking_area", "public_area"]
    for z in range(zones):
        out += [f"  - id: z{z:06d}", f"    name: 区域{z}", f"    kind: {rng.choice(kinds)}", "    signage: true"]
    rows = []
    for c in range(cameras):
        zone = "z-gate" if c == 0 else f"z{c % zones:06d}"
        model, bitrate = f"DS-2CD{rng.randint(1000, 9999)}", str(rng.choice([2048, 4096, 8192]))
        rows.append((f"C{c:07d}", zone, f"2025-0{1 + c % 4}-{10 + c % 18}", model, bitrate,
                     "7" if c % 500 == 499 else ""))
        if c % 1000 == 999:
            rows.append((f"P{c:07d}", "z-room", "", "", "", ""))
    return out, rows

if __name__ == "__main__":
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
