"""Shared helpers of the main-window tests: windows on real reports, and no modal dialog ever
left waiting (every message box is recorded and answered)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.document import ReportDocument
from forms.report import Report


class Boxes:
    """Records the message boxes shown; ``answer`` picks the button by its text."""

    def __init__(self):
        self.shown: list[tuple[str, str]] = []
        self.answer: str | None = None

    def texts(self) -> str:
        return "\n".join(f"{t}: {m}" for t, m in self.shown)


@pytest.fixture
def boxes(monkeypatch):
    record = Boxes()

    def exec_(box):
        record.shown.append((box.windowTitle(), box.text()))
        record.last_box = box
        for button in box.buttons():
            if record.answer is not None and button.text() == record.answer:
                box._clicked = button
                break
        else:
            box._clicked = box.defaultButton() or (box.buttons()[0] if box.buttons() else None)
        return 0

    def static(title_index):
        def show(parent, title, text, *args, **kwargs):
            record.shown.append((title, text))
            return QMessageBox.StandardButton.Ok
        return show

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: getattr(box, "_clicked", None))
    for name in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(static(name)))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda *a, **k: None))
    # File dialogs answer what a test put in ``record.files`` (nothing: cancelled).
    record.files = []
    pick = lambda *a, **k: (record.files.pop(0) if record.files else "", "")  # noqa: E731
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(pick))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(pick))
    return record


def new_doc(edition="2021", year=2025, agency="某区人民政府") -> ReportDocument:
    return ReportDocument(Report.new(edition, year, agency))


@pytest.fixture
def make_window(qtbot, boxes):
    from desktop.main_window import MainWindow
    made = []

    def make(doc=None, lock=None, show=True):
        window = MainWindow(doc, lock)      # closed below (it deletes itself on close)
        if show:
            window.resize(1280, 820)
            window.show()
            qtbot.waitExposed(window)
        made.append(window)
        return window

    yield make
    boxes.answer = "不保存"       # close while the dialogs are still answered
    for window in made:
        try:
            window.close()
        except RuntimeError:
            pass
