"""Work that waits until a window's first frame is on the screen.

At start-up the window is shown with the report in it first; the checks (≈ 20–30 ms with R8's
phrasings compiled on first use) fill the checks panel a moment later.  A zero timer set before
``show()`` would not do: on X11 the expose comes back from the server after the event loop has
run such a timer, so the work would still come before the first frame.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer

# If the window is never exposed (minimised at start, say), the work runs anyway after this long.
FALLBACK_MS = 400


class _AfterExpose(QObject):
    def __init__(self, window, callback):
        super().__init__(window)
        self._callback = callback
        self._done = False
        self._handle = window.windowHandle()
        self._handle.installEventFilter(self)
        # A child timer, so that nothing runs once the window is gone.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._run)
        self._timer.start(FALLBACK_MS)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Expose and obj.isExposed():
            self._timer.start(0)                # after this expose has painted the frame
        return False

    def _run(self) -> None:
        if self._done:
            return
        self._done = True
        self._handle.removeEventFilter(self)
        self._callback()


def after_first_frame(window, callback) -> None:
    """Calls ``callback`` once ``window`` (a top-level widget, not yet shown) has been exposed."""
    window.winId()                   # creates its QWindow now, as show() would
    _AfterExpose(window, callback)
