"""Starting the desktop application."""

from __future__ import annotations

import argparse
import sys


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="nianbao", add_help=False)
    parser.add_argument("file", nargs="?")
    parser.add_argument("--demo", action="store_true")
    return parser.parse_args(argv)


def run(argv: list[str]) -> int:
    args = parse_args(argv)
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("年报 — 政府信息公开工作年度报告")
    window.setCentralWidget(QLabel("桌面界面正在建设中。请使用 nianbao demo / show / check。"))
    window.resize(900, 600)
    window.show()
    return app.exec()
