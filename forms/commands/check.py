"""nianbao check: the findings of the consistency rules; exit 1 when there are errors."""

from __future__ import annotations

import json
from pathlib import Path

from ..checks import SEVERITY_NAMES, run_checks, summary
from ..cli import EXIT_FINDINGS, EXIT_OK, UsageError
from ..storage import read_report

NAME = "check"
HELP = "检查年报的勾稽关系和格式"


def configure(parser) -> None:
    parser.add_argument("file", help="年报文件（.nianbao）")
    parser.add_argument("--previous", metavar="LASTYEAR", help="上年的年报文件，用于跨年度检查")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")


def run(args) -> int:
    report, _ = read_report(Path(args.file))
    previous = read_report(Path(args.previous))[0] if args.previous else None
    if previous is not None and previous.meta.year != report.meta.year - 1:
        # Another year's carry-over would make R6 report errors that are not there.
        raise UsageError(f"上年报告“{args.previous}”是 {previous.meta.year} 年度的，"
                         f"应为 {report.meta.year - 1} 年度（本报告为 {report.meta.year} 年度）")
    findings = run_checks(report, previous)
    if args.json:
        print(json.dumps([f.to_json() for f in findings], ensure_ascii=False, indent=1))
    else:
        for f in findings:
            mark = f"（已确认无误：{f.reviewed}）" if f.reviewed else ""
            print(f"{SEVERITY_NAMES[f.severity]} {f.rule}：{f.message}{mark}")
        print(summary(findings))
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK
