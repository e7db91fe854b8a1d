"""「导入表格到当前报告…」: the statistics tables of a workbook put into the report in the window.

A clerk who has written the cover and the narrative receives the tables from a colleague who
keeps them in Excel.  The workbook is read as 「从 Excel 导入」 reads it (desktop/import_action.py),
in the open report's edition, year and unit, and its values go into this report as one undo step
(forms/importer/into_report.py says what changes); the cover, the narrative, the fees and the
findings marked 确认无误 stay as they are.  A workbook of another year is refused; values that
would replace the clerk's own are asked about first; a file that cannot be used is a message.
The report is changed only at the very end, and not at all when the clerk cancels.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QMessageBox

from forms.aggregate import stated_years
from forms.importer import ImportResult
from forms.importer.into_report import TablesImport, tables_import

from .import_action import ImportNotesDialog, Wording, choose_workbook, read_workbook

TITLE = "导入表格到当前报告"
INTO_REPORT = Wording(TITLE, "导入到当前报告",
                      "导入后，原表中与计算值不同的合计、与格式不同的标签会在“检查结果”中列出；"
                      "未导入、缺少和空白的单元格保留报告中原有的数值，请对照原表核对。报告的封面、正文等其余内容不变；"
                      "整个导入可用“撤销”一步还原，报告不会自动保存。",
                      "（当前报告的格式版本不能改选；要按那个版式导入，请用“文件 → 从 Excel 导入”新建报告）")


def import_into_report(window) -> bool:
    """The menu action: the workbook, then the import into the report in the window."""
    if window.document.read_only:
        QMessageBox.information(window, TITLE, "报告以只读方式打开，不能导入表格；请先“另存为”一个新文件。")
        return False
    path = choose_workbook(window, INTO_REPORT)
    return import_into(window, path) if path is not None else False


def import_into(window, path: Path) -> bool:
    """Reads ``path`` in the open report's edition, year and unit and, once the clerk has read
    the notes and agreed to replace what differs, puts its tables into the report."""
    doc = window.document
    doc.flush_edits()              # a cell still being typed is the report's value, to be asked about
    report = doc.report
    if _refused_for_its_year(window, path, report.meta.year):
        return False
    result = read_workbook(window, path, report.edition.id, report.meta.year, report.meta.agency, INTO_REPORT)
    if result is None:
        return False
    if (result.notes or result.hints) and \
            ImportNotesDialog(result, window, INTO_REPORT).exec() != QDialog.DialogCode.Accepted:
        return False
    change = tables_import(report, result)
    if change.overwritten and not _overwrite_agreed(window, path, change):
        window.status("已取消导入，报告没有改变。")
        return False
    if not change.changes(report):
        window.status(f"“{path.name}”中的 {result.placed} 个数值与报告中的相同，报告没有改变。")
        _show_first(window, change)
        return False
    doc.import_tables(change.values, change.declared, change.published_labels, f"导入表格（{path.name}）")
    _show_first(window, change)
    if any(not f.reviewed for f in doc.findings):
        window.checks_dock.show()
        window.checks_dock.raise_()
    window.status(_done_text(path, result, change))
    return True


def _refused_for_its_year(window, path: Path, year: int) -> bool:
    """Last year's tables put into this year's report would pass for this year's numbers."""
    stated = stated_years(path)
    if not stated or year in stated:
        return False
    shown = "、".join(map(str, sorted(stated)))
    QMessageBox.warning(window, f"无法{TITLE}",
                        f"“{path.name}”的表格标题写的是 {shown} 年度，当前报告是 {year} 年度，未导入。\n"
                        f"如果这是 {shown} 年度的表格，请用“文件 → 从 Excel 导入”为它新建一份报告。"
                        "\n\n窗口中的报告没有改变。")
    return True


def _overwrite_agreed(window, path: Path, change: TablesImport) -> bool:
    per_table = change.overwritten_per_table(window.document.report)
    box = QMessageBox(QMessageBox.Icon.Question, TITLE,
                      f"“{path.name}”中有 {len(change.overwritten)} 个数值与报告中已填写的不同"
                      f"（{'、'.join(f'{name} {n} 个' for name, n in per_table.items())}），导入会覆盖它们。",
                      QMessageBox.StandardButton.NoButton, window)
    box.setInformativeText("表格中空白或未导入的单元格保留报告中原有的数值。覆盖后可用“撤销”一步还原。")
    overwrite = box.addButton("覆盖", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton("取消", QMessageBox.ButtonRole.RejectRole))
    box.exec()
    return box.clickedButton() is overwrite


def _show_first(window, change: TablesImport) -> None:
    if change.tables:
        window.show_table(change.tables[0])


def _done_text(path: Path, result: ImportResult, change: TablesImport) -> str:
    filled = len(change.values) - len(change.overwritten)
    parts = [f"填入空白 {filled} 个"] if filled else []
    parts += [f"覆盖原有数值 {len(change.overwritten)} 个"] if change.overwritten else []
    changed = f"改变 {len(change.values)} 格（{'，'.join(parts)}）" if parts else "各格数值与原来相同"
    return (f"已从“{path.name}”导入 {result.placed} 个数值，{changed}；表格中空白或未导入的单元格保留了"
            "原有的数值。可撤销，报告尚未保存。")
