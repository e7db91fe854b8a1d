"""What build.spec leaves out of the bundle: Python packages and the parts of Qt nianbao never uses.

PyInstaller collects every plugin of every Qt module it sees, and every Qt translation; the app uses
QtCore, QtGui, QtWidgets and QtPrintSupport and speaks Chinese.  The rules are by file name, so the
same lists serve Windows (``PySide6/plugins/…``, ``Qt6Gui.dll``) and Linux
(``PySide6/Qt/plugins/…``, ``libQt6Gui.so.6``).  Paths are compared with forward slashes.
"""

from __future__ import annotations

import re
import struct

# Python packages never needed at run time.  Some are optional imports of our dependencies that a
# build machine may happen to have installed (openpyxl tries numpy/pandas/PIL; docx tries nothing,
# but a developer's Python has all sorts) and would otherwise drag tens of MB into the bundle.
EXCLUDED_MODULES = [
    "tkinter", "_tkinter", "unittest", "pydoc", "pydoc_data", "doctest", "lib2to3", "idlelib",
    "numpy", "pandas", "PIL", "matplotlib", "scipy", "IPython", "jedi", "pytest", "hypothesis",
    "defusedxml", "cryptography", "setuptools", "pkg_resources", "distutils",
    # Reached only through python-docx → typing_extensions → asyncio → concurrent.futures, never
    # used; in the graph it brings PyInstaller's multiprocessing and pkgutil run-time hooks, which
    # import both at every start (≈ 12 ms before the window).
    "multiprocessing",
    # OpenSSL (≈ 5 MB): nothing goes on the network; hashlib falls back to Python's own sha256.
    "ssl", "_ssl", "_hashlib",
    # lxml's hook takes every part of lxml; python-docx and openpyxl use lxml.etree only.
    "lxml.objectify", "lxml.html", "lxml.isoschematron", "lxml.sax", "lxml.ElementInclude",
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtSvg", "PySide6.QtSvgWidgets",
    "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtXml", "PySide6.QtDBus", "PySide6.QtConcurrent",
    "PySide6.QtHelp", "PySide6.QtDesigner", "PySide6.QtUiTools",
]

# Plugins kept, by folder; every other plugin folder is dropped whole.
#   platforms: the Windows and X11 windowing systems, and offscreen for the smoke test.  Wayland
#     sessions (some 麒麟/UOS releases) run the xcb plugin through XWayland.
#   platforminputcontexts: ibus and compose — Chinese input methods on Linux (fcitx5 speaks ibus).
#   platformthemes: xdgdesktopportal only — the desktop's own file dialogs through D-Bus.  Not gtk3:
#     it would bring the build machine's GTK stack (glib, cairo, pango, …) into the bundle, which must
#     not meet a different GTK on the clerk's machine.
#   printsupport: CUPS printers on Linux (Windows printing is built into Qt6PrintSupport).
#   styles: the native Windows 10/11 look (qmodernwindowsstyle).
#   imageformats: none — icons are PNG, which QtGui reads itself.
KEPT_PLUGINS = {
    "platforms": {"qoffscreen", "qxcb", "qwindows"},
    "platforminputcontexts": {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"},
    "platformthemes": {"qxdgdesktopportal"},
    "printsupport": None,      # None: every plugin of the folder
    "styles": None,
}

# Qt libraries that only dropped plugins or excluded modules pull in.
_DROPPED_LIBS = re.compile(
    r"(^|/)(lib)?Qt6(Network|Qml\w*|Quick\w*|OpenGL\w*|Svg\w*|Pdf\w*|VirtualKeyboard\w*|Wayland\w*|"
    r"EglFS\w*|WlShell\w*|Sql|Xml|Test|Designer\w*|Help|LabsStyleKit|Concurrent|ShaderTools)"
    r"(\.so\.\d+|\.dll)$",
    re.IGNORECASE,
)
# Windows: the software OpenGL fallback (20 MB), never used by a widgets program.
_DROPPED_FILES = {"opengl32sw.dll"}
# Linux: libraries the clerk's system provides and the bundle must not bring its own of.  libcups
# talks to the system's CUPS daemon and drags in gnutls, krb5, avahi … (≈ 10 MB); without a system
# libcups the printer plugin does not load and the app still prints to PDF.
SYSTEM_LIBS = {"libcups.so.2"}

_PLUGIN = re.compile(r"(^|/)plugins/([^/]+)/(?:lib)?([^/.]+)\.(so|dll|dylib)$")
_TRANSLATION = re.compile(r"(^|/)translations/([^/]+)\.qm$")


def keep_binary(dest: str) -> bool:
    """False for a library or plugin left out (also for the symlinks PyInstaller makes to it)."""
    dest = dest.replace("\\", "/")
    name = dest.rsplit("/", 1)[-1]
    if name.lower() in _DROPPED_FILES or _DROPPED_LIBS.search(dest):
        return False
    plugin = _PLUGIN.search(dest)
    if plugin:
        folder, stem = plugin.group(2), plugin.group(3)
        if folder not in KEPT_PLUGINS:
            return False
        wanted = KEPT_PLUGINS[folder]
        return wanted is None or stem in wanted
    return True


def _is_library(dest: str) -> bool:
    """A shared library loaded only because something needs it (not an extension, not a plugin)."""
    name = dest.replace("\\", "/").rsplit("/", 1)[-1]
    return name.startswith("lib") and "/plugins/" not in dest.replace("\\", "/") \
        and not name.startswith("libpython")


def elf_needed(path: str) -> list[str]:
    """The DT_NEEDED names of a 64-bit little-endian ELF file: its direct dependencies only.

    (PyInstaller's get_imports uses ldd, which lists the whole closure — through libcups, say.)
    """
    with open(path, "rb") as fh:
        data = fh.read()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError(f"{path}: not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    names = []
    for _name, sh_type, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if sh_type != 6:          # SHT_DYNAMIC; its sh_link is the string table (.dynstr)
            continue
        strtab = sections[link][4]
        for pos in range(offset, offset + size, entsize or 16):
            tag, value = struct.unpack_from("<qQ", data, pos)
            if tag == 0:          # DT_NULL ends the table
                break
            if tag == 1:          # DT_NEEDED
                end = data.index(b"\0", strtab + value)
                names.append(data[strtab + value:end].decode())
    return names


def prune_unreachable(binaries: list) -> tuple[list, set[str]]:
    """Drops the libraries no kept extension, plugin or library needs any more (Linux only).

    PyInstaller resolved the dependencies of every plugin before the filter above dropped most of
    them, so e.g. the GTK theme's cairo and pango would stay.  Returns the kept entries and the
    base names dropped (symlinks to those are dropped from the data too).
    """
    by_name = {entry[0].replace("\\", "/").rsplit("/", 1)[-1]: entry for entry in binaries}
    todo = [e for e in binaries if not _is_library(e[0])]
    reached: set[str] = set()
    while todo:
        entry = todo.pop()
        for name in elf_needed(entry[1]):
            if name in by_name and name not in reached and name not in SYSTEM_LIBS:
                reached.add(name)
                todo.append(by_name[name])
    kept = [e for e in binaries if not _is_library(e[0]) or e[0].replace("\\", "/").rsplit("/", 1)[-1] in reached]
    dropped = set(by_name) - {e[0].replace("\\", "/").rsplit("/", 1)[-1] for e in kept}
    return kept, dropped


def keep_data(dest: str) -> bool:
    """Qt translations: only Chinese (simplified) — the clerk's language — of the kept modules."""
    if not keep_binary(dest):   # symlinks to dropped libraries are listed among the data
        return False
    dest = dest.replace("\\", "/")
    translation = _TRANSLATION.search(dest)
    if translation:
        return translation.group(2) in ("qt_zh_CN", "qtbase_zh_CN")
    return True
