"""Chinese for the few labels of Qt's own dialogs that its Chinese catalogue lacks.

Qt 6.12 gave some dialog labels a keyboard mnemonic ("&Look in:", "Files of &type:", the print
dialog's "Page &Set:") while qtbase_zh_CN.qm still has them without one ("Look in:" → "查找范围："),
so Qt's own file dialog — the one clerks on UOS and 麒麟 see — showed them in English.  This
translator is installed before Qt's catalogue, which makes it the last one Qt asks: it only sees
what the catalogue could not translate, and answers with the catalogue's translation of the label
without the mnemonic, the mnemonic added the way the catalogue writes it ("查找范围(&L)：").
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

# Not in the catalogue in any form (the file dialog's 类型 column and places list).
MISSING = {
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
}


def with_mnemonic(translated: str, letter: str) -> str:
    """"查找范围：" and "L" → "查找范围(&L)：" — before a trailing colon, else at the end."""
    mark = f"(&{letter.upper()})"
    for colon in ("：", ":"):
        if translated.endswith(colon):
            return translated[:-len(colon)] + mark + colon
    return translated + mark


class TranslationGaps(QTranslator):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.catalogues: list[QTranslator] = []    # Qt's own, set once they are loaded

    def isEmpty(self) -> bool:
        return False

    def translate(self, context, source, disambiguation=None, n=-1):
        missing = MISSING.get((context, source))
        if missing is not None:
            return missing
        at = source.find("&")
        if at < 0 or at + 1 >= len(source) or not source[at + 1].isalnum():
            return None                            # None: not translated here, Qt shows the source
        plain = source[:at] + source[at + 1:]
        for catalogue in self.catalogues:
            translated = catalogue.translate(context, plain, disambiguation, n)
            if translated and translated != plain:
                return with_mnemonic(translated, source[at + 1])
        return None


# Where the catalogue's word differs from the program's for the same thing: its 「撤消」 in the
# right-click menu of every text field, beside 「撤销」 of the 编辑 menu and of the messages.
PREFERRED = {"&Undo": "撤销(&U)"}


class PreferredWords(QTranslator):
    """Installed after Qt's catalogue, so asked before it."""

    def isEmpty(self) -> bool:
        return False

    def translate(self, context, source, disambiguation=None, n=-1):
        return PREFERRED.get(source)
