"""Export of the demo report to .docx, .xlsx and PDF, each and in total, as the GUI's 导出 does it.

Each run is a fresh process (QApplication, the demo loaded), so the first export of each format
pays what the clerk's first export pays: importing python-docx or openpyxl, laying out the PDF's
fonts.  Then the same exports are repeated in that process (warm).  Figures are medians over the
runs; files go to a temporary folder.

    python3 bench/export.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _common import Row, child_env, median, report, run_child

KINDS = ("docx", "xlsx", "pdf")
TARGET_S = 1.0
WARM_REPEATS = 5


def child(out_dir: Path) -> None:
    """In the child process: export each format once (cold), then WARM_REPEATS times more."""
    from desktop.app import create_application
    from desktop.document import ReportDocument
    from desktop.exporting import file_bytes
    from forms.demo import demo_report
    from forms.fileio import atomic_write

    create_application(["bench"])
    doc = ReportDocument(demo_report())
    result = {"cold": {}, "warm": {}}
    for kind in KINDS:
        t0 = time.perf_counter()
        atomic_write(out_dir / f"demo.{kind}", file_bytes(doc, kind))
        result["cold"][kind] = time.perf_counter() - t0
    for kind in KINDS:
        times = []
        for _ in range(WARM_REPEATS):
            t0 = time.perf_counter()
            atomic_write(out_dir / f"demo.{kind}", file_bytes(doc, kind))
            times.append(time.perf_counter() - t0)
        result["warm"][kind] = statistics.median(times)
    print(json.dumps(result))


def measure(runs: int = 5) -> list[Row]:
    cold = {k: [] for k in KINDS}
    warm = {k: [] for k in KINDS}
    totals = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            out, err, code, _rss = run_child([sys.executable, str(Path(__file__).resolve()), "--child", tmp],
                                             child_env())
            if code != 0:
                raise RuntimeError(f"export child failed (exit {code}): {err.strip()[-800:]}")
            data = json.loads(out.strip().splitlines()[-1])
            for k in KINDS:
                cold[k].append(data["cold"][k])
                warm[k].append(data["warm"][k])
            totals.append(sum(data["cold"].values()))
    rows = [Row(f"export demo → .{k}, first in the process (median of {runs})", median(cold[k]) * 1000, "ms",
                note=f"again in the same process: {median(warm[k]) * 1000:.0f} ms") for k in KINDS]
    total = median(totals)
    rows.append(Row("export demo → all three, first time (median of the totals)", total * 1000, "ms",
                    target="< 1 s", met=total < TARGET_S,
                    note=f"again: {sum(median(warm[k]) for k in KINDS) * 1000:.0f} ms"))
    return rows


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    report(measure(parser.parse_args().runs))


if __name__ == "__main__":
    main()
