"""The window: outline from the edition, the public navigation API, Chinese Qt, the error hook."""

import re
import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from desktop import error_dialog
from desktop.app_style import install_translations, ui_font
from desktop.document import ReportDocument
from desktop.table_page import TablePage
from forms.demo import demo_report
from forms.paths import log_dir, recovery_dir
from tests.desktop.gui_helpers import boxes, make_window, new_doc  # noqa: F401 (fixtures)


def outline_texts(window):
    out = []

    def walk(item, depth):
        out.append(("  " * depth) + item.text(0))
        for i in range(item.childCount()):
            walk(item.child(i), depth + 1)
    for i in range(window.outline.topLevelItemCount()):
        walk(window.outline.topLevelItem(i), 0)
    return out


def test_outline_of_the_2021_edition_and_navigation(make_window):
    window = make_window(new_doc())
    texts = outline_texts(window)
    assert texts[0] == "封面信息"
    assert "三、收到和处理政府信息公开申请情况" in texts
    assert texts[texts.index("三、收到和处理政府信息公开申请情况") + 1] == "  表三　收到和处理政府信息公开申请情况"
    assert not any(t.startswith("附件") for t in texts)
    page = window.show_table("t4")
    assert isinstance(page, TablePage) and window.stack.currentWidget() is page
    assert window.outline.currentItem() is window.outline.item_for("table", "t4")
    editor = window.show_section("s5")
    assert hasattr(editor, "go_to") and window.stack.currentWidget() is editor
    meta = window.show_meta()
    assert window.stack.currentWidget() is meta and type(meta).__name__ == "MetaForm"
    # Choosing in the outline shows the part.
    window.outline.setCurrentItem(window.outline.item_for("table", "t2"))
    assert window.current_table_page().table.id == "t2"


def test_demo_2014_has_its_attachment(make_window):
    window = make_window(ReportDocument(demo_report()))
    texts = outline_texts(window)
    assert "附件" in texts and "  附件1　政府信息公开情况统计表" in texts
    page = window.show_table("t1")
    assert page.model.blank_count() == 0                # the seed fills every row
    units = {page.model.index(r, 1).data() for r in range(1, page.model.rowCount())}
    assert {"条", "件", "万元", "——"} <= units


def test_edit_menu_undo_redo_texts(make_window):
    window = make_window(new_doc())
    assert not window.undo_action.isEnabled()
    window.document.set_cell_text("t3:new:natural", "1")
    assert window.undo_action.isEnabled() and window.undo_action.text().startswith("撤销(&U) 填写")
    window.undo_action.trigger()
    assert window.redo_action.isEnabled() and window.document.report.value("t3:new:natural") is None
    assert [s.toString() for s in window.redo_action.shortcuts()][0] == "Ctrl+Y"
    window.document.set_meta("agency", "某县人民政府")
    window.undo_action.trigger()
    assert window.document.report.meta.agency == "某区人民政府"


def test_undo_from_the_menu_undoes_cover_typing_instead_of_overwriting_it(make_window):
    # Typing in a cover field is committed when the field is left; 撤销 chosen from the menu
    # while the text was still being typed undid the field's previous change and wiped the typing.
    window = make_window(new_doc())
    doc = window.document
    doc.set_meta("agency", "某县人民政府")
    form = window.show_meta()
    edit = form.fields["agency"]
    edit.setFocus()
    edit.selectAll()
    edit.insert("某县人民政府办公室")
    assert doc.report.meta.agency == "某县人民政府"          # typed, not yet committed
    window.undo_action.trigger()
    assert doc.report.meta.agency == edit.text() == "某县人民政府"
    window.redo_action.trigger()
    assert doc.report.meta.agency == edit.text() == "某县人民政府办公室"
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert doc.report.meta.agency == edit.text() == "某区人民政府"


def test_export_and_print_items_call_the_export_modules(make_window, monkeypatch):
    import desktop.exporting as exporting
    window = make_window(new_doc())
    calls = []
    monkeypatch.setattr(exporting, "export_xlsx", lambda parent, doc: calls.append((parent, doc)))
    window._update_optional_actions()
    action = window.optional_actions["导出 Excel…"][0]
    assert action.text() == "导出 Excel(&E)…"
    assert action.isEnabled()
    action.trigger()
    assert calls == [(window, window.document)]
    assert all(a.isEnabled() for a, _m, _n in window.optional_actions.values())


def test_qt_dialogs_in_chinese_and_a_chinese_ui_font(qapp):
    assert install_translations(qapp) == ["qtbase_zh_CN"]
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert ui_font().families()[0] in ("Noto Sans CJK SC", "Microsoft YaHei UI", "Microsoft YaHei")


def test_exception_hook_logs_saves_a_copy_and_tells_the_clerk(make_window, boxes):
    window = make_window(new_doc())
    window.document.set_cell_text("t3:new:natural", "3")
    try:
        raise ZeroDivisionError("测试用的错误")
    except ZeroDivisionError:
        error_dialog.handle_exception(*sys.exc_info())
    log = (log_dir() / error_dialog.LOG_NAME).read_text(encoding="utf-8")
    assert "ZeroDivisionError: 测试用的错误" in log and "Traceback" in log
    title, text = boxes.shown[-1]
    assert title == "意外错误" and str(log_dir()) in text and "没有丢失" in text
    box = boxes.last_box
    assert box.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse   # to copy for IT
    copies = list(recovery_dir().glob("*.nianbao-recovery"))
    assert len(copies) == 1
    assert window.isVisible() and window.document.report.value("t3:new:natural") == 3


def test_exception_hook_is_installed_by_the_application(qapp):
    from desktop.app import create_application
    old = sys.excepthook
    try:
        assert create_application([]) is QApplication.instance()
        assert sys.excepthook is error_dialog.handle_exception
    finally:
        sys.excepthook = old


class _Screen:
    def __init__(self, area):
        self.area = area

    def availableGeometry(self):
        return self.area


def _first_start_geometry(window, area):
    from PySide6.QtCore import QRect
    window.screen = lambda: _Screen(QRect(*area))
    window._default_geometry()
    return window.geometry()


def test_the_first_window_fits_a_small_office_screen(make_window):
    from desktop.main_window import DEFAULT_SIZE
    from desktop.screen_fit import FRAME_ALLOWANCE
    window = make_window(show=False)
    # 1366 × 768 with a 40-pixel taskbar: the whole window, frame included, on the screen
    geometry = _first_start_geometry(window, (0, 0, 1366, 728))
    assert geometry.width() == DEFAULT_SIZE[0]
    assert geometry.height() == 728 - FRAME_ALLOWANCE[1] < DEFAULT_SIZE[1]
    assert geometry.top() >= 0 and geometry.bottom() + FRAME_ALLOWANCE[1] <= 728
    assert geometry.left() >= 0 and geometry.right() + FRAME_ALLOWANCE[0] <= 1366


def test_the_first_window_takes_room_on_a_large_screen_centred(make_window, qtbot):
    # At 1280 × 820 on a 1920 × 1080 monitor 表四 needed scrolling sideways with room to spare.
    from desktop.main_window import DEFAULT_SIZE
    from desktop.screen_fit import ROOMY_SIZE
    window = make_window(show=False)
    geometry = _first_start_geometry(window, (1920, 0, 1920, 1040))     # the second of two screens
    assert (geometry.width(), geometry.height()) == (int(1920 * 0.9), int(1040 * 0.9))
    assert geometry.width() > DEFAULT_SIZE[0] and geometry.height() > DEFAULT_SIZE[1]
    left_gap, right_gap = geometry.left() - 1920, 3840 - geometry.right()
    assert 1920 < geometry.left() and abs(left_gap - right_gap) <= 20
    window.show()
    page = window.show_table("t4")
    qtbot.waitUntil(lambda: page.view.isVisible())
    assert page.view.horizontalScrollBar().maximum() == 0          # every column of 表四 shows
    # A very large screen: no bigger than that.
    assert _first_start_geometry(window, (0, 0, 3840, 2120)).size().toTuple() == ROOMY_SIZE


def test_the_first_window_keeps_its_default_size_where_there_is_just_room(make_window):
    from desktop.main_window import DEFAULT_SIZE
    window = make_window(show=False)
    geometry = _first_start_geometry(window, (0, 0, 1400, 870))
    assert (geometry.width(), geometry.height()) == DEFAULT_SIZE


def test_every_menu_item_has_its_own_access_key(make_window):
    # Alt+F, then a letter: a clerk working from the keyboard reaches every item of every menu,
    # 撤销 and 重做 too once they name what they undo.
    window = make_window(new_doc())
    window.document.set_cell_text("t3:new:natural", "1")
    window.document.set_cell_text("t3:new:research", "2")
    window.undo_action.trigger()
    assert "填写" in window.undo_action.text() and "填写" in window.redo_action.text()
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        assert re.search(r"\(&\w\)$", menu_action.text()), menu_action.text()
        items = [a for a in menu.actions() if not a.isSeparator()]
        keys = [re.search(r"\(&(\w)\)", a.text()) for a in items]
        assert items and all(keys), [a.text() for a, k in zip(items, keys) if not k]
        letters = [k.group(1).upper() for k in keys]
        assert len(set(letters)) == len(letters), (menu_action.text(), letters)
