"""The map canvas: towns filled by merged unit, unit outlines, labels, and map tools.

``MapCanvas(project)`` is a ``QGraphicsView`` over a scene in the layer's metric
coordinates (x, -y: Qt's y axis points down). Every town is one ``QGraphicsPathItem``,
built once, when first needed: a layer with more than ``OVERVIEW_TOWNS`` towns is drawn
from a pre-rendered overview image (painted with one fill per colour) until the view
comes closer than the image's resolution. Unit outlines, seat markers and labels are
separate items kept per unit.
On a ``PlanChange`` only the touched units are restyled and re-outlined; nothing is
rebuilt wholesale.

Speed on large layers (40,000 towns) comes from: paths deserialised in one pass from
a numpy buffer (``QDataStream``) rather than point by point; geometry simplified to
half a pixel at full extent for drawing (exact paths swapped in when zooming closer);
no town outlines or per-singleton unit outlines when towns are only a few pixels
wide; a BSP index; label placement done for the few units big enough to carry a
label; and after an edit only the changed towns' area of the overview is repainted.

Units breaking a rule (``project.checker.units_in_violation()``) are hatched: one
pattern-filled item per town of such a unit, kept in step with ``checker.changed`` and
plan changes for the towns whose state changed only; far out, the raster overview paints
the same hatch into its image. Facility points (``project.facilities``) are drawn as
small dots of a fixed pixel size, one colour per category.
"""

from __future__ import annotations

import logging
import math
import struct
from collections.abc import Callable, Iterable

import numpy as np
from PySide6.QtCore import (
    QByteArray,
    QDataStream,
    QEvent,
    QPoint,
    QPointF,
    QRectF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from editor.core.outline import (
    TownIndex,
    UnitOutlines,
    Vertices,
    count_vertices,
    label_points,
    ring_vertices,
    total_bounds,
)
from editor.core.parents import parent_boundaries
from editor.core.plan import PlanChange
from editor.core.preview import preview_assign
from editor.core.project import Project, ReferenceLayer
from editor.core.reference import metric_to_source
from editor.gui.colors import UnitColors
from editor.gui.tools import MapEvent, MapTool, PaintTool, SelectTool

log = logging.getLogger(__name__)

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


def _hatch_texture() -> QImage:
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


class _Layer(QGraphicsItem):
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
        self.hatch_brush = QBrush(_hatch_texture())
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
        self.halo = _cosmetic("white", 8.5)
        self.pens = [_cosmetic(color, 6.0) for color, _ in groups]

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


def _cosmetic(
    color: QColor | str, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine
) -> QPen:
    pen = QPen(QColor(color), width, style)
    pen.setCosmetic(True)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


NO_PEN = QPen(Qt.PenStyle.NoPen)


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


def _star(radius: float) -> QPainterPath:
    pts = []
    for k in range(10):
        r = radius if k % 2 == 0 else radius * 0.45
        a = math.pi / 2 + k * math.pi / 5
        pts.append(QPointF(r * math.cos(a), -r * math.sin(a)))
    path = QPainterPath()
    path.addPolygon(QPolygonF(pts))
    path.closeSubpath()
    return path


class MapCanvas(QGraphicsView):
    """The map of a project's towns and merged units; gestures become core commands.

    Signals
    -------
    town_hovered(int)
        Town under the cursor, -1 for none.
    drag_preview(int, object)
        While dragging towns (``np.ndarray``) over unit ``uid``; never touches the plan.
    drag_preview_cleared()
        The drag ended (dropped or cancelled).
    cursor_moved(float, float)
        Cursor position in the layer's source CRS.
    scale_changed(float)
        Map scale denominator N of 1:N.
    context_menu_requested(int, QPoint)
        Right click on a town (-1 for none) at a global position.
    drawn()
        The map has been painted once since the project was set.
    """

    town_hovered = Signal(int)
    drag_preview = Signal(int, object)
    drag_preview_cleared = Signal()
    cursor_moved = Signal(float, float)
    scale_changed = Signal(float)
    context_menu_requested = Signal(int, QPoint)
    drawn = Signal()

    def __init__(
        self,
        project: Project | None = None,
        push: Callable[[object], object] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("map_canvas")
        self._scene = QGraphicsScene(self)
        self._scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.setScene(self._scene)
        self.setBackgroundBrush(QColor("#f4f6f8"))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlags(
            QGraphicsView.OptimizationFlag.DontSavePainterState
            | QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing
        )
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(False)  # file drops go to the window
        self.push_command = push
        self.project: Project | None = None
        self.outlines: UnitOutlines | None = None
        self.colors: UnitColors | None = None
        # town items are built on first need (see ``town_items``); paths exist from the start
        self._items: list[QGraphicsPathItem] | None = None
        self._paths: TownPaths | list[QPainterPath] = []
        self.outline_items: dict[int, QGraphicsPathItem] = {}
        self.seat_items: dict[int, QGraphicsPathItem] = {}
        self.label_items: list[LabelItem] = []
        self.reference_items: list[QGraphicsPathItem] = []
        self.hatch_items: dict[int, QGraphicsPathItem] = {}  # town → hatch item
        self.facility_items: list[FacilityItem] = []
        #: township lines of a village layer (``None`` for a town layer)
        self.parent_item: QGraphicsPathItem | None = None
        self._hatch_units: set[int] = set()
        self._hatch_layer: _Layer | None = None
        self.hatch_brush = QBrush(HATCH_COLOR, Qt.BrushStyle.BDiagPattern)
        self.hover_town = -1
        self._detail = True
        self._exact_paths = True
        self._paths_exact: TownPaths | None = None
        self._coarse_tol = 0.0
        self._town_px = 0.0
        self._typical_town_m = 1.0
        self._unit_cache: tuple[np.ndarray, np.ndarray] | None = None
        self._unit_pos: dict[int, int] = {}
        self._to_source = None
        self._pan_from: QPoint | None = None
        self._space = False
        self._drawn_pending = False
        self._preview_uid = -1
        self._extent = QRectF()
        self._auto_fit = False
        self.town_index: TownIndex | None = None
        self.overview: OverviewItem | None = None
        self._towns_layer: _Layer | None = None
        self.tools: dict[str, MapTool] = {"select": SelectTool(self), "paint": PaintTool(self)}
        self.tool: MapTool = self.tools["select"]
        self._label_timer = QTimer(self)
        self._label_timer.setSingleShot(True)
        self._label_timer.setInterval(30)
        self._label_timer.timeout.connect(self.relayout_labels)
        self.unit_font = QFont(QApplication.font())
        self.unit_font.setPointSizeF(max(9.0, self.unit_font.pointSizeF() * 1.05))
        self.unit_font.setBold(True)
        self.town_font = QFont(QApplication.font())
        self.town_font.setPointSizeF(max(7.5, self.town_font.pointSizeF() * 0.85))
        self._make_pens()
        self._make_overlays()
        if project is not None:
            self.set_project(project)

    # -- styling ----------------------------------------------------------------------
    def _make_pens(self) -> None:
        self.town_pen = _cosmetic(QColor(70, 70, 70, 150), 0.6)
        self.unit_pen = _cosmetic(QColor(35, 35, 35), 2.0)
        self.unit_pen_overview = _cosmetic(QColor(35, 35, 35, 200), 1.0)
        # township lines (village layers): wider than any village or unit line, dashed,
        # so they show as a band either side of the unit outline drawn over them
        self.parent_pen = _cosmetic(QColor(45, 45, 45, 190), 5.0, Qt.PenStyle.DashLine)
        self.parent_pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        self.parent_pen_overview = _cosmetic(QColor(45, 45, 45, 190), 3.0, Qt.PenStyle.DashLine)
        self.parent_pen_overview.setCapStyle(Qt.PenCapStyle.FlatCap)
        self.brushes: dict[int, QBrush] = {}

    def _make_overlays(self) -> None:
        sc = self._scene

        def overlay(z: float, pen: QPen, brush: QBrush | QColor) -> QGraphicsPathItem:
            item = QGraphicsPathItem()
            item.setZValue(z)
            item.setPen(pen)
            item.setBrush(QBrush(brush))
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            sc.addItem(item)
            return item

        self.selection_item = overlay(
            Z_SELECTION, _cosmetic("#1f5fd6", 1.6), QColor(40, 110, 255, 85)
        )
        self.hover_item = overlay(Z_HOVER, _cosmetic("#0b2e6f", 2.2), QColor(255, 255, 255, 70))
        self.target_item = overlay(Z_TARGET, _cosmetic("#e8590c", 3.5), QColor(255, 140, 0, 70))
        self.dragged_item = overlay(
            Z_TARGET + 0.5,
            _cosmetic("#7a1fa2", 1.5, Qt.PenStyle.DashLine),
            QColor(120, 30, 160, 90),
        )
        self.band_item = QGraphicsRectItem()
        self.band_item.setZValue(Z_BAND)
        self.band_item.setPen(_cosmetic("#1f5fd6", 1.0, Qt.PenStyle.DashLine))
        self.band_item.setBrush(QColor(40, 110, 255, 40))
        self.band_item.setVisible(False)
        sc.addItem(self.band_item)

    def _brush(self, uid: int) -> QBrush:
        return self._brush_of_index(self.colors.index.get(uid, 0) if self.colors else 0)

    def _brush_of_index(self, idx: int) -> QBrush:
        brush = self.brushes.get(idx)
        if brush is None:
            brush = self.brushes[idx] = QBrush(self.colors.palette[idx % self.colors.k])
        return brush

    def _town_brush(self, town: int) -> QBrush:
        return self._brush(int(self.project.plan.unit_of[town]))

    def _town_brushes(self) -> list[QBrush]:
        """Every town's fill, in one pass (for building items and the overview)."""
        index = self.colors.index
        per_unit = [index.get(u, 0) for u in self.project.plan.unit_of.tolist()]
        brushes = {c: self._brush_of_index(c) for c in set(per_unit)}
        return [brushes[c] for c in per_unit]

    @property
    def town_items(self) -> list[QGraphicsPathItem]:
        """One path item per town, built on first use.

        A province layer is drawn from the overview image until the view comes closer
        than the image's resolution, so its 40,000 items are not made while opening.
        """
        if self._items is None and self.project is not None:
            self._build_items()
        return self._items if self._items is not None else []

    def _build_items(self) -> None:
        plan = self.project.plan
        unit_of = plan.unit_of
        # a town alone in its unit carries the unit's thick outline itself
        single = (np.bincount(unit_of)[unit_of] == 1).tolist()
        detail = self._detail
        unit_pen, town_pen = self.unit_pen, self.town_pen
        parent = self._towns_layer
        items = []
        paths = self._paths.all()
        for path, brush, alone in zip(paths, self._town_brushes(), single, strict=True):
            item = QGraphicsPathItem(path, parent)
            item.setBrush(brush)
            item.setPen(NO_PEN if not detail else unit_pen if alone else town_pen)
            items.append(item)
        self._items = items

    def _town_pen(self, town: int) -> QPen:
        if not self._detail:
            return NO_PEN
        plan = self.project.plan
        # a town alone in its unit carries the unit's thick outline itself
        single = len(plan.units[int(plan.unit_of[town])].members) == 1
        return self.unit_pen if single else self.town_pen

    def _style_towns(self, towns: Iterable[int]) -> None:
        plan = self.project.plan
        items = self._items
        towns = list(towns)
        if items is not None:
            for t in towns:
                item = items[t]
                item.setBrush(self._brush(int(plan.unit_of[t])))
                item.setPen(self._town_pen(t))
        if self.overview is not None and len(towns) < len(self._paths):
            self.overview.paint_towns(towns, self._paths, self._town_brush)

    # -- project ----------------------------------------------------------------------
    def set_project(self, project: Project) -> None:
        """Show another project (a newly opened layer): rebuild every item once."""
        if self.project is not None:
            self._disconnect()
        self.tool.cancel()
        self.project = project
        layer = project.layer
        self.outlines = UnitOutlines(project.plan)
        self.outlines.town_points  # noqa: B018  (label/seat points, computed while opening)
        self.colors = UnitColors(project.plan)
        self.brushes = {}
        self._to_source = metric_to_source(layer)
        self._scene.clear()
        self._items, self._paths = None, []
        self.outline_items, self.seat_items = {}, {}
        self.label_items, self.reference_items = [], []
        self.hatch_items, self.facility_items, self._hatch_units = {}, [], set()
        self.parent_item = None
        self._make_overlays()
        self._unit_cache = None
        self._unit_pos = {}
        self.hover_town = -1

        xmin, ymin, xmax, ymax = (float(v) for v in total_bounds(layer.geometry_m))
        self._extent = QRectF(xmin, -ymax, max(xmax - xmin, 1.0), max(ymax - ymin, 1.0))
        areas = np.asarray(layer.computed_area_km2, dtype=float) * 1e6
        self._typical_town_m = float(math.sqrt(max(np.median(areas), 1.0)))
        full_mpp = max(self._extent.width() / 1600.0, self._extent.height() / 1000.0)
        self._paths_exact = None
        self._exact_vertices = None
        if int(count_vertices(layer.geometry_m)) > SIMPLIFY_VERTICES:
            # half a pixel at full extent; exact paths come in when zooming closer
            self._coarse_tol = full_mpp * 0.5
            paths = TownPaths(ring_vertices(layer.geometry_m, self._coarse_tol))
            self._exact_paths = False
        else:
            self._coarse_tol = 0.0
            paths = TownPaths(ring_vertices(layer.geometry_m))
            self._paths_exact = paths
            self._exact_paths = True
        # the level of detail of the first view (fit to the viewport), so items are
        # created with the right pens and not restyled right after
        vp = self.viewport().size()
        fit_mpp = max(
            self._extent.width() / max(vp.width(), 1), self._extent.height() / max(vp.height(), 1)
        )
        self._detail = self._typical_town_m / fit_mpp >= DETAIL_PX
        plan = project.plan
        sc = self._scene
        self.town_index = TownIndex(layer.geometry_m)
        self._towns_layer = _Layer()
        sc.addItem(self._towns_layer)
        self._paths = paths
        if layer.n <= OVERVIEW_TOWNS:
            self._build_items()  # else on first need: the overview image draws far out
        self._hatch_layer = _Layer()
        self._hatch_layer.setZValue(Z_HATCH)
        sc.addItem(self._hatch_layer)
        self._hatch_units = project.checker.units_in_violation()
        hatched = [t for u in self._hatch_units for t in plan.units[u].members]
        for t in hatched:
            self._add_hatch(t)
        self.overview = None
        if layer.n > OVERVIEW_TOWNS:
            self.overview = OverviewItem(self._extent)
            self.overview.hatched = self.hatch_items
            index = self.colors.index
            color_of_town = np.fromiter(
                (index.get(u, 0) for u in plan.unit_of.tolist()), dtype=np.int64, count=layer.n
            )
            fills = [
                (path, self._brush_of_index(c)) for c, path in paths.grouped(color_of_town).items()
            ]
            hatched = np.zeros(layer.n, dtype=bool)
            hatched[list(self.hatch_items)] = True
            self.overview.paint_all(fills, paths.union(hatched))
            sc.addItem(self.overview)
        self._add_parent_item(exact=self._exact_paths)
        margin = max(self._extent.width(), self._extent.height())
        self.setSceneRect(self._extent.adjusted(-margin, -margin, margin, margin))
        for uid in plan.units:
            if len(plan.units[uid].members) > 1:
                self._update_unit_items(uid)
        for ref in project.references:
            self._add_reference_item(ref)
        self._on_facilities_changed()
        plan.events.changed.connect(self._on_plan_changed)
        project.checker.changed.connect(self._on_violations_changed)
        project.selection.changed.connect(self._on_selection_changed)
        project.references_changed.connect(self._on_references_changed)
        facilities_changed = getattr(project, "facilities_changed", None)
        if facilities_changed is not None:
            facilities_changed.connect(self._on_facilities_changed)
        self.zoom_to_all()
        self._on_selection_changed(project.selection.towns)
        self._drawn_pending = True
        self.viewport().update()

    def _add_parent_item(self, exact: bool) -> None:
        """Township lines of a village layer, one path item (vector in every mode, so the
        overview image needs no repaint for them when towns change colour)."""
        parents = parent_boundaries(self.project.layer)
        if parents is None:
            return
        lines = np.array([parents.lines], dtype=object)
        path = paths_from_vertices(ring_vertices(lines, 0.0 if exact else self._coarse_tol))[0]
        if self.parent_item is None:
            item = QGraphicsPathItem()
            item.setZValue(Z_PARENTS)
            item.setBrush(Qt.BrushStyle.NoBrush)
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self._scene.addItem(item)
            self.parent_item = item
        self.parent_item.setPen(self.parent_pen if self._detail else self.parent_pen_overview)
        self.parent_item.setPath(path)

    def _disconnect(self) -> None:
        p = self.project
        p.plan.events.changed.disconnect(self._on_plan_changed)
        p.checker.changed.disconnect(self._on_violations_changed)
        p.selection.changed.disconnect(self._on_selection_changed)
        p.references_changed.disconnect(self._on_references_changed)
        facilities_changed = getattr(p, "facilities_changed", None)
        if facilities_changed is not None:
            facilities_changed.disconnect(self._on_facilities_changed)

    def closeEvent(self, event: QEvent) -> None:
        if self.project is not None:
            self._disconnect()
        super().closeEvent(event)

    # -- plan changes -----------------------------------------------------------------
    def _on_plan_changed(self, change: PlanChange) -> None:
        plan = self.project.plan
        self.outlines.on_change(change)
        recolored = self.colors.update(change)
        towns: set[int] = set(change.towns.tolist())
        for uid in change.touched | recolored:
            unit = plan.units.get(uid)
            if unit is not None:
                towns.update(unit.members)
        self._style_towns(towns)
        for uid in change.removed:
            self._drop_unit_items(uid)
        for uid in change.touched:
            if uid in plan.units:
                self._update_unit_items(uid)
        # towns that changed unit take their new unit's hatch (the checker, which hears
        # the plan first, has usually updated ``_hatch_units`` already)
        self._apply_hatch(towns)
        self._update_unit_areas(change)
        if self.hover_town >= 0:
            self._show_hover(self.hover_town)
        self._label_timer.start()

    # -- hatching of units that break a rule --------------------------------------------
    def _add_hatch(self, town: int) -> None:
        item = QGraphicsPathItem(self._paths[town])
        item.setPen(NO_PEN)
        item.setBrush(self.hatch_brush)
        item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        item.setParentItem(self._hatch_layer)
        self.hatch_items[town] = item

    def _apply_hatch(self, towns: Iterable[int]) -> None:
        """Hatch each of ``towns`` iff its unit is in violation; touch only those that flip."""
        unit_of = self.project.plan.unit_of
        units = self._hatch_units
        flipped = []
        for t in towns:
            t = int(t)
            want = int(unit_of[t]) in units
            item = self.hatch_items.get(t)
            if want and item is None:
                self._add_hatch(t)
                flipped.append(t)
            elif not want and item is not None:
                del self.hatch_items[t]
                self._scene.removeItem(item)
                flipped.append(t)
        if flipped and self.overview is not None:
            self.overview.paint_towns(flipped, self._paths, self._town_brush)

    def _on_violations_changed(self) -> None:
        """The checker re-checked: re-hatch the units whose violation state changed."""
        if self.project is None:
            return
        new = self.project.checker.units_in_violation()
        flipped = new ^ self._hatch_units
        self._hatch_units = new
        if not flipped:
            return
        units = self.project.plan.units
        towns = [t for u in flipped if u in units for t in units[u].members]
        self._apply_hatch(towns)

    def hatched_towns(self) -> set[int]:
        """Towns drawn hatched now (for tests and tools)."""
        return set(self.hatch_items)

    # -- facilities ---------------------------------------------------------------------
    def _on_facilities_changed(self, *_: object) -> None:
        for item in self.facility_items:
            self._scene.removeItem(item)
        self.facility_items = []
        facilities = getattr(self.project, "facilities", None) or []
        if not facilities:
            return
        # one colour per category across all facility layers
        order: dict[str, int] = {}
        for fac in facilities:
            points = getattr(fac, "points_m", None)
            if points is None or not len(points):
                continue
            cats = np.asarray(fac.categories).astype(str)
            xy = np.asarray(points, dtype=float).reshape(-1, 2)
            groups = []
            for cat in dict.fromkeys(cats.tolist()):
                k = order.setdefault(cat, len(order))
                pts = xy[cats == cat]
                poly = QPolygonF([QPointF(float(x), -float(y)) for x, y in pts])
                groups.append((QColor(FACILITY_COLORS[k % len(FACILITY_COLORS)]), poly))
            item = FacilityItem(groups, self._extent)
            self._scene.addItem(item)
            self.facility_items.append(item)

    def facility_colors(self) -> dict[str, QColor]:
        """Category → dot colour, as drawn."""
        out: dict[str, QColor] = {}
        for fac in getattr(self.project, "facilities", None) or []:
            for cat in dict.fromkeys(np.asarray(fac.categories).astype(str).tolist()):
                if cat not in out:
                    out[cat] = QColor(FACILITY_COLORS[len(out) % len(FACILITY_COLORS)])
        return out

    def _drop_unit_items(self, uid: int) -> None:
        for store in (self.outline_items, self.seat_items):
            item = store.pop(uid, None)
            if item is not None:
                self._scene.removeItem(item)

    def _update_unit_items(self, uid: int) -> None:
        """Outline and seat marker of one unit (none for a town alone in its unit)."""
        plan = self.project.plan
        if len(plan.units[uid].members) <= 1:
            self._drop_unit_items(uid)
            return
        outline = self.outlines.get(uid)
        path = paths_from_vertices(ring_vertices(np.array([outline.geometry], dtype=object)))[0]
        item = self.outline_items.get(uid)
        if item is None:
            item = QGraphicsPathItem()
            item.setZValue(Z_OUTLINES)
            item.setBrush(Qt.BrushStyle.NoBrush)
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self._scene.addItem(item)
            self.outline_items[uid] = item
        item.setPen(self.unit_pen if self._detail else self.unit_pen_overview)
        item.setPath(path)
        seat = plan.seat_of(uid)
        x, y = self.outlines.town_points[seat]
        marker = self.seat_items.get(uid)
        if marker is None:
            marker = QGraphicsPathItem(_star(6.5))
            marker.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
            marker.setZValue(Z_SEATS)
            marker.setBrush(QColor("#c92a2a"))
            marker.setPen(_cosmetic("white", 1.0))
            marker.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self._scene.addItem(marker)
            self.seat_items[uid] = marker
        marker.setPos(float(x), -float(y))

    def _on_selection_changed(self, towns: frozenset[int]) -> None:
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.WindingFill)
        for t in sorted(towns):
            path.addPath(self._paths[t])
        self.selection_item.setPath(path)

    # -- reference layers -------------------------------------------------------------
    def _on_references_changed(self) -> None:
        for item in self.reference_items:
            self._scene.removeItem(item)
        self.reference_items = []
        for ref in self.project.references:
            self._add_reference_item(ref)

    def _add_reference_item(self, ref: ReferenceLayer) -> None:
        geoms = np.asarray(ref.geometry, dtype=object)
        if len(geoms) == 0:
            return
        style = dict(ref.meta.get("style", {})) if isinstance(ref.meta, dict) else {}
        color = QColor(style.get("color", "#c2255c" if ref.kind == "line" else "#495057"))
        item = QGraphicsPathItem()
        if ref.kind == "point":
            path = QPainterPath()
            r = max(self._extent.width(), self._extent.height()) / 400.0
            for x, y in label_points(geoms):
                path.addEllipse(QPointF(float(x), -float(y)), r, r)
            item.setPath(path)
            item.setBrush(color)
            item.setPen(_cosmetic("white", 0.8))
        else:
            path = QPainterPath()
            for p in paths_from_vertices(ring_vertices(geoms)):
                path.addPath(p)
            item.setPath(path)
            width = float(style.get("width", 2.5 if ref.kind == "line" else 1.0))
            dash = Qt.PenStyle.DashDotLine if style.get("dash") else Qt.PenStyle.SolidLine
            item.setPen(_cosmetic(color, width, dash))
            if ref.kind == "polygon":
                fill = QColor(color)
                fill.setAlpha(40)
                item.setBrush(fill)
            else:
                item.setBrush(Qt.BrushStyle.NoBrush)
        item.setZValue(Z_REF_ABOVE if ref.above else Z_REF_BELOW)
        item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        item.setToolTip(ref.name)
        self._scene.addItem(item)
        self.reference_items.append(item)

    # -- view state: zoom, level of detail ---------------------------------------------
    def metres_per_pixel(self) -> float:
        m = self.transform().m11()
        return 1.0 / m if m else 1.0

    def scale_denominator(self) -> float:
        """N of the map scale 1:N on this screen (metres per pixel over pixel size)."""
        dpi = self.logicalDpiX() or 96
        return self.metres_per_pixel() * dpi / 0.0254

    def _view_changed(self) -> None:
        self._apply_lod()
        self.scale_changed.emit(self.scale_denominator())
        self._label_timer.start()

    def _apply_lod(self, force: bool = False) -> None:
        if self.project is None:
            return
        mpp = self.metres_per_pixel()
        self._town_px = self._typical_town_m / mpp
        detail = self._town_px >= DETAIL_PX
        if not self._exact_paths and mpp < self._coarse_tol * 1.5:
            # closer than the simplified paths are good for: swap in exact ones (once)
            if self._paths_exact is None:
                self._paths_exact = TownPaths(ring_vertices(self.project.layer.geometry_m))
            self._paths = self._paths_exact
            if len(self.hatch_items) > 200:
                # many hatched towns: one stream for every path beats one per town
                # (19,000 hatched towns: 0.3 s instead of 0.6 s)
                self._paths.all()
            if self._items is not None:
                for item, path in zip(self._items, self._paths.all(), strict=True):
                    item.setPath(path)
            for t, item in self.hatch_items.items():
                item.setPath(self._paths[t])
            self._exact_paths = True
            if self.parent_item is not None:
                self._add_parent_item(exact=True)
        use_image = False
        if self.overview is not None:
            # far out: the image; closer than its resolution allows: the paths
            use_image = mpp >= self.overview.mpp * 0.75
            self.overview.setVisible(use_image)
            self._towns_layer.setVisible(not use_image)
            self._hatch_layer.setVisible(not use_image)  # the image has the hatch too
        if detail != self._detail or force:
            self._detail = detail
            self._style_towns(range(len(self._paths)))
            pen = self.unit_pen if detail else self.unit_pen_overview
            for item in self.outline_items.values():
                item.setPen(pen)
            if self.parent_item is not None:
                self.parent_item.setPen(self.parent_pen if detail else self.parent_pen_overview)
        if not use_image and self._items is None:
            self._build_items()  # the first view closer than the overview image

    def zoom_to_rect(self, rect: QRectF, margin: float = 0.05) -> None:
        self._auto_fit = False
        if rect.isNull() or rect.isEmpty():
            rect = QRectF(rect.center() - QPointF(500, 500), rect.center() + QPointF(500, 500))
        m = max(rect.width(), rect.height()) * margin
        self.fitInView(rect.adjusted(-m, -m, m, m), Qt.AspectRatioMode.KeepAspectRatio)
        self._view_changed()

    def zoom_to_all(self) -> None:
        if self.project is not None:
            self.zoom_to_rect(self._extent, 0.03)
            # keep fitting while the window is being laid out, until the user zooms or pans
            self._auto_fit = True

    def towns_rect(self, towns: Iterable[int]) -> QRectF:
        rect = QRectF()
        for t in towns:
            rect = rect.united(self._paths[t].boundingRect())
        return rect

    def zoom_to_towns(self, towns: Iterable[int]) -> bool:
        towns = list(towns)
        if not towns:
            return False
        self.zoom_to_rect(self.towns_rect(towns), 0.15)
        return True

    def zoom_to_selection(self) -> bool:
        return self.zoom_to_towns(self.project.selection.towns) if self.project else False

    def zoom_to_unit(self, uid: int) -> None:
        x0, y0, x1, y1 = self.outlines.get(uid).bounds
        self.zoom_to_rect(QRectF(x0, -y1, x1 - x0, y1 - y0), 0.15)

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        self._auto_fit = False
        mpp = self.metres_per_pixel()
        lo = 0.02  # metres per pixel at the closest zoom
        hi = max(self._extent.width(), self._extent.height()) / 50.0
        factor = min(max(factor, mpp / hi), mpp / lo)
        if anchor is not None:
            before = self.mapToScene(anchor.toPoint())
            old = self.transformationAnchor()
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
            self.scale(factor, factor)
            after = self.mapToScene(anchor.toPoint())
            d = after - before
            self.translate(d.x(), d.y())
            self.setTransformationAnchor(old)
        else:
            self.scale(factor, factor)
        self._view_changed()

    def wheelEvent(self, event: QWheelEvent) -> None:
        dy = event.angleDelta().y()
        if dy == 0 or self.project is None:
            return
        self.zoom_by(1.0015**dy, event.position())
        event.accept()

    def resizeEvent(self, event: QEvent) -> None:
        super().resizeEvent(event)
        if self._auto_fit:
            self.zoom_to_all()
        self._label_timer.start()

    # -- labels -----------------------------------------------------------------------
    def _units_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """Unit ids and areas (m²; -1 for a unit that no longer exists).

        Built once per project and then kept up to date for the units a change touched
        (``_update_unit_areas``): reading 40,000 units' statistics again after every
        drop cost ~15 ms.
        """
        if self._unit_cache is None:
            plan = self.project.plan
            uids = np.fromiter(plan.units.keys(), dtype=np.int64, count=len(plan.units))
            area = np.fromiter(
                (plan.stats(u).area_km2 for u in uids.tolist()), dtype=float, count=len(uids)
            )
            self._unit_cache = (uids, area * 1e6)
            self._unit_pos = {u: k for k, u in enumerate(uids.tolist())}
        return self._unit_cache

    def _update_unit_areas(self, change: PlanChange) -> None:
        if self._unit_cache is None:
            return
        uids, area = self._unit_cache
        pos, plan = self._unit_pos, self.project.plan
        for uid in change.removed:
            k = pos.get(uid)
            if k is not None:
                area[k] = -1.0
        new_ids, new_area = [], []
        for uid in change.touched | change.added:
            unit_area = plan.stats(uid).area_km2 * 1e6 if uid in plan.units else -1.0
            k = pos.get(uid)
            if k is None:
                if unit_area >= 0:
                    pos[uid] = len(uids) + len(new_ids)
                    new_ids.append(uid)
                    new_area.append(unit_area)
            else:
                area[k] = unit_area
        if new_ids:
            self._unit_cache = (
                np.concatenate([uids, np.asarray(new_ids, dtype=np.int64)]),
                np.concatenate([area, np.asarray(new_area, dtype=float)]),
            )

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def relayout_labels(self) -> None:
        """Place unit names (town names when zoomed in): largest first, no overlaps.

        Items of the previous layout are reused for the same text and style (only moved),
        so a relayout after an edit repaints from their cached pixmaps.
        """
        pool: dict[tuple, list[LabelItem]] = {}
        for item in self.label_items:
            pool.setdefault((item.text, id(item.font), item.color.rgba(), item.dy), []).append(item)
        self.label_items = []
        if self.project is None:
            for items in pool.values():
                for item in items:
                    self._scene.removeItem(item)
            return
        plan, layer = self.project.plan, self.project.layer
        mpp = self.metres_per_pixel()
        view = self.visible_scene_rect()
        placed: list[QRectF] = []
        # seat stars are drawn first: labels keep clear of them
        for marker in self.seat_items.values():
            if view.contains(marker.pos()):
                vp = self.mapFromScene(marker.pos())
                placed.append(QRectF(vp.x() - 7, vp.y() - 7, 14, 14))
        fm_unit = QFontMetricsF(self.unit_font)
        fm_town = QFontMetricsF(self.town_font)
        uids, area = self._units_arrays()
        # a label needs room: the unit must be about as big as a short name on screen
        min_area = (fm_unit.height() * 2.2 * mpp) ** 2
        big = np.flatnonzero(area >= min_area)
        big = big[np.argsort(-area[big], kind="stable")][:2000]
        limit = 400

        def place(
            text: str,
            x: float,
            y: float,
            fm: QFontMetricsF,
            font: QFont,
            color: str,
            dy: float = 0.0,
        ) -> bool:
            sx, sy = x, -y
            if not view.contains(QPointF(sx, sy)):
                return False
            vp = self.mapFromScene(QPointF(sx, sy))
            w = fm.horizontalAdvance(text) + 6
            h = fm.height() + 2
            rect = QRectF(vp.x() - w / 2, vp.y() - h / 2 + dy, w, h)
            for other in placed:
                if rect.intersects(other):
                    return False
            placed.append(rect)
            qcolor = QColor(color)
            reuse = pool.get((text, id(font), qcolor.rgba(), dy))
            if reuse:
                item = reuse.pop()
            else:
                item = LabelItem(text, font, qcolor, dy)
                self._scene.addItem(item)
            item.setPos(sx, sy)
            self.label_items.append(item)
            return True

        for k in big.tolist():
            uid = int(uids[k])
            unit = plan.units[uid]
            x, y = self.outlines.get(uid).label_xy
            w_px = fm_unit.horizontalAdvance(unit.name)
            if w_px * mpp > 1.6 * math.sqrt(area[k]) and len(unit.members) == 1:
                continue  # a lone town too small for its name
            # when the label point is taken (usually by the unit's own seat star), try
            # just below it, then just above, before giving the label up
            step = fm_unit.height() * 0.95
            for dy in (0.0, step, -step):
                if place(unit.name, x, y, fm_unit, self.unit_font, "#1b1b1b", dy):
                    break
            if len(placed) >= limit:
                break
        if self._town_px >= TOWN_LABEL_PX and len(placed) < limit:
            pts = self.outlines.town_points
            x0, x1 = view.left(), view.right()
            y0, y1 = -view.bottom(), -view.top()
            inside = np.flatnonzero(
                (pts[:, 0] >= x0) & (pts[:, 0] <= x1) & (pts[:, 1] >= y0) & (pts[:, 1] <= y1)
            )
            inside = inside[np.argsort(-layer.area_km2[inside], kind="stable")][:1500]
            seats = {plan.seat_of(u) for u in self.seat_items}
            for t in inside.tolist():
                if len(plan.units[int(plan.unit_of[t])].members) == 1:
                    continue  # its unit label already names it
                x, y = pts[t]
                # a seat town's name goes under its star
                dy = fm_town.height() * 0.5 + 6 if t in seats else 0.0
                place(str(layer.names[t]), x, y, fm_town, self.town_font, "#343a40", dy)
                if len(placed) >= limit:
                    break
        for items in pool.values():  # labels no longer placed
            for item in items:
                self._scene.removeItem(item)

    # -- hit testing ------------------------------------------------------------------
    def town_at(self, pos: QPointF | QPoint) -> int:
        """The town under a viewport pixel, -1 for none."""
        if self.project is None:
            return -1
        p = pos.toPoint() if isinstance(pos, QPointF) else pos
        sp = self.mapToScene(p)
        return self.town_index.town_at(sp.x(), -sp.y())

    def town_view_pos(self, town: int) -> QPoint:
        """A viewport pixel inside a town (its label point), for tests and tools."""
        x, y = self.outlines.town_points[town]
        return self.mapFromScene(QPointF(float(x), -float(y)))

    def towns_in_rect(self, rect: QRectF) -> list[int]:
        """Towns meeting a scene rectangle."""
        found = self.town_index.towns_in_box(rect.left(), -rect.bottom(), rect.right(), -rect.top())
        return found.tolist()

    def drag_distance(self) -> int:
        return QApplication.startDragDistance()

    # -- feedback used by tools -------------------------------------------------------
    def push(self, command: object) -> object:
        if self.push_command is None:
            return command.redo(self.project.plan)
        return self.push_command(command)

    def _union_path(self, towns: Iterable[int]) -> QPainterPath:
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.WindingFill)
        for t in towns:
            path.addPath(self._paths[int(t)])
        return path

    def show_dragged(self, towns: np.ndarray, preview: bool = True) -> None:
        self.dragged_item.setPath(self._union_path(towns.tolist()))

    def show_drop_target(self, uid: int, towns: np.ndarray) -> None:
        """Highlight unit ``uid`` as the drop target and publish the preview (-1 = none)."""
        if uid < 0:
            self.target_item.setPath(QPainterPath())
            if self._preview_uid >= 0:
                self._preview_uid = -1
                self.drag_preview_cleared.emit()
            return
        outline = self.outlines.get(uid)
        path = paths_from_vertices(ring_vertices(np.array([outline.geometry], dtype=object)))[0]
        self.target_item.setPath(path)
        if len(towns):
            self.publish_preview(uid, towns)

    def publish_preview(self, uid: int, towns: np.ndarray) -> None:
        self._preview_uid = uid
        self.drag_preview.emit(uid, towns)
        if self.window() is not None and hasattr(self.window(), "status"):
            pop, area, n = preview_assign(self.project.plan, towns, uid)
            name = self.project.plan.units[uid].name
            self.window().status.message(
                self.tr(
                    "{unit}: {n} towns, population {pop:,.0f}, {area:,.1f} km² after the drop"
                ).format(unit=name, n=n, pop=pop, area=area)
            )

    def clear_drag(self) -> None:
        self.target_item.setPath(QPainterPath())
        self.dragged_item.setPath(QPainterPath())
        if self._preview_uid >= 0:
            self._preview_uid = -1
            self.drag_preview_cleared.emit()

    def show_band(self, rect: QRectF) -> None:
        self.band_item.setRect(rect)
        self.band_item.setVisible(True)

    def hide_band(self) -> None:
        self.band_item.setVisible(False)

    def _show_hover(self, town: int) -> None:
        self.hover_item.setPath(self._paths[town] if town >= 0 else QPainterPath())

    def set_tool(self, name: str) -> None:
        self.tool.cancel()
        self.tool = self.tools[name]
        self.viewport().setCursor(self.tool.cursor)

    # -- events -----------------------------------------------------------------------
    def _map_event(self, event: QMouseEvent) -> MapEvent:
        pos = event.position()
        return MapEvent(
            pos=QPointF(pos),
            scene=self.mapToScene(pos.toPoint()),
            town=self.town_at(pos),
            button=event.button(),
            modifiers=event.modifiers(),
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.project is None:
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        btn = event.button()
        if btn == Qt.MouseButton.MiddleButton or (btn == Qt.MouseButton.LeftButton and self._space):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if btn == Qt.MouseButton.LeftButton:
            self.tool.press(self._map_event(event))
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.project is None:
            return
        pos = event.position().toPoint()
        if self._pan_from is not None:
            d = pos - self._pan_from
            self._pan_from = pos
            self._auto_fit = False
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - d.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - d.y())
            self._label_timer.start()
            return
        e = self._map_event(event)
        if e.town != self.hover_town:
            self.hover_town = e.town
            self._show_hover(e.town)
            self.town_hovered.emit(e.town)
        if self._to_source is not None:
            x, y = self._to_source.transform(e.scene.x(), -e.scene.y())
            self.cursor_moved.emit(float(x), float(y))
        self.tool.move(e)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.project is None:
            return
        if self._pan_from is not None and event.button() in (
            Qt.MouseButton.MiddleButton,
            Qt.MouseButton.LeftButton,
        ):
            self._pan_from = None
            self.viewport().setCursor(
                Qt.CursorShape.OpenHandCursor if self._space else self.tool.cursor
            )
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self.tool.release(self._map_event(event))
            return
        super().mouseReleaseEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self.hover_town != -1 and not self.tool.active:
            self.hover_town = -1
            self._show_hover(-1)
            self.town_hovered.emit(-1)
        super().leaveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.tool.active:
            self.tool.cancel()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self._pan_from = None
            self.viewport().setCursor(self.tool.cursor)
            event.accept()
            return
        super().keyReleaseEvent(event)

    def contextMenuEvent(self, event: QEvent) -> None:
        if self.project is None:
            return
        town = self.town_at(event.pos())
        self.context_menu_requested.emit(town, event.globalPos())
        event.accept()

    def paintEvent(self, event: QEvent) -> None:
        super().paintEvent(event)
        if self._drawn_pending:
            self._drawn_pending = False
            QTimer.singleShot(0, self.drawn.emit)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._label_timer.start()
