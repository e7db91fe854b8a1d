"""nianbao export: the .docx report and the .xlsx attachment of a report file.

Both files are written atomically, both or neither: an unwritable or locked target leaves any
existing file as it was and gives a message (exit 2).  A report with check errors is still
exported — the clerk may need a draft — but stderr says so.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..cli import EXIT_OK, UsageError, check_suffix, same_file
from ..storage import read_report

NAME = "export"
HELP = "导出 Word 报告（.docx）和 Excel 附件（.xlsx）"


def configure(parser) -> None:
    parser.add_argument("file", help="年报文件（.nianbao）")
    parser.add_argument("--docx", metavar="OUT", help="Word 报告的文件名（默认与年报文件同名，扩展名 .docx）")
    parser.add_argument("--xlsx", metavar="OUT", help="Excel 附件的文件名（默认与年报文件同名，扩展名 .xlsx）")
    parser.add_argument("--fonts", default="official", metavar="PROFILE",
                        help="字体方案：official（方正小标宋、仿宋_GB2312 等，默认）或 windows（宋体、仿宋、楷体、黑体）")
    parser.add_argument("--bold-level3", action="store_true", help="「1.」级（第三级）标题加粗（部分地方的习惯）")


def _targets(args) -> list[tuple[str, Path]]:
    source = Path(args.file)
    if args.docx is None and args.xlsx is None:   # neither named: both, beside the report file
        return [("docx", source.with_suffix(".docx")), ("xlsx", source.with_suffix(".xlsx"))]
    out = [(kind, Path(value)) for kind, value in (("docx", args.docx), ("xlsx", args.xlsx)) if value is not None]
    for kind, path in out:
        if not path.name or path.name in (".", ".."):
            raise UsageError(f"--{kind} 需要一个文件名")
    return out


def run(args) -> int:
    from ..checks import run_checks
    from ..document import build_document
    from ..fileio import atomic_write_all
    from ..fonts import FontProfileError

    source = Path(args.file)
    targets = _targets(args)
    for kind, path in targets:
        if same_file(path, source):
            raise UsageError(f"导出的文件“{path}”不能是年报文件本身")
    if len(targets) == 2 and same_file(targets[0][1], targets[1][1]):
        raise UsageError("Word 报告和 Excel 附件不能写到同一个文件")
    for kind, path in targets:
        check_suffix(path, f".{kind}", f"--{kind}")
    report, _ = read_report(source)
    try:
        document = build_document(report, args.fonts, bold_level3=args.bold_level3)
    except FontProfileError as exc:
        raise UsageError(str(exc)) from None

    files = []
    for kind, path in targets:
        if kind == "docx":
            from ..export.docx_writer import docx_bytes
            data = docx_bytes(document)
        else:
            from ..export.xlsx_writer import xlsx_bytes
            data = xlsx_bytes(document)
        files.append((path, data, False))
    replaced = [path.exists() for path, _, _ in files]
    # Both or neither (WriteError: the message, exit 2, the old files untouched): a new report
    # beside last time's attachment would be printed together.
    atomic_write_all(files)
    for (path, _, _), was in zip(files, replaced):
        # Exporting again is the usual thing, but a Word file edited by hand is gone: say so.
        print(f"已导出：{path}" + ("（替换了原有的文件）" if was else ""))

    errors = [f for f in run_checks(report) if f.severity == "error"]
    if errors:
        print(f"注意：年报中还有 {len(errors)} 处错误（可用 nianbao check 查看），导出的文件仍需核对后再印发。",
              file=sys.stderr)
    return EXIT_OK
