"""The PySide6 view of nianbao.  Modules here may import Qt; forms/ never imports this package."""

import sys


def _keep_none_alive() -> None:
    """Works around PySide6 6.12 faults on CPython 3.11: every call of a Qt method that returns
    nothing (setText, setEnabled, setPosition …) drops one reference to ``None`` that it never
    took, and every ``signal.emit()`` one to ``True``.  ``None`` starts with about 5,000
    references and ``True`` with about 600, so after some hundreds of edits (each emits several
    signals) the interpreter aborts ("bool_dealloc: deallocating True or False").
    From 3.12 on these objects are immortal and the fault is harmless; here they are made
    practically immortal by giving each a billion references, which nothing ever gives back."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    import ctypes
    for singleton in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))   # ob_refcnt is the first field
        if refcount.value < 1 << 29:
            refcount.value += 1 << 30


_keep_none_alive()
