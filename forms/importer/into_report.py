"""What importing a workbook's tables into a report that already exists would change.

:func:`import_file` makes a report of its own from the workbook; :func:`tables_import` compares
it with a report the clerk has been writing (its cover and narrative are not looked at) and says
what would change there:

- every typed value the workbook holds; a cell it leaves blank or could not place keeps the
  report's value (a blank is not a value to put over the clerk's);
- for each table the workbook brought values of, the totals and labels the importer keeps for the
  checks (``declared`` for R2–R4, ``published_labels`` for R11) replace the report's earlier ones of
  that table: a total or label of an earlier source no longer describes the values now in it.

Nothing is changed here; the desktop applies the result as one undo step.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..report import Report
from .result import ImportResult


@dataclass(frozen=True)
class TablesImport:
    values: dict[str, object]               # typed cells whose value changes, and their new value
    overwritten: tuple[str, ...]            # among them, the cells that held another value
    declared: dict[str, object]             # the report's declared totals after the import
    published_labels: dict[str, str | None]  # its published labels after the import
    tables: tuple[str, ...]                 # ids of the tables the workbook had, in edition order

    def changes(self, report: Report) -> bool:
        return bool(self.values) or self.declared != report.declared \
            or self.published_labels != report.published_labels

    def overwritten_per_table(self, report: Report) -> dict[str, int]:
        """Table name -> cells whose value would be replaced, in edition order."""
        counts = {t.name: 0 for t in report.edition.tables}
        for cid in self.overwritten:
            counts[report.edition.table(report.edition.cells[cid].table).name] += 1
        return {name: n for name, n in counts.items() if n}


def tables_import(report: Report, result: ImportResult) -> TablesImport:
    """What putting ``result`` (imported in ``report``'s edition) into ``report`` would change."""
    source = result.report
    if source.edition.id != report.edition.id:
        raise ValueError(f"edition {source.edition.id} imported for a report of {report.edition.id}")
    cells = report.edition.cells
    placed = {cid: v for cid, v in source.values().items() if v is not None and not cells[cid].computed}
    values = {cid: v for cid, v in placed.items() if v != report.value(cid)}   # v is never None
    overwritten = tuple(cid for cid in values if report.value(cid) is not None)
    # A table none of whose values could be placed (another edition's 表二) leaves the report's
    # values as they were: its labels would describe a table the report's values are not from.
    had = {cells[cid].table for cid in placed} | {cells[cid].table for cid in source.declared}
    declared = {cid: v for cid, v in report.declared.items()
                if cid not in cells or cells[cid].table not in had}
    declared.update(source.declared)
    labels = {key: v for key, v in report.published_labels.items() if _label_table(key) not in had}
    labels.update({key: v for key, v in source.published_labels.items() if _label_table(key) in had})
    return TablesImport(values, overwritten, declared, labels,
                        tuple(t.id for t in report.edition.tables if t.id in had))


def _label_table(key: str) -> str:
    """The table of a published-label key 「t3:row:natural」."""
    return key.split(":", 1)[0]
