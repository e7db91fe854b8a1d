"""The main window: the outline on the left, the part being edited in the middle, the live checks
at the side.  One report per window; File → New/Open replaces it after asking about unsaved work."""

from __future__ import annotations

import importlib
import re
import sys
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QDockWidget, QLabel, QMainWindow, QMessageBox,
                               QStackedWidget, QWidget, QVBoxLayout)

from .autosave import Autosaver
from .checks_panel import ChecksPanel
from .document import ReportDocument
from .outline import Outline
from .settings import app_settings, recent_files

if TYPE_CHECKING:
    from forms.checks import Finding

    from .file_actions import FileActions
    from .file_lock import FileLock
    from .table_page import TablePage

APP_NAME = "年报"
DEFAULT_SIZE = (1280, 820)
_windows: "weakref.WeakSet[MainWindow]" = weakref.WeakSet()

# Print and export come from the modules of the print/export work; an item whose function is not
# there yet is shown disabled.
OPTIONAL_ACTIONS = (
    ("导出 Word(&W)…", "exporting", ("export_docx",), None),
    ("导出 Excel(&E)…", "exporting", ("export_xlsx",), None),
    ("导出 PDF(&D)…", "exporting", ("export_pdf",), None),
    ("打印预览(&V)…", "printing", ("print_preview", "preview"), None),
    ("打印(&P)…", "printing", ("print_report", "print_document"), QKeySequence.StandardKey.Print),
)


def all_windows() -> list["MainWindow"]:
    return list(_windows)


def _optional_function(module: str, names: tuple[str, ...]):
    try:
        mod = importlib.import_module(f"desktop.{module}")
    except ImportError:
        return None
    for name in names:
        fn = getattr(mod, name, None)
        if callable(fn):
            return fn
    return None


def _is_table_page(page) -> bool:
    # desktop.table_page is imported with the first table shown: before that no page is one.
    module = sys.modules.get("desktop.table_page")
    return module is not None and isinstance(page, module.TablePage)


def _placeholder(text: str) -> QWidget:
    widget = QWidget()
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    QVBoxLayout(widget).addWidget(label)
    return widget


def plain_label(text: str) -> str:
    """A menu item's text without its access key: "导出 Word(&W)…" → "导出 Word…"."""
    return re.sub(r"\(&\w\)", "", text)


class MainWindow(QMainWindow):
    def __init__(self, doc: ReportDocument | None = None, lock: FileLock | None = None,
                 *, check_after_shown: bool = False):
        """``check_after_shown``: the first checks run once the window's first frame is on the
        screen (start-up: the report appears ≈ 20 ms sooner), not before it is shown."""
        super().__init__()
        _windows.add(self)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._doc: ReportDocument | None = None
        self._lock: FileLock | None = None
        self.autosaver: Autosaver | None = None
        self.pages: dict[tuple[str, str], QWidget] = {}
        self._files: FileActions | None = None
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.outline_dock = QDockWidget("目录", self)
        self.outline_dock.setObjectName("outlineDock")
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.outline_dock)
        self.checks_dock = QDockWidget("检查结果", self)
        self.checks_dock.setObjectName("checksDock")
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.checks_dock)
        self.blank_label = QLabel()
        self.findings_label = QLabel()
        self.statusBar().addPermanentWidget(self.blank_label)
        self.statusBar().addPermanentWidget(self.findings_label)
        self._build_actions()
        self._checks_deferred = check_after_shown
        if doc is None:
            from .file_actions import blank_document
            doc = blank_document()
        self.set_document(doc, lock)
        self._restore_layout()
        if check_after_shown:
            from . import startup_probe
            from .first_frame import after_first_frame

            startup_probe.work_started()
            after_first_frame(self, self._first_checks)

    def _first_checks(self) -> None:
        from . import startup_probe

        self._checks_deferred = False
        self.checks.refresh()
        self._update_counts()
        startup_probe.work_done()

    @property
    def files(self) -> FileActions:
        """New, open, save …: loaded when first used (file dialogs, locks, storage), not at start."""
        if self._files is None:
            from .file_actions import FileActions
            self._files = FileActions(self)
        return self._files

    # ------------------------------------------------------------------ the document

    @property
    def document(self) -> ReportDocument:
        return self._doc

    def set_document(self, doc: ReportDocument, lock: FileLock | None = None) -> None:
        """Shows another report in this window (the caller has asked about unsaved work)."""
        old = self._doc
        if self.autosaver is not None:
            self.autosaver.discard()
            self.autosaver.deleteLater()
        self.replace_lock(lock)
        self._doc = doc
        doc.setParent(self)
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        for dock in (self.outline_dock, self.checks_dock):
            if dock.widget() is not None:
                dock.widget().deleteLater()
        self.outline = Outline(doc)
        self.outline.part_chosen.connect(self._show_part)
        # Enter (or a double click) on a part takes the keyboard into it.
        self.outline.itemActivated.connect(lambda *_: self._focus_page())
        self.outline_dock.setWidget(self.outline)
        self.checks = ChecksPanel(doc, deferred=self._checks_deferred)
        self.checks.finding_activated.connect(self.go_to_finding)
        self.checks_dock.setWidget(self.checks)
        self.autosaver = Autosaver(doc, self)
        self.autosaver.failed.connect(
            lambda why: self.status(f"无法自动保存恢复副本（{why}），程序意外退出时未保存的修改会丢失，请及时保存。"))
        doc.modifiedChanged.connect(self._update_title)
        doc.pathChanged.connect(lambda _p: self._update_title())
        doc.cellsChanged.connect(lambda _c: self._update_counts())
        doc.findingsChanged.connect(self._update_counts)
        self.undo_action.setEnabled(False)
        self._connect_undo(doc)
        if old is not None and old is not doc:
            old.deleteLater()
        self.read_only_changed()
        self._update_counts()
        first_table = next(iter(doc.report.edition.tables), None)
        if first_table is not None and doc.path is not None:
            self.show_table(first_table.id)
        else:
            self.show_meta()
        self._focus_page()

    def _focus_page(self) -> None:
        """The keyboard goes to the part shown: the outline that had it went with the old report."""
        page = self.stack.currentWidget()
        if _is_table_page(page):
            page.view.setFocus()
        elif hasattr(page, "focus_first_empty"):      # the cover
            page.focus_first_empty()
        elif hasattr(page, "text_edit"):              # a section of the narrative
            page.text_edit.setFocus()

    def replace_lock(self, lock: FileLock | None) -> None:
        if self._lock is not None and self._lock is not lock:
            self._lock.release()
        self._lock = lock

    def read_only_changed(self) -> None:
        ro = self.document.read_only
        self.save_action.setEnabled(not ro)
        self.fill_action.setEnabled(not ro)
        self.import_into_action.setEnabled(not ro)
        self.paste_action.setEnabled(not ro)
        self.clear_action.setEnabled(not ro)
        for key, page in self.pages.items():
            if _is_table_page(page):
                page.update_blank_count()
            elif hasattr(page, "update_read_only"):     # the narrative editor, the metadata form
                page.update_read_only()
        self.checks._update_buttons()
        self._update_title()
        if ro:
            self.status("只读打开：不能修改，可以查看、打印、导出和另存为。")

    def _update_title(self, *_):
        doc = self.document
        name = doc.path.name if doc.path else "未命名报告"
        ro = "（只读）" if doc.read_only else ""
        self.setWindowTitle(f"{name}{ro}[*] — {APP_NAME}")
        self.setWindowModified(doc.is_modified)

    def _update_counts(self, *_):
        blanks = len(self.document.report.blank_cells())
        self.blank_label.setText(f"空白 {blanks} 格" if blanks else "已全部填写")
        if self._checks_deferred:
            return
        findings = self.document.findings
        errors = sum(1 for f in findings if f.severity == "error")
        warnings = sum(1 for f in findings if f.severity == "warning" and not f.reviewed)
        self.findings_label.setText(f"错误 {errors}　提示 {warnings}")

    def status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    # ------------------------------------------------------------------ actions and menus

    def _action(self, text, slot, shortcut=None, menu=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, (list, tuple)):
                action.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda *_: slot())
        if menu is not None:
            menu.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        self.new_action = self._action("新建(&N)…", lambda: self.files.new_report(),
                                       QKeySequence.StandardKey.New, file_menu)
        self.open_action = self._action("打开(&O)…", lambda: self.files.open_file(),
                                        QKeySequence.StandardKey.Open, file_menu)
        # Loaded when chosen, not at start-up (desktop/carryover_action.py, desktop/aggregate_dialog.py).
        self.carryover_action = self._action("从上年报告新建(&L)…", lambda: importlib.import_module(
            "desktop.carryover_action").new_from_last_year(self), None, file_menu)
        self.import_action = self._action("从 Excel 导入(&I)…", lambda: importlib.import_module(
            "desktop.import_action").import_from_excel(self), None, file_menu)
        self.import_into_action = self._action("导入表格到当前报告(&B)…", lambda: importlib.import_module(
            "desktop.import_into_report").import_into_report(self), None, file_menu)
        self.aggregate_action = self._action("汇总下属单位报告(&H)…", lambda: importlib.import_module(
            "desktop.aggregate_dialog").aggregate_units(self), None, file_menu)
        self.recent_menu = file_menu.addMenu("最近打开(&R)")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self.save_action = self._action("保存(&S)", lambda: self.files.save(), QKeySequence.StandardKey.Save, file_menu)
        self.save_as_action = self._action("另存为(&A)…", lambda: self.files.save_as(), "Ctrl+Shift+S", file_menu)
        file_menu.addSeparator()
        self.optional_actions = {}
        for text, module, names, shortcut in OPTIONAL_ACTIONS:
            if text.startswith("打印预览"):
                file_menu.addSeparator()
            action = self._action(text, lambda m=module, n=names: self._run_optional(m, n), shortcut, file_menu)
            self.optional_actions[plain_label(text)] = (action, module, names)
        # Filled when opened: the profiles file and forms.fonts stay out of start-up.
        self.font_menu = file_menu.addMenu("字体方案(&T)")
        self.font_menu.aboutToShow.connect(lambda: importlib.import_module(
            "desktop.font_menu").fill_font_menu(self, self.font_menu))
        file_menu.aboutToShow.connect(self._update_optional_actions)
        file_menu.addSeparator()
        self._action("退出(&X)", self.close, QKeySequence.StandardKey.Quit, file_menu)

        edit_menu = bar.addMenu("编辑(&E)")
        self.undo_action = QAction("撤销(&U)", self)
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction("重做(&R)", self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.redo_action.triggered.connect(self.redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.copy_action = self._action("复制(&C)", lambda: self._on_table("copy_selection"),
                                        QKeySequence.StandardKey.Copy, edit_menu)
        self.paste_action = self._action("粘贴(&P)", lambda: self._on_table("paste"),
                                         QKeySequence.StandardKey.Paste, edit_menu)
        self.clear_action = self._action("清除(&D)", lambda: self._on_table("clear_selection"),
                                         QKeySequence.StandardKey.Delete, edit_menu)
        edit_menu.addSeparator()
        self.fill_action = self._action("空白填 0(&Z)", self.fill_blanks, None, edit_menu)
        for action in (self.copy_action, self.paste_action, self.clear_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.stack.addAction(action)

        view_menu = bar.addMenu("查看(&V)")
        self._action("封面信息(&C)", self.show_meta, None, view_menu)
        for dock, key in ((self.outline_dock, "O"), (self.checks_dock, "K")):
            toggle = dock.toggleViewAction()
            toggle.setText(f"{dock.windowTitle()}(&{key})")
            view_menu.addAction(toggle)

        help_menu = bar.addMenu("帮助(&H)")
        self.help_action = self._action("使用说明(&S)", lambda: importlib.import_module(
            "desktop.help_dialog").show_help(self), QKeySequence.StandardKey.HelpContents, help_menu)
        self._action("关于年报(&A)", self._about, None, help_menu)
        for action in (self.undo_action, self.redo_action):
            self.addAction(action)

    def undo(self) -> None:
        """撤销 from the menu: what was typed in a cover field and not yet committed is committed
        first, so it is the step undone (and redo brings it back) instead of being overwritten."""
        self.document.flush_edits()
        stack = self.document.undo_stack
        self._show_changes(stack.undo, "已撤销", stack.undoText())

    def redo(self) -> None:
        self.document.flush_edits()
        stack = self.document.undo_stack
        self._show_changes(stack.redo, "已重做", stack.redoText())

    def _show_changes(self, step, verb: str, what: str) -> None:
        """Runs an undo or redo and shows what it changed (the cells selected in their table, or
        the cover): from another page it would change what the clerk cannot see."""
        if not what:
            return
        doc = self.document
        cells: list[str] = []
        meta: list[str] = []

        def on_cells(ids):
            cells.extend(ids)

        def on_meta(name):
            meta.append(name)

        doc.cellsChanged.connect(on_cells)
        doc.metaChanged.connect(on_meta)
        try:
            step()
        finally:
            doc.cellsChanged.disconnect(on_cells)
            doc.metaChanged.disconnect(on_meta)
        specs = doc.report.edition.cells
        typed = [c for c in cells if c in specs and not specs[c].computed]
        if typed:
            table_id = specs[typed[0]].table
            self.show_table(table_id).select_cells([c for c in typed if specs[c].table == table_id])
        elif meta:
            self.show_meta()
        self.status(f"{verb}：{what}")

    def _connect_undo(self, doc: ReportDocument) -> None:
        stack = doc.undo_stack
        stack.canUndoChanged.connect(self._update_undo)
        stack.canRedoChanged.connect(self._update_undo)
        stack.undoTextChanged.connect(self._update_undo)
        stack.redoTextChanged.connect(self._update_undo)
        self._update_undo()

    def _update_undo(self, *_):
        stack = self.document.undo_stack
        ro = self.document.read_only
        self.undo_action.setEnabled(stack.canUndo() and not ro)
        self.redo_action.setEnabled(stack.canRedo() and not ro)
        self.undo_action.setText(f"撤销(&U) {stack.undoText()}" if stack.canUndo() else "撤销(&U)")
        self.redo_action.setText(f"重做(&R) {stack.redoText()}" if stack.canRedo() else "重做(&R)")

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = recent_files()
        if not files:
            self.recent_menu.addAction("（无）").setEnabled(False)
        for i, path in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{i % 10} {Path(path).name}　{Path(path).parent}")
            action.setData(path)
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.files.open_path(p))

    def _update_optional_actions(self) -> None:
        for text, (action, module, names) in self.optional_actions.items():
            available = _optional_function(module, names) is not None
            action.setEnabled(available)
            action.setToolTip("" if available else "此功能尚未安装")

    def _run_optional(self, module: str, names: tuple[str, ...]) -> None:
        fn = _optional_function(module, names)
        if fn is None:
            QMessageBox.information(self, APP_NAME, "此功能尚未安装。")
            return
        self.document.flush_edits()
        fn(self, self.document)

    def _on_table(self, method: str) -> None:
        page = self.current_table_page()
        if page is None:
            return
        getattr(page.view, method)()

    def fill_blanks(self) -> int:
        if self.document.read_only:
            return 0
        n = self.document.fill_blanks_with_zero()
        self.status(f"已把 {n} 个空白单元格填为 0（可撤销）。")
        return n

    def _about(self) -> None:
        from .about_dialog import show_about
        self.about_box = show_about(self)

    # ------------------------------------------------------------------ navigation (public API)

    def _page(self, kind: str, part_id: str) -> QWidget:
        key = (kind, part_id)
        page = self.pages.get(key)
        if page is None:
            page = self._make_page(kind, part_id)
            self.pages[key] = page
            self.stack.addWidget(page)
        return page

    def _make_page(self, kind: str, part_id: str) -> QWidget:
        doc = self.document
        if kind == "table":
            from .table_page import TablePage
            page = TablePage(doc, doc.report.edition.table(part_id))
            page.message.connect(self.status)
            return page
        if kind == "section":
            try:
                from .narrative_editor import NarrativeEditor
            except ImportError:
                return _placeholder("正文编辑器尚未安装。")
            return NarrativeEditor(doc, part_id)
        try:
            from .meta_form import MetaForm
        except ImportError:
            return _placeholder("封面信息表尚未安装。")
        return MetaForm(doc)

    def _show_part(self, kind: str, part_id: str) -> QWidget:
        page = self._page(kind, part_id)
        self.stack.setCurrentWidget(page)
        self.outline.select(kind, part_id)
        return page

    def show_meta(self) -> QWidget:
        return self._show_part("meta", "")

    def show_section(self, section_id: str) -> QWidget:
        self.document.report.edition.section(section_id)
        return self._show_part("section", section_id)

    def show_table(self, table_id: str) -> TablePage:
        self.document.report.edition.table(table_id)
        return self._show_part("table", table_id)

    def current_table_page(self) -> TablePage | None:
        page = self.stack.currentWidget()
        return page if _is_table_page(page) else None

    def go_to_finding(self, finding: Finding) -> None:
        """Shows the cells of a finding (selected in their table) or its place in the narrative."""
        if finding.section:     # a text finding: its sentence (its cells are in the tooltip)
            page = self.show_section(finding.section)
            if hasattr(page, "go_to"):
                page.go_to(finding.position)
            self.status(finding.message)
            return
        cells = self.document.report.edition.cells
        ids = [c for c in finding.cells if c in cells]
        if ids:
            table_id = cells[ids[0]].table
            page = self.show_table(table_id)
            page.select_cells([c for c in ids if cells[c].table == table_id])
            self.status(finding.message)
            return
        self.show_meta()
        self.status(finding.message)

    # ------------------------------------------------------------------ recovery, layout, closing

    def write_recovery_copy(self) -> Path | None:
        if self.autosaver is None:
            return None
        self.document.flush_edits()
        return self.autosaver.write_now()

    def _restore_layout(self) -> None:
        settings = app_settings()
        geometry = settings.value("window/geometry")
        state = settings.value("window/state")
        if geometry is None or not self.restoreGeometry(geometry):
            self._default_geometry()
        if state is not None:
            self.restoreState(state)

    def _default_geometry(self) -> None:
        """The first start: 1280 × 820, or less on a smaller screen — a 1366 × 768 office laptop
        must see the whole window, status bar and checks buttons included — or more on a large
        one, where 表四 then shows without scrolling; centred on it."""
        from .screen_fit import fit_and_centre, roomy_size
        fit_and_centre(self, *roomy_size(self, *DEFAULT_SIZE))

    def save_layout(self) -> None:
        settings = app_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.sync()

    def closeEvent(self, event):
        if not self.files.maybe_save():
            event.ignore()
            return
        self.save_layout()
        if self.autosaver is not None:
            self.autosaver.discard()
        self.replace_lock(None)
        _windows.discard(self)
        event.accept()
