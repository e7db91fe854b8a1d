"""The editor of one narrative section: its heading, its text, and the clerk's helpers.

Typed text reaches the document debounced (a short pause after typing), and at once when the
editor loses the focus or the document asks for it (``doc.flush_edits()`` before saving,
exporting or correcting).  Changes made to the text elsewhere (a correction from the checks
panel) arrive through ``narrativeChanged`` and are merged as one edit of the differing stretch,
so the cursor stays where it was and the editor's own undo can take the change back.

A report opened read-only (``doc.read_only``) can be read, selected, copied and scrolled here but
not changed: the text is read-only (not disabled, so it stays legible), the helpers are disabled
with the reason in their tooltip, and nothing reaches the document.  The window calls
``update_read_only()`` when the mode changes (另存为 makes the report writable again).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
                               QWidget)

from forms.checks import count_characters
from forms.narrative import FEE_SENTENCE, heading_level, tidy

from .document import READ_ONLY_TIP, ReportDocument
from .fee_dialog import FeeDialog
from .narrative_text import PlainTextEdit
from .value_picker import ValuePicker

DEBOUNCE_MS = 400
WARNING_STYLE = "color: #b00020; font-weight: bold"


def utf16_offset(text: str, index: int) -> int:
    """Qt positions count UTF-16 units; a Python index counts code points."""
    return len(text[:index].encode("utf-16-le")) // 2


class NarrativeEditor(QWidget):
    def __init__(self, doc: ReportDocument, section_id: str, parent=None):
        super().__init__(parent)
        self.doc, self.section_id = doc, section_id
        self.section = doc.report.edition.section(section_id)
        self._pending = False      # typed text not yet handed to the document
        self._applying = False     # the editor is being updated from the document

        self.heading_edit: QLineEdit | None = None
        self.heading_label = QLabel()
        self.heading_label.setStyleSheet("font-weight: bold; font-size: 15px")
        if self.section.heading_editable:
            self.heading_edit = QLineEdit(placeholderText=self.section.heading)
            self.heading_edit.setToolTip("本版式的章节标题由本单位自拟；留空则使用默认标题。")
            self.heading_edit.editingFinished.connect(self._commit_heading)
            self.heading_edit.textEdited.connect(doc.editPending)    # the recovery copy takes it

        self.text_edit = PlainTextEdit(self)
        self.text_edit.setPlaceholderText(self.section.placeholder or
                                          "在此撰写本节内容。标题按编号识别：一、（一）1.（1）")
        self.tidy_button = QPushButton("整理格式")
        self.tidy_button.setToolTip("标点改为全角、删除汉字间多余空格、合并段内硬换行、统一“（一）”；可撤销")
        self.value_button = QPushButton("插入表格数值…")
        self.fee_button = QPushButton("信息处理费…") if self.section.fee_statement else None
        self.count_label = QLabel()
        self.status = QLabel()
        self.status.setWordWrap(True)

        tools = QHBoxLayout()
        for b in (self.tidy_button, self.value_button, self.fee_button):
            if b is not None:
                tools.addWidget(b)
        tools.addStretch(1)
        tools.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading_edit or self.heading_label)
        layout.addLayout(tools)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.status)

        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self.text_edit.textChanged.connect(self._on_text_changed)
        self.text_edit.focusLost.connect(self.flush)
        self.tidy_button.clicked.connect(self.tidy_text)
        self.value_button.clicked.connect(self.choose_value)
        if self.fee_button is not None:
            self.fee_button.clicked.connect(self.choose_fee_sentence)
        doc.narrativeChanged.connect(self._on_narrative_changed)
        doc.flushRequested.connect(self.flush)
        doc.pendingRequested.connect(self.add_pending)

        self._show_heading()
        self._applying = True
        self.text_edit.setPlainText(doc.report.text(section_id))
        self._applying = False
        self.text_edit.document().clearUndoRedoStacks()
        self._update_count()
        # The helpers that change the text, with their own tooltips (read-only mode replaces them).
        self._helper_tips = {b: b.toolTip() for b in (self.tidy_button, self.value_button, self.fee_button)
                             if b is not None}
        self.update_read_only()

    # ------------------------------------------------------------------ contract with the window

    def flush(self) -> None:
        """Hands typed text (and a heading being typed) to the document now."""
        self._timer.stop()
        if self.doc.read_only:
            # Nothing reaches a read-only report; whatever changed the widget, the report wins.
            self._pending = False
            self._on_narrative_changed(self.section_id)
            return
        if self.heading_edit is not None and self.heading_edit.isModified():
            self._commit_heading()
        if not self._pending:
            return
        self._pending = False
        self.doc.set_narrative(self.section_id, self.text())

    def add_pending(self, pending) -> None:
        """Text and a heading typed and not yet handed over, for the recovery copy
        (desktop/autosave.py): nothing is committed, the editor's own undo is left alone."""
        if self.doc.read_only:
            return
        if self._pending:
            pending.texts[self.section_id] = self.text()
        if self.heading_edit is not None and self.heading_edit.isModified():
            pending.headings[self.section_id] = self.heading_edit.text().strip() or None

    def go_to(self, position: tuple[int, int] | None) -> None:
        """Selects a stretch of the text (a finding's quote), or just takes the focus."""
        self.flush()
        if position is not None:
            text = self.text()
            start, end = (max(0, min(len(text), p)) for p in position)
            cursor = self.text_edit.textCursor()
            cursor.setPosition(utf16_offset(text, start))
            cursor.setPosition(utf16_offset(text, end), QTextCursor.MoveMode.KeepAnchor)
            self.text_edit.setTextCursor(cursor)
            self.text_edit.ensureCursorVisible()
        self.text_edit.setFocus()

    def text(self) -> str:
        # Not toPlainText(): it turns no-break spaces into spaces and line separators (U+2028)
        # into paragraph breaks, so the first keystroke would change them all over the section.
        return self.text_edit.document().toRawText().replace("\u2029", "\n")

    def update_read_only(self) -> None:
        """Follows ``doc.read_only``: read-only text and disabled helpers, or everything editable."""
        ro = self.doc.read_only
        self.flush()
        self.text_edit.setReadOnly(ro)
        if ro:
            # setReadOnly leaves only mouse selection: the keyboard still moves, selects and scrolls.
            self.text_edit.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                   | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        # Off drops the text's undo history, so no undo can change a read-only report's text;
        # once writable again the history starts afresh.
        self.text_edit.document().setUndoRedoEnabled(not ro)
        self.text_edit.setToolTip(READ_ONLY_TIP if ro else "")
        if self.heading_edit is not None:
            self.heading_edit.setReadOnly(ro)
        for button, tip in self._helper_tips.items():
            button.setEnabled(not ro)
            button.setToolTip(READ_ONLY_TIP if ro else tip)
        if ro:
            self.status.setText(READ_ONLY_TIP)
        elif self.status.text() == READ_ONLY_TIP:
            self.status.clear()

    # ------------------------------------------------------------------ the clerk's helpers

    def tidy_text(self) -> bool:
        """整理格式 as one undoable edit; says what it did.  False when nothing needed tidying."""
        if self.doc.read_only:
            return False
        # The keyboard goes back to the text, so that Ctrl+Z (as the message says) undoes the tidy
        # there instead of reaching the window's undo of the tables.
        self.text_edit.setFocus()
        old = self.text()
        new = tidy(old)
        if new == old:
            self.status.setText("格式已规范，无需整理。")
            return False
        self._replace_differing(old, new)
        self.status.setText("已整理格式（标点、空格、段内换行、序号括号）。如需还原，请按 Ctrl+Z 撤销。")
        self.flush()
        return True

    def insert_at_cursor(self, text: str) -> None:
        if text and not self.doc.read_only:
            self.text_edit.textCursor().insertText(text)
            self.text_edit.setFocus()

    def choose_value(self) -> None:
        if self.doc.read_only:
            return
        picker = ValuePicker(self.doc.report, self)
        if picker.exec() == QDialog.DialogCode.Accepted:
            self.insert_at_cursor(picker.chosen_text())

    def choose_fee_sentence(self) -> None:
        if self.doc.read_only:
            return
        dialog = FeeDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.sentence():
            self.put_fee_sentence(dialog.sentence())

    def put_fee_sentence(self, sentence: str) -> None:
        """Replaces the section's fee sentence if it has one, else adds it as its own paragraph."""
        if self.doc.read_only:
            return
        text = self.text()
        found = FEE_SENTENCE.search(text)
        cursor = self.text_edit.textCursor()
        if found:
            cursor.setPosition(utf16_offset(text, found.start()))
            cursor.setPosition(utf16_offset(text, found.end()), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(sentence)
        else:
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            cursor.insertText(("\n" if cursor.block().text().strip() else "") + sentence)
        self.text_edit.setTextCursor(cursor)
        self.text_edit.setFocus()        # as after 整理格式: Ctrl+Z undoes it in the text
        self.status.setText(f"已写入：{sentence}")
        self.flush()

    # ------------------------------------------------------------------ character count (R13)

    def length_limit(self) -> tuple[int, str] | None:
        """The edition's length rule for this section, if any: (limit, message template)."""
        rules = [r for r in self.doc.report.edition.rules
                 if r.type == "text_length" and r.section == self.section_id]
        if not rules:
            return None
        rule = min(rules, key=lambda r: r.limit)
        return int(rule.limit), rule.message

    def _update_count(self) -> None:
        count = count_characters(self.text())
        limit = self.length_limit()
        if limit and count > limit[0]:
            self.count_label.setText(f"字数：{count}（超过 {limit[0]} 字）")
            self.count_label.setStyleSheet(WARNING_STYLE)
            self.count_label.setToolTip(limit[1].replace("{count}", str(count)) if limit[1] else "")
        else:
            self.count_label.setText(f"字数：{count}" + (f" / {limit[0]}" if limit else ""))
            self.count_label.setStyleSheet("")
            self.count_label.setToolTip("字数按 Word 的统计方式：不计空格和换行")

    @property
    def over_limit(self) -> bool:
        limit = self.length_limit()
        return bool(limit) and count_characters(self.text()) > limit[0]

    # ------------------------------------------------------------------ heading (editions that let the unit choose)

    def _show_heading(self) -> None:
        heading = self.doc.report.heading(self.section_id)
        if self.heading_edit is not None:
            own = self.doc.report.narrative.get(self.section_id)
            shown = own.heading if own and own.heading is not None else ""
            if self.heading_edit.text() != shown:
                self.heading_edit.setText(shown)
        else:
            self.heading_label.setText(heading or "（开头段落）")

    def _commit_heading(self) -> None:
        self.heading_edit.setModified(False)
        if self.doc.read_only:
            self._show_heading()
            return
        text = self.heading_edit.text().strip()
        own = self.doc.report.narrative.get(self.section_id)
        current = own.heading if own else None
        new = text or None
        if new != current:
            if new and heading_level(new) != 1:
                self.status.setText("提示：章节标题通常以“一、”“二、”等编号开头。")
            self.doc.set_heading(self.section_id, new)

    # ------------------------------------------------------------------ syncing with the document

    def _on_text_changed(self) -> None:
        self._update_count()
        if self._applying:
            return
        self._pending = True
        self._timer.start()

    def _on_narrative_changed(self, section_id: str) -> None:
        if section_id != self.section_id:
            return
        self._show_heading()
        new = self.doc.report.text(section_id)
        old = self.text()
        if new == old:
            self._pending = False
            return
        self._timer.stop()
        self._pending = False
        self._applying = True
        try:
            self._replace_differing(old, new)
        finally:
            self._applying = False

    def _replace_differing(self, old: str, new: str) -> None:
        """Replaces only the stretch where old and new differ, as one undoable edit."""
        start = 0
        limit = min(len(old), len(new))
        while start < limit and old[start] == new[start]:
            start += 1
        end_old, end_new = len(old), len(new)
        while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
            end_old -= 1
            end_new -= 1
        cursor = QTextCursor(self.text_edit.document())
        cursor.beginEditBlock()
        cursor.setPosition(utf16_offset(old, start))
        cursor.setPosition(utf16_offset(old, end_old), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(new[start:end_new])
        cursor.endEditBlock()
        self._update_count()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.flush()     # switching sections must not leave typed text behind
        super().hideEvent(event)
