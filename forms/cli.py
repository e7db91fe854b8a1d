"""The headless ``nianbao`` subcommands.  Exit 0: fine; 1: errors were found; 2: unusable input.

Every failure is a message on stderr in Chinese, never a traceback: unexpected exceptions are
written to a log file whose path the message gives.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import sys
import traceback
from importlib import import_module

from .commands import COMMAND_MODULES, is_command  # noqa: F401  (is_command: part of this API)
from .edition import EditionError
from .fileio import WriteError
from .paths import log_dir
from .report import ReportError

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


class UsageError(Exception):
    """Input the command cannot work with; the message says what and where."""


# argparse speaks English; the clerk reads Chinese.  Its messages, by pattern (Python 3.10–3.13).
_ARGPARSE_MESSAGES = (
    (r"the following arguments are required: (.*)", "缺少必需的参数：{0}"),
    (r"unrecognized arguments: (.*)", "无法识别的参数：{0}"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", "参数 {0} 的值 {1} 无效（可选：{2}）"),
    (r"argument (\S+): expected one argument", "参数 {0} 后面应写一个值"),
    (r"argument (\S+): expected at most one argument", "参数 {0} 后面最多写一个值"),
    (r"argument (\S+): expected at least one argument", "参数 {0} 后面至少写一个值"),
    (r"argument (\S+): ignored explicit argument (.*)", "参数 {0} 不接受值 {1}"),
    (r"argument (\S+): not allowed with argument (.*)", "参数 {0} 不能与 {1} 同时使用"),
    (r"argument (\S+): invalid (\S+) value: (.*)", "参数 {0} 的值 {2} 无效"),
    (r"ambiguous option: (\S+) could match (.*)", "选项 {0} 有歧义，可能是 {1}"),
    (r"one of the arguments (.*) is required", "参数 {0} 中至少要有一个"),
)


def translate_argparse(message: str) -> str:
    for pattern, text in _ARGPARSE_MESSAGES:
        m = re.fullmatch(pattern, message)
        if m:
            return text.format(*m.groups())
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

    def error(self, message):   # argparse's own errors are English; ours say what to do
        self.print_usage(sys.stderr)
        print(f"{self.prog}：参数有误：{translate_argparse(message)}", file=sys.stderr)
        raise SystemExit(EXIT_UNUSABLE)


def commands() -> dict:
    return {m.NAME: m for m in (import_module(f"forms.commands.{name}") for name in COMMAND_MODULES)}


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="nianbao", description="政府信息公开工作年度报告：填表、检查、导出。不带参数时启动桌面程序。")
    from forms import __version__
    parser.add_argument("-V", "--version", action="version", version=f"nianbao {__version__}",
                        help="显示版本并退出")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    for name, module in commands().items():
        module.configure(sub.add_parser(name, help=module.HELP, description=module.HELP))
    return parser


def _utf8_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            if not stream.isatty():
                stream.reconfigure(encoding="utf-8", errors="replace")
            else:
                stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass


def log_exception(exc: BaseException) -> str:
    """Writes the traceback to a dated log file; returns its path (or a note that it failed)."""
    folder = log_dir()
    path = folder / f"nianbao-{datetime.date.today():%Y%m%d}.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.datetime.now():%Y-%m-%d %H:%M:%S}\n")
            fh.write("".join(traceback.format_exception(exc)))
        return str(path)
    except OSError:
        return "（日志无法写入）"


def main(argv: list[str] | None = None) -> int:
    _utf8_output()
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if not args.command:
        parser.print_help()
        return EXIT_OK
    from .storage import ConflictError, FileFormatError
    try:
        return commands()[args.command].run(args)
    except (UsageError, FileFormatError, EditionError, ReportError, WriteError, ConflictError) as exc:
        print(f"nianbao {args.command}：{exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except BrokenPipeError:   # output piped into head or a closed pager: not an error
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_OK
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return EXIT_UNUSABLE
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a message, not a traceback
        where = log_exception(exc)
        print(f"nianbao {args.command}：程序内部错误：{exc}（详情已写入 {where}）", file=sys.stderr)
        return EXIT_UNUSABLE


def same_file(a, b) -> bool:
    """Whether two names are one file (or would be: neither need exist yet)."""
    from pathlib import Path
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def refuse_output_among_inputs(output, inputs, option: str = "-o") -> None:
    """--force replaces an output: never one of the files the command reads (the sub-unit's report
    or the clerk's spreadsheet would be replaced by the result)."""
    for source in inputs:
        if source and same_file(output, source):
            raise UsageError(f"“{output}”是要读取的文件，不能同时作为保存结果的文件（{option}）；请换一个文件名")


def check_suffix(path, suffix: str, option: str) -> None:
    """An .xlsx named .docx (or a report named .xlsx) opens in the wrong program, as 「damaged」."""
    from pathlib import Path
    if Path(path).suffix.lower() != suffix:
        raise UsageError(f"{option} 的文件名应以 {suffix} 结尾：“{path}”")


def check_output(path, force: bool, option: str = "-o", suffix: str = ".nianbao") -> None:
    """Refuses, before any work, an output that is a folder, of another kind, or an existing file
    without --force."""
    from pathlib import Path
    target = Path(path)
    if not str(path).strip():
        raise UsageError(f"{option} 后面应写文件名")
    if target.is_dir():
        raise UsageError(f"{option} 后面应写文件名，“{path}”是一个文件夹")
    check_suffix(path, suffix, option)
    if target.exists() and not force:
        raise UsageError(f"“{target}”已存在；如要覆盖，请加 --force")


def write_new_report(report, path: str, force: bool) -> None:
    """Saves a freshly made report, refusing to replace an existing file unless forced."""
    from .storage import save_report
    check_output(path, force)
    save_report(report, path)
