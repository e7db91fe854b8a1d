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


def test_long_lines_wrap_instead_of_being_cut(qtbot):
    tree = WrappingTree()
    qtbot.addWidget(tree)
    item = QTreeWidgetItem(tree, [LONG])
    tree.resize(200, 400)
    tree.show()
    qtbot.waitExposed(tree)
    one_line = tree.fontMetrics().height()
    assert tree.visualItemRect(item).height() > 2 * one_line
    assert tree.visualItemRect(item).width() <= tree.viewport().width()
