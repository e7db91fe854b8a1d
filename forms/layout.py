"""The printed grid of a table: every cell with its position, spans and role.

The .docx and .xlsx writers, the print renderer and the on-screen form all draw a table from this
one grid, so merged headers and label columns are the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .edition import Node, Table

ROLES = ("corner", "header", "label", "unit", "value", "blank")


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    role: str                    # one of ROLES
    text: str = ""               # labels and headers; empty for values
    rowspan: int = 1
    colspan: int = 1
    cell_id: str | None = None   # value cells: the report cell shown here
    computed: bool = False
    level: int = 0               # labels: depth in the label hierarchy (indent in list tables)


@dataclass
class Grid:
    table: Table
    n_rows: int
    n_cols: int
    header_rows: int             # rows to repeat on each printed page
    label_cols: int              # leading columns that hold labels (and units)
    widths: tuple[float, ...]    # relative column widths, summing to 1
    cells: list[GridCell] = field(default_factory=list)
    _index: dict = field(default_factory=dict, repr=False)

    def at(self, row: int, col: int) -> GridCell | None:
        """The cell covering a position (the top-left cell of a merged range covers all of it)."""
        return self._index.get((row, col))

    def value_cells(self) -> list[GridCell]:
        return [c for c in self.cells if c.role == "value"]

    def position_of(self, cell_id: str) -> tuple[int, int] | None:
        for c in self.cells:
            if c.cell_id == cell_id:
                return c.row, c.col
        return None

    def merges(self) -> list[GridCell]:
        return [c for c in self.cells if c.rowspan > 1 or c.colspan > 1]

    def _add(self, cell: GridCell) -> None:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                if (r, c) in self._index:
                    raise ValueError(f"表格 {self.table.id} 的单元格 ({r}, {c}) 重叠")
                self._index[(r, c)] = cell
        self.cells.append(cell)


def _leaves_under(nodes: tuple[Node, ...], index: int) -> list[Node]:
    node = nodes[index]
    if node.is_value:
        return [node]
    out = []
    for n in nodes[index + 1:]:
        if n.level <= node.level:
            break
        if n.is_value:
            out.append(n)
    return out


def _normalised(widths, n: int) -> tuple[float, ...]:
    if len(widths) != n or not all(w > 0 for w in widths):
        widths = [1.0] * n
    total = float(sum(widths))
    return tuple(w / total for w in widths)


def _matrix(table: Table) -> Grid:
    label_cols = table.label_columns
    value_cols = [c for c in table.columns if c.is_value]
    value_rows = [r for r in table.rows if r.is_value]
    header_rows = max(c.level for c in table.columns) + 1
    grid = Grid(table, header_rows + len(value_rows), label_cols + len(value_cols), header_rows,
                label_cols, _normalised(table.widths, label_cols + len(value_cols)))
    if label_cols:
        grid._add(GridCell(0, 0, "corner", table.corner, rowspan=header_rows, colspan=label_cols))
    col_index = {c.key: label_cols + i for i, c in enumerate(value_cols)}
    for i, col in enumerate(table.columns):
        leaves = _leaves_under(table.columns, i)
        if not leaves:
            continue
        rowspan = header_rows - col.level if col.is_value else 1
        grid._add(GridCell(col.level, col_index[leaves[0].key], "header", col.label,
                           rowspan=rowspan, colspan=len(leaves), level=col.level))
    row_index = {r.key: header_rows + i for i, r in enumerate(value_rows)}
    for i, row in enumerate(table.rows):
        leaves = _leaves_under(table.rows, i)
        if not leaves or not label_cols:
            continue
        colspan = label_cols - row.level if row.is_value else 1
        grid._add(GridCell(row_index[leaves[0].key], row.level, "label", row.label,
                           rowspan=1 if row.is_value else len(leaves), colspan=colspan, level=row.level))
    for row in value_rows:
        for col in value_cols:
            spec = table.cell(row.key, col.key)
            grid._add(GridCell(row_index[row.key], col_index[col.key], "value",
                               cell_id=spec.id, computed=spec.computed))
    return grid


def _blocks(table: Table) -> Grid:
    n_cols = 1 + table.value_columns
    n_rows = sum(2 + len(b.rows) for b in table.blocks)
    grid = Grid(table, n_rows, n_cols, 0, 1, _normalised(table.widths, n_cols))
    r = 0
    for block in table.blocks:
        grid._add(GridCell(r, 0, "header", block.label, colspan=n_cols))
        grid._add(GridCell(r + 1, 0, "header", block.header))
        c = 1
        for col in block.columns:
            grid._add(GridCell(r + 1, c, "header", col.label + (f"（单位：{col.unit}）" if col.unit else ""),
                               colspan=col.span))
            c += col.span
        r += 2
        for row in block.rows:
            grid._add(GridCell(r, 0, "label", row.label, level=1))
            c = 1
            for col in block.columns:
                spec = table.cell(row.key, col.key)
                grid._add(GridCell(r, c, "value", colspan=col.span, cell_id=spec.id, computed=spec.computed))
                c += col.span
            r += 1
    return grid


def _list(table: Table) -> Grid:
    value_cols = [c for c in table.columns if c.is_value]
    n_cols = 2 + len(value_cols)
    grid = Grid(table, 1 + len(table.rows), n_cols, 1, 2, _normalised(table.widths, n_cols))
    grid._add(GridCell(0, 0, "header", table.label_header))
    grid._add(GridCell(0, 1, "header", table.unit_header))
    for j, col in enumerate(value_cols):
        grid._add(GridCell(0, 2 + j, "header", col.label))
    for i, row in enumerate(table.rows, start=1):
        grid._add(GridCell(i, 0, "label", row.label, level=row.level))
        grid._add(GridCell(i, 1, "unit", row.unit if row.is_value and row.unit else "——"))
        for j, col in enumerate(value_cols):
            spec = table.cell(row.key, col.key) if row.is_value else None
            if spec is None:
                grid._add(GridCell(i, 2 + j, "blank"))
            else:
                grid._add(GridCell(i, 2 + j, "value", cell_id=spec.id, computed=spec.computed))
    return grid


_BUILDERS = {"matrix": _matrix, "blocks": _blocks, "list": _list}
_cache: dict[int, Grid] = {}


def grid_of(table: Table) -> Grid:
    """The grid of a table (cached: editions are immutable once loaded)."""
    grid = _cache.get(id(table))
    if grid is None or grid.table is not table:
        grid = _BUILDERS[table.layout](table)
        _cache[id(table)] = grid
    return grid
