"""What the editors hold typed but not yet committed, for the recovery copy only (no Qt here).

A cover field or a table cell commits on Enter, Tab or leaving it; until then a crash would lose it.
The autosaver asks for these entries (``ReportDocument.pending_edits``) and writes them into a copy
of the report, never into the report itself: see desktop/autosave.py for why.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass, field

from forms.report import Report, ReportError


@dataclass
class PendingEdits:
    """Valid entries only (a refused one cannot go into a report), already parsed."""

    cells: dict[str, object] = field(default_factory=dict)      # cell id -> value
    meta: dict[str, object] = field(default_factory=dict)       # field name -> value
    texts: dict[str, str] = field(default_factory=dict)         # section id -> text
    headings: dict[str, str | None] = field(default_factory=dict)   # section id -> own heading

    def __bool__(self) -> bool:
        return bool(self.cells or self.meta or self.texts or self.headings)

    def drop_unchanged(self, report: Report) -> None:
        """Leaves out what the report already holds: a field entered and left as it was is no work
        to recover, and must not make a copy of a report with no unsaved changes."""
        values = report.values()
        self.cells = {c: v for c, v in self.cells.items() if v != values.get(c)}
        self.meta = {n: v for n, v in self.meta.items() if getattr(report.meta, n) != v}
        self.texts = {s: t for s, t in self.texts.items() if report.text(s) != t}
        self.headings = {s: h for s, h in self.headings.items()
                         if getattr(report.narrative.get(s), "heading", None) != h}

    def applied_to(self, report: Report) -> Report:
        """A copy of the report with these entries in it; the report itself is left as it is."""
        copy = deepcopy(report, {id(report.edition): report.edition})   # the edition is shared
        try:
            copy.set_many(self.cells)
        except ReportError:
            pass          # cannot happen for parsed entries; the rest of the copy still counts
        for name, value in self.meta.items():
            copy.set_meta(name, value)
        for section_id, text in self.texts.items():
            copy.set_text_of(section_id, text)
        for section_id, heading in self.headings.items():
            copy.set_heading(section_id, heading)
        return copy
