"""Zoom, scale and level of detail of the map"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import (
    QEvent,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsView,
)

from editor.core.outline import (
    ring_vertices,
)
from editor.gui.map.items import (
    TownPaths,
)
from editor.gui.map.style import (
    DETAIL_PX,
)


class NavigationMixin:
    """Zoom, scale and level of detail of the map (a part of :class:`~editor.gui.map.view.MapCanvas`)."""

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
