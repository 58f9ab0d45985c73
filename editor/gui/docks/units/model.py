"""The units dock's flat model: one row per unit, followed by its towns while expanded."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    Qt,
)

from editor.core.columns import COLUMNS, DOCK_KEYS
from editor.core.commands import AssignTowns, CommandError, RenameUnit
from editor.core.facilities import CarriedFields
from editor.core.parents import has_border_towns, level_of, quota_applies
from editor.core.plan import PlanChange
from editor.core.quota import QuotaCalculator
from editor.core.unit_figures import seat_arrays
from editor.gui.docks.units.cells import CellTexts
from editor.gui.docks.units.figures import FigureColumns
from editor.gui.docks.units.rows import (
    _BASE_FLAGS,
    _DISPLAY,
    _EDIT,
    _NAME_FLAGS,
    _R_ALIGN,
    _R_BG,
    _R_FONT,
    _R_TIP,
    _R_UNUSED,
    _RIGHT,
    _ROOT,
    BATCH_RADII,
    COL_AREA,
    COL_BORDER,
    COL_NAME,
    COL_POP,
    COL_QUOTA,
    COL_RADIUS,
    COL_SEAT,
    COL_TOWNS,
    MIME_TOWNS,
    N_COLUMNS,
    RESET_THRESHOLD,
    AssignPreview,
    PushFn,
    _encode_towns,
    decode_towns,
    make_preview,
)


class UnitsModel(FigureColumns, CellTexts, QAbstractTableModel):
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
        """The base headers (from the column catalogue, translated), then the figure columns."""
        village = self.level == "village"
        texts = []
        for key in DOCK_KEYS:
            column = COLUMNS[key]
            text = column.dock_village if village and column.dock_village else column.dock
            texts.append(QCoreApplication.translate("UnitsModel", text))
        return tuple(texts) + tuple(key for _, key in self.extra)

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
