"""文件 → 字体方案: the clerk picks the font profile that export and print use (layout.md).

Imported only when the submenu is first opened, so starting the program never reads the profiles
file nor imports forms.fonts.
"""

from __future__ import annotations

from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox

from forms.fonts import FontProfileError, get_profile, profile_names

from .font_notice import (chosen_bold_level3, chosen_profile, notify_missing_fonts, set_bold_level3,
                          set_chosen_profile)

BOLD_LEVEL3_TEXT = "「1.」级标题加粗（部分地方的习惯）"


def fill_font_menu(window, menu: QMenu) -> None:
    """One checkable, mutually exclusive item per profile, the chosen one checked."""
    menu.clear()
    old = getattr(menu, "_profile_group", None)
    if old is not None:
        old.deleteLater()          # each opening builds a new group; the old one would pile up
    group = QActionGroup(menu)
    group.setExclusive(True)
    menu._profile_group = group
    try:
        current = chosen_profile().name
        profiles = [get_profile(name) for name in profile_names()]
    except FontProfileError as exc:
        action = menu.addAction("（字体方案文件有误）")
        action.setEnabled(False)
        action.setToolTip(str(exc))
        return
    for profile in profiles:
        action = menu.addAction(profile.label)
        action.setCheckable(True)
        action.setChecked(profile.name == current)
        action.setData(profile.name)
        group.addAction(action)
        action.triggered.connect(lambda _=False, n=profile.name: choose_font_profile(window, n))
    # GB/T 9704 sets 「1.」 headings in 仿宋 like the text; some places print them bold (layout.md)
    menu.addSeparator()
    bold = menu.addAction(BOLD_LEVEL3_TEXT)
    bold.setCheckable(True)
    bold.setChecked(chosen_bold_level3())
    bold.toggled.connect(lambda on: choose_bold_level3(window, on))


def choose_bold_level3(window, on: bool) -> None:
    set_bold_level3(on)
    status = getattr(window, "status", None)
    if callable(status):
        status("导出和打印时，「1.」级标题" + ("加粗。" if on else "不加粗（与正文相同）。"))


def choose_font_profile(window, name: str) -> None:
    """Saves the choice, tells at once which of its faces this machine lacks, says it in the status bar."""
    try:
        set_chosen_profile(name)
    except FontProfileError as exc:
        QMessageBox.warning(window, "字体方案", f"无法改用该字体方案：{exc}")
        return
    profile = chosen_profile()
    notify_missing_fonts(window, profile)
    status = getattr(window, "status", None)
    if callable(status):
        status(f"导出和打印现在使用字体方案“{profile.label}”。")
