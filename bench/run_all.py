"""Every benchmark, one table: start-up, memory, edits, a large report, exports, aggregation, size.

    python3 bench/run_all.py [--quick] [--no-build]

--quick: fewer runs and edits (a rough look, not figures to publish).  --no-build: measure the
bundles already in dist/ (by default both are built first, ≈ 30 s).  The table is Markdown, as
docs/performance.md keeps it.  Run it on an otherwise idle machine: the figures are medians and
percentiles, but a busy machine still moves them.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time

import edit
import export
import large
import size
import startup
from _common import ROOT, Row, child_env, machine_table, table

AGGREGATE_UNITS = 1000
AGGREGATE_TARGET_S = 3.0


def aggregation() -> list[Row]:
    """Runs bench/aggregate.py (the aggregation work's own benchmark) and reads its figure."""
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "aggregate.py"), str(AGGREGATE_UNITS)],
                         cwd=ROOT, env=child_env(), capture_output=True, text=True)
    found = re.search(r"读取、检查并汇总\s*([\d.]+)\s*秒", out.stdout)
    if out.returncode != 0 or not found:
        raise RuntimeError(f"bench/aggregate.py gave no figure (exit {out.returncode}): "
                           f"{(out.stdout + out.stderr).strip()[-500:]}")
    seconds = float(found.group(1))
    return [Row(f"aggregate {AGGREGATE_UNITS:,} unit reports (read, check, sum; bench/aggregate.py)",
                seconds, "s", target=f"< {AGGREGATE_TARGET_S:g} s", met=seconds < AGGREGATE_TARGET_S)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()
    runs, edits = (5, 1000) if args.quick else (21, 10_000)
    started = time.time()
    rows: list[Row] = []
    rows += size.measure(not args.no_build)          # builds dist/nianbao and dist/bare-window
    rows += startup.measure(runs, built=False)
    rows += startup.measure(runs, built=True)
    rows += edit.measure(edits)
    rows += large.measure_editions(keys=100 if args.quick else 300, edits=50 if args.quick else 200)
    rows += export.measure(3 if args.quick else 7)
    rows += aggregation()
    print(machine_table())
    print()
    print(table(rows))
    print(f"\n(all benchmarks: {time.time() - started:.0f} s)")


if __name__ == "__main__":
    main()
