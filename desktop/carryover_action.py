"""「从上年报告新建…」: this year's report started from last year's .nianbao or .xlsx.

The domain work is forms/carryover.py; here the clerk chooses the file, says the year and the unit
when a spreadsheet cannot, and gets the new report in the window, unsaved (it must be saved under
a name of its own), with a word on what was carried over.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from forms.carryover import new_from_previous, read_previous
from forms.importer import ImportRefused
from forms.report import ReportError, validate_meta
from forms.storage import FileFormatError

from .document import ReportDocument
from .file_actions import start_folder

FILE_FILTER = "上年报告 (*.nianbao *.xlsx);;年报文件 (*.nianbao);;Excel 统计表 (*.xlsx);;所有文件 (*)"
TITLE = "从上年报告新建"


def new_from_last_year(window) -> bool:
    """The menu action: asks about unsaved work, then for last year's file."""
    if not window.files.maybe_save():
        return False
    doc = window.document
    start = start_folder(doc)
    path, _ = QFileDialog.getOpenFileName(window, "选择上年的年报", start, FILE_FILTER)
    return start_from(window, Path(path)) if path else False


def _ask_year(window) -> int | None:
    from .new_report_dialog import default_year
    year, ok = QInputDialog.getInt(window, TITLE, "电子表格中没有写明年度。本年报告的年度：",
                                   default_year(), 2009, 2100)
    return year if ok else None


def _ask_unit(window, path: Path) -> str | None:
    while True:
        text, ok = QInputDialog.getText(window, TITLE, "上年报告中没有机关全称，请填写：", text=path.stem)
        if not ok:
            return None
        try:
            unit = validate_meta("agency", text)
        except ReportError as exc:
            QMessageBox.warning(window, TITLE, str(exc))
            continue
        if unit:
            return unit


def start_from(window, path: Path) -> bool:
    """Makes the new report from last year's file at ``path`` and shows it in ``window``."""
    path = Path(path)
    year = None
    if path.suffix.lower() != ".nianbao":
        year = _ask_year(window)
        if year is None:
            return False
    try:
        previous, notes = read_previous(path, year)
        report = new_from_previous(previous, year)
    except (FileFormatError, ImportRefused, ReportError) as exc:
        QMessageBox.warning(window, "无法从上年报告新建", str(exc))
        return False
    if not report.meta.agency:
        unit = _ask_unit(window, path)
        if unit is None:
            return False
        report.meta.agency = unit
    doc = ReportDocument(report)
    doc.mark_modified()          # nothing of it is on disk yet: closing asks to save
    window.set_document(doc, None)
    # Only what the new report really took over: an empty opening is not said to be carried.
    kept = "单位、联系人" + ("和开头段落" if report.text("opening").strip() else "")
    carried = [f"沿用了{previous.meta.year}年度报告的{kept}（年份已改为{report.meta.year}年）"]
    if any(report.value(c) is not None for c in report.edition.cells if ":carry:" in c):
        carried.append("“上年结转”已按上年“结转下年度继续办理”填好")
    carried.append("上年数据已保存在本报告中，用于跨年度检查")
    message = "；".join(carried) + "。请先“另存为”一个新文件。"
    if notes:
        message += "\n\n导入上年报告时的提示：\n" + "\n".join(notes[:20])
    QMessageBox.information(window, TITLE, message)
    return True
