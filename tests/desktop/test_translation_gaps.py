"""Qt's own file and print dialogs speak Chinese even where Qt's catalogue lacks a label."""

import re

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QLabel

from desktop.app_style import install_translations
from desktop.translation_gaps import with_mnemonic

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def test_the_mnemonic_goes_before_the_colon_as_in_qts_catalogue():
    assert with_mnemonic("查找范围：", "l") == "查找范围(&L)："
    assert with_mnemonic("Page Set:", "s") == "Page Set(&S):"
    assert with_mnemonic("名称", "n") == "名称(&N)"


def test_labels_qt_gave_a_mnemonic_are_translated(qapp):
    install_translations(qapp)
    t = QCoreApplication.translate
    assert t("QFileDialog", "&Look in:") == "查找范围(&L)："
    assert t("QFileDialog", "Files of &type:") == "文件类型(&T)："
    assert t("QPrintSettingsOutput", "Page &Set:") == "页面组(&S)："
    assert t("QAbstractFileIconProvider", "Folder") == "文件夹"
    # What the catalogue has stays its own; what nobody translates stays as Qt wrote it.
    assert t("QFileDialog", "File &name:") == "文件名称(&N)："
    assert t("QShortcut", "Ctrl") == "Ctrl"
    assert t("QFileDialog", "&Unheard of:") == "&Unheard of:"


def test_qts_own_file_dialog_has_no_english_label(qapp, tmp_path):
    # The dialog clerks see on UOS and 麒麟 (Qt's, not the system's): "Look in:" was English.
    install_translations(qapp)
    dialog = QFileDialog(None, "打开", str(tmp_path), "年报文件 (*.nianbao)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    try:
        labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
        assert len(labels) >= 3
        assert not [text for text in labels if LATIN_WORD.search(text)]
    finally:
        dialog.deleteLater()


def test_a_text_fields_menu_says_undo_as_the_edit_menu_does(qapp):
    # Qt's catalogue has 「撤消」; the 编辑 menu, the status bar and the guide say 「撤销」.
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit
    install_translations(qapp)
    for field in (QLineEdit("甲"), QPlainTextEdit("甲")):
        menu = field.createStandardContextMenu()
        texts = [a.text().split("\t")[0] for a in menu.actions()]
        assert texts[0] == "撤销(&U)" and "撤消" not in "".join(texts)
        menu.deleteLater()
        field.deleteLater()
