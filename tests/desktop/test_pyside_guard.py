"""PySide6 6.12 drops a reference to None on each void call (CPython 3.11): the package guards it."""

import sys

import desktop  # noqa: F401  (the guard runs on import)


def test_many_void_qt_calls_do_not_kill_the_interpreter(qtbot):
    from PySide6.QtWidgets import QLabel
    label = QLabel()
    qtbot.addWidget(label)
    for i in range(20_000):          # several times None's natural reference count
        label.setText("x")
    assert sys.getrefcount(None) > 10_000


def test_many_signal_emits_do_not_kill_the_interpreter(qtbot):
    """Each signal.emit() drops a reference to True; True has only ≈ 600 to begin with."""
    from PySide6.QtWidgets import QLineEdit
    edit = QLineEdit()
    qtbot.addWidget(edit)
    for i in range(20_000):
        edit.textChanged.emit("x")
    assert sys.getrefcount(True) > 10_000 and sys.getrefcount(False) > 10_000
