"""Ctrl+Y redoes the typing in the field that has the keyboard, under Linux as under Windows.

Qt binds a text field's redo to Ctrl+Y on Windows only; under X11 (UOS, 麒麟) it is Ctrl+Shift+Z,
so Ctrl+Y — the clerk's Windows habit — went past the field to the window's 重做 and redid (and
showed) some earlier table edit instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt


def is_ctrl_y(event) -> bool:
    return event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier


class CtrlYRedo(QObject):
    """An event filter for line edits: Ctrl+Y is theirs, and redoes."""

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and is_ctrl_y(event) \
                and not obj.isReadOnly():
            if kind == QEvent.Type.KeyPress:
                obj.redo()
            event.accept()
            return True
        return False


def redo_on_ctrl_y(owner: QObject, *edits) -> None:
    """Gives the line edits the Ctrl+Y of :class:`CtrlYRedo`, one filter kept by ``owner``."""
    keeper = getattr(owner, "_ctrl_y_redo", None)
    if keeper is None:
        keeper = owner._ctrl_y_redo = CtrlYRedo(owner)
    for edit in edits:
        edit.installEventFilter(keeper)
