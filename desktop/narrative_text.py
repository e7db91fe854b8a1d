"""The text field of a narrative section: plain text, headings shown by their numbering.

Pasting from Word or WPS keeps the words and drops the formatting; the highlighter shows each
heading level as it will print (level 1 黑体, level 2 楷体, levels 3–4 仿宋) and marks only the
heading part of a run-in heading, so the clerk sees where the heading ends and the text begins.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QKeySequence, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QPlainTextEdit

from forms.narrative import classify

from .qt_fonts import role_font
from .redo_key import is_ctrl_y

EDITOR_POINT_SIZE = 13
_PASTED = str.maketrans({"\r": "\n", "\u2029": "\n", "\u2028": "\n", "\u000b": "\n", "\u000c": "\n",
                         "\u00a0": " ",
                         # invisible characters web pages carry: nothing to print, but they split words
                         "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None})


def heading_format(level: int) -> QTextCharFormat:
    fmt = QTextCharFormat()
    font = role_font(f"heading{level}", EDITOR_POINT_SIZE)
    fmt.setFontFamilies(font.families())
    if level == 1:
        fmt.setFontWeight(QFont.Weight.Bold)
    elif level == 2:
        fmt.setForeground(QColor("#1f4e79"))   # 楷体 is often missing on screen: colour tells it apart
    elif level == 3:
        fmt.setFontWeight(QFont.Weight.DemiBold)
    else:
        fmt.setForeground(QColor("#3a5f3a"))
    fmt.setProperty(QTextCharFormat.Property.UserProperty, level)
    return fmt


class HeadingHighlighter(QSyntaxHighlighter):
    """Formats the heading part of each paragraph by the level its numbering gives it."""

    def __init__(self, document):
        super().__init__(document)
        self._formats = {level: heading_format(level) for level in (1, 2, 3, 4)}

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        line = classify(text)
        if line.level:
            # Qt counts UTF-16 units; characters outside the BMP count twice.
            length = len(line.heading.encode("utf-16-le")) // 2
            self.setFormat(0, length, self._formats[line.level])


class PlainTextEdit(QPlainTextEdit):
    """A QPlainTextEdit that pastes plain text only and tells when it loses the focus."""

    focusLost = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFont(role_font("body", EDITOR_POINT_SIZE))
        self.highlighter = HeadingHighlighter(self.document())

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt override)
        if self.isReadOnly():
            return     # paste() inserts regardless of read-only; a read-only report takes nothing
        # Word and WPS offer HTML and RTF; only the text is wanted (the report has its own styles).
        if source.hasText():
            # Word's manual line break (Shift+Enter) arrives as U+000B (elsewhere U+2028) and its page
            # break as U+000C: shown as a blank or a soft break here, they split the paragraph in the
            # exported report.  They become line breaks, seen where they print; 整理格式 joins them.
            self.textCursor().insertText(source.text().replace("\r\n", "\n").translate(_PASTED))
        else:
            super().insertFromMimeData(source)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 (Qt override)
        return not self.isReadOnly() and (source.hasText() or super().canInsertFromMimeData(source))

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            # Read-only, Qt no longer claims Ctrl+C, and the window's 复制 (tables only) would take it.
            # Ctrl+Y is redo on Windows only; elsewhere (UOS, 麒麟) the window's 重做 took it and
            # redid a table edit while the clerk meant the text.
            if (self.isReadOnly() and event.matches(QKeySequence.StandardKey.Copy)) \
                    or (not self.isReadOnly() and is_ctrl_y(event)):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if not self.isReadOnly() and is_ctrl_y(event):
            self.redo()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            # Shift+Enter (Word's habit) would put a line separator here, shown as a line of the
            # same paragraph; the report prints it as a new paragraph.  It is one here too.
            event = QKeyEvent(event.type(), event.key(),
                              event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier, event.text())
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().focusOutEvent(event)
        self.focusLost.emit()
