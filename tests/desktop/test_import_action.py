"""「从 Excel 导入…」: tables filled in a workbook become a new, unsaved report in the window."""

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from desktop.import_action import ImportNotesDialog, import_path
from desktop.new_report_dialog import NewReportDialog
from forms.checks import run_checks
from forms.demo import demo_report
from forms.document import build_document
from forms.export.xlsx_writer import xlsx_bytes
from forms.importer import import_file
from tests.desktop.gui_helpers import boxes, make_window, new_doc  # noqa: F401  (fixtures)
from tests.forms.sample_reports import pingtan_report

PINGTAN_UNIT = "平潭综合实验区管理委员会"


def exported(report, path):
    """The workbook the project's own exporter writes for ``report``."""
    path.write_bytes(xlsx_bytes(build_document(report)))
    return path


def with_problems(tmp_path):
    """Pingtan's exported tables as a colleague might send them back: a total that differs, a
    misspelt label, a row left out and a value that is not a number."""
    from openpyxl import load_workbook
    path = exported(pingtan_report(), tmp_path / "同事填的.xlsx")
    wb = load_workbook(path)
    wb["表三"]["J5"] = 300                   # 本年新收 总计: 218 by the items
    wb["表三"]["E6"] = "约5件"
    wb["表二"]["A12"] = "行政强治"           # 行政强制
    wb["表二"]["A11"] = wb["表二"]["B11"] = None   # 行政处罚 left out
    wb.save(path)
    return path


@pytest.fixture
def answers(monkeypatch):
    """The year, edition and unit the clerk gives, and the notes dialogs shown (opened or not)."""
    class Answers:
        target = ("2014", 2017, "鹤壁市山城区人民政府")
        open_report = True
        dialogs: list = []
        target_titles: list = []
    record = Answers()
    record.dialogs = []
    record.target_titles = []

    def give_target(dialog):
        edition, year, unit = record.target
        record.target_titles.append(dialog.windowTitle())
        dialog.year.setValue(year)
        dialog.edition.setCurrentIndex(dialog.edition.findData(edition))
        dialog.agency.setText(unit)
        return QDialog.DialogCode.Accepted

    def read_notes(dialog):
        record.dialogs.append(dialog)
        return QDialog.DialogCode.Accepted if record.open_report else QDialog.DialogCode.Rejected
    monkeypatch.setattr(NewReportDialog, "exec", give_target)
    monkeypatch.setattr(ImportNotesDialog, "exec", read_notes)
    return record


def test_the_demo_round_trips_through_its_own_workbook(make_window, boxes, answers, tmp_path):
    demo = demo_report()
    boxes.files = [str(exported(demo, tmp_path / "示例.xlsx"))]
    window = make_window()
    window.import_action.trigger()
    doc = window.document
    assert doc.report.values() == demo.values() and doc.report.values()
    assert (doc.report.edition.id, doc.report.meta.year, doc.report.meta.agency) == ("2014", 2017, demo.meta.agency)
    assert doc.path is None and doc.is_modified                 # to be saved under a name of its own
    assert answers.dialogs == []                                # nothing to read: no notes dialog
    assert "示例.xlsx" in answers.target_titles[0]
    assert {f.key for f in doc.findings} == {f.key for f in run_checks(doc.report)}
    assert window.current_table_page() is not None              # the imported table is shown
    boxes.answer = "不保存"


def test_the_unit_in_the_window_is_offered_and_unsaved_work_is_asked_about(make_window, boxes, answers,
                                                                          tmp_path, monkeypatch):
    seen = []
    monkeypatch.setattr(NewReportDialog, "exec", lambda d: seen.append(d.agency.text()) or 0)
    doc = new_doc(agency="某区人民政府")
    window = make_window(doc)
    boxes.files = [str(exported(pingtan_report(), tmp_path / "表.xlsx"))]
    window.import_action.trigger()
    assert seen == ["某区人民政府"] and window.document is doc    # cancelled: nothing changed

    answers.target = ("2021", 2024, PINGTAN_UNIT)
    doc.report.set_value("t3:new:natural", 5)
    doc.mark_modified()
    boxes.answer = "取消"
    assert not import_path(window, tmp_path / "表.xlsx", *answers.target)
    assert "保存修改" in boxes.texts() and window.document is doc
    boxes.answer = "不保存"
    assert import_path(window, tmp_path / "表.xlsx", *answers.target)
    assert window.document.report.value("t3:new:total") == 218


@pytest.mark.parametrize("content", [
    b"\xe8\xbf\x99\xe4\xb8\x8d\xe6\x98\xaf\xe8\xa1\xa8\xe6\xa0\xbc",   # text renamed .xlsx
    b"PK\x03\x04" + b"\x00" * 200,                                      # a zip cut short
    b"",
])
def test_a_broken_file_is_a_chinese_message_and_the_report_stays(make_window, boxes, answers, tmp_path, content):
    bad = tmp_path / "坏表.xlsx"
    bad.write_bytes(content)
    doc = new_doc()
    doc.report.set_value("t3:new:natural", 5)
    doc.mark_modified()
    window = make_window(doc)
    boxes.files = [str(bad)]
    window.import_action.trigger()
    assert window.document is doc and doc.is_modified and doc.report.value("t3:new:natural") == 5
    title, message = boxes.shown[-1]
    assert title == "无法从 Excel 导入" and "坏表.xlsx" in message and "窗口中的报告没有改变" in message
    assert "保存修改" not in boxes.texts()       # nothing was going to replace the report


def test_an_unexpected_error_is_a_message_too(make_window, boxes, answers, tmp_path, monkeypatch):
    def fail(*_a, **_k):
        raise KeyError("sheet1")
    monkeypatch.setattr("desktop.import_action.import_file", fail)
    window = make_window()
    before = window.document
    assert not import_path(window, tmp_path / "某.xlsx", "2021", 2024, "某区")
    assert window.document is before and "意外错误" in boxes.texts() and "某.xlsx" in boxes.texts()


def test_the_wrong_edition_says_which_one_fits_in_words_of_the_window(make_window, boxes, answers, tmp_path):
    window = make_window()
    path = exported(demo_report(), tmp_path / "示例.xlsx")
    assert not import_path(window, path, "2021", 2017, "某区")
    message = boxes.shown[-1][1]
    assert "2014年版" in message and "格式版本" in message and "--edition" not in message


def test_the_notes_dialog_lists_what_the_importer_reported(make_window, boxes, answers, tmp_path):
    path = with_problems(tmp_path)
    answers.target = ("2021", 2024, PINGTAN_UNIT)
    expected = import_file(path, "2021", 2024, PINGTAN_UNIT)
    window = make_window()
    boxes.files = [str(path)]
    window.import_action.trigger()
    (dialog,) = answers.dialogs
    text = dialog.notes.toPlainText()
    assert sorted(text.splitlines()) == sorted(str(n) for n in expected.notes)
    for kind, where in (("合计不一致", "表三!J5"), ("标签不一致", "表二!A12"), ("未导入", "表三!E6"), ("缺少", "行政处罚")):
        assert any(kind in line and where in line for line in text.splitlines()), (kind, text)
    assert text.index("合计不一致") < text.index("未导入") < text.index("缺少")   # the CLI's order
    assert "4 处需要核对" in dialog.summary.text() and "同事填的.xlsx" in dialog.summary.text()
    dialog.copy_all()
    assert "表三!J5" in QGuiApplication.clipboard().text()
    # Opened: the checks panel shows what the importer kept for them (R2, R11).
    doc = window.document
    assert doc.report.meta.agency == PINGTAN_UNIT and doc.path is None and doc.is_modified
    assert doc.report.value("t3:new:total") == 218 and doc.report.declared["t3:new:total"] == 300
    messages = [f.message for f in doc.findings]
    assert any("300" in m for m in messages) and any("行政强治" in m for m in messages)
    assert window.checks_dock.isVisible() and window.checks.counts()["error"] > 0
    boxes.answer = "不保存"


def test_giving_up_after_reading_the_notes_leaves_the_window_alone(make_window, boxes, answers, tmp_path):
    answers.target = ("2021", 2024, PINGTAN_UNIT)
    answers.open_report = False
    doc = new_doc()
    window = make_window(doc)
    assert not import_path(window, with_problems(tmp_path), *answers.target)
    assert len(answers.dialogs) == 1 and window.document is doc


def test_the_notes_dialog_on_screen(qtbot, tmp_path):
    result = import_file(with_problems(tmp_path), "2021", 2024, PINGTAN_UNIT)
    dialog = ImportNotesDialog(result)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    image = dialog.grab()
    assert image.save(str(tmp_path / "notes.png"))
    assert dialog.notes.isReadOnly() and dialog.open_button.isDefault()
    assert dialog.notes.height() > 200     # the list, not the summary, takes the room


def test_a_report_file_chosen_by_mistake_says_to_open_it(make_window, boxes, answers, tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(NewReportDialog, "exec", lambda d: asked.append(d) or 0)
    window = make_window()
    before = window.document
    boxes.files = [str(tmp_path / "本单位.nianbao")]
    window.import_action.trigger()
    assert window.document is before and not asked       # no year and unit asked for nothing
    title, message = boxes.shown[-1]
    assert title == "无法从 Excel 导入" and "本单位.nianbao" in message and "打开" in message


def test_the_advice_about_another_edition_heads_the_notes(make_window, boxes, answers, tmp_path):
    """A 2019-format workbook imported as 2021: the notes dialog says first that it looks like 2019."""
    path = exported(pingtan_report("2019", 2020), tmp_path / "2020年.xlsx")
    answers.target = ("2021", 2024, PINGTAN_UNIT)
    answers.open_report = False
    window = make_window()
    boxes.files = [str(path)]
    window.import_action.trigger()
    (dialog,) = answers.dialogs
    summary = dialog.summary.text()
    assert "更像“2019年版" in summary and "格式版本" in summary and "--edition" not in summary


def test_old_excel_and_wps_files_are_listed_to_be_told_what_to_do(make_window, boxes, answers, tmp_path, monkeypatch):
    """A clerk whose tables are an .xls or a WPS .et must see them in the file dialog (and be told
    to save them as .xlsx), not an empty folder."""
    import fnmatch
    import re
    from PySide6.QtWidgets import QFileDialog
    filters = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: filters.append(a[3]) or ("", "")))
    window = make_window()
    window.import_action.trigger()
    first = re.search(r"\((.*?)\)", filters[0].split(";;")[0]).group(1).split()
    for name in ("统计表.xlsx", "2020年统计表.xls", "统计表.et"):
        assert any(fnmatch.fnmatch(name, pattern) for pattern in first), name
    old = tmp_path / "2020年统计表.xls"
    old.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(500) + "Workbook".encode("utf-16-le"))
    assert not import_path(window, old, "2021", 2024, "某区")
    assert "另存为" in boxes.shown[-1][1]


def test_last_years_table_is_not_opened_without_a_word(make_window, boxes, answers, tmp_path):
    """Every value placed, but the title says 2024 and the report is 2025: the notes dialog
    says so before the report opens."""
    from tests.forms.import_fixtures import pingtan_workbook
    answers.target = ("2021", 2025, PINGTAN_UNIT)
    answers.open_report = False
    window = make_window()
    before = window.document
    boxes.files = [str(pingtan_workbook(tmp_path / "去年.xlsx"))]
    window.import_action.trigger()
    (dialog,) = answers.dialogs
    assert "2024 年度" in dialog.summary.text() and "2025" in dialog.summary.text()
    assert "没有需要核对" not in dialog.summary.text()
    assert window.document is before


def test_the_year_the_tables_title_states_is_offered_with_its_edition(make_window, boxes, answers, tmp_path,
                                                                      monkeypatch):
    # The demo's own export says 「（2017年度）」: offered this year and the 2021 edition, the clerk
    # pressed 导入 and was refused — 「没有找到2021年版格式的统计表」.
    seen = []
    monkeypatch.setattr(NewReportDialog, "exec", lambda d: seen.append((d.year.value(), d.edition.currentData())) or 0)
    boxes.files = [str(exported(demo_report(), tmp_path / "示例.xlsx"))]
    make_window().import_action.trigger()
    assert seen == [(2017, "2014")]


def test_an_old_excel_file_is_said_before_the_year_and_unit_are_asked(make_window, boxes, answers, tmp_path,
                                                                      monkeypatch):
    """The clerk who picked an .xls is told to save it as .xlsx at once, not after filling in the
    year, the edition and the unit for nothing."""
    asked = []
    monkeypatch.setattr(NewReportDialog, "exec", lambda d: asked.append(d) or 0)
    old = tmp_path / "2020年统计表.xls"
    old.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(500) + "Workbook".encode("utf-16-le"))
    window = make_window()
    before = window.document
    boxes.files = [str(old)]
    window.import_action.trigger()
    assert not asked and window.document is before
    title, message = boxes.shown[-1]
    assert title == "无法从 Excel 导入" and "2020年统计表.xls" in message and "另存为" in message


def test_the_first_table_the_workbook_had_is_shown(make_window, boxes, answers, tmp_path):
    """A workbook holding only 表三: the window opens on 表三, not on an empty 表二 that looks as if
    nothing had been imported."""
    from openpyxl import Workbook
    from tests.forms.import_fixtures import t3_rows, write_t3_body, write_t3_header
    wb = Workbook()
    write_t3_body(wb.active, write_t3_header(wb.active, 1, 1), 1, t3_rows())
    wb.save(tmp_path / "表三.xlsx")
    answers.target = ("2021", 2024, PINGTAN_UNIT)
    window = make_window()
    boxes.files = [str(tmp_path / "表三.xlsx")]
    window.import_action.trigger()
    assert window.document.report.value("t3:new:total") == 218
    assert window.current_table_page().table.id == "t3"
    boxes.answer = "不保存"
