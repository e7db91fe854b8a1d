"""A start-up timing hook for the benchmarks, so the built program can be timed too.

With ``NIANBAO_STARTUP_PROBE=1`` in the environment the program prints ``shown <epoch seconds>``
on stdout when its first window is exposed, and then leaves the event loop.  bench/startup.py
times nianbao and a bare QMainWindow (bench/bare_window.py) with this same hook.
"""

from __future__ import annotations

import os
import time

ENV = "NIANBAO_STARTUP_PROBE"


def install_if_requested(app) -> None:
    """Watches every window of ``app`` (call before the first window is shown)."""
    if not os.environ.get(ENV):
        return
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtGui import QWindow

    class _FirstExpose(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Expose and isinstance(obj, QWindow) and obj.isExposed():
                print(f"shown {time.time():.6f}", flush=True)
                app.removeEventFilter(self)
                # exit(), not quit(): quit() would ask the windows to close (and maybe to save).
                QTimer.singleShot(0, lambda: app.exit(0))
            return False

    app._startup_probe = _FirstExpose(app)   # kept alive as long as the application
    app.installEventFilter(app._startup_probe)
