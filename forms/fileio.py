"""Writing files so that a crash, a full disk or a locked file never destroys the last good copy."""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
from pathlib import Path


class WriteError(Exception):
    """A file could not be written; the message says why in Chinese. Nothing on disk changed."""

    def __init__(self, message: str, code: int | None = None):
        super().__init__(message)
        self.errno = code


# A shared folder on another computer that went away (Linux and Windows numbers; English strerror).
_NETWORK_ERRNOS = {getattr(errno, name) for name in ("ESTALE", "ENOTCONN", "EHOSTDOWN", "EHOSTUNREACH",
                                                     "ENETDOWN", "ENETUNREACH", "ETIMEDOUT", "ECONNRESET")
                   if hasattr(errno, name)}
_NETWORK_WINERRORS = {51, 53, 59, 64, 67, 1231}   # BAD_NETPATH, NETNAME_DELETED, BAD_NET_NAME …


def describe_os_error(exc: OSError, path: Path) -> str:
    """A clerk's explanation of why a file could not be read or written."""
    code = getattr(exc, "errno", None)
    winerror = getattr(exc, "winerror", None)
    if winerror in (32, 33):   # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
        return f"文件“{path}”正被其他程序（如 Word、WPS 或 Excel）打开，请先关闭后再试"
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", None)):
        return f"磁盘空间不足，无法写入“{path}”"
    if code in _NETWORK_ERRNOS or winerror in _NETWORK_WINERRORS:
        return f"无法写入“{path}”：所在的网络共享文件夹已断开或无法访问"
    if code == errno.EIO:
        return f"写入“{path}”时磁盘出错（U 盘或移动硬盘可能已拔出），请检查后再试"
    if winerror == 123 or (code == errno.EINVAL and any(c in path.name for c in '\\:*?"<>|')):
        # ERROR_INVALID_NAME; on Linux a U 盘 (FAT) refuses the same characters with EINVAL
        return f"文件名“{path.name}”中有磁盘不允许的字符（如 \\ / : * ? \" < > |），请换一个文件名"
    if code in (errno.EACCES, errno.EPERM):
        return f"没有写入“{path}”的权限（文件可能为只读，或正被其他程序打开）"
    if code == errno.EROFS:
        return f"“{path}”所在的磁盘是只读的"
    if code == errno.ENOENT:
        return f"找不到文件夹“{path.parent}”"
    if code == errno.EISDIR:
        return f"“{path}”是一个文件夹"
    if code == errno.ENAMETOOLONG:
        return f"文件名过长：“{path}”"
    return f"无法写入“{path}”：{exc.strerror or exc}"


def read_failure(exc: OSError, path=None) -> str:
    """Why a file could not be read, in a clerk's words (``strerror`` is English: 「Is a directory」)."""
    code = getattr(exc, "errno", None)
    if getattr(exc, "winerror", None) in (32, 33):
        return "文件正被其他程序独占打开，请先关闭该程序后再试"
    # Windows refuses to open a folder as a file with 「permission denied」, not 「is a directory」.
    if code == errno.EISDIR or (path is not None and Path(path).is_dir()):
        return "这是一个文件夹，不是文件"
    if code == errno.ENOENT:
        return "文件不存在"
    if code in (errno.EACCES, errno.EPERM):
        return "没有读取这个文件的权限"
    if code in _NETWORK_ERRNOS or getattr(exc, "winerror", None) in _NETWORK_WINERRORS:
        return "所在的网络共享文件夹已断开或无法访问"
    if code == errno.EIO:
        return "读取时磁盘或网络出错，请检查后再试"
    return f"读取失败（{exc.strerror or exc}）"


def digest(data: bytes) -> str:
    import hashlib    # here, not at the top: it loads OpenSSL (≈ 2 ms of every start-up)

    return hashlib.sha256(data).hexdigest()


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_temp(path: Path, data: bytes) -> Path:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        # A full disk fails here: leave no half-written temporary file beside the clerk's report.
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return tmp


def _keep_mode(path: Path, tmp: Path) -> None:
    """The new version keeps the permissions of the file it replaces: a report shared with the
    group (rw-rw-r--) must not become the saver's alone, as a new file would be."""
    if os.name != "posix":
        return
    try:
        os.chmod(tmp, stat.S_IMODE(os.stat(path).st_mode))
    except OSError:       # no file yet, or not ours to change: the usual mode
        pass


def _remove_stale_temporaries(path: Path) -> None:
    """Temporary files of saves that were killed midway (power cut, task manager) are removed once
    their process is gone; another live process's temporary file is left alone."""
    if os.name != "posix":
        return
    pattern = re.compile(rf"\.{re.escape(path.name)}(?:\.bak)?\.(\d+)\.tmp")
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        m = pattern.fullmatch(name)
        if not m or int(m.group(1)) == os.getpid():
            continue
        try:
            os.kill(int(m.group(1)), 0)
            continue                      # still running: its save is in progress
        except ProcessLookupError:
            pass
        except OSError:
            continue
        try:
            os.unlink(path.parent / name)
        except OSError:
            pass


def atomic_write(path: Path, data: bytes, backup: bool = False) -> None:
    """Writes data to path in one step: write a temporary file, flush, fsync, replace.

    With ``backup`` the previous version is kept beside it as ``<name>.bak`` (also replaced
    atomically), so at every instant the file is either the old or the new version, complete.
    Raises :class:`WriteError` with a Chinese message; the existing file is then untouched.
    """
    atomic_write_all([(path, data, backup)])


def atomic_write_all(files: list[tuple[Path, bytes, bool]]) -> None:
    """Writes several files (path, data, backup) as :func:`atomic_write`, all or none: every
    temporary file is written before any file is replaced, so a full disk or a refused folder for
    the last file leaves the first one as it was too."""
    temps: list[tuple[Path, Path, bool]] = []
    path = None
    try:
        for path, data, backup in files:
            path = Path(path)
            if path.is_dir():
                raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
            temps.append((path, _write_temp(path, data), backup))
        while temps:
            path, tmp, backup = temps[0]
            if backup and path.exists():
                bak = path.with_name(path.name + ".bak")
                bak_tmp = path.with_name(f".{path.name}.bak.{os.getpid()}.tmp")
                shutil.copyfile(path, bak_tmp)
                with open(bak_tmp, "rb+") as fh:
                    os.fsync(fh.fileno())
                os.replace(bak_tmp, bak)
            _keep_mode(path, tmp)
            os.replace(tmp, path)
            temps.pop(0)
            _fsync_dir(path.parent)
            _remove_stale_temporaries(path)
    except OSError as exc:
        raise WriteError(describe_os_error(exc, path), getattr(exc, "errno", None)) from None
    finally:
        leftovers = [tmp for _, tmp, _ in temps]
        leftovers += [Path(p).with_name(f".{Path(p).name}.bak.{os.getpid()}.tmp") for p, _, _ in files]
        for leftover in leftovers:
            try:
                os.unlink(leftover)
            except OSError:
                pass
