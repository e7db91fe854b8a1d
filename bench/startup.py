"""Start-up time and peak memory: nianbao with the demo open vs a bare PySide6 QMainWindow (and,
from source, vs a window of the same Qt widgets with nothing in them: bench/skeleton_window.py).

The programs run as child processes with the same start-up hook (desktop/startup_probe.py): it
prints the time the first window is exposed and leaves the event loop.  Start-up is that time minus
the moment just before the process was spawned; peak memory is the child's max RSS (wait4).  The
runs alternate between the programs so that a busy machine slows both alike; the figure is the
median of N runs after one warm-up run each.

    python3 bench/startup.py [--runs N] [--built]     (--built: the bundles in dist/, see build.spec)
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from _common import DIST, ROOT, Row, child_env, median, report, run_child

TARGET_RATIO = 1.3


def commands(built: bool) -> dict[str, list[str]]:
    if built:
        return {"nianbao": [str(DIST / "nianbao" / "nianbao"), "--demo"],
                "bare": [str(DIST / "bare-window" / "bare-window")]}
    return {"nianbao": [sys.executable, "-m", "desktop.main", "--demo"],
            "bare": [sys.executable, str(ROOT / "bench" / "bare_window.py")],
            # From source only: where the time over the bare window goes (bench/skeleton_window.py).
            "skeleton": [sys.executable, str(ROOT / "bench" / "skeleton_window.py")]}


def run_once(cmd: list[str]) -> tuple[float, float, float]:
    """(seconds to the first window exposed, seconds to the work put off until then done — the
    first checks —, max RSS in MB) of one run of ``cmd``."""
    start = time.time()
    out, err, code, max_rss = run_child(cmd, child_env(NIANBAO_STARTUP_PROBE="1"))
    marks = dict(line.split(" ", 1) for line in out.splitlines() if line.startswith(("shown ", "settled ")))
    if code != 0 or "shown" not in marks or "settled" not in marks:
        raise RuntimeError(f"{' '.join(cmd)} failed (exit {code}): {err.strip()[-500:]}")
    return float(marks["shown"]) - start, float(marks["settled"]) - start, max_rss


def measure(runs: int = 15, built: bool = False) -> list[Row]:
    cmds = commands(built)
    for cmd in cmds.values():
        if built and not os.path.exists(cmd[0]):
            raise SystemExit(f"{cmd[0]} is missing: build first (scripts/build_and_smoke.sh builds both)")
        run_once(cmd)                                      # warm-up: disk cache, .pyc files
    times = {name: [] for name in cmds}
    settled = {name: [] for name in cmds}
    rss = {name: [] for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            seconds, done, mb = run_once(cmd)
            times[name].append(seconds * 1000)
            settled[name].append(done * 1000)
            rss[name].append(mb)
    how = "built bundle" if built else "from source"
    t_app, t_bare = median(times["nianbao"]), median(times["bare"])
    s_app, s_bare = median(settled["nianbao"]), median(settled["bare"])
    m_app, m_bare = max(rss["nianbao"]), max(rss["bare"])
    skeleton = []
    if "skeleton" in times:
        t_skel = median(times["skeleton"])
        skeleton.append(Row(f"… a window of the same Qt widgets, empty: no report, none of nianbao's code "
                            f"({how})", t_skel, "ms", t_bare, "", None,
                            f"nianbao's own code and data: {t_app - t_skel:.0f} of the {t_app - t_bare:.0f} ms "
                            f"over bare"))
    return [
        Row(f"start-up to window shown, demo loaded ({how}, median of {runs})", t_app, "ms", t_bare,
            f"≤ {TARGET_RATIO}× bare", t_app <= TARGET_RATIO * t_bare,
            f"min {min(times['nianbao']):.0f} / {min(times['bare']):.0f} ms"),
        Row(f"… and the first checks shown in the checks panel ({how})", s_app, "ms", s_bare, "", None,
            f"checks {s_app - t_app:.0f} ms after the first frame"),
        *skeleton,
        Row(f"peak memory (max RSS) with the demo open ({how})", m_app, "MB", m_bare, "", None),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--built", action="store_true")
    args = parser.parse_args()
    report(measure(args.runs, args.built))


if __name__ == "__main__":
    main()
