"""The reform's figures per merged unit, in one batch, for exports, tables and layouts.

A panel asks for one unit at a time (:func:`editor.core.seats.unit_seat_figures`,
:meth:`QuotaCalculator.unit`, :meth:`FacilityLayer.unit_counts`,
:meth:`CarriedFields.unit_sums`); an export or a layout wants every unit at once. This
module computes the same figures for all units in a few vectorised passes over the towns
(13,000 units one at a time would cost seconds in pyproj call overhead alone):

* seat, service radius (km) and population-weighted mean distance (km) to the seat;
* staffing quota recomputed for the unit, and the old total of its members' own quotas;
* facility counts per category, when facility layers are given;
* sums of carried numeric fields (assets, debts, staff, GDP), when any are chosen.

What the caller passes, and what it defaults to:

``rules``
    a :class:`~editor.core.ruleset.RuleSet`; ``None`` means ``default_rules()``. Its
    quota weights drive the quota, its ``data.carried_fields`` are carried when
    ``carry`` is empty and its ``data.facility_category_field`` types the facility
    points of layers given by path.
``facilities``
    :class:`~editor.core.facilities.FacilityLayer` objects. Callers holding paths of
    point layers use the io wrappers of the same name,
    :func:`editor.io.facilities.resolve_sources` and
    :func:`editor.io.facilities.unit_figures`, which read them first.
``carry``
    numeric column names to sum; empty means the rule set's ``carried_fields``.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely

from editor.core.facilities import CarriedFields, FacilityLayer, merge_facilities
from editor.core.messages import Message
from editor.core.parents import quota_applies
from editor.core.plan import Plan
from editor.core.quota import QuotaCalculator
from editor.core.ruleset import RuleSet, default_rules
from editor.core.seats import _CANDIDATES, seat_geometry
from editor.core.towns import TownLayer
from editor.errors import LayerError

#: what callers may give as facilities: layers, or point-layer paths for io's wrappers
#: (:func:`editor.io.facilities.resolve_sources`) to read; this module takes layers only
FacilitySource = FacilityLayer | str | Path


@dataclass
class DataSources:
    """The rule set, facility points and carried fields resolved against one layer."""

    rules: RuleSet
    quota: QuotaCalculator
    facilities: FacilityLayer | None
    carried: CarriedFields | None
    notes: list[str] = field(default_factory=list)

    @property
    def categories(self) -> list[str]:
        """Facility categories in the order they first appear (layer order, then points)."""
        if self.facilities is None or not len(self.facilities):
            return []
        return list(dict.fromkeys(self.facilities.categories.astype(str).tolist()))

    @property
    def carried_columns(self) -> list[str]:
        return [] if self.carried is None else list(self.carried.columns)

    def town_facility_counts(self) -> np.ndarray:
        """(towns, categories) facility counts per original town."""
        cats = self.categories
        n = self.quota.layer.n
        out = np.zeros((n, len(cats)), dtype=np.int64)
        if not cats:
            return out
        fac = self.facilities
        assert fac is not None  # categories come from the facility layer
        inside = fac.town_of >= 0
        col = {c: j for j, c in enumerate(cats)}
        j = np.array([col[c] for c in fac.categories[inside].astype(str).tolist()], dtype=np.int64)
        np.add.at(out, (fac.town_of[inside], j), 1)
        return out


def resolve_sources(
    layer: TownLayer,
    rules: RuleSet | None = None,
    facilities: Sequence[FacilityLayer] = (),
    carry: Sequence[str] = (),
    facility_field: str | None = None,
) -> DataSources:
    """Resolve the optional inputs (see the module docstring) against ``layer``.

    ``facility_field`` types facility points read from paths, which only the io wrapper
    (:func:`editor.io.facilities.resolve_sources`) takes; it is accepted here so both
    have one signature.

    Raises
    ------
    LayerError
        A carried field the layer lacks, or one that holds no number at all.
    TypeError
        A facility source that is not a :class:`FacilityLayer` (a path: use io's wrapper).
    """
    del facility_field  # see the docstring
    rules = rules if rules is not None else default_rules()
    quota = QuotaCalculator(layer, rules.quota)
    layers = []
    for f in facilities or ():
        if not isinstance(f, FacilityLayer):
            raise TypeError(
                f"facilities must be FacilityLayer objects, not {type(f).__name__} "
                "(read paths with editor.io.facilities.resolve_sources)"
            )
        layers.append(f)
    fac = merge_facilities(layers)
    columns = list(dict.fromkeys(str(c) for c in (carry or rules.data.carried_fields or ())))
    carried = CarriedFields(layer, columns) if columns else None
    if carried is not None:
        attrs = layer.attributes
        for col in columns:
            # a text column parses to NaN everywhere: summing it would write zeros
            if np.isnan(carried.values[col]).all() and attrs[col].notna().any():
                raise LayerError(
                    layer.report.path,
                    Message(
                        "error.field_not_numeric",
                        "field {col!r} is not numeric and cannot be summed",
                        col=col,
                    ),
                )
    notes = list(quota.notes) + ([] if fac is None else list(fac.notes))
    return DataSources(rules, quota, fac, carried, notes)


@dataclass
class UnitFigures:
    """Figures of the units ``uids`` (display order), one array entry per unit."""

    uids: list[int]
    seat: np.ndarray  # town index of each unit's seat
    service_radius_km: np.ndarray
    mean_distance_km: np.ndarray
    quota: np.ndarray  # recomputed for the merged unit
    quota_old: np.ndarray  # sum of the member towns' own quotas
    categories: list[str]
    facility_counts: np.ndarray  # (units, categories) int
    carried_columns: list[str]
    carried: np.ndarray  # (units, carried columns) float; blank values count 0
    sources: DataSources
    notes: list[str] = field(default_factory=list)
    #: whether the quota belongs in tables and exports (not on a village layer unless
    #: the rule set's ``quota.apply_to_villages``; see :func:`editor.core.parents.quota_applies`)
    has_quota: bool = True

    def __post_init__(self) -> None:
        self._pos = {u: k for k, u in enumerate(self.uids)}

    def __len__(self) -> int:
        return len(self.uids)

    def position(self, uid: int) -> int:
        return self._pos[uid]

    def facilities_of(self, uid: int) -> dict[str, int]:
        row = self.facility_counts[self._pos[uid]]
        return {c: int(v) for c, v in zip(self.categories, row.tolist(), strict=True)}

    def carried_of(self, uid: int) -> dict[str, float]:
        row = self.carried[self._pos[uid]]
        return {c: float(v) for c, v in zip(self.carried_columns, row.tolist(), strict=True)}

    def quota_totals(self) -> dict[str, float]:
        """Old total (the original towns' own quotas) vs new (the merged units')."""
        old = self.sources.quota.old_total()
        new = float(self.quota.sum())
        return {"old": old, "new": new, "change": new - old}


def _unit_positions(plan: Plan, uids: Sequence[int]) -> np.ndarray:
    """Position in ``uids`` of each town's unit (``-1`` for units not listed)."""
    top = max(plan.units) + 1 if plan.units else 0
    lookup = np.full(top, -1, dtype=np.int64)
    lookup[np.asarray(list(uids), dtype=np.int64)] = np.arange(len(uids))
    return lookup[plan.unit_of]


_hulls: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _hull_vertices(layer: TownLayer) -> tuple[np.ndarray, np.ndarray]:
    """Convex-hull vertices (metric) of every town and the town each belongs to.

    Computed once per layer (a third of a second on 40,000 towns) and kept while the
    layer lives: a plan's units change, its towns' hulls do not.
    """
    got = _hulls.get(layer)
    if got is None:
        hulls = shapely.convex_hull(layer.geometry_m)
        got = _hulls[layer] = shapely.get_coordinates(hulls, return_index=True)
    return got


def seat_arrays(plan: Plan, uids: Sequence[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Seat town, service radius (km) and mean distance (km) of every unit in ``uids``.

    The same method as :class:`editor.core.seats.SeatGeometry` (representative points,
    hull vertices, the few planar-farthest measured on the ellipsoid), done for all
    units together.
    """
    layer = plan.layer
    k = len(uids)
    seat = np.fromiter((plan.seat_of(u) for u in uids), dtype=np.int64, count=k)
    radius = np.zeros(k)
    mean = np.zeros(k)
    if k == 0:
        return seat, radius, mean
    geo = seat_geometry(layer)
    pos = _unit_positions(plan, uids)
    towns = np.flatnonzero(pos >= 0)
    upos = pos[towns]
    pts = geo.points(np.arange(layer.n))
    seat_pt = pts[seat]  # (k, 2) metric

    # mean distance: every town's point to its unit's seat point, weighted by population
    lon, lat = geo.lonlat(pts[towns])
    slon, slat = geo.lonlat(seat_pt)
    _, _, dist = geo.geod.inv(slon[upos], slat[upos], lon, lat)
    w = np.clip(np.nan_to_num(layer.population[towns], nan=0.0), 0.0, None)
    wsum = np.bincount(upos, weights=w, minlength=k)
    dsum = np.bincount(upos, weights=dist * w, minlength=k)
    count = np.bincount(upos, minlength=k)
    plain = np.bincount(upos, weights=dist, minlength=k) / np.maximum(count, 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(wsum > 0, dsum / np.where(wsum > 0, wsum, 1.0), plain) / 1000.0
    mean[count <= 1] = 0.0

    # service radius: hull vertices of the towns, the few planar-farthest per unit
    verts, owner = _hull_vertices(layer)
    listed = pos[owner] >= 0
    verts, vunit = verts[listed], pos[owner[listed]]
    if len(verts):
        d2 = ((verts - seat_pt[vunit]) ** 2).sum(axis=1)
        order = np.lexsort((-d2, vunit))
        vunit_sorted = vunit[order]
        starts = np.searchsorted(vunit_sorted, np.arange(k))
        rank = np.arange(len(order)) - starts[vunit_sorted]
        cand = order[rank < _CANDIDATES]
        clon, clat = geo.lonlat(verts[cand])
        cu = vunit[cand]
        _, _, cdist = geo.geod.inv(slon[cu], slat[cu], clon, clat)
        np.maximum.at(radius, cu, cdist / 1000.0)
    return seat, radius, mean


def unit_figures(
    plan: Plan,
    rules: RuleSet | None = None,
    facilities: Sequence[FacilityLayer] = (),
    carry: Sequence[str] = (),
    *,
    uids: Sequence[int] | None = None,
    sources: DataSources | None = None,
    facility_field: str | None = None,
) -> UnitFigures:
    """Every unit's seat distances, quota, facility counts and carried sums.

    Pass ``sources`` (from :func:`resolve_sources`) to reuse resolved inputs; otherwise
    ``rules``, ``facilities``, ``carry`` and ``facility_field`` are resolved here.
    """
    layer = plan.layer
    if sources is None:
        sources = resolve_sources(layer, rules, facilities, carry, facility_field)
    uids = plan.unit_ids() if uids is None else list(uids)
    k = len(uids)
    seat, radius, mean = seat_arrays(plan, uids)
    pos = _unit_positions(plan, uids)
    towns = np.flatnonzero(pos >= 0)
    upos = pos[towns]

    totals = sources.quota.unit_totals(plan)
    quota = np.array([totals[u] for u in uids], dtype=np.float64)
    quota_old = np.bincount(upos, weights=sources.quota.town_totals()[towns], minlength=k)

    cats = sources.categories
    counts = np.zeros((k, len(cats)), dtype=np.int64)
    if cats:
        per_town = sources.town_facility_counts()
        for j in range(len(cats)):
            counts[:, j] = np.bincount(upos, weights=per_town[towns, j], minlength=k)
    cols = sources.carried_columns
    carried = np.zeros((k, len(cols)))
    for j, col in enumerate(cols):
        assert sources.carried is not None  # columns come from the carried fields
        v = np.nan_to_num(sources.carried.values[col][towns], nan=0.0)
        carried[:, j] = np.bincount(upos, weights=v, minlength=k)
    return UnitFigures(
        uids=uids,
        seat=seat,
        service_radius_km=radius,
        mean_distance_km=mean,
        quota=quota,
        quota_old=quota_old,
        categories=cats,
        facility_counts=counts,
        carried_columns=cols,
        carried=carried,
        sources=sources,
        notes=list(sources.notes),
        has_quota=quota_applies(layer, sources.rules.quota),
    )
