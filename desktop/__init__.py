"""The PySide6 view of nianbao.  Modules here may import Qt; forms/ never imports this package."""

import sys


def _keep_none_alive() -> None:
    """Works around a PySide6 6.12 fault on CPython 3.11: every call of a Qt method that returns
    nothing (setText, setEnabled, setPosition …) drops one reference to ``None`` that it never
    took.  ``None`` starts with about 5,000 references, so after some thousands of such calls the
    interpreter aborts ("none_dealloc: deallocating None") — within minutes of clerk's work.
    From 3.12 on ``None`` is immortal and the fault is harmless; here it is made practically
    immortal by giving it a billion references, which nothing ever gives back."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    import ctypes
    refcount = ctypes.c_ssize_t.from_address(id(None))   # ob_refcnt is the first field
    if refcount.value < 1 << 29:
        refcount.value += 1 << 30


_keep_none_alive()
