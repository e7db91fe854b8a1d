"""nianbao new: an empty report of an edition, year and agency."""

from __future__ import annotations

from ..cli import EXIT_OK, UsageError, write_new_report
from ..edition import available_editions, default_edition_for
from ..report import Report, ReportError, validate_meta

NAME = "new"
HELP = "新建一份空白年报"


def configure(parser) -> None:
    parser.add_argument("--edition", help="版式（2021、2019、2014…；默认按年度选择）")
    parser.add_argument("--year", required=True, help="报告年度，如 2025")
    parser.add_argument("--unit", required=True, help="机关全称")
    parser.add_argument("-o", "--output", required=True, help="保存为（.nianbao）")
    parser.add_argument("--force", action="store_true", help="覆盖已有文件")


def run(args) -> int:
    try:
        year = validate_meta("year", args.year)
        unit = validate_meta("agency", args.unit)
    except ReportError as exc:
        raise UsageError(str(exc)) from None
    if not unit:
        raise UsageError("机关全称不能为空")
    edition = args.edition or default_edition_for(year)
    if edition not in available_editions():
        raise UsageError(f"没有名为“{edition}”的版式（可用：{'、'.join(available_editions())}）")
    write_new_report(Report.new(edition, year, unit), args.output, args.force)
    print(f"已新建 {args.output}（{year}年度，{edition}年版格式）")
    return EXIT_OK
