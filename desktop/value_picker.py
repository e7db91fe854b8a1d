"""Choosing a table value to quote in the text: every cell of the edition by where it stands, and
the sums the text states that no cell holds (「不予公开X件」 is the sum of eight rows of 表三)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QLabel, QLineEdit, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout)

from forms.numbers import format_number
from forms.report import Report
from forms.textchecks import quoted_sums

from .screen_fit import fitted_size

CELL_ROLE = Qt.ItemDataRole.UserRole
TEXT_ROLE = Qt.ItemDataRole.UserRole + 1      # the number as it is inserted
SUM_PREFIX = "sum:"                           # a sum of cells (forms.textchecks.quoted_sums), by its key


def cell_text(report: Report, cell_id: str) -> str:
    """The number as it is inserted into the text ('' for a blank cell)."""
    spec = report.cell(cell_id)
    return format_number(report.value(cell_id), spec.kind)


class ValuePicker(QDialog):
    """Lists the cells with their current values; the chosen cell's number is inserted."""

    def __init__(self, report: Report, parent=None):
        super().__init__(parent)
        self.setWindowTitle("插入表格数值")
        self.resize(*fitted_size(self, 640, 480))     # a laptop at 125–150 % has less
        self.report = report
        self.filter = QLineEdit(placeholderText="输入文字筛选，如“予以公开”“行政复议”")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["位置", "数值"])
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnWidth(0, 470)
        # A long place is cut in the middle: its end (the row or column) tells apart the cells
        # its beginning shares, 「……公开相同信息计1条） 其中…」 and 「…… 制…」.
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        # The sums the text states that no cell holds (「不予公开X件」), each before the row of its
        # first part (a cell id is table:row:column).
        sums = {q.cells[0].rsplit(":", 1)[0]: (q, value) for q, value in quoted_sums(report)}
        for spec in report.edition.cells.values():
            row = spec.id.rsplit(":", 1)[0]
            if row in sums:
                q, value = sums.pop(row)
                self._add(q.name, SUM_PREFIX + q.key, format_number(value, "count"), "")
            self._add(spec.where, spec.id, cell_text(report, spec.id), spec.unit)
        hint = QLabel("双击或选中后按 Enter（“插入”），把数值插入到光标处；在筛选框中可用 ↑↓ 选择。")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("插入")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self._accept_if_chosen)
        buttons.rejected.connect(self.reject)
        self.tree.itemDoubleClicked.connect(lambda *_: self._accept_if_chosen())
        self.filter.textChanged.connect(self.apply_filter)
        self.filter.installEventFilter(self)
        layout = QVBoxLayout(self)
        for w in (self.filter, self.tree, hint, buttons):
            layout.addWidget(w)
        self.filter.setFocus()

    def _add(self, where: str, key: str, text: str, unit: str | None) -> None:
        unit = f" {unit}" if unit and text else ""
        item = QTreeWidgetItem([where, (text + unit) if text else "（未填写）"])
        item.setToolTip(0, where)
        item.setData(0, CELL_ROLE, key)
        item.setData(0, TEXT_ROLE, text)
        if not text:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            item.setToolTip(0, where + "\n" + ("此单元格尚未填写，不能插入" if not key.startswith(SUM_PREFIX)
                                               else "相加的单元格尚未全部填写，不能插入"))
        self.tree.addTopLevelItem(item)

    def apply_filter(self, text: str) -> None:
        """Shows the cells whose place has every word; unless the choice is still among them, the
        first value shown becomes the choice, so that Enter in the filter inserts it."""
        words = text.split()
        first = None
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            item.setHidden(not all(w in item.text(0) for w in words))
            if first is None and not item.isHidden() and item.flags() & Qt.ItemFlag.ItemIsEnabled:
                first = item
        if self.chosen_cell() is None:      # a choice still shown stays the choice
            self.tree.setCurrentItem(first)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        # ↓/↑ in the filter move the choice in the list; the typing stays in the filter.
        if watched is self.filter and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            QApplication.sendEvent(self.tree, event)
            return True
        return super().eventFilter(watched, event)

    def chosen_cell(self) -> str | None:
        item = self.tree.currentItem()
        if item is None or item.isHidden() or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        return item.data(0, CELL_ROLE)

    def select_cell(self, cell_id: str) -> bool:
        """Makes a cell the choice; False for a blank cell (nothing to insert) or an unknown one."""
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, CELL_ROLE) == cell_id and item.flags() & Qt.ItemFlag.ItemIsEnabled:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _accept_if_chosen(self) -> None:
        if self.chosen_cell():
            self.accept()

    def chosen_text(self) -> str:
        item = self.tree.currentItem()
        return item.data(0, TEXT_ROLE) if self.chosen_cell() else ""
