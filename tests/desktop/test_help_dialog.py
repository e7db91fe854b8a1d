"""「使用说明」: the guide ships, opens with F1 from the window, and names what the window shows."""

import re

from PySide6.QtGui import QKeySequence

from desktop import help_dialog
from desktop.help_dialog import HelpDialog, guide_text
from desktop.main_window import MainWindow, plain_label


def test_f1_opens_one_guide_per_window(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.help_action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    window.help_action.trigger()
    dialog = window.help_dialog
    assert isinstance(dialog, HelpDialog) and dialog.isVisible()
    text = dialog.browser.toPlainText()
    assert text.startswith("年报 使用说明") and "检查结果" in text and "#" not in text   # rendered
    window.help_action.trigger()
    assert window.help_dialog is dialog and len(window.findChildren(HelpDialog)) == 1
    dialog.reject()


def _menu_labels(window) -> set[str]:
    labels = set()
    for top in window.menuBar().actions():
        for action in top.menu().actions():
            labels.add(plain_label(action.text()).rstrip("…"))
    return labels


def test_every_menu_item_the_guide_names_is_in_the_menus(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    guide = guide_text()
    named = re.findall(r"\*\*(文件|编辑|帮助) → ([^*（]+?)(?:…)?\*\*", guide)
    assert len(named) >= 8
    assert {item for _menu, item in named} <= _menu_labels(window)
    # … and every item of the 文件 menu that does something is explained.
    file_menu = window.menuBar().actions()[0].menu()
    for action in file_menu.actions():
        label = plain_label(action.text()).rstrip("…")
        if label and label != "退出":
            assert label in guide, label


def test_the_buttons_the_guide_names_are_the_windows(qtbot):
    from PySide6.QtWidgets import QPushButton

    from desktop.document import ReportDocument
    from forms.demo import demo_report
    window = MainWindow(ReportDocument(demo_report()))
    qtbot.addWidget(window)
    window.show_section(window.document.report.edition.sections[-1].id)
    window.show_table(window.document.report.edition.tables[0].id)
    buttons = {b.text() for b in window.findChildren(QPushButton)}
    guide = guide_text()
    for label in ("空白填 0", "按建议改正", "确认无误…", "取消确认", "插入表格数值…", "整理格式"):
        assert label in buttons and label in guide, label


def test_a_missing_guide_is_reported_not_shown_blank(monkeypatch, tmp_path):
    monkeypatch.setattr(help_dialog, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    text = guide_text()
    assert "找不到使用说明文件" in text and "guide.md" in text and "重新安装" in text


def test_no_paragraph_of_the_guide_is_wrapped_in_the_source():
    """Markdown joins a wrapped line with a space, which shows in the middle of Chinese text."""
    lines = guide_text().splitlines()
    for before, line in zip(lines, lines[1:]):
        if line.strip() and before.strip() and not before.startswith("|"):
            assert line.startswith(("- ", "|")), line


class _SmallScreen:
    """A 1366 × 768 laptop at 150 % less its taskbar, as a dialog sees it (logical pixels)."""

    def availableGeometry(self):
        from PySide6.QtCore import QRect
        return QRect(0, 0, 910, 480)


def test_the_guide_fits_on_a_small_screen(qtbot, monkeypatch):
    from desktop.screen_fit import FRAME_ALLOWANCE
    monkeypatch.setattr(HelpDialog, "screen", lambda self: _SmallScreen())
    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    assert dialog.height() + FRAME_ALLOWANCE[1] <= 480 and dialog.width() + FRAME_ALLOWANCE[0] <= 910
