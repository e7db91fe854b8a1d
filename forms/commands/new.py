"""nianbao new: an empty report of an edition, year and agency, or this year's report started
from last year's (``--from``, forms/carryover.py)."""

from __future__ import annotations

from ..cli import EXIT_OK, UsageError, refuse_output_among_inputs, write_new_report
from ..edition import available_editions, default_edition_for
from ..report import Report, ReportError, validate_meta

NAME = "new"
HELP = "新建一份空白年报，或从上年报告新建（--from）"


def configure(parser) -> None:
    parser.add_argument("--edition", help="版式（2021、2019、2014…；默认按年度选择）")
    parser.add_argument("--year", help="报告年度，如 2025（用 --from 时默认为上年度加 1）")
    parser.add_argument("--unit", help="机关全称（用 --from 时默认沿用上年）")
    parser.add_argument("--from", dest="from_file", metavar="LASTYEAR",
                        help="上年的年报（.nianbao，或导出的、手工制作的 .xlsx）：沿用单位、人员、开头段落，"
                             "上年结转取自上年的结转下年度，并保存上年数据供跨年度检查")
    parser.add_argument("-o", "--output", required=True, help="保存为（.nianbao）")
    parser.add_argument("--force", action="store_true", help="覆盖已有文件")


def run(args) -> int:
    if args.from_file:
        return _from_last_year(args)
    if args.year is None or args.unit is None:
        raise UsageError("请用 --year 写明报告年度、用 --unit 写明机关全称（或用 --from 从上年报告新建）")
    try:
        year = validate_meta("year", args.year)
        unit = validate_meta("agency", args.unit)
    except ReportError as exc:
        raise UsageError(str(exc)) from None
    if not unit:
        raise UsageError("机关全称不能为空")
    edition = _edition(args.edition, year)
    write_new_report(Report.new(edition, year, unit), args.output, args.force)
    print(f"已新建 {args.output}（{year}年度，{edition}年版格式）")
    return EXIT_OK


def _edition(name: str | None, year: int) -> str:
    edition = name or default_edition_for(year)
    if edition not in available_editions():
        raise UsageError(f"没有名为“{edition}”的版式（可用：{'、'.join(available_editions())}）")
    return edition


def _from_last_year(args) -> int:
    from pathlib import Path

    from ..carryover import new_from_previous, read_previous
    from ..importer import ImportRefused
    try:
        year = validate_meta("year", args.year) if args.year is not None else None
        unit = validate_meta("agency", args.unit) if args.unit is not None else None
    except ReportError as exc:
        raise UsageError(str(exc)) from None
    if args.edition:
        _edition(args.edition, 0)
    refuse_output_among_inputs(args.output, [args.from_file])
    source = Path(args.from_file)
    if not source.is_file():   # before asking for --year, which would not help
        raise UsageError(f"上年报告“{args.from_file}”" + ("是一个文件夹，请写出文件名" if source.is_dir() else "不存在"))
    try:
        previous, notes = read_previous(Path(args.from_file), year)
    except ImportRefused as exc:
        raise UsageError(f"无法读取上年报告“{args.from_file}”：{exc}") from None
    report = new_from_previous(previous, year, args.edition)
    if unit:
        report.meta.agency = unit
    if not report.meta.agency:
        raise UsageError(f"上年报告“{args.from_file}”中没有机关全称，请用 --unit 写明")
    write_new_report(report, args.output, args.force)
    for note in notes:
        print(f"注意（导入上年报告）：{note}")
    carried = report.last_year is not None
    print(f"已从 {previous.meta.year} 年度报告新建 {args.output}（{report.meta.year}年度，"
          f"{report.edition.id}年版格式{'，已保存上年数据供跨年度检查' if carried else ''}）")
    return EXIT_OK
