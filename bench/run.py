"""Measure vidcheck against the targets of the speed issue (and of camera lists), each as a ratio taken in the same run.

    python bench/run.py            all eight targets (about three minutes on two cores)
    python bench/run.py --quick    smaller inventories, for a smoke run

1. 100,000-camera audit (--format json) within 3x the bare libyaml event scan of the same file
2. peak memory of that audit at most 500 MB
3. time per camera flat from 1,000 to 100,000 cameras (marginal time over a one-camera audit, measured in one
   process so that start-up noise does not swamp the small sizes; max/min <= 1.5)
4. start-up: `vidcheck --version` within 1.3x `import typer`; a 50-camera audit within 1.5x importing the
   modules it needs (every non-vidcheck module the audit loads, measured, in the order it loads them)
5. 1,000 small files on every core in at most 0.6x the time of one worker (--jobs 1)
6. peak memory of an audit at most 500 MB for the worst inputs under both input bounds, the byte limit and the node
   cap (bench/adversarial.py: deep nesting with long keys, flat lists, short strings and keys, small mappings, a
   flood of schema errors, each topped up with a string of wide characters)
7. a 10,000-row camera list (CSV, cameras_from) audits in under 1.5x the time of the same cameras written in YAML
8. rendering 1,000 sites x 20 findings in each format (text piped and at 80 columns, json, sarif, junit, github,
   gitlab, markdown, html) takes less time than the audit that found them (in one process, --jobs 1, the files not
   in the cache; a second, cached run is shown beside it); the HTML page of those sites stays under 5 MB
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from adversarial import SHAPES, worst
from generate import generate, generate_with_list, seeded_violations

from vidcheck.parallel import cores
from vidcheck.textfile import DEFAULT_MAX_BYTES
from vidcheck.yamlsource import MAX_NODES

PYTHON = sys.executable
SCAN = """
import sys
from ruamel.yaml.cyaml import CParser
parser = CParser(open(sys.argv[1], encoding="utf-8").read())
while parser.check_event():
    parser.get_event()
"""
# The modules an audit loads, in load order, vidcheck's own left out: the honest "dependencies it needs".
LOADED = """
import sys
before = set(sys.modules)
sys.argv = ["vidcheck", "audit", sys.argv[1], "--as-of", "2026-11-01", "-f", "json", "-o", sys.argv[2]]
try:
    from vidcheck.cli import main
    main()
except SystemExit:
    pass
print("\\n".join(m for m in sys.modules if m not in before and m.split(".")[0] != "vidcheck"))
"""
# Marginal time per camera, measured inside one process (what an audit of N cameras costs over one of a single
# camera, without the start-up noise that swamps 1,000 cameras): best of several audits of each file.
MARGINAL = """
import datetime as dt, sys, time
from vidcheck.api import Options, audit
from vidcheck.jurisdictions import load_catalog
catalog, options = load_catalog(), Options(dt.date(2026, 11, 1))
def best(path, times):
    runs = []
    for _ in range(times):
        start = time.perf_counter()
        audit([path], options, catalog)
        runs.append(time.perf_counter() - start)
    return min(runs)
tiny, path, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
times = 3 if size >= 100_000 else 15
print((best(path, times) - best(tiny, 15)) / size * 1e6)
"""
IMPORT_ALL = """
import importlib, sys
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except Exception:
        pass
"""


def run(command: list[str], env: dict[str, str] | None = None,
        codes: tuple[int, ...] = (0, 1)) -> tuple[float, int, str]:
    """Wall seconds, peak RSS of the child in MB, and its stdout; a child that exits with another code stops the
    bench."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if done.returncode not in codes:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr[-800:]}")
    return seconds, max(peak, before) // 1024, done.stdout


def best(command: list[str], times: int = 5) -> float:
    return min(run(command)[0] for _ in range(times))


def median(command: list[str], times: int = 9) -> float:
    return statistics.median(run(command)[0] for _ in range(times))


def audit_command(path: Path, *extra: str) -> list[str]:
    return [PYTHON, "-m", "vidcheck", "audit", str(path), "--as-of", "2026-11-01", "-f", "json", *extra]


def check_findings(size: int, out: str) -> None:
    counts: dict[str, int] = {}
    for site in json.loads(out)["sites"]:
        for finding in site["findings"]:
            counts[finding["rule"]] = counts.get(finding["rule"], 0) + 1
    if counts != seeded_violations(size):
        raise SystemExit(f"{size} cameras: findings {counts} differ from the seeded {seeded_violations(size)}")


def line(name: str, figure: str, target: str, ok: bool) -> bool:
    print(f"  {'met' if ok else 'MISSED':<6}  {name:<52} {figure:<34} target {target}")
    return ok


def big_inventory(folder: Path, sizes: list[int]) -> list[bool]:
    results = []
    per_camera = {}
    tiny = folder / "site-1.yaml"
    tiny.write_text(generate(1), encoding="utf-8")
    for size in sizes:
        path = folder / f"site-{size}.yaml"
        path.write_text(generate(size), encoding="utf-8")
        scan = best([PYTHON, "-c", SCAN, str(path)], 3)
        audits = [run(audit_command(path)) for _ in range(3)]
        seconds = min(a[0] for a in audits)
        peak = max(a[1] for a in audits)
        check_findings(size, audits[0][2])
        per_camera[size] = float(run([PYTHON, "-c", MARGINAL, str(tiny), str(path), str(size)])[2])
        print(f"  {size:>7} cameras, {path.stat().st_size / 1e6:.1f} MB: scan {scan:.2f} s, audit {seconds:.2f} s "
              f"({seconds / scan:.2f}x), {per_camera[size]:.0f} µs/camera over a one-camera audit, peak {peak} MB")
        if size == sizes[-1]:
            results.append(line(f"1. audit of {size:,} cameras vs event scan", f"{seconds:.2f} s / {scan:.2f} s = "
                                f"{seconds / scan:.2f}x", "<= 3x", seconds / scan <= 3))
            results.append(line("2. peak memory of that audit", f"{peak} MB", "<= 500 MB", peak <= 500))
    spread = max(per_camera.values()) / min(per_camera.values())
    figures = ", ".join(f"{v:.0f}" for v in per_camera.values())
    results.append(line(f"3. µs per camera at {', '.join(map(str, sizes))}", f"{figures} (max/min {spread:.2f})",
                        "<= 1.5", spread <= 1.5))
    return results


def start_up(folder: Path) -> list[bool]:
    typer_import = median([PYTHON, "-c", "import typer"])
    version = median([PYTHON, "-m", "vidcheck", "--version"])
    small = folder / "site-50.yaml"
    small.write_text(generate(50), encoding="utf-8")
    modules = run([PYTHON, "-c", LOADED, str(small), str(folder / "out.json")])[2].split()
    deps = median([PYTHON, "-c", IMPORT_ALL, *modules])
    audit = median(audit_command(small))
    return [line("4a. vidcheck --version vs import typer", f"{version * 1000:.0f} / {typer_import * 1000:.0f} ms = "
                 f"{version / typer_import:.2f}x", "<= 1.3x", version / typer_import <= 1.3),
            line(f"4b. 50-camera audit vs importing its {len(modules)} modules",
                 f"{audit * 1000:.0f} / {deps * 1000:.0f} ms = {audit / deps:.2f}x", "<= 1.5x", audit / deps <= 1.5)]


def many_files(folder: Path, count: int) -> list[bool]:
    sites = folder / "many"
    sites.mkdir()
    for number in range(count):
        text = generate(20, seed=number).replace("id: bench-hotel", f"id: bench-hotel-{number:04d}")
        (sites / f"site-{number:04d}.yaml").write_text(text, encoding="utf-8")
    # interleaved, so that a machine that speeds up or slows down during the runs favours neither side
    runs = [(run(audit_command(sites, "--jobs", "1"))[0], run(audit_command(sites))[0]) for _ in range(5)]
    one, every = min(serial for serial, _ in runs), min(parallel for _, parallel in runs)
    return [line(f"5. {count:,} files on {cores()} cores vs --jobs 1",
                 f"{every:.2f} / {one:.2f} s = {every / one:.2f}x", "<= 0.6x", every / one <= 0.6)]


def adversarial_memory(folder: Path, budget: int) -> list[bool]:
    """Peak memory of the audit of each worst-case shape, just under ``budget`` bytes and MAX_NODES nodes."""
    peaks = {}
    for shape in SHAPES:
        path = folder / f"worst-{shape}.yaml"
        path.write_text(worst(shape, budget, MAX_NODES), encoding="utf-8")
        seconds, peaks[shape], _ = run(audit_command(path), codes=(0, 1, 2))  # invalid-items is exit 2
        # getrusage gives the largest child so far: a shape's own peak shows when it is the largest yet
        print(f"  {shape:>15}, {path.stat().st_size / 2**20:.1f} MiB: audit {seconds:.2f} s, "
              f"peak so far {peaks[shape]} MB")
    shape = max(peaks, key=peaks.__getitem__)
    return [line(f"6. peak memory, worst input of {budget / 2**20:g} MiB ({shape})", f"{peaks[shape]} MB",
                 "<= 500 MB", peaks[shape] <= 500)]


def camera_list(folder: Path, size: int) -> list[bool]:
    """The same site with its cameras in YAML and in a CSV camera list: reading the list must not cost much more."""
    written = folder / f"list-{size}.yaml"
    written.write_text(generate(size), encoding="utf-8")
    inventory, rows = generate_with_list(size, f"list-{size}.csv")
    listed = folder / f"list-{size}-csv.yaml"
    listed.write_text(inventory, encoding="utf-8")
    (folder / f"list-{size}.csv").write_text(rows, encoding="utf-8")
    check_findings(size, run(audit_command(listed))[2])
    # interleaved, so that a machine that speeds up or slows down during the runs favours neither side
    runs = [(run(audit_command(written))[0], run(audit_command(listed))[0]) for _ in range(5)]
    yaml_time, csv_time = min(y for y, _ in runs), min(c for _, c in runs)
    return [line(f"7. {size:,}-row CSV camera list vs the same in YAML",
                 f"{csv_time:.2f} / {yaml_time:.2f} s = {csv_time / yaml_time:.2f}x", "< 1.5x",
                 csv_time / yaml_time < 1.5)]


RENDERED = """
import datetime as dt, json, sys, time
from vidcheck.api import Options, audit
from vidcheck.render import streamer
from vidcheck.render.text import stream as text_stream
paths = sys.argv[1:]
options = Options(dt.date(2026, 11, 1), "zh", workers=1)
start = time.perf_counter()
audit(paths, options)  # cold: every file evaluated (its results then cached)
times = {"audit": time.perf_counter() - start}
start = time.perf_counter()
report = audit(paths, options)
times["warm audit"] = time.perf_counter() - start  # a second run, from the cache: shown, not the yardstick
for name, render in (("text", lambda r: text_stream(r)), ("text-80", lambda r: text_stream(r, width=80)),
                     *((f, streamer(f)) for f in ("json", "sarif", "junit", "github", "gitlab", "markdown", "html"))):
    start = time.perf_counter()
    size = sum(len(piece) for piece in render(report))
    times[name] = time.perf_counter() - start
html_bytes = sum(len(piece.encode()) for piece in streamer("html")(report))  # untimed: the page's size on disk
print(json.dumps({"times": times, "findings": sum(len(s.findings) for s in report.sites), "html_bytes": html_bytes}))
"""


def failing_site(number: int) -> str:
    """A hotel with 20 cameras in guest rooms: 20 privacy.forbidden-zone findings (each with its penalties)."""
    cameras = "".join(f"  - {{id: C{c:02d}, zone: z-room-{c:02d}, location: 第{c}号客房}}\n" for c in range(20))
    rooms = "".join(f"  - {{id: z-room-{c:02d}, kind: guest_room}}\n" for c in range(20))
    head = generate(1).split("zones:")[0].replace("id: bench-hotel", f"id: bench-hotel-{number:04d}")
    return (f"{head}zones:\n  - {{id: z-gate, name: 正门, kind: entrance, signage: true}}\n"
            f"  - {{id: z-lobby, name: 大堂, kind: lobby, signage: true}}\n{rooms}"
            f"cameras:\n  - {{id: C-gate, zone: z-gate}}\n  - {{id: C-lobby, zone: z-lobby}}\n{cameras}")


def rendering(folder: Path, sites: int) -> list[bool]:
    paths = []
    for number in range(sites):
        path = folder / f"failing-{number:04d}.yaml"
        path.write_text(failing_site(number), encoding="utf-8")
        paths.append(str(path))
    result = json.loads(run([PYTHON, "-c", RENDERED, *paths])[2])
    times = result["times"]
    audit, warm = times.pop("audit"), times.pop("warm audit")
    print(f"  8. audit of {sites:,} sites x 20 findings, --jobs 1: {audit:.2f} s (a second run from the cache "
          f"{warm:.2f} s)")
    if result["findings"] != 20 * sites:
        raise SystemExit(f"rendering: {result['findings']} findings, not the {20 * sites} seeded")
    size = result["html_bytes"] / 1e6
    return [*(line(f"8. render {sites:,} x 20 findings: {name} vs audit", f"{seconds:.2f} / {audit:.2f} s = "
                   f"{seconds / audit:.2f}x", "< 1x the audit", seconds < audit) for name, seconds in times.items()),
            line(f"8. HTML page of {sites:,} sites x 20 findings", f"{size:.2f} MB", "< 5 MB", size < 5)]


def compile_like_an_install() -> None:
    """pip writes bytecode when it installs vidcheck. A checkout run under PYTHONDONTWRITEBYTECODE (as on CI
    machines) would compile every module on every run: start-up that no installed copy pays. The vidcheck compiled
    is the one the measured commands import."""
    subprocess.run([PYTHON, "-c", "import compileall, os, vidcheck; "
                    "compileall.compile_dir(os.path.dirname(vidcheck.__file__), quiet=1)"], check=True)


def main() -> None:
    quick = "--quick" in sys.argv
    compile_like_an_install()
    sizes = [1000, 10000] if quick else [1000, 10000, 100000]
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        os.environ["VIDCHECK_CACHE_DIR"] = str(folder / "cache")  # warm after the first run, like a CI job
        os.environ["VIDCHECK_STATE_DIR"] = str(folder / "state")  # the cache's signing key, not in the user's home
        print("vidcheck benchmarks" + (" (--quick: small inputs for a smoke run; the targets are for the full run)"
                                       if quick else ""))
        results = big_inventory(folder, sizes) + start_up(folder) + many_files(folder, 200 if quick else 1000)
        results += adversarial_memory(folder, DEFAULT_MAX_BYTES // 8 if quick else DEFAULT_MAX_BYTES)
        results += camera_list(folder, 2000 if quick else 10000)
        results += rendering(folder, 100 if quick else 1000)
    print(f"{sum(results)} of {len(results)} targets met" + (" (at smoke-run sizes)" if quick else ""))
    # a smoke run checks that every measurement runs and finds what was seeded; its sizes cannot judge the targets
    raise SystemExit(0 if all(results) or quick else 1)


if __name__ == "__main__":
    main()
