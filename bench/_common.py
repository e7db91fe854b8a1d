"""Shared pieces of the benchmarks: where things are, statistics, the machine, the result table.

Benchmarks print tables; they are not tests and assert nothing.  Each result is a :class:`Row`:
what was measured, its value, the baseline measured in the same run (if there is one), the ratio
and the target it is compared with.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:      # the benchmarks run as scripts: python3 bench/xxx.py
    sys.path.insert(0, str(ROOT))
DIST = ROOT / "dist"


@dataclass
class Row:
    what: str
    value: float
    unit: str
    baseline: float | None = None
    target: str = ""                 # e.g. "≤ 1.3× bare", "< 1 ms"
    met: bool | None = None          # None: no target
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.baseline else None


def median(values) -> float:
    return statistics.median(values)


def percentile(values, p: float) -> float:
    """The p-th percentile (0–100), nearest rank: the value p % of the runs do not exceed."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))   # ceil
    return ordered[int(rank) - 1]


def child_env(**extra) -> dict:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Compiled modules kept outside the tree, as an installed program has them (.pyc written at
    # install): without them every start compiles ≈ 60 modules (PYTHONDONTWRITEBYTECODE is set here).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "nianbao-bench-pycache")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.update(extra)
    return env


def run_child(cmd: list[str], env: dict, cwd: Path = ROOT) -> tuple[str, str, int, float]:
    """Runs ``cmd`` to its end: (stdout, stderr, exit code, its max RSS in MB).  Linux/Unix only.

    Output goes to temporary files so that the child can be reaped with wait4, which gives the
    resource usage of that one child.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return (out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                proc.returncode, usage.ru_maxrss / 1024)   # ru_maxrss is in KiB on Linux


def _proc_field(path: str, name: str) -> str:
    """The value of the first ``name: value`` line of a /proc file, or "" where there is none."""
    try:
        lines = Path(path).read_text().splitlines()
    except OSError:
        return ""
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith(name)), "")


def machine() -> dict[str, str]:
    """CPU model, cores, RAM, OS, Python, Qt: what docs/performance.md records with the figures."""
    cpu = _proc_field("/proc/cpuinfo", "model name") or platform.processor() or platform.machine()
    mem = _proc_field("/proc/meminfo", "MemTotal")
    ram = f"{int(mem.split()[0]) / 1024 / 1024:.1f} GiB" if mem else "?"
    os_name = platform.platform()
    if Path("/etc/os-release").exists():
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                os_name = f"{line.split('=', 1)[1].strip(chr(34))} ({platform.release()})"
    try:
        import PySide6
        from PySide6.QtCore import qVersion
        qt = f"PySide6 {PySide6.__version__}, Qt {qVersion()}"
    except ImportError:
        qt = "PySide6 not installed"
    try:
        load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    return {"CPU": cpu, "cores": str(os.cpu_count()), "RAM": ram, "OS": os_name,
            "Python": platform.python_version(), "Qt": qt, "load average (1/5/15 min)": load}


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "MB":
        return f"{value:.1f} MB"
    if unit == "ms":
        return f"{value:.3f} ms" if value < 10 else f"{value:.0f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    return f"{value:g} {unit}"


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table (pasted as is into docs/performance.md)."""
    head = "| measured | nianbao | baseline | ratio | target | met | note |\n|---|---|---|---|---|---|---|"
    lines = [head]
    for r in rows:
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "—"
        met = {True: "yes", False: "**no**", None: "—"}[r.met]
        lines.append(f"| {r.what} | {_fmt(r.value, r.unit)} | {_fmt(r.baseline, r.unit)} | {ratio} | "
                     f"{r.target or '—'} | {met} | {r.note} |")
    return "\n".join(lines)


def machine_table() -> str:
    return "\n".join(["| machine | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in machine().items()])


def report(rows: list[Row]) -> None:
    print(machine_table())
    print()
    print(table(rows))
