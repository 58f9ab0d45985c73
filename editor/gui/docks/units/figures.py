"""The units dock's figure columns (issue 6): quota, service radius, facility counts, carried sums.

A mixin of :class:`~editor.gui.docks.units.model.UnitsModel`; its texts are in the
translation context ``UnitsModel``.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
)

from editor.core.facilities import CarriedFields, merge_facilities
from editor.core.quota import QuotaCalculator
from editor.core.seats import service_radius_km
from editor.core.unit_figures import DataSources
from editor.errors import EditorError
from editor.gui.docks.units.rows import (
    COL_QUOTA,
    COL_RADIUS,
    N_COLUMNS,
)
from editor.gui.i18n import message_text


class FigureColumns:
    """Quota method, facility counts per town and carried fields, cached per unit."""

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

    def quota_tip(self, uid: int) -> str:
        q = self.figure(uid, "quota")
        text = QCoreApplication.translate(
            "UnitsModel",
            "basic {basic:g} + population {population:.1f} + area {area:.1f} + villages "
            "{villages:.1f} + key guarantee {key:g} = {total:g}",
        ).format(
            basic=q.basic,
            population=q.population,
            area=q.area,
            villages=q.villages,
            key=q.key_guarantee,
            total=q.total,
        )
        old = self.figure(uid, "quota_old")
        text += "\n" + QCoreApplication.translate(
            "UnitsModel", "Its towns' own quotas added up: {old:g}"
        ).format(old=old)
        if q.reasons:
            reasons = "; ".join(message_text(r) for r in q.reasons)
            text += "\n" + QCoreApplication.translate(
                "UnitsModel", "Key guarantee: {reasons}"
            ).format(reasons=reasons)
        return text
