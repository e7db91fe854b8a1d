"""The subcommands of ``nianbao``, one module each (see forms/cli.py).

Each module has NAME, HELP, configure(parser) and run(args).  The names are listed here, where
nothing is imported, because the desktop's start asks :func:`is_command` before anything else.
"""

COMMAND_MODULES = ("new", "demo", "show", "check", "export", "import_", "aggregate")


def is_command(word: str) -> bool:
    """Whether ``word`` names a subcommand, without importing the command modules or the CLI (the
    parser, the editions …: ≈ 20 ms of the desktop's start).  A command's NAME is its module's name
    without the trailing _ (tests/forms/test_cli.py holds them to it)."""
    return word in {name.rstrip("_") for name in COMMAND_MODULES}
