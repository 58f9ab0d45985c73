"""What the units dock's rows are made of: columns, roles, the drag preview, the towns a drag carries."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QMimeData,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from editor.core.preview import preview_assign

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
    population_before: float | None
    area_km2_before: float


def make_preview(plan: object, towns: Iterable[int], uid: int) -> AssignPreview:
    s = plan.stats(uid)
    population, area, count = preview_assign(plan, towns, uid)
    return AssignPreview(
        uid, count, count - s.towns, population, area, s.towns, s.known_population, s.area_km2
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


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """``[1, 2, 3, 7, 8]`` → ``[(1, 3), (7, 8)]`` (input sorted, no repeats)."""
    runs: list[tuple[int, int]] = []
    for r in rows:
        if runs and r == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], r)
        else:
            runs.append((r, r))
    return runs


# The units dock's base headers: the English of editor.core.columns (``dock``,
# ``dock_village``), written out here so pyside6-lupdate extracts them into the
# context UnitsModel, where UnitsModel.headers translates them.
DOCK_HEADER_TEXTS = (
    QT_TRANSLATE_NOOP("UnitsModel", "Unit"),
    QT_TRANSLATE_NOOP("UnitsModel", "Merged village"),
    QT_TRANSLATE_NOOP("UnitsModel", "Towns"),
    QT_TRANSLATE_NOOP("UnitsModel", "Villages"),
    QT_TRANSLATE_NOOP("UnitsModel", "Population"),
    QT_TRANSLATE_NOOP("UnitsModel", "Area km²"),
    QT_TRANSLATE_NOOP("UnitsModel", "Border"),
    QT_TRANSLATE_NOOP("UnitsModel", "Seat"),
    QT_TRANSLATE_NOOP("UnitsModel", "Contiguous"),
    QT_TRANSLATE_NOOP("UnitsModel", "Radius km"),
    QT_TRANSLATE_NOOP("UnitsModel", "Quota"),
)
