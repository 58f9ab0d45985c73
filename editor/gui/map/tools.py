"""Map tools: turn mouse gestures on the canvas into selections and core commands.

The canvas converts each Qt mouse event into a :class:`MapEvent` (view pixel, scene
point, the town under it, button and modifiers) and hands it to the active tool, so a
tool can be driven in tests with synthetic events. Tools never edit the plan: a
finished gesture builds one core command and calls ``canvas.push``; a gesture that is
cancelled (Esc) leaves no trace.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt

from editor.core.commands import AssignTowns

if TYPE_CHECKING:
    from editor.gui.map.view import MapCanvas


@dataclass
class MapEvent:
    """A mouse event in map terms."""

    pos: QPointF  # viewport pixels
    scene: QPointF  # scene coordinates (metric x, -y)
    town: int  # town under the cursor, -1 for none
    button: Qt.MouseButton = Qt.MouseButton.NoButton
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier


class MapTool:
    """Base class: every handler is optional; ``cancel`` drops a gesture in progress."""

    name = "tool"
    cursor = Qt.CursorShape.ArrowCursor

    def __init__(self, canvas: MapCanvas):
        self.canvas = canvas

    @property
    def active(self) -> bool:
        """True while a gesture is in progress (Esc cancels it)."""
        return False

    def press(self, e: MapEvent) -> None:
        pass

    def move(self, e: MapEvent) -> None:
        pass

    def release(self, e: MapEvent) -> None:
        pass

    def cancel(self) -> None:
        pass


class SelectTool(MapTool):
    """Click, Ctrl-click, rubber band; press on a town and drag it onto another to merge.

    States: idle → pressed (on a town) → dragging (moved beyond the drag distance)
    → release pushes ``AssignTowns`` (one undo step); idle → banding (pressed on empty
    space or with Shift) → release selects the towns the band touches.
    """

    name = "select"

    def __init__(self, canvas: MapCanvas):
        super().__init__(canvas)
        self.state = "idle"
        self.pressed_town = -1
        self.press_pos = QPointF()
        self.dragged: np.ndarray = np.empty(0, dtype=np.int64)
        self.target_unit = -1

    @property
    def active(self) -> bool:
        return self.state in ("pressed", "dragging", "banding")

    def press(self, e: MapEvent) -> None:
        if e.button != Qt.MouseButton.LeftButton:
            return
        self.press_pos = QPointF(e.pos)
        shift = bool(e.modifiers & Qt.KeyboardModifier.ShiftModifier)
        if e.town >= 0 and not shift:
            self.state = "pressed"
            self.pressed_town = e.town
        else:
            self.state = "banding"
            self.canvas.show_band(QRectF(e.scene, e.scene))

    def move(self, e: MapEvent) -> None:
        if self.state == "pressed":
            if (e.pos - self.press_pos).manhattanLength() < self.canvas.drag_distance():
                return
            selection = self.canvas.project.selection
            if self.pressed_town in selection:
                self.dragged = selection.array()
            else:
                self.dragged = np.array([self.pressed_town], dtype=np.int64)
            self.state = "dragging"
            self.target_unit = -1
            self.canvas.show_dragged(self.dragged)
        if self.state == "dragging":
            self._update_target(e.town)
        elif self.state == "banding":
            start = self.canvas.mapToScene(self.press_pos.toPoint())
            self.canvas.show_band(QRectF(start, e.scene).normalized())

    def _update_target(self, town: int) -> None:
        plan = self.canvas.project.plan
        uid = -1
        if town >= 0:
            uid = int(plan.unit_of[town])
            # dropping towns on their own unit changes nothing
            if np.all(plan.unit_of[self.dragged] == uid):
                uid = -1
        if uid == self.target_unit:
            return
        self.target_unit = uid
        self.canvas.show_drop_target(uid, self.dragged)

    def release(self, e: MapEvent) -> None:
        if e.button != Qt.MouseButton.LeftButton:
            return
        state, self.state = self.state, "idle"
        canvas = self.canvas
        selection = canvas.project.selection
        ctrl = bool(e.modifiers & Qt.KeyboardModifier.ControlModifier)
        if state == "pressed":
            if ctrl:
                selection.toggle(self.pressed_town)
            else:
                selection.set([self.pressed_town])
        elif state == "dragging":
            self._update_target(e.town)
            uid, towns = self.target_unit, self.dragged
            canvas.clear_drag()
            if uid >= 0:
                plan = canvas.project.plan
                moving = towns[plan.unit_of[towns] != uid]
                if len(moving):
                    canvas.push(AssignTowns(moving, uid))
        elif state == "banding":
            start = canvas.mapToScene(self.press_pos.toPoint())
            rect = QRectF(start, e.scene).normalized()
            canvas.hide_band()
            if rect.width() == 0 and rect.height() == 0:
                if not ctrl and not (e.modifiers & Qt.KeyboardModifier.ShiftModifier):
                    selection.clear()
                return
            towns = canvas.towns_in_rect(rect)
            if ctrl or e.modifiers & Qt.KeyboardModifier.ShiftModifier:
                selection.add(towns)
            else:
                selection.set(towns)
        self.pressed_town = -1
        self.target_unit = -1

    def cancel(self) -> None:
        state, self.state = self.state, "idle"
        if state == "dragging":
            self.canvas.clear_drag()
        elif state == "banding":
            self.canvas.hide_band()
        self.pressed_town = -1
        self.target_unit = -1


class PaintTool(MapTool):
    """Sweep towns into the unit under the first press; one ``AssignTowns`` at release."""

    name = "paint"
    cursor = Qt.CursorShape.CrossCursor

    def __init__(self, canvas: MapCanvas):
        super().__init__(canvas)
        self.unit = -1
        self.swept: list[int] = []
        self._seen: set[int] = set()
        self.last_pos = QPointF()

    @property
    def active(self) -> bool:
        return self.unit >= 0

    def press(self, e: MapEvent) -> None:
        if e.button != Qt.MouseButton.LeftButton or e.town < 0:
            return
        self.unit = int(self.canvas.project.plan.unit_of[e.town])
        self.swept, self._seen = [], set()
        self.last_pos = QPointF(e.pos)
        self.canvas.show_drop_target(self.unit, np.empty(0, dtype=np.int64))
        self._add(e.town)

    def _add(self, town: int) -> None:
        if town < 0 or town in self._seen:
            return
        self._seen.add(town)
        if int(self.canvas.project.plan.unit_of[town]) != self.unit:
            self.swept.append(town)
            self.canvas.show_dragged(np.asarray(self.swept, dtype=np.int64))

    def move(self, e: MapEvent) -> None:
        if self.unit < 0:
            return
        # sample the segment since the last event so a fast sweep skips no town
        step = max(3.0, self.canvas.drag_distance() / 2)
        delta = e.pos - self.last_pos
        n = int(max(abs(delta.x()), abs(delta.y())) / step)
        for k in range(1, n + 1):
            p = self.last_pos + delta * (k / (n + 1))
            self._add(self.canvas.town_at(p))
        self._add(e.town)
        self.last_pos = QPointF(e.pos)
        if self.swept:
            self.canvas.publish_preview(self.unit, np.asarray(self.swept, dtype=np.int64))

    def release(self, e: MapEvent) -> None:
        if e.button != Qt.MouseButton.LeftButton or self.unit < 0:
            return
        self.move(e)
        unit, towns = self.unit, list(self.swept)
        self.unit = -1
        self.swept, self._seen = [], set()
        self.canvas.clear_drag()
        if towns:
            self.canvas.push(AssignTowns(towns, unit))

    def cancel(self) -> None:
        if self.unit >= 0:
            self.unit = -1
            self.swept, self._seen = [], set()
            self.canvas.clear_drag()
