"""A Qt table model over one table of the report, laid out as the official grid.

Rows and columns are the grid's (merged headers, label columns, units); the view applies the
grid's merges as spans.  Values come from the report's value store and edits go to the
ReportDocument (its undo stack), never into the report directly.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from forms.edition import Table
from forms.layout import GridCell, grid_of
from forms.numbers import format_number
from forms.report import ReportError

from .document import ReportDocument

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1     # "error", "warning", "reviewed" or None
CELL_ID_ROLE = Qt.ItemDataRole.UserRole + 2
GRID_ROLE = Qt.ItemDataRole.UserRole + 3        # the GridCell's role: header, label, value, …
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 4       # indent level of a label

HEADER_BACKGROUND = QColor("#e9edf2")
COMPUTED_BACKGROUND = QColor("#dfe8f3")
BLANK_BACKGROUND = QColor("#f2f2f2")
_RANK = {"error": 3, "warning": 2, "reviewed": 1}
_CENTER = Qt.AlignmentFlag.AlignCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class TableModel(QAbstractTableModel):
    refused = Signal(str, str)          # cell id, why the typed text was refused

    def __init__(self, doc: ReportDocument, table: Table, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.table = table
        self.grid = grid_of(table)
        self._positions = {c.cell_id: (c.row, c.col) for c in self.grid.value_cells()}
        self._marks: dict[str, tuple[str, list[str]]] = {}
        self._blank_rules = {r.id for r in doc.report.edition.rules if r.type == "values"}
        self._bold = QFont()
        self._bold.setBold(True)
        doc.cellsChanged.connect(self._on_cells_changed)
        doc.findingsChanged.connect(self._on_findings_changed)
        self._compute_marks()

    # ------------------------------------------------------------------ structure

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else self.grid.n_rows

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else self.grid.n_cols

    def grid_cell(self, index: QModelIndex) -> GridCell | None:
        """The grid cell whose top-left corner is at this index (None under a merged range)."""
        if not index.isValid():
            return None
        g = self.grid.at(index.row(), index.column())
        if g is None or (g.row, g.col) != (index.row(), index.column()):
            return None
        return g

    def index_of(self, cell_id: str) -> QModelIndex:
        pos = self._positions.get(cell_id)
        return self.index(*pos) if pos else QModelIndex()

    def cell_ids(self) -> list[str]:
        return list(self._positions)

    def is_editable(self, index: QModelIndex) -> bool:
        g = self.grid_cell(index)
        return bool(g and g.role == "value" and not g.computed and not self.doc.read_only)

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_editable(index):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    # ------------------------------------------------------------------ data

    def display_text(self, g: GridCell) -> str:
        if g.role == "value":
            spec = self.doc.report.cell(g.cell_id)
            return format_number(self.doc.report.value(g.cell_id), spec.kind)
        return g.text

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        g = self.grid_cell(index)
        if g is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.display_text(g)
        if role == GRID_ROLE:
            return g.role
        if role == CELL_ID_ROLE:
            return g.cell_id
        if role == LEVEL_ROLE:
            return g.level if g.role == "label" and self.table.layout == "list" else 0
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_LEFT if g.role == "label" else _CENTER)
        if role == Qt.ItemDataRole.BackgroundRole:
            if g.role in ("header", "corner"):
                return QBrush(HEADER_BACKGROUND)
            if g.role == "blank":
                return QBrush(BLANK_BACKGROUND)
            if g.role == "value" and g.computed:
                return QBrush(COMPUTED_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.FontRole:
            if g.role in ("header", "corner") or (g.role == "value" and g.computed):
                return self._bold
            if g.role == "label" and self.table.layout == "list" and g.level == 0:
                return self._bold
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(g)
        if role == FINDING_ROLE:
            mark = self._marks.get(g.cell_id) if g.cell_id else None
            return mark[0] if mark else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if g.role == "value":
                return f"{self.doc.report.cell(g.cell_id).where}：{self.display_text(g) or '空白'}"
            return g.text
        return None

    def _tooltip(self, g: GridCell) -> str | None:
        if g.role != "value":
            return g.text if g.role in ("label", "header", "corner") and len(g.text) > 12 else None
        spec = self.doc.report.cell(g.cell_id)
        lines = [spec.where]
        if g.computed:
            lines.append("自动计算的合计，不能直接填写")
        mark = self._marks.get(g.cell_id)
        if mark:
            lines.extend(mark[1])
        return "\n".join(lines)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or not self.is_editable(index):
            return False
        g = self.grid_cell(index)
        try:
            self.doc.set_cell_text(g.cell_id, "" if value is None else str(value))
        except ReportError as exc:
            self.refused.emit(g.cell_id, str(exc))
            return False
        return True

    def problem_with(self, index: QModelIndex, text: str) -> str | None:
        """Why this text cannot go into the cell, or None if it can."""
        g = self.grid_cell(index)
        if g is None or g.role != "value":
            return "这里不是填写数字的单元格"
        try:
            self.doc.parse_cell(g.cell_id, text)
        except ReportError as exc:
            return str(exc)
        return None

    # ------------------------------------------------------------------ updates

    def _on_cells_changed(self, cell_ids: list) -> None:
        for cid in cell_ids:
            index = self.index_of(cid)
            if index.isValid():
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole,
                                                     Qt.ItemDataRole.AccessibleTextRole])

    def _compute_marks(self) -> None:
        marks: dict[str, tuple[str, list[str]]] = {}
        for f in self.doc.findings:
            if f.rule in self._blank_rules:
                continue    # every blank cell: shown by the blank count, not by outlines
            kind = "reviewed" if f.reviewed else f.severity
            text = f.message + (f"（已确认无误：{f.reviewed}）" if f.reviewed else "")
            for cid in f.cells:
                if cid not in self._positions:
                    continue
                old = marks.get(cid)
                if old is None:
                    marks[cid] = (kind, [text])
                else:
                    best = kind if _RANK[kind] > _RANK[old[0]] else old[0]
                    marks[cid] = (best, old[1] + [text])
        self._marks = marks

    def _on_findings_changed(self) -> None:
        old = self._marks
        self._compute_marks()
        # Only the cells whose outline or tooltip changed: announcing the whole table after every
        # edit made the view repaint every cell (bench/edit.py).
        for cid in old.keys() | self._marks.keys():
            if old.get(cid) != self._marks.get(cid):
                index = self.index_of(cid)
                if index.isValid():
                    self.dataChanged.emit(index, index, [FINDING_ROLE, Qt.ItemDataRole.ToolTipRole])

    def marks(self) -> dict[str, str]:
        """Cell id -> outline kind, for the cells of this table that a finding involves."""
        return {cid: m[0] for cid, m in self._marks.items()}

    def blank_count(self) -> int:
        return sum(1 for cid in self._positions
                   if not self.doc.report.cell(cid).computed and self.doc.report.value(cid) is None)
