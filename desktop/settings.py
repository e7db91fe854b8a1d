"""The application's own settings: window layout, recent files, autosave interval.

Kept in an INI file in the user data folder (so ``NIANBAO_DATA_DIR`` isolates tests and portable
installs), never in the Windows registry.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

from forms.paths import user_data_dir

MAX_RECENT = 10
DEFAULT_AUTOSAVE_SECONDS = 30


def app_settings() -> QSettings:
    folder = user_data_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass      # settings then simply do not persist
    return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)


def _as_list(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def recent_files() -> list[str]:
    return _as_list(app_settings().value("recent_files"))[:MAX_RECENT]


def add_recent_file(path) -> list[str]:
    path = str(Path(path).absolute())
    files = [path] + [p for p in recent_files() if p != path]
    settings = app_settings()
    settings.setValue("recent_files", files[:MAX_RECENT])
    settings.sync()
    return files[:MAX_RECENT]


def remove_recent_file(path) -> None:
    files = [p for p in recent_files() if p != str(path)]
    settings = app_settings()
    settings.setValue("recent_files", files)
    settings.sync()


def autosave_seconds() -> float:
    """Seconds between a change and its recovery copy; ``NIANBAO_AUTOSAVE_SECONDS`` overrides."""
    try:
        value = float(os.environ.get("NIANBAO_AUTOSAVE_SECONDS", DEFAULT_AUTOSAVE_SECONDS))
    except ValueError:
        return DEFAULT_AUTOSAVE_SECONDS
    return min(max(value, 0.1), DEFAULT_AUTOSAVE_SECONDS)
