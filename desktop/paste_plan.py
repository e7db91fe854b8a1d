"""What a pasted block does to a table: every value parsed before anything changes (no Qt here).

The plan lists the values to set, the values refused (with the cell, the text and the reason) and
what was left out on purpose (totals, labels).  The view decides what to apply.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from forms.layout import Grid
from forms.numbers import NumberError, parse_number


@dataclass
class Refusal:
    where: str       # the cell as the clerk knows it, or where the block went past the table
    text: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}：{self.reason}" if self.reason.startswith("“") else \
            f"{self.where}：“{self.text}” {self.reason}"


@dataclass
class PastePlan:
    values: dict = field(default_factory=dict)          # cell id -> parsed value (None clears)
    refused: list[Refusal] = field(default_factory=list)
    skipped_totals: list[str] = field(default_factory=list)   # computed cells the block covered

    @property
    def complete(self) -> bool:
        return not self.refused


def plan_paste(grid: Grid, cells: dict, top: int, left: int, rows: list[list[str]],
               editable=lambda cell_id: True) -> PastePlan:
    """Places ``rows`` with its first cell at (top, left) of the grid.

    ``cells`` maps cell ids to their CellSpec (the edition's cells).  Labels and headers under the
    block are left alone (a block copied with its labels pastes cleanly); totals are computed, so a
    pasted total is left out and reported; text past the edge of the table is refused.
    """
    plan = PastePlan()
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            r, c = top + i, left + j
            stripped = text.strip()
            if r >= grid.n_rows or c >= grid.n_cols:
                if stripped:
                    plan.refused.append(Refusal(f"第 {i + 1} 行第 {j + 1} 列", stripped,
                                                "超出表格范围，无处填写"))
                continue
            g = grid.at(r, c)
            if g is None or g.role != "value" or (g.row, g.col) != (r, c):
                continue
            spec = cells[g.cell_id]
            if g.computed:
                if stripped:
                    plan.skipped_totals.append(spec.where)
                continue
            if not editable(g.cell_id):
                continue
            try:
                plan.values[g.cell_id] = parse_number(text, spec.kind)
            except NumberError as exc:
                plan.refused.append(Refusal(spec.where, stripped, str(exc)))
    return plan


def plan_fill(cells: dict, targets: list[str], text: str) -> PastePlan:
    """One copied value pasted over several selected cells: each gets it."""
    plan = PastePlan()
    for cid in targets:
        spec = cells[cid]
        if spec.computed:
            continue
        try:
            plan.values[cid] = parse_number(text, spec.kind)
        except NumberError as exc:
            plan.refused.append(Refusal(spec.where, text.strip(), str(exc)))
    return plan
