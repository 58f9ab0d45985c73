"""Compatibility shim: the map canvas lives in :mod:`editor.gui.map` (view in
:mod:`editor.gui.map.view`).

Kept while tests owned elsewhere import ``editor.gui.canvas``
(``tests/test_gui_rules_view.py`` patches ``OVERVIEW_TOWNS`` here,
``tests/test_village_level.py`` imports ``MapCanvas`` and z values); new code imports
``editor.gui.map``. Names are read from, and patched into, ``editor.gui.map.view``.
"""

import sys
import types

from editor.gui.map import style as _style
from editor.gui.map import view as _view


class _Shim(types.ModuleType):
    def __getattr__(self, name: str) -> object:
        return getattr(_view, name)

    def __setattr__(self, name: str, value: object) -> None:
        setattr(_view, name, value)  # a test's monkeypatch reaches the canvas
        super().__setattr__(name, value)


_module = sys.modules[__name__]
for _name, _value in {**vars(_style), **vars(_view)}.items():
    if _name.isupper() or _name == "MapCanvas":
        setattr(_module, _name, _value)
_module.__class__ = _Shim
