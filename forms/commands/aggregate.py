"""nianbao aggregate: the sub-units' reports summed into one (汇总).

Exit 0: every file was summed and nothing is amiss; 1: the total was written, but some files or
units need a look (unreadable, duplicated, of another year or edition, failing their checks, or
missing from the expected list) — each is listed; 2: nothing could be summed, the arguments are
unusable, or the year is not known (report files of several years, or spreadsheets whose titles
state none: --year says it), and nothing was written.

Without --year the year is the 汇总 dialog's (forms/aggregate_year.py), and stderr says which and why.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ..cli import EXIT_FINDINGS, EXIT_OK, UsageError, check_output, refuse_output_among_inputs, same_file
from ..edition import available_editions
from ..report import ReportError, validate_meta

NAME = "aggregate"
HELP = "汇总下属单位的年报（.nianbao 或 .xlsx）为一份年报"


def configure(parser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="下属单位的年报文件，或存放它们的文件夹")
    parser.add_argument("-o", "--output", required=True, help="汇总结果保存为（.nianbao）")
    parser.add_argument("--xlsx", metavar="BREAKDOWN.xlsx", help="同时导出 Excel 附件：汇总表，加“分单位明细”“汇总情况”工作表")
    parser.add_argument("--unit", default="", help="汇总报告的机关全称")
    parser.add_argument("--expect", metavar="LIST.txt", help="应报送单位的名单（每行一个机关全称），用于列出未报送的单位")
    parser.add_argument("--year", help="报告年度（默认取多数年报 .nianbao 的年度，只有统计表 .xlsx 时取其标题写明的年度；"
                                       "年报的年度不一致或无法确定时必须写明，其他年度的年报不计入）")
    parser.add_argument("--edition", help="版式（默认取多数文件的版式）")
    parser.add_argument("--force", action="store_true", help="覆盖已有文件")


def run(args) -> int:
    from ..aggregate import AggregateError, PROBLEM_KINDS, ReportCache, aggregate, attachment_bytes, read_expect_list
    try:
        year = validate_meta("year", args.year) if args.year else None
        unit = validate_meta("agency", args.unit)
    except ReportError as exc:
        raise UsageError(str(exc)) from None
    if args.edition and args.edition not in available_editions():
        raise UsageError(f"没有名为“{args.edition}”的版式（可用：{'、'.join(available_editions())}）")
    output = Path(args.output)
    targets = [output] + ([Path(args.xlsx)] if args.xlsx else [])
    # A file named is read; the output found in a folder named is the last total, left out.
    sources = [f for f in args.files if not Path(f).is_dir()] + [args.expect]
    for target, option in zip(targets, ("-o", "--xlsx")):
        refuse_output_among_inputs(target, sources, option)
    if args.xlsx and same_file(output, args.xlsx):
        raise UsageError("汇总结果（-o）和 Excel 附件（--xlsx）不能写到同一个文件")
    for target, option, suffix in zip(targets, ("-o", "--xlsx"), (".nianbao", ".xlsx")):
        check_output(target, args.force, option, suffix)   # before the work, not after it
    expect = read_expect_list(Path(args.expect)) if args.expect else None
    started = time.monotonic()
    cache = ReportCache()       # the reports read for their year are not read again for the sum
    if year is None:
        year = inferred_year(args.files, targets, cache)
    try:
        result = aggregate(args.files, unit, year, args.edition, expect, exclude=targets, cache=cache)
    except AggregateError as exc:
        raise UsageError(str(exc)) from None
    # Both files or neither: exit 2 promises that nothing was written.
    from ..fileio import atomic_write_all
    from ..storage import dumps
    files = [(output, dumps(result.total).encode("utf-8"), True)]
    if args.xlsx:
        files.append((Path(args.xlsx), attachment_bytes(result), False))
    atomic_write_all(files)

    for kind in PROBLEM_KINDS:
        for problem in result.of_kind(kind):
            print(problem)
    total = result.total
    print(f"已汇总 {len(result.units)} 个单位（{total.meta.year}年度，{total.edition.id}年版格式），"
          f"保存为 {output}{'，附件 ' + args.xlsx if args.xlsx else ''}；用时 {time.monotonic() - started:.1f} 秒")
    if result.serious:
        counts = "，".join(f"{PROBLEM_KINDS[k]} {n} 项" for k in PROBLEM_KINDS
                          if k != "unexpected" and (n := len(result.of_kind(k))))
        print(f"请核对：{counts}。")
        return EXIT_FINDINGS
    return EXIT_OK


def inferred_year(files, targets, cache=None) -> int | None:
    """The 报告年度 the files state, by the 汇总 dialog's rule (forms/aggregate_year.py), said on
    stderr; refused where the dialog would ask before leaving report files out.  None: no file
    readable, which the sum then says file by file."""
    from ..aggregate_year import choose_year, other_years, years_counted
    choice = choose_year(files, exclude=targets, cache=cache)
    if choice.year is None:
        if choice.sheets:
            # A mistyped name is what to fix first, not a year to add.
            missing = "、".join(f"“{f}”" for f in files if not Path(f).exists())
            raise UsageError("无法确定报告年度：没有可读取的年报（.nianbao），统计表（.xlsx）的标题中也没有写明年度"
                             + (f"（找不到文件：{missing}）" if missing else "") + "；请用 --year 写明报告年度")
        return None
    others = other_years(choice.reports, choice.year)
    if others:
        raise UsageError(f"年报（.nianbao）的年度不一致（共 {len(choice.reports)} 份：{years_counted(choice.reports)}），"
                         f"如按 {choice.year} 年度汇总，以下 {len(others)} 份不会计入：\n" + "\n".join(others)
                         + f"\n如仍按 {choice.year} 年度汇总，请加 --year {choice.year}；如要汇总其他年度，请用 --year 写明该年度")
    print(f"nianbao aggregate：按 {choice.year} 年度汇总：{choice.reason}", file=sys.stderr)
    return choice.year
