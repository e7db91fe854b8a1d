"""「从上年报告新建」: this year's report, started from last year's file, in the main window."""

from PySide6.QtWidgets import QInputDialog

from desktop.carryover_action import start_from
from forms.storage import save_report
from tests.desktop.gui_helpers import boxes, make_window  # noqa: F401  (fixtures)
from tests.forms.sample_reports import pingtan_report


def test_new_from_last_years_file_in_the_window(make_window, boxes, tmp_path):
    last = tmp_path / "2024.nianbao"
    report = pingtan_report()
    report.set_value("t3:next:natural", 3)
    save_report(report, last)
    window = make_window()
    assert start_from(window, last)
    doc = window.document
    assert doc.report.meta.year == 2025 and doc.report.value("t3:carry:natural") == 3
    assert doc.path is None and doc.is_modified                 # to be saved under a new name
    assert doc.report.last_year is not None
    assert "上年结转" in boxes.texts() and "跨年度检查" in boxes.texts()
    boxes.answer = "不保存"          # closing the window at the end asks about the unsaved report


def test_new_from_a_spreadsheet_asks_the_year_and_the_unit(make_window, boxes, tmp_path, monkeypatch):
    from forms.document import build_document
    from forms.export.xlsx_writer import xlsx_bytes
    xlsx = tmp_path / "上年.xlsx"
    xlsx.write_bytes(xlsx_bytes(build_document(pingtan_report())))
    monkeypatch.setattr(QInputDialog, "getInt", staticmethod(lambda *a, **k: (2025, True)))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("平潭综合实验区管理委员会", True)))
    window = make_window()
    assert start_from(window, xlsx)
    assert window.document.report.meta.agency == "平潭综合实验区管理委员会"
    assert window.document.report.meta.year == 2025
    boxes.answer = "不保存"


def test_a_bad_last_year_file_is_a_message(make_window, boxes, tmp_path):
    bad = tmp_path / "坏.nianbao"
    bad.write_text("{", encoding="utf-8")
    window = make_window()
    before = window.document
    assert not start_from(window, bad)
    assert window.document is before and "无法从上年报告新建" in boxes.texts()


# --------------------------------------------------------------------------- the File menu

def test_file_menu_starts_from_last_year(make_window, boxes, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog
    last = tmp_path / "2024.nianbao"
    save_report(pingtan_report(), last)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(last), "")))
    window = make_window()
    window.carryover_action.trigger()
    assert window.document.report.meta.year == 2025 and window.document.report.last_year is not None
    boxes.answer = "不保存"


def test_file_menu_aggregates_and_opens_the_total(make_window, boxes, tmp_path, monkeypatch, qtbot):
    from desktop.aggregate_dialog import AggregateDialog
    for name in ("甲局", "乙局"):
        report = pingtan_report()
        report.meta.agency = name
        save_report(report, tmp_path / f"{name}.nianbao")

    def run_dialog(dialog):
        dialog.add_paths([tmp_path])
        dialog.unit.setText("某县人民政府")
        dialog.start()
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
        dialog.open_total()
        return 1
    monkeypatch.setattr(AggregateDialog, "exec", run_dialog)
    window = make_window()
    window.aggregate_action.trigger()
    total = window.document.report
    assert total.meta.agency == "某县人民政府" and total.value("t3:new:total") == 2 * 218
    assert window.document.path is None and window.document.is_modified
    boxes.answer = "不保存"
