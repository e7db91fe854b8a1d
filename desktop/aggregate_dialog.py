"""「汇总下属单位报告…」: choose the units' files or a folder and the 报告年度 (prefilled from the
report files or, with spreadsheets alone, their titles: forms/aggregate_year.py, the rule
``nianbao aggregate`` follows too), sum them with a progress bar, read what was not summed and
why, then open the total (and, if wanted, save the breakdown .xlsx).

The work (forms/aggregate.py) runs in a worker thread so that the window stays alive over a
thousand files; the dialog only shows its progress and can cancel it.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QElapsedTimer, QEventLoop, QSignalBlocker, Qt, QThread, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QApplication, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QMessageBox, QProgressBar, QPushButton, QSpinBox,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout)

from forms.aggregate import (PROBLEM_KINDS, SERIOUS, AggregateError, Aggregation, ReportCache, aggregate,
                             read_expect_list, report_years)
from forms.aggregate_year import choose_year, other_years, years_counted
from forms.report import Report
from forms.storage import FileFormatError

from .new_report_dialog import default_year
from .screen_fit import fitted_size

TITLE = "汇总下属单位报告"
INPUT_FILTER = "年报文件或统计表 (*.nianbao *.xlsx);;所有文件 (*)"
OPEN_ELSEWHERE = "正在编辑"
YEAR_HINT = "按加入的年报（.nianbao）或统计表标题中的年度预填；统计表（.xlsx）按此年度汇总"
OTHER_YEARS_SHOWN = 6        # the question must fit a laptop at 150 %; the list after the sum has them all
CHANGED = "汇总的文件或设置已改变，请重新“开始汇总”。"
STALE_LIST = "下表是上次汇总的情况，仅供参考。"
STALE_COLOR = QColor("#888")
PROGRESS_AFTER_MS = 300      # a few files read at once: no bar flashing up and away


@contextmanager
def _busy():
    """Reading a thousand reports' years, or searching a deep folder, takes a moment."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class _Stoppable(QThread):
    """Work over many files that says how far it is and stops when 停止 or 关闭 asks."""
    progressed = Signal(int, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.cancelled = False

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self.cancelled


class _YearReader(_Stoppable):
    """The years of the report files, read off the window's thread: a thousand files on a slow
    share take seconds, and a window that does not repaint looks hung."""

    def __init__(self, paths: list[Path], cache: ReportCache, parent=None):
        super().__init__(parent)
        self.paths, self.cache = paths, cache
        self.years: dict[Path, tuple[str, int]] = {}

    def run(self):
        try:
            self.years = report_years(self.paths, cache=self.cache, progress=self._progress)
        except Exception:  # noqa: BLE001 - the years are a hint; the sum says what is wrong with a file
            self.years = {}


class _Worker(_Stoppable):
    finished_with = Signal(object)      # an Aggregation, or the message of why there is none

    def __init__(self, paths: list[Path], unit: str, year: int, expect: list[str] | None,
                 cache: ReportCache | None = None, parent=None):
        super().__init__(parent)
        self.paths, self.unit, self.year, self.expect, self.cache = paths, unit, year, expect, cache

    def run(self):
        try:
            result = aggregate(self.paths, self.unit, self.year, expect=self.expect, progress=self._progress,
                               cache=self.cache)
        except AggregateError as exc:
            result = exc             # its problems are listed, not run together in the status line
        except Exception as exc:  # noqa: BLE001 - a worker thread must always report back
            result = f"汇总时发生内部错误：{exc}"
        self.finished_with.emit(result)


class AggregateDialog(QDialog):
    def __init__(self, open_report: Callable[[Report], None], parent=None, start: str = ""):
        """``start``: the folder the file choosers open in (see file_actions.start_folder)."""
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.start_dir = start
        self.resize(*fitted_size(self, 760, 560))     # a laptop at 125–150 % has less
        self.open_report = open_report
        self.result: Aggregation | None = None
        self.worker: _Worker | None = None
        self.reader: _YearReader | None = None
        # Each report file is read once while it stays unchanged: for the year prefilled, the year
        # question and the sum (forms/aggregate.py ReportCache says why a cache).
        self.cache = ReportCache()
        self.stale = False           # the problem list is of a sum whose files or settings changed

        self.files = QListWidget()
        add_files, add_folder, remove = QPushButton("添加文件…"), QPushButton("添加文件夹…"), QPushButton("移除")
        add_files.clicked.connect(self._choose_files)
        add_folder.clicked.connect(self._choose_folder)
        remove.clicked.connect(self._remove_selected)
        self.unit = QLineEdit(placeholderText="如：某某县人民政府（汇总报告的机关全称）")
        self.year = QSpinBox()
        self.year.setRange(2008, 2100)
        self.year.setSuffix(" 年度")
        self.year.setValue(default_year())
        self.year_by_hand = False       # the clerk's own choice is not overwritten by the files added
        self.year.valueChanged.connect(lambda: setattr(self, "year_by_hand", True))
        self.expect = QLineEdit(placeholderText="可选：应报送单位名单（.txt，每行一个机关全称）")
        choose_expect = QPushButton("选择…")
        choose_expect.clicked.connect(self._choose_expect)
        # What the sum reads cannot change under it (nor 开始汇总 come back on to start a second).
        self.inputs = [self.files, add_files, add_folder, remove, self.unit, self.year, self.expect, choose_expect]
        self.progress = QProgressBar()
        self.progress.hide()       # until 开始汇总: empty, it looks like a text box without a label
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.problems = QTreeWidget()
        self.problems.setHeaderLabels(["情况", "单位", "文件", "说明"])
        self.problems.setRootIsDecorated(False)
        self.start_button, self.cancel_button = QPushButton("开始汇总"), QPushButton("停止")
        self.open_button, self.close_button = QPushButton("打开汇总结果"), QPushButton("关闭")
        self.export_button = QPushButton("导出 Excel 附件（含分单位明细）…")
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_button.clicked.connect(self.open_total)
        self.export_button.clicked.connect(self._export)
        self.close_button.clicked.connect(self.reject)

        file_buttons = QHBoxLayout()
        for b in (add_files, add_folder, remove):
            file_buttons.addWidget(b)
        file_buttons.addStretch(1)
        expect_row = QHBoxLayout()
        expect_row.addWidget(self.expect, 1)
        expect_row.addWidget(choose_expect)
        year_row = QHBoxLayout()
        year_row.addWidget(self.year)
        year_hint = QLabel(YEAR_HINT)
        year_hint.setStyleSheet("color: #666;")
        year_row.addWidget(year_hint, 1)
        form = QFormLayout()
        form.addRow("汇总单位：", self.unit)
        form.addRow("报告年度：", year_row)
        form.addRow("单位名单：", expect_row)
        buttons = QHBoxLayout()
        for b in (self.start_button, self.cancel_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.export_button, self.open_button, self.close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("下属单位的年报（.nianbao）或统计表（.xlsx，以文件名作单位名称）："))
        layout.addWidget(self.files, 1)
        layout.addLayout(file_buttons)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.problems, 2)
        layout.addLayout(buttons)
        for changed in (self.unit.textChanged, self.year.valueChanged, self.expect.textChanged):
            changed.connect(self._inputs_changed)
        self._set_running(False)

    # ------------------------------------------------------------------ choosing

    def add_paths(self, paths) -> None:
        present = {self.files.item(i).text() for i in range(self.files.count())}
        for p in paths:
            if str(p) not in present:
                self.files.addItem(str(p))
                present.add(str(p))
        self._files_changed()

    def _remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self._files_changed()

    def _files_changed(self) -> None:
        if not self.year_by_hand:
            years = self._read_years()
            if years is not None:
                with _busy():       # spreadsheets alone: what their titles say (nianbao aggregate's rule)
                    year = choose_year(self.paths(), years).year
                if year is not None:
                    with QSignalBlocker(self.year):
                        self.year.setValue(year)
        self._inputs_changed()

    def _read_years(self) -> dict[Path, tuple[str, int]] | None:
        """The unit and year of each report file listed (report_years), None if 停止 or 关闭 stopped
        the reading.  Read in a thread while this waits: the window repaints, a bar shows how far
        it is, and nothing can be changed or started meanwhile."""
        status, progress_shown = self.status.text(), not self.progress.isHidden()
        self.reader = reader = _YearReader(self.paths(), self.cache, self)
        clock = QElapsedTimer()
        clock.start()

        def show(done: int, total: int) -> None:
            if clock.elapsed() >= PROGRESS_AFTER_MS:
                self.progress.setRange(0, total)
                self.progress.setValue(done)
                self.progress.show()
                self.status.setText(f"正在读取年报的年度：{done} / {total} 个文件……")
        reader.progressed.connect(show)
        loop = QEventLoop()
        reader.finished.connect(loop.quit)        # queued: it arrives inside loop.exec()
        self._set_running(True)
        with _busy():
            reader.start()
            loop.exec()
            reader.wait()
        self.reader = None
        years = None if reader.cancelled else reader.years
        reader.deleteLater()                      # one a change of the files: not kept to the end
        self.status.setText(status)
        self.progress.setVisible(progress_shown)
        self._set_running(self.worker is not None)
        return years

    def _inputs_changed(self) -> None:
        """A total of other files or settings must not be opened as the one now chosen, nor its
        problems read as those of the files now listed."""
        if self.result is not None:
            self.result = None
            self.progress.hide()
            self.status.setText(CHANGED)
        if self.problems.topLevelItemCount() and not self.stale:
            # Greyed, not cleared: the clerk may be working down it (a file to replace, a unit to ask).
            self.stale = True
            self.progress.hide()
            self.status.setText(CHANGED + STALE_LIST)
            grey = QBrush(STALE_COLOR)
            for i in range(self.problems.topLevelItemCount()):
                item = self.problems.topLevelItem(i)
                for c in range(self.problems.columnCount()):
                    item.setForeground(c, grey)
        self._set_running(self.worker is not None)

    def paths(self) -> list[Path]:
        return [Path(self.files.item(i).text()) for i in range(self.files.count())]

    def _choose_files(self):
        names, _ = QFileDialog.getOpenFileNames(self, "选择下属单位的年报", self.start_dir, INPUT_FILTER)
        self.add_paths(names)

    def _choose_folder(self):
        folder = QFileDialog.getExistingDirectory(self, "选择存放下属单位年报的文件夹", self.start_dir)
        if folder:
            self.add_paths([folder])

    def _choose_expect(self):
        name, _ = QFileDialog.getOpenFileName(self, "选择应报送单位名单", self.start_dir, "文本文件 (*.txt);;所有文件 (*)")
        if name:
            self.expect.setText(name)

    # ------------------------------------------------------------------ running

    def _set_running(self, running: bool) -> None:
        for widget in self.inputs:
            widget.setEnabled(not running)
        self.start_button.setEnabled(not running and self.files.count() > 0)
        self.cancel_button.setEnabled(running)
        self.open_button.setEnabled(not running and self.result is not None)
        self.export_button.setEnabled(not running and self.result is not None)
        # Enter after typing the unit starts the sum, then opens it; it opened 「添加文件」.
        (self.open_button if self.result is not None else self.start_button).setDefault(True)

    def start(self) -> None:
        expect = None
        if self.expect.text().strip():
            try:
                expect = read_expect_list(Path(self.expect.text().strip()))
            except FileFormatError as exc:
                QMessageBox.warning(self, TITLE, str(exc))
                return
        year = self.year.value()
        if not self._confirm_year(year):
            return
        self.result = None
        self.problems.clear()
        self.stale = False
        self.status.setText("正在读取……")
        self.progress.setRange(0, 0)
        self.progress.show()
        self.worker = _Worker(self.paths(), self.unit.text().strip(), year, expect, self.cache, self)
        self.worker.progressed.connect(self._on_progress)
        self.worker.finished_with.connect(self._on_finished)
        self._set_running(True)
        self.worker.start()

    def _confirm_year(self, year: int) -> bool:
        """Report files of another year are left out of the sum: the clerk hears which, before it."""
        years = self._read_years()
        if years is None:
            return False
        lines = other_years(years, year, OTHER_YEARS_SHOWN)      # as nianbao aggregate names them
        if not lines:
            return True
        others = sum(y != year for _, y in years.values())
        text = (f"所选报告年度是 {year} 年度，加入的年报（.nianbao）中有 {others} 份不是这一年度的"
                f"（共 {len(years)} 份：{years_counted(years)}），不会计入汇总：\n\n" + "\n".join(lines)
                + f"\n\n仍按 {year} 年度汇总吗？如要汇总其他年度，请先改选“报告年度”。")
        box = QMessageBox(QMessageBox.Icon.Warning, TITLE, text, parent=self)
        go = box.addButton(f"按 {year} 年度汇总", QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is go

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancelled = True
        if self.reader is not None:
            self.reader.cancelled = True

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.status.setText(f"已读取 {done} / {total} 个文件……")

    def _on_finished(self, result) -> None:
        if self.worker is not None:
            self.worker.wait()
            self.worker = None
        if isinstance(result, (AggregateError, str)):
            self.progress.hide()       # stopped or refused: a full bar would say it was done
            message = str(result)
            if isinstance(result, AggregateError):
                self._list_problems(result.problems)
                # Forty unreadable files would make forty lines here; they are in the list below.
                message = message.split("\n", 1)[0].rstrip("：")
                message += "。原因见下表。" if result.problems else ""
            self.status.setText(message)
            self._set_running(False)
            return
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.result = result
        self._list_problems(result.problems)
        serious = len(result.serious) + self._list_open_elsewhere(result)
        self.status.setText(f"已汇总 {len(result.units)} 个单位（{result.total.meta.year}年度）。"
                            + (f"有 {serious} 项需要核对，见下表。" if serious else "所有文件均已计入，没有问题。"))
        self._set_running(False)

    def _list_problems(self, problems) -> None:
        for p in problems:
            item = QTreeWidgetItem([PROBLEM_KINDS[p.kind], p.unit, p.path.name if p.path else "", p.message])
            item.setToolTip(3, p.message)
            if p.path:       # the column cuts long names short; which folder it lies in matters too
                item.setToolTip(2, str(p.path))
            self.problems.addTopLevelItem(item)

    def _list_open_elsewhere(self, result: Aggregation) -> int:
        """Units whose file a window has open: what was summed is only what they last saved."""
        from .file_lock import read_lock
        count = 0
        for u in result.units:
            info = read_lock(u.path)
            if info is None:
                continue
            why = f"已被{info.describe()}打开，计入的是最后保存的内容；如有未保存的修改，请先保存再重新汇总"
            item = QTreeWidgetItem([OPEN_ELSEWHERE, u.name, u.path.name, why])
            item.setToolTip(2, str(u.path))
            item.setToolTip(3, why)
            self.problems.addTopLevelItem(item)
            count += 1
        return count

    # ------------------------------------------------------------------ results

    def open_total(self) -> None:
        # False: the clerk kept the report in the window (取消 at 是否保存); the total stays here.
        if self.result is not None and self.open_report(self.result.total) is not False:
            self.accept()

    def _export(self) -> None:
        if self.result is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, "导出汇总附件", str(Path(self.start_dir, "汇总.xlsx")),
                                               "Excel 工作簿 (*.xlsx)")
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> bool:
        from forms.aggregate import attachment_bytes
        from forms.fileio import WriteError, atomic_write
        try:
            atomic_write(path, attachment_bytes(self.result))
        except WriteError as exc:
            QMessageBox.warning(self, TITLE, str(exc))
            return False
        self.status.setText(f"已导出：{path}")
        return True

    def reject(self) -> None:
        if self.worker is not None:      # closing stops the work; the thread ends before we go
            self.worker.cancelled = True
            self.worker.wait()
            self.worker = None
        if self.reader is not None:      # _read_years, waiting below, then returns at once
            self.reader.cancelled = True
        super().reject()


def aggregate_units(window) -> None:
    """The menu action: the dialog; the total opens in the window as a new, unsaved report."""
    from .document import ReportDocument

    def open_report(report: Report) -> bool:
        if not window.files.maybe_save():
            return False
        doc = ReportDocument(report)
        doc.mark_modified()
        window.set_document(doc, None)
        return True

    from .file_actions import start_folder
    AggregateDialog(open_report, window, start_folder(window.document)).exec()
