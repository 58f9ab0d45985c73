"""Unit and town name labels, placed largest first without overlaps"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import (
    QPointF,
    QRectF,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
)

from editor.core.plan import PlanChange
from editor.gui.map.items import (
    LabelItem,
)
from editor.gui.map.style import (
    TOWN_LABEL_PX,
)


class LabelsMixin:
    """Unit and town name labels, placed largest first without overlaps (a part of :class:`~editor.gui.map.view.MapCanvas`)."""

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
        placer = _LabelPlacer(self)
        if self.project is not None:
            # seat stars are drawn first: labels keep clear of them
            for marker in self.seat_items.values():
                if placer.view.contains(marker.pos()):
                    vp = self.mapFromScene(marker.pos())
                    placer.placed.append(QRectF(vp.x() - 7, vp.y() - 7, 14, 14))
            self._place_unit_labels(placer)
            if self._town_px >= TOWN_LABEL_PX and not placer.full():
                self._place_town_labels(placer)
        self.label_items = placer.items
        placer.drop_unused()

    def _place_unit_labels(self, placer: _LabelPlacer) -> None:
        plan = self.project.plan
        mpp = self.metres_per_pixel()
        fm_unit = QFontMetricsF(self.unit_font)
        uids, area = self._units_arrays()
        # a label needs room: the unit must be about as big as a short name on screen
        min_area = (fm_unit.height() * 2.2 * mpp) ** 2
        big = np.flatnonzero(area >= min_area)
        big = big[np.argsort(-area[big], kind="stable")][:2000]
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
                if placer.place(unit.name, x, y, fm_unit, self.unit_font, "#1b1b1b", dy):
                    break
            if placer.full():
                break

    def _place_town_labels(self, placer: _LabelPlacer) -> None:
        plan, layer = self.project.plan, self.project.layer
        fm_town = QFontMetricsF(self.town_font)
        view = placer.view
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
            placer.place(str(layer.names[t]), x, y, fm_town, self.town_font, "#343a40", dy)
            if placer.full():
                break


class _LabelPlacer:
    """One label layout: screen rectangles taken so far, and the previous layout's
    items by (text, font, colour, offset) to reuse."""

    LIMIT = 400  # labels on screen at most

    def __init__(self, canvas: object):
        self.canvas = canvas
        self.view = canvas.visible_scene_rect()
        self.placed: list[QRectF] = []
        self.items: list[LabelItem] = []
        self.pool: dict[tuple, list[LabelItem]] = {}
        for item in canvas.label_items:
            key = (item.text, id(item.font), item.color.rgba(), item.dy)
            self.pool.setdefault(key, []).append(item)

    def full(self) -> bool:
        return len(self.placed) >= self.LIMIT

    def place(
        self, text: str, x: float, y: float, fm: QFontMetricsF, font: QFont, color: str, dy=0.0
    ) -> bool:
        """Put ``text`` at map point (x, y) unless it would overlap a placed label."""
        sx, sy = x, -y
        if not self.view.contains(QPointF(sx, sy)):
            return False
        vp = self.canvas.mapFromScene(QPointF(sx, sy))
        w = fm.horizontalAdvance(text) + 6
        h = fm.height() + 2
        rect = QRectF(vp.x() - w / 2, vp.y() - h / 2 + dy, w, h)
        if any(rect.intersects(other) for other in self.placed):
            return False
        self.placed.append(rect)
        qcolor = QColor(color)
        reuse = self.pool.get((text, id(font), qcolor.rgba(), dy))
        if reuse:
            item = reuse.pop()
        else:
            item = LabelItem(text, font, qcolor, dy)
            self.canvas._scene.addItem(item)
        item.setPos(sx, sy)
        self.items.append(item)
        return True

    def drop_unused(self) -> None:
        """Remove the previous layout's labels that were not placed again."""
        for items in self.pool.values():
            for item in items:
                self.canvas._scene.removeItem(item)
