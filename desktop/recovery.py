"""Recovery copies of unsaved work in the user data folder (no Qt here).

A copy holds the whole report, the path it came from and the digest of that file as it was read,
so a recovered report saves back to its file with the usual conflict check.  Copies written by a
process that still runs on this computer belong to it and are never offered to another.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from itertools import count
from pathlib import Path

from forms.fileio import atomic_write, read_failure
from forms.paths import RECOVERY_SUFFIX, recovery_dir
from forms.report import Report
from forms.storage import VERSION as STORAGE_VERSION
from forms.storage import FileFormatError, report_from_dict, report_to_dict

from .file_lock import boot_time, process_alive, this_host

SUFFIX = RECOVERY_SUFFIX
FORMAT = "nianbao-recovery"
VERSION = 1
_serial = count(1)


@dataclass
class RecoveryCopy:
    path: Path
    saved_at: str = ""
    original_path: str | None = None
    digest: str | None = None
    title: str = ""
    pid: int = 0
    host: str = ""
    problem: str | None = None      # why the copy cannot be read, if it cannot

    @property
    def saved_at_text(self) -> str:
        return self.saved_at.replace("T", " ")[:19] if self.saved_at else "时间不明"

    def load(self) -> Report:
        """The report in the copy; FileFormatError if it cannot be read."""
        data = _read(self.path)
        return report_from_dict(data.get("report"), str(self.path))


def new_recovery_path() -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return recovery_dir() / f"{stamp}-{this_host()}-{os.getpid()}-{next(_serial)}{SUFFIX}"


def write_recovery(path: Path, report: Report, original_path: Path | None, digest: str | None) -> Path:
    """Writes (atomically) the recovery copy of a report; raises forms.fileio.WriteError."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "format": FORMAT,
        "version": VERSION,
        "saved_at": datetime.now().isoformat(timespec="seconds"),
        "original_path": str(original_path) if original_path else None,
        "digest": digest,
        "title": report.meta.effective_title,
        "pid": os.getpid(),
        "host": this_host(),
        "boot": boot_time(),
        "report": report_to_dict(report),
    }
    atomic_write(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return path


def discard(path: Path | None) -> None:
    if path is None:
        return
    try:
        Path(path).unlink()
    except OSError:
        pass


def _read(path: Path) -> dict:
    data, problem = _parse(path)
    if problem:
        raise FileFormatError(f"恢复副本“{Path(path).name}”无法读取：{problem}")
    return data


def _parse(path: Path) -> tuple[dict | None, str | None]:
    """(the copy's data, None), or (None, why it cannot be read, in the clerk's words: the JSON
    parser's own reasons are English and say nothing to a clerk)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        return None, read_failure(exc, path)
    if not raw.strip(b"\0 \t\r\n"):
        return None, "文件是空的（可能是写入时断电），其中没有可恢复的内容"
    try:
        data = json.loads(raw.decode("utf-8"), parse_float=Decimal)
    except (UnicodeDecodeError, ValueError):
        return None, "文件已损坏（可能是写入时断电或磁盘出错），其中的工作无法恢复"
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None, "这不是年报的恢复副本"
    report = data.get("report")
    versions = (data.get("version"), report.get("version") if isinstance(report, dict) else None)
    if any(type(v) is int and v > newest for v, newest in zip(versions, (VERSION, STORAGE_VERSION))):
        # Kept for that program: this one would misread it, or refuse it only once 恢复 is chosen.
        return None, "由更新版本的年报程序写入，本程序无法读取；请用更新版本的程序打开以恢复其中的工作"
    return data, None


# A copy's details as written, or empty when garbled: one garbled copy raised at every start-up,
# and the program could not be opened at all.  A process number that is not one is no running
# process: the copy is offered (nothing is lost by offering it).
def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _pid(value) -> int:
    return value if type(value) is int and 0 < value < 2 ** 31 else 0


def list_recoveries() -> list[RecoveryCopy]:
    """Copies left by processes that no longer run (a crash, a power cut), newest first."""
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    out = []
    for path in folder.glob(f"*{SUFFIX}"):
        data, problem = _parse(path)
        if problem:
            out.append(RecoveryCopy(path, problem=problem))
            continue
        copy = RecoveryCopy(path, _text(data.get("saved_at")), _text(data.get("original_path")) or None,
                            _text(data.get("digest")) or None, _text(data.get("title")),
                            _pid(data.get("pid")), _text(data.get("host")))
        if process_alive(copy.host, copy.pid, data.get("boot")):
            continue     # the work of a window that is still open
        out.append(copy)
    out.sort(key=lambda c: c.saved_at, reverse=True)
    return out
