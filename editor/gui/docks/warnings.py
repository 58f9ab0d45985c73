"""Warnings dock: the rule violations of the plan; clicking one selects and zooms to it.

The list follows ``plan.events.changed`` unit by unit (``checker.for_unit`` for the
touched units; the checker listens to the plan first, so it is up to date when the
dock hears the change) instead of re-reading ``checker.violations()``, which sorts
the violating units. A ``checker.changed`` that no plan change
explains (the rules changed) reloads the whole list once, on the next event-loop pass.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from editor.core.plan import PlanChange
from editor.core.rules import Violation

VIOLATION_ROLE = Qt.ItemDataRole.UserRole + 1
_ERROR = QColor(190, 30, 30)
_WARNING = QColor(160, 100, 0)


class WarningsWidget(QTreeWidget):
    """Columns: unit, problem. One row per violation; sortable by unit."""

    def __init__(
        self,
        project: object,
        zoom: Callable[[list[int]], object] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("warnings_list")
        self.project = None
        self.plan = None
        self.checker = None
        self._zoom = zoom
        self._items: dict[int, list[QTreeWidgetItem]] = {}
        self._county: list[QTreeWidgetItem] = []
        self._plan_changes = 0
        self._checker_changes = 0
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self._after_checker)
        self.setColumnCount(2)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.header().setStretchLastSection(True)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.header().resizeSection(0, self.fontMetrics().horizontalAdvance("城关镇城关镇") + 24)
        self.itemClicked.connect(self._on_clicked)
        self.itemActivated.connect(self._on_clicked)
        self.set_project(project)
        self.retranslate()

    # -- binding ----------------------------------------------------------------------
    def set_project(self, project: object) -> None:
        self._disconnect()
        self.project = project
        self.plan = project.plan
        self.checker = project.checker
        self.plan.events.changed.connect(self._on_plan_change)
        self.checker.changed.connect(self._on_checker)
        self.reload()

    def _disconnect(self) -> None:
        if self.plan is not None:
            self.plan.events.changed.disconnect(self._on_plan_change)
        if self.checker is not None:
            self.checker.changed.disconnect(self._on_checker)

    def close_project(self) -> None:
        self._disconnect()

    # -- following the checker --------------------------------------------------------
    def reload(self) -> None:
        """Rebuild the whole list from ``checker.violations()``."""
        self.setSortingEnabled(False)
        self.clear()
        self._items = {}
        self._county = []
        for v in self.checker.violations():
            item = self._make_item(v)
            if v.unit is None:
                self._county.append(item)
            else:
                self._items.setdefault(v.unit, []).append(item)
            self.addTopLevelItem(item)
        self._plan_changes = self._checker_changes = 0
        self.setSortingEnabled(True)
        self._count_changed()

    def _on_plan_change(self, change: PlanChange) -> None:
        self._plan_changes += 1
        self.setSortingEnabled(False)
        for uid in set(change.removed) | set(change.touched):
            for item in self._items.pop(uid, []):
                self.takeTopLevelItem(self.indexOfTopLevelItem(item))
            if uid in self.plan.units:
                items = [self._make_item(v) for v in self.checker.for_unit(uid)]
                if items:
                    self._items[uid] = items
                    self.addTopLevelItems(items)
        county = self.checker.county()
        if county != [item.data(0, VIOLATION_ROLE) for item in self._county]:
            for item in self._county:
                self.takeTopLevelItem(self.indexOfTopLevelItem(item))
            self._county = [self._make_item(v) for v in county]
            self.addTopLevelItems(self._county)
        self.setSortingEnabled(True)
        self._count_changed()

    def _on_checker(self) -> None:
        self._checker_changes += 1
        self._reload_timer.start()

    def _after_checker(self) -> None:
        # every plan change makes the checker emit once; more emissions mean the rules
        # were re-checked without a plan change
        if self._checker_changes > self._plan_changes:
            self.reload()
        self._plan_changes = self._checker_changes = 0

    def _count_changed(self) -> None:
        dock = self.parent()
        if isinstance(dock, WarningsDock):
            dock.retranslate()

    # -- items ------------------------------------------------------------------------
    def _make_item(self, v: Violation) -> QTreeWidgetItem:
        unit = self.plan.units.get(v.unit) if v.unit is not None else None
        item = QTreeWidgetItem([unit.name if unit else self.tr("County"), self.message(v)])
        item.setData(0, VIOLATION_ROLE, v)
        item.setToolTip(1, self.message(v))
        colour = _ERROR if v.severity == "error" else _WARNING
        item.setForeground(1, QBrush(colour))
        return item

    def message(self, v: Violation) -> str:
        """The violation in the current language (known rules are re-worded from the plan)."""
        plan = self.plan
        if v.unit is None or v.unit not in plan.units:
            return v.message
        uid = v.unit
        name = plan.units[uid].name
        s = plan.stats(uid)
        names = plan.layer.names
        if v.rule == "contiguity":
            return self.tr("{unit} is in {n} separate pieces").format(unit=name, n=s.parts)
        towns = list(getattr(v, "towns", ()) or [])
        if v.rule == "border_whole":
            if not towns:
                towns = [t for t in plan.members(uid) if plan.layer.border[t]]
            return self.tr(
                "Border town {towns} merged into {unit} ({n} towns); border towns are kept whole"
            ).format(towns="、".join(str(names[t]) for t in towns), unit=name, n=s.towns)
        if v.rule == "historic_whole":
            if not towns:
                towns = [t for t in plan.members(uid) if plan.layer.historic[t]]
            return self.tr(
                "Historic-cultural town {towns} merged into {unit} and loses its name"
            ).format(towns="、".join(str(names[t]) for t in towns), unit=name)
        if v.rule.endswith("_enlarged") and towns:
            cats = getattr(self.checker.rules, "enlarge", []) or []
            cat = next((c for c in cats if getattr(c, "rule", None) == v.rule), None)
            what = (cat.label or cat.key) if cat is not None else v.rule
            town = str(names[towns[0]])
            if s.towns == 1:
                return self.tr("{what} {town} did not grow: it absorbed no neighbour").format(
                    what=what, town=town
                )
            return self.tr(
                "{what} {town} is absorbed into {unit} (seat {seat}) instead of absorbing "
                "its neighbours"
            ).format(what=what, town=town, unit=name, seat=str(names[s.seat]))
        return v.message

    def violations_shown(self) -> list[Violation]:
        return [
            self.topLevelItem(i).data(0, VIOLATION_ROLE) for i in range(self.topLevelItemCount())
        ]

    def item_for(self, uid: int) -> QTreeWidgetItem | None:
        items = self._items.get(uid)
        return items[0] if items else None

    def _on_clicked(self, item: QTreeWidgetItem, column: int = 0) -> None:
        """Select the unit's towns on the map and zoom to them (for contiguity, all pieces)."""
        v = item.data(0, VIOLATION_ROLE)
        if v is None or v.unit is None or v.unit not in self.plan.units:
            return
        towns = self.plan.members(v.unit).tolist()
        self.project.selection.set(towns)
        if self._zoom is not None:
            self._zoom(towns)

    # -- language ---------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setHeaderLabels([self.tr("Unit"), self.tr("Problem")])
        if self.plan is not None:
            for i in range(self.topLevelItemCount()):
                item = self.topLevelItem(i)
                v = item.data(0, VIOLATION_ROLE)
                item.setText(1, self.message(v))
                item.setToolTip(1, item.text(1))
                if v.unit is None:
                    item.setText(0, self.tr("County"))
        self._count_changed()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class WarningsDock(QDockWidget):
    """Dock "Warnings (n)": ``WarningsDock(project, zoom=None)``."""

    def __init__(
        self,
        project: object,
        zoom: Callable[[list[int]], object] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("warnings_dock")
        self.list = None
        self.list = WarningsWidget(project, zoom, self)
        self.setWidget(self.list)
        self.retranslate()

    def set_project(self, project: object) -> None:
        self.list.set_project(project)

    def retranslate(self) -> None:
        if self.list is None:
            return
        n = self.list.topLevelItemCount()
        self.setWindowTitle(self.tr("Warnings ({n})").format(n=n) if n else self.tr("Warnings"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
