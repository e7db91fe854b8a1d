"""What the frozen executables run: the ``nianbao`` command, exactly as ``desktop.main:main``.

PyInstaller needs a script file as the entry point; ``desktop/main.py`` uses a relative import, so
it cannot be that script itself.
"""

import sys

from desktop.main import main

if __name__ == "__main__":
    sys.exit(main())
