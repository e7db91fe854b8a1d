"""A large report in the GUI: typing, pasting, 整理格式, switching sections, opening, checking.

The report is bench/large_report.py's: the real narratives repeated and varied to ≈ 42,000
characters, 一 alone 20,000, with the real tables, so that the checks panel lists ≈ 80 findings
(200 for the table edit, see below).  Each edition's report is measured in a real main window.

- typing: key presses of one character each (as a clerk types 「字」 after 「字」), each followed by
  processEvents until the window has repainted, at the start, the middle and the end of 一;
  the editor hands the text to the document 400 ms after the last key (desktop/narrative_editor.py),
  when the checks run again and the checks panel is rebuilt: "typing paused" is that moment;
- pasting 5,000 characters (Ctrl+V with them on the clipboard), then the pause after it;
- 整理格式 of 一 (its text given half-width commas and hard line breaks first, as pasted from a PDF);
- switching sections in the outline: the first visit (the editor is built) and a later one;
- opening the saved file into the window (read, checks, first page shown);
- the first checks of the report, in process;
- an edit in 表三 while the checks panel holds 200 findings (digits, Enter, repaint, as bench/edit.py);
- undo and redo of the 5,000-character paste (Ctrl+Z, Ctrl+Shift+Z in the text, then the pause).

    python3 bench/large.py [--edition 2021] [--keys N] [--edits N]

Typing is measured against one frame (16.7 ms); the one-off actions against 100 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from _common import Row, median, percentile, report
from edit import _key, type_number      # key presses as QTest.keyClick sends them
from large_report import EDITIONS, large_report, real_paragraphs, save_large_report

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FRAME_MS, ONE_OFF_MS = 1000 / 60, 100.0
SECTION = "s1"


def _settle() -> None:
    from PySide6.QtWidgets import QApplication
    QApplication.processEvents()
    QApplication.processEvents()


def _timed(action) -> float:
    t0 = time.perf_counter()
    action()
    _settle()
    return (time.perf_counter() - t0) * 1000


def _stats_row(name: str, samples: list[float]) -> Row:
    p99 = percentile(samples, 99)
    return Row(name, p99, "ms", None, "< 16.7 ms (1 frame)", p99 < FRAME_MS,
               f"median {median(samples):.2f} ms, max {max(samples):.1f} ms, n = {len(samples)}")


def _one_off(name: str, samples: list[float], note: str = "") -> Row:
    value = median(samples)
    return Row(name, value, "ms", None, f"< {ONE_OFF_MS:g} ms", value < ONE_OFF_MS,
               (f"max {max(samples):.0f} ms of {len(samples)}" if len(samples) > 1 else "") +
               (f"; {note}" if note else ""))


class Session:
    """A main window holding the large report, with its first section open."""

    def __init__(self, edition: str):
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        from desktop.app import create_application
        from desktop.document import ReportDocument
        from desktop.main_window import MainWindow

        self.app = QApplication.instance() or create_application(["bench"])
        sys.excepthook = sys.__excepthook__       # an error is printed, not shown in a dialog
        self.doc = ReportDocument(large_report(edition))
        self.window = MainWindow(self.doc)
        self.window.resize(1280, 800)
        self.window.show()
        QTest.qWaitForWindowExposed(self.window)
        _settle()

    def editor(self, section: str = SECTION):
        return self.window.show_section(section)

    def close(self) -> None:
        self.doc.undo_stack.setClean()
        self.doc._text_dirty = False
        self.window.close()
        _settle()


def typing(session: Session, keys: int) -> list[Row]:
    """Keystroke to repaint at three places of 一, and the pause after typing."""
    from PySide6.QtCore import Qt

    editor = session.editor()
    edit = editor.text_edit
    edit.setFocus()
    _settle()
    rows, pauses = [], []
    for where in ("start", "middle", "end"):
        length = len(editor.text())
        position = {"start": 0, "middle": length // 2, "end": length}[where]
        cursor = edit.textCursor()
        cursor.setPosition(position)
        edit.setTextCursor(cursor)
        edit.ensureCursorVisible()
        _settle()
        samples = []
        for i in range(keys):
            char = "字文数公开"[i % 5]
            samples.append(_timed(lambda: _key(edit, Qt.Key.Key_unknown, char)))
        rows.append(_stats_row(f"typing in 一 (20,000 characters) at its {where}: key → repaint (p99)",
                               samples))
        pauses.append(_timed(editor.flush))          # what the 400 ms timer does after the last key
        if len(session.doc.report.text(SECTION)) != length + keys:
            raise RuntimeError(f"typed {keys} characters at the {where} of 一: not all reached the report")
    rows.append(_one_off("typing paused: text handed over, checks run, checks panel rebuilt (median)",
                         pauses, f"{len(session.doc.findings)} findings"))
    return rows


def paste_undo_redo(session: Session) -> list[Row]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    editor = session.editor()
    edit = editor.text_edit
    edit.setFocus()
    block = "\n".join(real_paragraphs())[:5000]
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    paste, pasted_pause, undo, redo, after = [], [], [], [], []
    for _ in range(5):
        before = session.doc.report.text(SECTION)
        cursor = edit.textCursor()
        cursor.setPosition(len(editor.text()) // 2)
        edit.setTextCursor(cursor)
        QApplication.clipboard().setText(block)
        _settle()
        paste.append(_timed(lambda: _key(edit, Qt.Key.Key_V, "", ctrl)))
        pasted_pause.append(_timed(editor.flush))
        pasted = session.doc.report.text(SECTION)
        undo.append(_timed(lambda: _key(edit, Qt.Key.Key_Z, "", ctrl)))
        after.append(_timed(editor.flush))
        undone = session.doc.report.text(SECTION)
        redo.append(_timed(lambda: _key(edit, Qt.Key.Key_Z, "", ctrl | shift)))
        after.append(_timed(editor.flush))
        if (len(pasted) - len(before), undone, session.doc.report.text(SECTION)) != (len(block), before, pasted):
            raise RuntimeError("the paste, its undo or its redo did not reach the report as typed")
        _key(edit, Qt.Key.Key_Z, "", ctrl)
        editor.flush()
    return [_one_off("paste 5,000 characters into 一: Ctrl+V → repaint (median)", paste),
            _one_off("… the pause after it: checks and checks panel (median)", pasted_pause),
            _one_off("undo the paste: Ctrl+Z → repaint (median)", undo),
            _one_off("redo the paste: Ctrl+Shift+Z → repaint (median)", redo),
            _one_off("… the pause after undo or redo (median)", after)]


def tidying(session: Session) -> list[Row]:
    from forms.narrative import tidy

    editor = session.editor()
    original = editor.text()
    # As pasted from a PDF: half-width commas and a hard line break inside every paragraph.
    messy = "\n".join(p.replace("，", ",", 3)[:40] + "\n" + p.replace("，", ",", 3)[40:]
                      for p in original.split("\n"))
    samples, pure = [], []
    for _ in range(3):
        session.doc.set_narrative(SECTION, messy)
        _settle()
        t0 = time.perf_counter()
        tidy(messy)
        pure.append((time.perf_counter() - t0) * 1000)
        samples.append(_timed(editor.tidy_text))
        if session.doc.report.text(SECTION) != tidy(messy):
            raise RuntimeError("整理格式 did not reach the report")
    session.doc.set_narrative(SECTION, original)
    _settle()
    return [_one_off("整理格式 of 一 (20,000 characters): click → tidied, checked, repainted (median)",
                     samples, f"of which tidy() {median(pure):.0f} ms")]


def switching(session: Session) -> list[Row]:
    """Clicks in the outline: each section once (its editor built), then back and forth."""
    window = session.window
    outline = window.outline
    sections = [s.id for s in session.doc.report.edition.sections]
    first, again = [], []
    for sid in sections:
        if ("section", sid) in window.pages:
            continue
        first.append(_timed(lambda: outline.setCurrentItem(outline.item_for("section", sid))))
    for _ in range(3):
        for sid in sections:
            again.append(_timed(lambda: outline.setCurrentItem(outline.item_for("section", sid))))
    return [_one_off("switching sections in the outline, first visit (median)", first,
                     f"slowest {max(first):.0f} ms"),
            _one_off("… a section visited before (median)", again)]


def opening(edition: str, runs: int = 3) -> list[Row]:
    """The saved file opened into a window (FileActions.open_path): read, shown, checked."""
    from desktop.document import ReportDocument
    from desktop.main_window import MainWindow
    from forms.report import Report

    folder = Path(tempfile.mkdtemp(prefix="nianbao-large-"))
    path = save_large_report(folder / "large.nianbao", edition)
    samples = []
    for _ in range(runs):
        window = MainWindow(ReportDocument(Report.new(edition, 2024)))
        window.resize(1280, 800)
        window.show()
        _settle()
        samples.append(_timed(lambda: window.files.open_path(path)))
        window.document.undo_stack.setClean()
        window.close()
        _settle()
    size = path.stat().st_size
    shutil.rmtree(folder, ignore_errors=True)
    return [_one_off("opening the saved file: read, first table shown, checks listed (median)", samples,
                     f"{size // 1024} KB")]


def first_checks(edition: str) -> list[Row]:
    import forms.textchecks as textchecks
    from forms.checks import run_checks

    samples = []
    for _ in range(5):
        for kept in ("_READINGS", "_SENTENCES", "_VERDICTS"):     # as in a fresh process
            getattr(textchecks, kept, {}).clear()
        report_ = large_report(edition)
        t0 = time.perf_counter()
        findings = run_checks(report_)
        samples.append((time.perf_counter() - t0) * 1000)
    return [_one_off("the first checks of the report, in process (median)", samples,
                     f"{len(findings)} findings")]


def table_edit(session: Session, edits: int) -> list[Row]:
    """bench/edit.py's GUI edit in 表三, with 200 findings in the checks panel."""
    doc = session.doc
    # More copies of the paragraphs with a finding in them, until the panel lists 200 findings.
    report_ = doc.report
    sid = next(s.id for s in report_.edition.sections if s.id not in ("opening", SECTION))
    flagged = [p for s in report_.edition.sections for p in report_.text(s.id).split("\n")
               if any(f.quote and f.quote in p for f in doc.findings if f.section == s.id)]
    text = report_.text(sid)
    for _ in range(20):
        if len(doc.findings) >= 200 or not flagged:
            break
        text += "\n" + "\n".join(flagged[:200 - len(doc.findings)])
        doc.set_narrative(sid, text)
    _settle()
    count = len(doc.findings)
    ids = [t.id for t in report_.edition.tables]
    table = "t3" if "t3" in ids else ids[0]          # 2014: its one 统计表
    page = session.window.show_table(table)
    view, model = page.view, page.model
    cell = next(c.id for c in report_.edition.table(table).cells if not c.computed)
    view.setFocus()
    index = model.index_of(cell)
    _settle()
    samples = []
    for i in range(edits):
        digits = str(100 + i % 97)
        view.setCurrentIndex(index)
        samples.append(_timed(lambda: type_number(view, digits)))
    return [_stats_row(f"edit in {report_.edition.table(table).name} with {count} findings listed: keys → totals, checks, repaint (p99)",
                       samples)]


def measure(edition: str = "2021", keys: int = 300, edits: int = 200) -> list[Row]:
    # Recent files, recovery copies and settings go to a folder of their own, not the user's.
    data_dir = os.environ.get("NIANBAO_DATA_DIR")
    os.environ["NIANBAO_DATA_DIR"] = own = tempfile.mkdtemp(prefix="nianbao-large-data-")
    try:
        rows = first_checks(edition)
        session = Session(edition)
        rows += switching(session)
        rows += typing(session, keys)
        rows += paste_undo_redo(session)
        rows += tidying(session)
        rows += table_edit(session, edits)
        session.close()
        rows += opening(edition)
    finally:
        shutil.rmtree(own, ignore_errors=True)
        if data_dir is None:
            os.environ.pop("NIANBAO_DATA_DIR", None)
        else:
            os.environ["NIANBAO_DATA_DIR"] = data_dir
    return rows


def measure_editions(editions=EDITIONS, keys: int = 300, edits: int = 200) -> list[Row]:
    rows = []
    for edition in editions:
        for row in measure(edition, keys, edits):
            row.what = f"large report, {edition} edition: {row.what}"
            rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edition", choices=EDITIONS + ("all",), default="all")
    parser.add_argument("--keys", type=int, default=300, help="key presses at each place")
    parser.add_argument("--edits", type=int, default=200, help="edits in 表三")
    args = parser.parse_args()
    report(measure_editions(EDITIONS if args.edition == "all" else (args.edition,), args.keys, args.edits))


if __name__ == "__main__":
    main()
