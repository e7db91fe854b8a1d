"""The ``nianbao`` command: the desktop application, or a headless subcommand.

Subcommands are dispatched before anything imports Qt, so ``nianbao check`` runs on a machine
without a display and starts fast.
"""

from __future__ import annotations

import gc
import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("-V", "--version"):      # what an office's IT asks first
        from forms import __version__
        print(f"nianbao {__version__}")
        return 0
    from forms.commands import is_command
    if argv and (is_command(argv[0]) or argv[0] in ("-h", "--help")):
        from forms.cli import main as cli_main
        return cli_main(argv)
    if argv and argv[0] == "--smoke-test":      # proves a build works: see desktop/smoke_test.py
        from .smoke_test import main as smoke_test
        return smoke_test(argv[1:])
    if argv and not argv[0].startswith("-") and not argv[0].lower().endswith(".nianbao") \
            and not os.path.exists(argv[0]):
        from forms.cli import main as cli_main   # a mistyped command: say so, don't start the window
        return cli_main(argv)
    from .app import StartArgsError, parse_args
    try:
        parse_args(argv)                # refused here, before Qt starts, in Chinese
    except StartArgsError as exc:
        print(exc, file=sys.stderr)
        return 2
    if _no_display():
        print("nianbao：没有可用的图形显示（DISPLAY 未设置），无法启动桌面程序；"
              "可使用 nianbao check / show / export 等命令，或设置 QT_QPA_PLATFORM=offscreen。", file=sys.stderr)
        return 2
    # Start-up makes tens of thousands of objects that live as long as the program (Qt's enums,
    # the edition, the widgets); collecting while they are made only scans them again and again
    # (≈ 6 ms of 44 collections).  Collection resumes after the first frame (desktop/app.py).
    gc.disable()
    from .app import run
    return run(argv)


def _no_display() -> bool:
    """On Linux without X11 or Wayland, Qt would abort the whole process (exit 134)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


if __name__ == "__main__":
    sys.exit(main())
