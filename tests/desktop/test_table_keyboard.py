"""The 2021 表三 form by keyboard: typing, Enter/Tab moves, totals and checks at once, undo."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from tests.desktop.gui_helpers import boxes, make_window, new_doc  # noqa: F401 (fixtures)


@pytest.fixture
def t3(make_window, qtbot):
    window = make_window(new_doc())
    page = window.show_table("t3")
    page.view.setFocus()
    return window, page, page.view, page.model


def go(view, model, cell_id):
    view.setCurrentIndex(model.index_of(cell_id))


def test_typing_enter_tab_totals_checks_and_undo(t3, qtbot):
    window, page, view, model = t3
    doc = window.document
    errors_before = window.checks.counts()["error"]     # the blank cells of a new report (R5)
    go(view, model, "t3:new:natural")
    qtbot.keyClicks(view, "12")                      # typing over a cell starts editing with it
    assert view.state() == QAbstractItemView.State.EditingState
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    assert doc.report.value("t3:new:natural") == 12
    assert model.index_of("t3:new:total").data() == "12"           # the row total, at once
    assert view.currentIndex() == model.index_of("t3:carry:natural")  # Enter moved down
    # The balance check (R1) now lists the column and the cells are outlined red.
    assert window.checks.counts()["error"] == errors_before + 2     # 自然人 and 总计 columns
    assert model.index_of("t3:new:natural").data(model_finding_role()) == "error"
    assert "不平衡" in model.index_of("t3:new:natural").data(Qt.ItemDataRole.ToolTipRole)

    qtbot.keyClicks(view, "3")
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Tab)              # Tab commits and moves right
    assert doc.report.value("t3:carry:natural") == 3
    assert view.currentIndex() == model.index_of("t3:carry:business")
    assert view.state() != QAbstractItemView.State.EditingState
    qtbot.keyClick(view, Qt.Key.Key_Tab)                            # Tab without editing: move right
    assert view.currentIndex() == model.index_of("t3:carry:research")

    go(view, model, "t3:next:natural")
    qtbot.keyClicks(view, "10")
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    assert model.index_of("t3:total:natural").data() == ""          # nothing handled yet
    assert any(f.rule == "R1" for f in doc.findings)
    assert window.findings_label.text().startswith("错误")

    # Undo (Ctrl+Z on the window) restores every value and the totals; redo brings them back.
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.report.value("t3:new:natural") is None
    assert model.index_of("t3:new:total").data() == ""
    assert not any(f.rule == "R1" for f in doc.findings)
    assert window.checks.counts()["error"] == errors_before
    assert not doc.is_modified and not window.isWindowModified()
    qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert doc.report.value("t3:new:natural") == 12


def model_finding_role():
    from desktop.table_model import FINDING_ROLE
    return FINDING_ROLE


def test_typing_replaces_existing_value_and_f2_edits_it(t3, qtbot):
    window, page, view, model = t3
    window.document.set_cell_text("t3:new:natural", "40")
    go(view, model, "t3:new:natural")
    qtbot.keyClicks(view, "7")
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    assert window.document.report.value("t3:new:natural") == 7
    go(view, model, "t3:new:natural")
    qtbot.keyClick(view, Qt.Key.Key_F2)                             # F2 edits, keeping the value
    editor = view.focusWidget()
    assert editor.text() == "7"
    editor.end(False)
    qtbot.keyClicks(editor, "0")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.document.report.value("t3:new:natural") == 70


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown],
                         ids=["enter", "down", "up", "page-down"])
def test_refused_text_keeps_the_editor_and_says_why(t3, qtbot, key):
    # ↓ and the other keys that move on dropped the refused entry (the model refused it, the
    # editor closed); they now keep it, as Enter does.
    window, page, view, model = t3
    messages = []
    view.message.connect(messages.append)
    go(view, model, "t3:new:natural")
    qtbot.keyClicks(view, "-3")
    qtbot.keyClick(view.focusWidget(), key)
    assert view.state() == QAbstractItemView.State.EditingState     # nothing lost: still editing
    assert view.focusWidget().text() == "-3"
    assert "负数" in messages[-1] and "自然人" in messages[-1]
    assert window.document.report.value("t3:new:natural") is None
    assert window.document.undo_stack.count() == 0


def test_computed_cells_are_read_only_and_shaded(t3, qtbot):
    window, page, view, model = t3
    total = model.index_of("t3:new:total")
    assert not (model.flags(total) & Qt.ItemFlag.ItemIsEditable)
    assert model.flags(model.index_of("t3:new:natural")) & Qt.ItemFlag.ItemIsEditable
    assert total.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index_of("t3:new:natural").data(Qt.ItemDataRole.BackgroundRole) is None
    messages = []
    view.message.connect(messages.append)
    view.setCurrentIndex(total)
    qtbot.keyClicks(view, "5")
    assert view.state() != QAbstractItemView.State.EditingState
    assert "自动计算" in messages[-1]
    assert not model.setData(total, "5")
    assert window.document.report.value("t3:new:total") is None


def test_delete_clears_the_selection_in_one_undo_step(t3, qtbot):
    window, page, view, model = t3
    doc = window.document
    doc.set_cells({"t3:new:natural": 1, "t3:new:business": 2, "t3:carry:natural": 3})
    assert page.select_cells(["t3:new:natural", "t3:new:business", "t3:new:total", "t3:carry:natural"])
    steps = doc.undo_stack.count()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [doc.report.value(c) for c in ("t3:new:natural", "t3:new:business", "t3:carry:natural")] == [None] * 3
    assert doc.report.value("t3:new:total") is None
    assert doc.undo_stack.count() == steps + 1
    doc.undo_stack.undo()
    assert doc.report.value("t3:new:business") == 2 and doc.report.value("t3:new:total") == 3
    page.select_cells(["t3:new:business"])
    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    assert doc.report.value("t3:new:business") is None


def test_blank_count_and_fill_with_zero(t3, qtbot):
    window, page, view, model = t3
    doc = window.document
    blanks = len(doc.report.blank_cells())
    assert f"共 {blanks} 格" in page.blank_label.text() and f"空白 {blanks} 格" == window.blank_label.text()
    qtbot.mouseClick(page.fill_button, Qt.MouseButton.LeftButton)
    assert doc.report.blank_cells() == [] and doc.undo_stack.count() == 1
    assert model.index_of("t3:total:total").data() == "0"
    assert not page.fill_button.isEnabled() and window.blank_label.text() == "已全部填写"
    doc.undo_stack.undo()
    assert len(doc.report.blank_cells()) == blanks and page.fill_button.isEnabled()


def test_the_grid_spans_of_the_official_form(t3):
    window, page, view, model = t3
    # A1:C3 corner, D1:J1 申请人情况, A6:A27 三、本年度办理结果 (editions.md).
    assert (view.rowSpan(0, 0), view.columnSpan(0, 0)) == (3, 3)
    assert view.columnSpan(0, 3) == 7 and model.index(0, 3).data() == "申请人情况"
    assert view.rowSpan(5, 0) == 22 and model.index(5, 0).data() == "三、本年度办理结果"
    assert model.index(1, 9).data() == "总计" and view.rowSpan(1, 9) == 2
    # Every column is at least wide enough for a number, and the labels wrap fully.
    widths = [view.columnWidth(c) for c in range(model.columnCount())]
    assert min(widths[3:]) >= view.fontMetrics().horizontalAdvance("00000")


@pytest.mark.parametrize("key", [Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_F2, Qt.Key.Key_F5],
                         ids=["down", "page-down", "f2", "f5"])
def test_a_key_the_cell_editor_ignores_does_not_crash(t3, qtbot, key):
    # The view hands keys to its editor; one the editor ignores came back up to the view and was
    # handed over again, without end: the window died of a stack overflow (found by test_monkey).
    window, page, view, model = t3
    go(view, model, "t3:new:natural")
    qtbot.keyClicks(view, "12")
    qtbot.keyClick(view.focusWidget(), key)
    if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):      # commits and moves, as in Excel
        assert window.document.report.value("t3:new:natural") == 12
        assert view.state() != QAbstractItemView.State.EditingState
        assert view.currentIndex().row() > model.index_of("t3:new:natural").row()
    else:                                                  # nothing to do: still typing
        assert view.state() == QAbstractItemView.State.EditingState
        assert view.focusWidget().text() == "12"
