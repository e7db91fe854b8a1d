"""Programs nianbao starts — the file manager of 关于 → 打开数据文件夹 — get the system's libraries.

A built nianbao points library search at its own folder, and a started program inherits that:
on Windows PyInstaller's bootloader calls ``SetDllDirectoryW(<bundle>)`` and its PySide6 hook puts
the bundle first on PATH, so Explorer and its shell extensions would look for DLLs such as
VCRUNTIME140.dll among nianbao's before System32; on every system the hook sets QT_PLUGIN_PATH and
QML2_IMPORT_PATH to the bundle's Qt, where a Qt file manager (UOS, 麒麟) would look for its plugins.
PyInstaller's documentation ("Launching external programs") asks for exactly this reset.  It is
undone right after the start: nianbao itself still loads DLLs and plugins from its bundle later.
LD_LIBRARY_PATH, on Linux, is restored for good at start (packaging/launcher.py).
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

SEARCH_PATH_VARIABLES = ("PATH", "QT_PLUGIN_PATH", "QML2_IMPORT_PATH")


def _inside(entry: str, bundle: Path) -> bool:
    try:
        return Path(entry).resolve().is_relative_to(bundle)
    except (OSError, ValueError):
        return False


def bundle_entries(value: str, bundle: str) -> list[str]:
    """The entries of a search-path variable that name the bundle's folder or a folder in it."""
    root = Path(bundle).resolve()
    return [e for e in value.split(os.pathsep) if e and _inside(e, root)]


def _set_dll_directory(path: str | None) -> bool:
    """Windows' SetDllDirectoryW; False where there is none or it failed."""
    try:
        import ctypes
        return bool(ctypes.windll.kernel32.SetDllDirectoryW(path))
    except (AttributeError, OSError):
        return False


@contextmanager
def system_search_paths(environ=os.environ):
    """While it lasts, programs started get the library and plugin search of the system."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is None:          # from source: nothing of nianbao's is on any search path
        yield
        return
    saved: dict[str, str] = {}
    for name in SEARCH_PATH_VARIABLES:
        value = environ.get(name)
        if value is None:
            continue
        inside = bundle_entries(value, bundle)
        if not inside:
            continue
        saved[name] = value
        kept = [e for e in value.split(os.pathsep) if e and e not in inside]
        if kept:
            environ[name] = os.pathsep.join(kept)
        else:
            del environ[name]
    dll_directory_reset = sys.platform == "win32" and _set_dll_directory(None)
    try:
        yield
    finally:
        for name, value in saved.items():
            environ[name] = value
        if dll_directory_reset:
            _set_dll_directory(bundle)
