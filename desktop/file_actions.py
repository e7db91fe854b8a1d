"""New, open, save, save as, recent files and the questions around them, for one main window.

A report is opened with a lock file beside it; when someone else holds the lock the clerk chooses
read-only or cancel.  A save that fails says why and loses nothing: the report stays in the window
and a recovery copy is written at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from forms.edition import default_edition_for
from forms.fileio import WriteError
from forms.report import Report
from forms.storage import EXTENSION, ConflictError, FileFormatError, read_report, save_report

from . import file_lock
from .document import ReportDocument
from .new_report_dialog import NewReportDialog, default_year
from .settings import add_recent_file, recent_files, remove_recent_file

FILE_FILTER = f"年报文件 (*{EXTENSION});;所有文件 (*)"
# Files a clerk may pick in 打开 that are not reports, and what to do with them instead.
_XLSX = "是 Excel 统计表，不是年报文件。请用“文件 → 从 Excel 导入…”把其中的表格导入为新报告，" \
        "或用“从上年报告新建…”以它作为上年数据。"
_WORD = "是 Word 文件，不是年报文件。年报程序只打开 .nianbao 文件；Word 中的文字可复制粘贴到正文。"
OTHER_KINDS = {
    ".xlsx": _XLSX,
    ".xls": "是旧版 Excel 文件，不是年报文件。请在 Excel 或 WPS 中另存为 .xlsx 后用“文件 → 从 Excel 导入…”。",
    ".docx": _WORD,
    ".doc": _WORD,
    ".pdf": "是 PDF 文件，不是年报文件。年报程序只打开 .nianbao 文件。",
}


def blank_document() -> ReportDocument:
    year = default_year()
    return ReportDocument(Report.new(default_edition_for(year), year, ""))


def ask_read_only(parent, error: file_lock.LockedError) -> str:
    """"read_only", "edit" (the lock of another computer, whose holder the clerk knows is gone)
    or "cancel"."""
    stale = file_lock.could_be_stale(error.info)
    box = QMessageBox(QMessageBox.Icon.Warning, "报告已被打开",
                      f"“{error.path.name}”已被{error.info.describe()}打开。\n\n"
                      "同时修改同一份报告会互相覆盖。可以只读打开（可查看、打印、导出和另存为），"
                      "或取消。" + ("\n\n如果确定对方已经不在编辑（例如那台电脑曾经死机，或者报告是连同"
                                 "锁定文件一起复制来的），可以选择“仍然编辑”。" if stale else ""),
                      parent=parent)
    read_only = box.addButton("只读打开", QMessageBox.ButtonRole.AcceptRole)
    edit = box.addButton("仍然编辑", QMessageBox.ButtonRole.DestructiveRole) if stale else None
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(read_only)
    box.exec()
    clicked = box.clickedButton()
    return "read_only" if clicked is read_only else "edit" if edit is not None and clicked is edit else "cancel"


def lock_or_ask(parent, doc: ReportDocument) -> tuple[bool, file_lock.FileLock | None]:
    """Takes the lock of the document's file; when it is held, asks (read-only, edit anyway,
    cancel).  Returns (False, None) when the clerk cancels; a read-only answer marks the doc."""
    try:
        return True, file_lock.acquire(doc.path)
    except file_lock.LockedError as exc:
        answer = ask_read_only(parent, exc)
    if answer == "cancel":
        return False, None
    if answer == "edit":
        # The digest taken at reading still stops a save over a change made meanwhile.
        return True, file_lock.acquire(doc.path, take_over=True)
    doc.read_only = True
    return True, None


def ask_save_changes(parent, name: str) -> str:
    """"save", "discard" or "cancel" for a report with unsaved changes."""
    box = QMessageBox(QMessageBox.Icon.Question, "保存修改",
                      f"“{name}”有尚未保存的修改。是否保存？", parent=parent)
    save = box.addButton("保存", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("不保存", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return "save" if clicked is save else "discard" if clicked is discard else "cancel"


def ask_conflict(parent, message: str) -> str:
    """"save_as", "overwrite" or "cancel" when the file changed on disk since it was read."""
    box = QMessageBox(QMessageBox.Icon.Warning, "文件已被修改", message, parent=parent)
    save_as = box.addButton("另存为…", QMessageBox.ButtonRole.AcceptRole)
    overwrite = box.addButton("仍然覆盖", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save_as)
    box.exec()
    clicked = box.clickedButton()
    return "save_as" if clicked is save_as else "overwrite" if clicked is overwrite else "cancel"


def load_document(parent, path) -> tuple[ReportDocument, file_lock.FileLock | None] | None:
    """Reads a report and takes its lock (asking about read-only); None when it is not opened."""
    path = Path(path)
    other = OTHER_KINDS.get(path.suffix.lower())
    if other is not None and path.is_file():
        # Not a report whatever it holds: say what to do with it instead of how it fails to read.
        QMessageBox.warning(parent, "无法打开", f"“{path.name}”{other}")
        return None
    try:
        report, digest = read_report(path)
    except FileFormatError as exc:
        QMessageBox.warning(parent, "无法打开", str(exc))
        if not path.exists():
            remove_recent_file(str(path.absolute()))
        return None
    doc = ReportDocument(report, path.absolute(), digest)
    opened, lock = lock_or_ask(parent, doc)
    if not opened:
        return None
    add_recent_file(path)
    return doc, lock


class FileActions:
    def __init__(self, window):
        self.window = window

    @property
    def doc(self) -> ReportDocument:
        return self.window.document

    def display_name(self) -> str:
        return self.doc.path.name if self.doc.path else "未命名报告"

    # ------------------------------------------------------------------ asking before losing work

    def maybe_save(self) -> bool:
        """True when the current report may be replaced or closed (saved, or the clerk said so)."""
        self.doc.flush_edits()
        if not self.doc.is_modified:
            return True
        answer = ask_save_changes(self.window, self.display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    # ------------------------------------------------------------------ new and open

    def new_report(self) -> bool:
        if not self.maybe_save():
            return False
        dialog = NewReportDialog(self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        edition, year, agency = dialog.values()
        self.window.set_document(ReportDocument(Report.new(edition, year, agency)), None)
        self.window.show_meta()
        return True

    def open_file(self) -> bool:
        start = start_folder(self.doc)
        path, _ = QFileDialog.getOpenFileName(self.window, "打开报告", start, FILE_FILTER)
        return self.open_path(path) if path else False

    def open_path(self, path) -> bool:
        if self._show_if_open(Path(path)):
            return True
        if not self.maybe_save():
            return False
        loaded = load_document(self.window, path)
        if loaded is None:
            return False
        self.window.set_document(*loaded)
        return True

    def _show_if_open(self, path: Path) -> bool:
        """A report already open in a window of this program is shown there, not read again: its
        own lock would make it read-only, and the clerk's unsaved work is in that window."""
        from .main_window import all_windows

        for window in [self.window] + [w for w in all_windows() if w is not self.window]:
            open_path = window.document.path
            if open_path is None or not _same_file(open_path, path):
                continue
            if window is not self.window:
                window.show()
                window.raise_()
                window.activateWindow()
            window.status(f"“{path.name}”已在此窗口中打开。")
            return True
        return False

    # ------------------------------------------------------------------ save

    def save(self) -> bool:
        if self.doc.path is None or self.doc.read_only:
            return self.save_as()
        return self._write(self.doc.path, self.doc.digest)

    def save_as(self) -> bool:
        doc = self.doc
        suggested = doc.path or _new_report_folder() / f"{doc.report.meta.effective_title}{EXTENSION}"
        path, _ = QFileDialog.getSaveFileName(self.window, "另存为", str(suggested), FILE_FILTER)
        if not path:
            return False
        path = Path(path)
        if path.suffix.lower() != EXTENSION:
            path = path.with_name(path.name + EXTENSION)
        path = path.absolute()
        if path == doc.path and not doc.read_only:
            return self._write(path, doc.digest)
        try:
            new_lock = file_lock.acquire(path)
        except file_lock.LockedError as exc:
            QMessageBox.warning(self.window, "无法另存为",
                                f"{exc}，不能覆盖。请换一个文件名。")
            return False
        if not self._write(path, None):
            if new_lock is not None:
                new_lock.release()
            return False
        self.window.replace_lock(new_lock)
        if doc.read_only:
            doc.read_only = False
            self.window.read_only_changed()
        return True

    def _write(self, path: Path, expected_digest: str | None, force: bool = False) -> bool:
        doc = self.doc
        doc.flush_edits()
        try:
            digest = save_report(doc.report, path, expected_digest, force)
        except ConflictError as exc:
            answer = ask_conflict(self.window, str(exc))
            if answer == "overwrite":
                return self._write(path, expected_digest, force=True)
            if answer == "save_as":
                return self.save_as()
            return False
        except (WriteError, OSError) as exc:
            copy = self.window.write_recovery_copy()
            kept = f"\n\n报告仍在窗口中，没有丢失任何内容。" + (
                f"已另存一份恢复副本：{copy}" if copy else "")
            QMessageBox.critical(self.window, "保存失败",
                                 f"无法保存到“{path}”：\n{exc}{kept}\n\n请另存到其他位置（例如桌面或 U 盘）。")
            return False
        doc.mark_saved(path, digest)
        self.window.autosaver.discard()
        add_recent_file(path)
        # A cover entry still refused (shown red) is not in the file: saving must not hide that,
        # and it is said first, before a long path can push it out of the status bar.
        form = self.window.pages.get(("meta", ""))
        refused = form.refused_labels() if hasattr(form, "refused_labels") else []
        if refused:
            self.window.status(f"已保存，但封面“{'、'.join(refused)}”的输入未通过检查，没有保存，"
                               f"请改正后再保存。文件：{path}")
        else:
            self.window.status(f"已保存到 {path}")
        return True


def start_folder(doc: ReportDocument) -> str:
    """Where a file chooser opens: the report's folder, else where the reports were last opened.
    Not Qt's default, the working folder: started from the desktop shortcut, that is the
    program's own folder (or Windows's System32), where no report is."""
    return str(doc.path.parent if doc.path else _new_report_folder())


def _new_report_folder() -> Path:
    """Where a report not saved yet is offered to go: beside the report opened last (next year's
    beside last year's), else the home folder."""
    for recent in recent_files():
        folder = Path(recent).parent
        if folder.is_dir():
            return folder
    return Path.home()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:         # one of them is gone: compare the names
        return Path(a).absolute() == Path(b).absolute()
