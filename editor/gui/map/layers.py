"""Hatch of units breaking a rule, facility dots and reference layers"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from PySide6.QtCore import (
    QPointF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QPainterPath,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsPathItem,
)

from editor.core.outline import (
    label_points,
    ring_vertices,
)
from editor.core.project import ReferenceLayer
from editor.gui.map.items import (
    FacilityItem,
    paths_from_vertices,
)
from editor.gui.map.style import (
    FACILITY_COLORS,
    NO_PEN,
    Z_REF_ABOVE,
    Z_REF_BELOW,
    cosmetic_pen,
)


class MapLayersMixin:
    """Hatch of units breaking a rule, facility dots and reference layers (a part of :class:`~editor.gui.map.view.MapCanvas`)."""

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
            item.setPen(cosmetic_pen("white", 0.8))
        else:
            path = QPainterPath()
            for p in paths_from_vertices(ring_vertices(geoms)):
                path.addPath(p)
            item.setPath(path)
            width = float(style.get("width", 2.5 if ref.kind == "line" else 1.0))
            dash = Qt.PenStyle.DashDotLine if style.get("dash") else Qt.PenStyle.SolidLine
            item.setPen(cosmetic_pen(color, width, dash))
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
