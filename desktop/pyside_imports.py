"""Start-up: stop PySide6 reading the source of every module imported after it.

PySide6's ``__feature__`` support (``from __feature__ import snake_case``) hooks ``import`` and, the
first time each module is imported after PySide6, reads the module's whole source file
(``inspect.getsource``, kept in ``linecache``) to see whether the text mentions PySide6 — ≈ 320
modules and ≈ 12 ms before nianbao's window is shown.  The answer only decides which modules a
``__feature__`` import may switch, and nianbao imports no ``__feature__``; it is given here from the
module's own names instead (a module holding PySide6 classes, objects or modules uses PySide6),
which reads no file.  If PySide6 changes this private hook, nothing is replaced and nothing breaks.
"""

from __future__ import annotations

import sys
from types import ModuleType

_PREFIXES = ("PySide6", "shiboken6")


def uses_pyside(module) -> bool:
    """Whether ``module`` holds anything of PySide6 (its source is not read).  Never raises: it
    runs inside every import statement."""
    try:
        for value in list(vars(module).values()):
            if isinstance(value, ModuleType):
                name = value.__name__
            elif isinstance(value, type):
                name = value.__module__
            else:
                name = type(value).__module__
            if isinstance(name, str) and name.startswith(_PREFIXES):
                return True
    except Exception:       # an odd module (no namespace, a strange class): as if it had none
        return False
    return False


def skip_source_scan() -> bool:
    """Replaces PySide6's source scan; True when it did.  Call right after importing PySide6."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if not callable(original) or original is uses_pyside:
        return False
    feature._mod_uses_pyside = uses_pyside
    return True
