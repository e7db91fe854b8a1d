"""A start-up timing hook for the benchmarks, so the built program can be timed too.

With ``NIANBAO_STARTUP_PROBE=1`` in the environment the program prints ``shown <epoch seconds>``
on stdout when its first window is exposed, and then leaves the event loop.  bench/startup.py
times nianbao and a bare QMainWindow (bench/bare_window.py) with this same hook.

The hook watches the window's own QWindow, not the whole application: a Python event filter on
the application makes PySide wrap the receiver of every event, and wrapping Qt's internal objects
(a scroll area's scroll-bar container, say) makes it set up dozens of unrelated classes and their
enums — ≈ 20 ms more for a window with a tree and a table, next to nothing for a bare window.
Measured that way the probe itself would be most of the difference it is meant to measure.
"""

from __future__ import annotations

import os
import time

ENV = "NIANBAO_STARTUP_PROBE"


def requested() -> bool:
    return bool(os.environ.get(ENV))


def watch_first_window(window) -> None:
    """Call just before ``window.show()``: reports the first expose of that window and quits."""
    if not requested():
        return
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

    app = QCoreApplication.instance()
    if getattr(app, "_startup_probe", None) is not None:
        return                                 # only the first window counts

    class _FirstExpose(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Expose and obj.isExposed():
                print(f"shown {time.time():.6f}", flush=True)
                obj.removeEventFilter(self)
                # exit(), not quit(): quit() would ask the windows to close (and maybe to save).
                QTimer.singleShot(0, lambda: app.exit(0))
            return False

    window.winId()                             # creates the QWindow now, as show() would
    app._startup_probe = _FirstExpose(app)     # kept alive as long as the application
    window.windowHandle().installEventFilter(app._startup_probe)
