"""The metadata form of a report opened read-only: legible, selectable, copyable, unchangeable,
and editable again once 另存为 has made the report writable."""

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication

from desktop.document import READ_ONLY_TIP, ReportDocument
from desktop.file_actions import load_document
from desktop.meta_form import CALENDAR_TIP, PLACEHOLDERS, MetaForm
from forms.report import Report
from forms.storage import save_report
from tests.desktop.gui_helpers import boxes, make_window  # noqa: F401 (fixtures)
from tests.desktop.test_meta_form import type_into

CTRL = Qt.KeyboardModifier.ControlModifier
TITLE = "某区人民政府2025年政府信息公开工作年度报告"


def new_report() -> Report:
    report = Report.new("2021", 2025, "某区人民政府")
    report.meta.phone = "0591-12345678"
    report.meta.fill_date = "2026-01-20"
    return report


def read_only_form(qtbot):
    doc = ReportDocument(new_report())
    doc.read_only = True                     # as load_document does before any page exists
    form = MetaForm(doc)
    qtbot.addWidget(form)
    return doc, form


def unchanged(doc, form) -> bool:
    doc.flush_edits()
    meta = doc.report.meta
    return (meta == new_report().meta and doc.undo_stack.count() == 0 and not doc.is_modified
            and form.fields["year"].text() == "2025" and form.fields["phone"].text() == "0591-12345678"
            and form.fields["fill_date"].text() == "2026-01-20" and not form.has_errors())


def test_typing_and_pasting_change_nothing(qtbot):
    doc, form = read_only_form(qtbot)
    year, phone = form.fields["year"], form.fields["phone"]
    qtbot.keyClicks(year, "1999")
    for key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Return):
        qtbot.keyClick(phone, key)
    QGuiApplication.clipboard().setText("2024")
    qtbot.keyClick(year, Qt.Key.Key_V, CTRL)
    assert unchanged(doc, form)
    # Past the read-only (a script, or a slot that ignores it): leaving the field commits nothing.
    year.paste()
    type_into(qtbot, form, "agency", "某县人民政府")
    form.fields["preparer"].insert("张三")
    form.fields["preparer"].setModified(True)
    assert unchanged(doc, form)                              # flush_edits takes nothing either
    assert form.fields["agency"].text() == "某区人民政府" and form.fields["preparer"].text() == ""
    assert form.fields["title"].placeholderText() == TITLE   # follows the report, not the typing


def test_dates_cannot_be_picked(qtbot):
    doc, form = read_only_form(qtbot)
    form.pick_date("issue_date", date(2026, 1, 25))
    form.calendar_of("fill_date").clicked.emit(QDate(2026, 1, 25))   # a calendar made anyway
    assert unchanged(doc, form) and form.fields["issue_date"].text() == ""


def test_fields_are_read_only_not_disabled_and_buttons_say_why(qtbot):
    _, form = read_only_form(qtbot)
    assert form.isEnabled()
    for edit in form.fields.values():
        assert edit.isEnabled() and edit.isReadOnly() and edit.toolTip() == READ_ONLY_TIP
    for button in form.calendar_buttons.values():
        assert not button.isEnabled() and button.toolTip() == READ_ONLY_TIP
    assert form.read_only_notice.isVisibleTo(form) and form.read_only_notice.text() == READ_ONLY_TIP
    # Typing examples are gone (a grey example date would read as a value); the default title,
    # which the report really uses, is still shown.
    assert all(form.fields[name].placeholderText() == "" for name in PLACEHOLDERS)
    assert form.fields["title"].placeholderText() == TITLE


def test_text_can_be_selected_and_copied(qtbot):
    _, form = read_only_form(qtbot)
    phone = form.fields["phone"]
    QGuiApplication.clipboard().setText("")
    qtbot.keyClick(phone, Qt.Key.Key_Home)
    qtbot.keyClick(phone, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
    assert phone.selectedText() == "0591-12345678"
    qtbot.keyClick(phone, Qt.Key.Key_C, CTRL)
    assert QGuiApplication.clipboard().text() == "0591-12345678"


def test_becoming_read_only_drops_what_was_not_committed(qtbot):
    doc = ReportDocument(new_report())
    form = MetaForm(doc)
    qtbot.addWidget(form)
    form.calendar_of("fill_date")                            # made while still writable
    form.fields["year"].selectAll()
    qtbot.keyClicks(form.fields["year"], "2024")             # typed, not yet committed
    form.fields["phone"].insert("电话")                        # refused: shows a message
    form._check("phone", form.fields["phone"].text())
    assert form.has_errors() and form.fields["title"].placeholderText() != TITLE
    doc.read_only = True
    form.update_read_only()
    assert unchanged(doc, form) and form.fields["title"].placeholderText() == TITLE
    assert not form.calendar_buttons["fill_date"].isEnabled()
    form.calendar_of("fill_date").clicked.emit(QDate(2026, 1, 25))
    assert doc.report.meta.fill_date == "2026-01-20"


@pytest.fixture
def report_file(tmp_path):
    path = tmp_path / "区政府2025.nianbao"
    save_report(new_report(), path)
    return path


def test_save_as_makes_the_form_editable_again(qtbot, make_window, report_file, boxes, tmp_path):
    make_window(*load_document(None, report_file))                # holds the lock
    boxes.answer = "只读打开"
    window = make_window(*load_document(None, report_file))
    form = window.show_meta()
    assert isinstance(form, MetaForm) and window.document.read_only
    assert form.fields["agency"].isReadOnly() and not form.calendar_buttons["issue_date"].isEnabled()
    boxes.files.append(str(tmp_path / "副本.nianbao"))
    assert window.files.save_as() and not window.document.read_only
    assert not form.read_only_notice.isVisibleTo(form)
    for edit in form.fields.values():
        assert not edit.isReadOnly() and edit.toolTip() != READ_ONLY_TIP
    assert form.fields["title"].toolTip().startswith("留空则使用默认标题")
    due = window.document.report.meta.year + 1
    assert all(form.fields[name].placeholderText() == text.format(due=due) for name, text in PLACEHOLDERS.items())
    assert form.fields["fill_date"].placeholderText().startswith(f"{due}-01-20")
    for button in form.calendar_buttons.values():
        assert button.isEnabled() and button.toolTip() == CALENDAR_TIP
    doc = window.document
    type_into(qtbot, form, "agency", "某县人民政府")
    assert doc.report.meta.agency == "某县人民政府"
    form.fields["year"].selectAll()
    qtbot.keyClicks(form.fields["year"], "2024")
    doc.flush_edits()
    assert doc.report.meta.year == 2024
    form.calendar_buttons["issue_date"].menu().aboutToShow.emit()
    form.calendar_of("issue_date").clicked.emit(QDate(2026, 1, 25))
    assert doc.report.meta.issue_date == "2026-01-25" and doc.undo_stack.count() == 3
    doc.undo_stack.undo()                                    # one undo step each, as before
    assert doc.report.meta.issue_date == "" and form.fields["issue_date"].text() == ""
