"""Facilities dock (legend) and File > Remove facility layer.

The dock lists each facility layer of the project (``project.facilities``) with its
categories, each with the dot colour the map draws it in and the number of points
(and how many lie outside every town). File > Remove facility layer ▸ has one entry
per layer; removing one goes through ``project.remove_facilities`` so the map, the
units dock and the legend follow.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDockWidget,
    QHeaderView,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

DOT_PX = 12


def layer_label(fac: object) -> str:
    """What the user knows a facility layer by: its file name, else its label."""
    source = getattr(fac, "source", None) or {}
    if source.get("path"):
        return Path(source["path"]).name
    return str(getattr(fac, "label", "") or "")


def category_counts(fac: object) -> dict[str, tuple[int, int]]:
    """Category -> (points, points outside every town), in order of first appearance."""
    cats = np.asarray(fac.categories).astype(str)
    outside = np.asarray(fac.town_of) < 0
    out = {}
    for cat in dict.fromkeys(cats.tolist()):
        hit = cats == cat
        out[cat] = (int(hit.sum()), int((hit & outside).sum()))
    return out


def _dot(color: QColor) -> QIcon:
    pix = QPixmap(DOT_PX, DOT_PX)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("#ffffff"))
    painter.setBrush(color)
    painter.drawEllipse(1, 1, DOT_PX - 2, DOT_PX - 2)
    painter.end()
    return QIcon(pix)


class FacilityLegend(QWidget):
    """The categories of the project's facility layers, coloured as on the map."""

    def __init__(self, window: object, parent: QWidget | None = None):
        super().__init__(parent)
        self.window = window
        self.setObjectName("facility_legend")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("facility_legend_tree")
        self.tree.setColumnCount(2)
        self.tree.setRootIsDecorated(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self.retranslate()

    def colors(self) -> dict[str, QColor]:
        """Category -> dot colour: the canvas's when there is one (what the map shows)."""
        canvas = getattr(self.window, "canvas", None)
        colors = getattr(canvas, "facility_colors", None)
        if callable(colors):
            return colors()
        from editor.gui.map import FACILITY_COLORS

        out: dict[str, QColor] = {}
        for fac in self._facilities():
            for cat in category_counts(fac):
                if cat not in out:
                    out[cat] = QColor(FACILITY_COLORS[len(out) % len(FACILITY_COLORS)])
        return out

    def _facilities(self) -> list:
        project = getattr(self.window, "project", None)
        return list(getattr(project, "facilities", None) or [])

    def refresh(self, *_: object) -> None:
        self.tree.clear()
        colors = self.colors()
        for fac in self._facilities():
            top = QTreeWidgetItem([layer_label(fac), str(len(fac))])
            top.setToolTip(0, str((getattr(fac, "source", None) or {}).get("path") or ""))
            self.tree.addTopLevelItem(top)
            for cat, (n, outside) in category_counts(fac).items():
                child = QTreeWidgetItem([cat, str(n)])
                color = colors.get(cat)
                if color is not None:
                    child.setIcon(0, _dot(color))
                if outside:
                    child.setToolTip(
                        1,
                        QCoreApplication.translate(
                            "FacilityLegend", "{n} of them outside every town"
                        ).format(n=outside),
                    )
                top.addChild(child)
            top.setExpanded(True)

    def retranslate(self) -> None:
        self.tree.setHeaderLabels(
            [
                QCoreApplication.translate("FacilityLegend", "Facility category"),
                QCoreApplication.translate("FacilityLegend", "Points"),
            ]
        )
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class FacilityPanel:
    """The Facilities dock and the File > Remove facility layer submenu of a window."""

    def __init__(self, window: object):
        self.window = window
        self._project = None
        self._count = 0
        self.legend = FacilityLegend(window)
        self.dock = QDockWidget(window)
        self.dock.setObjectName("dock_facilities")
        self.dock.setWidget(self.legend)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()  # shown when the first facility layer arrives
        view = window.menus.get("view")
        if view is not None:
            view.addAction(self.dock.toggleViewAction())
        self.remove_menu = QMenu(window)
        self.remove_menu.setObjectName("menu_remove_facilities")
        self.remove_menu.aboutToShow.connect(self.fill_remove_menu)
        menu = window.menus["file"]
        actions = menu.actions()
        add = next((a for a in actions if a.objectName() == "action_add_facilities"), None)
        if add is not None and actions.index(add) + 1 < len(actions):
            menu.insertMenu(actions[actions.index(add) + 1], self.remove_menu)
        else:
            menu.addMenu(self.remove_menu)
        retranslators = getattr(window, "retranslators", None)
        if isinstance(retranslators, list):
            retranslators.append(self.retranslate)
        window.project_changed.connect(self._on_project)
        self._on_project()
        self.retranslate()

    def _on_project(self, *_: object) -> None:
        if self._project is not None:
            self._project.facilities_changed.disconnect(self._on_facilities)
        self._project = getattr(self.window, "project", None)
        if self._project is not None:
            self._project.facilities_changed.connect(self._on_facilities)
        self._count = 0
        self._on_facilities()

    def _on_facilities(self, *_: object) -> None:
        count = len(self.legend._facilities())
        self.legend.refresh()
        self.remove_menu.setEnabled(count > 0)
        if count > self._count:
            self.dock.show()  # a layer arrived (or a plan came with some): show its legend
        elif count == 0:
            self.dock.hide()
        self._count = count

    def fill_remove_menu(self) -> None:
        self.remove_menu.clear()
        for fac in self.legend._facilities():
            action = self.remove_menu.addAction(
                QCoreApplication.translate("FacilityLegend", "{name} ({n} points)").format(
                    name=layer_label(fac), n=len(fac)
                )
            )
            action.triggered.connect(lambda _=False, f=fac: self.remove(f))

    def remove(self, fac: object) -> None:
        project = getattr(self.window, "project", None)
        if project is not None and any(f is fac for f in project.facilities):
            project.remove_facilities(fac)

    def retranslate(self) -> None:
        self.dock.setWindowTitle(QCoreApplication.translate("FacilityLegend", "Facilities"))
        self.remove_menu.setTitle(
            QCoreApplication.translate("FacilityLegend", "Remove facility layer")
        )
        self.legend.retranslate()


def install(window: object) -> FacilityPanel:
    window.facility_panel = FacilityPanel(window)
    return window.facility_panel
