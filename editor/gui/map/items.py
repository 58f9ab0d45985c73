"""Graphics items of the map: layers, the raster overview, facility dots, town paths, labels."""

from __future__ import annotations

import math
import struct
from collections.abc import Callable, Iterable

import numpy as np
from PySide6.QtCore import (
    QByteArray,
    QDataStream,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QStyleOptionGraphicsItem,
)

from editor.core.outline import (
    Vertices,
)
from editor.gui.map.style import (
    OVERVIEW_PX,
    Z_FACILITIES,
    Z_LABELS,
    Z_TOWNS,
    cosmetic_pen,
    hatch_texture,
)


class MapLayer(QGraphicsItem):
    """An empty parent item: hiding it hides all town items in one call."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        pass


class OverviewItem(QGraphicsItem):
    """The towns pre-rendered to an image, drawn instead of 40,000 paths when far out.

    Repainting a province of vector paths costs ~100+ ms; blitting this image costs a
    few. A plan change repaints only the changed towns into the image.
    """

    def __init__(self, extent: QRectF):
        super().__init__()
        self.extent = QRectF(extent)
        scale = OVERVIEW_PX / max(extent.width(), extent.height())
        w = max(1, int(math.ceil(extent.width() * scale)))
        h = max(1, int(math.ceil(extent.height() * scale)))
        self.mpp = 1.0 / scale
        self.image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
        self.image.fill(Qt.GlobalColor.transparent)
        self.setZValue(Z_TOWNS)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        # paint() blits only the exposed part of the image (a drop repaints a few towns)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        #: towns painted with the hatch on top of their fill (the canvas' hatch items)
        self.hatched: dict[int, object] = {}
        self.hatch_brush = QBrush(hatch_texture())
        # texture pixels = image pixels, whatever the painter's scale
        self.hatch_brush.setTransform(QTransform.fromScale(1.0 / scale, 1.0 / scale))

    def _painter(self) -> QPainter:
        p = QPainter(self.image)
        p.scale(
            self.image.width() / self.extent.width(), self.image.height() / self.extent.height()
        )
        p.translate(-self.extent.left(), -self.extent.top())
        p.setPen(Qt.PenStyle.NoPen)
        return p

    def paint_towns(
        self,
        towns: Iterable[int],
        paths: list[QPainterPath],
        brush_of: Callable[[int], QBrush],
    ) -> None:
        """Repaint ``towns`` into the image and schedule a repaint of just their area.

        ``brush_of(town)`` is the town's fill.
        """
        p = self._painter()
        hatched = self.hatched
        hatch = self.hatch_brush
        dirty = QRectF()
        for t in towns:
            path = paths[t]
            p.fillPath(path, brush_of(t))
            if t in hatched:
                p.fillPath(path, hatch)
            dirty = dirty.united(path.boundingRect())
        p.end()
        if not dirty.isEmpty():
            # a repaint of the whole viewport costs ~15 ms at full extent; of a few towns
            # (plus two image pixels for the smooth scaling) well under one
            m = 2 * self.mpp
            self.update(dirty.adjusted(-m, -m, m, m))

    def paint_all(self, fills: list[tuple[QPainterPath, QBrush]], hatch: QPainterPath) -> None:
        """Paint the whole image: one path per fill colour, then the hatched towns."""
        p = self._painter()
        for path, brush in fills:
            p.fillPath(path, brush)
        p.fillPath(hatch, self.hatch_brush)
        p.end()
        self.update()

    def boundingRect(self) -> QRectF:
        return self.extent

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        target = option.exposedRect.intersected(self.extent)
        if target.isEmpty():
            return
        ext = self.extent
        sx = self.image.width() / ext.width()
        sy = self.image.height() / ext.height()
        source = QRectF(
            (target.left() - ext.left()) * sx,
            (target.top() - ext.top()) * sy,
            target.width() * sx,
            target.height() * sy,
        )
        painter.drawImage(target, self.image, source)


class FacilityItem(QGraphicsItem):
    """Facility points as dots of a fixed pixel size (one ``drawPoints`` per category)."""

    def __init__(self, groups: list[tuple[QColor, QPolygonF]], extent: QRectF):
        super().__init__()
        self.groups = groups
        rect = QRectF()
        for _, poly in groups:
            rect = rect.united(poly.boundingRect())
        m = max(extent.width(), extent.height()) * 0.02
        self._rect = rect.adjusted(-m, -m, m, m)
        self.setZValue(Z_FACILITIES)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.halo = cosmetic_pen("white", 8.5)
        self.pens = [cosmetic_pen(color, 6.0) for color, _ in groups]

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for (_, poly), pen in zip(self.groups, self.pens, strict=True):
            painter.setPen(self.halo)
            painter.drawPoints(poly)
            painter.setPen(pen)
            painter.drawPoints(poly)


def paths_from_vertices(v: Vertices) -> list[QPainterPath]:
    """One ``QPainterPath`` per geometry, y flipped, via Qt's own serialisation.

    Building paths point by point from Python costs seconds for a province; writing
    the ``QDataStream`` form of all paths with numpy and reading them back in one
    stream costs a fraction of that. Format (big-endian): element count (int32), then
    per element type (int32: 0 moveTo, 1 lineTo), x, y (float64); then cStart and fill
    rule (int32; 0 = odd-even, so holes stay holes).
    """
    n = len(v.offsets) - 1
    arr = np.empty(len(v.xy), dtype=[("c", ">i4"), ("x", ">f8"), ("y", ">f8")])
    arr["c"] = np.where(v.start, 0, 1)
    arr["x"] = v.xy[:, 0]
    arr["y"] = -v.xy[:, 1]
    raw = arr.tobytes()
    size = arr.itemsize
    footer = bytes(8)
    off = v.offsets.tolist()
    chunks = []
    for k in range(n):
        a, b = off[k], off[k + 1]
        chunks.append(struct.pack(">i", b - a))
        chunks.append(raw[a * size : b * size])
        chunks.append(footer)
    stream = QDataStream(QByteArray(b"".join(chunks)))
    out = []
    for _ in range(n):
        path = QPainterPath()
        # ``stream >> path`` leaks a reference in PySide6 6.12; the method form does not
        stream.__rshift__(path)
        out.append(path)
    return out


class TownPaths:
    """Each town's ``QPainterPath``, made from flattened vertices when first asked for.

    Indexing (``paths[t]``) builds and caches one town's path; :meth:`all` builds every
    path in one stream (for the town items); :meth:`grouped` builds one path per group
    of towns (the overview image is painted with one fill per colour, not 40,000).
    """

    def __init__(self, vertices: Vertices):
        self.vertices = vertices
        self._cache: dict[int, QPainterPath] = {}
        self._all: list[QPainterPath] | None = None

    def __len__(self) -> int:
        return len(self.vertices.offsets) - 1

    def __getitem__(self, town: int) -> QPainterPath:
        if self._all is not None:
            return self._all[town]
        path = self._cache.get(town)
        if path is None:
            v = self.vertices
            a, b = int(v.offsets[town]), int(v.offsets[town + 1])
            one = Vertices(v.xy[a:b], v.start[a:b], np.array([0, b - a]))
            path = self._cache[town] = paths_from_vertices(one)[0]
        return path

    def all(self) -> list[QPainterPath]:
        if self._all is None:
            self._all = paths_from_vertices(self.vertices)
            self._cache = {}
        return self._all

    def grouped(self, group_of_town: np.ndarray) -> dict[int, QPainterPath]:
        """Group id → one path holding the rings of every town in that group.

        The path's odd-even fill keeps holes; towns do not overlap beyond slivers far
        below a pixel of the overview, so filling the union equals filling each town.
        """
        group_of_town = np.asarray(group_of_town)
        vertex_group = np.repeat(group_of_town, np.diff(self.vertices.offsets))
        return {g: self._path_of(vertex_group == g) for g in np.unique(group_of_town).tolist()}

    def union(self, towns: np.ndarray) -> QPainterPath:
        """One path with the rings of ``towns`` (a boolean mask over all towns)."""
        return self._path_of(
            np.repeat(np.asarray(towns, dtype=bool), np.diff(self.vertices.offsets))
        )

    def _path_of(self, vertex_mask: np.ndarray) -> QPainterPath:
        v = self.vertices
        n = int(vertex_mask.sum())
        return paths_from_vertices(
            Vertices(v.xy[vertex_mask], v.start[vertex_mask], np.array([0, n]))
        )[0]


class LabelItem(QGraphicsItem):
    """Text with a white halo, drawn at a fixed pixel size whatever the zoom."""

    def __init__(self, text: str, font: QFont, color: QColor, dy: float = 0.0):
        super().__init__()
        self.dy = dy
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(Z_LABELS)
        # the halo stroke is the costly part of drawing a label; the item ignores the
        # view transform, so one cached pixmap serves every zoom and pan
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.font = font
        self.color = color
        self.set_text(text)

    def set_text(self, text: str) -> None:
        self.prepareGeometryChange()
        self.text = text
        fm = QFontMetricsF(self.font)
        w = fm.horizontalAdvance(text)
        path = QPainterPath()
        path.addText(-w / 2, fm.ascent() / 2 - fm.descent() / 2 + self.dy, self.font, text)
        self.path = path
        self._rect = path.boundingRect().adjusted(-3, -3, 3, 3)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        halo = QPen(QColor(255, 255, 255, 230), 3.0)
        halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.strokePath(self.path, halo)
        painter.fillPath(self.path, self.color)
