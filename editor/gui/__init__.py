"""The Qt user interface: the only package that imports PySide6.

Importing this package applies one work-around that every GUI module relies on, so it
lives here rather than in ``app.py``: PySide6 6.12 (abi3 wheel) returns ``None`` from
void C++ methods without taking a reference, which is harmless on Python 3.12+ (where
``None`` is immortal) but on 3.11 drops one reference to ``None`` per call; after a few
thousand calls (``setBrush``, ``setZValue``, ...) the interpreter aborts with
"deallocating None". Giving ``None`` a huge reference count makes it effectively
immortal, as it is on 3.12.
"""

from __future__ import annotations

import ctypes
import sys


def _pin_none() -> None:
    if sys.version_info >= (3, 12):
        return
    refcnt = ctypes.c_ssize_t.from_address(id(None))
    if refcnt.value < (1 << 40):
        refcnt.value += 1 << 50


_pin_none()
