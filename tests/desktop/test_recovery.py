"""Recovery copies: written after changes, removed on save, offered after a crash (also after a
real kill -9 of the application)."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from desktop import recovery
from desktop.app import restore_recoveries
from forms.paths import recovery_dir
from forms.report import Report
from forms.storage import save_report
from tests.desktop.gui_helpers import boxes, make_window, new_doc  # noqa: F401 (fixtures)

ROOT = Path(__file__).resolve().parents[2]


def copies_on_disk() -> list[Path]:
    return sorted(recovery_dir().glob(f"*{recovery.SUFFIX}")) if recovery_dir().is_dir() else []


def test_autosave_timer_writes_a_copy_and_save_removes_it(make_window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("NIANBAO_AUTOSAVE_SECONDS", "0.2")
    window = make_window(new_doc())
    assert window.autosaver.timer.interval() == 200
    window.document.set_cell_text("t3:new:natural", "4")
    qtbot.waitUntil(lambda: len(copies_on_disk()) == 1, timeout=3000)
    copy = recovery.RecoveryCopy(copies_on_disk()[0])
    assert copy.load().value("t3:new:natural") == 4
    window.document.set_narrative("s1", "新写的一段")
    qtbot.waitUntil(lambda: recovery.RecoveryCopy(copies_on_disk()[0]).load().text("s1") == "新写的一段", timeout=3000)
    # Not offered while this window is open (its process is alive).
    assert recovery.list_recoveries() == []
    path = tmp_path / "r.nianbao"
    window.files._write(path, None)
    assert copies_on_disk() == []
    # Undoing back to the saved state removes the copy too.
    window.document.set_cell_text("t3:new:natural", "5")
    qtbot.waitUntil(lambda: len(copies_on_disk()) == 1, timeout=3000)
    window.document.undo_stack.undo()
    qtbot.waitUntil(lambda: copies_on_disk() == [], timeout=3000)


def _copy_from_a_dead_process(report: Report, original: Path | None) -> Path:
    path = recovery.new_recovery_path()
    recovery.write_recovery(path, report, original, None)
    text = path.read_text(encoding="utf-8").replace(f'"pid": {os.getpid()}', '"pid": 999999999')
    path.write_text(text, encoding="utf-8")
    return path


def test_a_copy_that_cannot_be_written_is_said_in_the_status_bar(make_window, qtbot, monkeypatch):
    # The failure was only logged: the clerk went on counting on a copy that was not there.
    import errno
    from forms.fileio import WriteError
    monkeypatch.setenv("NIANBAO_AUTOSAVE_SECONDS", "0.2")
    window = make_window(new_doc())

    def full(*_args):
        raise WriteError("磁盘空间不足，无法写入恢复副本", errno.ENOSPC)
    monkeypatch.setattr(recovery, "write_recovery", full)
    window.document.set_cell_text("t3:new:natural", "4")
    qtbot.waitUntil(lambda: "无法自动保存恢复副本" in window.statusBar().currentMessage(), timeout=3000)
    assert "磁盘空间不足" in window.statusBar().currentMessage()
    assert copies_on_disk() == []


def test_next_start_offers_the_copies_restore_and_discard(qtbot, monkeypatch, boxes, tmp_path):
    import desktop.recovery_dialog as dialog_module
    original = tmp_path / "原.nianbao"
    saved = Report.new("2021", 2025, "某区人民政府")
    save_report(saved, original)
    edited = Report.new("2021", 2025, "某区人民政府")
    edited.set_value("t3:new:natural", 11)
    keep = _copy_from_a_dead_process(edited, original)
    drop = _copy_from_a_dead_process(Report.new("2014", 2017, "某局"), None)
    offered = []

    def choose(copies, parent=None):
        offered.extend(copies)
        return [c for c in copies if c.path == keep], [c for c in copies if c.path == drop]
    monkeypatch.setattr(dialog_module, "choose_recoveries", choose)
    windows = restore_recoveries()
    assert {c.path for c in offered} == {keep, drop}
    assert len(windows) == 1
    window = windows[0]
    try:
        doc = window.document
        assert doc.report.value("t3:new:natural") == 11 and doc.path == original and doc.is_modified
        assert window.isWindowModified()
        assert not keep.exists() and not drop.exists()
        assert window.autosaver.path is not None and window.autosaver.path.exists()
    finally:
        boxes.answer = "不保存"
        window.close()


def test_opening_the_restored_report_again_after_a_crash_shows_the_restored_window(qtbot, monkeypatch, boxes, tmp_path):
    """The clerk double-clicks the report after a crash: 恢复, and that is the one window — not a
    question about «本程序的另一个窗口» and a second, read-only window without the recovered work."""
    import desktop.recovery_dialog as dialog_module
    from desktop.app import start
    original = tmp_path / "某局 报告.nianbao"
    save_report(Report.new("2021", 2025, "某区人民政府"), original)
    edited = Report.new("2021", 2025, "某区人民政府")
    edited.set_value("t3:new:natural", 11)
    _copy_from_a_dead_process(edited, original)
    monkeypatch.setattr(dialog_module, "choose_recoveries", lambda copies, parent=None: (copies, []))
    windows = start([str(original)])
    try:
        assert boxes.shown == []
        assert len(windows) == 1
        doc = windows[0].document
        assert doc.report.value("t3:new:natural") == 11 and not doc.read_only
    finally:
        boxes.answer = "不保存"
        for window in windows:
            window.close()


def test_a_copy_from_before_a_restart_is_offered_though_its_process_number_is_in_use(qtbot):
    from desktop.file_lock import boot_time
    if boot_time() is None:
        import pytest
        pytest.skip("this system does not tell when it started")
    path = recovery.new_recovery_path()
    recovery.write_recovery(path, Report.new("2021", 2025, "某局"), None, None)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["pid"] = os.getppid()          # a running program, not this one
    path.write_text(json.dumps(data), encoding="utf-8")
    assert recovery.list_recoveries() == []
    data["boot"] -= 86400               # written before the computer last started
    path.write_text(json.dumps(data), encoding="utf-8")
    assert [c.path for c in recovery.list_recoveries()] == [path]


def test_recovery_dialog_lists_copies_with_their_time(qtbot, boxes):
    from desktop.recovery_dialog import RecoveryDialog
    path = _copy_from_a_dead_process(Report.new("2021", 2025, "某区人民政府"), Path("/srv/共享/年报.nianbao"))
    broken = recovery_dir() / f"坏{recovery.SUFFIX}"
    broken.write_text("{", encoding="utf-8")
    copies = recovery.list_recoveries()
    dialog = RecoveryDialog(copies)
    qtbot.addWidget(dialog)
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    good = next(t for t in texts if "年报.nianbao" in t)
    assert "某区人民政府2025年政府信息公开工作年度报告" in good and good[:4].isdigit()
    assert any("无法读取" in t for t in texts)
    # 丢弃 deletes the clerk's only copy of that work for good: it is asked first, and the
    # question's default keeps the copies.
    boxes.answer = None
    dialog.discard_button.click()
    assert len(boxes.shown) == 1 and "无法找回" in boxes.shown[0][1]
    assert dialog.choice is None and dialog.result() == 0
    boxes.answer = "丢弃"
    dialog.discard_button.click()
    assert dialog.choice == "discard" and [c.path for c in dialog.checked()] == [path]


def kill_when_copied(edits: str, original: Path, copies: int) -> None:
    """Starts the program on ``original`` (its window ``opened``), runs ``edits`` in it, waits for
    its recovery copies, then kills it with SIGKILL: no clean-up of any kind."""
    script = ("import sys\n"
              "from desktop.app import create_application, start\n"
              "app = create_application([])\n"
              "opened = start([sys.argv[1]])[0]\n"
              f"{edits}"
              "print('typed', flush=True)\n"
              "app.exec()\n")
    env = dict(os.environ, NIANBAO_AUTOSAVE_SECONDS="0.3", QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", script, str(original)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "typed", proc.stderr.read()
        deadline = time.monotonic() + 15
        while len(copies_on_disk()) < copies and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(copies_on_disk()) == copies, "no recovery copy after the autosave interval"
        time.sleep(0.3)     # the copy is written atomically: a complete file either way
    finally:
        proc.kill()
        proc.wait(10)


def test_killed_application_offers_its_edits_on_the_next_start(tmp_path, monkeypatch, qtbot, boxes):
    original = tmp_path / "报告.nianbao"
    save_report(Report.new("2021", 2025, "某区人民政府"), original)
    kill_when_copied("opened.document.set_cell_text('t3:new:natural', '42')\n"
                     "opened.document.set_narrative('s5', '尚未保存的文字')\n", original, 1)
    assert original.with_name(f"~${original.name}.lock").exists()     # left behind by the kill
    import desktop.recovery_dialog as dialog_module
    offered = []
    monkeypatch.setattr(dialog_module, "choose_recoveries",
                        lambda copies, parent=None: (offered.extend(copies), (copies, []))[1])
    windows = restore_recoveries()
    assert len(offered) == 1 and offered[0].original_path == str(original)
    window = windows[0]
    try:
        doc = window.document
        assert doc.report.value("t3:new:natural") == 42 and doc.report.text("s5") == "尚未保存的文字"
        assert doc.path == original and not doc.read_only      # the dead process's lock is stale
        assert window.files.save()
        from forms.storage import read_report
        assert read_report(original)[0].value("t3:new:natural") == 42
    finally:
        window.close()


# ---------------------------------------------------------------------- typed, not yet committed
# A cover field or a table cell commits on Enter, Tab or leaving it: until then its entry was in no
# recovery copy, and a crash after half an hour of typing in it lost it.

def _copy_report():
    [path] = copies_on_disk()
    return recovery.RecoveryCopy(path).load()


def test_a_cover_entry_being_typed_is_in_the_copy_but_not_committed(make_window, qtbot, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    monkeypatch.setenv("NIANBAO_AUTOSAVE_SECONDS", "0.2")
    window = make_window(new_doc())
    doc = window.document
    field = window.show_meta().fields["phone"]
    QTest.keyClicks(field, "0591-8888")
    qtbot.waitUntil(lambda: len(copies_on_disk()) == 1, timeout=3000)
    assert _copy_report().meta.phone == "0591-8888"
    # Nothing committed: no undo step, the report unchanged and not marked modified, the field
    # still being typed in.
    assert doc.report.meta.phone == "" and doc.undo_stack.count() == 0
    assert not doc.is_modified and not window.isWindowModified()
    assert field.isModified() and field.text() == "0591-8888"
    # Typed back to the report's value: no work to recover, and the copy goes.
    field.selectAll()
    QTest.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: copies_on_disk() == [], timeout=3000)
    # A refused entry cannot go into a report: no copy for it alone.
    QTest.keyClicks(window.show_meta().fields["fill_date"], "2026-13-01")
    assert window.autosaver.write_now() is None and copies_on_disk() == []


def test_a_number_being_typed_in_a_cell_is_in_the_copy_and_the_editor_stays_open(make_window, qtbot, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractItemView
    monkeypatch.setenv("NIANBAO_AUTOSAVE_SECONDS", "0.2")
    window = make_window(new_doc())
    doc = window.document
    doc.set_cell_text("t3:new:business", "1")      # committed work beside it
    view = window.show_table("t3").view
    view.setCurrentIndex(view.model().index_of("t3:new:natural"))
    QTest.keyClicks(view, "4")
    editor = view.delegate.editor
    QTest.keyClicks(editor, "2")
    qtbot.waitUntil(lambda: bool(copies_on_disk()) and _copy_report().value("t3:new:natural") == 42, timeout=3000)
    assert _copy_report().value("t3:new:business") == 1
    assert view.state() == QAbstractItemView.State.EditingState and view.delegate.editor is editor
    assert editor.text() == "42"
    assert doc.report.value("t3:new:natural") is None and doc.undo_stack.count() == 1
    # Esc abandons the entry: the copy no longer holds it.
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _copy_report().value("t3:new:natural") is None, timeout=3000)
    assert _copy_report().value("t3:new:business") == 1


def test_a_section_heading_being_typed_is_in_the_copy(make_window, qtbot, monkeypatch):
    from PySide6.QtTest import QTest
    monkeypatch.setenv("NIANBAO_AUTOSAVE_SECONDS", "0.2")
    window = make_window(new_doc("2014", 2017, "某局"))
    editor = window.show_section("s1")
    QTest.keyClicks(editor.heading_edit, "yi")
    qtbot.waitUntil(lambda: len(copies_on_disk()) == 1, timeout=3000)
    assert _copy_report().heading("s1") == "yi"
    assert window.document.report.heading("s1") == "一、政府信息公开工作的总体情况"
    assert not window.document.is_modified


def test_killed_with_entries_being_typed_in_two_windows_both_are_offered(tmp_path, monkeypatch, qtbot, boxes):
    """A real kill -9 of a program with two windows: a report opened from its file with a cover
    field being typed in, and a new report never saved with a number being typed in a cell."""
    original = tmp_path / "报告.nianbao"
    save_report(Report.new("2021", 2025, "某区人民政府"), original)
    kill_when_copied(
        "from PySide6.QtTest import QTest\n"
        "from desktop.document import ReportDocument\n"
        "from desktop.main_window import MainWindow\n"
        "from forms.report import Report\n"
        "new = MainWindow(ReportDocument(Report.new('2021', 2025, '')))\n"
        "new.show()\n"
        "QTest.keyClicks(opened.show_meta().fields['phone'], '0591-8888')\n"
        "view = new.show_table('t3').view\n"
        "view.setCurrentIndex(view.model().index_of('t3:new:natural'))\n"
        "QTest.keyClicks(view, '4')\n"
        "QTest.keyClicks(view.delegate.editor, '2')\n", original, 2)
    import desktop.recovery_dialog as dialog_module
    monkeypatch.setattr(dialog_module, "choose_recoveries", lambda copies, parent=None: (copies, []))
    windows = restore_recoveries()
    try:
        by_path = {w.document.path: w.document for w in windows}
        assert set(by_path) == {original, None}
        assert by_path[original].report.meta.phone == "0591-8888"
        assert by_path[None].report.value("t3:new:natural") == 42
        assert all(d.is_modified for d in by_path.values())
    finally:
        boxes.answer = "不保存"
        for window in windows:
            window.close()


# ---------------------------------------------------------------------- damaged and foreign copies

def test_damaged_copies_say_why_in_chinese_and_are_kept(qtbot, monkeypatch, boxes):
    """A copy cut short by a power cut, emptied or garbled: the reason was the JSON parser's English
    («Expecting value: line 1 column 1 (char 0)»); the clerk must read what is wrong, and nothing
    may be deleted that the clerk did not choose to delete."""
    import re

    import desktop.recovery_dialog as dialog_module
    from desktop.recovery_dialog import describe_copy
    good = _copy_from_a_dead_process(Report.new("2021", 2025, "某局"), None)
    whole = good.read_bytes()
    folder = recovery_dir()
    damaged = {"空": b"", "零": b"\0" * 4096, "截断": whole[:len(whole) // 2],
               "乱码": "中文".encode("gbk"), "括号": b"{"}
    for name, content in damaged.items():
        (folder / f"{name}{recovery.SUFFIX}").write_bytes(content)
    copies = recovery.list_recoveries()
    problems = {c.path.name: c.problem for c in copies if c.problem}
    assert len(problems) == len(damaged) and len(copies) == len(damaged) + 1
    for problem in problems.values():
        assert not re.search("[A-Za-z]{3,}", problem), problem
    assert "空" in problems[f"空{recovery.SUFFIX}"] and "损坏" in problems[f"截断{recovery.SUFFIX}"]
    assert all("无法读取" in describe_copy(c) for c in copies if c.problem)
    # The clerk ticks them all and chooses 恢复: the damaged ones are said and stay on disk.
    monkeypatch.setattr(dialog_module, "choose_recoveries", lambda copies, parent=None: (copies, []))
    windows = restore_recoveries()
    try:
        assert len(windows) == 1 and windows[0].document.report.meta.agency == "某局"
        assert len(boxes.shown) == len(damaged)
        assert all(title == "无法恢复" and not re.search("[A-Za-z]{3,}", text.split("：", 1)[1])
                   for title, text in boxes.shown)
        assert len(copies_on_disk()) == len(damaged) + 1       # the damaged five + the window's own
    finally:
        boxes.answer = "不保存"
        for window in windows:
            window.close()


def test_a_copy_with_garbled_details_does_not_stop_the_program_starting(qtbot, monkeypatch, boxes):
    """Garbled details of a copy that still reads as JSON (a process number too large or not a
    number, a path or title that is not text) raised at start-up — at every start after."""
    import desktop.recovery_dialog as dialog_module
    path = recovery.new_recovery_path()
    recovery.write_recovery(path, Report.new("2021", 2025, "某局"), None, None)
    data = json.loads(path.read_text(encoding="utf-8"))
    path.unlink()
    garbled = {"pid": [{"pid": "abc"}, {"pid": 10 ** 30}, {"pid": [1]}, {"pid": -5}],
               "text": [{"original_path": 5, "title": None, "saved_at": 7, "host": {}, "digest": 3}]}
    for i, change in enumerate(garbled["pid"] + garbled["text"]):
        (recovery_dir() / f"{i}{recovery.SUFFIX}").write_text(json.dumps(dict(data, **change)), encoding="utf-8")
    copies = recovery.list_recoveries()
    assert len(copies) == 5 and not any(c.problem for c in copies)
    assert all(isinstance(c.original_path, (str, type(None))) and isinstance(c.title, str) for c in copies)
    monkeypatch.setattr(dialog_module, "choose_recoveries", lambda copies, parent=None: (copies, []))
    windows = restore_recoveries()
    try:
        assert len(windows) == 5 and all(w.document.path is None for w in windows)
    finally:
        boxes.answer = "不保存"
        for window in windows:
            window.close()


def test_copies_of_an_older_program_are_restored_and_of_a_newer_one_kept_with_the_reason(qtbot, monkeypatch, boxes):
    """An older program wrote no computer start time; a newer one may write a report (or a copy)
    this program cannot read: it was offered ticked as if restorable, and 恢复 then failed."""
    import desktop.recovery_dialog as dialog_module
    from forms.storage import VERSION
    edited = Report.new("2021", 2025, "某局")
    edited.set_value("t3:new:natural", 3)
    old = _copy_from_a_dead_process(edited, None)
    data = json.loads(old.read_text(encoding="utf-8"))
    del data["boot"]
    old.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    newer_report = recovery_dir() / f"新报告{recovery.SUFFIX}"
    newer_report.write_text(json.dumps(dict(data, report=dict(data["report"], version=VERSION + 1))), encoding="utf-8")
    newer_copy = recovery_dir() / f"新副本{recovery.SUFFIX}"
    newer_copy.write_text(json.dumps(dict(data, version=2)), encoding="utf-8")
    copies = {c.path: c for c in recovery.list_recoveries()}
    assert set(copies) == {old, newer_report, newer_copy}
    assert copies[old].problem is None
    for path in (newer_report, newer_copy):
        assert "更新版本" in copies[path].problem
    monkeypatch.setattr(dialog_module, "choose_recoveries", lambda copies, parent=None: (copies, []))
    windows = restore_recoveries()
    try:
        assert [w.document.report.value("t3:new:natural") for w in windows] == [3]
        assert newer_report.exists() and newer_copy.exists() and not old.exists()
    finally:
        boxes.answer = "不保存"
        for window in windows:
            window.close()


def test_a_restored_copy_stays_when_the_window_cannot_write_its_own(qtbot, monkeypatch, boxes, tmp_path):
    """The restored window's own copy could not be written (the disk still full after the crash),
    and the old copy was deleted all the same: a second crash then lost the recovered work."""
    import errno

    import desktop.recovery_dialog as dialog_module
    from forms.fileio import WriteError
    edited = Report.new("2021", 2025, "某局")
    edited.set_value("t3:new:natural", 3)
    old = _copy_from_a_dead_process(edited, None)
    monkeypatch.setattr(dialog_module, "choose_recoveries", lambda copies, parent=None: (copies, []))
    write = recovery.write_recovery

    def full(*_args):
        raise WriteError("磁盘空间不足，无法写入恢复副本", errno.ENOSPC)
    monkeypatch.setattr(recovery, "write_recovery", full)
    [window] = restore_recoveries()
    try:
        assert copies_on_disk() == [old] and window.autosaver.path == old
        # Once it can be written, the window's copy takes the old one's place; saving removes it.
        monkeypatch.setattr(recovery, "write_recovery", write)
        assert window.write_recovery_copy() == old
        assert recovery.RecoveryCopy(old).load().value("t3:new:natural") == 3
        assert recovery.list_recoveries() == []          # this program's now: not offered
        window.files._write(tmp_path / "r.nianbao", None)
        assert copies_on_disk() == []
    finally:
        boxes.answer = "不保存"
        window.close()
