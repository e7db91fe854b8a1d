"""The outline on the left: 封面信息, the edition's sections with their tables, the attachments.

Built from the edition, so every edition (and a provincial variant) gets its own outline.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidgetItem

from .document import ReportDocument
from .wrapping_tree import WrappingTree

PART_ROLE = Qt.ItemDataRole.UserRole + 1
OPENING_NAME = "开头（导语）"


def section_label(doc: ReportDocument, section_id: str) -> str:
    return doc.report.heading(section_id) or OPENING_NAME


class Outline(WrappingTree):
    part_chosen = Signal(str, str)       # kind ("meta", "section", "table"), id ("" for meta)

    def __init__(self, doc: ReportDocument, parent=None):
        super().__init__(parent)
        self.doc = doc
        self._items: dict[tuple[str, str], QTreeWidgetItem] = {}
        self._build()
        self.currentItemChanged.connect(self._changed)
        doc.narrativeChanged.connect(self._rename_section)

    def _add(self, parent, text: str, kind: str, part_id: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [text])
        item.setData(0, PART_ROLE, (kind, part_id))
        item.setToolTip(0, text)
        self._items[(kind, part_id)] = item
        return item

    def _build(self) -> None:
        edition = self.doc.report.edition
        self._add(self, "封面信息", "meta", "")
        for section in edition.sections:
            item = self._add(self, section_label(self.doc, section.id), "section", section.id)
            for table_id in section.tables:
                table = edition.table(table_id)
                self._add(item, f"{table.name}　{table.title}", "table", table_id)
            item.setExpanded(True)
        if edition.attachments:
            group = QTreeWidgetItem(self, ["附件"])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for attachment in edition.attachments:
                table = edition.table(attachment.table)
                self._add(group, f"{attachment.label}　{table.title}", "table", table.id)
            group.setExpanded(True)

    def _rename_section(self, section_id: str) -> None:
        item = self._items.get(("section", section_id))
        if item is not None:
            item.setText(0, section_label(self.doc, section_id))

    def _changed(self, current, _previous) -> None:
        part = current.data(0, PART_ROLE) if current is not None else None
        if part:
            self.part_chosen.emit(*part)

    def select(self, kind: str, part_id: str = "") -> None:
        item = self._items.get((kind, part_id))
        if item is not None and item is not self.currentItem():
            self.blockSignals(True)
            self.setCurrentItem(item)
            self.blockSignals(False)

    def item_for(self, kind: str, part_id: str = "") -> QTreeWidgetItem | None:
        return self._items.get((kind, part_id))
