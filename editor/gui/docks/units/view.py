"""The units dock's table view, its widget (filter, buttons) and the dock."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QSignalBlocker,
    Qt,
)
from PySide6.QtGui import QDrag, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from editor.gui.docks import numbers
from editor.gui.docks.units.model import UnitsModel
from editor.gui.docks.units.rows import (
    COL_AREA,
    COL_BORDER,
    COL_CONTIG,
    COL_NAME,
    COL_POP,
    COL_QUOTA,
    COL_RADIUS,
    COL_SEAT,
    COL_TOWNS,
    COLLAPSED,
    N_COLUMNS,
    PushFn,
    _runs,
)


class UnitsView(QTableView):
    """The units table: ▸/▾ before a name (or Right/Left) shows or hides its towns;
    rows drag onto other rows; the header sorts (a third click restores the plan order)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        vh = self.verticalHeader()
        vh.hide()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.horizontalHeader()
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setHighlightSections(False)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDragDropOverwriteMode(True)  # drops land on a row, never between rows
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setAlternatingRowColors(True)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

    def setModel(self, model: UnitsModel) -> None:  # type: ignore[override]
        super().setModel(model)
        self.setSortingEnabled(True)

    def _arrow_hit(self, index: QModelIndex, x: int) -> bool:
        if not index.isValid() or index.column() != COL_NAME:
            return False
        rect = self.visualRect(index)
        return x - rect.left() < self.fontMetrics().horizontalAdvance(COLLAPSED) + 8

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        model = self.model()
        if (
            event.button() == Qt.MouseButton.LeftButton
            and self._arrow_hit(index, event.position().toPoint().x())
            and model.uid_at(index.row()) is not None
        ):
            model.toggle(model.uid_at(index.row()))
            event.accept()
            return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        model = self.model()
        if index.isValid() and event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            uid = model.unit_of_index(index)
            if event.key() == Qt.Key.Key_Right and model.uid_at(index.row()) is not None:
                model.expand(uid)
                return
            if event.key() == Qt.Key.Key_Left:
                if model.is_expanded(uid):
                    model.collapse(uid)
                    self.setCurrentIndex(model.unit_index(uid))
                    return
        super().keyPressEvent(event)

    def startDrag(self, supported: Qt.DropAction) -> None:
        """Drag the selected rows' towns. The drop pushes the command; nothing is removed
        here (the default would delete the source rows after a move)."""
        rows = self.selectionModel().selectedRows(0) or [self.currentIndex()]
        mime = self.model().mimeData(rows)
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.MoveAction)


class UnitsWidget(QWidget):
    """The dock's contents: drag-preview banner, name filter and the units table."""

    def __init__(
        self,
        project: object,
        push: PushFn,
        zoom: Callable[[list[int]], object] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.project = project
        self._zoom = zoom
        self._syncing = False
        self.model = UnitsModel(project, push, self)

        self.banner = QLabel(self)
        self.banner.setObjectName("preview_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "QLabel#preview_banner { background: #fff0a0; border: 1px solid #d8b800;"
            " padding: 3px; }"
        )
        self.banner.hide()
        self.filter = QLineEdit(self)
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.model.set_name_filter)
        self.view = UnitsView(self)
        self.view.setModel(self.model)
        self.view.doubleClicked.connect(self._on_double_click)
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection)
        # a sort or filter rebuilds the rows: select the map's selection again
        self.model.modelReset.connect(self._reselect)
        self.model.modelReset.connect(self._on_reset)
        self._columns = self.model.columnCount()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addWidget(self.banner)
        layout.addWidget(self.filter)
        layout.addWidget(self.view)
        self._size_columns()
        self._hide_columns()
        self._connect(project)
        self.retranslate()

    # -- binding ----------------------------------------------------------------------
    def _connect(self, project: object) -> None:
        project.selection.changed.connect(self._on_selection)
        # after the model (connected first) has followed the change
        project.plan.events.changed.connect(self._after_plan_change)

    def _disconnect(self) -> None:
        if self.project is not None:
            self.project.selection.changed.disconnect(self._on_selection)
            self.project.plan.events.changed.disconnect(self._after_plan_change)

    def set_project(self, project: object) -> None:
        self._disconnect()
        self.project = project
        # a filter typed for the previous layer's names would hide this one's rows
        with QSignalBlocker(self.filter):
            self.filter.clear()
        self.model.name_filter = ""
        self.model.set_project(project)
        self.banner.hide()
        self._connect(project)
        self._hide_columns()
        self.retranslate()

    def close_project(self) -> None:
        self._disconnect()
        self.model.close()

    def _size_columns(self) -> None:
        """Widths from the font: each column as wide as its header or a typical value."""
        fm = self.view.fontMetrics()
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionsMovable(True)
        header.setMinimumSectionSize(fm.horizontalAdvance("000") + 8)
        samples = {
            COL_NAME: COLLAPSED + "城关镇街道",
            COL_TOWNS: "6: 城关镇、东城街道…",
            COL_POP: "162,243*",
            COL_AREA: "1,234.5",
            COL_BORDER: QCoreApplication.translate("UnitsModel", "Border ({n})").format(n=9),
            COL_SEAT: "城关镇街道",
            COL_CONTIG: QCoreApplication.translate("UnitsModel", "Yes"),
            COL_RADIUS: "123.4",
            COL_QUOTA: "1,234",
        }
        for col in range(N_COLUMNS, self.model.columnCount()):
            samples[col] = "12,345"
        titles = self.model.headers()
        for col, sample in samples.items():
            width = max(fm.horizontalAdvance(sample), fm.horizontalAdvance(titles[col]) + 14)
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width + 14)

    # -- selection, both ways ---------------------------------------------------------
    def _on_view_selection(self, *_: object) -> None:
        if self._syncing or self.model.updating:
            return  # rows removed by a plan change are not a user's deselection
        towns: set[int] = set()
        for index in self.view.selectionModel().selectedRows(0):
            towns.update(self.model.towns_of(index))
        self._syncing = True
        try:
            self.project.selection.set(towns)
        finally:
            self._syncing = False

    def _on_reset(self) -> None:
        if self.model.columnCount() != self._columns:  # facility or carried columns came
            self._columns = self.model.columnCount()
            self._size_columns()
        self._hide_columns()

    def _hide_columns(self) -> None:
        """Hide the columns the model says carry nothing (border, quota)."""
        hidden = self.model.hidden_columns()
        for col in (COL_BORDER, COL_QUOTA):
            self.view.setColumnHidden(col, col in hidden)

    def _after_plan_change(self, *_: object) -> None:
        self._reselect()

    def _reselect(self) -> None:
        self._on_selection(self.project.selection.towns, scroll=False)

    def _on_selection(self, towns: frozenset[int], scroll: bool = True) -> None:
        """The map's selection changed: select units wholly selected, towns of the others
        (expanding up to 20 partly selected units so their towns can show)."""
        if self._syncing:
            return
        plan = self.project.plan
        model = self.model
        rows: list[int] = []
        if towns:
            arr = np.fromiter(towns, dtype=np.int64, count=len(towns))
            units = plan.unit_of[arr]
            order = np.argsort(units, kind="stable")
            arr, units = arr[order], units[order]
            uniq, starts, counts = np.unique(units, return_index=True, return_counts=True)
            whole, partial = [], []
            for uid, start, cnt in zip(
                uniq.tolist(), starts.tolist(), counts.tolist(), strict=True
            ):
                if model.row_of(uid) < 0:
                    continue
                if cnt == plan.stats(uid).towns:
                    whole.append(uid)
                else:
                    partial.append((uid, arr[start : start + cnt]))
            self._syncing = True  # expanding must not feed back
            try:
                for uid, _ in partial[:20]:
                    model.expand(uid)
            finally:
                self._syncing = False
            # rows only now: expanding a unit shifts every row below it
            rows = [model.row_of(uid) for uid in whole]
            for _uid, members in partial:
                for t in members.tolist():
                    index = model.town_index(t)
                    if index.isValid():
                        rows.append(index.row())
            rows = [r for r in rows if r >= 0]
        selection = QItemSelection()
        for lo, hi in _runs(sorted(set(rows))):
            selection.select(model.index(lo, 0), model.index(hi, model.columnCount() - 1))
        self._syncing = True
        try:
            self.view.selectionModel().select(
                selection,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            self._syncing = False
        if scroll and rows:
            self.view.scrollTo(model.index(min(rows), 0))

    def _on_double_click(self, index: QModelIndex) -> None:
        """Double-click on a unit's name renames it (the view's editor); elsewhere zooms."""
        if index.column() == COL_NAME and self.model.uid_at(index.row()) is not None:
            return
        towns = self.model.towns_of(index)
        if towns and self._zoom is not None:
            self._zoom(sorted(towns))

    # -- drag preview from the canvas -------------------------------------------------
    def show_preview(self, uid: int, towns: object) -> None:
        old = self.model.preview.unit if self.model.preview is not None else None
        preview = self.model.set_preview(uid, towns)
        if preview is None:
            self.banner.hide()
            return
        name = self.project.plan.units[preview.unit].name
        if self.model.level == "village":
            template = self.tr(
                "{unit} + {n} villages: population {before} → {after}, "
                "area {abefore} → {aafter} km²"
            )
        else:
            template = self.tr(
                "{unit} + {n} towns: population {before} → {after}, area {abefore} → {aafter} km²"
            )
        self.banner.setText(
            template.format(
                unit=name,
                n=preview.added,
                before=numbers.population(preview.population_before),
                after=numbers.population(preview.population),
                abefore=numbers.area(preview.area_km2_before),
                aafter=numbers.area(preview.area_km2),
            )
        )
        self.banner.show()
        if old != preview.unit:
            index = self.model.unit_index(preview.unit)
            if index.isValid():
                self.view.scrollTo(index)

    def clear_preview(self) -> None:
        self.model.clear_preview()
        self.banner.hide()

    # -- language ---------------------------------------------------------------------
    def retranslate(self) -> None:
        self.filter.setPlaceholderText(
            self.tr("Filter merged villages by name…")
            if self.model.level == "village"
            else self.tr("Filter units by name…")
        )
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
        )
        self.view.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class UnitsDock(QDockWidget):
    """Dock "Merged units": ``UnitsDock(project, push, zoom=None)``."""

    def __init__(
        self,
        project: object,
        push: PushFn,
        zoom: Callable[[list[int]], object] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("units_dock")
        self.widget_ = UnitsWidget(project, push, zoom, self)
        self.setWidget(self.widget_)
        self.model = self.widget_.model
        self.view = self.widget_.view
        self.retranslate()

    def set_project(self, project: object) -> None:
        self.widget_.set_project(project)
        self.retranslate()

    def show_preview(self, uid: int, towns: object) -> None:
        self.widget_.show_preview(uid, towns)

    def clear_preview(self) -> None:
        self.widget_.clear_preview()

    def retranslate(self) -> None:
        village = self.model.level == "village"
        self.setWindowTitle(self.tr("Merged villages") if village else self.tr("Merged units"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
