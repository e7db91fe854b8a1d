"""The baseline: a bare PySide6 QMainWindow, nothing else.

Benchmarks compare nianbao with this program: start-up time and peak memory (both through the
start-up hook of desktop/startup_probe.py, exactly as the app uses it) and, built with
``pyinstaller build.spec -- --bare``, the size of its bundle.
"""

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMainWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # run as a script from anywhere
from desktop.startup_probe import watch_first_window  # noqa: E402


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(900, 600)
    watch_first_window(window)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
