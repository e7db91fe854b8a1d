"""The narrative editor of a report opened read-only: readable, selectable, copyable, unchangeable,
and editable again once 另存为 has made the report writable."""

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop.document import ReportDocument
from desktop.file_actions import load_document
from desktop.narrative_editor import READ_ONLY_TIP, NarrativeEditor
from forms.report import Report
from forms.storage import save_report
from tests.desktop.gui_helpers import boxes, make_window  # noqa: F401 (fixtures)

TEXT = "一、总体情况\n本年度,共收到申请3件."       # untidy on purpose: 整理格式 would change it
CTRL = Qt.KeyboardModifier.ControlModifier


def read_only_editor(qtbot, section="s1", edition="2021", text=TEXT):
    report = Report.new(edition, 2025 if edition != "2014" else 2017, "某区人民政府")
    report.set_text_of(section, text)
    doc = ReportDocument(report)
    doc.read_only = True                     # as load_document does before any page exists
    editor = NarrativeEditor(doc, section)
    qtbot.addWidget(editor)
    return doc, editor


def unchanged(doc, editor, section="s1", text=TEXT) -> bool:
    editor.flush()
    return editor.text() == text and doc.report.text(section) == text and not doc.is_modified


def test_typing_and_pasting_change_nothing(qtbot):
    doc, editor = read_only_editor(qtbot)
    edit = editor.text_edit
    qtbot.keyClicks(edit, "abc")
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
        qtbot.keyClick(edit, key)
    QGuiApplication.clipboard().setText("粘贴的文字")
    qtbot.keyClick(edit, Qt.Key.Key_V, CTRL)
    edit.paste()                                  # the slot inserts even into a read-only widget
    mime = QMimeData()
    mime.setText("从 Word 粘贴")
    assert not edit.canInsertFromMimeData(mime)   # drops are refused too
    edit.insertFromMimeData(mime)
    assert unchanged(doc, editor)


def test_helpers_are_disabled_and_say_why(qtbot):
    doc, editor = read_only_editor(qtbot, section="s6")
    for button in (editor.tidy_button, editor.value_button, editor.fee_button):
        assert not button.isEnabled() and button.toolTip() == READ_ONLY_TIP
    assert "只读" in editor.status.text()
    # Called directly (a shortcut, a script) they still change nothing.
    assert editor.tidy_text() is False
    editor.insert_at_cursor("12")
    editor.put_fee_sentence("本年度未收取信息处理费。")
    assert unchanged(doc, editor, "s6")


def test_own_heading_is_read_only_too(qtbot):
    doc, editor = read_only_editor(qtbot, edition="2014", section="s2", text="")
    assert editor.heading_edit.isReadOnly()
    editor.heading_edit.setText("二、主动公开政府信息情况")    # programmatically, past the read-only
    editor.heading_edit.setModified(True)
    editor.heading_edit.editingFinished.emit()
    assert doc.report.heading("s2") == "二、政府信息公开工作情况统计" and not doc.is_modified
    assert editor.heading_edit.text() == ""


def test_text_stays_legible_and_selectable(qtbot):
    _, editor = read_only_editor(qtbot)
    edit = editor.text_edit
    assert edit.isEnabled() and edit.isReadOnly()     # read-only, not disabled (greyed out)
    cursor = edit.textCursor()
    cursor.setPosition(0)
    edit.setTextCursor(cursor)
    qtbot.keyClick(edit, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
    assert edit.textCursor().selectedText() == "一、总体情况"
    editor.go_to((7, 10))                             # a finding's quote is still shown
    assert edit.textCursor().selectedText() == "本年度"


def test_undo_cannot_change_the_text_of_a_read_only_report(qtbot):
    report = Report.new("2021", 2025, "某区人民政府")
    doc = ReportDocument(report)
    editor = NarrativeEditor(doc, "s1")
    qtbot.addWidget(editor)
    editor.text_edit.insertPlainText("正文")
    editor.flush()
    assert editor.text_edit.document().isUndoAvailable()
    doc.read_only = True
    editor.update_read_only()
    editor.text_edit.undo()
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Z, CTRL)
    editor.flush()
    assert editor.text() == "正文" and doc.report.text("s1") == "正文"


@pytest.fixture
def report_file(tmp_path):
    path = tmp_path / "区政府2025.nianbao"
    report = Report.new("2021", 2025, "某区人民政府")
    report.set_text_of("s1", TEXT)
    save_report(report, path)
    return path


def test_copy_works_in_a_read_only_window(qtbot, make_window, report_file, boxes):
    first = make_window(*load_document(None, report_file), show=False)     # holds the lock
    boxes.answer = "只读打开"
    second = make_window(*load_document(None, report_file))
    editor = second.show_section("s1")
    with qtbot.waitActive(second):
        second.activateWindow()
    editor.text_edit.setFocus()
    # The window's shortcuts compete for the key only when it is the active window.
    assert QApplication.activeWindow() is second and QApplication.focusWidget() is editor.text_edit
    QGuiApplication.clipboard().setText("")
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_C, CTRL)   # not taken by the window's table-only 复制
    assert QGuiApplication.clipboard().text() == TEXT
    assert first.document.report.text("s1") == second.document.report.text("s1") == TEXT


def test_save_as_makes_the_editor_editable_again(qtbot, make_window, report_file, boxes, tmp_path):
    make_window(*load_document(None, report_file))                # holds the lock
    boxes.answer = "只读打开"
    window = make_window(*load_document(None, report_file))
    editor = window.show_section("s6")
    assert editor.text_edit.isReadOnly() and not editor.tidy_button.isEnabled()
    boxes.files.append(str(tmp_path / "副本.nianbao"))
    assert window.files.save_as() and not window.document.read_only
    assert not editor.text_edit.isReadOnly()
    for button in (editor.tidy_button, editor.value_button, editor.fee_button):
        assert button.isEnabled() and button.toolTip() != READ_ONLY_TIP
    assert editor.tidy_button.toolTip().startswith("标点改为全角") and "只读" not in editor.status.text()
    editor.text_edit.setFocus()
    qtbot.keyClicks(editor.text_edit, "abc")
    editor.put_fee_sentence("本年度未收取信息处理费。")
    assert window.document.report.text("s6").startswith("abc")
    assert window.document.report.text("s6").endswith("本年度未收取信息处理费。")
    editor.text_edit.undo()                            # the editor's undo works again
    editor.flush()
    assert window.document.report.text("s6") == "abc"
