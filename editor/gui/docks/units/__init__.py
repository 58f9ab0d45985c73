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

The package: :mod:`.rows` (columns, roles, preview, drag payload), :mod:`.figures`
(the figure columns), :mod:`.cells` (cell texts), :mod:`.model` (``UnitsModel``) and
:mod:`.view` (``UnitsView``, ``UnitsWidget``, ``UnitsDock``). The names callers import
are re-exported here.
"""

from __future__ import annotations

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
    MIME_TOWNS,
    N_COLUMNS,
    SORT_ROLE,
    TOWN_ROLE,
    UNIT_ROLE,
    AssignPreview,
    _encode_towns,
    decode_towns,
    make_preview,
)
from editor.gui.docks.units.view import UnitsDock, UnitsView, UnitsWidget

__all__ = [
    "COL_AREA",
    "COL_BORDER",
    "COL_CONTIG",
    "COL_NAME",
    "COL_POP",
    "COL_QUOTA",
    "COL_RADIUS",
    "COL_SEAT",
    "COL_TOWNS",
    "MIME_TOWNS",
    "N_COLUMNS",
    "SORT_ROLE",
    "TOWN_ROLE",
    "UNIT_ROLE",
    "AssignPreview",
    "UnitsDock",
    "UnitsModel",
    "UnitsView",
    "UnitsWidget",
    "_encode_towns",
    "decode_towns",
    "make_preview",
]
