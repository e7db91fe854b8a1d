"""A page of the middle area: one table under its title, with the blank count and 「空白填0」."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from forms.edition import Table

from .document import ReportDocument
from .table_model import TableModel
from .table_view import TableView


def table_caption(doc: ReportDocument, table: Table) -> str:
    for attachment in doc.report.edition.attachments:
        if attachment.table == table.id:
            return f"{attachment.label}　{table.title}"
    return f"{table.name}　{table.title}"


class TablePage(QWidget):
    message = Signal(str)

    def __init__(self, doc: ReportDocument, table: Table, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.table = table
        self.model = TableModel(doc, table, self)
        self.view = TableView(self.model, self)
        self.view.message.connect(self.message)
        title = QLabel(table_caption(doc, table))
        title.setObjectName("tableTitle")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setWordWrap(True)
        self.blank_label = QLabel()
        self.fill_button = QPushButton("空白填 0")
        self.fill_button.setToolTip("把所有表格中尚未填写的单元格填为 0（一步可撤销）")
        self.fill_button.clicked.connect(self.fill_blanks)
        hint = QLabel("输入数字直接填写；Enter 下移，Tab 右移；可从 Excel/WPS 复制粘贴整块数据。底色较深的是自动计算的合计。")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6670;")
        bar = QHBoxLayout()
        bar.addWidget(self.blank_label, 1)
        bar.addWidget(self.fill_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        doc.cellsChanged.connect(self.update_blank_count)
        self.update_blank_count()

    def update_blank_count(self, *_):
        here = self.model.blank_count()
        everywhere = len(self.doc.report.blank_cells())
        if everywhere == 0:
            self.blank_label.setText("所有单元格均已填写。")
        else:
            self.blank_label.setText(f"尚未填写：本表 {here} 格，全部表格共 {everywhere} 格（空白不等于 0）。")
        self.fill_button.setEnabled(everywhere > 0 and not self.doc.read_only)

    def fill_blanks(self) -> int:
        if self.doc.read_only:
            return 0
        n = self.doc.fill_blanks_with_zero()
        self.message.emit(f"已把 {n} 个空白单元格填为 0（可撤销）。")
        return n

    def select_cells(self, cell_ids) -> bool:
        """Selects the given cells of this table (the first becomes current); False if none is here."""
        from PySide6.QtCore import QItemSelection, QItemSelectionModel
        indexes = [self.model.index_of(cid) for cid in cell_ids]
        indexes = [i for i in indexes if i.isValid()]
        if not indexes:
            return False
        selection = QItemSelection()
        for index in indexes:
            selection.select(index, index)
        sm = self.view.selectionModel()
        sm.setCurrentIndex(indexes[0], QItemSelectionModel.SelectionFlag.NoUpdate)
        sm.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(indexes[0])
        self.view.setFocus()
        return True
