"""The 汇总 dialog: files and folders chosen, the work in a thread with progress, problems listed,
the total opened, the breakdown exported."""

import pytest

from desktop.aggregate_dialog import AggregateDialog
from forms.report import Report
from forms.storage import save_report


def unit(name, new, year=2024):
    report = Report.new("2021", year, name)
    report.fill_blanks_with_zero()
    report.set_many({"t3:new:natural": new, "t3:open:natural": new})
    report.set_text_of("s6", "本年度未收取信息处理费。")
    return report


@pytest.fixture
def answers(monkeypatch):
    """The questions the dialog asks, answered by the first button whose text starts with the
    string pushed (``answers.append("按")``); the texts asked are in ``answers.asked``."""
    from PySide6.QtWidgets import QMessageBox

    class Answers(list):
        asked: list = []

    queue = Answers()
    queue.asked = []

    def exec_(box):
        queue.asked.append(box.text())
        choice = queue.pop(0) if queue else "取消"
        [button] = [b for b in box.buttons() if b.text().startswith(choice)]
        button.click()
        return 0
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return queue


@pytest.fixture
def folder(tmp_path):
    for i, (name, new) in enumerate((("甲局", 2), ("乙局", 3), ("丙局", 4))):
        save_report(unit(name, new), tmp_path / f"{i}.nianbao")
    save_report(unit("丁局", 9, year=2023), tmp_path / "old.nianbao")
    (tmp_path / "broken.nianbao").write_text("{", encoding="utf-8")
    return tmp_path


def test_dialog_sums_in_a_thread_lists_problems_and_opens_the_total(qtbot, folder, answers):
    opened = []
    dialog = AggregateDialog(opened.append)
    qtbot.addWidget(dialog)
    assert not dialog.start_button.isEnabled()          # nothing chosen yet
    dialog.add_paths([folder])
    dialog.unit.setText("某县人民政府")
    answers.append("按")         # old.nianbao is of 2023: left out, as the question said
    progress = []
    dialog.progress.valueChanged.connect(progress.append)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    assert progress and dialog.progress.maximum() == 1
    rows = [[dialog.problems.topLevelItem(i).text(c) for c in range(4)] for i in range(dialog.problems.topLevelItemCount())]
    assert sorted((r[0], r[2]) for r in rows) == [("无法读取", "broken.nianbao"), ("未计入", "old.nianbao")]
    assert "需要核对" in dialog.status.text()
    assert dialog.open_button.isEnabled()
    dialog.open_total()
    [total] = opened
    assert total.value("t3:new:total") == 9 and total.meta.agency == "某县人民政府"


def test_dialog_export_writes_the_breakdown(qtbot, folder, tmp_path_factory):
    dialog = AggregateDialog(lambda r: None)
    qtbot.addWidget(dialog)
    dialog.add_paths([folder / "0.nianbao", folder / "1.nianbao", folder / "0.nianbao"])
    assert dialog.files.count() == 2                     # a file added twice is listed once
    dialog.start()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    target = tmp_path_factory.mktemp("out") / "汇总.xlsx"
    assert dialog.export_to(target) and target.stat().st_size > 0
    from openpyxl import load_workbook
    assert "分单位明细" in load_workbook(target).sheetnames


def test_dialog_reports_when_nothing_can_be_summed(qtbot, tmp_path):
    (tmp_path / "a.nianbao").write_text("x", encoding="utf-8")
    dialog = AggregateDialog(lambda r: None)
    qtbot.addWidget(dialog)
    dialog.add_paths([tmp_path])
    dialog.start()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=10000)
    assert dialog.result is None and "没有一个文件可以读取" in dialog.status.text()
    assert dialog.progress.isHidden()          # not a full bar beside 「没有一个文件可以读取」
    assert not dialog.open_button.isEnabled()


def test_dialog_can_be_stopped(qtbot, folder, answers):
    dialog = AggregateDialog(lambda r: None)
    qtbot.addWidget(dialog)
    dialog.add_paths([folder])
    answers.append("按")
    dialog.start()
    dialog.cancel()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=10000)
    # Either it finished before the stop was seen, or it says it was stopped; never half a total.
    assert dialog.result is not None or "取消" in dialog.status.text()


def test_dialog_lists_why_each_file_was_unreadable_when_none_can_be_summed(qtbot, tmp_path):
    # Forty damaged files: the clerk needs to see which and why, in the list, not one
    # bare sentence (nor forty lines stretching the status line off the screen).
    for i in range(40):
        (tmp_path / f"街道{i}.nianbao").write_text("{", encoding="utf-8")
    dialog = AggregateDialog(lambda r: None)
    qtbot.addWidget(dialog)
    dialog.add_paths([tmp_path])
    dialog.start()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=10000)
    assert dialog.problems.topLevelItemCount() == 40
    assert dialog.problems.topLevelItem(0).text(0) == "无法读取"
    assert dialog.problems.topLevelItem(0).text(2).startswith("街道")
    assert dialog.problems.topLevelItem(0).toolTip(2) == str(tmp_path / dialog.problems.topLevelItem(0).text(2))
    assert "\n" not in dialog.status.text() and "见下表" in dialog.status.text()


def test_cancelling_the_save_question_keeps_the_dialog_and_its_total(qtbot, folder, answers):
    # 打开汇总结果 on a window with unsaved work asks 是否保存; 取消 must not throw the
    # finished total away with the dialog.
    saves = [False, True]
    dialog = AggregateDialog(lambda r: saves.pop(0))
    qtbot.addWidget(dialog)
    dialog.add_paths([folder])
    answers.append("按")
    dialog.start()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    dialog.show()
    dialog.open_total()
    assert dialog.isVisible() and dialog.result is not None and dialog.open_button.isEnabled()
    dialog.open_total()
    assert not dialog.isVisible()


def test_spreadsheets_alone_are_summed_for_the_year_chosen(qtbot, tmp_path, answers):
    # Townships that sent only spreadsheets: no file says the year, the clerk chooses it.
    from tests.forms.import_fixtures import pingtan_workbook
    pingtan_workbook(tmp_path / "甲镇.xlsx")
    pingtan_workbook(tmp_path / "乙镇.xlsx")
    dialog = AggregateDialog(lambda r: None)
    qtbot.addWidget(dialog)
    dialog.add_paths([tmp_path])
    assert dialog.year.value() == 2024               # 「平潭综合实验区2024年度…」 above the tables
    dialog.start()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=10000)
    assert not answers.asked                          # no report file to contradict it
    assert dialog.result is not None, dialog.status.text()
    assert dialog.result.total.meta.year == 2024 and len(dialog.result.units) == 2
    assert dialog.result.total.edition.id == "2021"
    assert "2024年度" in dialog.status.text()


def test_the_year_is_prefilled_from_the_report_files_unless_the_clerk_chose_one(qtbot, folder, tmp_path_factory):
    dialog = AggregateDialog(lambda r: None)
    qtbot.addWidget(dialog)
    dialog.add_paths([folder / "old.nianbao"])
    assert dialog.year.value() == 2023
    dialog.add_paths([folder])                        # three of 2024, one of 2023
    assert dialog.year.value() == 2024
    dialog.files.item(1).setSelected(True)
    dialog.files.item(0).setSelected(False)
    dialog._remove_selected()                         # the folder gone: old.nianbao alone again
    assert dialog.year.value() == 2023
    dialog.year.setValue(2022)                        # the clerk's choice stays
    dialog.add_paths([folder])
    assert dialog.year.value() == 2022


def test_report_files_of_another_year_are_named_before_the_sum(qtbot, folder, answers):
    dialog = AggregateDialog(lambda r: None)
    qtbot.addWidget(dialog)
    dialog.add_paths([folder])
    assert dialog.year.value() == 2024
    dialog.start()                                    # answered 取消: nothing runs
    [text] = answers.asked
    assert "丁局（old.nianbao）：2023 年度" in text and "2024 年度" in text
    assert "甲局" not in text                          # the files of the year chosen are not listed
    assert dialog.worker is None and dialog.result is None


def test_a_year_chosen_against_the_report_files_is_told_file_by_file(qtbot, folder, answers):
    dialog = AggregateDialog(lambda r: None)
    qtbot.addWidget(dialog)
    dialog.add_paths([folder / "0.nianbao", folder / "1.nianbao"])
    dialog.year.setValue(2025)
    answers.append("按")
    dialog.start()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=10000)
    [text] = answers.asked
    assert "所选报告年度是 2025 年度" in text
    assert "甲局（0.nianbao）：2024 年度" in text and "乙局（1.nianbao）：2024 年度" in text
    # Summed as asked: nothing of 2025, each file named with its year in the list.
    assert dialog.result is None
    rows = [[dialog.problems.topLevelItem(i).text(c) for c in range(4)]
            for i in range(dialog.problems.topLevelItemCount())]
    assert sorted(r[2] for r in rows) == ["0.nianbao", "1.nianbao"]
    assert all("2024 年度" in r[3] for r in rows)


def test_a_unit_open_in_another_window_is_listed(qtbot, folder, answers):
    # Its unsaved changes are not in the total: the clerk must hear of it, not find out later.
    from desktop.file_lock import acquire
    lock = acquire(folder / "1.nianbao")
    try:
        dialog = AggregateDialog(lambda r: None)
        qtbot.addWidget(dialog)
        dialog.add_paths([folder])
        answers.append("按")
        dialog.start()
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    finally:
        lock.release()
    rows = [[dialog.problems.topLevelItem(i).text(c) for c in range(4)]
            for i in range(dialog.problems.topLevelItemCount())]
    open_rows = [r for r in rows if r[0] == "正在编辑"]
    assert [r[1:3] for r in open_rows] == [["乙局", "1.nianbao"]]
    assert "另一个窗口" in open_rows[0][3] and "先保存" in open_rows[0][3]
    assert "需要核对" in dialog.status.text()


def test_the_file_choosers_open_where_the_reports_are(qtbot, folder, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from desktop import aggregate_dialog
    from desktop.main_window import MainWindow
    from desktop.settings import add_recent_file
    add_recent_file(folder / "0.nianbao")
    window = MainWindow()                      # a new report, not saved: no folder of its own
    qtbot.addWidget(window)
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda parent, title, start, *a: (asked.append(start), ([], ""))[1]))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda parent, title, start="", *a: asked.append(start) or ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda parent, title, start, *a: (asked.append(start), ("", ""))[1]))

    def run(dialog):
        dialog._choose_files()
        dialog._choose_folder()
        dialog.result = object()               # as after a sum: the breakdown can be exported
        dialog._export()
        dialog.result = None
        return 0
    monkeypatch.setattr(AggregateDialog, "exec", run)
    aggregate_dialog.aggregate_units(window)
    # Not the working folder: from the desktop shortcut, the program's own (the .xlsx went there).
    assert asked == [str(folder), str(folder), str(folder / "汇总.xlsx")]


def test_enter_in_the_unit_field_starts_the_sum_not_a_file_chooser(qtbot, folder, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog
    chosen, started = [], []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a: chosen.append(a) or ([], "")))
    monkeypatch.setattr(AggregateDialog, "start", lambda self: started.append(True))
    dialog = AggregateDialog(lambda report: True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.unit.setFocus()
    qtbot.keyClick(dialog.unit, Qt.Key.Key_Return)
    assert not chosen and not started              # no files yet: 开始汇总 is not possible
    dialog.add_paths([folder])
    qtbot.keyClick(dialog.unit, Qt.Key.Key_Return)
    assert not chosen and started == [True]


@pytest.mark.parametrize("change", ["file", "year", "unit"])
def test_a_total_is_not_opened_once_the_files_or_settings_have_changed(qtbot, folder, tmp_path_factory, answers, change):
    # A township's late file added after the sum: 打开汇总结果 opened the total without it.
    opened = []
    dialog = AggregateDialog(opened.append)
    qtbot.addWidget(dialog)
    dialog.add_paths([folder / "0.nianbao", folder / "1.nianbao"])
    dialog.unit.setText("某县人民政府")
    dialog.start()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    if change == "file":
        late = tmp_path_factory.mktemp("late") / "丙局.nianbao"
        save_report(unit("丙局", 4), late)
        dialog.add_paths([late])
    elif change == "year":
        dialog.year.setValue(2023)
    else:
        dialog.unit.setText("某市某县人民政府")
    assert dialog.result is None and not dialog.open_button.isEnabled() and not dialog.export_button.isEnabled()
    assert "重新" in dialog.status.text()
    dialog.open_total()
    assert not opened
    assert dialog.start_button.isEnabled()


def test_the_files_and_settings_cannot_change_while_the_sum_runs(qtbot, folder, monkeypatch):
    # Over a thousand files the sum takes a while: 添加文件 in the meantime turned 开始汇总 back on,
    # and a second sum started over the first.
    import threading

    from desktop import aggregate_dialog
    release = threading.Event()
    real = aggregate_dialog.aggregate

    def slow(*args, **kwargs):
        release.wait(10)
        return real(*args, **kwargs)
    monkeypatch.setattr(aggregate_dialog, "aggregate", slow)
    dialog = AggregateDialog(lambda r: None)
    qtbot.addWidget(dialog)
    dialog.add_paths([folder / "0.nianbao"])
    dialog.start()
    try:
        assert dialog.worker is not None
        assert not any(w.isEnabled() for w in (dialog.files, dialog.unit, dialog.year, dialog.expect))
        dialog.unit.setText("某县人民政府")          # what a change would do, were it possible
        assert not dialog.start_button.isEnabled() and dialog.cancel_button.isEnabled()
    finally:
        release.set()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=10000)
    assert dialog.year.isEnabled() and dialog.start_button.isEnabled()


def test_reading_the_years_shows_a_wait_cursor(qtbot, folder, monkeypatch):
    # A deep folder or a thousand reports take a moment to read: not a window that looks hung.
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop import aggregate_dialog
    cursors = []
    real = aggregate_dialog.report_years

    def watched(paths, **kwargs):
        cursor = QApplication.overrideCursor()
        cursors.append(cursor.shape() if cursor else None)
        return real(paths, **kwargs)
    monkeypatch.setattr(aggregate_dialog, "report_years", watched)
    dialog = AggregateDialog(lambda r: None)
    qtbot.addWidget(dialog)
    dialog.add_paths([folder])
    assert cursors == [Qt.CursorShape.WaitCursor] and QApplication.overrideCursor() is None


def test_the_year_question_names_a_few_files_and_counts_the_rest(qtbot, tmp_path, answers):
    # Thirty communities' reports of last year: the question must still fit a laptop's screen.
    for i in range(30):
        save_report(unit(f"某某街道第{i:02d}社区", 1, year=2023), tmp_path / f"{i:02d}.nianbao")
    dialog = AggregateDialog(lambda r: None)
    qtbot.addWidget(dialog)
    dialog.add_paths([tmp_path])
    dialog.year.setValue(2024)
    dialog.start()
    [text] = answers.asked
    named = [line for line in text.splitlines() if line.endswith("：2023 年度")]
    assert named[0] == "某某街道第00社区（00.nianbao）：2023 年度" and len(named) == 6
    assert "……另有 24 份" in text and "共 30 份：2023 年度 30 份" in text


def test_spreadsheets_without_a_year_in_their_titles_prefill_the_year_of_a_report_written_now(qtbot, tmp_path):
    from forms.document import build_document
    from forms.export.xlsx_writer import xlsx_bytes

    from desktop.new_report_dialog import default_year
    (tmp_path / "甲镇.xlsx").write_bytes(xlsx_bytes(build_document(unit("甲镇", 2, year=2019))))   # no year above
    dialog = AggregateDialog(lambda r: None)
    qtbot.addWidget(dialog)
    dialog.add_paths([tmp_path])
    assert dialog.year.value() == default_year()


def summed(qtbot, answers, paths):
    """A dialog that has summed ``paths``, leaving the report files of another year out."""
    dialog = AggregateDialog(lambda r: None)
    qtbot.addWidget(dialog)
    dialog.add_paths(paths)
    answers.append("按")
    dialog.start()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    return dialog


@pytest.fixture
def reads(monkeypatch):
    """How often each report file is read (parsed), by name."""
    from collections import Counter

    from forms import aggregate
    counts = Counter()
    real = aggregate._read_report_file

    def counted(path):
        counts[path.name] += 1
        return real(path)
    monkeypatch.setattr(aggregate, "_read_report_file", counted)
    return counts


def test_each_report_file_is_read_once_for_the_year_the_question_and_the_sum(qtbot, folder, answers, reads):
    # A thousand units' files were read when added, again before the sum and a third time by it.
    dialog = summed(qtbot, answers, [folder])
    assert set(reads.values()) == {1} and len(reads) == 5
    # A unit that sends its file anew: that file, and only it, is read again, and summed as sent.
    save_report(unit("甲局", 20), folder / "0.nianbao")
    dialog.add_paths([folder / "0.nianbao"])
    dialog.year.setValue(2023)
    dialog.year.setValue(2024)
    answers.append("按")
    dialog.start()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    assert reads["0.nianbao"] == 2 and reads["1.nianbao"] == 1
    assert dialog.result.total.value("t3:new:total") == 20 + 3 + 4


def test_the_window_stays_alive_and_shows_progress_while_the_years_are_read(qtbot, folder, monkeypatch):
    # Reading a thousand files' years on a slow share froze the window for seconds.
    import time

    from desktop import aggregate_dialog
    from forms import aggregate
    real = aggregate._read_report_file
    monkeypatch.setattr(aggregate, "_read_report_file", lambda path: (time.sleep(0.02), real(path))[1])
    monkeypatch.setattr(aggregate_dialog, "PROGRESS_AFTER_MS", 0)
    dialog = AggregateDialog(lambda r: None)
    qtbot.addWidget(dialog)
    # Shown by the window's own events, which run only if it is not held up by the reading.
    seen = []
    dialog.progress.valueChanged.connect(lambda value: seen.append(
        (value, dialog.status.text(), dialog.files.isEnabled(), dialog.start_button.isEnabled())))
    dialog.add_paths([folder])
    assert [s[0] for s in seen] == [1, 2, 3, 4, 5]
    assert not any(files or start for _, _, files, start in seen)
    assert "正在读取年报的年度：1 / 5 个文件" in seen[1][1]
    assert dialog.year.value() == 2024 and dialog.files.isEnabled() and dialog.start_button.isEnabled()
    assert dialog.progress.isHidden() and "正在读取" not in dialog.status.text()


def test_stopping_the_reading_of_the_years_keeps_the_year_and_starts_nothing(qtbot, folder, monkeypatch, answers):
    from PySide6.QtCore import QTimer
    dialog = AggregateDialog(lambda r: None)
    qtbot.addWidget(dialog)
    QTimer.singleShot(0, dialog.cancel)
    year = dialog.year.value()
    dialog.add_paths([folder])
    assert dialog.year.value() == year and dialog.files.count() == 1
    QTimer.singleShot(0, dialog.cancel)
    dialog.start()
    assert dialog.worker is None and not answers.asked


@pytest.mark.parametrize("change", ["file", "year", "unit"])
def test_the_problems_of_a_sum_whose_files_or_settings_changed_are_marked_as_past(qtbot, folder, answers, change):
    # The old sum's list stayed as it was, read as the problems of the files now chosen.
    dialog = summed(qtbot, answers, [folder])
    assert dialog.problems.topLevelItemCount() == 2
    normal = dialog.problems.topLevelItem(0).foreground(0).color()
    if change == "file":
        dialog.files.item(0).setSelected(True)
        dialog._remove_selected()
    elif change == "year":
        dialog.year.setValue(2023)
    else:
        dialog.unit.setText("某县人民政府")
    assert "重新" in dialog.status.text() and "上次汇总" in dialog.status.text()
    items = [dialog.problems.topLevelItem(i) for i in range(dialog.problems.topLevelItemCount())]
    assert items and all(item.foreground(c).color() != normal for item in items for c in range(4))
    answers.append("按")
    dialog.add_paths([folder])
    dialog.start()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=10000)
    assert dialog.problems.topLevelItem(0).foreground(0).color() == normal   # a new sum's list


def test_the_problems_of_a_refused_sum_are_marked_as_past_once_the_files_change(qtbot, folder, answers):
    # Nothing summed, the reasons listed; the clerk removes the file they name: the list is past.
    dialog = AggregateDialog(lambda r: None)
    qtbot.addWidget(dialog)
    dialog.add_paths([folder / "broken.nianbao"])
    dialog.start()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=10000)
    assert dialog.result is None and dialog.problems.topLevelItemCount() == 1
    dialog.files.item(0).setSelected(True)
    dialog._remove_selected()
    assert "上次汇总" in dialog.status.text() and "重新" in dialog.status.text()
