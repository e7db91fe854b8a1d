"""A tree whose long Chinese lines wrap to the width of the panel instead of being cut off."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QHeaderView, QStyledItemDelegate, QTreeWidget


class _WrappingDelegate(QStyledItemDelegate):
    def __init__(self, tree: "WrappingTree"):
        super().__init__(tree)
        self.tree = tree
        # Row heights by text, width and font: a tree of 200 findings asks again for every row
        # whose text or tooltip changes, and measuring wrapped text is the slow part.
        self._sizes: dict[tuple, QSize] = {}

    def sizeHint(self, option, index):
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        width = self._viewport_width() - self.tree.indentation() * (depth + 1) - 8
        icon = index.data(Qt.ItemDataRole.DecorationRole) is not None
        if icon:
            width -= option.decorationSize.width() + 6
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        key = (text, width, icon, font.key(), option.font.key())
        size = self._sizes.get(key)
        if size is None:
            from PySide6.QtGui import QFontMetrics
            hint = super().sizeHint(option, index)
            rect = QFontMetrics(font).boundingRect(QRect(0, 0, max(width, 40), 100000),
                                                   int(Qt.TextFlag.TextWordWrap), text)
            size = QSize(max(width, 40), max(hint.height(), rect.height() + 6))
            if len(self._sizes) >= 4096:
                self._sizes.clear()
            self._sizes[key] = size
        return QSize(size)

    def _viewport_width(self) -> int:
        # Not viewport().width(): the first call that returns a plain QWidget makes PySide set up
        # every QWidget subclass to find its type (≈ 8 ms, during the first show of the window).
        tree = self.tree
        width = tree.maximumViewportSize().width()
        bar = tree.verticalScrollBar()
        if bar.isVisible():
            width -= bar.width()
        return width

    def initStyleOption(self, option, index):
        super().initStyleOption(option, index)
        option.features |= option.ViewItemFeature.WrapText


class WrappingTree(QTreeWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.header().setStretchLastSection(True)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setItemDelegate(_WrappingDelegate(self))

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.scheduleDelayedItemsLayout()
