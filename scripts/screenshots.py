"""Screenshots of the main views, for the README and for looking at the form as a clerk sees it.

    python3 scripts/screenshots.py [FOLDER] [--scale 2]

FOLDER defaults to docs/screenshots/.  Runs offscreen (or on $DISPLAY with --display); settings
and recovery copies go to a temporary data folder, never the user's.  Without --scale, a second
run at QT_SCALE_FACTOR=2 adds one shot of 表三 at 200 %.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--scale", type=float, default=None, help="only the 表三 shot at this scale")
    parser.add_argument("--display", action="store_true", help="use the real display ($DISPLAY)")
    parser.add_argument("--preview", action="store_true", help="only the print preview shot")
    return parser.parse_args(argv)


def quiet_dialogs():
    """No modal box may wait for a click while shooting (missing-font notices, say)."""
    from PySide6.QtWidgets import QMessageBox
    QMessageBox.exec = lambda self: 0
    for name in ("critical", "warning", "information", "question"):
        setattr(QMessageBox, name, staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok))


def shoot(widget, path: Path, app) -> Path:
    for _ in range(3):
        app.processEvents()
    widget.grab().save(str(path), "PNG", 0)    # 0: the strongest compression
    print(path)
    return path


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if not args.display:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["NIANBAO_DATA_DIR"] = tempfile.mkdtemp(prefix="nianbao-shots-")
    folder = Path(args.folder)
    folder.mkdir(parents=True, exist_ok=True)

    from desktop.app import create_application
    app = create_application([])
    sys.excepthook = sys.__excepthook__      # a failing shot should stop the script, not show a box
    quiet_dialogs()
    from desktop.document import ReportDocument
    from desktop.main_window import MainWindow
    from forms.demo import demo_report
    from tests.forms.sample_reports import pingtan_report

    def window_for(report, size=(1280, 800)):
        window = MainWindow(ReportDocument(report))
        window.resize(*size)
        window.show()
        return window

    if args.preview:
        return shoot_preview(app, folder, window_for(pingtan_report()))
    if args.scale:
        window = window_for(pingtan_report(), (1000, 700))
        window.show_table("t3")
        shoot(window, folder / f"scaled-{int(args.scale * 100)}-t3.png", app)
        return 0

    demo = window_for(demo_report())
    demo.show_table("t1")
    shoot(demo, folder / "demo-2014-statistics.png", app)
    demo.show_section("s1")
    shoot(demo, folder / "narrative.png", app)
    demo.show_meta()
    shoot(demo, folder / "cover-info.png", app)

    filled = window_for(pingtan_report())
    for table in filled.document.report.edition.tables:
        filled.show_table(table.id)
        shoot(filled, folder / f"pingtan-2021-{table.id}.png", app)

    # The checks at work: one unbalanced column, a sentence that disagrees with the table, and a
    # warning the clerk confirmed.
    doc = filled.document
    last = pingtan_report(year=2023)
    last.set_value("t2:norms:valid", 400)
    doc.set_previous(last)
    warning = next(f for f in doc.findings if f.rule == "R7")
    doc.set_review(warning.key, "3件规范性文件到期自然失效")
    doc.set_narrative("s1", "本年度共收到政府信息公开申请300件，均按法定时限答复。")
    doc.set_cell_text("t3:new:natural", "300")
    page = filled.show_table("t3")
    page.select_cells(["t3:new:natural"])
    shoot(filled, folder / "checks.png", app)

    for window in (demo, filled):
        window.document.undo_stack.setClean()
        window.document._text_dirty = False
        window.close()
    display = ["--display"] if args.display else []
    env = dict(os.environ, QT_SCALE_FACTOR="2")
    subprocess.run([sys.executable, __file__, str(folder), "--scale", "2"] + display, env=env, check=True)
    # The print preview in a process of its own: a crash there must not lose the other shots.
    done = subprocess.run([sys.executable, __file__, str(folder), "--preview"] + display)
    if done.returncode != 0:
        print(f"print preview failed (exit status {done.returncode}); no preview.png", file=sys.stderr)
    return 0


def shoot_preview(app, folder: Path, window) -> int:
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    import desktop.printing as printing

    def grab_instead_of_waiting(dialog):
        dialog.resize(900, 1000)
        dialog.show()
        shoot(dialog, folder / "preview.png", app)
        return 0
    QPrintPreviewDialog.exec = grab_instead_of_waiting
    printing.print_preview(window, window.document)
    return 0


if __name__ == "__main__":
    sys.exit(main())
