"""The on-screen form of one table, with the keyboard habits of Excel.

Typing over a cell starts editing with that character, Enter commits and moves down, Tab right,
←/→ after typing over commit and move too (Excel's entry mode), F2 edits (there ←/→ move in the
number), Delete/Backspace clears the selection (one undo step), Ctrl+C copies the selection as
tab-separated text and Ctrl+V pastes such a block (parsed whole before anything changes).
Cells involved in a finding are outlined, red for errors and amber for warnings.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QGuiApplication, QKeySequence, QPen
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QLineEdit, QMessageBox, QStyle,
                               QStyledItemDelegate, QStyleOptionViewItem, QTableView, QToolTip)

from forms.report import ReportError

from .clipboard import format_tsv, parse_tsv
from .paste_plan import PastePlan, plan_fill, plan_paste
from .redo_key import CtrlYRedo
from .table_model import CELL_ID_ROLE, FINDING_ROLE, GRID_ROLE, LEVEL_ROLE, TableModel

OUTLINE_COLORS = {"error": QColor("#d32f2f"), "warning": QColor("#e69500"), "reviewed": QColor("#8a9099")}
MAX_LISTED_REFUSALS = 12
CTRL_Y_REDO = CtrlYRedo()
# Keys the cell editor leaves to the view, which then moves on and commits what was typed.
LEAVING_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
# Keys that leave a cell being typed over (not one opened by F2 or a double click), as in Excel.
ENTRY_LEAVING_KEYS = {Qt.Key.Key_Left: QAbstractItemView.CursorAction.MoveLeft,
                      Qt.Key.Key_Right: QAbstractItemView.CursorAction.MoveRight}


class CellDelegate(QStyledItemDelegate):
    """Paints finding outlines and label indents; its editor commits only what the cell accepts."""

    move_requested = Signal(str)           # "down", "right", "left" after a committed edit
    refused = Signal(QModelIndex, str)

    def __init__(self, view: "TableView"):
        super().__init__(view)
        self.view = view
        self.editor: QLineEdit | None = None
        self._editing = QPersistentModelIndex()
        self.typed_over = False      # the editor was opened by typing a character over the cell

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setFont(option.font)
        self.editor = editor
        self._editing = QPersistentModelIndex(index)
        self.typed_over = False
        editor.destroyed.connect(lambda *_: self._forget(editor))
        editor.textChanged.connect(self.view.model().doc.editPending)   # the recovery copy takes it
        return editor

    def _forget(self, editor) -> None:
        if self.editor is editor:
            self.editor = None

    def setEditorData(self, editor, index):
        editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.selectAll()

    def setModelData(self, editor, model, index):
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def refuse_leaving(self) -> bool:
        """True (and the reason shown) if the text being typed would be refused: the view must not
        move on and drop it."""
        editor, index = self.editor, QModelIndex(self._editing)
        if editor is None or not index.isValid():
            return False
        problem = index.model().problem_with(index, editor.text())
        if problem:
            self.refused.emit(index, problem)
            editor.selectAll()
            return True
        return False

    def eventFilter(self, editor, event):
        if isinstance(editor, QLineEdit) and CTRL_Y_REDO.eventFilter(editor, event):
            return True                      # Ctrl+Y redoes the typing, under Linux too
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, QLineEdit):
            key = event.key()
            moves = {Qt.Key.Key_Return: "down", Qt.Key.Key_Enter: "down",
                     Qt.Key.Key_Tab: "right", Qt.Key.Key_Backtab: "left"}
            if key in moves:
                direction = "up" if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                    and event.modifiers() & Qt.KeyboardModifier.ShiftModifier else moves[key]
                if self.refuse_leaving():
                    return True
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
                self.move_requested.emit(direction)
                return True
            if key in ENTRY_LEAVING_KEYS and self.typed_over \
                    and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                # Typing 4 → 7 fills two cells, as in Excel; it must never make one cell 47.
                if self.refuse_leaving():
                    return True
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
                self.view.step(ENTRY_LEAVING_KEYS[key])
                return True
        return super().eventFilter(editor, event)

    def paint(self, painter, option, index):
        level = index.data(LEVEL_ROLE) or 0
        if level:
            indent = QFontMetrics(option.font).horizontalAdvance("中") * level
            background = index.data(Qt.ItemDataRole.BackgroundRole)
            if background is not None:
                painter.fillRect(option.rect, background)
            option = type(option)(option)
            option.rect = option.rect.adjusted(indent, 0, 0, 0)
        super().paint(painter, option, index)
        mark = index.data(FINDING_ROLE)
        if mark:
            painter.save()
            pen = QPen(OUTLINE_COLORS[mark])
            pen.setWidth(2)
            if mark == "reviewed":
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
            painter.restore()

    def initStyleOption(self, option, index):
        super().initStyleOption(option, index)
        if index.data(GRID_ROLE) in ("label", "header", "corner"):
            option.features |= option.ViewItemFeature.WrapText


class TableView(QTableView):
    """One table of the report; edits go through the model to the document's undo stack."""

    message = Signal(str)                  # a note for the status bar

    def __init__(self, model: TableModel, parent=None):
        super().__init__(parent)
        # Where a run of Tab moves began: Enter then goes to the next row under it (Excel).
        self._tab_origin: int | None = None
        self._tabbing = False
        self.setModel(model)
        self.delegate = CellDelegate(self)
        self._focus_in_editor = False
        self._forwarding_key = False     # a key being handed to the editor (keyPressEvent)
        self.setItemDelegate(self.delegate)
        self.delegate.move_requested.connect(self.move_cursor)
        self.delegate.refused.connect(lambda index, why: self._show_refusal(index, why))
        model.refused.connect(lambda cid, why: self._show_refusal(model.index_of(cid), why))
        model.doc.flushRequested.connect(self.commit_editing)
        model.doc.pendingRequested.connect(self.add_pending)
        # Leaving a cell: an entry abandoned with Esc must leave the recovery copy too.
        self.delegate.closeEditor.connect(model.doc.editPending)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setCornerButtonEnabled(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setStyleSheet("QTableView { gridline-color: #7d8793; } QTableView::item { padding: 0px 4px; }")
        for g in model.grid.merges():
            self.setSpan(g.row, g.col, g.rowspan, g.colspan)
        first = self.next_editable(-1, 0, "right") or model.index(0, 0)
        self.setCurrentIndex(first)
        self.fit_to_width()

    def model(self) -> TableModel:
        return super().model()

    # ------------------------------------------------------------------ sizes

    def column_minimums(self) -> list[int]:
        """What each column needs at least: label columns a few characters, value columns the
        digits their numbers have (five for counts, nine for 万元 with decimals)."""
        fm = self.fontMetrics()
        grid = self.model().grid
        cells = self.model().doc.report.edition.cells
        digit = fm.horizontalAdvance("0")
        han = fm.horizontalAdvance("中")
        money_cols = {g.col for g in grid.value_cells() if cells[g.cell_id].kind == "money" and g.colspan == 1}
        out = []
        for col in range(grid.n_cols):
            if col < grid.label_cols:
                # 「（三）」 cannot be broken: a narrow label column still holds four characters.
                out.append(int(han * (4 if grid.widths[col] < 0.15 else 10) + 12))
            else:
                out.append(int(max(digit * (9 if col in money_cols else 5), han * 3) + 16))
        return out

    def fit_to_width(self) -> None:
        """Column widths from the grid's proportions, never below what a number needs."""
        grid = self.model().grid
        # The vertical scroll bar is counted as present, so that it appearing never adds a
        # horizontal one.
        scroll = 0 if self.verticalScrollBar().isVisible() else \
            self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        available = max(self.viewport().width() - scroll - 2, 200)
        minimums = self.column_minimums()
        widths = [max(m, int(w * available)) for m, w in zip(minimums, grid.widths)]
        excess = sum(widths) - available
        if excess > 0:       # shrink the columns that are above their minimum, proportionally
            room = [w - m for w, m in zip(widths, minimums)]
            total_room = sum(room)
            if total_room > 0:
                cut = min(excess, total_room)
                widths = [w - int(cut * r / total_room) for w, r in zip(widths, room)]
        for col, width in enumerate(widths):
            self.setColumnWidth(col, width)
        self.fit_rows()

    def fit_rows(self) -> None:
        """Row heights so that every label wraps fully, merged labels shared over their rows.

        Each text is measured in the rectangle the style will paint it in (padding and margins
        taken off), in the cell's own font, so it wraps here as it wraps on screen.
        """
        model = self.model()
        grid = model.grid
        fm = self.fontMetrics()
        indent = fm.horizontalAdvance("中")
        heights = [int(fm.height() * 1.7)] * grid.n_rows
        tall = []
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        text_margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        for g in grid.cells:
            if not g.text:
                continue
            width = sum(self.columnWidth(c) for c in range(g.col, g.col + g.colspan))
            if model.table.layout == "list" and g.role == "label":
                width -= indent * g.level
            option.rect = QRect(0, 0, max(width, 10), 1000)
            index = model.index(g.row, g.col)
            font = index.data(Qt.ItemDataRole.FontRole)
            option.font = font if font is not None else self.font()
            option.text = g.text
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
            # The rectangle the style will draw the text in (padding taken off), less the margins
            # it takes off again when it draws (QCommonStyle: focus frame margin + 1 a side).
            text_rect = self.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, self)
            text_width = max(min(text_rect.width(), width) - 2 * text_margin - 2, 10)
            wrapped = QFontMetrics(option.font).boundingRect(
                QRect(0, 0, text_width, 100000), int(Qt.TextFlag.TextWordWrap), g.text)
            needed = wrapped.height() + int(fm.height() * 0.6)
            if g.rowspan == 1:
                heights[g.row] = max(heights[g.row], needed)
            else:
                tall.append((g, needed))
        for g, needed in tall:
            rows = range(g.row, g.row + g.rowspan)
            have = sum(heights[r] for r in rows)
            if needed > have:
                extra = (needed - have + g.rowspan - 1) // g.rowspan
                for r in rows:
                    heights[r] += extra
        for row, height in enumerate(heights):
            self.setRowHeight(row, height)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.fit_to_width()

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_to_width()

    # ------------------------------------------------------------------ focus
    # Qt's item views repaint their whole viewport on every focus change (the selection in its
    # inactive colours), and the in-place editor takes the focus when a number is typed and gives
    # it back on Enter: every edit repainted all of 表三, ≈ 16 of 18 ms (bench/edit.py).  To and
    # from our own editor only the current cell is repainted (no base class is called: QWidget's
    # own handler would repaint the whole view and its frame).

    def focusOutEvent(self, event):
        focus = QApplication.focusWidget()
        if focus is not None and self.viewport().isAncestorOf(focus):
            self._focus_in_editor = True       # no base call: QWidget's own would repaint it all
            return
        super().focusOutEvent(event)

    def focusInEvent(self, event):
        if self._focus_in_editor and self.currentIndex().isValid():
            self._focus_in_editor = False
            self.update(self.currentIndex())
            return
        self._focus_in_editor = False
        super().focusInEvent(event)

    def closeEditor(self, editor, hint):
        super().closeEditor(editor, hint)
        if self._focus_in_editor and not self.hasFocus():   # the focus left for another widget
            self._focus_in_editor = False
            self.viewport().update()

    def commit_editing(self) -> None:
        """Hands over the number being typed in a cell, as Enter would but staying put: the
        document asks before saving, closing, exporting or undoing (``flush_edits``), and a 77
        typed without Enter must not be left out of the file.  A refused entry stays to be
        corrected, and the reason is shown."""
        editor = self.delegate.editor
        if self.state() != QAbstractItemView.State.EditingState or editor is None:
            return
        if self.delegate.refuse_leaving():
            return
        self.delegate.commitData.emit(editor)
        self.delegate.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def add_pending(self, pending) -> None:
        """The number being typed in a cell, if the cell takes it, for the recovery copy
        (desktop/autosave.py): the editor stays open and nothing is committed."""
        editor, index = self.delegate.editor, QModelIndex(self.delegate._editing)
        if self.state() != QAbstractItemView.State.EditingState or editor is None or not index.isValid():
            return
        doc = self.model().doc
        cell_id = index.data(CELL_ID_ROLE)
        if doc.read_only or not cell_id:
            return
        try:
            pending.cells[cell_id] = doc.parse_cell(cell_id, editor.text())
        except ReportError:
            pass          # a refused entry cannot go into a report

    # ------------------------------------------------------------------ moving

    def _covering(self, index: QModelIndex):
        return self.model().grid.at(index.row(), index.column()) if index.isValid() else None

    def next_editable(self, row: int, col: int, direction: str) -> QModelIndex | None:
        """The next cell the clerk can type into, from (row, col) going down, right or left."""
        model, grid = self.model(), self.model().grid
        here = grid.at(row, col) if row >= 0 else None

        def editable_at(r, c):
            g = grid.at(r, c)
            if g is None or g.role != "value" or g.computed or (here is not None and g is here):
                return None
            return model.index(g.row, g.col)

        if direction in ("down", "up"):
            step = 1 if direction == "down" else -1
            start = (here.row + here.rowspan) if (here and step > 0) else (row + step)
            r = start
            while 0 <= r < grid.n_rows:
                found = editable_at(r, col)
                if found is not None:
                    return found
                r += step
            return None
        order = [(r, c) for r in range(grid.n_rows) for c in range(grid.n_cols)]
        try:
            pos = order.index((row, col)) if row >= 0 else -1
        except ValueError:
            pos = -1
        candidates = order[pos + 1:] if direction == "right" else reversed(order[:max(pos, 0)])
        for r, c in candidates:
            found = editable_at(r, c)
            if found is not None:
                return found
        return None

    def step(self, action: QAbstractItemView.CursorAction) -> None:
        """Moves to the neighbouring cell as the arrow keys do (spans and labels included)."""
        target = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
        if target.isValid():
            self.setCurrentIndex(target)
            self.scrollTo(target)

    def move_cursor(self, direction: str) -> None:
        current = self.currentIndex()
        if not current.isValid():
            return
        origin, col = self._tab_origin, current.column()
        target = None
        if direction == "down" and origin is not None:    # a row typed with Tab, then Enter
            here = self._covering(current)
            target = self.next_editable(here.row + here.rowspan - 1 if here else current.row(), origin, "down")
        if target is None:
            target = self.next_editable(current.row(), col, direction)
        if target is None:
            return
        self._tabbing = direction in ("right", "left")
        try:
            self.setCurrentIndex(target)
        finally:
            self._tabbing = False
        if direction in ("right", "left"):
            self._tab_origin = col if origin is None else origin
        self.scrollTo(target)

    def currentChanged(self, current, previous):  # noqa: N802 (Qt override)
        super().currentChanged(current, previous)
        if not self._tabbing:
            self._tab_origin = None       # moved otherwise (Enter, arrows, a click): the run is over

    # ------------------------------------------------------------------ keys

    def event(self, event):
        # Keep our own keys when a window-wide shortcut uses the same one (edit menu actions).
        if event.type() == QEvent.Type.ShortcutOverride and self.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Copy) or event.matches(QKeySequence.StandardKey.Paste) \
                    or event.matches(QKeySequence.StandardKey.Cut) \
                    or event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event):
        if self.state() == QAbstractItemView.State.EditingState:
            # Keys typed faster than the focus moves into the new editor still go into it.  A key
            # the editor ignores (↓, PgDn, F2 …) comes back up here, the view being its ancestor:
            # that one is the view's own (↓ commits and moves), never forwarded again.
            if self.delegate.editor is not None and self.delegate.editor.isVisible() \
                    and not self._forwarding_key:
                self._forwarding_key = True
                try:
                    QApplication.sendEvent(self.delegate.editor, event)
                finally:
                    self._forwarding_key = False
                return
            if event.key() in LEAVING_KEYS and self.delegate.refuse_leaving():
                return                          # as Enter does: the refused entry stays to be corrected
            return super().keyPressEvent(event)
        key = event.key()
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return
        if event.matches(QKeySequence.StandardKey.Cut):
            self.copy_selection()
            self.clear_selection()
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_selection()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            self.move_cursor("up" if shift else "down")
            return
        if key == Qt.Key.Key_Tab:
            self.move_cursor("right")
            return
        if key == Qt.Key.Key_Backtab:
            self.move_cursor("left")
            return
        text = event.text()
        mods = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                    | Qt.KeyboardModifier.MetaModifier)
        if text and text.isprintable() and not mods:
            index = self.currentIndex()
            if self.model().is_editable(index):
                self.edit(index)
                if self.delegate.editor is not None:
                    self.delegate.editor.setText(text)
                    self.delegate.typed_over = True
                return
            if self.model().doc.read_only:
                self.message.emit("报告以只读方式打开，不能修改。")
            else:
                g = self.model().grid_cell(index)
                if g is not None and g.role == "value" and g.computed:
                    self.message.emit("这是自动计算的合计，填写各分项后自动更新。")
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next_):
        # Tab stays inside the table (as in Excel); Ctrl+Tab leaves it.
        if self.state() == QAbstractItemView.State.EditingState or self.hasFocus():
            return False
        return super().focusNextPrevChild(next_)

    # ------------------------------------------------------------------ selection, copy, paste

    def _selected_rect(self) -> tuple[int, int, int, int] | None:
        indexes = self.selectionModel().selectedIndexes() or ([self.currentIndex()] if self.currentIndex().isValid() else [])
        if not indexes:
            return None
        grid = self.model().grid
        top = min(i.row() for i in indexes)
        left = min(i.column() for i in indexes)
        bottom, right = top, left
        for i in indexes:
            g = grid.at(i.row(), i.column())
            bottom = max(bottom, (g.row + g.rowspan - 1) if g else i.row())
            right = max(right, (g.col + g.colspan - 1) if g else i.column())
        return top, left, bottom, right

    def selected_cell_ids(self) -> list[str]:
        out = []
        indexes = self.selectionModel().selectedIndexes() or [self.currentIndex()]
        for index in sorted(indexes, key=lambda i: (i.row(), i.column())):
            cid = index.data(CELL_ID_ROLE)
            if cid and cid not in out:
                out.append(cid)
        return out

    def copy_selection(self) -> str:
        rect = self._selected_rect()
        if rect is None:
            return ""
        top, left, bottom, right = rect
        model = self.model()
        rows = []
        for r in range(top, bottom + 1):
            row = []
            for c in range(left, right + 1):
                g = model.grid_cell(model.index(r, c))
                row.append(model.display_text(g) if g is not None else "")
            rows.append(row)
        text = format_tsv(rows)
        QGuiApplication.clipboard().setText(text)
        self.message.emit(f"已复制 {bottom - top + 1} 行 × {right - left + 1} 列。")
        return text

    def clear_selection(self) -> int:
        model = self.model()
        if model.doc.read_only:
            self.message.emit("报告以只读方式打开，不能修改。")
            return 0
        cells = [cid for cid in self.selected_cell_ids()
                 if not model.doc.report.cell(cid).computed and model.doc.report.value(cid) is not None]
        if cells:
            model.doc.set_cells({cid: None for cid in cells}, f"清除 {len(cells)} 个单元格")
            self.message.emit(f"已清除 {len(cells)} 个单元格（可撤销）。")
        return len(cells)

    def paste(self, text: str | None = None) -> PastePlan | None:
        """Pastes clipboard text; every value is parsed first, refusals are listed to the clerk."""
        model = self.model()
        if model.doc.read_only:
            self.message.emit("报告以只读方式打开，不能修改。")
            return None
        text = QGuiApplication.clipboard().text() if text is None else text
        rows = parse_tsv(text)
        if not rows:
            self.message.emit("剪贴板中没有可粘贴的内容。")
            return None
        rect = self._selected_rect()
        if rect is None:
            return None
        cells = model.doc.report.edition.cells
        single = len(rows) == 1 and len(rows[0]) == 1
        targets = [cid for cid in self.selected_cell_ids() if not cells[cid].computed]
        if single and len(targets) > 1:
            plan = plan_fill(cells, targets, rows[0][0])
        else:
            plan = plan_paste(model.grid, cells, rect[0], rect[1], rows)
        if plan.refused:
            if not plan.values or not ask_partial_paste(self, plan):
                if not plan.values:
                    show_refused_paste(self, plan)
                self.message.emit("未粘贴任何内容。")
                return plan
        if plan.values:
            model.doc.set_cells(plan.values, f"粘贴 {len(plan.values)} 个单元格")
        note = f"已粘贴 {len(plan.values)} 个单元格（一步可撤销）。"
        if plan.refused:
            note += f"{len(plan.refused)} 个数值未填入。"
        if plan.skipped_totals:
            note += f"合计单元格自动计算，未采用粘贴的 {len(plan.skipped_totals)} 个合计值。"
        self.message.emit(note)
        return plan

    def _show_refusal(self, index: QModelIndex, why: str) -> None:
        self.message.emit(why)
        if index.isValid():
            rect = self.visualRect(index)
            QToolTip.showText(self.viewport().mapToGlobal(rect.bottomLeft()), why, self.viewport(), rect, 6000)


def _refusal_lines(plan: PastePlan) -> str:
    lines = [f"· {r}" for r in plan.refused[:MAX_LISTED_REFUSALS]]
    if len(plan.refused) > MAX_LISTED_REFUSALS:
        lines.append(f"……另有 {len(plan.refused) - MAX_LISTED_REFUSALS} 个")
    return "\n".join(lines)


def ask_partial_paste(parent, plan: PastePlan) -> bool:
    """Asks whether to paste the valid values when some were refused; the default is no."""
    box = QMessageBox(QMessageBox.Icon.Warning, "部分数值无法粘贴",
                      f"粘贴的内容中有 {len(plan.refused)} 个数值无法填入：\n\n{_refusal_lines(plan)}\n\n"
                      f"其余 {len(plan.values)} 个数值有效。可以只粘贴有效的数值（一步可撤销），"
                      "或全部不粘贴、改正原表后重新复制。", parent=parent)
    paste_valid = box.addButton(f"只粘贴有效的 {len(plan.values)} 个", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("全部不粘贴", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is paste_valid


def show_refused_paste(parent, plan: PastePlan) -> None:
    QMessageBox.warning(parent, "无法粘贴", f"粘贴的内容无法填入：\n\n{_refusal_lines(plan)}")

