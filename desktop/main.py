"""The ``nianbao`` command: the desktop application, or a headless subcommand.

Subcommands are dispatched before anything imports Qt, so ``nianbao check`` runs on a machine
without a display and starts fast.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from forms.cli import is_command
    if argv and (is_command(argv[0]) or argv[0] in ("-h", "--help")):
        from forms.cli import main as cli_main
        return cli_main(argv)
    if argv and argv[0] == "--smoke-test":      # proves a build works: see desktop/smoke_test.py
        from .smoke_test import main as smoke_test
        return smoke_test(argv[1:])
    from .app import run
    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
