"""Facilities and carried figures per merged unit.

Facilities (health centres, nursing homes, schools, offices) are points. Each point is
placed in a town once, by point-in-polygon against the towns' metric geometries
(``layer.geometry_m``) through an :class:`shapely.STRtree`; a unit's facilities are then
the points of its member towns, so a plan change costs nothing here.

Carried fields (assets, debts, staff, GDP) are numeric source columns summed per unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import shapely

from editor.core.messages import Message
from editor.core.plan import Plan
from editor.core.ruleset import number_values
from editor.core.towns import TownLayer
from editor.errors import LayerError


@dataclass
class FacilityLayer:
    """Facility points placed in towns.

    Attributes
    ----------
    town_of
        Index of the town holding each point, ``-1`` for points outside every town.
    categories
        Category of each point (text), e.g. the layer's name or a type field.
    names
        Name of each point, for listing a unit's facilities.
    points_m
        Coordinates (x, y) of each point in the layer's metric CRS, shape (k, 2), for
        drawing them; ``None`` when not kept.
    """

    town_of: np.ndarray
    categories: np.ndarray
    names: np.ndarray
    label: str = ""
    notes: list[str] = field(default_factory=list)
    points_m: np.ndarray | None = None
    # where it was read from (``path``, ``category_field``, ``name_field``): saved with the plan
    source: dict | None = None

    @classmethod
    def from_points(
        cls,
        layer: TownLayer,
        points_m: np.ndarray,
        categories: Sequence[str] | None = None,
        names: Sequence[str] | None = None,
        label: str = "",
    ) -> FacilityLayer:
        """Place points already in the layer's metric CRS (``layer.metric_crs``) in towns.

        A point on the line between two towns goes to the first town found; a point
        outside every town is kept with ``town_of == -1`` and counted in ``outside``.
        """
        points_m = np.asarray(points_m, dtype=object)
        k = len(points_m)
        tree = shapely.STRtree(layer.geometry_m)
        pidx, tidx = tree.query(points_m, predicate="intersects")
        town_of = np.full(k, -1, dtype=np.int64)
        # reversed so that the first hit per point is the one written last
        town_of[pidx[::-1]] = tidx[::-1]
        cats = np.asarray(
            [label or "facility"] * k if categories is None else [str(c) for c in categories],
            dtype=object,
        )
        nm = np.asarray(
            [f"#{i + 1}" for i in range(k)] if names is None else [str(n) for n in names],
            dtype=object,
        )
        xy = shapely.get_coordinates(points_m) if k else np.empty((0, 2))
        out = cls(town_of, cats, nm, label, points_m=xy if len(xy) == k else None)
        if out.outside:
            out.notes.append(f"{out.outside} facility point(s) lie outside every town")
        return out

    @property
    def outside(self) -> int:
        return int((self.town_of < 0).sum())

    def __len__(self) -> int:
        return len(self.town_of)

    def items(self, plan: Plan, uid: int) -> np.ndarray:
        """Indices of the points inside the unit."""
        inside = self.town_of >= 0
        idx = np.flatnonzero(inside)
        hit = plan.unit_of[self.town_of[idx]] == uid
        return idx[hit]

    def unit_counts(self, plan: Plan, uid: int) -> dict[str, int]:
        """Category → number of points inside the unit."""
        cats = self.categories[self.items(plan, uid)]
        values, counts = np.unique(cats.astype(str), return_counts=True)
        return dict(zip(values.tolist(), counts.tolist(), strict=True))

    def all_unit_counts(self, plan: Plan) -> dict[int, dict[str, int]]:
        """Unit id → category → count, for every unit with at least one point."""
        idx = np.flatnonzero(self.town_of >= 0)
        units = plan.unit_of[self.town_of[idx]]
        out: dict[int, dict[str, int]] = {}
        for u, c in zip(units.tolist(), self.categories[idx].tolist(), strict=True):
            per = out.setdefault(u, {})
            per[c] = per.get(c, 0) + 1
        return out


def merge_facilities(layers: Sequence[FacilityLayer]) -> FacilityLayer | None:
    """One facility layer holding the points of several (categories kept)."""
    if not layers:
        return None
    if len(layers) == 1:
        return layers[0]
    return FacilityLayer(
        np.concatenate([f.town_of for f in layers]),
        np.concatenate([f.categories for f in layers]),
        np.concatenate([f.names for f in layers]),
        "+".join(f.label for f in layers),
        [n for f in layers for n in f.notes],
        points_m=(
            np.concatenate([f.points_m for f in layers])
            if all(f.points_m is not None for f in layers)
            else None
        ),
    )


class CarriedFields:
    """Numeric source columns summed per unit (assets, debts, staff, GDP, ...).

    Values are parsed with :func:`editor.io.fields.parse_number`; a blank or unreadable
    value counts as 0 in the sum and is reported in ``missing``.
    """

    def __init__(self, layer: TownLayer, columns: Sequence[str]):
        self.layer = layer
        self.columns = [str(c) for c in columns]
        self.values: dict[str, np.ndarray] = {}
        absent = []
        for col in self.columns:
            v = number_values(layer, col)
            if v is None:
                absent.append(col)
            else:
                self.values[col] = v
        if absent:
            fields = ", ".join(str(c) for c in layer.attributes.columns)
            raise LayerError(
                layer.report.path,
                Message(
                    "error.no_field_named_carry",
                    "no field named {items} to carry (fields: {fields})",
                    items=", ".join(map(repr, absent)),
                    fields=fields,
                ),
            )

    def missing(self, col: str) -> int:
        return int(np.isnan(self.values[col]).sum())

    def unit_sums(self, plan: Plan, uid: int) -> dict[str, float]:
        m = plan.members(uid)
        return {col: float(np.nansum(v[m])) for col, v in self.values.items()}

    def all_unit_sums(self, plan: Plan) -> dict[int, dict[str, float]]:
        """Unit id → column → sum, in one pass per column."""
        uids, inverse = np.unique(plan.unit_of, return_inverse=True)
        sums = {
            col: np.bincount(inverse, weights=np.nan_to_num(v, nan=0.0), minlength=len(uids))
            for col, v in self.values.items()
        }
        return {int(u): {col: float(s[k]) for col, s in sums.items()} for k, u in enumerate(uids)}
