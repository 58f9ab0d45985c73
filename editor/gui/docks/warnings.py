"""Warnings dock: the rule violations of the plan; clicking one selects and zooms to it.

The list follows ``plan.events.changed`` unit by unit (``checker.for_unit`` for the
touched units; the checker listens to the plan first, so it is up to date when the
dock hears the change) instead of re-reading ``checker.violations()``, which sorts
the violating units. The county-wide rows (targets, rule-set problems, extra county
rules) are replaced from ``checker.county()`` on every ``checker.changed``; a
``checker.changed`` with a new rule context (the rules were swapped) reloads the list.
Each violation's message (an ``editor.core.messages.Message``) is worded in the current
language by ``editor.gui.i18n.message_text``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from editor.core.parents import level_of
from editor.core.plan import PlanChange
from editor.core.rules import Violation
from editor.gui.i18n import message_text

VIOLATION_ROLE = Qt.ItemDataRole.UserRole + 1
_ERROR = QColor(190, 30, 30)
_WARNING = QColor(160, 100, 0)


class _WrapDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text at the column's current width (a tree view
    measures items without knowing the width they get, so it never wraps on its own)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        view = self.parent()
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.rect = QRect(0, 0, view.header().sectionSize(index.column()), size.height())
        wrapped = view.style().sizeFromContents(
            QStyle.ContentsType.CT_ItemViewItem, opt, QSize(), view
        )
        return QSize(size.width(), max(size.height(), wrapped.height() + 2))


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
        self._context: object | None = None  # the checker's rule context last shown
        self.setColumnCount(2)
        self.setRootIsDecorated(False)
        # long messages wrap onto more lines instead of being cut off at the dock's edge
        # (rows then differ in height: Qt measures only the rows it lays out)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setItemDelegate(_WrapDelegate(self))
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.header().setStretchLastSection(True)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.header().resizeSection(0, self.fontMetrics().horizontalAdvance("城关镇城关镇") + 24)
        # a narrower or wider problem column re-wraps the messages
        self.header().sectionResized.connect(self._rewrap)
        self.itemClicked.connect(self._on_clicked)
        self.itemActivated.connect(self._on_clicked)
        self.set_project(project)
        self.retranslate()

    def _rewrap(self, *_: object) -> None:
        self.scheduleDelayedItemsLayout()

    def resizeEvent(self, event: QEvent) -> None:
        super().resizeEvent(event)
        self._rewrap()

    # -- binding ----------------------------------------------------------------------
    def set_project(self, project: object) -> None:
        self._disconnect()
        self.project = project
        self.plan = project.plan
        self.checker = project.checker
        self.plan.events.changed.connect(self._on_plan_change)
        self.checker.changed.connect(self._on_checker)
        self.reload()
        self._set_headers()

    def _set_headers(self) -> None:
        village = self.project is not None and level_of(self.project.layer) == "village"
        unit = self.tr("Merged village") if village else self.tr("Unit")
        self.setHeaderLabels([unit, self.tr("Problem")])

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
        self._context = self.checker.context
        self.setSortingEnabled(True)
        self._count_changed()

    def _on_plan_change(self, change: PlanChange) -> None:
        # Sorting stays on: QTreeWidget inserts new rows at their sorted place, while
        # switching sorting off and on re-sorts every row (13 ms at 19,000 warnings).
        for uid in set(change.removed) | set(change.touched):
            for item in self._items.pop(uid, []):
                self.takeTopLevelItem(self.indexOfTopLevelItem(item))
            if uid in self.plan.units:
                items = [self._make_item(v) for v in self.checker.for_unit(uid)]
                if items:
                    self._items[uid] = items
                    self.addTopLevelItems(items)
        self._refresh_county()
        self._count_changed()

    def _refresh_county(self) -> None:
        """Replace the county-wide rows when ``checker.county()`` says something else."""
        county = self.checker.county()
        shown = [item.data(0, VIOLATION_ROLE) for item in self._county]
        if county == shown:
            return
        for item in self._county:
            self.takeTopLevelItem(self.indexOfTopLevelItem(item))
        self._county = [self._make_item(v) for v in county]
        self.addTopLevelItems(self._county)

    def _on_checker(self) -> None:
        if self.checker.context is not self._context:
            self.reload()  # set_rules: every unit was re-checked
            return
        # a plan change (the unit rows follow in _on_plan_change) or a recheck: the
        # county-wide figures may have moved either way
        self._refresh_county()
        self._count_changed()

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
        """The violation in the current language (its message worded by ``message_text``).

        A violation of a rule added in code (``extra_*_rules``) with a plain string
        keeps the text it came with.
        """
        return message_text(v.message)

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
        self._set_headers()
        if self.plan is not None:
            # setText re-sorts a sorted tree: take the items first so none is skipped
            items = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
            sorting = self.isSortingEnabled()
            self.setSortingEnabled(False)
            for item in items:
                v = item.data(0, VIOLATION_ROLE)
                item.setText(1, self.message(v))
                item.setToolTip(1, item.text(1))
                if v.unit is None:
                    item.setText(0, self.tr("County"))
            self.setSortingEnabled(sorting)
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
