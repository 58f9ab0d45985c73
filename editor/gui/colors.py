"""Unit colours on screen: :class:`editor.core.coloring.UnitColoring` with Qt colours.

The colouring itself (adjacent units differ; after an edit only touched units may
change colour) is the core's; this adds the palette as ``QColor``s for the canvas.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from editor.core.coloring import PALETTE, UnitColoring
from editor.core.plan import Plan


class UnitColors(UnitColoring):
    """Colour index per unit id, kept so that neighbouring units differ; ``color(uid)``."""

    def __init__(self, plan: Plan):
        self.palette = [QColor(c) for c in PALETTE]
        super().__init__(plan, len(self.palette))

    def color(self, uid: int) -> QColor:
        return self.palette[self.index.get(uid, 0) % self.k]
