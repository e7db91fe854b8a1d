"""「从 Excel 导入…」: a new report from statistics tables filled in an .xlsx workbook.

The same contract as ``nianbao import`` (forms/commands/import_.py): the clerk names the year,
the edition and the unit, the tables are found in the workbook by their labels (forms/importer),
and the result is a new report — here opened in the window unsaved, after the clerk has read what
the importer could not place and said to go on.  A file that cannot be used is a message; the
report in the window is replaced only at the very end, after asking about its unsaved changes.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QFileDialog, QLabel,
                               QMessageBox, QPlainTextEdit, QPushButton, QVBoxLayout)

from forms.aggregate import stated_years
from forms.commands.import_ import KIND_ORDER
from forms.edition import EditionError
from forms.importer import NOTE_KINDS, ImportRefused, ImportResult, check_file, import_file
from forms.report import ReportError

from .document import ReportDocument
from .file_actions import start_folder
from .new_report_dialog import NewReportDialog
from .screen_fit import fitted_size

TITLE = "从 Excel 导入"
# .xls and WPS's .et are listed too: the clerk sees her file and is told to save it as .xlsx.
FILE_FILTER = "Excel 统计表 (*.xlsx *.xls *.et);;所有文件 (*)"
# The importer's hint about a better edition names the CLI option; in the window it is a choice.
_CLI_EDITION_HINT = re.compile(r"（命令行用 --edition [^）]*）")


@dataclass(frozen=True)
class Wording:
    """What the import says about where the tables go: a new report here, the report in the
    window in desktop/import_into_report.py."""
    title: str            # of the notes dialog; 「无法」 + it, of a refusal
    accept: str           # the notes dialog's button that goes on
    after: str            # the notes dialog's closing sentence: what happens next
    edition_advice: str   # in place of the CLI's 「（命令行用 --edition …）」


NEW_REPORT = Wording(TITLE, "打开导入的报告",
                     "打开后，原表中与计算值不同的合计、与格式不同的标签会在“检查结果”中列出；"
                     "未导入和缺少的数值请对照原表补填。新报告尚未保存，请先“另存为”。",
                     "（重新导入时在“格式版本”中改选）")


def import_from_excel(window) -> bool:
    """The menu action: the workbook, then the year, edition and unit, then the import."""
    path = choose_workbook(window, NEW_REPORT)   # before asking year and unit, not after
    if path is None:
        return False
    target = ask_target(window, path)
    return import_path(window, path, *target) if target else False


def choose_workbook(window, wording: Wording) -> Path | None:
    """The workbook the clerk picks, or None (cancelled, or a report file picked by mistake)."""
    path, _ = QFileDialog.getOpenFileName(window, "选择要导入的 Excel 统计表", start_folder(window.document),
                                          FILE_FILTER)
    if not path:
        return None
    if Path(path).suffix.lower() == ".nianbao":
        QMessageBox.warning(window, f"无法{wording.title}",
                            f"“{Path(path).name}”已是年报文件，不是 Excel 统计表；"
                            "请用“文件 → 打开”打开它。\n\n窗口中的报告没有改变。")
        return None
    try:
        check_file(path)        # an .xls is said at once, not after the year and unit were given
    except ImportRefused as exc:
        refuse(window, for_the_window(str(exc), wording), wording)
        return None
    return Path(path)


def ask_target(window, path: Path) -> tuple[str, int, str] | None:
    """(edition, year, unit) of the new report, as ``nianbao import`` takes them (--edition, --year, --unit)."""
    dialog = NewReportDialog(window)
    dialog.setWindowTitle(f"{TITLE}：{path.name}")
    agency = window.document.report.meta.agency
    if agency:          # a clerk mostly imports the tables of the unit already in the window
        dialog.agency.setText(agency)
    years = stated_years(path)      # 「（2017年度）」 above the table: its year, and with it the edition
    if len(years) == 1:
        dialog.year.setValue(years.pop())
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    ok.setText("导入")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.values()


def read_workbook(window, path: Path, edition: str, year: int, agency: str,
                  wording: Wording = NEW_REPORT) -> ImportResult | None:
    """The import, or None after saying in Chinese why the file cannot be used."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return import_file(path, edition, year, agency)
    except (ImportRefused, ReportError, EditionError) as exc:
        message = for_the_window(str(exc), wording)
    except OSError as exc:
        message = f"无法读取“{path.name}”：{exc.strerror or exc}"
    except Exception as exc:  # noqa: BLE001 - a hostile file must never take the open report with it
        from .error_dialog import write_crash_log
        log = write_crash_log(*sys.exc_info())
        message = (f"读取“{path.name}”时出现意外错误（{type(exc).__name__}: {exc}），未能导入。"
                   + (f"\n错误详情已记录在：{log}" if log else ""))
    finally:
        QApplication.restoreOverrideCursor()
    refuse(window, message, wording)
    return None


def refuse(window, message: str, wording: Wording) -> None:
    QMessageBox.warning(window, f"无法{wording.title}", f"{message}\n\n窗口中的报告没有改变。")


def import_path(window, path: Path, edition: str, year: int, agency: str) -> bool:
    """Imports ``path`` and, once the clerk has read the notes and asked to go on, opens the new
    report in ``window`` (unsaved: it must be saved under a name of its own)."""
    result = read_workbook(window, path, edition, year, agency)
    if result is None:
        return False
    if (result.notes or result.hints) and ImportNotesDialog(result, window).exec() != QDialog.DialogCode.Accepted:
        return False
    if not window.files.maybe_save():
        return False
    doc = ReportDocument(result.report)
    doc.mark_modified()          # nothing of it is on disk yet: closing asks to save
    window.set_document(doc, None)
    found = {f.split("：")[0] for f in result.found}      # 「表三：表三!A4」
    tables = result.report.edition.tables
    first_table = next((t for t in tables if t.name in found), next(iter(tables), None))
    if first_table is not None:     # the workbook's first table, not an empty 表二 it did not have
        window.show_table(first_table.id)
    if result.problems:          # R2–R4 and R11 findings come from what the importer kept
        window.checks_dock.show()
        window.checks_dock.raise_()
    window.status(f"已从“{path.name}”导入 {result.placed} 个数值。请先“另存为”一个新文件。")
    return True


def for_the_window(text: str, wording: Wording = NEW_REPORT) -> str:
    return _CLI_EDITION_HINT.sub(lambda _m: wording.edition_advice, text)


def notes_text(result: ImportResult, wording: Wording = NEW_REPORT) -> str:
    """The notes in the CLI's order, one a line, as the clerk reads and copies them."""
    lines = []
    for kind in KIND_ORDER:
        lines.extend(for_the_window(str(n), wording) for n in result.notes if n.kind == kind)
    return "\n".join(lines)


def summary_text(result: ImportResult, wording: Wording = NEW_REPORT) -> str:
    tables = "、".join(f.split("：")[0] for f in result.found)
    head = f"已从“{Path(result.source).name}”读出 {result.placed} 个数值{f'（{tables}）' if tables else ''}。"
    per_kind = {k: sum(1 for note in result.problems if note.kind == k) for k in KIND_ORDER}
    counts = [f"{NOTE_KINDS[k]} {n} 处" for k, n in per_kind.items() if n]
    for hint in result.hints:       # it explains the notes: said before them
        head += for_the_window(hint, wording) + "。"
    if not counts:
        return head if result.hints else head + "没有需要核对的地方，以下是导入时的说明。"
    return head + f"有 {len(result.problems)} 处需要核对：" + "，".join(counts) + "。"


class ImportNotesDialog(QDialog):
    """What the importer could not do, to read (and copy) before the tables are used."""

    def __init__(self, result: ImportResult, parent=None, wording: Wording = NEW_REPORT):
        super().__init__(parent)
        self.setWindowTitle(f"{wording.title}：需要核对的地方")
        self.resize(*fitted_size(self, 760, 480))     # a laptop at 125–150 % has less
        self.summary = QLabel(summary_text(result, wording))
        self.summary.setWordWrap(True)
        self.notes = QPlainTextEdit(notes_text(result, wording))
        self.notes.setReadOnly(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                           | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        after = QLabel(wording.after)
        after.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton(wording.accept, QDialogButtonBox.ButtonRole.AcceptRole)
        self.copy_button = QPushButton("复制全部")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton("放弃导入", QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.setDefault(True)
        self.copy_button.clicked.connect(self.copy_all)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.notes, 1)
        layout.addWidget(after)
        layout.addWidget(buttons)

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(f"{self.summary.text()}\n{self.notes.toPlainText()}")
