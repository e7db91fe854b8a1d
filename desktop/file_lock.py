"""A lock file beside an open report, so that a second window or a colleague on a shared drive
learns that the report is already open (no Qt here).

The lock ``~$<name>.lock`` (the Office convention, hidden by Windows Explorer's usual settings)
holds the user, the computer, the process id, the time and when the computer started.  A lock
left by a process of this computer that no longer runs (or ran before the computer last started)
is stale and taken over; a lock from another computer cannot be verified and is respected, unless
the clerk takes it over.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

CORRUPT_LOCK_AGE = 60      # seconds after which an unreadable lock counts as stale


@dataclass(frozen=True)
class LockInfo:
    user: str
    host: str
    pid: int
    time: str               # ISO time the lock was taken

    def describe(self) -> str:
        when = self.time.replace("T", " ")[:16] if self.time else "不明时间"
        if self.host == this_host() and self.pid == os.getpid():
            return f"本程序的另一个窗口（自 {when} 起）"
        return f"{self.user or '未知用户'}（计算机“{self.host or '未知'}”，自 {when} 起）"


def could_be_stale(info: LockInfo) -> bool:
    """A lock of another computer (or unreadable) cannot be checked from here: the holder may have
    crashed, or the lock came along when the folder was copied.  One of this computer is checked."""
    return info.host != this_host()


class LockedError(Exception):
    """The report is open elsewhere; ``info`` says by whom."""

    def __init__(self, path: Path, info: LockInfo):
        super().__init__(f"“{path.name}”已被{info.describe()}打开")
        self.path, self.info = path, info


# socket and getpass are imported when a lock is taken, not with the window (≈ 3 ms of start-up).

def this_host() -> str:
    import socket

    return socket.gethostname()


def this_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:   # no user name known (service accounts): the lock is still useful
        return ""


def lock_path_for(report_path: Path) -> Path:
    report_path = Path(report_path)
    return report_path.with_name(f"~${report_path.name}.lock")


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":   # pragma: no cover - exercised on Windows only
        import ctypes
        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)   # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259    # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


BOOT_TOLERANCE = 300       # seconds: clock corrections move the computed boot time a little


def boot_time() -> float | None:
    """When this computer last started (seconds since the epoch, give or take), or None."""
    try:
        if sys.platform == "win32":   # pragma: no cover - exercised on Windows only
            import ctypes
            ticks = ctypes.windll.kernel32.GetTickCount64
            ticks.restype = ctypes.c_ulonglong
            return time.time() - ticks() / 1000
        if hasattr(time, "CLOCK_BOOTTIME"):
            return time.time() - time.clock_gettime(time.CLOCK_BOOTTIME)
    except Exception:    # no way to tell: the process id alone decides, as before
        pass
    return None


def process_alive(host: str, pid: int, boot) -> bool:
    """Whether the process that wrote a lock or a recovery copy on this computer still runs.  After
    a power cut its number may be taken by another program: a start of the computer since says it
    is gone (the Windows ids are small and reused at once)."""
    if host != this_host() or not pid_alive(pid):
        return False
    try:
        then = float(boot)        # a Decimal from a recovery copy; None from an older version
    except (TypeError, ValueError):
        return True
    now = boot_time()
    return now is None or abs(now - then) <= BOOT_TOLERANCE


def read_lock(report_path: Path) -> LockInfo | None:
    """Who holds the report, or None when nobody does (no lock, or a stale one)."""
    lock = lock_path_for(report_path)
    try:
        raw = lock.read_text(encoding="utf-8")
        data = json.loads(raw)
        info = LockInfo(str(data.get("user", "")), str(data.get("host", "")),
                        int(data.get("pid", 0)), str(data.get("time", "")))
        boot = data.get("boot")
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, AttributeError):
        try:
            age = time.time() - lock.stat().st_mtime
        except OSError:
            return None
        if age > CORRUPT_LOCK_AGE:
            return None
        return LockInfo("", "", 0, "")
    if info.host == this_host() and not process_alive(info.host, info.pid, boot):
        return None
    return info


class FileLock:
    """A lock this process holds on a report; ``release`` removes it if it is still ours."""

    def __init__(self, report_path: Path, info: LockInfo):
        self.report_path = Path(report_path)
        self.path = lock_path_for(report_path)
        self.info = info
        self.released = False

    def release(self) -> None:
        if self.released:
            return
        self.released = True
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("pid") == self.info.pid and data.get("time") == self.info.time \
                    and data.get("host") == self.info.host:
                self.path.unlink()
        except (OSError, ValueError):
            pass


def acquire(report_path: Path, take_over: bool = False) -> FileLock | None:
    """Takes the lock of a report.

    Raises :class:`LockedError` when someone else holds it (unless ``take_over``: the clerk knows
    the holder is gone).  Returns None when no lock can be written (a read-only folder, a CD): the
    report still opens, there is simply no protection.
    """
    report_path = Path(report_path)
    holder = None if take_over else read_lock(report_path)
    if holder is not None:
        raise LockedError(report_path, holder)
    lock = lock_path_for(report_path)
    try:
        lock.unlink()      # a stale lock (dead process, or unreadable for a long time)
    except OSError:
        pass
    info = LockInfo(this_user(), this_host(), os.getpid(),
                    datetime.now().isoformat(timespec="microseconds"))
    data = json.dumps({"user": info.user, "host": info.host, "pid": info.pid, "time": info.time,
                       "boot": boot_time(), "file": report_path.name}, ensure_ascii=False).encode("utf-8")
    try:
        fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        holder = read_lock(report_path) or LockInfo("", "", 0, "")
        raise LockedError(report_path, holder) from None
    except OSError:
        return None
    try:
        os.write(fd, data)
    except OSError:
        os.close(fd)
        try:
            lock.unlink()
        except OSError:
            pass
        return None
    os.close(fd)
    if sys.platform == "win32":   # pragma: no cover
        try:
            import ctypes
            ctypes.windll.kernel32.SetFileAttributesW(str(lock), 0x2)   # FILE_ATTRIBUTE_HIDDEN
        except Exception:
            pass
    return FileLock(report_path, info)
