"""The metadata form: checked as typed, committed through the undo stack, updated from the document."""

from datetime import date

import pytest

from desktop.document import ReportDocument
from desktop.meta_form import MetaForm, normalise_date
from forms.report import Report


@pytest.fixture
def form(qtbot):
    doc = ReportDocument(Report.new("2021", 2025, "某区人民政府"))
    form = MetaForm(doc)
    qtbot.addWidget(form)
    return form


def type_into(qtbot, form, name, text):
    edit = form.fields[name]
    edit.selectAll()
    edit.insert(text)          # as typed: QTest cannot type Chinese characters
    edit.editingFinished.emit()


def test_shows_the_document(form):
    assert form.fields["agency"].text() == "某区人民政府"
    assert form.fields["year"].text() == "2025"
    assert form.fields["title"].placeholderText() == "某区人民政府2025年政府信息公开工作年度报告"


def test_valid_entry_is_committed_and_undoable(qtbot, form):
    doc = form.doc
    type_into(qtbot, form, "agency", "某县人民政府")
    assert doc.report.meta.agency == "某县人民政府" and doc.undo_stack.count() == 1
    assert form.fields["title"].placeholderText() == "某县人民政府2025年政府信息公开工作年度报告"
    doc.undo_stack.undo()
    assert form.fields["agency"].text() == "某区人民政府"
    assert form.fields["title"].placeholderText() == "某区人民政府2025年政府信息公开工作年度报告"
    doc.undo_stack.redo()
    assert form.fields["agency"].text() == "某县人民政府"


def test_title_placeholder_follows_typing_before_commit(qtbot, form):
    form.fields["year"].selectAll()
    qtbot.keyClicks(form.fields["year"], "2024")
    assert form.fields["title"].placeholderText() == "某区人民政府2024年政府信息公开工作年度报告"
    assert form.doc.report.meta.year == 2025


def test_the_example_dates_are_in_the_january_the_report_is_due(qtbot, form):
    assert form.fields["fill_date"].placeholderText() == "2026-01-20（也可写 2026年1月20日）"
    type_into(qtbot, form, "year", "2017")
    assert form.fields["issue_date"].placeholderText() == "2018-01-20（也可写 2018年1月20日）"
    form.doc.undo_stack.undo()
    assert form.fields["issue_date"].placeholderText().startswith("2026-01-20")


def test_an_empty_dates_calendar_opens_in_the_reports_time(qtbot, form):
    from PySide6.QtCore import QDate

    type_into(qtbot, form, "year", "2017")
    form.calendar_buttons["fill_date"].menu().aboutToShow.emit()
    assert form.calendar_of("fill_date").selectedDate() == QDate(2018, 1, 1)   # not today, 2026
    type_into(qtbot, form, "year", str(date.today().year))
    form.calendar_buttons["issue_date"].menu().aboutToShow.emit()
    assert form.calendar_of("issue_date").selectedDate() == QDate.currentDate()


def test_invalid_entry_shows_message_and_is_not_committed(qtbot, form):
    doc = form.doc
    type_into(qtbot, form, "year", "二〇二五")
    assert "四位数年份" in form.errors["year"].text()
    assert doc.report.meta.year == 2025 and doc.undo_stack.count() == 0
    type_into(qtbot, form, "fill_date", "2026-02-30")
    assert "不是有效的日期" in form.errors["fill_date"].text() and doc.report.meta.fill_date == ""
    type_into(qtbot, form, "phone", "电话号码")
    assert "联系电话" in form.errors["phone"].text() and form.has_errors()
    type_into(qtbot, form, "phone", "0591-12345678")
    assert not form.errors["phone"].text() and doc.report.meta.phone == "0591-12345678"


def test_dates_accept_the_chinese_form(qtbot, form):
    type_into(qtbot, form, "issue_date", "2026年1月20日")
    assert form.doc.report.meta.issue_date == "2026-01-20"
    assert form.fields["issue_date"].text() == "2026-01-20"
    assert normalise_date("２０２６/1/5") == "2026-01-05" and normalise_date("明天") == "明天"
    form.pick_date("fill_date", date(2026, 1, 18))
    assert form.doc.report.meta.fill_date == "2026-01-18"


def test_flush_commits_the_field_being_typed(qtbot, form):
    form.fields["preparer"].insert("张三")
    assert form.doc.report.meta.preparer == ""
    form.doc.flush_edits()
    assert form.doc.report.meta.preparer == "张三"


def test_change_from_elsewhere_shows(form):
    form.doc.set_meta("head", "李四")
    assert form.fields["head"].text() == "李四"


def test_the_calendar_is_made_when_first_opened_and_picks_a_date(qtbot, form):
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QCalendarWidget

    assert form.findChildren(QCalendarWidget) == []          # none built with the form (start-up)
    form.fields["fill_date"].setText("2026年1月20日")
    menu = form.calendar_buttons["fill_date"].menu()
    menu.aboutToShow.emit()
    calendar = form.calendar_of("fill_date")
    assert calendar.selectedDate() == QDate(2026, 1, 20)
    menu.aboutToShow.emit()
    assert form.calendar_of("fill_date") is calendar and len(form.findChildren(QCalendarWidget)) == 1
    calendar.clicked.emit(QDate(2026, 1, 25))
    assert form.doc.report.meta.fill_date == "2026-01-25"
    assert form.fields["fill_date"].text() == "2026-01-25"
    form.doc.undo_stack.undo()
    assert form.doc.report.meta.fill_date != "2026-01-25"
