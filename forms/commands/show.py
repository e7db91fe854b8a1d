"""nianbao show: every cell of a report, as text or as JSON (see forms/tablejson.py)."""

from __future__ import annotations

import json
from pathlib import Path

from ..cli import EXIT_OK
from ..numbers import format_number
from ..storage import read_report
from ..tablejson import cell_records

NAME = "show"
HELP = "列出年报的全部单元格"


def configure(parser) -> None:
    parser.add_argument("file", help="年报文件（.nianbao）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出（可由 nianbao import 读回）")


def run(args) -> int:
    report, _ = read_report(Path(args.file))
    if args.json:
        print(json.dumps(cell_records(report), ensure_ascii=False, indent=1))
        return EXIT_OK
    print(f"{report.meta.effective_title}（{report.edition.name}）")
    for table in report.edition.tables:
        print(f"\n{table.name} {table.title}")
        for cell in table.cells:
            row = " / ".join(p for p in cell.row.path if p)
            col = "" if table.layout == "list" else " / ".join(cell.column.path)
            value = format_number(report.value(cell.id), cell.kind)
            mark = "（合计）" if cell.computed else ""
            unit = f" {cell.unit}" if cell.unit else ""
            print(f"  {row}{' | ' + col if col else ''}：{value or '（空白）'}{unit}{mark}")
    return EXIT_OK
