"""The old home of the layer reader, kept so existing imports keep working.

The reader lives in the package :mod:`editor.io.read` (one module per format and
concern); import from there. This module re-exports its public names.

``_detect`` (the encoding detector, now :func:`editor.io.read.encoding.detect`) is
kept because a test replaces it here with ``monkeypatch.setattr(reader, "_detect", ...)``;
setting it on this module sets it where the reader calls it.
"""

from __future__ import annotations

import sys
import types

from editor.io.read import RawLayer, list_layers, read_layer_frame
from editor.io.read import encoding as _encoding

__all__ = ["RawLayer", "list_layers", "read_layer_frame"]

_detect = _encoding.detect

# old name here -> (module, name) where the reader looks it up now
_MOVED = {"_detect": (_encoding, "detect")}


class _ForwardingModule(types.ModuleType):
    """Setting a moved name on this module sets it in its new home too."""

    def __setattr__(self, name: str, value) -> None:
        if name in _MOVED:
            module, attr = _MOVED[name]
            setattr(module, attr, value)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _ForwardingModule
