"""The map: the canvas (a ``QGraphicsView``), its items, overlays, labels and tools."""

from editor.gui.map.style import FACILITY_COLORS, Z_OUTLINES, Z_TOWNS
from editor.gui.map.tools import MapEvent, MapTool, PaintTool, SelectTool
from editor.gui.map.view import MapCanvas

__all__ = [
    "FACILITY_COLORS",
    "Z_OUTLINES",
    "Z_TOWNS",
    "MapCanvas",
    "MapEvent",
    "MapTool",
    "PaintTool",
    "SelectTool",
]
