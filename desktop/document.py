"""The open report as the views see it: one QObject that owns the report, its undo stack and signals.

Views never change the report directly: cell and metadata edits go through QUndoCommands pushed
here, and every view updates from the signals.  The narrative keeps its own text undo (in the
editor), so narrative changes arrive here as plain setters.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from forms.numbers import NumberError, parse_number
from forms.report import Report, ReportError, describe_cell

if TYPE_CHECKING:
    from forms.checks import Finding

# What the pages of a report opened read-only say on their disabled controls (one wording everywhere).
READ_ONLY_TIP = "只读打开：不能修改，另存为一个新文件后可修改。"


def _unchanged(new, old) -> bool:
    """Equal values; a blank and 0 differ (0 == None is False, but 0 == 0.0 is equal)."""
    return (new is None) == (old is None) and new == old


class SetCellsCommand(QUndoCommand):
    """Sets one cell or a pasted block; one undo step either way."""

    def __init__(self, doc: "ReportDocument", new: dict, text: str):
        super().__init__(text)
        self.doc = doc
        self.new = dict(new)
        self.old = {cid: doc.report.value(cid) for cid in new}

    def redo(self):
        self.doc._apply_cells(self.new)

    def undo(self):
        self.doc._apply_cells(self.old)


class ImportTablesCommand(SetCellsCommand):
    """Tables imported into the report: their values, and the totals and labels of the source
    that the checks compare them with (R2–R4, R11); one undo step for all."""

    def __init__(self, doc: "ReportDocument", values: dict, declared: dict, labels: dict, text: str):
        super().__init__(doc, values, text)
        self.new_kept = (dict(declared), dict(labels))
        self.old_kept = (dict(doc.report.declared), dict(doc.report.published_labels))

    def redo(self):
        self.doc._apply_kept(*self.new_kept)
        super().redo()

    def undo(self):
        self.doc._apply_kept(*self.old_kept)
        super().undo()


class SetMetaCommand(QUndoCommand):
    def __init__(self, doc: "ReportDocument", name: str, value):
        super().__init__(f"修改{name}")
        self.doc, self.name = doc, name
        self.new, self.old = value, getattr(doc.report.meta, name)

    def redo(self):
        self.doc._apply_meta(self.name, self.new)

    def undo(self):
        self.doc._apply_meta(self.name, self.old)


class SetReviewCommand(QUndoCommand):
    """Marks a warning 确认无误 with a reason, or (reason None) removes the mark."""

    def __init__(self, doc: "ReportDocument", key: str, reason: str | None, legacy_key: str | None = None):
        super().__init__("确认无误" if reason else "取消确认")
        self.doc = doc
        # Removing a mark also removes one saved under the finding's legacy key (forms/checks.py).
        keys = [key] + ([legacy_key] if legacy_key and reason is None else [])
        self.new = {k: (reason if k == key else None) for k in keys}
        self.old = {k: doc.report.reviews.get(k) for k in keys}

    def redo(self):
        self.doc._apply_reviews(self.new)

    def undo(self):
        self.doc._apply_reviews(self.old)


class ReportDocument(QObject):
    cellsChanged = Signal(list)        # ids of cells whose value changed (typed and computed)
    metaChanged = Signal(str)          # name of the metadata field
    narrativeChanged = Signal(str)     # section id
    findingsChanged = Signal()
    modifiedChanged = Signal(bool)
    pathChanged = Signal(str)
    # Editors that hold typed text not yet handed over (debounced) hand it over when this fires.
    flushRequested = Signal()
    # An editor holds typed text not yet committed (the autosaver then writes a copy soon), and
    # the request for that text: editors add it to the PendingEdits passed.  Neither changes the
    # report: see pending_edits().
    editPending = Signal()
    pendingRequested = Signal(object)

    def __init__(self, report: Report, path: Path | None = None, digest: str | None = None,
                 previous: Report | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.report = report
        self.path = Path(path) if path else None
        self.digest = digest              # of the file as last read or written (conflict check)
        self.previous = previous          # last year's report, for the cross-year rules
        self.read_only = False
        self.undo_stack = QUndoStack(self)
        self._text_dirty = False
        self._findings: list[Finding] | None = None
        # A method, not a lambda: Qt drops the connection when the document is destroyed, before
        # the stack (its child) emits cleanChanged on its own way out.
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)

    # ------------------------------------------------------------------ state

    def _on_clean_changed(self, clean: bool) -> None:
        self.modifiedChanged.emit(self._text_dirty or not clean)

    @property
    def is_modified(self) -> bool:
        return self._text_dirty or not self.undo_stack.isClean()

    def mark_saved(self, path: Path, digest: str) -> None:
        changed_path = self.path != Path(path)
        self.path, self.digest = Path(path), digest
        self._text_dirty = False
        self.undo_stack.setClean()
        self.modifiedChanged.emit(False)
        if changed_path:
            self.pathChanged.emit(str(path))

    def mark_modified(self) -> None:
        """Marks the report as holding unsaved work (a report restored from a recovery copy)."""
        self._touch_text()

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReportError("报告以只读方式打开，不能修改；请先“另存为”一个新文件。")

    @property
    def findings(self) -> list[Finding]:
        if self._findings is None:
            from forms.checks import run_checks    # not before the window is first shown

            self._findings = run_checks(self.report, self.previous)
        return self._findings

    def set_previous(self, previous: Report | None) -> None:
        self.previous = previous
        self._refresh_findings()

    def _refresh_findings(self) -> None:
        self._findings = None
        self.findingsChanged.emit()

    # ------------------------------------------------------------------ edits (undoable)

    def parse_cell(self, cell_id: str, text: str):
        """The value typed for a cell, or ReportError saying why it is refused."""
        spec = self.report.cell(cell_id)
        if spec.computed:
            raise ReportError(f"{describe_cell(spec)}是自动计算的合计，不能直接填写")
        try:
            return parse_number(text, spec.kind)
        except NumberError as exc:
            raise ReportError(f"{describe_cell(spec)}：{exc}") from None

    def set_cell_text(self, cell_id: str, text: str) -> None:
        self._check_writable()
        value = self.parse_cell(cell_id, text)
        if _unchanged(value, self.report.value(cell_id)):
            return
        self.undo_stack.push(SetCellsCommand(self, {cell_id: value}, f"填写{describe_cell(self.report.cell(cell_id))}"))

    def set_cells(self, values: dict, text: str = "粘贴") -> None:
        """Sets many typed cells as one undo step (values already parsed).  Cells that already hold
        their value are left out, and a block that changes nothing (the clerk's own copy pasted
        back) is no undo step at all: it would mark the report modified for nothing."""
        self._check_writable()
        values = {cid: v for cid, v in values.items() if not _unchanged(v, self.report.value(cid))}
        if values:
            self.undo_stack.push(SetCellsCommand(self, values, text))

    def fill_blanks_with_zero(self) -> int:
        blanks = self.report.blank_cells()
        self.set_cells({cid: 0 for cid in blanks}, "空白填 0")
        return len(blanks)

    def import_tables(self, values: dict, declared: dict, labels: dict, text: str) -> None:
        """Sets typed cells (already parsed) and replaces the declared totals and published
        labels kept for the checks, as one undo step (desktop/import_into_report.py)."""
        self._check_writable()
        self.undo_stack.push(ImportTablesCommand(self, values, declared, labels, text))

    def set_meta(self, name: str, value) -> None:
        from forms.report import validate_meta
        self._check_writable()
        value = validate_meta(name, value)
        if getattr(self.report.meta, name) != value:
            self.undo_stack.push(SetMetaCommand(self, name, value))

    def set_review(self, key: str, reason: str | None, legacy_key: str | None = None) -> None:
        self._check_writable()
        self.undo_stack.push(SetReviewCommand(self, key, reason, legacy_key))

    # ------------------------------------------------------------------ narrative (editor keeps undo)

    def flush_edits(self) -> None:
        """Makes every open editor hand over what was typed: call before saving, exporting,
        printing or applying a correction to the text, so that nothing typed is lost."""
        self.flushRequested.emit()

    def pending_edits(self):
        """What the editors hold typed but not committed (desktop/pending_edits.py), for the
        recovery copy only: nothing is committed, nothing marked modified."""
        from .pending_edits import PendingEdits

        pending = PendingEdits()
        self.pendingRequested.emit(pending)
        pending.drop_unchanged(self.report)
        return pending

    def set_narrative(self, section_id: str, text: str) -> None:
        if self.report.text(section_id) == text:
            return
        self.report.set_text_of(section_id, text)
        self._touch_text()
        self.narrativeChanged.emit(section_id)
        self._refresh_findings()

    def set_heading(self, section_id: str, heading: str | None) -> None:
        self.report.set_heading(section_id, heading)
        self._touch_text()
        self.narrativeChanged.emit(section_id)
        self._refresh_findings()

    def _touch_text(self) -> None:
        was = self.is_modified
        self._text_dirty = True
        if not was:
            self.modifiedChanged.emit(True)

    # ------------------------------------------------------------------ appliers used by commands

    def _apply_cells(self, values: dict) -> None:
        changed = self.report.set_many(values)
        if changed:
            self.cellsChanged.emit(changed)
        self._refresh_findings()

    def _apply_kept(self, declared: dict, labels: dict) -> None:
        """Before the cells are applied: _apply_cells refreshes the findings with them."""
        self.report.declared = dict(declared)
        self.report.published_labels = dict(labels)

    def _apply_meta(self, name: str, value) -> None:
        setattr(self.report.meta, name, value)
        self.metaChanged.emit(name)
        self._refresh_findings()

    def _apply_reviews(self, reasons: dict[str, str | None]) -> None:
        for key, reason in reasons.items():
            if reason:
                self.report.reviews[key] = reason
            else:
                self.report.reviews.pop(key, None)
        self._refresh_findings()
