"""Copy and paste between the form and Excel/WPS: tab-separated blocks, parsed whole first."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop.clipboard import format_tsv, parse_tsv
from desktop.paste_plan import plan_paste
from forms.layout import grid_of
from tests.desktop.gui_helpers import boxes, make_window, new_doc  # noqa: F401 (fixtures)


def test_tsv_as_excel_writes_it():
    assert parse_tsv("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]
    assert parse_tsv("1\t\t3\n") == [["1", "", "3"]]
    assert parse_tsv('"a\tb"\t"say ""hi"""\n"two\nlines"\tx') == [["a\tb", 'say "hi"'], ["two\nlines", "x"]]
    assert parse_tsv('5"\t6') == [['5"', "6"]]
    assert parse_tsv("") == []
    rows = [["1", "a\tb"], ['"q"', ""]]
    assert parse_tsv(format_tsv(rows)) == rows


def test_plan_parses_every_value_and_names_the_refused_ones():
    doc = new_doc()
    grid = grid_of(doc.report.edition.table("t3"))
    top, left = grid.position_of("t3:new:natural")
    plan = plan_paste(grid, doc.report.edition.cells, top, left,
                      [["1", "２", "3", "x", "5", "6", "999"], ["/", "1.5", "", "", "", "", ""]])
    assert plan.values["t3:new:business"] == 2 and plan.values["t3:carry:legal"] is None
    assert "t3:new:total" not in plan.values and len(plan.skipped_totals) == 1
    refused = {r.where: r for r in plan.refused}
    assert set(refused) == {doc.report.cell(c).where for c in ("t3:new:charity", "t3:carry:natural", "t3:carry:business")}
    assert "没有发生的事项请填 0" in str(refused[doc.report.cell("t3:carry:natural").where])
    assert "小数" in str(refused[doc.report.cell("t3:carry:business").where])
    past = plan_paste(grid, doc.report.edition.cells, grid.n_rows - 1, grid.n_cols - 1, [["1", "2"]])
    assert past.refused[0].reason == "超出表格范围，无处填写"


@pytest.fixture
def t3(make_window):
    window = make_window(new_doc())
    page = window.show_table("t3")
    page.view.setFocus()
    return window, page


def test_paste_a_block_from_excel_in_one_undo_step(t3, qtbot):
    window, page = t3
    doc, view = window.document, page.view
    page.select_cells(["t3:new:natural"])
    QGuiApplication.clipboard().setText("10\t2\t0\t0\t0\t1\t13\r\n3\t0\t0\t0\t0\t0\t3\r\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert doc.report.value("t3:new:natural") == 10 and doc.report.value("t3:carry:natural") == 3
    assert doc.report.value("t3:new:total") == 13 and page.model.index_of("t3:new:total").data() == "13"
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert all(doc.report.value(c) is None for c in ("t3:new:natural", "t3:carry:natural", "t3:new:total"))


def test_partly_invalid_block_pastes_nothing_unless_the_clerk_says_so(t3, qtbot, boxes):
    window, page = t3
    doc, view = window.document, page.view
    page.select_cells(["t3:new:natural"])
    block = "5\t—\t2\n-1\t0\t0\n"
    boxes.answer = "全部不粘贴"
    plan = view.paste(block)
    assert doc.undo_stack.count() == 0 and doc.report.value("t3:new:natural") is None
    title, text = boxes.shown[-1]
    assert title == "部分数值无法粘贴"
    assert doc.report.cell("t3:new:business").where in text and "“—”" in text
    assert doc.report.cell("t3:carry:natural").where in text and "负数" in text
    assert len(plan.refused) == 2

    boxes.answer = "只粘贴有效的 4 个"
    view.paste(block)
    assert doc.report.value("t3:new:natural") == 5 and doc.report.value("t3:new:research") == 2
    assert doc.report.value("t3:new:business") is None and doc.report.value("t3:carry:natural") is None
    assert doc.undo_stack.count() == 1


def test_nothing_valid_is_refused_with_the_reasons(t3, boxes):
    window, page = t3
    page.select_cells(["t3:new:natural"])
    page.view.paste("abc\n")
    assert window.document.undo_stack.count() == 0
    assert boxes.shown[-1][0] == "无法粘贴" and "“abc”不是数字" in boxes.shown[-1][1]


def test_one_value_fills_the_selected_cells(t3):
    window, page = t3
    page.select_cells(["t3:new:natural", "t3:new:business", "t3:new:total", "t3:carry:others"])
    page.view.paste("0\r\n")
    doc = window.document
    assert [doc.report.value(c) for c in ("t3:new:natural", "t3:new:business", "t3:carry:others")] == [0, 0, 0]
    assert doc.undo_stack.count() == 1


def test_copy_gives_tsv_with_labels_and_pastes_back_the_same(t3, qtbot):
    window, page = t3
    doc, view, model = window.document, page.view, page.model
    doc.set_cells({"t3:new:natural": 7, "t3:new:business": 1, "t3:carry:natural": 2})
    page.select_cells(["t3:new:natural", "t3:new:business", "t3:carry:natural", "t3:carry:business"])
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    text = QGuiApplication.clipboard().text()
    assert parse_tsv(text) == [["7", "1"], ["2", ""]]
    # A whole row with its label, as a clerk copies it to Excel.
    row = model.index_of("t3:new:natural").row()
    view.selectionModel().clearSelection()
    view.selectRow(row)
    copied = parse_tsv(view.copy_selection())
    assert copied[0][0] == "一、本年新收政府信息公开申请数量" and copied[0][3:] == ["7", "1", "", "", "", "", "8"]
    # … and back, one row lower: labels and the total are left alone, values land.
    page.select_cells(["t3:carry:natural"])
    view.paste("\t".join(copied[0][3:]))
    assert doc.report.value("t3:carry:natural") == 7 and doc.report.value("t3:carry:total") == 8
