"""What the frozen executables run: the ``nianbao`` command, exactly as ``desktop.main:main``.

PyInstaller needs a script file as the entry point; ``desktop/main.py`` uses a relative import, so
it cannot be that script itself.
"""

import os
import sys


def restore_library_path(environ=os.environ) -> None:
    """Gives the programs started from nianbao the system's libraries, not the bundle's.

    On Linux PyInstaller's bootloader puts the bundle's ``_internal`` first on LD_LIBRARY_PATH
    (keeping a value the clerk had in LD_LIBRARY_PATH_ORIG).  Inherited, it made the file manager
    of 关于年报 → 打开数据文件夹 (or a PDF viewer, a browser) load the bundle's libstdc++, GLib,
    ICU and Qt instead of its own, and fail or crash.  nianbao itself is not affected: the dynamic
    linker read the variable once, when the program started.
    """
    original = environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is not None:
        environ["LD_LIBRARY_PATH"] = original
    else:
        environ.pop("LD_LIBRARY_PATH", None)


if __name__ == "__main__":
    if getattr(sys, "frozen", False) and sys.platform.startswith("linux"):
        restore_library_path()
    from desktop.main import main
    sys.exit(main())
