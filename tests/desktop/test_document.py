"""The Qt document: edits go through the undo stack and every change is signalled."""

import pytest

from desktop.document import ReportDocument
from forms.report import Report, ReportError


@pytest.fixture
def doc(qtbot):
    return ReportDocument(Report.new("2021", 2025, "某区人民政府"))


def test_cell_edit_updates_totals_and_undoes(doc, qtbot):
    with qtbot.waitSignal(doc.cellsChanged) as sig:
        doc.set_cell_text("t3:new:natural", "１２")
    assert "t3:new:total" in sig.args[0]
    assert doc.report.value("t3:new:total") == 12 and doc.is_modified
    doc.undo_stack.undo()
    assert doc.report.value("t3:new:natural") is None and doc.report.value("t3:new:total") is None
    assert not doc.is_modified


def test_refused_value_changes_nothing(doc):
    with pytest.raises(ReportError, match="负数"):
        doc.set_cell_text("t3:new:natural", "-1")
    assert doc.undo_stack.count() == 0


def test_block_is_one_undo_step(doc):
    doc.set_cells({"t3:new:natural": 3, "t3:open:natural": 2, "t3:next:natural": 1})
    assert doc.report.value("t3:total:natural") == 2 and doc.undo_stack.count() == 1
    assert not any(f.rule == "R1" and "t3:new:natural" in f.cells for f in doc.findings)
    doc.undo_stack.undo()
    assert doc.report.value("t3:new:natural") is None


def test_a_block_that_changes_nothing_is_no_undo_step(doc):
    # Pasting the clerk's own copy back added 「粘贴 n 个单元格」 and marked the report modified
    # (found by tests/desktop/test_monkey.py).
    doc.set_cells({"t3:new:natural": 3, "t3:open:natural": 0})
    doc.undo_stack.setClean()
    doc.set_cells({"t3:new:natural": 3, "t3:open:natural": 0})
    assert doc.undo_stack.count() == 1 and not doc.is_modified
    # Only the cells that change are in the step; a blank is not 0.
    doc.set_cells({"t3:new:natural": 3, "t3:open:natural": 0, "t3:next:natural": 0})
    assert doc.undo_stack.count() == 2 and doc.undo_stack.command(1).new == {"t3:next:natural": 0}
    doc.undo_stack.undo()
    assert doc.report.value("t3:next:natural") is None and doc.report.value("t3:new:natural") == 3


def test_meta_and_narrative_mark_modified(doc, qtbot):
    with qtbot.waitSignal(doc.metaChanged):
        doc.set_meta("agency", "某县人民政府")
    assert doc.report.meta.effective_title.startswith("某县人民政府2025年")
    doc.undo_stack.undo()
    assert doc.report.meta.agency == "某区人民政府"
    with qtbot.waitSignal(doc.narrativeChanged):
        doc.set_narrative("s1", "（一）主动公开")
    assert doc.is_modified
