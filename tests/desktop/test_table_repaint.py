"""A typed number repaints the cells it changes, not the whole table (bench/edit.py: a full repaint
of 表三 was ≈ 16 of 18 ms per edit), while the selection still dims when the focus leaves."""

import pytest
from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtWidgets import QLineEdit

from tests.desktop.gui_helpers import boxes, make_window, new_doc  # noqa: F401 (fixtures)


class _Painted(QObject):
    """The union of the rectangles a widget was asked to paint."""

    def __init__(self, widget):
        super().__init__()
        self.rect = QRect()
        widget.installEventFilter(self)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            self.rect = self.rect.united(event.rect())
        return False


@pytest.fixture
def t3(make_window, qtbot):
    window = make_window(new_doc())
    page = window.show_table("t3")
    page.view.setFocus()
    qtbot.wait(10)
    return window, page.view, page.model


def _settle(qtbot):
    qtbot.wait(20)


def test_typing_a_number_repaints_only_part_of_the_table(t3, qtbot):
    window, view, model = t3
    doc = window.document
    view.setCurrentIndex(model.index_of("t3:open:natural"))
    _settle(qtbot)
    painted, frame = _Painted(view.viewport()), _Painted(view)
    qtbot.keyClicks(view, "7")                         # the editor opens and takes the focus
    qtbot.keyClick(view.delegate.editor, Qt.Key.Key_Return)   # it commits and gives it back
    _settle(qtbot)
    assert doc.report.value("t3:open:natural") == 7
    assert model.index_of("t3:total:total").data() == "7"     # the totals are shown …
    whole = view.viewport().rect()
    area = painted.rect.width() * painted.rect.height()
    assert 0 < area < whole.width() * whole.height() / 2        # … without repainting everything
    assert frame.rect.width() * frame.rect.height() < view.width() * view.height() / 2


def test_findings_announce_only_the_cells_whose_marks_changed(t3, qtbot):
    window, view, model = t3
    changed = []
    model.dataChanged.connect(lambda tl, br, roles: changed.append((tl.row(), tl.column(), br.row(), br.column())))
    doc = window.document
    doc.set_cell_text("t3:open:natural", "7")      # R1 now fails for 自然人 and 总计: their cells change
    assert changed and all(r1 == r2 and c1 == c2 for r1, c1, r2, c2 in changed)   # cell by cell
    announced = {(r, c) for r, c, _r, _c in changed}
    newly_marked = [model.index_of(cid) for cid in model.marks()]
    assert newly_marked and {(i.row(), i.column()) for i in newly_marked} <= announced
    assert len(announced) < model.rowCount() * model.columnCount() / 4


def test_the_selection_is_repainted_when_the_focus_leaves_the_table_while_editing(t3, qtbot):
    window, view, model = t3
    elsewhere = QLineEdit(window)
    elsewhere.show()
    view.setCurrentIndex(model.index_of("t3:open:natural"))
    _settle(qtbot)
    qtbot.keyClicks(view, "7")
    _settle(qtbot)
    painted = _Painted(view.viewport())
    elsewhere.setFocus()                               # the editor commits and closes; focus stays away
    _settle(qtbot)
    assert window.document.report.value("t3:open:natural") == 7
    assert painted.rect.contains(view.viewport().rect())   # all of it, in the inactive colours
