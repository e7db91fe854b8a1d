"""「导入表格到当前报告…」: a workbook's tables put into the report in the window, as one undo step."""

import json

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop.import_action import ImportNotesDialog
from desktop.import_into_report import import_into
from forms.checks import run_checks
from forms.demo import demo_report
from forms.importer import import_file
from forms.storage import dumps
from tests.desktop.gui_helpers import boxes, make_window, new_doc  # noqa: F401  (fixtures)
from tests.desktop.test_import_action import PINGTAN_UNIT, exported, with_problems
from tests.forms.import_fixtures import pingtan_workbook
from tests.forms.sample_reports import pingtan_report

OPENING = "2024年，平潭综合实验区管理委员会认真贯彻落实《条例》……"


@pytest.fixture
def notes(monkeypatch):
    """The notes dialogs shown; ``go_on`` is the clerk's answer."""
    class Notes:
        go_on = True
        dialogs: list = []
    record = Notes()
    record.dialogs = []

    def read(dialog):
        record.dialogs.append(dialog)
        return QDialog.DialogCode.Accepted if record.go_on else QDialog.DialogCode.Rejected
    monkeypatch.setattr(ImportNotesDialog, "exec", read)
    return record


def written_doc(year=2024):
    """Pingtan's report in 2021 format with its cover, opening and fees written and a finding
    reviewed, its tables still empty."""
    doc = new_doc("2021", year, PINGTAN_UNIT)
    doc.report.set_text_of("opening", OPENING)
    doc.report.set_text_of("s6", "本机关未收取信息处理费。")
    doc.report.meta.preparer = "林晓"
    doc.report.meta.phone = "0591-12345678"
    doc.report.reviews["R9:s1"] = "已与上年核对"
    return doc


def typed(report):
    return {cid: v for cid, v in report.values().items() if not report.edition.cells[cid].computed}


def test_the_tables_go_into_the_report_and_its_text_and_cover_stay(make_window, boxes, notes, tmp_path):
    doc = written_doc()
    window = make_window(doc)
    before = json.loads(dumps(doc.report))
    boxes.files = [str(exported(pingtan_report(), tmp_path / "统计表.xlsx"))]
    window.import_into_action.trigger()
    assert window.document is doc and doc.path is None and doc.is_modified
    assert typed(doc.report) == typed(pingtan_report())
    after = json.loads(dumps(doc.report))
    assert {k for k in after if after[k] != before[k]} == {"values"}
    assert doc.report.text("opening") == OPENING and doc.report.meta.preparer == "林晓"
    assert doc.undo_stack.count() == 1 and "统计表.xlsx" in doc.undo_stack.undoText()
    assert boxes.shown == [] and notes.dialogs == []       # nothing overwritten, nothing to read
    assert window.current_table_page().table.id == "t2"    # the first imported table is shown
    message = window.statusBar().currentMessage()
    placed = sum(v is not None for v in typed(pingtan_report()).values())
    assert f"导入 {placed} 个数值" in message and f"填入空白 {placed} 个" in message and "保留了原有的数值" in message


def test_one_undo_restores_every_cell_and_what_the_checks_keep(make_window, boxes, notes, tmp_path):
    """An earlier import left a total and a label on 表三; the colleague's workbook brings its own."""
    doc = written_doc()
    doc.report.set_value("t3:new:natural", 5)
    doc.report.set_value("t4:n:review_keep", 9)
    doc.report.declared["t3:new:total"] = 999
    doc.report.published_labels["t3:row:new"] = "本年新收申请"
    doc.report.published_labels["t2:row:permit"] = "行政许可证"    # the workbook has it right
    window = make_window(doc)
    saved = dumps(doc.report)
    boxes.answer = "覆盖"
    path = with_problems(tmp_path)
    assert import_into(window, path)
    imported = import_file(path, "2021", 2024, PINGTAN_UNIT).report
    assert doc.report.declared == imported.declared == {"t3:new:total": 300}
    assert doc.report.published_labels == imported.published_labels
    assert doc.report.value("t4:n:review_keep") == imported.value("t4:n:review_keep") != 9
    after = dumps(doc.report)
    window.undo()
    assert dumps(doc.report) == saved
    window.redo()
    assert dumps(doc.report) == after


def test_the_overwrite_question_comes_only_when_a_value_would_change(make_window, boxes, notes, tmp_path):
    path = exported(pingtan_report(), tmp_path / "统计表.xlsx")
    doc = written_doc()
    doc.report.set_value("t3:new:natural", pingtan_report().value("t3:new:natural"))   # the same value
    window = make_window(doc)
    assert import_into(window, path)
    assert boxes.shown == []                           # blanks filled and the same value: not asked

    doc = written_doc()
    doc.report.set_value("t3:new:natural", 1)
    doc.report.set_value("t4:n:review_keep", 1)
    doc.report.set_value("t2:rules:issued", 1)
    doc.report.set_text_of("s1", "主动公开情况……")
    window = make_window(doc)
    saved = dumps(doc.report)
    boxes.answer = "取消"
    assert not import_into(window, path)
    (title, question), = boxes.shown
    assert title == "导入表格到当前报告" and "3 个数值" in question
    assert "表二 1 个" in question and "表三 1 个" in question and "表四 1 个" in question
    assert [b.text() for b in boxes.last_box.buttons()] == ["覆盖", "取消"]
    assert boxes.last_box.defaultButton().text() == "取消"
    assert dumps(doc.report) == saved and not doc.is_modified and doc.undo_stack.count() == 0
    assert "没有改变" in window.statusBar().currentMessage()

    boxes.answer = "覆盖"
    assert import_into(window, path)
    assert doc.report.value("t3:new:natural") == pingtan_report().value("t3:new:natural")
    assert "覆盖原有数值 3 个" in window.statusBar().currentMessage()


def test_values_the_workbook_leaves_blank_keep_the_reports(make_window, boxes, notes, tmp_path):
    from openpyxl import load_workbook
    path = exported(pingtan_report(), tmp_path / "统计表.xlsx")
    wb = load_workbook(path)
    wb["表三"]["D5"] = None                   # 本年新收 自然人 left empty
    wb.save(path)
    doc = written_doc()
    doc.report.set_value("t3:new:natural", 7)
    window = make_window(doc)
    assert import_into(window, path)
    assert doc.report.value("t3:new:natural") == 7 and boxes.shown == []


def test_a_workbook_of_another_year_is_refused(make_window, boxes, notes, tmp_path):
    doc = written_doc(year=2025)
    window = make_window(doc)
    saved = dumps(doc.report)
    boxes.files = [str(pingtan_workbook(tmp_path / "去年.xlsx"))]     # its title: 「2024年度」
    window.import_into_action.trigger()
    title, message = boxes.shown[-1]
    assert title == "无法导入表格到当前报告"
    assert "2024 年度" in message and "2025 年度" in message and "从 Excel 导入" in message
    assert dumps(doc.report) == saved and doc.undo_stack.count() == 0 and notes.dialogs == []


def test_findings_are_those_of_a_new_report_from_the_same_workbook(make_window, boxes, notes, tmp_path):
    path = with_problems(tmp_path)
    new = run_checks(import_file(path, "2021", 2024, PINGTAN_UNIT).report)
    blank = new_doc("2021", 2024, PINGTAN_UNIT)
    assert import_into(make_window(blank), path)
    assert [(f.key, f.message) for f in blank.findings] == [(f.key, f.message) for f in new]

    written = written_doc()         # its text has findings of its own; those of the tables are the same
    window = make_window(written)
    assert import_into(window, path)
    assert [(f.key, f.message) for f in written.findings if f.cells] == [(f.key, f.message) for f in new if f.cells]
    assert window.checks_dock.isVisible()
    (dialog,) = notes.dialogs[-1:]
    assert dialog.open_button.text() == "导入到当前报告" and "另存为" not in dialog.summary.text()


@pytest.mark.parametrize("content", [b"\xe8\xbf\x99\xe4\xb8\x8d\xe6\x98\xaf", b"PK\x03\x04" + bytes(200), b""])
def test_a_file_that_cannot_be_used_leaves_the_report_alone(make_window, boxes, notes, tmp_path, content):
    bad = tmp_path / "坏表.xlsx"
    bad.write_bytes(content)
    doc = written_doc()
    window = make_window(doc)
    saved = dumps(doc.report)
    assert not import_into(window, bad)
    title, message = boxes.shown[-1]
    assert title == "无法导入表格到当前报告" and "坏表.xlsx" in message and "窗口中的报告没有改变" in message
    assert dumps(doc.report) == saved and doc.undo_stack.count() == 0


def test_another_edition_is_advised_in_words_of_this_import(make_window, boxes, notes, tmp_path):
    """The demo's 2014 tables for a 2017 report kept in the 2021 format: the format is not a choice here."""
    doc = new_doc("2021", 2017, "某区人民政府")
    window = make_window(doc)
    saved = dumps(doc.report)
    assert not import_into(window, exported(demo_report(), tmp_path / "示例.xlsx"))
    message = boxes.shown[-1][1]
    assert "2014年版" in message and "从 Excel 导入" in message and "--edition" not in message
    assert dumps(doc.report) == saved


def test_giving_up_on_the_notes_or_a_report_file_changes_nothing(make_window, boxes, notes, tmp_path):
    doc = written_doc()
    window = make_window(doc)
    saved = dumps(doc.report)
    notes.go_on = False
    assert not import_into(window, with_problems(tmp_path))
    assert len(notes.dialogs) == 1 and dumps(doc.report) == saved and doc.undo_stack.count() == 0
    boxes.files = [str(tmp_path / "本单位.nianbao")]
    window.import_into_action.trigger()
    assert "本单位.nianbao" in boxes.shown[-1][1] and dumps(doc.report) == saved


def test_the_menu_item_is_beside_the_import_and_off_for_a_read_only_report(make_window):
    window = make_window()
    actions = window.menuBar().actions()[0].menu().actions()
    texts = [a.text() for a in actions]
    assert texts[texts.index("从 Excel 导入(&I)…") + 1] == "导入表格到当前报告(&B)…"
    keys = [t.split("(&")[1][0] for t in texts if "(&" in t]
    assert len(keys) == len(set(keys))                 # no access key taken twice in the File menu
    assert window.import_into_action.isEnabled()
    window.document.read_only = True
    window.read_only_changed()
    assert not window.import_into_action.isEnabled()


def test_the_window_and_the_question_on_screen(make_window, boxes, notes, tmp_path, monkeypatch, qtbot):
    doc = written_doc()
    doc.report.set_value("t3:new:natural", 1)
    window = make_window(doc)
    grabbed = []
    recorded = QMessageBox.exec         # the boxes fixture's: back for the questions on closing

    def show_and_answer(box):
        box.show()
        qtbot.waitExposed(box)
        grabbed.append(box.grab())
        box._clicked = box.buttons()[0]            # 覆盖
        box.hide()
        return 0
    monkeypatch.setattr(QMessageBox, "exec", show_and_answer)
    assert import_into(window, with_problems(tmp_path))
    monkeypatch.setattr(QMessageBox, "exec", recorded)
    (question,) = grabbed
    assert question.save(str(tmp_path / "question.png"))
    assert window.grab().save(str(tmp_path / "window.png"))
    assert question.width() > 300 and window.current_table_page() is not None
