"""Where the user's own files live: extra editions, recovery copies, settings, logs."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def user_data_dir() -> Path:
    """The per-user data folder; ``NIANBAO_DATA_DIR`` overrides it (tests, portable installs)."""
    override = os.environ.get("NIANBAO_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(base) / "nianbao"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "nianbao"


def user_editions_dir() -> Path:
    return user_data_dir() / "editions"


RECOVERY_SUFFIX = ".nianbao-recovery"


def recovery_dir() -> Path:
    return user_data_dir() / "recovery"


def has_recovery_files() -> bool:
    """Whether any recovery copy lies in the folder — the cheap question every start asks before
    reading them (desktop/recovery.py reads them)."""
    try:
        with os.scandir(recovery_dir()) as entries:
            return any(e.name.endswith(RECOVERY_SUFFIX) for e in entries)
    except OSError:           # no folder yet (the usual case), or not readable
        return False


def log_dir() -> Path:
    return user_data_dir() / "logs"
