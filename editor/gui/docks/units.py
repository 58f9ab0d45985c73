"""Merged-units dock: one row per unit, its member towns shown beneath when expanded.

Built for 40,000 units. A ``QTreeView`` re-lays out every top-level row after each
insertion or removal (about 50 ms for 40,000 rows with a Python model, 20 ms even with
a C++ one), so the units are shown in a ``QTableView`` over a flat model whose rows
are units, followed by their towns when the unit is expanded (▸/▾ before the name).
The model follows ``plan.events.changed`` row by row: rows of removed units go, added
units are inserted at their sorted place, touched units get ``dataChanged`` (and move
if their sort key changed), so a drop on a 40,000-unit plan costs about what it costs
on a county. The model sorts itself (a full sort computes each unit's key once and
takes ~50 ms on 40,000 units; a ``QSortFilterProxyModel`` compares through Python and
took 5 s) and keeps the order when units change.

Rows are a numpy array: a value ``>= 0`` is a unit id, ``-(town + 1)`` a town row; a
reverse lookup array (unit id → row) is rebuilt vectorised after each structural change.
Drag and drop carries town indices (``application/x-tbe-towns``); a drop on a unit or
on one of its towns pushes one ``AssignTowns``.

After the seven base columns come the reform's figures (issue 6): service radius (km
from the seat to the farthest point), the recomputed staffing quota, one column per
facility category when facility layers are loaded, and one per carried numeric field
chosen in the rule set. They are computed lazily, for the rows the view asks about,
and cached per unit; a plan change drops the cache entries of the units it touched, so
an edit costs nothing here until the touched rows are painted. A sort by radius needs
every unit's radius: the missing ones come from one vectorised
:func:`editor.core.unit_figures.seat_arrays` pass (40,000 units one at a time took
seconds).

The words follow the layer's level (:func:`editor.core.parents.level_of`): a village
layer's headers say 合并后村 / 所含村. The border column is hidden when no town is a
border town, the quota column when the quota does not apply (a village layer whose rule
set does not ask for it).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QDrag, QFont, QKeyEvent, QMouseEvent
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

from editor.core.commands import AssignTowns, CommandError, RenameUnit
from editor.core.facilities import CarriedFields, merge_facilities
from editor.core.parents import has_border_towns, level_of, quota_applies
from editor.core.plan import PlanChange
from editor.core.preview import preview_assign
from editor.core.quota import QuotaCalculator
from editor.core.seats import service_radius_km
from editor.core.unit_figures import DataSources, seat_arrays
from editor.errors import EditorError
from editor.gui.docks import numbers
from editor.gui.i18n import message_text

MIME_TOWNS = "application/x-tbe-towns"
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
UNIT_ROLE = Qt.ItemDataRole.UserRole + 2
TOWN_ROLE = Qt.ItemDataRole.UserRole + 3

COL_NAME, COL_TOWNS, COL_POP, COL_AREA, COL_BORDER, COL_SEAT, COL_CONTIG = range(7)
COL_RADIUS, COL_QUOTA = 7, 8
#: the base columns; facility and carried columns follow COL_QUOTA when there are any
N_COLUMNS = 9
# how many member names the "Towns" column lists before "…"
NAMES_SHOWN = 6
# a change adding or removing more units than this rebuilds the rows in one reset
RESET_THRESHOLD = 2000
# a sort needing more uncached radii than this computes them in one batch
BATCH_RADII = 16
EXPANDED, COLLAPSED, LEAF = "▾ ", "▸ ", "   "

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_WARN = QColor(190, 30, 30)
_PREVIEW_BG = QColor(255, 236, 150)
_TOWN_FG = QColor(100, 100, 100)
# flags computed once: PySide6 enum arithmetic costs microseconds per call
_BASE_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemIsDropEnabled
    | Qt.ItemFlag.ItemNeverHasChildren
)
_NAME_FLAGS = _BASE_FLAGS | Qt.ItemFlag.ItemIsEditable
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_R_TIP = int(Qt.ItemDataRole.ToolTipRole)
_R_FONT = int(Qt.ItemDataRole.FontRole)
_R_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_R_BG = int(Qt.ItemDataRole.BackgroundRole)
_R_FG = int(Qt.ItemDataRole.ForegroundRole)
_R_UNIT = int(UNIT_ROLE)
_R_TOWN = int(TOWN_ROLE)
_R_UNUSED = frozenset(
    int(r)
    for r in (
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.CheckStateRole,
        Qt.ItemDataRole.StatusTipRole,
        Qt.ItemDataRole.WhatsThisRole,
        Qt.ItemDataRole.SizeHintRole,
    )
)

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


_ROOT = QModelIndex()


class UnitsModel(QAbstractTableModel):
    """Flat model: one row per unit, followed by its towns while the unit is expanded."""

    def __init__(self, project: object, push: PushFn, parent: object | None = None):
        super().__init__(parent)
        self._push = push
        self.project = None
        self.plan = None
        self._rows = np.empty(0, dtype=np.int64)
        self._row_of = np.full(0, -1, dtype=np.int64)
        self._expanded: dict[int, np.ndarray] = {}  # unit id → towns shown beneath
        self.sort_column = -1
        self.sort_order = Qt.SortOrder.AscendingOrder
        self.name_filter = ""
        self.preview: AssignPreview | None = None
        self.updating = False  # True while following a plan change
        self.checker = None
        self._context: object | None = None
        # figure columns: ("facility", category) / ("carried", column) after COL_QUOTA
        self.extra: list[tuple[str, str]] = []
        self._quota: QuotaCalculator | None = None
        self._carried: CarriedFields | None = None
        self._town_facilities = np.zeros((0, 0), dtype=np.int64)
        self._figures: dict[int, dict] = {}  # unit id → cached figures
        self.set_project(project)

    # -- binding ----------------------------------------------------------------------
    def set_project(self, project: object) -> None:
        self.close()
        self.project = project
        self.plan = project.plan
        self.preview = None
        self._expanded = {}
        self.checker = project.checker
        self._setup_figures()
        self._rebuild()
        self.plan.events.changed.connect(self._on_change)
        self.checker.changed.connect(self._on_checker)
        facilities_changed = getattr(project, "facilities_changed", None)
        if facilities_changed is not None:
            facilities_changed.connect(self._on_facilities)

    def close(self) -> None:
        if self.plan is not None:
            self.plan.events.changed.disconnect(self._on_change)
        if self.checker is not None:
            self.checker.changed.disconnect(self._on_checker)
        facilities_changed = getattr(self.project, "facilities_changed", None)
        if facilities_changed is not None:
            facilities_changed.disconnect(self._on_facilities)

    # -- figure columns (issue 6) -------------------------------------------------------
    def _setup_figures(self) -> None:
        """Quota method, facility counts per town and carried fields from the project."""
        project, layer = self.project, self.plan.layer
        rules = self.checker.rules
        self._context = self.checker.context
        self._figures = {}
        self._quota = QuotaCalculator(layer, rules.quota)
        self._carried = None
        columns = [str(c) for c in getattr(rules.data, "carried_fields", ()) or ()]
        columns = [c for c in dict.fromkeys(columns) if c in layer.attributes.columns]
        if columns:
            try:
                self._carried = CarriedFields(layer, columns)
            except EditorError:
                self._carried = None
        # the core's per-town counting (the exports and layouts count the same way)
        sources = DataSources(
            rules,
            self._quota,
            merge_facilities(list(getattr(project, "facilities", None) or [])),
            self._carried,
        )
        cats = sources.categories
        counts = sources.town_facility_counts()
        self._town_facilities = counts
        self.extra = [("facility", c) for c in cats]
        if self._carried is not None:
            self.extra += [("carried", c) for c in self._carried.columns]

    def _reset_figures(self) -> None:
        self.beginResetModel()
        self._setup_figures()
        self.endResetModel()

    def _on_checker(self) -> None:
        if self.checker.context is not self._context:
            self._reset_figures()  # new rules: quota weights and carried fields

    def _on_facilities(self, *_: object) -> None:
        self._reset_figures()

    def figure(self, uid: int, key: str) -> object:
        """A unit's figure, computed on first use and cached until the unit changes.

        ``key``: ``"radius"`` (km), ``"quota"`` (:class:`~editor.core.quota.Quota`),
        ``"quota_old"`` (its towns' own quotas added up), ``"facilities"`` (counts per
        category, an array in ``extra`` order) or ``"carried"`` (column → sum).
        """
        cache = self._figures.get(uid)
        if cache is None:
            cache = self._figures[uid] = {}
        if key in cache:
            return cache[key]
        plan = self.plan
        if key == "radius":
            value = service_radius_km(plan, uid)
        elif key == "quota":
            value = self._quota.unit(plan, uid)
        elif key == "quota_old":
            value = self._quota.old_total_of(plan, uid)
        elif key == "facilities":
            value = self._town_facilities[plan.members(uid)].sum(axis=0)
        elif key == "carried":
            value = {} if self._carried is None else self._carried.unit_sums(plan, uid)
        else:
            raise KeyError(key)
        cache[key] = value
        return value

    def _extra_value(self, uid: int, col: int) -> float:
        """The number a figure column shows for a unit (also its sort key)."""
        if col == COL_RADIUS:
            return float(self.figure(uid, "radius"))
        if col == COL_QUOTA:
            return float(self.figure(uid, "quota").total)
        kind, key = self.extra[col - N_COLUMNS]
        if kind == "facility":
            return float(self.figure(uid, "facilities")[col - N_COLUMNS])
        return float(self.figure(uid, "carried").get(key, 0.0))

    # -- order ------------------------------------------------------------------------
    def _accepts(self, uid: int) -> bool:
        f = self.name_filter
        return not f or f.casefold() in self.plan.units[uid].name.casefold()

    def _key(self, uid: int) -> object:
        plan, col = self.plan, self.sort_column
        if col == COL_NAME:
            return plan.units[uid].name
        if col < 0:
            return min(plan.units[uid].members)  # the plan's display order
        s = plan.stats(uid)
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
        if col >= COL_RADIUS:
            return self._extra_value(uid, col)
        return s.parts

    def _precedes(self, a: int, b: int) -> bool:
        """Whether unit ``a`` is shown before unit ``b`` (a total order: ties by id)."""
        ka, kb = (self._key(a), a), (self._key(b), b)
        if self.sort_order == Qt.SortOrder.DescendingOrder and self.sort_column >= 0:
            return kb < ka
        return ka < kb

    def _prefetch_radii(self) -> None:
        """Every unit's radius into the cache, the missing ones in one batch."""
        figures = self._figures
        missing = [u for u in self.plan.units if "radius" not in figures.get(u, ())]
        if len(missing) <= BATCH_RADII:
            return  # a few: one at a time is as quick
        _, radius, _ = seat_arrays(self.plan, missing)
        for uid, r in zip(missing, radius.tolist(), strict=True):
            figures.setdefault(uid, {})["radius"] = r

    def _ordered_units(self) -> list[int]:
        plan = self.plan
        if self.sort_column < 0:
            uids = plan.unit_ids()
        else:
            if self.sort_column == COL_RADIUS:
                self._prefetch_radii()
            uids = sorted(
                plan.units,
                key=lambda u: (self._key(u), u),
                reverse=self.sort_order == Qt.SortOrder.DescendingOrder,
            )
        if self.name_filter:
            uids = [u for u in uids if self._accepts(u)]
        return uids

    def _rebuild(self) -> None:
        self.beginResetModel()
        plan = self.plan
        rows = np.asarray(self._ordered_units(), dtype=np.int64)
        self._expanded = {
            u: plan.members(u)
            for u in self._expanded
            if u in plan.units and len(plan.units[u].members) > 1
        }
        if self._expanded and len(rows):
            at = np.flatnonzero(np.isin(rows, np.fromiter(self._expanded, dtype=np.int64)))
            pieces, start = [], 0
            for i in at.tolist():
                pieces += [rows[start : i + 1], -(self._expanded[int(rows[i])] + 1)]
                start = i + 1
            pieces.append(rows[start:])
            rows = np.concatenate(pieces)
        self._rows = rows
        self._reindex()
        self.endResetModel()

    def _reindex(self) -> None:
        rows = self._rows
        size = int(rows.max()) + 1 if len(rows) else 1
        if len(self._row_of) < size:
            self._row_of = np.full(size * 2, -1, dtype=np.int64)
        else:
            self._row_of.fill(-1)
        at = np.flatnonzero(rows >= 0)
        self._row_of[rows[at]] = at

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the units (their towns stay beneath them); -1 = the plan's order."""
        self.sort_column = column if 0 <= column < self.columnCount() else -1
        self.sort_order = order
        self._rebuild()

    def set_name_filter(self, text: str) -> None:
        self.name_filter = text.strip()
        self._rebuild()

    # -- lookup -----------------------------------------------------------------------
    def row_of(self, uid: int) -> int:
        """Row of a unit, -1 when it is not shown."""
        uid = int(uid)
        return int(self._row_of[uid]) if 0 <= uid < len(self._row_of) else -1

    def uid_at(self, row: int) -> int | None:
        v = int(self._rows[row])
        return v if v >= 0 else None

    def unit_index(self, uid: int, column: int = 0) -> QModelIndex:
        row = self.row_of(uid)
        return self.index(row, column) if row >= 0 else QModelIndex()

    def town_index(self, town: int, column: int = 0) -> QModelIndex:
        """Index of a town's row (only while its unit is expanded)."""
        uid = int(self.plan.unit_of[town])
        kids = self._expanded.get(uid)
        row = self.row_of(uid)
        if kids is None or row < 0:
            return QModelIndex()
        k = int(np.searchsorted(kids, town))
        if k < len(kids) and kids[k] == town:
            return self.index(row + 1 + k, column)
        return QModelIndex()

    def town_of(self, index: QModelIndex) -> int | None:
        """Town of a town row, ``None`` for a unit row."""
        if not index.isValid():
            return None
        v = int(self._rows[index.row()])
        return -v - 1 if v < 0 else None

    def unit_of_index(self, index: QModelIndex) -> int | None:
        """The unit a row stands for or belongs to."""
        if not index.isValid():
            return None
        v = int(self._rows[index.row()])
        return v if v >= 0 else int(self.plan.unit_of[-v - 1])

    def towns_of(self, index: QModelIndex) -> list[int]:
        town = self.town_of(index)
        if town is not None:
            return [town]
        uid = self.unit_of_index(index)
        return [] if uid is None else sorted(self.plan.units[uid].members)

    def children(self, uid: int) -> list[int]:
        """Towns shown beneath an expanded unit (empty when collapsed)."""
        return self._expanded.get(uid, np.empty(0, dtype=np.int64)).tolist()

    # -- expanding --------------------------------------------------------------------
    def is_expanded(self, uid: int) -> bool:
        return uid in self._expanded

    def expand(self, uid: int) -> None:
        uid = int(uid)
        row = self.row_of(uid)
        if row < 0 or uid in self._expanded or len(self.plan.units[uid].members) < 2:
            return
        kids = self.plan.members(uid)
        self._insert(row + 1, -(kids + 1), lambda: self._expanded.__setitem__(uid, kids))
        self._changed(row, row)

    def collapse(self, uid: int) -> None:
        uid = int(uid)
        row = self.row_of(uid)
        kids = self._expanded.get(uid)
        if row < 0 or kids is None:
            return
        self._remove(row + 1, row + len(kids), lambda: self._expanded.pop(uid, None))
        self._changed(row, row)

    def toggle(self, uid: int) -> None:
        if self.is_expanded(uid):
            self.collapse(uid)
        else:
            self.expand(uid)

    # -- structural edits -------------------------------------------------------------
    def _remove(self, first: int, last: int, also: Callable[[], object] | None = None) -> None:
        self.beginRemoveRows(QModelIndex(), first, last)
        self._rows = np.delete(self._rows, np.s_[first : last + 1])
        if also is not None:
            also()
        self._reindex()
        self.endRemoveRows()

    def _insert(
        self, row: int, values: np.ndarray, also: Callable[[], object] | None = None
    ) -> None:
        values = np.asarray(values, dtype=np.int64)
        if not len(values):
            return
        self.beginInsertRows(QModelIndex(), row, row + len(values) - 1)
        self._rows = np.insert(self._rows, row, values)
        if also is not None:
            also()
        self._reindex()
        self.endInsertRows()

    def _block_end(self, uid: int) -> int:
        return self.row_of(uid) + len(self._expanded.get(uid, ()))

    def _changed(self, first: int, last: int) -> None:
        self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    def _position(self, uid: int, skip: tuple[int, int] | None = None) -> int:
        """The row before which unit ``uid`` belongs (binary search over unit rows)."""
        unit_rows = np.flatnonzero(self._rows >= 0)
        if skip is not None:
            a, b = skip
            unit_rows = unit_rows[(unit_rows < a) | (unit_rows > b)]
        lo, hi = 0, len(unit_rows)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._precedes(int(self._rows[unit_rows[mid]]), uid):
                lo = mid + 1
            else:
                hi = mid
        return int(unit_rows[lo]) if lo < len(unit_rows) else len(self._rows)

    def _in_place(self, uid: int) -> bool:
        row = self.row_of(uid)
        prev = row - 1
        while prev >= 0 and self._rows[prev] < 0:
            prev -= 1
        if prev >= 0 and not self._precedes(int(self._rows[prev]), uid):
            return False
        nxt = self._block_end(uid) + 1
        return nxt >= len(self._rows) or self._precedes(uid, int(self._rows[nxt]))

    def _move_into_place(self, uid: int) -> None:
        a, b = self.row_of(uid), self._block_end(uid)
        dest = self._position(uid, skip=(a, b))
        if a <= dest <= b + 1:
            return
        self.beginMoveRows(QModelIndex(), a, b, QModelIndex(), dest)
        block = self._rows[a : b + 1].copy()
        rest = np.delete(self._rows, np.s_[a : b + 1])
        at = dest if dest < a else dest - len(block)
        self._rows = np.insert(rest, at, block)
        self._reindex()
        self.endMoveRows()

    def _update_children(self, uid: int) -> None:
        old = self._expanded.get(uid)
        if old is None:
            return
        row = self.row_of(uid)
        new = self.plan.members(uid)
        if len(new) == len(old) and np.array_equal(new, old):
            return
        self._remove(row + 1, row + len(old), lambda: self._expanded.pop(uid, None))
        if len(new) > 1:
            self._insert(row + 1, -(new + 1), lambda: self._expanded.__setitem__(uid, new))

    # -- following the plan -----------------------------------------------------------
    def _on_change(self, change: PlanChange) -> None:
        plan = self.plan
        removed = [u for u in change.removed if self.row_of(u) >= 0]
        touched = [u for u in change.touched if u in plan.units]
        new = [u for u in touched if self.row_of(u) < 0]
        for uid in change.removed | change.touched:
            self._figures.pop(uid, None)
        self.updating = True
        try:
            if self.preview is not None and self.preview.unit not in plan.units:
                self.preview = None
            if len(removed) + len(new) > RESET_THRESHOLD:
                self._rebuild()
                return
            for uid in removed:
                end = self._block_end(uid)
                self._remove(self.row_of(uid), end, lambda u=uid: self._expanded.pop(u, None))
            shown = [u for u in touched if self.row_of(u) >= 0]
            for uid in shown:
                if not self._accepts(uid):  # renamed out of the name filter
                    end = self._block_end(uid)
                    self._remove(self.row_of(uid), end, lambda u=uid: self._expanded.pop(u, None))
                    continue
                self._update_children(uid)
            shown = [u for u in shown if self.row_of(u) >= 0]
            # several touched units may be out of place at once: settle them in turn
            for _ in range(3):
                moved = [u for u in shown if not self._in_place(u)]
                for uid in moved:
                    self._move_into_place(uid)
                if not moved:
                    break
            for uid in new:
                if self._accepts(uid):
                    self._insert(self._position(uid), np.asarray([uid]))
            for uid in shown:
                self._changed(self.row_of(uid), self._block_end(uid))
        finally:
            self.updating = False

    # -- drag preview -----------------------------------------------------------------
    def set_preview(self, uid: int | None, towns: Iterable[int]) -> AssignPreview | None:
        """Show what ``uid`` would become with ``towns``; the plan is not touched."""
        old = self.preview
        if uid is None or int(uid) not in self.plan.units:
            self.clear_preview()
            return None
        self.preview = make_preview(self.plan, towns, int(uid))
        for p in {old.unit if old else None, self.preview.unit} - {None}:
            if self.row_of(p) >= 0:
                self._changed(self.row_of(p), self.row_of(p))
        return self.preview

    def clear_preview(self) -> None:
        old, self.preview = self.preview, None
        if old is not None and self.row_of(old.unit) >= 0:
            self._changed(self.row_of(old.unit), self.row_of(old.unit))

    # -- table ------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else N_COLUMNS + len(self.extra)

    @property
    def level(self) -> str:
        """``"village"`` for a village layer (village words in the headers), else ``"town"``."""
        return level_of(self.plan.layer) if self.plan is not None else "town"

    def hidden_columns(self) -> set[int]:
        """Columns that carry nothing for this layer: border (no border town), quota
        (a village layer whose rule set does not ask for the quota)."""
        layer = self.plan.layer
        hidden = set()
        if not has_border_towns(layer):
            hidden.add(COL_BORDER)
        if not quota_applies(layer, self.checker.rules.quota):
            hidden.add(COL_QUOTA)
        return hidden

    def headers(self) -> tuple[str, ...]:
        village = self.level == "village"
        return (
            self.tr("Merged village") if village else self.tr("Unit"),
            self.tr("Villages") if village else self.tr("Towns"),
            self.tr("Population"),
            self.tr("Area km²"),
            self.tr("Border"),
            self.tr("Seat"),
            self.tr("Contiguous"),
            self.tr("Radius km"),
            self.tr("Quota"),
        ) + tuple(key for _, key in self.extra)

    def header_tip(self, section: int) -> str | None:
        if section == COL_RADIUS:
            return self.tr("Service radius: km from the seat to the farthest point of the unit")
        if section == COL_QUOTA:
            return self.tr(
                "Staffing quota recomputed for the merged unit (the tooltip of a cell "
                "shows how, and its towns' old quotas added up)"
            )
        if section >= N_COLUMNS and section - N_COLUMNS < len(self.extra):
            kind, key = self.extra[section - N_COLUMNS]
            if kind == "facility":
                return self.tr("Facilities of category {category} inside the unit").format(
                    category=key
                )
            return self.tr("Sum of the field {field} over the unit's towns").format(field=key)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == _DISPLAY:
            headers = self.headers()
            return headers[section] if 0 <= section < len(headers) else None
        if role == Qt.ItemDataRole.TextAlignmentRole and (
            section in (COL_POP, COL_AREA) or section >= COL_RADIUS
        ):
            return _RIGHT
        if role == _R_TIP:
            return self.header_tip(section)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.column() == COL_NAME and self._rows[index.row()] >= 0:
            return _NAME_FLAGS
        return _BASE_FLAGS

    def data(self, index: QModelIndex, role: int = _DISPLAY) -> object:
        # the view asks ~7 roles per visible cell on every paint: answer the cheap and
        # the unused ones before looking anything up
        if role == _R_ALIGN:
            c = index.column()
            return _RIGHT if c in (COL_POP, COL_AREA) or c >= COL_RADIUS else None
        if role in _R_UNUSED:
            return None
        if (role == _R_FONT or role == _R_BG) and self.preview is None:
            return None
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        v = int(self._rows[index.row()])
        if v >= 0:
            return self._unit_data(v, index.column(), role)
        return self._town_data(-v - 1, index.column(), role)

    def _unit_data(self, uid: int, col: int, role: int) -> object:
        plan = self.plan
        unit = plan.units.get(uid)
        if unit is None:
            return None
        s = plan.stats(uid)
        preview = self.preview if self.preview is not None and self.preview.unit == uid else None
        if role in (_DISPLAY, _EDIT):
            if col == COL_NAME:
                if role == _EDIT:
                    return unit.name
                mark = LEAF if s.towns < 2 else EXPANDED if uid in self._expanded else COLLAPSED
                return mark + unit.name
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
            if col == COL_RADIUS:
                return numbers.area(self._extra_value(uid, col))
            if col >= COL_QUOTA:
                value = self._extra_value(uid, col)
                if col > COL_QUOTA and self.extra[col - N_COLUMNS][0] == "carried":
                    return numbers.area(value, 2 if abs(value) < 100 else 0)
                return numbers.count(value)
            return None
        if role == _R_UNIT:
            return uid
        if role == _R_FG:
            if col == COL_CONTIG and not s.contiguous:
                return QBrush(_WARN)
            if col == COL_BORDER and s.border_towns and s.towns > 1:
                return QBrush(_WARN)  # a border town merged with others
            return None
        if role == _R_BG and preview is not None:
            return QBrush(_PREVIEW_BG)
        if role == _R_FONT and preview is not None:
            font = QFont()
            font.setBold(True)
            return font
        if role == _R_TIP:
            if col == COL_TOWNS:
                return "、".join(str(plan.layer.names[t]) for t in sorted(unit.members))
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
            if col == COL_QUOTA:
                return self.quota_tip(uid)
        return None

    def quota_tip(self, uid: int) -> str:
        q = self.figure(uid, "quota")
        text = self.tr(
            "basic {basic:g} + population {population:.1f} + area {area:.1f} + villages "
            "{villages:.1f} + key guarantee {key:g} = {total:g}"
        ).format(
            basic=q.basic,
            population=q.population,
            area=q.area,
            villages=q.villages,
            key=q.key_guarantee,
            total=q.total,
        )
        old = self.figure(uid, "quota_old")
        text += "\n" + self.tr("Its towns' own quotas added up: {old:g}").format(old=old)
        if q.reasons:
            reasons = "; ".join(message_text(r) for r in q.reasons)
            text += "\n" + self.tr("Key guarantee: {reasons}").format(reasons=reasons)
        return text

    def _member_names(self, uid: int, n: int) -> str:
        names = self.plan.layer.names
        unit = self.plan.units[uid]
        if n <= NAMES_SHOWN:
            members = sorted(unit.members)
        else:
            members = sorted(unit.members)[:NAMES_SHOWN]
        if n == 1:
            return "1"
        text = "、".join(str(names[t]) for t in members)
        if n > NAMES_SHOWN:
            text += "…"
        return f"{n}: {text}"

    def _town_data(self, town: int, col: int, role: int) -> object:
        layer = self.plan.layer
        uid = int(self.plan.unit_of[town])
        if role in (_DISPLAY, _EDIT):
            if col == COL_NAME:
                kids = self._expanded.get(uid)
                last = kids is not None and len(kids) and kids[-1] == town
                return ("      └ " if last else "      ├ ") + str(layer.names[town])
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
            if col == COL_QUOTA:  # the town's own (old) quota
                return numbers.count(self._quota.town_totals()[town])
            if col > COL_QUOTA:
                kind, key = self.extra[col - N_COLUMNS]
                if kind == "facility":
                    return numbers.count(self._town_facilities[town, col - N_COLUMNS])
                v = self._carried.values[key][town]
                return "—" if v != v else numbers.area(v, 2 if abs(v) < 100 else 0)
            return None
        if role == _R_TOWN:
            return town
        if role == _R_UNIT:
            return uid
        if role == _R_FG:
            return QBrush(_TOWN_FG)
        if role == _R_TIP and col == COL_NAME:
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
    def setData(self, index: QModelIndex, value: object, role: int = _EDIT) -> bool:
        if role != _EDIT or not index.isValid() or index.column() != COL_NAME:
            return False
        uid = self.uid_at(index.row())
        if uid is None:
            return False
        name = str(value if value is not None else "").strip()
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
        for row in {i.row() for i in indexes if i.isValid()}:
            towns.update(self.towns_of(self.index(row, 0)))
        return _encode_towns(self.plan, towns)

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: ANN001
        return parent.isValid() and data is not None and data.hasFormat(MIME_TOWNS)

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: ANN001
        """Towns dropped on a unit row (or one of its town rows): one ``AssignTowns``."""
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
        return True


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
            partial = []
            for uid, start, cnt in zip(
                uniq.tolist(), starts.tolist(), counts.tolist(), strict=True
            ):
                if model.row_of(uid) < 0:
                    continue
                if cnt == plan.stats(uid).towns:
                    rows.append(model.row_of(uid))
                else:
                    partial.append((uid, arr[start : start + cnt]))
            self._syncing = True  # expanding must not feed back
            try:
                for uid, _ in partial[:20]:
                    model.expand(uid)
            finally:
                self._syncing = False
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


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """``[1, 2, 3, 7, 8]`` → ``[(1, 3), (7, 8)]`` (input sorted, no repeats)."""
    runs: list[tuple[int, int]] = []
    for r in rows:
        if runs and r == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], r)
        else:
            runs.append((r, r))
    return runs


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
