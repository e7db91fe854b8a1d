"""When something goes wrong: the traceback goes to a log file, every open report to a recovery
copy, and the clerk sees what happened and where the log is.  The reports stay open."""

from __future__ import annotations

import logging
import sys
import traceback
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication

from forms.paths import log_dir

LOG_NAME = "nianbao.log"
_handling = False


def log_file() -> Path:
    return log_dir() / LOG_NAME


def write_crash_log(exc_type, exc, tb) -> Path | None:
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"\n===== {datetime.now().isoformat(timespec='seconds')} 意外错误 =====\n")
            fh.write("".join(traceback.format_exception(exc_type, exc, tb)))
    except OSError:
        return None
    return path


def setup_logging() -> None:
    """Warnings and errors of the application go to the same log file."""
    try:
        log_dir().mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_file(), encoding="utf-8")
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    logging.getLogger().addHandler(handler)


def save_all_recovery_copies() -> list[Path]:
    from .main_window import all_windows
    written = []
    for window in all_windows():
        try:
            path = window.write_recovery_copy()
        except Exception:     # the hook must never fail on its way to telling the clerk
            continue
        if path is not None:
            written.append(path)
    return written


def show_error(exc, log_path: Path | None, copies: list[Path]) -> None:
    # Imported here: setting QMessageBox up is ≈ 1.3 ms of every start, and it is only needed now.
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    parent = QApplication.activeWindow()
    text = f"程序出现了意外错误：{type(exc).__name__}: {exc}"
    info = ["您的报告仍在窗口中，没有丢失，请先保存。"]
    if copies:
        info.append(f"另已自动保存恢复副本：{copies[0].parent}")
    info.append(f"错误详情已记录在：{log_path}" if log_path else "错误详情无法写入日志文件。")
    box = QMessageBox(QMessageBox.Icon.Critical, "意外错误", text + "\n\n" + "\n".join(info), parent=parent)
    # The error and the log's path can be selected and copied into a message to IT.
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def handle_exception(exc_type, exc, tb) -> None:
    global _handling
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log_path = write_crash_log(exc_type, exc, tb)
    if _handling:           # an error while showing the dialog: logged, not shown again
        return
    _handling = True
    try:
        copies = save_all_recovery_copies()
        if QApplication.instance() is not None:
            show_error(exc, log_path, copies)
        else:
            sys.__excepthook__(exc_type, exc, tb)
    except Exception:
        sys.__excepthook__(exc_type, exc, tb)
    finally:
        _handling = False


def install_excepthook() -> None:
    sys.excepthook = handle_exception
