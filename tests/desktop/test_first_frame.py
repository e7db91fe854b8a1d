"""Start-up shows the report first and checks it once the first frame is on the screen."""

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QWidget

from desktop import first_frame
from desktop.document import ReportDocument
from desktop.main_window import MainWindow
from forms.demo import demo_report
from tests.desktop.gui_helpers import boxes  # noqa: F401 (fixture)

ROOT = Path(__file__).resolve().parents[2]


def test_the_window_is_shown_before_the_checks_run_and_filled_after(qtbot, boxes):
    doc = ReportDocument(demo_report())
    window = MainWindow(doc, check_after_shown=True)
    try:
        assert doc._findings is None                       # nothing checked before the first frame
        assert window.checks.summary.text() == "正在检查…"
        assert all(g.isHidden() for g in window.checks.groups.values())
        assert window.findings_label.text() == ""
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.checks.summary.text() != "正在检查…", timeout=3000)
        assert doc._findings is not None
        counts = window.checks.counts()
        assert counts["error"] + counts["warning"] == len(doc.findings) > 0
        assert not any(g.isHidden() for g in window.checks.groups.values())
        assert window.findings_label.text().startswith("错误 ")
    finally:
        boxes.answer = "不保存"
        window.close()


def test_a_window_never_exposed_is_checked_all_the_same(qtbot):
    widget = QWidget()
    ran = []
    first_frame.after_first_frame(widget, lambda: ran.append(True))
    qtbot.wait(first_frame.FALLBACK_MS // 4)
    assert ran == []
    qtbot.waitUntil(lambda: ran == [True], timeout=first_frame.FALLBACK_MS * 5)
    qtbot.wait(50)
    assert ran == [True]                                   # once, not again on a later expose
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(20)
    assert ran == [True]
    widget.deleteLater()


def test_the_start_up_probe_reports_the_first_frame_then_the_checks():
    code = ("import sys\nfrom desktop.main import main\nsys.exit(main(['--demo']))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "NIANBAO_STARTUP_PROBE": "1", "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    marks = [line.split() for line in out.stdout.splitlines() if line.startswith(("shown", "settled"))]
    assert [m[0] for m in marks] == ["shown", "settled"]
    assert float(marks[0][1]) <= float(marks[1][1])


def test_garbage_collection_waits_for_the_first_frame_then_resumes_with_start_up_frozen():
    code = ("import gc, sys\n"
            "import desktop.app as app\n"
            "original = app.start\n"
            "def start(argv):\n"
            "    windows = original(argv)\n"
            "    print('building', gc.isenabled(), flush=True)\n"
            "    return windows\n"
            "app.start = start\n"
            "from desktop.main import main\n"
            "code = main(['--demo'])\n"
            "print('after', gc.isenabled(), gc.get_freeze_count() > 10000, flush=True)\n"
            "sys.exit(code)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "NIANBAO_STARTUP_PROBE": "1", "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    lines = [line for line in out.stdout.splitlines() if line.startswith(("building", "after"))]
    assert lines == ["building False", "after True True"]


def test_collection_resumed_twice_freezes_only_start_up():
    # run() resumes collection after the first frame and again from a fallback timer: the second
    # call froze everything made in between, garbage included, for good.
    code = ("import gc\n"
            "from desktop.app import resume_collection\n"
            "gc.disable()\n"
            "resume_collection()\n"
            "frozen = gc.get_freeze_count()\n"
            "made_since = [[] for _ in range(1000)]\n"
            "resume_collection()\n"
            "print(gc.isenabled(), gc.get_freeze_count() - frozen, flush=True)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "0"]
