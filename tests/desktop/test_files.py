"""New, open, save, save as, recent files, the close prompt, locks and failed saves."""

import importlib
import json
import os
import stat

import pytest
from PySide6.QtWidgets import QDialog

from desktop import file_lock
from desktop.file_actions import load_document
from desktop.new_report_dialog import NewReportDialog
from desktop.settings import recent_files
from forms.storage import read_report, save_report
from forms.report import Report
from tests.desktop.gui_helpers import boxes, make_window, new_doc  # noqa: F401 (fixtures)


@pytest.fixture
def report_file(tmp_path):
    path = tmp_path / "区政府2025.nianbao"
    report = Report.new("2021", 2025, "某区人民政府")
    report.set_value("t3:new:natural", 5)
    save_report(report, path)
    return path


def open_window(make_window, path):
    loaded = load_document(None, path)
    assert loaded is not None
    return make_window(*loaded)


def test_new_report_dialog_edition_follows_the_year(qtbot):
    dialog = NewReportDialog()
    qtbot.addWidget(dialog)
    dialog.year.setValue(2017)
    assert dialog.edition.currentData() == "2014"
    dialog.year.setValue(2020)
    assert dialog.edition.currentData() == "2019"
    dialog.year.setValue(2025)
    assert dialog.edition.currentData() == "2021"
    dialog.accept()                                   # no unit: refused with a reason
    assert dialog.result() != QDialog.DialogCode.Accepted and "机关全称" in dialog.problem.text()
    dialog.agency.setText("  某县人民政府 ")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.values() == ("2021", 2025, "某县人民政府")


def test_new_report_replaces_the_window_report(make_window, monkeypatch):
    window = make_window()
    monkeypatch.setattr(NewReportDialog, "exec", lambda self: (self.year.setValue(2018),
                        self.agency.setText("某局"), QDialog.DialogCode.Accepted)[-1])
    assert window.files.new_report()
    doc = window.document
    assert doc.report.edition.id == "2014" and doc.report.meta.agency == "某局"
    assert window.outline.item_for("table", "t1") is not None       # 附件1 in the outline
    assert window.outline.item_for("table", "t3") is None


def test_open_save_title_star_and_recent(make_window, report_file, boxes, tmp_path, qtbot):
    window = make_window()
    boxes.files.append(str(report_file))
    assert window.files.open_file()
    doc = window.document
    assert doc.path == report_file and doc.report.value("t3:new:natural") == 5
    assert window.windowTitle().startswith(report_file.name) and not window.isWindowModified()
    assert recent_files()[0] == str(report_file)
    doc.set_cell_text("t3:new:natural", "6")
    assert window.isWindowModified()
    assert window.files.save()
    assert not window.isWindowModified()
    assert read_report(report_file)[0].value("t3:new:natural") == 6
    assert report_file.with_name(report_file.name + ".bak").exists()
    # Save as: a new name, the extension added, the lock moves with it.
    target = tmp_path / "另存"
    boxes.files.append(str(target))
    assert window.files.save_as()
    assert doc.path == tmp_path / "另存.nianbao" and (tmp_path / "另存.nianbao").exists()
    assert file_lock.read_lock(report_file) is None
    assert file_lock.read_lock(doc.path) is not None
    assert recent_files()[:2] == [str(doc.path), str(report_file)]
    # The recent menu lists both and opens one.
    window._fill_recent_menu()
    actions = [a for a in window.recent_menu.actions() if a.data()]
    assert [a.data() for a in actions] == recent_files()
    actions[1].trigger()
    assert window.document.path == report_file


def test_close_prompt_save_discard_cancel(make_window, report_file, boxes):
    window = open_window(make_window, report_file)
    window.document.set_cell_text("t3:new:natural", "9")
    boxes.answer = "取消"
    assert not window.close() and window.isVisible()
    assert boxes.shown[-1][0] == "保存修改"
    boxes.answer = "保存"
    assert window.close()
    assert read_report(report_file)[0].value("t3:new:natural") == 9
    assert file_lock.read_lock(report_file) is None                  # the lock went with it
    other = open_window(make_window, report_file)
    other.document.set_cell_text("t3:new:natural", "1")
    boxes.answer = "不保存"
    assert other.close()
    assert read_report(report_file)[0].value("t3:new:natural") == 9


def test_window_layout_is_remembered(make_window):
    window = make_window()
    window.resize(760, 540)
    window.checks_dock.hide()
    window.save_layout()
    again = make_window(show=False)
    assert again.size().width() == 760 and again.checks_dock.isHidden()


def test_second_window_on_the_same_report_gets_read_only(make_window, report_file, boxes):
    first = open_window(make_window, report_file)
    boxes.answer = "取消"
    assert load_document(None, report_file) is None
    assert "本程序的另一个窗口" in boxes.shown[-1][1]
    boxes.answer = "只读打开"
    second = open_window(make_window, report_file)
    doc = second.document
    assert doc.read_only and "（只读）" in second.windowTitle()
    assert not second.save_action.isEnabled() and second.save_as_action.isEnabled()
    page = second.show_table("t3")
    assert not page.model.is_editable(page.model.index_of("t3:new:natural"))
    with pytest.raises(Exception, match="只读"):
        doc.set_cell_text("t3:new:natural", "1")
    assert page.view.paste("3") is None and doc.report.value("t3:new:natural") == 5
    first.close()
    assert file_lock.read_lock(report_file) is None


def test_stale_lock_of_a_dead_process_is_ignored(report_file):
    lock = file_lock.lock_path_for(report_file)
    lock.write_text('{"user": "张三", "host": "%s", "pid": 999999999, "time": "2026-01-02T09:00:00"}'
                    % file_lock.this_host(), encoding="utf-8")
    assert file_lock.read_lock(report_file) is None
    held = file_lock.acquire(report_file)
    assert held is not None and file_lock.read_lock(report_file).pid == os.getpid()
    held.release()
    assert not lock.exists()
    # A lock from another computer cannot be checked: it is respected.
    lock.write_text('{"user": "李四", "host": "other-pc", "pid": 1, "time": "2026-01-02T09:00:00"}', encoding="utf-8")
    with pytest.raises(file_lock.LockedError, match="李四"):
        file_lock.acquire(report_file)


def test_a_lock_left_on_another_computer_can_be_overridden(make_window, report_file, boxes):
    # A colleague's computer that crashed, or a folder copied with its lock, kept the report
    # read-only on every computer for ever: only 只读打开 or 取消.
    lock = file_lock.lock_path_for(report_file)
    lock.write_text('{"user": "李四", "host": "PC-07", "pid": 5, "time": "2026-01-02T09:00:00"}', encoding="utf-8")
    boxes.answer = "仍然编辑"
    window = open_window(make_window, report_file)
    assert "李四" in boxes.shown[-1][1] and "仍然编辑" in boxes.shown[-1][1]
    doc = window.document
    assert not doc.read_only and file_lock.read_lock(report_file).pid == os.getpid()
    doc.set_cell_text("t3:new:natural", "6")
    assert window.files.save() and read_report(report_file)[0].value("t3:new:natural") == 6
    window.close()
    assert not lock.exists()


def test_a_lock_of_a_running_program_on_this_computer_cannot_be_overridden(report_file, boxes):
    file_lock.lock_path_for(report_file).write_text(
        '{"user": "张三", "host": "%s", "pid": %d, "time": "2026-01-02T09:00:00"}' % (file_lock.this_host(), os.getppid()),
        encoding="utf-8")
    boxes.answer = "仍然编辑"             # not offered: the default, 只读打开, is taken
    doc, lock = load_document(None, report_file)
    assert doc.read_only and lock is None and "仍然编辑" not in boxes.shown[-1][1]


def test_a_lock_from_before_the_computer_restarted_is_stale_though_its_number_is_in_use(report_file):
    # After a power cut the dead program's process id belonged to another program: the clerk's own
    # report opened read-only, 「已被 张三（计算机“本机”）打开」, with no way to edit it.
    boot = file_lock.boot_time()
    if boot is None:
        pytest.skip("this system does not tell when it started")
    lock = file_lock.lock_path_for(report_file)
    text = '{"user": "张三", "host": "%s", "pid": %d, "time": "2026-01-02T09:00:00", "boot": %r}'
    lock.write_text(text % (file_lock.this_host(), os.getppid(), boot - 86400), encoding="utf-8")
    assert file_lock.read_lock(report_file) is None
    lock.write_text(text % (file_lock.this_host(), os.getppid(), boot + 1), encoding="utf-8")
    assert file_lock.read_lock(report_file).user == "张三"       # that program still runs
    lock.unlink()
    held = file_lock.acquire(report_file)
    assert abs(json.loads(lock.read_text(encoding="utf-8"))["boot"] - boot) < 5
    held.release()


def test_save_into_a_read_only_folder_fails_and_keeps_everything(make_window, report_file, boxes, monkeypatch):
    window = open_window(make_window, report_file)
    doc = window.document
    doc.set_cell_text("t3:new:natural", "77")
    # Root ignores permission bits, so the refusal of the disk is simulated where it happens.
    import forms.fileio as fileio

    real = fileio._write_temp

    def refuse(path, data):
        if path.parent == report_file.parent:
            raise PermissionError(13, "Permission denied")
        return real(path, data)
    monkeypatch.setattr(fileio, "_write_temp", refuse)
    assert not window.files.save()
    title, text = boxes.shown[-1]
    assert title == "保存失败" and "没有写入" in text and "没有丢失" in text
    assert doc.is_modified and doc.report.value("t3:new:natural") == 77
    copy = window.autosaver.path
    assert copy is not None and copy.exists() and str(copy) in text
    assert read_report(report_file)[0].value("t3:new:natural") == 5


def test_save_into_a_really_read_only_folder(make_window, tmp_path, boxes):
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root may write into read-only folders")
    folder = tmp_path / "ro"
    folder.mkdir()
    window = make_window(new_doc())
    window.document.set_cell_text("t3:new:natural", "1")
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        boxes.files.append(str(folder / "r.nianbao"))
        assert not window.files.save_as()
        assert boxes.shown[-1][0] == "保存失败"
        assert window.document.report.value("t3:new:natural") == 1
    finally:
        folder.chmod(stat.S_IRWXU)


def test_conflict_when_the_file_changed_on_disk(make_window, report_file, boxes):
    window = open_window(make_window, report_file)
    window.document.set_cell_text("t3:new:natural", "8")
    other = Report.new("2021", 2025, "某区人民政府")
    other.set_value("t3:new:natural", 1)
    save_report(other, report_file)                 # a colleague saved meanwhile
    boxes.answer = "取消"
    assert not window.files.save()
    assert boxes.shown[-1][0] == "文件已被修改"
    assert read_report(report_file)[0].value("t3:new:natural") == 1 and window.document.is_modified
    boxes.answer = "仍然覆盖"
    assert window.files.save()
    assert read_report(report_file)[0].value("t3:new:natural") == 8


def test_unreadable_file_is_refused_with_a_message(make_window, tmp_path, boxes):
    bad = tmp_path / "坏.nianbao"
    bad.write_text("{not json", encoding="utf-8")
    window = make_window()
    before = window.document
    assert not window.files.open_path(bad)
    assert boxes.shown[-1][0] == "无法打开" and "损坏" in boxes.shown[-1][1]
    assert window.document is before


def test_opening_the_report_already_in_the_window_keeps_it_as_it_is(make_window, report_file, boxes):
    # It said 「已被本程序的另一个窗口打开」 and, answered 只读打开, made the clerk's own report
    # read-only and released its lock (found by tests/desktop/test_monkey.py).
    window = open_window(make_window, report_file)
    doc = window.document
    doc.set_cell_text("t3:new:natural", "7")              # unsaved work
    assert window.files.open_path(report_file) is True
    assert window.document is doc and not doc.read_only and doc.is_modified
    assert doc.report.value("t3:new:natural") == 7
    assert boxes.shown == []                               # no question, nothing read again
    assert file_lock.read_lock(report_file) is not None     # still locked by this window
    assert "已在此窗口中打开" in window.statusBar().currentMessage()


def test_opening_a_report_open_in_another_window_shows_that_window(make_window, report_file, boxes):
    first = open_window(make_window, report_file)
    second = make_window()
    other = second.document
    assert second.files.open_path(str(report_file)) is True
    assert second.document is other                         # the second window keeps its report
    assert not first.document.read_only and boxes.shown == []
    assert "已在此窗口中打开" in first.statusBar().currentMessage()


@pytest.mark.parametrize("choose", [
    lambda window: window.files.open_file(),
    lambda window: importlib.import_module("desktop.carryover_action").new_from_last_year(window),
    lambda window: importlib.import_module("desktop.import_action").import_from_excel(window),
], ids=["open", "carryover", "import"])
def test_file_choosers_of_a_new_report_open_where_the_reports_are(make_window, report_file, monkeypatch, choose):
    from PySide6.QtWidgets import QFileDialog

    from desktop.settings import add_recent_file
    add_recent_file(report_file)
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda parent, title, start, *a, **k: (asked.append(start), ("", ""))[1]))
    window = make_window(new_doc())           # not saved yet: no folder of its own
    choose(window)
    # Not "" (the working folder): from the desktop shortcut, the program's own folder.
    assert asked == [str(report_file.parent)]
