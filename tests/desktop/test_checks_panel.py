"""The live check list: grouped with counts, going to cells and sentences, 确认无误 with a reason."""

import pytest
from PySide6.QtCore import Qt

from forms.checks import run_checks
from forms.storage import read_report
from tests.desktop.gui_helpers import boxes, make_window  # noqa: F401 (fixtures)
from tests.forms.sample_reports import pingtan_report
from desktop import checks_panel as panel_module
from desktop.document import ReportDocument


@pytest.fixture
def window(make_window):
    return make_window(ReportDocument(pingtan_report()))


def r7_warning(doc):
    # Last year's 现行有效件数 that does not carry over: a warning (R7), the clerk may confirm it.
    last = pingtan_report(year=2023)
    last.set_value("t2:norms:valid", 400)
    doc.set_previous(last)
    return next(f for f in doc.findings if f.rule == "R7")


def test_groups_counts_and_live_updates(window):
    panel, doc = window.checks, window.document
    assert panel.counts() == {"error": 0, "warning": 0} and panel.summary.text() == "未发现问题。"
    doc.set_cell_text("t3:new:natural", "300")
    assert panel.counts()["error"] == 2          # the 自然人 and 总计 columns no longer balance
    assert panel.groups["error"].text(0) == "错误（2）"
    assert "不平衡" in panel.items("error")[0].text(0)
    assert "相差 83" in panel.items("error")[0].toolTip(0)
    assert window.findings_label.text() == f"错误 2　提示 {panel.counts()['warning']}"
    doc.undo_stack.undo()
    assert panel.counts()["error"] == 0


def test_activating_a_finding_selects_its_cells_in_the_table(window, qtbot):
    doc, panel = window.document, window.checks
    doc.set_cell_text("t3:new:natural", "300")
    window.show_meta()
    item = panel.items("error")[0]
    panel.tree.setCurrentItem(item)
    panel.tree.itemActivated.emit(item, 0)
    page = window.current_table_page()
    assert page is not None and page.table.id == "t3"
    selected = page.view.selected_cell_ids()
    assert "t3:new:natural" in selected and "t3:next:natural" in selected
    assert page.view.currentIndex() == page.model.index_of(panel.finding_of(item).cells[0])
    assert window.outline.currentItem() is window.outline.item_for("table", "t3")


def test_text_finding_goes_to_the_sentence(window):
    doc = window.document
    doc.set_narrative("s1", "本年度共收到政府信息公开申请300件。")
    text_findings = [f for f in doc.findings if f.section == "s1" and f.position]
    assert text_findings, [f.message for f in doc.findings]
    finding = text_findings[0]
    window.go_to_finding(finding)
    editor = window.stack.currentWidget()
    assert editor is window.pages[("section", "s1")]
    cursor = editor.text_edit.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == finding.position


def test_outline_and_tooltip_of_cells_in_findings(window):
    from desktop.table_model import FINDING_ROLE
    doc = window.document
    page = window.show_table("t3")
    doc.set_cell_text("t3:new:natural", "300")
    cell = page.model.index_of("t3:new:natural")
    assert cell.data(FINDING_ROLE) == "error"
    assert "列不平衡" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert page.model.index_of("t3:new:business").data(FINDING_ROLE) is None
    warning = r7_warning(doc)
    t2 = window.show_table("t2").model
    assert t2.index_of(warning.cells[0]).data(FINDING_ROLE) == "warning"


def test_confirm_a_warning_with_a_reason_saved_with_the_report(window, monkeypatch, tmp_path):
    import desktop.checks_panel as panel_module
    doc, panel = window.document, window.checks
    warning = r7_warning(doc)
    assert panel.select_finding(warning.key)
    assert panel.review_button.isEnabled() and not panel.unreview_button.isEnabled()
    monkeypatch.setattr(panel_module, "ask_review_reason", lambda parent, f: None)
    assert not panel.review_current() and warning.key not in doc.report.reviews
    monkeypatch.setattr(panel_module, "ask_review_reason", lambda parent, f: "3件到期自然失效")
    panel.review_button.click()
    assert doc.report.reviews[warning.key] == "3件到期自然失效"
    item = panel.tree.currentItem()
    assert item.text(0).startswith("✔ 已确认") and "3件到期自然失效" in item.toolTip(0)
    assert "1 个已确认" in panel.groups["warning"].text(0)
    from desktop.table_model import FINDING_ROLE
    t2 = window.show_table("t2").model
    assert t2.index_of(warning.cells[0]).data(FINDING_ROLE) == "reviewed"
    # Saved with the report …
    path = tmp_path / "r.nianbao"
    from forms.storage import save_report
    doc.mark_saved(path, save_report(doc.report, path))
    assert read_report(path)[0].reviews == {warning.key: "3件到期自然失效"}
    # … and unmarked again (one undo step each way).
    assert panel.unreview_current() and warning.key not in doc.report.reviews
    doc.undo_stack.undo()
    assert doc.report.reviews[warning.key] == "3件到期自然失效"


def test_errors_cannot_be_confirmed(window):
    doc, panel = window.document, window.checks
    doc.set_cell_text("t3:new:natural", "300")
    panel.tree.setCurrentItem(panel.items("error")[0])
    assert not panel.review_button.isEnabled() and not panel.review_current()


def test_one_click_correction_makes_the_text_agree_with_the_table(window):
    doc = window.document
    doc.set_narrative("s1", "本年度共收到政府信息公开申请300件，均已按时答复。")
    panel = window.checks
    finding = next(f for f in doc.findings if f.rule == "R8" and f.section == "s1")
    assert panel.select_finding(finding.key) and panel.fix_button.isEnabled()
    assert panel.fix_current()
    assert doc.report.text("s1") == f"本年度共收到政府信息公开申请{finding.fix}件，均已按时答复。"
    assert not any(f.rule == "R8" and f.section == "s1" for f in doc.findings)


def test_correction_applies_to_the_text_still_being_typed(window):
    # The correction hands the typing over first; it then used the finding of the text before
    # that, so its position pointed into other words: they were overwritten (found by test_monkey).
    doc = window.document
    doc.set_narrative("s1", "本年度共收到政府信息公开申请300件。")
    editor = window.show_section("s1")
    panel = window.checks
    finding = next(f for f in doc.findings if f.rule == "R8" and f.section == "s1")
    assert panel.select_finding(finding.key)
    cursor = editor.text_edit.textCursor()
    cursor.setPosition(0)
    cursor.insertText("全年工作有序推进。")        # typed, not yet handed to the report
    assert doc.report.text("s1") == "本年度共收到政府信息公开申请300件。"
    assert panel.fix_current()
    assert doc.report.text("s1") == f"全年工作有序推进。本年度共收到政府信息公开申请{finding.fix}件。"
    assert editor.text() == doc.report.text("s1")


def test_same_words_in_two_sections_are_two_findings_each_corrected_where_it_is(window):
    # Findings quoting the same words in two sections once shared a key (the key of their review
    # mark) and the panel found its findings by key, so 按建议改正 on the first changed the other section.
    doc = window.document
    doc.set_narrative("opening", "全年办结申请300件。")
    doc.set_narrative("s1", "全年办结申请300件。")
    panel = window.checks
    first, second = [f for f in doc.findings if f.rule == "R8" and f.quote == "全年办结申请300件"]
    assert (first.section, second.section) == ("opening", "s1")
    items = [i for i in panel.items("warning") if panel.finding_of(i) in (first, second)]
    assert [panel.finding_of(i).section for i in items] == ["opening", "s1"]
    panel.tree.setCurrentItem(items[0])
    assert panel.fix_current()
    assert doc.report.text("opening") == f"全年办结申请{first.fix}件。"
    assert doc.report.text("s1") == "全年办结申请300件。"


def test_missing_fee_statement_is_added_by_one_click(window):
    doc = window.document
    doc.set_narrative("s6", "无其他需要报告的事项。")
    panel = window.checks
    finding = next(f for f in doc.findings if f.rule == "R9" and f.fix)
    assert panel.select_finding(finding.key) and panel.fix_current()
    assert doc.report.text("s6").endswith(finding.fix)
    assert not any(f.rule == "R9" and f.severity == "error" for f in doc.findings)


def _same_words_in_two_sections(window):
    doc = window.document
    doc.set_narrative("opening", "全年办结申请300件。")
    doc.set_narrative("s1", "全年办结申请300件。")
    return doc, [f for f in doc.findings if f.rule == "R8" and f.quote == "全年办结申请300件"]


def _select(panel, finding):
    item = next(i for i in panel.items("warning") if panel.finding_of(i) == finding)
    panel.tree.setCurrentItem(item)


def test_same_words_in_two_sections_are_marked_reviewed_one_at_a_time(window, monkeypatch):
    doc, (first, second) = _same_words_in_two_sections(window)
    assert first.key != second.key and first.legacy_key == second.legacy_key
    monkeypatch.setattr(panel_module, "ask_review_reason", lambda parent, f: "开头一段为全年口径")
    _select(window.checks, first)
    assert window.checks.review_current()
    reviewed = {f.section: f.reviewed for f in doc.findings if f.quote == "全年办结申请300件"}
    assert reviewed == {"opening": "开头一段为全年口径", "s1": None}
    doc.undo_stack.undo()
    assert not any(f.reviewed for f in doc.findings)


def test_a_mark_saved_under_the_old_key_still_counts_and_is_removed_whole(make_window):
    # Files saved before the key named the section hold the mark under the legacy key: it marks
    # both findings, as it did when it was made, and 取消确认 on either removes it (undo puts it back).
    report = pingtan_report()
    for section in ("opening", "s1"):
        report.set_text_of(section, "全年办结申请300件。")
    legacy = next(f.legacy_key for f in run_checks(report) if f.quote == "全年办结申请300件")
    assert legacy == "R8:" + legacy.split(":", 1)[1] and "@" not in legacy
    report.reviews[legacy] = "旧文件中的确认"
    window = make_window(ReportDocument(report))
    doc = window.document
    first, second = [f for f in doc.findings if f.quote == "全年办结申请300件"]
    assert [f.reviewed for f in doc.findings if f.quote == "全年办结申请300件"] == ["旧文件中的确认"] * 2
    _select(window.checks, second)
    assert window.checks.unreview_current()
    assert doc.report.reviews == {}
    assert not any(f.reviewed for f in doc.findings)
    doc.undo_stack.undo()
    assert doc.report.reviews == {legacy: "旧文件中的确认"}
    assert [f.reviewed for f in doc.findings if f.quote == "全年办结申请300件"] == ["旧文件中的确认"] * 2


LONG_FINDING = ("三、收到和处理政府信息公开申请情况写“本年度共收到政府信息公开申请1234件，其中不予公开的56件”，"
                "而统计表“三、本年度办理结果 / （三）不予公开 / 4．保护第三方合法权益”为 7 件，文字与表格不一致。")


def test_review_reason_dialog_wraps_a_long_finding_and_wants_a_reason(qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from forms.checks import Finding
    seen = {}

    def look():
        dialog = QApplication.activeModalWidget()
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        seen["width"] = dialog.width() / dialog.fontMetrics().horizontalAdvance("中")
        seen["ok"] = [ok.text(), ok.isEnabled()]
        dialog.setTextValue("   ")
        seen["ok"].append(ok.isEnabled())
        dialog.setTextValue("已与申请人核实")
        seen["ok"].append(ok.isEnabled())
        dialog.reject()

    QTimer.singleShot(0, look)
    assert panel_module.ask_review_reason(None, Finding("R8", "warning", LONG_FINDING)) is None
    # On one line it was ≈ 110 characters wide: wider than a 1366 × 768 laptop at 150 %.
    assert seen["width"] <= 45
    # 确定 with no reason closed the dialog, which came back without a word why.
    assert seen["ok"] == ["确定", False, False, True]


def test_review_reason_is_the_text_typed(qtbot, monkeypatch):
    from PySide6.QtWidgets import QDialog, QInputDialog

    from forms.checks import Finding

    def answer(dialog):
        dialog.setTextValue("  已与申请人核实 ")
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(QInputDialog, "exec", answer)
    assert panel_module.ask_review_reason(None, Finding("R8", "warning", "某处")) == "已与申请人核实"
    monkeypatch.setattr(QInputDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    assert panel_module.ask_review_reason(None, Finding("R8", "warning", "某处")) is None


# ----------------------------------------------------------------------------- kept rows

FOUR_WRONG = ("本年度共收到政府信息公开申请300件。\n全年制发行政规范性文件99件。\n"
              "现行有效行政规范性文件12件。\n本年度行政复议案件40件。")
MARK = Qt.ItemDataRole.UserRole + 50


def shown(panel):
    """What each row of the panel shows, and the finding it stands for."""
    return [(s, item.text(0), item.toolTip(0), item.foreground(0).color().name(), panel.finding_of(item))
            for s in ("error", "warning") for item in panel.items(s)]


def assert_shows_like_a_new_panel(panel, doc):
    fresh = panel_module.ChecksPanel(doc)
    try:
        assert shown(panel) == shown(fresh)
        assert [g.text(0) for g in panel.groups.values()] == [g.text(0) for g in fresh.groups.values()]
        assert panel.summary.text() == fresh.summary.text()
    finally:
        fresh.deleteLater()


def test_an_edit_keeps_the_rows_and_rewrites_the_one_whose_finding_changed(window):
    # With 200 findings every edit rebuilt every row (text, tooltip, wrapped height): longer than a
    # frame (bench/large.py).  A row whose finding is the same is left as it is.
    doc, panel = window.document, window.checks
    doc.set_narrative("s1", FOUR_WRONG)
    items = panel.items("warning")
    assert len(items) == 4
    for item in items:
        item.setData(0, MARK, "untouched")
    doc.set_cell_text("t2:norms:valid", "13")       # the third finding now says 13, not 440
    items = panel.items("warning")
    assert [i.data(0, MARK) for i in items] == ["untouched"] * 4      # the same rows, not new ones
    assert "为 13 件" in items[2].text(0) and "为 13 件" in items[2].toolTip(0)
    assert_shows_like_a_new_panel(panel, doc)


def test_rows_follow_findings_that_come_go_and_are_confirmed(window):
    doc, panel = window.document, window.checks
    steps = [lambda: doc.set_narrative("s1", FOUR_WRONG),
             lambda: doc.set_cell_text("t3:new:natural", "300"),            # errors come first
             lambda: doc.set_narrative("s1", FOUR_WRONG.split("\n", 1)[1]),  # the first one goes
             lambda: doc.set_review(doc.findings[-1].key, "已核实"),         # greyed, ✔ 已确认
             lambda: doc.set_review(doc.findings[-1].key, None),
             lambda: doc.undo_stack.undo(),
             lambda: doc.set_narrative("s1", ""),
             lambda: doc.undo_stack.undo(),                                   # the mark again
             lambda: doc.undo_stack.undo()]                                   # the cell
    for step in steps:
        step()
        assert_shows_like_a_new_panel(panel, doc)
    assert panel.counts() == {"error": 0, "warning": 0}


def test_the_selected_finding_stays_selected_when_its_row_moves_and_its_group_when_it_goes(window):
    doc, panel = window.document, window.checks
    doc.set_narrative("s1", FOUR_WRONG)
    third = panel.finding_of(panel.items("warning")[2])
    panel.tree.setCurrentItem(panel.items("warning")[2])
    doc.set_narrative("s1", FOUR_WRONG.split("\n", 1)[1])     # the row above it goes
    assert panel.current_finding().key == third.key
    assert panel.tree.currentItem() is panel.items("warning")[1]
    doc.set_narrative("s1", "")                               # it goes too
    assert panel.current_finding() is None and panel.tree.currentItem() is panel.groups["warning"]
    assert not panel.fix_button.isEnabled()
