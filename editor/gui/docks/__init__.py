"""The side panel: merged units, county summary, warnings and the town under the cursor.

``install(window)`` creates the docks, adds their toggle actions to View, connects the
canvas' hover and drag-preview signals, and rebinds every dock when the window opens
another project (``window.project_changed``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer

from editor.gui.docks.info import InfoDock
from editor.gui.docks.summary import SummaryDock
from editor.gui.docks.units import UnitsDock
from editor.gui.docks.warnings import WarningsDock

__all__ = ["Docks", "InfoDock", "SummaryDock", "UnitsDock", "WarningsDock", "install"]


class Docks:
    """The window's docks, kept on ``window.docks``."""

    def __init__(self, window: object):
        self.window = window
        project = window.project
        zoom = self._zoom
        self.units = UnitsDock(project, window.push, zoom, window)
        self.summary = SummaryDock(project, window)
        self.warnings = WarningsDock(project, zoom, window)
        self.info = InfoDock(project, window)
        right = Qt.DockWidgetArea.RightDockWidgetArea
        for dock in (self.units, self.summary, self.warnings, self.info):
            window.addDockWidget(right, dock)
        window.tabifyDockWidget(self.warnings, self.info)
        self.warnings.raise_()
        self._size_docks()
        # sizes set before the window is shown are lost: once more when it is
        QTimer.singleShot(0, self._size_docks)
        view = getattr(window, "menus", {}).get("view")
        if view is not None:
            view.addSeparator()
            for dock in self.all():
                view.addAction(dock.toggleViewAction())
        self._canvas = None
        self._connect_canvas()
        window.project_changed.connect(self.set_project)

    def _size_docks(self) -> None:
        w = self.window
        width = max(560, min(660, int(w.width() * 0.37)))
        w.resizeDocks([self.units], [width], Qt.Orientation.Horizontal)
        h = max(w.height(), 600)
        w.resizeDocks(
            [self.units, self.summary, self.warnings],
            [int(h * 0.55), int(h * 0.16), int(h * 0.24)],
            Qt.Orientation.Vertical,
        )

    def all(self) -> list:
        return [self.units, self.summary, self.warnings, self.info]

    def _zoom(self, towns: list[int]) -> None:
        canvas = getattr(self.window, "canvas", None)
        zoom: Callable | None = getattr(canvas, "zoom_to_towns", None)
        if zoom is not None:
            zoom(towns)

    def _connect_canvas(self) -> None:
        canvas = getattr(self.window, "canvas", None)
        if canvas is None or canvas is self._canvas:
            return
        self._canvas = canvas
        if hasattr(canvas, "town_hovered"):
            canvas.town_hovered.connect(self.info.show_town)
        if hasattr(canvas, "drag_preview"):
            canvas.drag_preview.connect(self.units.show_preview)
        if hasattr(canvas, "drag_preview_cleared"):
            canvas.drag_preview_cleared.connect(self.units.clear_preview)

    def set_project(self, *_: object) -> None:
        project = self.window.project
        for dock in self.all():
            dock.set_project(project)
        self._connect_canvas()


def install(window: object) -> Docks | None:
    """Create the docks on ``window`` (see module docstring); returns them.

    A window without a project yet gets its docks when the first project arrives.
    """
    if getattr(window, "project", None) is None:

        def first(*_: object) -> None:
            if getattr(window, "docks", None) is None and window.project is not None:
                window.project_changed.disconnect(first)
                window.docks = Docks(window)

        window.docks = None
        window.project_changed.connect(first)
        return None
    docks = Docks(window)
    window.docks = docks
    return docks
