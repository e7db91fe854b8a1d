"""The larger dialogs fit the screen of a 1366 × 768 laptop at 150 % (911 × 512 logical pixels,
less a taskbar): their buttons must not sit below the screen's edge."""

import pytest
from PySide6.QtCore import QRect

from desktop.screen_fit import FRAME_ALLOWANCE
from forms.report import Report

SCREEN = QRect(0, 0, 910, 480)


class _Screen:
    def availableGeometry(self):
        return QRect(SCREEN)


def _aggregate():
    from desktop.aggregate_dialog import AggregateDialog
    return AggregateDialog(lambda report: None)


def _import_notes():
    from desktop.import_action import ImportNotesDialog
    from forms.importer import ImportResult
    return ImportNotesDialog(ImportResult(Report.new("2021", 2024, "某区"), [], "表.xlsx"))


def _value_picker():
    from desktop.value_picker import ValuePicker
    return ValuePicker(Report.new("2021", 2024, "某区"))


@pytest.mark.parametrize("make", [_aggregate, _import_notes, _value_picker],
                         ids=["aggregate", "import_notes", "value_picker"])
def test_dialog_fits_a_small_screen(qtbot, monkeypatch, make):
    from PySide6.QtWidgets import QDialog
    monkeypatch.setattr(QDialog, "screen", lambda self: _Screen(), raising=False)
    dialog = make()
    qtbot.addWidget(dialog)
    assert dialog.width() + FRAME_ALLOWANCE[0] <= SCREEN.width()
    assert dialog.height() + FRAME_ALLOWANCE[1] <= SCREEN.height()
