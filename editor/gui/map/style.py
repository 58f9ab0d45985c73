"""Map styling: z order, level-of-detail thresholds, colours, pens, hatch, seat star."""

from __future__ import annotations

import math

from PySide6.QtCore import (
    QPointF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

Z_REF_BELOW, Z_TOWNS, Z_HATCH, Z_OUTLINES, Z_REF_ABOVE = -10, 0, 5, 10, 20
#: township lines of a village layer: over the villages' fills and hatch, under the
#: merged units' outlines (which follow them wherever a plan keeps the rule)
Z_PARENTS = 8
Z_FACILITIES = 35
Z_SELECTION, Z_HOVER, Z_TARGET, Z_SEATS, Z_LABELS, Z_BAND = 30, 31, 32, 40, 50, 60

#: towns narrower than this (pixels, typical town) are drawn without outlines
DETAIL_PX = 10.0
#: town names are shown once a typical town is this wide on screen
TOWN_LABEL_PX = 70.0
#: layers with more vertices than this get simplified drawing paths at overview scales
SIMPLIFY_VERTICES = 200_000
#: layers with more towns than this get a raster overview for far-out views
OVERVIEW_TOWNS = 5_000
#: longest side of the overview image, pixels
OVERVIEW_PX = 2400
# hatch of units breaking a rule (Qt's pattern brushes keep a fixed pixel spacing)
HATCH_COLOR = QColor(200, 20, 40, 210)
# facility dot colours, by category in the order categories first appear
FACILITY_COLORS = ("#1971c2", "#e8590c", "#2b8a3e", "#9c36b5", "#c2255c", "#0c8599", "#5c940d")


def hatch_texture() -> QImage:
    """A tile of diagonal lines for the overview image (2 px wide, 9 px apart)."""
    size = 9
    img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(QPen(HATCH_COLOR, 1.6))
    for dx in (-size, 0, size):
        p.drawLine(QPointF(dx, size), QPointF(dx + size, 0))
    p.end()
    return img


def cosmetic_pen(
    color: QColor | str, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine
) -> QPen:
    pen = QPen(QColor(color), width, style)
    pen.setCosmetic(True)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


NO_PEN = QPen(Qt.PenStyle.NoPen)


def star_path(radius: float) -> QPainterPath:
    pts = []
    for k in range(10):
        r = radius if k % 2 == 0 else radius * 0.45
        a = math.pi / 2 + k * math.pi / 5
        pts.append(QPointF(r * math.cos(a), -r * math.sin(a)))
    path = QPainterPath()
    path.addPolygon(QPolygonF(pts))
    path.closeSubpath()
    return path
