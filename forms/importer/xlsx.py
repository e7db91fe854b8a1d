"""Importing an edition's tables from any workbook (see finder.py for how a table is found).

The workbook is checked and read with limits (package.py, sheets.py); every table of the edition
is looked for on every sheet; numbers outside all tables are counted; and when another edition
would take clearly more of the values, the result says so.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..edition import Edition, EditionError, available_editions, get_edition
from .finder import TableFinder
from .result import Collector, ImportRefused, ImportResult
from .sheets import read_sheets
from .view import View


def import_xlsx(path, edition: Edition, year: int, agency: str = "",
                sheets: list[str] | None = None) -> ImportResult:
    path = Path(path)
    read, skipped = read_sheets(path, sheets)
    if not any(s.values for s in read):
        if skipped:     # nothing was read because reading stopped: say why
            raise ImportRefused(f"未能从“{path.name}”读出任何内容：{'；'.join(skipped)}")
        raise ImportRefused(f"“{path.name}”中没有任何内容（工作簿是空的）")
    units = {n.unit for e in _official_editions(edition) for t in e.tables for n in t.rows + t.columns if n.unit}
    views = [View(s, units) for s in read]
    collector = Collector(edition)
    for message in skipped:
        collector.note("info", path.name, message)
    claimed: dict[str, set[int]] = {v.name: set() for v in views}
    found = _find_tables(edition, views, collector, claimed, path.name)
    if not found:
        names = "、".join(t.name for t in edition.tables)
        hint = _better_edition(edition, views, 0)
        raise ImportRefused(f"在“{path.name}”中没有找到{edition.name}的统计表（{names}）；"
                            + (hint or "请确认所选版式与文件一致，且表格保留了格式中的行列标签"))
    for view in views:
        if not view.sheet.hidden or claimed[view.name]:
            _outside_numbers(view, claimed[view.name], collector)
        else:
            numbers = sum(1 for r in view.rows for c in view.cells(r) if view.kind(r, c) == "number")
            if numbers:
                collector.note("info", view.name, f"工作表“{view.name}”是隐藏的，其中的 {numbers} 个数字未读取"
                                                  "（在 Excel 中看不到它；需要时请取消隐藏后再导入）")
    result = collector.build(year, agency, str(path), found)
    if any(n.kind in ("unplaced", "missing") for n in result.notes):
        hint = _better_edition(edition, views, result.placed)
        if hint:
            result.hints.append(hint)
    stated = result.title_years = years_in_titles(read)
    if stated and year not in stated:
        result.hints.insert(0, f"表格标题写的是 {'、'.join(map(str, sorted(stated)))} 年度，现在导入为 {year} 年度的"
                               "报告；如果这是往年的表格，其中的数值不是本年度的，请逐项核对")
    return result


def _find_tables(edition: Edition, views: list[View], collector: Collector,
                 claimed: dict[str, set[int]], where: str = "") -> list[str]:
    found = []
    for table in edition.tables:
        finder = TableFinder(table, collector)
        for view in views:
            if not view.sheet.hidden:
                finder.scan(view, claimed[view.name])
        if not finder.parts:
            # A hidden sheet (last year's copy, a backup) is read only for a table the clerk's
            # visible sheets lack: numbers she cannot see must not override or contest hers.
            for view in views:
                if view.sheet.hidden:
                    finder.scan(view, claimed[view.name])
            if finder.parts:
                collector.note("info", finder.parts[0], f"{table.name}只在隐藏的工作表中找到，已从“"
                               f"{finder.parts[0].rsplit('!', 1)[0]}”导入（在 Excel 中看不到它，请核对）")
        if finder.parts:
            finder.report_missing()
            found.append(f"{table.name}：{'、'.join(finder.parts)}")
        else:
            collector.note("missing", where, f"没有找到{table.name}（{table.title}），该表未导入")
    return found


def _official_editions(edition: Edition) -> list[Edition]:
    out = [edition]
    for eid in available_editions():
        try:
            other = get_edition(eid)
        except EditionError:
            continue
        if other.id != edition.id:
            out.append(other)
    return out


def _better_edition(edition: Edition, views: list[View], placed: int) -> str:
    """When another edition takes clearly more of the workbook's values, say so: a 2019 table
    imported as 2021 loses its 表二 and the 其他处理 rows without any error of the clerk's own."""
    best, best_placed = None, placed
    for other in _official_editions(edition)[1:]:
        scratch = Collector(other)
        claimed = {v.name: set() for v in views}
        if _find_tables(other, views, scratch, claimed):
            n = scratch.build(other.years[0] or 2008, "", "").placed
            if n > best_placed * 1.1 + 2:
                best, best_placed = other, n
    if best is None:
        return ""
    return (f"这份表格更像“{best.name}”：按该版式可导入 {best_placed} 个数值，按所选的“{edition.name}”"
            f"只能导入 {placed} 个；请确认版式（命令行用 --edition {best.id}）")


# 「2024年度」「2024年政府信息公开工作年度报告」; not a date (「2025年1月20日」 is when it was filled in).
_STATED_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?:度|政府信息公开)")
TITLE_ROWS = 6          # a title stands above the table: the table's own labels say no year


def years_in_titles(sheets) -> frozenset[int]:
    """The years the titles above the tables state (「某镇2023年度政府信息公开工作年度报告」, an
    exported attachment's 「（2017年度）」), read in the first rows of each sheet."""
    return frozenset(int(y) for sheet in sheets for (r, _), value in sheet.values.items()
                     if r <= TITLE_ROWS and isinstance(value, str) for y in _STATED_YEAR.findall(value))


def _outside_numbers(view: View, rows: set[int], collector: Collector) -> None:
    stray = [(r, c) for r in view.rows if r not in rows for c in view.cells(r)
             if view.kind(r, c) == "number" and not view.sheet.covered(r, c)]
    if stray:
        collector.note("info", view.where(*stray[0]),
                       f"工作表“{view.name}”中另有 {len(stray)} 个数字不在任何统计表内，未导入")
