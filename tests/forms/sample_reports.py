"""Reports the export tests draw: the demo (2014), the pingtan tables (2021) and a 2019 one.

The pingtan sample (tests/data/pingtan-2024-report.json) is read here by its labels, directly and
only for tests; the clerk's importer lives elsewhere.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from forms.report import Report

DATA = Path(__file__).resolve().parents[1] / "data"
PINGTAN = DATA / "pingtan-2024-report.json"

OPENING_2021 = ("本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开"
                "工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。本报告所列数据统计期限为{y}年1月1日至"
                "{y}年12月31日。如对本报告有疑问，请与平潭综合实验区管委会办公室联系（电话：0591-12345678）。")
SECTION_1 = ("（一）主动公开。全年通过政府网站主动公开政府信息12345条，其中政策文件62件。\n"
             "（二）依申请公开。全年新收政府信息公开申请218件，均按法定时限答复。\n"
             "1.规范办理流程。\n"
             "严格执行登记、审核、答复、归档流程。\n"
             "（1）登记环节\n"
             "（三）政府信息管理。开展文件合法性审查和保密审查。\n"
             "（四）平台建设。优化政府网站政府信息公开专栏。\n"
             "（五）监督保障。将政务公开纳入绩效考评。")
SECTION_5 = "一是公开质量有待提高。二是政策解读形式较为单一。下一步将加强培训，丰富解读形式。"


def _cell_for(edition, table_id: str, row_path: tuple[str, ...], col_path: tuple[str, ...]):
    for cell in edition.table(table_id).cells:
        row = tuple(p for p in cell.row.path if p)
        if row[-len(row_path):] == row_path and cell.column.path[-len(col_path):] == col_path:
            return cell
    raise KeyError((table_id, row_path, col_path))


def pingtan_report(edition: str = "2021", year: int = 2024) -> Report:
    data = json.loads(PINGTAN.read_text(encoding="utf-8"))
    report = Report.new(edition, year, "平潭综合实验区管理委员会")
    values = {}
    if edition == "2021":
        for block, rows in data["table_2"].items():
            for row, cols in rows.items():
                for col, value in cols.items():
                    cell = _cell_for(report.edition, "t2", (block, row), (col,))
                    values[cell.id] = Decimal(str(value)) if cell.kind == "money" else value
    else:   # the 2019 表二 has other blocks: plausible numbers, a negative 增/减 and 万元 decimals
        for i, cell in enumerate(c for c in report.edition.table("t2").cells if not c.computed):
            values[cell.id] = {"signed": -(i % 3), "money": Decimal("1234.56")}.get(cell.kind, 10 + i)
    columns = data["table_3"]["columns"]
    for row in data["table_3"]["rows"]:
        path = tuple(row["path"])
        if edition == "2019" and path[1:2] == ("（六）其他处理",):
            path = path[:2]
        for col in columns:
            cell = _cell_for(report.edition, "t3", path, (col,))
            if not cell.computed:
                values[cell.id] = values.get(cell.id, 0) + row["values"][col]
    for group, cols in data["table_4"].items():
        group_path = tuple(g.strip() for g in group.split("/"))
        for col, value in cols.items():
            cell = _cell_for(report.edition, "t4", (), group_path[-1:] + (col,))
            if not cell.computed:
                values[cell.id] = value
    report.set_many(values)
    report.set_text_of("opening", OPENING_2021.format(y=year))
    report.set_text_of("s1", SECTION_1)
    report.set_text_of("s2", "本年度主动公开情况见下表。")
    report.set_text_of("s5", SECTION_5)
    report.set_text_of("s6", data["section_6_text"])
    report.set_meta("issue_date", "2025-01-20")
    return report
