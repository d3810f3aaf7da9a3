"""Measure vidcheck on generated inventories and print each figure beside the libyaml event scan of the same file.

    python bench/run.py [N ...]        (default: 1000 10000 100000)
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate, seeded_violations

SCAN = """
import sys
from ruamel.yaml.cyaml import CParser
parser = CParser(open(sys.argv[1], encoding="utf-8").read())
while parser.check_event():
    parser.get_event()
"""


def timed(command: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS of the child in MB, and its stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) // 1024, done.stdout


def main(sizes: list[int]) -> None:
    print(f"{'cameras':>8} {'MB':>6} {'scan s':>7} {'audit s':>8} {'ratio':>6} {'µs/cam':>7} {'peak MB':>8}  findings")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = Path(folder) / f"site-{size}.yaml"
            path.write_text(generate(size), encoding="utf-8")
            scan, _, _ = timed([sys.executable, "-c", SCAN, str(path)])
            audit, peak, out = timed([sys.executable, "-m", "vidcheck", "audit", str(path), "--as-of", "2026-11-01",
                                      "-f", "json"])
            report = json.loads(out)
            counts: dict[str, int] = {}
            for site in report["sites"]:
                for finding in site["findings"]:
                    counts[finding["rule"]] = counts.get(finding["rule"], 0) + 1
            ok = "ok" if counts == seeded_violations(size) else f"MISMATCH {counts}"
            print(f"{size:>8} {path.stat().st_size / 1e6:>6.1f} {scan:>7.2f} {audit:>8.2f} {audit / scan:>6.1f} "
                  f"{audit / size * 1e6:>7.0f} {peak:>8}  {ok}")


if __name__ == "__main__":
    main([int(n) for n in sys.argv[1:]] or [1000, 10000, 100000])
