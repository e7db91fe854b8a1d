"""A window of the same Qt widgets as nianbao's, with none of nianbao's code and no report.

It sits between the bare window and nianbao in bench/startup.py: the step from the bare window
to it is what PySide6 and Qt take to set up and paint that many widgets (their Python classes and
enums, the font database, the menus); the step from it to nianbao is nianbao's own code and data
(its modules, the edition, the demo report).  Counted from nianbao's window with the demo open:
4 menus (8 with submenus), 37 actions, 2 docks, an outline of 9 parts, a checks list with a
filter and 3 buttons, a cover form of 10 fields with 24 labels, a status bar with 2 labels.
"""

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (QApplication, QDockWidget, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
                               QMainWindow, QPushButton, QStackedWidget, QToolButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # run as a script from anywhere
from desktop.startup_probe import watch_first_window  # noqa: E402

UI_FONTS = ["Microsoft YaHei UI", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "SimSun", "Noto Sans"]


def tree(*texts: str) -> QTreeWidget:
    widget = QTreeWidget()
    widget.setHeaderHidden(True)
    for text in texts:
        QTreeWidgetItem(widget, [text])
    return widget


def cover_form() -> QWidget:
    page = QWidget()
    grid = QGridLayout(page)
    for row in range(10):
        grid.addWidget(QLabel(f"封面字段 {row + 1}"), row, 0)
        grid.addWidget(QLineEdit(f"某某区人民政府 {row + 1}"), row, 1)
        grid.addWidget(QLabel("说明文字"), row, 2)
    for column in range(3):
        grid.addWidget(QToolButton(), 10, column)
    grid.addWidget(QLabel("报告标题"), 11, 0)
    return page


def checks_list() -> QWidget:
    panel = QWidget()
    layout = QVBoxLayout(panel)
    layout.addWidget(QLabel("正在检查…"))
    layout.addWidget(QLineEdit())
    layout.addWidget(tree("正在检查…"))
    buttons = QHBoxLayout()
    for text in ("确认无误", "按建议改正", "全部检查"):
        buttons.addWidget(QPushButton(text))
    layout.addLayout(buttons)
    return panel


def main() -> int:
    app = QApplication(sys.argv[:1])
    font = QFont(app.font())
    font.setFamilies(UI_FONTS)
    app.setFont(font)
    window = QMainWindow()
    window.setWindowTitle("skeleton")
    window.resize(900, 600)
    stack = QStackedWidget()
    stack.addWidget(cover_form())
    window.setCentralWidget(stack)
    for title, area, widget in (("目录", Qt.DockWidgetArea.LeftDockWidgetArea,
                                 tree(*(f"{n}、政府信息公开工作" for n in "一二三四五六七八九"))),
                                ("检查结果", Qt.DockWidgetArea.RightDockWidgetArea, checks_list())):
        dock = QDockWidget(title, window)
        dock.setWidget(widget)
        window.addDockWidget(area, dock)
    actions = 0
    for title, submenus in (("文件(&F)", 3), ("编辑(&E)", 1), ("查看(&V)", 0), ("帮助(&H)", 0)):
        menu = window.menuBar().addMenu(title)
        for n in range(submenus):
            menu.addMenu(f"子菜单 {n + 1}")
        for _ in range(10 if title.startswith("文件") else 9):
            actions += 1
            action = QAction(f"动作 {actions}", window)
            action.setShortcut(QKeySequence(f"Ctrl+Shift+{actions % 10}"))
            menu.addAction(action)
    for text in ("空白 0", "错误 0　提示 0"):
        window.statusBar().addPermanentWidget(QLabel(text))
    watch_first_window(window)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
