"""The subcommands of ``nianbao``, one module each (see forms/cli.py)."""
