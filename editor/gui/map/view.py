"""The map canvas: towns filled by merged unit, unit outlines, labels, and map tools.

The view is assembled from parts (:mod:`.layers`, :mod:`.navigation`, :mod:`.labels`,
:mod:`.interaction`); its items are in :mod:`.items`, its styles in :mod:`.style`,
the gestures in :mod:`.tools`.

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
from collections.abc import Callable, Iterable

import numpy as np
from PySide6.QtCore import (
    QEvent,
    QPoint,
    QRectF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QWidget,
)

from editor.core.outline import (
    TownIndex,
    UnitOutlines,
    count_vertices,
    ring_vertices,
    total_bounds,
)
from editor.core.parents import parent_boundaries
from editor.core.plan import PlanChange
from editor.core.project import Project
from editor.core.reference import metric_to_source
from editor.gui.colors import UnitColors
from editor.gui.map.interaction import InteractionMixin
from editor.gui.map.items import (
    FacilityItem,
    LabelItem,
    MapLayer,
    OverviewItem,
    TownPaths,
    paths_from_vertices,
)
from editor.gui.map.labels import LabelsMixin
from editor.gui.map.layers import MapLayersMixin
from editor.gui.map.navigation import NavigationMixin
from editor.gui.map.style import (
    DETAIL_PX,
    HATCH_COLOR,
    NO_PEN,
    OVERVIEW_TOWNS,
    SIMPLIFY_VERTICES,
    Z_BAND,
    Z_HATCH,
    Z_HOVER,
    Z_OUTLINES,
    Z_PARENTS,
    Z_SEATS,
    Z_SELECTION,
    Z_TARGET,
    cosmetic_pen,
    star_path,
)
from editor.gui.map.tools import MapTool, PaintTool, SelectTool

log = logging.getLogger(__name__)


class MapCanvas(InteractionMixin, LabelsMixin, NavigationMixin, MapLayersMixin, QGraphicsView):
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
        self._hatch_layer: MapLayer | None = None
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
        self._towns_layer: MapLayer | None = None
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
        self.town_pen = cosmetic_pen(QColor(70, 70, 70, 150), 0.6)
        self.unit_pen = cosmetic_pen(QColor(35, 35, 35), 2.0)
        self.unit_pen_overview = cosmetic_pen(QColor(35, 35, 35, 200), 1.0)
        # township lines (village layers): wider than any village or unit line, dashed,
        # so they show as a band either side of the unit outline drawn over them
        self.parent_pen = cosmetic_pen(QColor(45, 45, 45, 190), 5.0, Qt.PenStyle.DashLine)
        self.parent_pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        self.parent_pen_overview = cosmetic_pen(QColor(45, 45, 45, 190), 3.0, Qt.PenStyle.DashLine)
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
            Z_SELECTION, cosmetic_pen("#1f5fd6", 1.6), QColor(40, 110, 255, 85)
        )
        self.hover_item = overlay(Z_HOVER, cosmetic_pen("#0b2e6f", 2.2), QColor(255, 255, 255, 70))
        self.target_item = overlay(Z_TARGET, cosmetic_pen("#e8590c", 3.5), QColor(255, 140, 0, 70))
        self.dragged_item = overlay(
            Z_TARGET + 0.5,
            cosmetic_pen("#7a1fa2", 1.5, Qt.PenStyle.DashLine),
            QColor(120, 30, 160, 90),
        )
        self.band_item = QGraphicsRectItem()
        self.band_item.setZValue(Z_BAND)
        self.band_item.setPen(cosmetic_pen("#1f5fd6", 1.0, Qt.PenStyle.DashLine))
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
        paths = self._drawing_paths(layer)
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
        self._towns_layer = MapLayer()
        sc.addItem(self._towns_layer)
        self._paths = paths
        if layer.n <= OVERVIEW_TOWNS:
            self._build_items()  # else on first need: the overview image draws far out
        self._hatch_layer = MapLayer()
        self._hatch_layer.setZValue(Z_HATCH)
        sc.addItem(self._hatch_layer)
        self._hatch_units = project.checker.units_in_violation()
        hatched = [t for u in self._hatch_units for t in plan.units[u].members]
        for t in hatched:
            self._add_hatch(t)
        self.overview = None
        if layer.n > OVERVIEW_TOWNS:
            self._add_overview(paths)
        self._add_parent_item(exact=self._exact_paths)
        margin = max(self._extent.width(), self._extent.height())
        self.setSceneRect(self._extent.adjusted(-margin, -margin, margin, margin))
        for uid in plan.units:
            if len(plan.units[uid].members) > 1:
                self._update_unit_items(uid)
        for ref in project.references:
            self._add_reference_item(ref)
        self._on_facilities_changed()
        self._connect(project)
        self.zoom_to_all()
        self._on_selection_changed(project.selection.towns)
        self._drawn_pending = True
        self.viewport().update()

    def _drawing_paths(self, layer: object) -> TownPaths:
        """The towns' drawing paths: exact, or on a layer with many vertices simplified
        to half a pixel at full extent (exact paths come in when zooming closer)."""
        full_mpp = max(self._extent.width() / 1600.0, self._extent.height() / 1000.0)
        self._paths_exact = None
        self._exact_vertices = None
        if int(count_vertices(layer.geometry_m)) > SIMPLIFY_VERTICES:
            self._coarse_tol = full_mpp * 0.5
            self._exact_paths = False
            return TownPaths(ring_vertices(layer.geometry_m, self._coarse_tol))
        self._coarse_tol = 0.0
        self._exact_paths = True
        self._paths_exact = TownPaths(ring_vertices(layer.geometry_m))
        return self._paths_exact

    def _add_overview(self, paths: TownPaths) -> None:
        """The raster overview of a large layer: one fill per colour, and the hatch."""
        layer, plan = self.project.layer, self.project.plan
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
        self._scene.addItem(self.overview)

    def _connect(self, project: Project) -> None:
        """Follow the project's plan, rule checks, selection and layers."""
        project.plan.events.changed.connect(self._on_plan_changed)
        project.checker.changed.connect(self._on_violations_changed)
        project.selection.changed.connect(self._on_selection_changed)
        project.references_changed.connect(self._on_references_changed)
        project.facilities_changed.connect(self._on_facilities_changed)

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
            marker = QGraphicsPathItem(star_path(6.5))
            marker.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
            marker.setZValue(Z_SEATS)
            marker.setBrush(QColor("#c92a2a"))
            marker.setPen(cosmetic_pen("white", 1.0))
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
