"""One table of an edition, found in a sheet by its labels.

Rows are found by the labels of the edition's rows (the group labels beside or above them tell
repeated labels apart), columns by the header labels above them, and a value is taken only where
a found row meets a found column.  A table may start anywhere, under a title, in several parts
(each under its own header); several tables may share a sheet.  A part must look like a table and
not like a register that happens to use the same words.  Every number inside a part that fits no
row or column is reported, and so is every official row or column that was not found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial

from ..edition import Edition, EditionError, Table, available_editions, get_edition
from ..numbers import NumberError
from .labels import EXACT, Axis, Entry, Match, column_axes, normalise, row_axis
from .result import Collector, is_blank_mark, parse_cell_value
from .view import VALUE_KINDS, RowLabel, View

GAP = 3            # rows without a label of the table allowed inside one part of it
BAND_ROWS = 8      # how far above a part its header rows may start
BELOW = 3          # rows below a header in which a table without row labels has its values
VALUE_COLUMN_ROWS = 60   # how far above a cell its column header may be (表三 is 28 rows)
# 「元」 as a 单位 cell, or 「（单位：元）」「（元）」 in a label: the amount is in 元, not the template's 万元.
_IN_YUAN = re.compile(r"^\s*元\s*$|[（(]\s*(?:单位\s*[:：]\s*)?元\s*[)）]")


@dataclass
class _Row:
    r: int
    match: Match
    leaf_col: int
    context: set[str]          # keys of the group labels written in the row itself
    entry: Entry | None = None


@dataclass
class _ColumnMap:
    """Sheet column → column of the table, and the notes to give if the part is taken."""
    columns: dict[int, Entry] = field(default_factory=dict)
    notes: list = field(default_factory=list)      # callables: nothing is said about a non-table

    def say(self) -> None:
        for note in self.notes:
            note()
        self.notes = []


@dataclass
class _Part:
    rows: list[_Row] = field(default_factory=list)
    band: list[int] = field(default_factory=list)
    maps: dict[int, _ColumnMap] = field(default_factory=dict)   # axis index → its columns

    @property
    def first(self) -> int:
        return self.rows[0].r

    @property
    def last(self) -> int:
        return self.rows[-1].r


class TableFinder:
    def __init__(self, table: Table, collector: Collector):
        self.table = table
        self.out = collector
        self.rows = row_axis(table)
        self.axes = column_axes(table)
        self.parts: list[str] = []                  # where each part was found
        self.found_rows: set[str] = set()
        self.found_cols: dict[int, set[str]] = {}   # axis index → column keys found
        self.row_blocks: set[int] = set()           # axes whose rows were found
        self.split: dict[str, str] = {}             # sub-row key → its group's label, written as one row
        self.unlabelled = all(not r.label for r in table.rows if r.is_value)
        self._stray: dict[int, list[tuple[int, str]]] = {}   # column → (row, 「“…”行」) of numbers under no header

    # ------------------------------------------------------------------ scanning a sheet

    def scan(self, view: View, claimed: set[int]) -> None:
        if self.unlabelled:
            self._scan_by_header(view, claimed)
            return
        body, headers = {}, set()
        for r in view.rows:
            label = self._label(view, r)
            hits = self._column_hits(view, r)
            match = self.rows.match(label.leaf) if label.leaf else None
            if match and not (hits >= 2 and not view.has_values(r)):
                body[r] = _Row(r, match, label.leaf_col, self._context(label))
            elif hits:
                headers.add(r)
        for part in self._parts(view, body, headers):
            self._fuzzy_rows(view, part, body, headers)
            part.band = self._band(view, part.first, headers, body)
            axes = {e.node.block if self.table.layout == "blocks" else 0
                    for row in part.rows for e in row.match.entries if e.is_value}
            part.maps = {i: self._column_map(view, part.band, i) for i in sorted(axes)}
            if self._plausible(part):
                for colmap in part.maps.values():
                    colmap.say()
                self._take(view, part, claimed, body)
                self._say_stray(view, part.band)

    @staticmethod
    def _plausible(part: _Part) -> bool:
        """A part of the table, not a ledger that happens to hold some of its words (「予以公开」 in
        every row of a register of applications): a table names each row once, and names at
        least three rows in full or has a header above that names its columns."""
        texts = [normalise(row.match.text) for row in part.rows]
        if len(texts) - len(set(texts)) > max(1, len(set(texts)) // 4):
            return False
        exact = {e.key for row in part.rows if row.match.quality == EXACT for e in row.match.entries}
        return len(exact) >= 3 or (len(exact) >= 1 and any(m.columns for m in part.maps.values()))

    def _column_hits(self, view: View, r: int) -> int:
        n = 0
        for c in view.cells(r):
            text = view.text(r, c)
            if text and any(axis.match(text) for axis in self.axes):
                n += 1
        return n

    def _label(self, view: View, r: int) -> RowLabel:
        """The row's label as the view sees it, unless its last text is no label of the table and
        the text before it names a row of values: then the last text stands where a value belongs
        (「约75件」「二十九」 in the first value column) and is reported as a value, not as the label."""
        label = view.row_label(r)
        if label.leaf and len(label.texts) >= 2 and self.rows.match(label.leaf, fuzzy=True) is None \
                and self._in_value_column(view, r, label.leaf_col):
            col, text = label.texts[-2]
            match = self.rows.match(text)
            if match and all(e.is_value for e in match.entries):
                return RowLabel(label.texts[:-1], col, text)
        return label

    def _in_value_column(self, view: View, r: int, c: int) -> bool:
        """Whether the cell stands under a column header of the table rather than in a column of
        row labels (a sub-row of another edition, 「1.申请人无正当理由…」 under 「（六）其他处理」):
        the first label found above it says which."""
        for above in range(r - 1, max(r - 1 - VALUE_COLUMN_ROWS, 0), -1):
            text = view.text(above, c)
            if not text:
                continue
            if any(axis.match(text) for axis in self.axes):
                return True
            if self.rows.match(text):
                return False
        return False

    def _context(self, label) -> set[str]:
        keys = set()
        for _, text in label.texts[:-1]:
            m = self.rows.match(text)
            if m:
                keys.update(e.key for e in m.entries)
        return keys

    def _parts(self, view: View, body: dict, headers: set[int]) -> list[_Part]:
        parts, current = [], None
        for r in sorted(set(body) | headers):
            if r in headers:
                current = None      # a header closes a part: what follows is under it
                continue
            if current is None or r - current.last > GAP + 1:
                current = _Part()
                parts.append(current)
            current.rows.append(body[r])
        return parts

    def _fuzzy_rows(self, view: View, part: _Part, body: dict, headers: set[int]) -> None:
        """Rows inside a part (or just around it, with values) whose label is a misspelt one."""
        start, end = part.first - GAP, part.last + GAP
        added = False
        for r in view.rows:
            if r < start or r > end or r in body or r in headers:
                continue
            inside = part.first < r < part.last
            if not inside and not view.has_values(r):
                continue
            label = self._label(view, r)
            if not label.leaf:
                continue
            match = self.rows.match(label.leaf, fuzzy=True)
            if match:
                body[r] = _Row(r, match, label.leaf_col, self._context(label))
                part.rows.append(body[r])
                added = True
        if added:
            part.rows.sort(key=lambda row: row.r)

    def _band(self, view: View, first: int, headers: set[int], body: dict) -> list[int]:
        band, skipped = [], 0
        for r in range(first - 1, max(first - 1 - BAND_ROWS, 0), -1):
            if r in headers:
                band.append(r)
                continue
            if band or r in body:
                break
            skipped += 1
            if skipped > 2:
                break
        return sorted(band)

    # ------------------------------------------------------------------ columns

    def _column_map(self, view: View, band: list[int], axis_index: int) -> _ColumnMap:
        axis = self.axes[axis_index]
        columns = sorted({c for r in band for c in view.cells(r)})
        out = _ColumnMap()
        for c in columns:
            path: list[tuple[Match, int]] = []
            for r in band:
                text = view.text(r, c) or _spanning(view, r, c, axis, band)
                if not text:
                    continue
                m = axis.match(text, fuzzy=True)
                if m and not (path and path[-1][0].entries == m.entries):
                    path.append((m, r))
            leaf = next(((m, r) for m, r in reversed(path) if any(e.is_value for e in m.entries)), None)
            if leaf is None:
                continue
            m, r = leaf
            context = {e.key for other, _ in path if other is not m for e in other.entries}
            values = Match(tuple(e for e in m.entries if e.is_value), m.quality, m.text)
            chosen = axis.resolve(values, context)
            if len(chosen) > 1:
                out.notes.append(partial(
                    self.out.note, "ambiguous", view.where(r, c),
                    f"{self.table.name}：列标题“{m.text.strip()}”可能是"
                    f"{'、'.join(_path_text(axis, e) for e in chosen)}，无法确定，此列未导入"))
                continue
            out.columns[c] = chosen[0]
            for found, row, entry in [(m, r, chosen[0])] + [(o, orow, o.entries[0]) for o, orow in path
                                                             if o is not m and len(o.entries) == 1]:
                if not found.faithful:
                    out.notes.append(partial(self.out.label, entry.published_key, entry.label, found.text,
                                             view.where(row, c), f"{self.table.name}的列"))
        return out

    # ------------------------------------------------------------------ values

    def _take(self, view: View, part: _Part, claimed: set[int], body: dict) -> None:
        table = self.table
        self.parts.append(view.where(part.first, part.rows[0].leaf_col))
        claimed.update(range(min(part.band, default=part.first), part.last + 1))
        stack: list[str] = []
        body_rows = {row.r for row in part.rows}
        present = {e for row in body.values() for e in row.match.entries}   # the sheet's rows, every part
        for row in part.rows:
            context = set(stack) | row.context
            chosen = self.rows.resolve(row.match, context)
            if len(chosen) > 1:
                self._unplaced_row(view, row.r, row.leaf_col,
                                   f"行标签“{row.match.text.strip()}”可能是"
                                   f"{'、'.join(_path_text(self.rows, e) for e in chosen)}，无法确定",
                                   ambiguous=True)
                continue
            entry = row.entry = chosen[0]
            level = len(entry.ancestors)
            del stack[level:]
            stack.append(entry.key)
            if not row.match.faithful:
                self.out.label(entry.published_key, entry.label, row.match.text,
                               view.where(row.r, row.leaf_col), f"{table.name}的行")
            if not entry.is_value:
                if view.has_values(row.r, row.leaf_col):
                    leaves = [e for e in self.rows.entries if e.is_value and entry.key in e.ancestors]
                    if leaves and entry.node is not None and not any(e in present for e in leaves):
                        self._one_row_group(view, row, entry, leaves, part)
                    else:
                        self._unplaced_row(view, row.r, row.leaf_col,
                                           f"“{entry.label}”是分组标题，格式中这一行没有数值（小计不导入）")
                continue
            axis_index = entry.node.block if table.layout == "blocks" else 0
            self._take_row(view, row, entry, axis_index, part.maps[axis_index].columns)
        last = part.last
        while last + 1 - part.last <= GAP and view.has_values(last + 1):
            last += 1       # rows of numbers right under the table (a 合计 row) belong to it
        claimed.update(range(part.last + 1, last + 1))
        for r in range(part.first, last + 1):
            if r not in body_rows and view.has_values(r):
                label = view.row_label(r)
                why = f"行标签“{label.leaf.strip()}”不是{table.name}的行" if label.leaf else "此行没有行标签"
                self._unplaced_row(view, r, label.leaf_col or 0, why)

    def _one_row_group(self, view: View, row: _Row, group: Entry, leaves: list[Entry], part: _Part) -> None:
        """A group of the edition written as one row of values without its sub-rows (2019's single
        「（六）其他处理」 row in a 2021 table): its numbers are the only ones the sheet has for those
        rows, not a subtotal.  A number cannot be shared out among the sub-rows, but a 0 can: sub-rows
        of non-negative counts that add up to 0 are each 0."""
        table, r = self.table, row.r
        names = "".join(f"“{e.label}”" for e in leaves)
        edition = self.out.edition.name.split("（")[0]
        other = _one_row_in(self.out.edition, table, group)
        said = (f"“{group.label}”在原表中是一行数值，没有分项" + (f"（{other}的排法）" if other else "")
                + f"；{edition}把它分为{names} {len(leaves)} 行")
        for leaf in leaves:
            self.split[leaf.key] = group.label
        axis_index = group.node.block if table.layout == "blocks" else 0
        colmap = part.maps[axis_index].columns
        zeros, numbers, first = [], [], None
        for c in view.cells(r):
            if c <= row.leaf_col or view.sheet.covered(r, c) or view.kind(r, c) not in VALUE_KINDS:
                continue
            raw = view.sheet.value(r, c)
            col = colmap.get(c)
            specs = [table.cell(leaf.node.key, col.node.key) for leaf in leaves] if col else []
            typed = [s for s in specs if not s.computed]
            if col and _is_zero(raw, specs[0]):
                for spec in typed:
                    self.out.offer(spec, raw, view.where(r, c), derived=True)
                zeros.append(col.label)
            elif not is_blank_mark(raw):
                numbers.append(f"{col.label if col else view.where(r, c).rsplit('!', 1)[1]} {raw}")
                if first is None:
                    first = (c, typed[0].id if typed else None)
        if numbers:
            self.out.note("unplaced", view.where(r, first[0]),
                          f"{table.name}：{said}。原表这一行的数值（{'、'.join(numbers)}）无法确定属于哪一行，"
                          f"未导入；请按实际情况在这 {len(leaves)} 行中手工填写（各行之和应等于原表这一行的数）",
                          first[1])
        if zeros and numbers:
            self.out.note("info", view.where(r, row.leaf_col),
                          f"{table.name}：原表“{group.label}”一行中“{'”“'.join(zeros)}”栏为 0，它的 {len(leaves)} 行"
                          "分项的这些栏已都填为 0（各行之和为 0，每行只能是 0）")
        elif zeros:
            self.out.note("info", view.where(r, row.leaf_col),
                          f"{table.name}：{said}。原表这一行各栏均为 0，这 {len(leaves)} 行已都填为 0"
                          "（各行之和为 0，每行只能是 0）")

    def _take_row(self, view: View, row: _Row, entry: Entry, axis_index: int, colmap: dict[int, Entry]) -> None:
        table = self.table
        self.found_rows.add(entry.key)
        self.row_blocks.add(axis_index)
        axis = self.axes[axis_index]
        r = row.r
        if not colmap:
            singles = [e for e in axis.entries if e.is_value]
            if len(singles) == 1:   # one value column (统计数): the row label alone says where
                self._take_single(view, row, entry, singles[0], axis_index)
                return
        by_column: dict[str, list[int]] = {}
        for c, col in colmap.items():
            if c > row.leaf_col and not view.sheet.covered(r, c):
                by_column.setdefault(col.key, []).append(c)
        for col_key, cols in by_column.items():
            col = axis.by_key[col_key]
            spec = table.cell(entry.node.key, col.node.key)
            self.found_cols.setdefault(axis_index, set()).add(col_key)
            filled = [c for c in cols if view.sheet.value(r, c) is not None]
            for c in filled or cols[:1]:
                self._offer(view, spec, r, c)
        for c, col in colmap.items():
            # A column whose cell in this row lies under a merged range that starts in another
            # value cell (zeros merged into one): it has no value of its own.
            if c > row.leaf_col and col.key not in by_column and view.sheet.covered(r, c):
                anchor = view.sheet.anchor[(r, c)]
                if anchor[1] > row.leaf_col:
                    by_column[col.key] = [c]
                    spec = table.cell(entry.node.key, col.node.key)
                    self.found_cols.setdefault(axis_index, set()).add(col.key)
                    self.out.note("blank", view.where(r, c),
                                  f"{spec.where}：与 {view.where(*anchor).rsplit('!', 1)[1]} 合并为一个单元格"
                                  f"（{_showing(view.sheet.shown(r, c))}），无法确定此格的数值，按空白导入", spec.id)
        for c in view.cells(r):
            if c > row.leaf_col and c not in colmap and view.kind(r, c) in ("number", "bad") \
                    and not view.sheet.covered(r, c):
                which = f"“{entry.label}”行" if entry.label else "数值行"     # 表四's row has no label
                self._stray.setdefault(c, []).append((r, which))

    def _say_stray(self, view: View, band: list[int]) -> None:
        """The numbers of a part in columns that are none of the table's: one note a column when it
        holds several (a 「合计」 column beside 表三 is one thing to read, not 25), naming its header."""
        table = self.table
        for c, cells in sorted(self._stray.items()):
            r, which = cells[0]
            above = list(reversed(band)) or range(r - 1, max(r - 1 - BAND_ROWS, 0), -1)
            header = next((view.text(x, c).strip() for x in above if view.text(x, c)), None)
            why = f"的列标题“{header}”不是本表的列" if header else "没有本表的列标题"
            if len(cells) == 1:
                self.out.note("unplaced", view.where(r, c),
                              f"{table.name}{which}中的“{view.sheet.value(r, c)}”所在列{why}，未导入")
            else:
                first, last = (view.where(x, c).rsplit("!", 1)[1] for x in (r, cells[-1][0]))
                self.out.note("unplaced", view.where(r, c),
                              f"{table.name}：{first}至{last}这一列的 {len(cells)} 个数字未导入，所在列{why}")
        self._stray = {}

    def _take_single(self, view: View, row: _Row, entry: Entry, col: Entry, axis_index: int) -> None:
        r = row.r
        spec = self.table.cell(entry.node.key, col.node.key)
        cols = [c for c in view.cells(r) if c > row.leaf_col and not view.sheet.covered(r, c)
                and view.kind(r, c) in VALUE_KINDS]
        self.found_cols.setdefault(axis_index, set()).add(col.key)
        if len(cols) > 1:
            for c in cols:
                self.out.note("unplaced", view.where(r, c),
                              f"{spec.where}：此行有多个数字，而表头中没有“{col.label}”这一列，"
                              "无法确定是哪一个，未导入")
            return
        c = cols[0] if cols else row.leaf_col + 1
        self._offer(view, spec, r, c)

    def _offer(self, view: View, spec, r: int, c: int) -> None:
        value = view.sheet.value(r, c)
        if spec.kind == "money" and not is_blank_mark(value) and value != 0 and self._in_yuan(view, r, c):
            # read as 万元 it would be ten thousand times too large: left for the clerk to convert
            self.out.note("unplaced", view.where(r, c), f"{spec.where}：“{value}”未导入：原表注明单位是元，"
                          "本栏以万元计，请换算成万元（元数除以 10000）后填写", spec.id)
            return
        self.out.offer(spec, value, view.where(r, c))

    @staticmethod
    def _in_yuan(view: View, r: int, c: int) -> bool:
        """Whether the row (a 单位 cell, its label) or the nearest header text above the value
        says 元."""
        if any(_IN_YUAN.search(view.text(r, x) or "") for x in view.cells(r) if x < c):
            return True
        for above in range(r - 1, max(r - 1 - BAND_ROWS, 0), -1):
            text = view.text(above, c)
            if text:
                return bool(_IN_YUAN.search(text))
        return False

    def _unplaced_row(self, view: View, r: int, after: int, why: str, ambiguous: bool = False) -> None:
        numbers = [c for c in view.cells(r) if c > after and view.kind(r, c) in ("number", "bad")
                   and not view.sheet.covered(r, c)]
        for c in numbers:
            self.out.note("unplaced", view.where(r, c), f"{self.table.name}：“{view.sheet.value(r, c)}”未导入：{why}")
        if ambiguous and not numbers:
            self.out.note("ambiguous", view.where(r, after or 1), f"{self.table.name}：{why}")

    # ------------------------------------------------------------------ tables without row labels

    def _scan_by_header(self, view: View, claimed: set[int]) -> None:
        """表四: one row of values under a header; the header alone identifies the table."""
        headers = [r for r in view.rows if self._column_hits(view, r)]
        bands, current = [], []
        for r in headers:
            if current and r - current[-1] > 1:
                bands.append(current)
                current = []
            current.append(r)
        if current:
            bands.append(current)
        entry = next(e for e in self.rows.entries if e.is_value)
        for band in bands:
            labels = {normalise(view.text(r, c)) for r in band for c in view.cells(r)
                      if view.text(r, c) and self.axes[0].match(view.text(r, c))}
            if len(labels) < 3:     # 表三's 「总计」 alone is not 表四
                continue
            found = self._column_map(view, band, 0)
            found.say()             # three of its header labels: this is the table's header
            colmap = found.columns
            if len({e.key for e in colmap.values()}) < 2:
                r = next((r for r in range(band[-1] + 1, band[-1] + 1 + BELOW) if view.has_values(r)), None)
                if r is not None:
                    claimed.update(range(band[0], r + 1))
                    self._unplaced_row(view, r, 0, f"{self.table.name}的列标题无法确定")
                continue
            below = [r for r in range(band[-1] + 1, band[-1] + 1 + BELOW)
                     if any(view.kind(r, c) in VALUE_KINDS for c in colmap)]
            r = below[0] if below else band[-1] + 1
            self.parts.append(view.where(band[0], min(colmap)))
            claimed.update(range(band[0], r + 1))
            row = _Row(r, Match((entry,), "exact", ""), min(colmap) - 1, set(), entry)
            self._take_row(view, row, entry, 0, colmap)
            self._say_stray(view, band)
            for extra in range(r + 1, r + 1 + BELOW):
                if not any(view.kind(extra, c) == "number" for c in colmap):
                    break
                claimed.add(extra)
                self._unplaced_row(view, extra, min(colmap) - 1, f"{self.table.name}只有一行数值")

    # ------------------------------------------------------------------ what was not found

    def report_missing(self) -> None:
        table, where = self.table, self.parts[0]
        for entry in self.rows.entries:
            if entry.is_value and entry.label and entry.key not in self.found_rows:
                why = (f"原表只有合在一起的“{self.split[entry.key]}”一行" if entry.key in self.split
                       else "该行各数值未导入")
                self.out.missing(entry.published_key, where,
                                 f"{table.name}中没有找到行“{_path_text(self.rows, entry)}”，{why}")
        for i, axis in enumerate(self.axes):
            if i not in self.row_blocks:
                continue
            for entry in axis.entries:
                if entry.is_value and entry.key not in self.found_cols.get(i, set()):
                    self.out.missing(entry.published_key, where,
                                     f"{table.name}中没有找到列“{_path_text(axis, entry)}”，该列各数值未导入")


def _is_zero(raw, spec) -> bool:
    try:
        return parse_cell_value(raw, spec) == 0
    except NumberError:
        return False


def _one_row_in(edition: Edition, table: Table, group: Entry) -> str:
    """The other official edition whose table has the group as one row of values (「2019年版格式」)."""
    key = normalise(group.label)
    for eid in available_editions():
        try:
            other = get_edition(eid)
        except EditionError:
            continue
        if other.id == edition.id:
            continue
        same = next((t for t in other.tables if t.id == table.id), None)
        if same and any(n.is_value and normalise(n.label) == key for n in same.rows):
            return other.name.split("（")[0]
    return ""


def _showing(value) -> str:
    return "空白" if value is None else f"显示“{value}”"


def _spanning(view: View, r: int, c: int, axis: Axis, band: list[int]) -> str | None:
    """The group label over an empty header cell when its merge was undone (「取消合并单元格」
    leaves the label in the first column only): the nearest text to the left in the same row, if
    it is a group of the table, nothing — no value, no merged range — stands between, the header
    row under the label starts with the group's first column, and the group has that many columns.
    A label typed over the middle of its columns is not stretched: its span cannot be known."""
    if (r, c) in view.sheet.values or view.sheet.covered(r, c):
        return None
    left = max((x for x in view.cells(r) if x < c), default=None)
    if left is None or view.sheet.covered(r, left) or (r, left) in view.sheet.merged:
        return None
    text = view.text(r, left)
    match = axis.match(text) if text else None
    if not match or any(e.is_value for e in match.entries):
        return None
    below = next((b for b in band if b > r), None)
    under = view.text(below, left) if below else None
    found = axis.match(under) if under else None
    for group in match.entries:
        children = [e for e in axis.entries if e.ancestors[-1:] == (group.key,)]
        leaves = [e for e in axis.entries if e.is_value and group.key in e.ancestors]
        if found and children and children[0] in found.entries and c - left < len(leaves):
            return text
    return None


def _path_text(axis: Axis, entry: Entry) -> str:
    labels = [axis.by_key[k].label for k in entry.ancestors if k in axis.by_key] + [entry.label]
    return " / ".join(label for label in labels if label)

