"""Starting the desktop application: Chinese Qt dialogs and fonts, the error hook, recovered work
from a crash, then the window for the file named on the command line, the demo or a new report."""

from __future__ import annotations

import gc
import sys
from typing import NamedTuple

USAGE = ("用法：nianbao [报告文件.nianbao] [--demo]；nianbao --help 列出不开窗口的命令（check、export 等）；"
         "nianbao --version 显示版本。")


class StartArgs(NamedTuple):
    file: str | None
    demo: bool


class StartArgsError(ValueError):
    """Arguments the desktop does not take; the message (Chinese) says which."""


def parse_args(argv: list[str]) -> StartArgs:
    """The desktop's own arguments: one report file and/or ``--demo``.  Not argparse: its messages
    are English, and it and the locale module it loads for them are ≈ 2 ms of every start."""
    file, demo, options = None, False, True
    for arg in argv:
        if options and arg == "--":
            options = False
        elif options and arg == "--demo":
            demo = True
        elif options and arg.startswith("-") and arg != "-":
            raise StartArgsError(f"nianbao：无法识别的选项 {arg}。{USAGE}")
        elif file is None:
            file = arg
        else:
            raise StartArgsError(f"nianbao：一次只能打开一个报告文件（多了 {arg}）。{USAGE}")
    return StartArgs(file, demo)


def app_icon():
    """The red table icon (resources/icons, drawn by scripts/make_icon.py) for every window: the
    title bar and the taskbar on Windows and Linux alike (the .exe's own icon is build.spec's)."""
    from PySide6.QtGui import QIcon

    from resources import resource_path
    return QIcon(str(resource_path("icons", "nianbao.png")))


def create_application(argv: list[str] | None = None):
    from PySide6.QtWidgets import QApplication

    from .pyside_imports import skip_source_scan
    skip_source_scan()         # before the rest is imported: see desktop/pyside_imports.py

    from .app_style import apply_style, install_translations
    from .error_dialog import install_excepthook, setup_logging

    app = QApplication.instance() or QApplication((argv or sys.argv)[:1])
    app.setApplicationName("nianbao")
    app.setApplicationDisplayName("年报")
    app.setOrganizationName("nianbao")
    app.setWindowIcon(app_icon())
    install_translations(app)
    apply_style(app)
    setup_logging()
    install_excepthook()
    return app


def restore_recoveries(parent=None) -> list:
    """Offers the work a crash left behind; returns the windows of the restored reports."""
    from forms.paths import has_recovery_files
    if not has_recovery_files():
        return []           # the usual start: desktop.recovery (json, file locks) is not loaded
    from . import recovery

    copies = recovery.list_recoveries()
    if not copies:
        return []
    from forms.storage import FileFormatError
    from PySide6.QtWidgets import QMessageBox

    from .document import ReportDocument
    from .file_actions import lock_or_ask
    from .main_window import MainWindow
    from .recovery_dialog import choose_recoveries

    restore, discard = choose_recoveries(copies, parent)
    for copy in discard:
        recovery.discard(copy.path)
    windows = []
    for copy in restore:
        try:
            report = copy.load()
        except FileFormatError as exc:
            QMessageBox.warning(parent, "无法恢复", str(exc))
            continue
        doc = ReportDocument(report, copy.original_path, copy.digest)
        doc.mark_modified()
        lock = None
        if doc.path is not None:
            opened, lock = lock_or_ask(parent, doc)
            if not opened:
                continue     # the copy stays for a later start
        window = MainWindow(doc, lock)
        if window.write_recovery_copy() is not None:    # the new window's own copy replaces the old one
            recovery.discard(copy.path)
        else:       # not written (a full disk): the old copy stays, the window's from now on
            window.autosaver.path = copy.path
        window.status("已恢复未保存的工作，请及时保存。")
        windows.append(window)
    return windows


def start(argv: list[str]) -> list:
    """Opens the windows for a command line; returns them (shown)."""
    from forms.demo import demo_report

    from .document import ReportDocument
    from .main_window import MainWindow

    args = parse_args(argv)
    windows = restore_recoveries()
    # The report first, its checks a moment later (MainWindow, check_after_shown).
    if args.file:
        from pathlib import Path

        from .file_actions import _same_file, load_document
        # The report just restored from its recovery copy (the clerk opened it again after a
        # crash) is that window: reading it again would ask about the window's own lock and open
        # the saved version, without the recovered work, beside it.
        if not any(w.document.path is not None and _same_file(w.document.path, Path(args.file))
                   for w in windows):
            loaded = load_document(None, args.file)
            if loaded is not None:
                windows.append(MainWindow(*loaded, check_after_shown=True))
    if args.demo:
        windows.append(MainWindow(ReportDocument(demo_report()), check_after_shown=True))
    if not windows:
        windows.append(MainWindow(check_after_shown=True))
    from .startup_probe import watch_first_window
    watch_first_window(windows[0])
    for window in windows:
        window.show()
    return windows


def resume_collection() -> None:
    """Garbage collection, put off while the window was being built (desktop/main.py), resumes;
    what start-up made is moved out of the collector's sight first (:func:`gc.freeze`): it lives
    as long as the program, and scanning it would only lengthen the pauses while the clerk types.
    Called again (run's fallback timer), it does nothing: a second freeze would keep what was made
    since the first frame, garbage included, out of collection for good."""
    if gc.isenabled():
        return
    gc.freeze()
    gc.enable()


def run(argv: list[str]) -> int:
    app = create_application()
    windows = start(argv)
    app._nianbao_windows = windows
    if not gc.isenabled():
        from PySide6.QtCore import QTimer

        from .first_frame import FALLBACK_MS, after_first_frame
        after_first_frame(windows[0], resume_collection)
        QTimer.singleShot(2 * FALLBACK_MS, resume_collection)    # should that window close at once
    return app.exec()

