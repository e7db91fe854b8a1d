"""Recovery copies of the open report, written a few seconds after each change (at most 30 s).

The copy is removed when the report is saved or closed cleanly, and when the changes are undone
back to the saved state.

It also holds what is being typed and not yet committed (a cover field or a table cell before
Enter, Tab or leaving it; a narrative heading; text within the editor's short debounce), asked of
the editors through ``doc.pending_edits()`` and written into a copy of the report only.  Committing
it instead (``flush_edits``) would do harm every interval: a half-typed entry would become an undo
step, the cell editor would close under the clerk's fingers (the next digit starting another cell),
a cover field would be rewritten in its normal form while typed in, and a half-typed date refused
with a red reason.  A refused entry cannot go into a report and is not in the copy; an entry equal
to the report's value is no change, so it neither marks the report modified nor makes a copy.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from forms.fileio import WriteError

from .document import ReportDocument
from .settings import autosave_seconds

log = logging.getLogger(__name__)


class Autosaver(QObject):
    # The copy could not be written (the message says why): the clerk must not count on it.
    failed = Signal(str)

    def __init__(self, doc: ReportDocument, parent=None, seconds: float | None = None):
        super().__init__(parent)
        self.doc = doc
        self.path: Path | None = None           # the recovery copy, once written
        self.last_error: str | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(int((seconds if seconds is not None else autosave_seconds()) * 1000))
        self.timer.timeout.connect(self.write_now)
        doc.cellsChanged.connect(self.changed)
        doc.metaChanged.connect(self.changed)
        doc.narrativeChanged.connect(self.changed)
        doc.undo_stack.indexChanged.connect(self.changed)
        doc.editPending.connect(self.changed)

    def changed(self, *_args) -> None:
        if not self.timer.isActive():
            self.timer.start()

    def write_now(self) -> Path | None:
        """Writes the copy if there is unsaved work (removes it if there is none)."""
        self.timer.stop()
        pending = self.doc.pending_edits()
        if not self.doc.is_modified and not pending:
            self.discard()
            return None
        from . import recovery      # with the first copy: json, file locks … stay out of start-up

        if self.path is None:
            self.path = recovery.new_recovery_path()
        try:
            report = pending.applied_to(self.doc.report) if pending else self.doc.report
            recovery.write_recovery(self.path, report, self.doc.path, self.doc.digest)
        except (WriteError, OSError) as exc:
            self.last_error = str(exc)
            log.warning("恢复副本写入失败：%s", exc)
            self.failed.emit(self.last_error)
            return None
        self.last_error = None
        return self.path

    def discard(self) -> None:
        self.timer.stop()
        if self.path is not None:
            from . import recovery

            recovery.discard(self.path)
        self.path = None
