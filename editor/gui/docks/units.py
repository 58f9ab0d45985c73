"""Merged-units dock: a tree of units with their member towns, live and sortable.

:class:`UnitsModel` mirrors ``plan.units`` and follows ``plan.events.changed``
row by row: a change removes the rows of removed units, appends added ones and emits
``dataChanged`` for the touched ones, so a drop on a 40,000-unit plan costs the same
as on a county. Rows are kept in a numpy array (row → unit id) with a reverse lookup
array (unit id → row) that is rebuilt vectorised after removals.

Town rows (children) are built lazily, the first time the view asks for them.
Drag and drop carries town indices (``application/x-tbe-towns``); a drop on a unit or
on one of its towns pushes one ``AssignTowns``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from editor.core.commands import AssignTowns, CommandError, RenameUnit
from editor.core.plan import PlanChange
from editor.core.preview import preview_assign
from editor.gui.docks import numbers

MIME_TOWNS = "application/x-tbe-towns"
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
UNIT_ROLE = Qt.ItemDataRole.UserRole + 2
TOWN_ROLE = Qt.ItemDataRole.UserRole + 3

COL_NAME, COL_TOWNS, COL_POP, COL_AREA, COL_BORDER, COL_SEAT, COL_CONTIG = range(7)
N_COLUMNS = 7
# how many member names the "Towns" column lists before "…"
NAMES_SHOWN = 6
# a change adding or removing more units than this resets the model instead
RESET_THRESHOLD = 2000

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_WARN = QColor(190, 30, 30)
_PREVIEW_BG = QColor(255, 236, 150)

PushFn = Callable[[object], object]


@dataclass(frozen=True)
class AssignPreview:
    """A unit's figures now and if the dragged towns joined it."""

    unit: int
    towns: int
    added: int
    population: float
    area_km2: float
    towns_before: int
    population_before: float
    area_km2_before: float


def make_preview(plan: object, towns: Iterable[int], uid: int) -> AssignPreview:
    s = plan.stats(uid)
    population, area, count = preview_assign(plan, towns, uid)
    return AssignPreview(
        uid, count, count - s.towns, population, area, s.towns, s.population, s.area_km2
    )


_ROOT = QModelIndex()


def _encode_towns(plan: object, towns: Iterable[int]) -> QMimeData:
    data = QMimeData()
    payload = {"plan": id(plan), "towns": sorted({int(t) for t in towns})}
    data.setData(MIME_TOWNS, QByteArray(json.dumps(payload).encode("utf-8")))
    data.setText("\n".join(str(t) for t in payload["towns"]))
    return data


def decode_towns(data: QMimeData, plan: object) -> list[int] | None:
    """Town indices from a drag of this plan's towns, else ``None``."""
    if data is None or not data.hasFormat(MIME_TOWNS):
        return None
    try:
        payload = json.loads(bytes(data.data(MIME_TOWNS).data()).decode("utf-8"))
    except ValueError:
        return None
    if payload.get("plan") != id(plan):
        return None  # dragged from another project's view
    return [int(t) for t in payload.get("towns", [])]


class UnitsModel(QAbstractItemModel):
    """Tree model: one row per merged unit, its member towns as children.

    Internal ids: 0 for a unit row; ``uid + 1`` for a town row under unit ``uid``.
    """

    def __init__(self, project: object, push: PushFn, parent: object | None = None):
        super().__init__(parent)
        self._push = push
        self.project = None
        self.plan = None
        self._uids = np.empty(0, dtype=np.int64)
        self._row_of = np.full(0, -1, dtype=np.int64)
        self._children: dict[int, np.ndarray] = {}
        self.preview: AssignPreview | None = None
        self.set_project(project)

    # -- binding ----------------------------------------------------------------------
    def set_project(self, project: object) -> None:
        if self.plan is not None:
            self.plan.events.changed.disconnect(self._on_change)
        self.project = project
        self.plan = project.plan
        self.preview = None
        self._reset_rows()
        self.plan.events.changed.connect(self._on_change)

    def close(self) -> None:
        if self.plan is not None:
            self.plan.events.changed.disconnect(self._on_change)

    def _reset_rows(self) -> None:
        self.beginResetModel()
        self._uids = np.asarray(self.plan.unit_ids(), dtype=np.int64)
        self._row_of = np.full(max(self.plan._next_id, 1) * 2, -1, dtype=np.int64)
        self._row_of[self._uids] = np.arange(len(self._uids))
        self._children = {}
        self.endResetModel()

    def _grow(self, uid: int) -> None:
        if uid >= len(self._row_of):
            bigger = np.full(max(uid + 1, len(self._row_of) * 2), -1, dtype=np.int64)
            bigger[: len(self._row_of)] = self._row_of
            self._row_of = bigger

    def row_of(self, uid: int) -> int:
        """Row of a unit, -1 when it is not (or no longer) in the model."""
        uid = int(uid)
        return int(self._row_of[uid]) if 0 <= uid < len(self._row_of) else -1

    def uid_at(self, row: int) -> int:
        return int(self._uids[row])

    def unit_index(self, uid: int, column: int = 0) -> QModelIndex:
        row = self.row_of(uid)
        return self.createIndex(row, column, 0) if row >= 0 else QModelIndex()

    def _kids(self, uid: int) -> np.ndarray:
        kids = self._children.get(uid)
        if kids is None:
            kids = self._children[uid] = self.plan.members(uid)
        return kids

    # -- following the plan -----------------------------------------------------------
    def _on_change(self, change: PlanChange) -> None:
        plan = self.plan
        removed = [u for u in change.removed if self.row_of(u) >= 0]
        present = [u for u in change.touched if self.row_of(u) >= 0]
        new = [u for u in change.touched if self.row_of(u) < 0 and u in plan.units]
        if len(removed) + len(new) > RESET_THRESHOLD:
            self.preview = None
            self._reset_rows()
            return
        if removed:
            self._remove_units(removed)
        if new:
            for uid in new:
                self._grow(uid)
            first = len(self._uids)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self._uids = np.concatenate([self._uids, np.asarray(new, dtype=np.int64)])
            self._row_of[self._uids[first:]] = np.arange(first, len(self._uids))
            self.endInsertRows()
        if self.preview is not None and self.preview.unit not in plan.units:
            self.preview = None
        for uid in present:
            self._refresh_unit(uid)

    def _remove_units(self, uids: list[int]) -> None:
        rows = np.sort(self._row_of[np.asarray(uids, dtype=np.int64)])[::-1]
        # contiguous runs, last first, so earlier row numbers stay valid
        breaks = np.flatnonzero(np.diff(rows) != -1) + 1
        for run in np.split(rows, breaks):
            lo, hi = int(run[-1]), int(run[0])
            self.beginRemoveRows(QModelIndex(), lo, hi)
            gone = self._uids[lo : hi + 1]
            self._row_of[gone] = -1
            for uid in gone.tolist():
                self._children.pop(uid, None)
            self._uids = np.delete(self._uids, np.s_[lo : hi + 1])
            self._row_of[self._uids[lo:]] = np.arange(lo, len(self._uids))
            self.endRemoveRows()

    def _refresh_unit(self, uid: int) -> None:
        row = self.row_of(uid)
        parent = self.createIndex(row, 0, 0)
        old = self._children.get(uid)
        if old is not None:
            kids = self.plan.members(uid)
            if len(kids) != len(old) or not np.array_equal(kids, old):
                if len(old):
                    self.beginRemoveRows(parent, 0, len(old) - 1)
                    self._children[uid] = np.empty(0, dtype=np.int64)
                    self.endRemoveRows()
                self.beginInsertRows(parent, 0, len(kids) - 1)
                self._children[uid] = kids
                self.endInsertRows()
            else:  # same towns; the seat or name may have changed
                self.dataChanged.emit(
                    self.createIndex(0, 0, uid + 1),
                    self.createIndex(len(kids) - 1, N_COLUMNS - 1, uid + 1),
                )
        self.dataChanged.emit(parent, self.createIndex(row, N_COLUMNS - 1, 0))

    # -- drag preview -----------------------------------------------------------------
    def set_preview(self, uid: int, towns: Iterable[int]) -> AssignPreview | None:
        """Show what ``uid`` would become with ``towns``; the plan is not touched."""
        old = self.preview
        if uid is None or int(uid) not in self.plan.units:
            self.clear_preview()
            return None
        self.preview = make_preview(self.plan, towns, int(uid))
        for p in {old.unit if old else None, self.preview.unit} - {None}:
            if self.row_of(p) >= 0:
                self.dataChanged.emit(self.unit_index(p), self.unit_index(p, N_COLUMNS - 1))
        return self.preview

    def clear_preview(self) -> None:
        old, self.preview = self.preview, None
        if old is not None and self.row_of(old.unit) >= 0:
            self.dataChanged.emit(
                self.unit_index(old.unit), self.unit_index(old.unit, N_COLUMNS - 1)
            )

    # -- structure --------------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex = _ROOT) -> QModelIndex:
        if column < 0 or column >= N_COLUMNS or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row < len(self._uids):
                return self.createIndex(row, column, 0)
            return QModelIndex()
        if parent.internalId() == 0 and parent.column() == 0:
            uid = int(self._uids[parent.row()])
            if row < len(self._kids(uid)):
                return self.createIndex(row, column, uid + 1)
        return QModelIndex()

    def parent(self, index: QModelIndex) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        row = self.row_of(index.internalId() - 1)
        return self.createIndex(row, 0, 0) if row >= 0 else QModelIndex()

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        if not parent.isValid():
            return len(self._uids)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._kids(int(self._uids[parent.row()])))
        return 0

    def hasChildren(self, parent: QModelIndex = _ROOT) -> bool:
        if not parent.isValid():
            return len(self._uids) > 0
        return parent.internalId() == 0 and parent.column() == 0

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return N_COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in (COL_POP, COL_AREA):
            return _RIGHT
        return None

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Unit"),
            self.tr("Towns"),
            self.tr("Population"),
            self.tr("Area km²"),
            self.tr("Border"),
            self.tr("Seat"),
            self.tr("Contiguous"),
        )

    def town_of(self, index: QModelIndex) -> int | None:
        """Town index of a town row, ``None`` for a unit row."""
        if not index.isValid() or index.internalId() == 0:
            return None
        kids = self._children.get(index.internalId() - 1)
        return None if kids is None or index.row() >= len(kids) else int(kids[index.row()])

    def unit_of_index(self, index: QModelIndex) -> int | None:
        """The unit a row stands for or belongs to."""
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return int(self._uids[index.row()])
        return int(index.internalId() - 1)

    def towns_of(self, index: QModelIndex) -> list[int]:
        town = self.town_of(index)
        if town is not None:
            return [town]
        uid = self.unit_of_index(index)
        return [] if uid is None else list(self.plan.units[uid].members)

    # -- data -------------------------------------------------------------------------
    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._unit_data(int(self._uids[index.row()]), index.column(), role)
        uid = index.internalId() - 1
        kids = self._children.get(uid)
        if kids is None or index.row() >= len(kids):
            return None
        return self._town_data(uid, int(kids[index.row()]), index.column(), role)

    def _unit_data(self, uid: int, col: int, role: int) -> object:
        plan = self.plan
        unit = plan.units.get(uid)
        if unit is None:
            return None
        s = plan.stats(uid)
        preview = self.preview if self.preview is not None and self.preview.unit == uid else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == COL_NAME:
                return unit.name
            if col == COL_TOWNS:
                if preview is not None:
                    return f"{s.towns} → {preview.towns}"
                return self._member_names(uid, s.towns)
            if col == COL_POP:
                text = numbers.count(s.population)
                if s.missing_population:
                    text += "*"
                if preview is not None:
                    text += " → " + numbers.count(preview.population)
                return text
            if col == COL_AREA:
                text = numbers.area(s.area_km2)
                if preview is not None:
                    text += " → " + numbers.area(preview.area_km2)
                return text
            if col == COL_BORDER:
                if not s.border_towns:
                    return ""
                return (
                    self.tr("Border")
                    if s.towns == 1
                    else self.tr("Border ({n})").format(n=s.border_towns)
                )
            if col == COL_SEAT:
                return str(plan.layer.names[s.seat])
            if col == COL_CONTIG:
                if s.contiguous:
                    return self.tr("Yes")
                return self.tr("No: {n} pieces").format(n=s.parts)
            return None
        if role == SORT_ROLE:
            if col == COL_NAME:
                return unit.name
            if col == COL_TOWNS:
                return s.towns
            if col == COL_POP:
                return s.population
            if col == COL_AREA:
                return s.area_km2
            if col == COL_BORDER:
                return s.border_towns
            if col == COL_SEAT:
                return str(plan.layer.names[s.seat])
            if col == COL_CONTIG:
                return s.parts
            return None
        if role == UNIT_ROLE:
            return uid
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_POP, COL_AREA):
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == COL_CONTIG and not s.contiguous:
                return QBrush(_WARN)
            if col == COL_BORDER and s.border_towns and s.towns > 1:
                return QBrush(_WARN)  # a border town merged with others
            return None
        if role == Qt.ItemDataRole.BackgroundRole and preview is not None:
            return QBrush(_PREVIEW_BG)
        if role == Qt.ItemDataRole.FontRole and preview is not None:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_TOWNS:
                return "、".join(str(plan.layer.names[t]) for t in self._kids(uid))
            if col == COL_POP and s.missing_population:
                return self.tr("{n} town(s) without a population figure").format(
                    n=s.missing_population
                )
            if col == COL_SEAT:
                return (
                    self.tr("Seat chosen by hand")
                    if unit.seat is not None
                    else self.tr("Seat chosen automatically")
                )
            if col == COL_NAME and unit.note:
                return unit.note
        return None

    def _member_names(self, uid: int, n: int) -> str:
        names = self.plan.layer.names
        unit = self.plan.units[uid]
        if n <= NAMES_SHOWN:
            members = sorted(unit.members)
        else:
            members = sorted(unit.members)[:NAMES_SHOWN]
        text = "、".join(str(names[t]) for t in members)
        if n > NAMES_SHOWN:
            text += "…"
        return f"{n}: {text}"

    def _town_data(self, uid: int, town: int, col: int, role: int) -> object:
        layer = self.plan.layer
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == COL_NAME:
                return str(layer.names[town])
            if col == COL_TOWNS:
                return str(layer.ids[town])
            if col == COL_POP:
                p = layer.population[town]
                return "—" if p != p else numbers.count(p)
            if col == COL_AREA:
                return numbers.area(layer.area_km2[town])
            if col == COL_BORDER:
                return self.tr("Border") if layer.border[town] else ""
            if col == COL_SEAT:
                return "★" if self.plan.seat_of(uid) == town else ""
            return None
        if role == SORT_ROLE:
            if col == COL_NAME:
                return str(layer.names[town])
            if col == COL_TOWNS:
                return str(layer.ids[town])
            if col == COL_POP:
                p = layer.population[town]
                return -1.0 if p != p else float(p)
            if col == COL_AREA:
                return float(layer.area_km2[town])
            if col == COL_BORDER:
                return int(layer.border[town])
            if col == COL_SEAT:
                return int(self.plan.seat_of(uid) == town)
            return 0
        if role == TOWN_ROLE:
            return town
        if role == UNIT_ROLE:
            return uid
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_POP, COL_AREA):
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and col != COL_NAME:
            return QBrush(QColor(110, 110, 110))
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_NAME:
            flags = []
            if layer.historic[town]:
                flags.append(self.tr("historic-cultural town"))
            if layer.county_seat[town]:
                flags.append(self.tr("county-seat town"))
            if layer.centre[town]:
                flags.append(self.tr("regional centre town"))
            return "; ".join([str(layer.ids[town])] + flags)
        return None

    # -- editing: rename --------------------------------------------------------------
    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemIsDropEnabled
        )
        if index.internalId() == 0 and index.column() == COL_NAME:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def setData(
        self, index: QModelIndex, value: object, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if index.internalId() != 0 or index.column() != COL_NAME:
            return False
        uid = int(self._uids[index.row()])
        name = str(value).strip()
        if not name or name == self.plan.units[uid].name:
            return False
        try:
            self._push(RenameUnit(uid, name))
        except CommandError:
            return False
        return True

    # -- drag and drop ----------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TOWNS]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        towns: set[int] = set()
        for index in indexes:
            if index.isValid() and index.column() == 0:
                towns.update(self.towns_of(index))
        return _encode_towns(self.plan, towns)

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: ANN001
        return parent.isValid() and data is not None and data.hasFormat(MIME_TOWNS)

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: ANN001
        """Drop towns on a unit row (or one of its town rows): one ``AssignTowns``."""
        if action == Qt.DropAction.IgnoreAction:
            return True
        towns = decode_towns(data, self.plan)
        uid = self.unit_of_index(parent)
        if not towns or uid is None or uid not in self.plan.units:
            return False
        unit_of = self.plan.unit_of
        moving = [t for t in towns if 0 <= t < len(unit_of) and unit_of[t] != uid]
        if not moving:
            return False
        try:
            self._push(AssignTowns(moving, uid))
        except CommandError:
            return False
        # the rows moved through the plan's change event; returning True with no
        # removeRows support makes the view's "remove the source" a no-op
        return True


class UnitsProxy(QSortFilterProxyModel):
    """Sorting on raw values (``SORT_ROLE``); the name filter keeps units whose name matches."""

    def __init__(self, parent: object | None = None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(COL_NAME)
        self.setSortLocaleAware(True)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        if parent.isValid():
            return True  # towns of a shown unit are all shown
        return super().filterAcceptsRow(row, parent)


class UnitsView(QTreeView):
    """Tree view with drag and drop of towns between units."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setUniformRowHeights(True)  # 40,000 rows: no per-row height query
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setExpandsOnDoubleClick(False)
        self.setAlternatingRowColors(True)
        self.setAllColumnsShowFocus(True)


class UnitsWidget(QWidget):
    """The dock's contents: drag-preview banner, name filter and the units tree."""

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
        self.proxy = UnitsProxy(self)
        self.proxy.setSourceModel(self.model)

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
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = UnitsView(self)
        self.view.setModel(self.proxy)
        self.view.doubleClicked.connect(self._on_double_click)
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addWidget(self.banner)
        layout.addWidget(self.filter)
        layout.addWidget(self.view)
        self._size_columns()
        self._connect(project)
        self.retranslate()

    # -- binding ----------------------------------------------------------------------
    def _connect(self, project: object) -> None:
        project.selection.changed.connect(self._on_selection)

    def _disconnect(self) -> None:
        if self.project is not None:
            self.project.selection.changed.disconnect(self._on_selection)

    def set_project(self, project: object) -> None:
        self._disconnect()
        self.project = project
        self.model.set_project(project)
        self.banner.hide()
        self._connect(project)

    def close_project(self) -> None:
        self._disconnect()
        self.model.close()

    def _size_columns(self) -> None:
        fm = self.view.fontMetrics()
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionsMovable(True)
        widths = {
            COL_NAME: fm.horizontalAdvance("城关镇城关镇") + 40,
            COL_TOWNS: fm.horizontalAdvance("12: 城关镇、东城街道、西城街道…"),
            COL_POP: fm.horizontalAdvance("1,234,567* → 1,234,567") // 2 + 24,
            COL_AREA: fm.horizontalAdvance("12,345.6") + 16,
            COL_BORDER: fm.horizontalAdvance("Border (12)") + 12,
            COL_SEAT: fm.horizontalAdvance("城关镇城关") + 12,
            COL_CONTIG: fm.horizontalAdvance("No: 3 pieces") + 12,
        }
        for col, width in widths.items():
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)

    # -- selection, both ways ---------------------------------------------------------
    def _on_view_selection(self, *_: object) -> None:
        if self._syncing:
            return
        towns: set[int] = set()
        for index in self.view.selectionModel().selectedRows(0):
            towns.update(self.model.towns_of(self.proxy.mapToSource(index)))
        self._syncing = True
        try:
            self.project.selection.set(towns)
        finally:
            self._syncing = False

    def _on_selection(self, towns: frozenset[int]) -> None:
        """The map's selection changed: select units wholly selected, towns of the others."""
        if self._syncing:
            return
        plan = self.project.plan
        selection = QItemSelection()
        first: QModelIndex | None = None
        if towns:
            arr = np.fromiter(towns, dtype=np.int64, count=len(towns))
            units = plan.unit_of[arr]
            order = np.argsort(units, kind="stable")
            arr, units = arr[order], units[order]
            uniq, starts, counts = np.unique(units, return_index=True, return_counts=True)
            unit_rows: list[int] = []
            for uid, start, cnt in zip(
                uniq.tolist(), starts.tolist(), counts.tolist(), strict=True
            ):
                src = self.model.unit_index(uid)
                if not src.isValid():
                    continue
                if cnt == plan.stats(uid).towns:
                    unit_rows.append(self.proxy.mapFromSource(src).row())
                    continue
                kids = self.model._kids(uid)
                pos = np.searchsorted(kids, arr[start : start + cnt])
                for p in pos.tolist():
                    child = self.proxy.mapFromSource(self.model.index(p, 0, src))
                    if child.isValid():
                        selection.select(child, child)
                        first = first or child
            for lo, hi in _runs(sorted(r for r in unit_rows if r >= 0)):
                a = self.proxy.index(lo, 0)
                selection.select(a, self.proxy.index(hi, N_COLUMNS - 1))
                first = first or a
        self._syncing = True
        try:
            self.view.selectionModel().select(
                selection,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            self._syncing = False
        if first is not None:
            self.view.scrollTo(first)

    def _on_double_click(self, index: QModelIndex) -> None:
        """Double-click on a unit's name renames it (the view's editor); elsewhere zooms."""
        src = self.proxy.mapToSource(index)
        if src.internalId() == 0 and src.column() == COL_NAME:
            return
        towns = self.model.towns_of(src)
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
        self.banner.setText(
            self.tr(
                "{unit} + {n} towns: population {before} → {after}, area {abefore} → {aafter} km²"
            ).format(
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
            index = self.proxy.mapFromSource(self.model.unit_index(preview.unit))
            if index.isValid():
                self.view.scrollTo(index)

    def clear_preview(self) -> None:
        self.model.clear_preview()
        self.banner.hide()

    # -- language ---------------------------------------------------------------------
    def retranslate(self) -> None:
        self.filter.setPlaceholderText(self.tr("Filter units by name…"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, N_COLUMNS - 1)
        self.view.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """``[1, 2, 3, 7, 8]`` → ``[(1, 3), (7, 8)]``."""
    runs: list[tuple[int, int]] = []
    for r in rows:
        if runs and r == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], r)
        elif not runs or r != runs[-1][1]:
            runs.append((r, r))
    return runs


class UnitsDock(QDockWidget):
    """Dock "Merged units": ``UnitsDock(project, push)``."""

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
        self.proxy = self.widget_.proxy
        self.view = self.widget_.view
        self.retranslate()

    def set_project(self, project: object) -> None:
        self.widget_.set_project(project)

    def show_preview(self, uid: int, towns: object) -> None:
        self.widget_.show_preview(uid, towns)

    def clear_preview(self) -> None:
        self.widget_.clear_preview()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Merged units"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


__all__ = [
    "MIME_TOWNS",
    "UnitsDock",
    "UnitsModel",
    "UnitsProxy",
    "UnitsView",
    "UnitsWidget",
    "decode_towns",
]
