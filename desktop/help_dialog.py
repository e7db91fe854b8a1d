"""「使用说明」 (F1): the clerk's guide, resources/help/guide.md, in a window beside the report.

Offline like the rest of the program; Qt renders the Markdown itself.  One window per main window,
brought to the front when asked for again.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from resources import resource_path

TITLE = "使用说明"
GUIDE = ("help", "guide.md")


def guide_text() -> str:
    try:
        return resource_path(*GUIDE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        # A damaged installation: say which file, rather than show an empty window.
        return f"# {TITLE}\n\n找不到使用说明文件（{resource_path(*GUIDE)}）：{exc}。请重新安装年报程序。"


class HelpDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)       # nothing to open: the guide has no links out
        self.browser.setMarkdown(guide_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("中")
        # 40 lines are taller than a 1366 × 768 laptop less its taskbar, or a 1080p screen at
        # 150 %: the 关闭 button would sit below the screen's edge.
        from .screen_fit import fitted_size
        self.resize(*fitted_size(self, 44 * em, 40 * self.fontMetrics().height()))


def show_help(window) -> HelpDialog:
    dialog = getattr(window, "help_dialog", None)
    if dialog is None:
        dialog = window.help_dialog = HelpDialog(window)
    if dialog.isVisible():       # asked for again: brought to the front
        dialog.raise_()
        dialog.activateWindow()
    else:
        dialog.show()
    return dialog
