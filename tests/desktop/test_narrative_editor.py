"""The narrative editor: headings by numbering, plain paste, 整理格式, counts, values, fee sentence, flush."""

from decimal import Decimal

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog

from desktop.document import ReportDocument
from desktop.fee_dialog import FeeDialog, parse_yuan
from desktop.narrative_editor import NarrativeEditor
from desktop.value_picker import ValuePicker
from forms.report import Report


def make_editor(qtbot, edition="2021", section="s1", text=""):
    report = Report.new(edition, 2025 if edition != "2014" else 2017, "某区人民政府")
    report.set_text_of(section, text)
    doc = ReportDocument(report)
    editor = NarrativeEditor(doc, section)
    qtbot.addWidget(editor)
    return doc, editor


def type_text(editor, text):
    editor.text_edit.moveCursor(QTextCursor.MoveOperation.End)
    editor.text_edit.insertPlainText(text)


def paste_text(editor, text):
    """Pastes as Word or a browser offers text: plain text in the clipboard's data."""
    mime = QMimeData()
    mime.setText(text)
    editor.text_edit.insertFromMimeData(mime)


def formats_of_block(editor, n):
    block = editor.text_edit.document().findBlockByNumber(n)
    return [(r.start, r.length, r.format.property(0x100000), r.format.fontWeight())
            for r in block.layout().formats()]


def test_heading_levels_are_highlighted_by_numbering(qtbot):
    text = "一、总体情况\n（一）领导重视，强化制度建设。区政府高度重视。\n本年度共收到申请3件。\n1.主动公开\n（1）规章"
    _, editor = make_editor(qtbot, text=text)
    (start, length, level, weight), = formats_of_block(editor, 0)
    assert (start, length, level) == (0, 6, 1) and weight >= 700
    # a run-in heading: only its heading sentence is formatted
    assert [f[:3] for f in formats_of_block(editor, 1)] == [(0, len("（一）领导重视，强化制度建设。"), 2)]
    assert formats_of_block(editor, 2) == []
    assert formats_of_block(editor, 3)[0][2] == 3
    assert formats_of_block(editor, 4)[0][2] == 4


def test_paste_from_word_keeps_the_text_and_drops_formatting(qtbot):
    doc, editor = make_editor(qtbot)
    mime = QMimeData()
    mime.setHtml("<p style='font-family:SimHei;color:red'><b>一、总体情况</b></p>")
    mime.setText("一、总体情况\r\n本年度,区政府\u00a0认真落实")
    editor.text_edit.insertFromMimeData(mime)
    assert editor.text() == "一、总体情况\n本年度,区政府 认真落实"
    assert editor.text_edit.document().toHtml().count("SimHei") == 0
    editor.flush()
    assert doc.report.text("s1") == "一、总体情况\n本年度,区政府 认真落实"


def test_word_s_manual_line_break_is_pasted_as_the_break_it_prints_as(qtbot):
    # Word puts U+000B in the clipboard for Shift+Enter: the editor showed a blank, the export
    # a new paragraph.  Now it is a line break in both, and 整理格式 joins a mid-sentence one.
    doc, editor = make_editor(qtbot)
    paste_text(editor, "（一）主动公开。本年度\u000b主动公开政府信息12条。\r\n附件\u000c二、\u2028三、")
    assert editor.text() == "（一）主动公开。本年度\n主动公开政府信息12条。\n附件\n二、\n三、"
    assert editor.tidy_text()
    editor.flush()
    assert doc.report.text("s1").startswith("（一）主动公开。本年度主动公开政府信息12条。\n")


def test_invisible_characters_of_a_web_page_are_not_pasted(qtbot):
    # A report copied from last year's web page: zero-width spaces between the words hid
    # 「收到申请200件」 from the text check and went into the Word file.
    _, editor = make_editor(qtbot)
    paste_text(editor, "\ufeff本年度共收到\u200b政府信息公开申请\u200b200\u200d件。")
    assert editor.text() == "本年度共收到政府信息公开申请200件。"


def test_typing_changes_only_what_is_typed(qtbot):
    # The section's text came with no-break spaces and a line separator (a file written elsewhere);
    # the first keystroke handed over the whole text turned into spaces and paragraph breaks.
    text = "一、总体情况\n本年度\u00a0区政府认真落实。\u2028第二行\n（一）主动公开"
    doc, editor = make_editor(qtbot, text=text)
    assert editor.text() == text
    type_text(editor, "情况")
    editor.flush()
    assert doc.report.text("s1") == text + "情况"


def test_tidy_is_one_undo_step_and_reaches_the_document(qtbot):
    doc, editor = make_editor(qtbot, text="(一)主动公开\n本年度,主动公开\n政府信息 1234 条.")
    assert editor.tidy_text() is True
    assert editor.text() == "（一）主动公开\n本年度，主动公开政府信息1234条。"
    assert doc.report.text("s1") == editor.text()
    assert "撤销" in editor.status.text()
    editor.text_edit.undo()
    assert editor.text() == "(一)主动公开\n本年度,主动公开\n政府信息 1234 条."
    editor.flush()
    assert doc.report.text("s1") == editor.text()
    editor.text_edit.redo()
    assert editor.text() == "（一）主动公开\n本年度，主动公开政府信息1234条。"


def test_tidy_on_tidy_text_changes_nothing(qtbot):
    doc, editor = make_editor(qtbot, text="一、总体情况\n本年度共收到申请3件。")
    assert editor.tidy_text() is False
    assert not editor.text_edit.document().isUndoAvailable()
    assert not doc.is_modified


@pytest.mark.parametrize("edition,limited", [("2021", True), ("2019", True), ("2014", False)])
def test_character_count_warns_above_the_editions_limit(qtbot, edition, limited):
    _, editor = make_editor(qtbot, edition=edition, text="字" * 1000)
    assert editor.count_label.text().startswith("字数：1000")
    assert not editor.over_limit
    type_text(editor, "多 ")          # spaces are not counted
    assert editor.over_limit is limited
    assert ("超过 1000 字" in editor.count_label.text()) is limited
    if limited:
        assert "1001" in editor.count_label.toolTip()


def test_other_sections_have_no_limit(qtbot):
    _, editor = make_editor(qtbot, section="s5", text="字" * 1500)
    assert not editor.over_limit and "超过" not in editor.count_label.text()


def test_value_picker_inserts_the_formatted_number_at_the_cursor(qtbot, monkeypatch):
    doc, editor = make_editor(qtbot, text="共收到申请件。")
    doc.set_cell_text("t3:new:natural", "12")
    doc.set_cell_text("t2:fee:amount", "1.50")
    picker = ValuePicker(doc.report)
    qtbot.addWidget(picker)
    picker.apply_filter("本年新收 总计")
    visible = [picker.tree.topLevelItem(i) for i in range(picker.tree.topLevelItemCount())
               if not picker.tree.topLevelItem(i).isHidden()]
    assert [i.text(1) for i in visible] == ["12"]
    picker.select_cell("t3:new:total")
    assert picker.chosen_text() == "12"
    picker.apply_filter("")
    picker.select_cell("t2:fee:amount")
    assert picker.chosen_text() == "1.5"
    assert not picker.select_cell("t3:new:legal")     # blank: nothing to insert
    assert picker.tree.topLevelItem(0).text(1) == "（未填写）"

    def accept(self):
        self.select_cell("t3:new:total")
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(ValuePicker, "exec", accept)
    cursor = editor.text_edit.textCursor()
    cursor.setPosition(len("共收到申请"))
    editor.text_edit.setTextCursor(cursor)
    editor.choose_value()
    assert editor.text() == "共收到申请12件。"


def test_value_picker_offers_the_sums_no_cell_holds(qtbot):
    # 「不予公开X件」 is the sum of 表三's eight 不予公开 rows, which have no total row: the clerk
    # added them by hand, the very mistake R8 then reported.
    from tests.forms.sample_reports import pingtan_report
    picker = ValuePicker(pingtan_report())
    qtbot.addWidget(picker)
    picker.apply_filter("不予公开")
    assert picker.chosen_cell() == "sum:deny"          # shown first, before its parts
    assert picker.chosen_text() == "39"
    assert "1–8项之和" in picker.tree.currentItem().text(0)
    picker.apply_filter("行政诉讼 之和")
    assert picker.chosen_text() == "19"
    blank = ValuePicker(Report.new("2021", 2025))
    qtbot.addWidget(blank)
    blank.apply_filter("不予公开")
    assert blank.chosen_cell() is None and blank.chosen_text() == ""   # parts blank: nothing to insert


def test_fee_sentence_is_offered_only_where_the_edition_asks_for_it(qtbot):
    _, s6 = make_editor(qtbot, section="s6")
    _, s5 = make_editor(qtbot, section="s5")
    _, old = make_editor(qtbot, edition="2014", section="s3")
    assert s6.fee_button is not None and s5.fee_button is None and old.fee_button is None


def test_fee_dialog_builds_either_sentence(qtbot):
    dialog = FeeDialog()
    qtbot.addWidget(dialog)
    assert dialog.sentence() == "本年度未收取信息处理费。"
    dialog.charged.setChecked(True)
    assert dialog.sentence() is None and not dialog.ok.isEnabled() and dialog.error.text()
    dialog.amount.setText("abc")
    assert "不是金额" in dialog.error.text()
    dialog.amount.setText("１２０.５")
    dialog.count.setValue(3)
    assert dialog.sentence() == "本年度共收取信息处理费120.5元，涉及申请3件。" and dialog.ok.isEnabled()
    assert parse_yuan("1,200元") == Decimal("1200")
    with pytest.raises(ValueError, match="两位小数"):
        parse_yuan("1.234")


def test_fee_sentence_replaces_the_old_one(qtbot):
    doc, editor = make_editor(qtbot, section="s6", text="无其他需要报告的事项。")
    editor.put_fee_sentence("本年度未收取信息处理费。")
    assert doc.report.text("s6") == "无其他需要报告的事项。\n本年度未收取信息处理费。"
    editor.put_fee_sentence("本年度共收取信息处理费50元，涉及申请1件。")
    assert doc.report.text("s6") == "无其他需要报告的事项。\n本年度共收取信息处理费50元，涉及申请1件。"


def test_typed_text_is_debounced_and_flushed(qtbot):
    doc, editor = make_editor(qtbot, text="本年度")
    type_text(editor, "共收到申请3件。")
    assert doc.report.text("s1") == "本年度"           # not yet: debounced
    doc.flush_edits()                                 # as the window does before saving
    assert doc.report.text("s1") == "本年度共收到申请3件。" and doc.is_modified
    type_text(editor, "另")
    qtbot.waitUntil(lambda: doc.report.text("s1").endswith("另"), timeout=2000)


def test_focus_out_flushes(qtbot):
    doc, editor = make_editor(qtbot)
    type_text(editor, "正文")
    editor.text_edit.focusLost.emit()
    assert doc.report.text("s1") == "正文"


def test_change_from_elsewhere_keeps_the_cursor(qtbot):
    doc, editor = make_editor(qtbot, text="统计期限为2024年1月1日至2024年12月31日。本年度共收到申请3件。")
    cursor = editor.text_edit.textCursor()
    cursor.setPosition(len(editor.text()) - 3)
    editor.text_edit.setTextCursor(cursor)
    doc.set_narrative("s1", "统计期限为2025年1月1日至2025年12月31日。本年度共收到申请3件。")
    assert editor.text() == doc.report.text("s1")
    assert editor.text_edit.textCursor().position() == len(editor.text()) - 3
    editor.flush()
    assert doc.report.text("s1").startswith("统计期限为2025")   # no echo of stale text


def test_go_to_selects_the_quoted_range(qtbot):
    _, editor = make_editor(qtbot, text="𠀀一、总体情况\n共收到申请17件。")
    text = editor.text()
    start = text.index("17件")
    editor.go_to((start, start + 3))
    assert editor.text_edit.textCursor().selectedText() == "17件"
    editor.go_to(None)
    editor.go_to((500, 900))                           # stale positions are clamped, not fatal


def test_2014_heading_is_editable(qtbot):
    doc, editor = make_editor(qtbot, edition="2014", section="s2")
    assert editor.heading_edit is not None
    assert editor.heading_edit.placeholderText() == "二、政府信息公开工作情况统计"
    editor.heading_edit.insert("二、主动公开政府信息情况")      # as typed (QTest cannot type Chinese)
    doc.flush_edits()
    assert doc.report.heading("s2") == "二、主动公开政府信息情况"
    editor.heading_edit.setText("")
    editor.heading_edit.editingFinished.emit()
    assert doc.report.heading("s2") == "二、政府信息公开工作情况统计"
    _, fixed = make_editor(qtbot, edition="2021", section="s2")
    assert fixed.heading_edit is None and fixed.heading_label.text() == "二、主动公开政府信息情况"


def test_keyboard_typing_reaches_the_document(qtbot):
    doc, editor = make_editor(qtbot)
    qtbot.keyClicks(editor.text_edit, "abc")
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Return)
    editor.flush()
    assert doc.report.text("s1") == "abc\n"


def test_shift_enter_starts_a_paragraph_as_the_report_prints_it(qtbot):
    # Shift+Enter put U+2028 in the text: a line of the same paragraph in the editor, a new
    # paragraph (with its indent) in the .docx.
    doc, editor = make_editor(qtbot)
    qtbot.keyClicks(editor.text_edit, "ab")
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor.text_edit, "cd")
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Enter, Qt.KeyboardModifier.ShiftModifier
                   | Qt.KeyboardModifier.KeypadModifier)
    editor.flush()
    assert doc.report.text("s1") == "ab\ncd\n"
    assert editor.text_edit.document().blockCount() == 3


def test_value_picker_shows_the_end_of_a_long_place(qtbot):
    # 「……（不同渠道和方式公开相同信息计1条） 其中：……」 and 「…… 制发…」 differ only at the end;
    # cut at the right, two rows read the same.
    picker = ValuePicker(Report.new("2019", 2025, "某区"))
    qtbot.addWidget(picker)
    tree = picker.tree
    width = tree.columnWidth(0) - 12               # the cell's margins
    shown = set()
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        where = item.text(0)
        text = tree.fontMetrics().elidedText(where, tree.textElideMode(), width)
        if text != where:
            assert text.endswith(where[-2:]), (where, text)
            assert item.toolTip(0).startswith(where)
        shown.add(text)
    assert len(shown) == tree.topLevelItemCount()  # no two cells look alike
