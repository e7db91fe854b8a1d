"""nianbao demo: the seed report (a real 2017 district report) as a .nianbao file."""

from __future__ import annotations

from ..cli import EXIT_OK, write_new_report
from ..demo import demo_report

NAME = "demo"
HELP = "生成示例年报（山城区 2017 年度，2014 年版统计表）"


def configure(parser) -> None:
    parser.add_argument("-o", "--output", required=True, help="保存为（.nianbao）")
    parser.add_argument("--force", action="store_true", help="覆盖已有文件")


def run(args) -> int:
    write_new_report(demo_report(), args.output, args.force)
    print(f"已生成示例年报 {args.output}")
    return EXIT_OK
