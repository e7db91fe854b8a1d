"""Keys as Linux desktops (UOS, 麒麟) bind them: under a real X server (Xvfb), not offscreen.

Qt's offscreen platform binds the standard keys of every platform at once (Ctrl+Y is redo there);
the X11 one binds Linux's only (redo is Ctrl+Shift+Z), which is where the clerk's Windows habits
meet the window's own shortcuts.  Each check runs the window in a child process on Xvfb and sends
keys through the window system, shortcut map included (QTest on the QWindow).
"""

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("xvfb-run") is None,
                                reason="xvfb-run is not installed (.ci/run installs it)")


def run_on_x11(body: str, tmp_path) -> subprocess.CompletedProcess:
    script = tmp_path / "x11_check.py"
    script.write_text(textwrap.dedent('''
        import sys
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence
        from PySide6.QtTest import QTest
        from desktop.app import create_application
        from desktop.document import ReportDocument
        from desktop.main_window import MainWindow
        from forms.report import Report

        app = create_application()
        sys.excepthook = sys.__excepthook__      # a failed check ends the child, no error dialog
        assert app.platformName() == "xcb", app.platformName()
        window = MainWindow(ReportDocument(Report.new("2021", 2025, "某区人民政府")))
        window.show()
        window.activateWindow()
        QTest.qWaitForWindowActive(window)

        def key(k, mods=Qt.KeyboardModifier.NoModifier):
            QTest.keyClick(window.windowHandle(), k, mods)
            app.processEvents()

        def type_undo_redo(text_of, digits):
            """Types the digits, Ctrl+Z, Ctrl+Y: the typing is gone, then back."""
            for d in digits:
                key(Qt.Key(Qt.Key.Key_0.value + int(d)))
            assert text_of() == digits, ("typed", text_of())
            key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
            assert text_of() == "", ("after Ctrl+Z", text_of())
            key(Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
            assert text_of() == digits, ("after Ctrl+Y", text_of())
    ''') + textwrap.dedent(body) + "\nprint('ok', flush=True)\nimport os\nos._exit(0)\n", encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    env.pop("DISPLAY", None)
    return subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", sys.executable, str(script)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def assert_passed(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0 and result.stdout.strip().endswith("ok"), result.stderr[-3000:]


def test_ctrl_y_in_the_text_redoes_the_text_not_a_table_edit(tmp_path):
    # Under X11 Ctrl+Y is not the text editor's redo, so the window's 重做 (Ctrl+Y, for Windows
    # habits) took it and redid a table edit undone earlier, switching to that table.
    result = run_on_x11('''
        assert "Ctrl+Y" not in [k.toString() for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]
        doc = window.document
        doc.set_cell_text("t3:new:natural", "5")
        doc.undo_stack.undo()
        editor = window.show_section("s1")
        editor.text_edit.setFocus()
        app.processEvents()
        type_undo_redo(editor.text, "20")
        assert doc.report.value("t3:new:natural") is None and doc.undo_stack.canRedo()
    ''', tmp_path)
    assert_passed(result)


def test_ctrl_y_in_a_cover_field_redoes_its_typing(tmp_path):
    # The same in a line edit: Ctrl+Z undid the field's typing (its own key), Ctrl+Y went to the
    # window's 重做, committed the emptied field and redid nothing — the typing was gone.
    result = run_on_x11('''
        doc = window.document
        form = window.show_meta()
        edit = form.fields["reviewer"]
        edit.setFocus()
        app.processEvents()
        type_undo_redo(edit.text, "13")
        assert doc.undo_stack.count() == 0, doc.undo_stack.count()
    ''', tmp_path)
    assert_passed(result)


def test_ctrl_y_in_a_cell_being_typed_redoes_its_typing(tmp_path):
    result = run_on_x11('''
        doc = window.document
        doc.set_cell_text("t3:new:natural", "5")
        doc.undo_stack.undo()                      # something the window's 重做 could redo
        page = window.show_table("t3")
        view = page.view
        view.setCurrentIndex(page.model.index_of("t3:new:research"))
        view.setFocus()
        app.processEvents()
        key(Qt.Key.Key_F2)
        type_undo_redo(lambda: view.delegate.editor.text(), "12")
        assert doc.report.value("t3:new:natural") is None and doc.undo_stack.canRedo()
    ''', tmp_path)
    assert_passed(result)
