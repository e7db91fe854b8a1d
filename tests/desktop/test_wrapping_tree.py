"""The wrapping tree measures its rows against the width the viewport really has."""

import pytest
from PySide6.QtWidgets import QTreeWidgetItem

from desktop.wrapping_tree import WrappingTree

LONG = "三、收到和处理政府信息公开申请情况：本年新收政府信息公开申请数量及办理结果" * 2


@pytest.mark.parametrize("rows", [1, 80])          # without and with the vertical scroll bar
def test_the_width_used_for_wrapping_is_the_viewport_s(qtbot, rows):
    tree = WrappingTree()
    qtbot.addWidget(tree)
    for i in range(rows):
        QTreeWidgetItem(tree, [f"{i} {LONG}"])
    tree.resize(260, 300)
    tree.show()
    qtbot.waitExposed(tree)
    qtbot.wait(20)
    assert tree.verticalScrollBar().isVisible() == (rows > 1)
    assert tree.itemDelegate()._viewport_width() == tree.viewport().width()


def one_long_row(qtbot):
    """A tree 200 pixels wide, shown, with one row of LONG."""
    tree = WrappingTree()
    qtbot.addWidget(tree)
    item = QTreeWidgetItem(tree, [LONG])
    tree.resize(200, 400)
    tree.show()
    qtbot.waitExposed(tree)
    return tree, item


def test_long_lines_wrap_instead_of_being_cut(qtbot):
    tree, item = one_long_row(qtbot)
    one_line = tree.fontMetrics().height()
    assert tree.visualItemRect(item).height() > 2 * one_line
    assert tree.visualItemRect(item).width() <= tree.viewport().width()


def test_a_row_is_measured_once_for_its_text_and_width(qtbot, monkeypatch):
    # The checks panel rewrites the tooltip of a changed finding: each change of an item's data has
    # the tree ask for the row's height again, and measuring wrapped text was the slow part.
    import PySide6.QtGui as QtGui

    measured = []

    class CountingMetrics(QtGui.QFontMetrics):
        def boundingRect(self, *args):
            measured.append(args[-1])
            return super().boundingRect(*args)

    monkeypatch.setattr(QtGui, "QFontMetrics", CountingMetrics)
    tree, item = one_long_row(qtbot)
    height = tree.visualItemRect(item).height()
    measured.clear()
    item.setToolTip(0, "说明")
    tree.doItemsLayout()
    assert measured == [] and tree.visualItemRect(item).height() == height
    tree.resize(400, 400)                          # wider: measured again, fewer lines
    qtbot.wait(20)
    assert measured and tree.visualItemRect(item).height() < height
    tree.resize(200, 400)
    qtbot.wait(20)
    assert tree.visualItemRect(item).height() == height
    item.setText(0, LONG + LONG)                   # new text: measured again, more lines
    tree.doItemsLayout()
    assert tree.visualItemRect(item).height() > height
