"""A start-up timing hook for the benchmarks, so the built program can be timed too.

With ``NIANBAO_STARTUP_PROBE=1`` in the environment the program prints ``shown <epoch seconds>``
on stdout when its first window is exposed, then ``settled <epoch seconds>`` once the work it put
off until then (the first checks: :func:`work_started`, :func:`work_done`) is done too, and leaves
the event loop.  bench/startup.py times nianbao and a bare QMainWindow (bench/bare_window.py) with
this same hook.

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
_state = {"pending": 0, "shown": False, "settled": False}


def requested() -> bool:
    return bool(os.environ.get(ENV))


def work_started() -> None:
    """Work put off until the window is shown has been scheduled: wait for it."""
    _state["pending"] += 1


def work_done() -> None:
    _state["pending"] -= 1
    _settle_if_done()


def _settle_if_done() -> None:
    if not requested() or not _state["shown"] or _state["pending"] > 0 or _state["settled"]:
        return
    from PySide6.QtCore import QCoreApplication, QTimer

    _state["settled"] = True
    print(f"settled {time.time():.6f}", flush=True)
    app = QCoreApplication.instance()
    # exit(), not quit(): quit() would ask the windows to close (and maybe to save).
    QTimer.singleShot(0, lambda: app.exit(0))


def watch_first_window(window) -> None:
    """Call just before ``window.show()``: reports the first expose of that window, then leaves the
    event loop once the work put off until then is done."""
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
                _state["shown"] = True
                # After this expose has painted its frame and the work it releases has run.
                QTimer.singleShot(0, _settle_if_done)
            return False

    window.winId()                             # creates the QWindow now, as show() would
    app._startup_probe = _FirstExpose(app)     # kept alive as long as the application
    window.windowHandle().installEventFilter(app._startup_probe)
