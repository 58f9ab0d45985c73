"""The Qt user interface: the only package that imports PySide6.

PySide6 is pinned below 6.12 in pyproject.toml: the 6.12.0 wheels return ``None`` from
void C++ methods without taking a reference, which on Python 3.11 aborts the
interpreter ("deallocating None") after a few thousand calls such as ``setBrush``.
"""
