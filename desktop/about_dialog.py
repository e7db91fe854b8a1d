"""「关于年报」: what an office's IT asks for on the telephone — the version, and where the program
keeps the clerk's recovery copies, settings and log — with a button that opens that folder."""

from __future__ import annotations

import platform
from html import escape

import PySide6
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from forms import __version__
from forms.paths import user_data_dir

from .error_dialog import log_file

TITLE = "关于年报"
OPEN_FOLDER = "打开数据文件夹"


def about_text() -> str:
    data = user_data_dir()
    return (f"<p><b>年报 nianbao</b>　版本 {escape(__version__)}</p>"
            "<p>政府信息公开工作年度报告的填报、检查与导出。不需要联网。</p>"
            f"<p>数据文件夹（未保存工作的恢复副本、设置、日志）：<br>{escape(str(data))}</p>"
            f"<p>日志文件：<br>{escape(str(log_file()))}</p>"
            f"<p>Qt {escape(qVersion())}，PySide6 {escape(PySide6.__version__)}，"
            f"Python {escape(platform.python_version())}，{escape(platform.platform(terse=True))}</p>")


def show_about(parent) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.NoIcon, TITLE, about_text(), parent=parent)
    box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.setTextFormat(Qt.TextFormat.RichText)
    # The paths can be selected and copied into a message to IT.
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    open_folder = box.addButton(OPEN_FOLDER, QMessageBox.ButtonRole.ActionRole)
    close = box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
    # Enter closes the box, as in every other message; it opened a file manager over it.
    box.setDefaultButton(close)
    # QMessageBox closes on any of its buttons; opening the folder should leave the box open.
    open_folder.clicked.disconnect()
    open_folder.clicked.connect(open_data_folder)
    box.open()
    return box


def open_data_folder() -> bool:
    folder = user_data_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass                  # the file manager says it is missing, which is the truth
    from .external_programs import system_search_paths
    with system_search_paths():      # the file manager is started now, with the system's libraries
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
