"""What a clerk doing a whole year's report ran into in the window (a walk through it under Xvfb),
each kept from coming back: keyboard paths, focus, undo, messages."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from tests.desktop.gui_helpers import boxes, make_window, new_doc  # noqa: F401 (fixtures)


@pytest.fixture
def t2(make_window, qtbot):
    window = make_window(new_doc())
    page = window.show_table("t2")
    page.view.setFocus()
    return window, page.view, page.model


# --------------------------------------------------------------------------- tables


def test_typed_over_cell_is_left_by_left_and_right_as_in_excel(t2, qtbot):
    """Typing 4 → 7 → 9 fills three cells (Excel's entry mode), not one cell with 479."""
    window, view, model = t2
    view.setCurrentIndex(model.index_of("t2:rules:issued"))
    qtbot.keyClicks(view, "4")
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Right)
    qtbot.keyClicks(view, "7")
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Right)
    qtbot.keyClicks(view, "9")
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Left)
    report = window.document.report
    assert (report.value("t2:rules:issued"), report.value("t2:rules:repealed"),
            report.value("t2:rules:valid")) == (4, 7, 9)
    assert view.currentIndex() == model.index_of("t2:rules:repealed")
    assert view.state() != QAbstractItemView.State.EditingState


def test_f2_editing_keeps_left_and_right_inside_the_number(t2, qtbot):
    window, view, model = t2
    window.document.set_cell_text("t2:rules:issued", "45")
    view.setCurrentIndex(model.index_of("t2:rules:issued"))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_Left)          # the cursor goes between 4 and 5
    qtbot.keyClicks(editor, "0")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.document.report.value("t2:rules:issued") == 405


def test_a_refused_typed_entry_is_not_left_by_an_arrow(t2, qtbot):
    window, view, model = t2
    view.setCurrentIndex(model.index_of("t2:rules:issued"))
    qtbot.keyClicks(view, "x")
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Right)
    assert view.state() == QAbstractItemView.State.EditingState   # stays to be corrected
    assert view.currentIndex() == model.index_of("t2:rules:issued")
    assert window.document.report.value("t2:rules:issued") is None


def test_a_number_still_being_typed_is_saved_and_not_lost_on_closing(t2, qtbot, boxes, tmp_path):
    """Typing 77 in a cell and pressing Ctrl+S (or closing) without Enter: the 77 is the clerk's."""
    window, view, model = t2
    doc = window.document
    boxes.files = [str(tmp_path / "r.nianbao")]
    assert window.files.save()
    view.setCurrentIndex(model.index_of("t2:rules:issued"))
    qtbot.keyClicks(view, "77")
    assert view.state() == QAbstractItemView.State.EditingState
    assert window.files.save()
    from forms.storage import read_report
    assert read_report(tmp_path / "r.nianbao")[0].value("t2:rules:issued") == 77
    assert view.state() != QAbstractItemView.State.EditingState

    view.setCurrentIndex(model.index_of("t2:rules:repealed"))
    qtbot.keyClicks(view, "5")
    boxes.answer = "取消"
    assert not window.close()                        # unsaved typing: the window asks
    assert "保存修改" in boxes.texts()
    assert doc.report.value("t2:rules:repealed") == 5


def test_a_refused_entry_being_typed_is_kept_in_the_cell_and_said_on_saving(t2, qtbot, boxes, tmp_path):
    window, view, model = t2
    boxes.files = [str(tmp_path / "r.nianbao")]
    view.setCurrentIndex(model.index_of("t2:rules:issued"))
    qtbot.keyClicks(view, "x")
    messages = []
    window.current_table_page().message.connect(messages.append)
    window.document.flush_edits()
    assert view.state() == QAbstractItemView.State.EditingState     # kept to be corrected
    assert view.delegate.editor.text() == "x"
    assert messages and "规章" in messages[-1]
    assert window.document.report.value("t2:rules:issued") is None


# --------------------------------------------------------------------------- undo after a helper


def test_ctrl_z_after_tidy_undoes_the_tidy_not_a_table_cell_elsewhere(make_window, qtbot):
    """整理格式 says 「如需还原，请按 Ctrl+Z 撤销」: that key must take the tidy back, not silently undo
    the last number typed in a table on another page."""
    window = make_window(new_doc())
    doc = window.document
    doc.set_cell_text("t3:carry:natural", "3")
    editor = window.show_section("s5")
    editor.text_edit.setPlainText("下一步,我局将加强 培训 。")
    editor.flush()
    qtbot.mouseClick(editor.tidy_button, Qt.MouseButton.LeftButton)
    assert doc.report.text("s5") == "下一步，我局将加强培训。"
    assert window.focusWidget() is editor.text_edit      # the text keeps the keyboard
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    editor.flush()
    assert doc.report.text("s5") == "下一步,我局将加强 培训 。"
    assert doc.report.value("t3:carry:natural") == 3


def test_fee_sentence_gives_the_keyboard_back_to_the_text(make_window, qtbot):
    window = make_window(new_doc())
    editor = window.show_section("s6")
    editor.tidy_button.setFocus()
    editor.put_fee_sentence("本年度未收取信息处理费。")
    assert window.focusWidget() is editor.text_edit


def test_window_undo_shows_the_cells_it_changes_and_says_what_it_undid(make_window, qtbot):
    """Undo from the menu (or Ctrl+Z outside the text) on another page changes a table the clerk
    cannot see: the window shows those cells and says what was undone."""
    window = make_window(new_doc())
    doc = window.document
    doc.set_cell_text("t3:carry:natural", "3")
    window.show_section("s1")
    window.undo_action.trigger()
    assert doc.report.value("t3:carry:natural") is None
    page = window.current_table_page()
    assert page is not None and page.table.id == "t3"
    assert page.view.selected_cell_ids() == ["t3:carry:natural"]
    assert "已撤销" in window.statusBar().currentMessage()
    window.show_meta()
    window.redo_action.trigger()
    assert doc.report.value("t3:carry:natural") == 3
    assert window.current_table_page().view.selected_cell_ids() == ["t3:carry:natural"]
    assert "已重做" in window.statusBar().currentMessage()


def test_window_undo_of_a_cover_field_shows_the_cover(make_window, qtbot):
    window = make_window(new_doc())
    window.document.set_meta("head", "张三")
    window.show_table("t2")
    window.undo_action.trigger()
    assert window.document.report.meta.head == ""
    assert type(window.stack.currentWidget()).__name__ == "MetaForm"


# --------------------------------------------------------------------------- the cover


def test_the_date_calendar_works_from_the_keyboard(make_window, qtbot):
    """Space on 日历 opens it; the arrows move the day and Enter takes it (not only the mouse)."""
    from PySide6.QtWidgets import QApplication
    window = make_window(new_doc())
    form = window.show_meta()
    form.fields["fill_date"].setText("2026-01-20")
    form.commit("fill_date")
    menu = form.calendar_buttons["fill_date"].menu()
    menu.popup(form.calendar_buttons["fill_date"].mapToGlobal(form.calendar_buttons["fill_date"].rect().bottomLeft()))
    qtbot.waitExposed(menu)
    calendar = form.calendar_of("fill_date")
    qtbot.waitUntil(lambda: calendar.isAncestorOf(QApplication.focusWidget()) or calendar.hasFocus())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.document.report.meta.fill_date == "2026-01-21"
    assert not menu.isVisible()


# --------------------------------------------------------------------------- the narrative


def test_value_picker_enter_after_filtering_takes_the_first_value_shown(qtbot):
    """Typing 「行政复议 总计」 in the filter and pressing Enter inserts that number: the filter
    makes the first value it shows the choice, and ↓/↑ there move the choice."""
    from desktop.value_picker import ValuePicker
    doc = new_doc()
    doc.set_cells({"t4:n:review_keep": 1, "t4:n:review_pending": 1, "t3:new:natural": 12}, "填写")
    picker = ValuePicker(doc.report)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    picker.filter.setFocus()
    picker.filter.setText("行政复议 总计")
    assert picker.chosen_cell() == "t4:n:review_total"
    with qtbot.waitSignal(picker.accepted, timeout=1000):
        qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert picker.chosen_text() == "2"

    picker.filter.setText("本年新收")                # blanks (未填写) are passed over
    assert picker.chosen_cell() == "t3:new:natural"
    qtbot.keyClick(picker.filter, Qt.Key.Key_Down)
    assert picker.chosen_cell() == "t3:new:total"
    picker.filter.setText("没有这一项")
    assert picker.chosen_cell() is None


# --------------------------------------------------------------------------- the checks panel


def test_one_click_on_a_finding_goes_to_its_cells(make_window, qtbot):
    """A clerk clicks a finding once (nothing says to double-click): its cells are shown."""
    window = make_window(new_doc())
    window.document.set_cells({"t3:new:natural": 5}, "填写")
    window.show_meta()
    item = next(i for i in window.checks.items("error") if "不平衡" in i.text(0))
    tree = window.checks.tree
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())
    page = window.current_table_page()
    assert page is not None and page.table.id == "t3"
    assert "t3:new:natural" in page.view.selected_cell_ids()


# --------------------------------------------------------------------------- focus after new and open


def test_after_new_report_the_keyboard_is_in_the_cover(make_window, qtbot, monkeypatch):
    """新建 replaces the outline that had the focus: the clerk can type the cover at once."""
    from PySide6.QtWidgets import QDialog
    from desktop.new_report_dialog import NewReportDialog
    window = make_window(new_doc())
    window.activateWindow()
    window.outline.setFocus()
    qtbot.waitUntil(lambda: window.outline.hasFocus())
    monkeypatch.setattr(NewReportDialog, "exec", lambda self: (
        self.agency.setText("某县市场监督管理局"), QDialog.DialogCode.Accepted)[1])
    assert window.files.new_report()
    form = window.stack.currentWidget()
    assert window.focusWidget() is form.fields["head"]     # the first field still to fill


def test_after_opening_a_report_the_keyboard_is_in_its_first_table(make_window, qtbot, boxes, tmp_path):
    from forms.storage import save_report
    path = tmp_path / "r.nianbao"
    save_report(new_doc().report, path)
    window = make_window(new_doc())
    window.activateWindow()
    window.outline.setFocus()
    qtbot.waitUntil(lambda: window.outline.hasFocus())
    assert window.files.open_path(path)
    assert window.focusWidget() is window.current_table_page().view


def test_enter_after_a_row_typed_with_tab_goes_to_the_next_rows_first_cell(make_window, qtbot):
    """Excel's habit for typing a table row by row: 20 Tab 3 Tab 0 Enter lands under the 20."""
    window = make_window(new_doc())
    page = window.show_table("t3")
    view, model = page.view, page.model
    view.setFocus()
    view.setCurrentIndex(model.index_of("t3:new:natural"))
    for text in ("20", "3", "0"):
        qtbot.keyClicks(view, text)
        qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(view, "1")
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    assert window.document.report.value("t3:new:charity") == 1
    assert view.currentIndex() == model.index_of("t3:carry:natural")
    qtbot.keyClicks(view, "2")                         # the next row: Enter alone goes straight down
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    assert view.currentIndex() == model.index_of("t3:open:natural")

    qtbot.keyClick(view, Qt.Key.Key_Tab)               # a Tab run …
    view.setCurrentIndex(model.index_of("t3:partial:legal"))   # … left by a click elsewhere
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.currentIndex() == model.index_of("t3:deny_1:legal")


# --------------------------------------------------------------------------- from last year's report


def test_from_last_year_says_only_what_was_carried(make_window, boxes, tmp_path):
    """Last year's report had no opening paragraph: the message must not say it was carried."""
    from desktop.carryover_action import start_from
    from forms.storage import save_report
    last = new_doc(year=2024).report
    last.meta.head = "张三"
    save_report(last, tmp_path / "2024.nianbao")
    window = make_window()
    assert start_from(window, tmp_path / "2024.nianbao")
    told = boxes.texts()
    assert "单位、联系人" in told and "开头段落" not in told
    boxes.answer = "不保存"


def test_a_refusal_beside_a_cover_field_does_not_shrink_the_fields(make_window, qtbot):
    """The reason appears beside the field; the fields must not jump narrower while typing."""
    window = make_window(new_doc())
    form = window.show_meta()
    qtbot.wait(10)
    before = {name: edit.width() for name, edit in form.fields.items()}
    form.fields["phone"].setText("0123-1234567abc")
    form.fields["phone"].textEdited.emit(form.fields["phone"].text())
    assert form.errors["phone"].text()
    qtbot.wait(10)
    assert {name: edit.width() for name, edit in form.fields.items()} == before
    assert form.errors["phone"].isVisible()
    assert form.errors["phone"].geometry().right() <= form.width()


# --------------------------------------------------------------------------- saving a new report


def test_save_as_of_a_new_report_suggests_the_folder_of_the_last_report(make_window, boxes, tmp_path, monkeypatch):
    """Next year's report is saved beside last year's, not in the bare home folder."""
    from PySide6.QtWidgets import QFileDialog
    from desktop.settings import add_recent_file
    folder = tmp_path / "年报"
    folder.mkdir()
    add_recent_file(folder / "2024.nianbao")
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda parent, title, start, *a, **k: (asked.append(start), ("", ""))[1]))
    window = make_window(new_doc())
    window.files.save_as()
    assert asked and asked[0].startswith(str(folder))
    assert asked[0].endswith("某区人民政府2025年政府信息公开工作年度报告.nianbao")


def test_saving_says_a_refused_cover_entry_was_not_saved(make_window, boxes, tmp_path):
    """「0123-1234567abc」 shown red beside 联系电话 is not what the file keeps: saving says so."""
    window = make_window(new_doc())
    form = window.show_meta()
    window.document.set_meta("phone", "0123-1234567")
    form.fields["phone"].setText("0123-1234567abc")
    form.fields["phone"].textEdited.emit(form.fields["phone"].text())
    boxes.files = [str(tmp_path / "r.nianbao")]
    assert window.files.save()
    said = window.statusBar().currentMessage()
    assert "已保存" in said and "联系电话" in said and "没有保存" in said
    assert window.document.report.meta.phone == "0123-1234567"


# --------------------------------------------------------------------------- messages


def test_export_and_paste_messages_space_latin_words_as_the_menus_do(make_window, boxes, tmp_path, monkeypatch):
    """「已导出 Word 报告」 as the menu says 「导出 Word…」; no stray space after a full stop."""
    from desktop import exporting
    window = make_window(new_doc())
    window.document.fill_blanks_with_zero()
    window.document.set_narrative("s6", "本年度未收取信息处理费。")
    boxes.files = [str(tmp_path / "r.docx")]
    assert exporting.export_docx(window, window.document)
    assert window.statusBar().currentMessage().startswith("已导出 Word 报告：")
    page = window.show_table("t3")
    page.view.setCurrentIndex(page.model.index_of("t3:new:natural"))
    messages = []
    page.message.connect(messages.append)
    page.view.paste("1\t0\t0\t0\t0\t0\t1")
    assert messages[-1] == "已粘贴 6 个单元格（一步可撤销）。合计单元格自动计算，未采用粘贴的 1 个合计值。"


def test_opening_a_spreadsheet_points_to_the_import(make_window, boxes, tmp_path):
    """A clerk opens last year's exported .xlsx with 打开: the message says how to use it."""
    from forms.document import build_document
    from forms.export.xlsx_writer import xlsx_bytes
    xlsx = tmp_path / "上年.xlsx"
    xlsx.write_bytes(xlsx_bytes(build_document(new_doc().report)))
    window = make_window(new_doc())
    assert not window.files.open_path(xlsx)
    told = boxes.texts()
    assert "从 Excel 导入" in told and "UTF-8" not in told


def test_enter_in_the_outline_takes_the_keyboard_into_the_part(make_window, qtbot):
    """↓ through the outline to 表三, Enter: the clerk types into the table (and into a section's text)."""
    window = make_window(new_doc())
    window.activateWindow()
    outline = window.outline
    outline.setFocus()
    qtbot.waitUntil(outline.hasFocus)
    outline.setCurrentItem(outline.item_for("table", "t3"))
    qtbot.keyClick(outline, Qt.Key.Key_Return)
    assert window.focusWidget() is window.current_table_page().view
    outline.setFocus()
    outline.setCurrentItem(outline.item_for("section", "s5"))
    qtbot.keyClick(outline, Qt.Key.Key_Return)
    assert window.focusWidget() is window.stack.currentWidget().text_edit


def test_aggregate_dialog_shows_no_empty_box_before_summing(qtbot):
    """The progress bar, empty before 开始汇总, looked like a text box without a label."""
    from desktop.aggregate_dialog import AggregateDialog
    dialog = AggregateDialog(lambda report: None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.progress.isVisible()
    dialog.add_paths([])
    dialog.start()
    assert dialog.progress.isVisible()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=5000)
