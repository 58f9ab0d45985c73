"""The side panel: merged units, county summary, warnings and the town under the cursor.

``install(window)`` creates the docks, adds their toggle actions to View, connects the
canvas' hover and drag-preview signals, and rebinds every dock when the window opens
another project (``window.project_changed``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt

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
        window.resizeDocks([self.units], [560], Qt.Orientation.Horizontal)
        window.resizeDocks(
            [self.units, self.summary, self.warnings], [520, 150, 200], Qt.Orientation.Vertical
        )
        view = getattr(window, "menus", {}).get("view")
        if view is not None:
            view.addSeparator()
            for dock in self.all():
                view.addAction(dock.toggleViewAction())
        self._canvas = None
        self._connect_canvas()
        window.project_changed.connect(self.set_project)

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


def install(window: object) -> Docks:
    """Create the docks on ``window`` (see module docstring); returns them."""
    docks = Docks(window)
    window.docks = docks
    return docks
