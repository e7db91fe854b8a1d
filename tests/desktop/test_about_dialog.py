"""「关于年报」 names the version and the folders IT asks for, and opens the data folder."""

from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

import forms
from desktop.about_dialog import OPEN_FOLDER, show_about
from desktop.main_window import MainWindow


def test_about_names_version_and_folders(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "数据"))
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    window = MainWindow()
    qtbot.addWidget(window)
    window._about()
    box = window.about_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    text = box.text()
    assert f"版本 {forms.__version__}" in text and str(tmp_path / "数据") in text
    assert "nianbao.log" in text
    button = next(b for b in box.buttons() if b.text() == OPEN_FOLDER)
    button.click()
    assert opened == [str(tmp_path / "数据")] and (tmp_path / "数据").is_dir()
    assert box.isVisible()                 # still open: the clerk may read the log's path next
    box.reject()


def test_a_folder_name_with_markup_characters_is_shown_as_written(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "A&B<1>"))
    window = MainWindow()
    qtbot.addWidget(window)
    box = show_about(window)
    assert "A&amp;B&lt;1&gt;" in box.text() and box.windowTitle() == "关于年报"
    box.reject()


def test_enter_closes_the_box_and_opens_no_folder(qtbot, monkeypatch):
    from PySide6.QtCore import Qt
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window = MainWindow()
    qtbot.addWidget(window)
    box = show_about(window)
    qtbot.waitExposed(box)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert not opened and not box.isVisible()
