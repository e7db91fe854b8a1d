"""`nianbao` with a mistyped command or without a display says so instead of letting Qt abort."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*args):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, "-m", "desktop.main", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


def test_mistyped_command_is_refused_with_the_list_of_commands():
    out = _run("chekc", "x.nianbao")
    assert out.returncode == 2
    assert "chekc" in out.stderr and "check" in out.stderr and "Traceback" not in out.stderr


def test_no_display_gives_a_message_not_an_abort():
    if not sys.platform.startswith("linux"):
        return
    out = _run("x.nianbao")
    assert out.returncode == 2
    assert "图形显示" in out.stderr and "Traceback" not in out.stderr


def test_an_unknown_option_or_a_second_file_is_refused_in_chinese_before_qt_starts():
    out = _run("--demoo")
    assert out.returncode == 2
    assert "无法识别的选项 --demoo" in out.stderr and "用法" in out.stderr and "Traceback" not in out.stderr
    out = _run("a.nianbao", "b.nianbao")
    assert out.returncode == 2 and "一次只能打开一个报告文件" in out.stderr and "b.nianbao" in out.stderr


def test_the_desktop_s_arguments():
    from desktop.app import StartArgs, parse_args
    assert parse_args([]) == StartArgs(None, False)
    assert parse_args(["--demo"]) == StartArgs(None, True)
    assert parse_args(["报告.nianbao", "--demo"]) == StartArgs("报告.nianbao", True)
    assert parse_args(["--", "--odd-name.nianbao"]) == StartArgs("--odd-name.nianbao", False)


def test_version_is_printed_without_a_display():
    import forms
    for option in ("--version", "-V"):
        out = _run(option)
        assert (out.returncode, out.stdout, out.stderr) == (0, f"nianbao {forms.__version__}\n", "")
    assert "--version" in _run("--help").stdout                 # and the list of commands names it
