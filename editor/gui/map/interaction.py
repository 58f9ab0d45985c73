"""Hit testing, drag feedback for the tools, and mouse and key events"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from PySide6.QtCore import (
    QEvent,
    QPoint,
    QPointF,
    QRectF,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QPainterPath,
)
from PySide6.QtWidgets import (
    QApplication,
)

from editor.core.outline import (
    ring_vertices,
)
from editor.core.preview import preview_assign
from editor.gui.docks import numbers
from editor.gui.map.items import (
    paths_from_vertices,
)
from editor.gui.map.tools import MapEvent


class InteractionMixin:
    """Hit testing, drag feedback for the tools, and mouse and key events (a part of :class:`~editor.gui.map.view.MapCanvas`)."""

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

    def show_dragged(self, towns: np.ndarray) -> None:
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
                    "{unit}: {n} towns, population {pop}, {area:,.1f} km² after the drop"
                ).format(unit=name, n=n, pop=numbers.population(pop), area=area)
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
