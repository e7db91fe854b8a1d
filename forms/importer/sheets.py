"""The cells of a workbook as sparse grids, read with fixed limits.

openpyxl's read-only mode streams a sheet without building it in memory, but it does not give the
merged ranges, which matter here (a label merged over 22 rows belongs to each of them).  So each
sheet is streamed with openpyxl's own sheet parser, stopping at the limits, and the merged ranges
are taken from the same pass.  Only values are kept (cached results of formulas, as the clerk saw
them; a formula saved without its result is kept as such, to be named).
"""

from __future__ import annotations

import re
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from .package import check_xlsx
from .result import ImportRefused, Uncalculated

MAX_ROW = 5000               # tables sit near the top; a ledger below them is not read
MAX_COL = 200
MAX_CELLS_PER_SHEET = 60_000
MAX_CELLS_TOTAL = 250_000
MAX_SHEETS = 100
MAX_MERGES = 5000
MAX_MERGED_CELLS = 200_000   # cells covered by merged ranges, all ranges together
READ_SECONDS = 5.0           # all sheets together; cell limits normally end reading far sooner


class _TimeUp(Exception):
    pass


class _Timed:
    """A part's stream that gives up once the reading time is spent (elements that are not
    cells — formats, links, validations — are parsed without passing the cell limits)."""

    def __init__(self, raw, deadline: float):
        self.raw, self.deadline = raw, deadline

    def read(self, n: int = -1) -> bytes:
        if time.monotonic() > self.deadline:
            raise _TimeUp()
        return self.raw.read(n)


@dataclass
class Sheet:
    name: str
    values: dict[tuple[int, int], object] = field(default_factory=dict)   # (row, col) → value, 1-based
    anchor: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # covered → top-left
    merged: dict[tuple[int, int], tuple[int, int, int, int]] = field(default_factory=dict)  # top-left → range
    truncated: str = ""          # why reading stopped early, if it did
    hidden: bool = False         # hidden in Excel (and not named by the clerk)

    def value(self, r: int, c: int):
        """The value written in the cell itself (None for a cell covered by a merged range)."""
        return self.values.get((r, c))

    def shown(self, r: int, c: int):
        """What the cell shows: a covered cell shows the top-left cell of its merged range."""
        return self.values.get(self.anchor.get((r, c), (r, c)))

    def covered(self, r: int, c: int) -> bool:
        return (r, c) in self.anchor

    def rows(self) -> list[int]:
        return sorted({r for r, _ in self.values} | {r for r, _ in self.anchor})


def address(r: int, c: int) -> str:
    from openpyxl.utils import get_column_letter
    return f"{get_column_letter(c)}{r}"


def read_sheets(path: Path, only: list[str] | None = None) -> tuple[list[Sheet], list[str]]:
    """The sheets of a workbook (checked first by check_xlsx), and notes on what was not read."""
    check_xlsx(path)
    name = Path(path).name
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")     # openpyxl warns in English about what it drops
        try:
            return _read_all(path, only)
        except ImportRefused:
            raise
        except MemoryError:
            raise ImportRefused(f"“{name}”过于庞大，内存不足以读取") from None
        except Exception as exc:  # noqa: BLE001 - whatever a damaged file makes openpyxl raise
            raise ImportRefused(f"“{name}”已损坏或不是标准的 .xlsx 工作簿，无法读取"
                                f"（{type(exc).__name__}：{str(exc)[:200]}）") from None


def _read_all(path: Path, only: list[str] | None) -> tuple[list[Sheet], list[str]]:
    from openpyxl import load_workbook
    wb = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    skipped: list[str] = []
    try:
        names = list(wb.sheetnames)
        unknown = [n for n in only or () if n not in names]
        if unknown:
            raise ImportRefused(f"工作簿中没有工作表“{'、'.join(unknown)}”（有：{'、'.join(names)}）")
        sheets, budget = [], MAX_CELLS_TOTAL
        deadline = time.monotonic() + READ_SECONDS
        for ws in wb.worksheets[:MAX_SHEETS]:
            if only and ws.title not in only:
                continue
            if budget <= 0:
                skipped.append(f"单元格总数超过 {MAX_CELLS_TOTAL} 个，工作表“{ws.title}”及其后的工作表未读取")
                break
            sheet, used = _read_sheet(wb, ws, budget, deadline)
            sheet.hidden = ws.sheet_state != "visible" and not only
            budget -= used
            if sheet.truncated:
                skipped.append(sheet.truncated)
            sheets.append(sheet)
        if len(wb.worksheets) > MAX_SHEETS:
            skipped.append(f"工作簿有 {len(wb.worksheets)} 个工作表，只读取了前 {MAX_SHEETS} 个")
        return sheets, skipped
    finally:
        wb.close()


def _read_sheet(wb, ws, budget: int, deadline: float) -> tuple[Sheet, int]:
    # openpyxl's read-only worksheet keeps its archive path and shared strings privately; the
    # parser is the one openpyxl itself uses for read-only sheets (openpyxl 3.1).
    sheet = Sheet(ws.title)
    with wb._archive.open(ws._worksheet_path) as src:
        parser = _parser_class()(_Timed(src, deadline), ws._shared_strings, data_only=True, epoch=wb.epoch,
                                  date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
        try:
            used = _parse(sheet, parser, min(MAX_CELLS_PER_SHEET, budget))
        except _TimeUp:
            sheet.truncated = f"读取工作表“{ws.title}”超过 {READ_SECONDS:.0f} 秒，其余部分未读取"
            used = budget
    if sheet.truncated and not sheet.merged:
        # The merged ranges come after the cells: a table above a long ledger still needs them.
        with wb._archive.open(ws._worksheet_path) as src:
            _merges(sheet, _merge_refs(src))
    return sheet, used


def _parser_class():
    """openpyxl's parser, but a formula without a saved result is not an empty cell."""
    from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

    class Parser(WorkSheetParser):
        def parse_cell(self, element):
            cell = super().parse_cell(element)
            # openpyxl writes an empty <v/> where Excel writes the result; an empty text result
            # (=IF(…,"",…)) is saved with t="str" and is a blank indeed.
            if cell["value"] is None and element.find(FORMULA_TAG) is not None \
                    and (element.find(VALUE_TAG) is None or element.get("t", "n") == "n"):
                cell["value"] = Uncalculated((element.findtext(FORMULA_TAG) or "").strip())
            return cell
    return Parser


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]{0,200}?\bref="([A-Za-z]{1,3}\d{1,7}:[A-Za-z]{1,3}\d{1,7})"')


def _merge_refs(src) -> list[str]:
    """The merged ranges of a sheet's XML, found by a plain search through it (its size was
    checked before), without parsing the cells again."""
    refs, tail = [], b""
    while len(refs) < MAX_MERGES:
        chunk = src.read(1024 * 1024)
        if not chunk:
            break
        window = tail + chunk
        last = 0
        for m in _MERGE.finditer(window):
            refs.append(m.group(1).decode("ascii"))
            last = m.end()
        tail = window[max(last, len(window) - 300):]
    return refs[:MAX_MERGES]


def _parse(sheet: Sheet, parser, limit: int) -> int:
    """Reads rows until a limit; the merged ranges come last in the file, so only a sheet read
    to its end has them.  Returns how many cells (empty ones too) were parsed."""
    used = 0
    for index, row in parser.parse():
        used += len(row) + 1
        if index > MAX_ROW:
            sheet.truncated = f"工作表“{sheet.name}”超过 {MAX_ROW} 行，其后的行未读取"
            return used
        if used > limit:
            sheet.truncated = f"工作表“{sheet.name}”单元格过多，只读取了前 {index - 1} 行"
            return used
        for cell in row:
            value = cell["value"]
            if value is None or cell["column"] > MAX_COL:
                continue
            if isinstance(value, str) and not value.strip():
                continue
            sheet.values[(cell["row"], cell["column"])] = value
    if parser.merged_cells:
        _merges(sheet, [m.ref for m in parser.merged_cells.mergeCell])
    return used


def _merges(sheet: Sheet, refs: list[str]) -> None:
    """Records merged ranges, clipped to the cells that were read (a range may cover a whole column)."""
    if not refs or not sheet.values:
        return
    max_r = max(r for r, _ in sheet.values) + 1
    max_c = max(c for _, c in sheet.values) + 1
    from openpyxl.utils.cell import range_boundaries
    room = MAX_MERGED_CELLS
    for ref in refs[:MAX_MERGES]:
        try:
            c0, r0, c1, r1 = range_boundaries(ref)
        except (TypeError, ValueError):
            continue
        r1, c1 = min(r1, max_r, MAX_ROW), min(c1, max_c, MAX_COL)
        if r1 < r0 or c1 < c0:
            continue
        room -= (r1 - r0 + 1) * (c1 - c0 + 1)
        if room < 0:
            sheet.truncated = f"工作表“{sheet.name}”的合并单元格过多，其余的合并区域未读取"
            return
        sheet.merged[(r0, c0)] = (r0, c0, r1, c1)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0) and (r, c) not in sheet.anchor:
                    sheet.anchor[(r, c)] = (r0, c0)
                    sheet.values.pop((r, c), None)   # Excel keeps no value under a merge
