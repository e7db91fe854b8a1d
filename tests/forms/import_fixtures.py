"""Workbooks laid out the way agencies lay out their tables, for the import tests.

Built with openpyxl from the real values of Pingtan's 2024 report (tests/data), with the
official labels written out here, not taken from the edition files: the importer must find them.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

DATA = Path(__file__).resolve().parents[1] / "data" / "pingtan-2024-report.json"
T3_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
T3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T4_GROUPS = ["行政复议", "未经复议直接起诉", "复议后起诉"]
T4_LEAVES = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def full_report(edition: str, year: int):
    """A report of an edition with a value of its own in every typed cell (negative where the
    edition allows it, decimals in 万元), so that a value put in the wrong cell shows."""
    from forms.report import Report
    report = Report.new(edition, year, "测试机关")
    for i, cell in enumerate(report.edition.input_cells()):
        if cell.kind == "money":
            value = Decimal(i) + Decimal("0.25")
        elif cell.kind == "signed":
            value = -i
        else:
            value = i + 1
        report.set_value(cell.id, value)
    return report


def pingtan() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def t3_rows(data: dict | None = None) -> list[tuple[list[str], list]]:
    """(label path, 7 values) for each row of 表三, as published."""
    data = data or pingtan()
    return [(list(r["path"]), [r["values"][c] for c in T3_COLUMNS]) for r in data["table_3"]["rows"]]


def t4_values(data: dict | None = None) -> list:
    data = data or pingtan()
    t4 = data["table_4"]
    out = []
    for key in ("行政复议", "行政诉讼 / 未经复议直接起诉", "行政诉讼 / 复议后起诉"):
        out.extend(t4[key][leaf] for leaf in T4_LEAVES)
    return out


def t2_blocks(data: dict | None = None) -> list[tuple[str, list[str], list[tuple[str, list]]]]:
    """(block label, column labels, [(row label, values)]) for each block of 表二."""
    data = data or pingtan()
    out = []
    for block, rows in data["table_2"].items():
        columns = list(next(iter(rows.values())).keys())
        out.append((block, columns, [(label, list(v.values())) for label, v in rows.items()]))
    return out


def _put(ws, r: int, c: int, value, r2: int | None = None, c2: int | None = None):
    ws.cell(row=r, column=c, value=value)
    if (r2 and r2 != r) or (c2 and c2 != c):
        ws.merge_cells(start_row=r, start_column=c, end_row=r2 or r, end_column=c2 or c)


def number(value, style: str = "number"):
    """A value as a clerk's sheet may hold it: a number, text, full-width text."""
    if value is None or isinstance(value, str) or style == "number":
        return value
    text = str(value)
    if style == "fullwidth":
        return text.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))
    return text


def write_t3_header(ws, top: int, left: int, columns: list[str] | None = None) -> int:
    """The three header rows of 表三 with their merges; returns the first body row."""
    columns = columns or T3_COLUMNS
    _put(ws, top, left, T3_CORNER, top + 2, left + 2)
    _put(ws, top, left + 3, "申请人情况", None, left + 9)
    _put(ws, top + 1, left + 3, columns[0], top + 2)
    _put(ws, top + 1, left + 4, "法人或其他组织", None, left + 8)
    for i, label in enumerate(columns[1:6]):
        _put(ws, top + 2, left + 4 + i, label)
    _put(ws, top + 1, left + 9, columns[6], top + 2)
    return top + 3


def write_t3_body(ws, top: int, left: int, rows, style: str = "number", merge: bool = True) -> int:
    """Body rows of 表三 with the label columns merged as in the template; returns the next row."""
    r = top
    groups: dict[tuple, list[int]] = {}
    for path, values in rows:
        if len(path) == 1:
            _put(ws, r, left, path[0], None, left + 2 if merge else None)
        else:
            groups.setdefault((path[0],), []).append(r)
            if len(path) == 2:
                _put(ws, r, left + 1, path[1], None, left + 2 if merge else None)
            else:
                groups.setdefault((path[0], path[1]), []).append(r)
                ws.cell(row=r, column=left + 2, value=path[2])
        for j, v in enumerate(values):
            ws.cell(row=r, column=left + 3 + j, value=number(v, style))
        r += 1
    for key, members in groups.items():
        col = left + len(key) - 1
        if merge:
            _put(ws, members[0], col, key[-1], members[-1])
        else:
            ws.cell(row=members[0], column=col, value=key[-1])
    return r


def write_t4(ws, top: int, left: int, values: list, groups: list[str] | None = None) -> int:
    groups = groups or T4_GROUPS
    _put(ws, top, left, groups[0], None, left + 4)
    _put(ws, top, left + 5, "行政诉讼", None, left + 14)
    for i, leaf in enumerate(T4_LEAVES):
        _put(ws, top + 1, left + i, leaf, top + 2)
    for g, group in enumerate(groups[1:]):
        start = left + 5 + 5 * g
        _put(ws, top + 1, start, group, None, start + 4)
        for i, leaf in enumerate(T4_LEAVES):
            ws.cell(row=top + 2, column=start + i, value=leaf)
    for i, v in enumerate(values):
        ws.cell(row=top + 3, column=left + i, value=v)
    return top + 4


def write_t2(ws, top: int, left: int, blocks) -> int:
    r = top
    for block, columns, rows in blocks:
        _put(ws, r, left, block, None, left + 3)
        ws.cell(row=r + 1, column=left, value="信息内容")
        if len(columns) == 1:
            _put(ws, r + 1, left + 1, columns[0], None, left + 3)
        else:
            for j, label in enumerate(columns):
                ws.cell(row=r + 1, column=left + 1 + j, value=label)
        r += 2
        for label, values in rows:
            ws.cell(row=r, column=left, value=label)
            if len(values) == 1:
                _put(ws, r, left + 1, values[0], None, left + 3)
            else:
                for j, v in enumerate(values):
                    ws.cell(row=r, column=left + 1 + j, value=v)
            r += 1
    return r


def title(ws, r: int, c: int, text: str, width: int) -> None:
    _put(ws, r, c, text, None, c + width - 1)


def pingtan_workbook(path: Path) -> Path:
    """Pingtan's tables as an agency would keep them: one sheet per table, titles above, tables
    not at A1, merged headers and label columns."""
    wb = Workbook()
    ws = wb.active
    ws.title = "表二"
    title(ws, 1, 1, "平潭综合实验区2024年度政府信息公开工作年度报告", 4)
    title(ws, 2, 1, "二、主动公开政府信息情况", 4)
    write_t2(ws, 4, 1, t2_blocks())
    ws = wb.create_sheet("表三")
    title(ws, 2, 2, "三、收到和处理政府信息公开申请情况", 10)
    body = write_t3_header(ws, 4, 2)
    write_t3_body(ws, body, 2, t3_rows())
    ws = wb.create_sheet("表四")
    title(ws, 1, 1, "四、政府信息公开行政复议、行政诉讼情况", 15)
    write_t4(ws, 3, 1, t4_values())
    wb.save(path)
    return path


def cell_of(ws, text: str) -> str:
    """The address of the first cell holding text (to name places in assertions)."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return f"{get_column_letter(cell.column)}{cell.row}"
    raise KeyError(text)


def write_list(ws, top: int, left: int, report, indent: str = "　", units: bool = True) -> int:
    """A 2014-style list table: 统计指标 (indented by level) / 单位 / 统计数, headings marked ——."""
    table = report.edition.tables[0]
    ws.cell(row=top, column=left, value="统 计 指 标")
    if units:
        ws.cell(row=top, column=left + 1, value="单位")
    ws.cell(row=top, column=left + 1 + units, value="统计数")
    r = top + 1
    for row in table.rows:
        ws.cell(row=r, column=left, value=indent * row.level + row.label)
        if units:
            ws.cell(row=r, column=left + 1, value=row.unit if row.is_value else "——")
        if row.is_value:
            value = report.value(table.cell(row.key, "v").id)
            ws.cell(row=r, column=left + 1 + units, value=float(value) if value is not None and not isinstance(value, int) else value)
        r += 1
    return r
