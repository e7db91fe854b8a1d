"""nianbao import: a new report from an .xlsx workbook or from ``nianbao show --json``.

Exit 0: every value was placed; 1: saved, but there are notes a clerk must look at (values not
placed, rows not found, totals or labels that differ, blanks); 2: the source cannot be used.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ..cli import UsageError, check_output, refuse_output_among_inputs, write_new_report
from ..edition import available_editions, default_edition_for
from ..importer import NOTE_KINDS, ImportRefused, import_file, import_text
from ..report import ReportError, validate_meta

NAME = "import"
HELP = "从统计表（.xlsx）或 nianbao show --json 的输出导入数值，生成年报文件"
SHOWN_PER_KIND = 40     # a blank table has hundreds of blanks: the first ones say enough
KIND_ORDER = ("total", "label", "unplaced", "ambiguous", "missing", "blank", "info")


def configure(parser) -> None:
    parser.add_argument("source", help="统计表文件（.xlsx），或 nianbao show --json 的输出（.json；“-”为标准输入）")
    parser.add_argument("--edition", help="版式（2021、2019、2014…；默认按年度选择）")
    parser.add_argument("--year", required=True, help="报告年度，如 2025")
    parser.add_argument("--unit", required=True, help="机关全称")
    parser.add_argument("-o", "--output", required=True, help="保存为（.nianbao）")
    parser.add_argument("--force", action="store_true", help="覆盖已有文件")
    parser.add_argument("--sheet", action="append", metavar="工作表", help="只读取这个工作表（可重复）")


def run(args) -> int:
    try:
        year, unit = validate_meta("year", args.year), validate_meta("agency", args.unit)
    except ReportError as exc:
        raise UsageError(str(exc)) from None
    if not unit:
        raise UsageError("机关全称不能为空")
    edition = args.edition or default_edition_for(year)
    if edition not in available_editions():
        raise UsageError(f"没有名为“{edition}”的版式（可用：{'、'.join(available_editions())}）")
    if args.source != "-":
        refuse_output_among_inputs(args.output, [args.source])
    check_output(args.output, args.force)   # before the work, not after it
    started = time.monotonic()
    try:
        if args.source == "-":
            text = sys.stdin.buffer.read().decode("utf-8-sig", errors="replace")
            result = import_text(text, edition, year, unit, "标准输入")
        elif Path(args.source).suffix.lower() == ".nianbao":
            raise UsageError(f"“{args.source}”已是年报文件，不需要导入；可直接用 nianbao check、"
                             "nianbao export 或在桌面程序中打开它")
        elif Path(args.source).is_dir():
            raise UsageError(f"“{args.source}”是一个文件夹，请写出统计表文件（.xlsx）的名字")
        elif not Path(args.source).is_file():
            raise UsageError(f"找不到文件“{args.source}”")
        else:
            result = import_file(Path(args.source), edition, year, unit, args.sheet)
    except ImportRefused as exc:
        raise UsageError(str(exc)) from None
    for hint in result.hints:       # it explains the notes below: said first
        print(f"【{NOTE_KINDS['info']}】{hint}")
    print_notes(result.notes)
    write_new_report(result.report, args.output, args.force)
    tables = "、".join(f.split("：")[0] for f in result.found)
    print(f"已导入 {result.placed} 个数值{f'（{tables}）' if tables else ''}，保存为 {args.output}"
          f"（用时 {time.monotonic() - started:.1f} 秒）")
    problems = len(result.problems)
    if problems:
        print(f"有 {problems} 处需要核对（见上）；可用 nianbao check {args.output} 查看勾稽关系")
    return result.exit_code


def print_notes(notes) -> None:
    for kind in KIND_ORDER:
        group = [n for n in notes if n.kind == kind]
        for note in group[:SHOWN_PER_KIND]:
            print(note)
        if len(group) > SHOWN_PER_KIND:
            print(f"【{NOTE_KINDS[kind]}】……另有 {len(group) - SHOWN_PER_KIND} 条")
