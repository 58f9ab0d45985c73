"""The units dock's cell texts: what a unit row and a town row show in each column and role.

A mixin of :class:`~editor.gui.docks.units.model.UnitsModel`; its texts are in the
translation context ``UnitsModel``.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
)
from PySide6.QtGui import QBrush, QFont

from editor.gui.docks import numbers
from editor.gui.docks.units.rows import (
    _DISPLAY,
    _EDIT,
    _PREVIEW_BG,
    _R_BG,
    _R_FG,
    _R_FONT,
    _R_TIP,
    _R_TOWN,
    _R_UNIT,
    _TOWN_FG,
    _WARN,
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
    EXPANDED,
    LEAF,
    N_COLUMNS,
    NAMES_SHOWN,
)


class CellTexts:
    """Display, tooltip, font and colour of the unit and town rows."""

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
                if s.missing_population >= s.towns:
                    text = "—"  # no figure at all: not a population of 0
                else:
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
                    QCoreApplication.translate("UnitsModel", "Border")
                    if s.towns == 1
                    else QCoreApplication.translate("UnitsModel", "Border ({n})").format(
                        n=s.border_towns
                    )
                )
            if col == COL_SEAT:
                return str(plan.layer.names[s.seat])
            if col == COL_CONTIG:
                if s.contiguous:
                    return QCoreApplication.translate("UnitsModel", "Yes")
                return QCoreApplication.translate("UnitsModel", "No: {n} pieces").format(n=s.parts)
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
                if s.missing_population >= s.towns:
                    return QCoreApplication.translate("UnitsModel", "Population missing")
                if self.level == "village":
                    return QCoreApplication.translate(
                        "UnitsModel", "{n} village(s) without a population figure"
                    ).format(n=s.missing_population)
                return QCoreApplication.translate(
                    "UnitsModel", "{n} town(s) without a population figure"
                ).format(n=s.missing_population)
            if col == COL_SEAT:
                return (
                    QCoreApplication.translate("UnitsModel", "Seat chosen by hand")
                    if unit.seat is not None
                    else QCoreApplication.translate("UnitsModel", "Seat chosen automatically")
                )
            if col == COL_NAME and unit.note:
                return unit.note
            if col == COL_QUOTA:
                return self.quota_tip(uid)
        return None

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
                return (
                    QCoreApplication.translate("UnitsModel", "Border") if layer.border[town] else ""
                )
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
        if role == _R_TIP and col == COL_POP and layer.population[town] != layer.population[town]:
            return QCoreApplication.translate("UnitsModel", "Population missing")
        if role == _R_TIP and col == COL_NAME:
            flags = []
            if layer.historic[town]:
                flags.append(QCoreApplication.translate("UnitsModel", "historic-cultural town"))
            if layer.county_seat[town]:
                flags.append(QCoreApplication.translate("UnitsModel", "county-seat town"))
            if layer.centre[town]:
                flags.append(QCoreApplication.translate("UnitsModel", "regional centre town"))
            return "; ".join([str(layer.ids[town])] + flags)
        return None
