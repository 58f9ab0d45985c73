"""Boundary descriptions (界线描述) of merged units, worded from their neighbours.

A unit's neighbours are the units owning a town adjacent (by edge, see
:mod:`editor.core.adjacency`) to one of its towns. Each neighbour is placed in one of
eight directions by the centroid of the boundary the two units share, seen from the
centroid of the unit (both in the layer's metric CRS, the union of the member towns):
"东与X镇、Y乡接壤，南与Z镇相邻。" or "Borders X and Y to the east, Z to the south."

Within a direction, neighbours come longest shared boundary first; the directions run
clockwise from the east (东, 东南, 南, 西南, 西, 西北, 北, 东北), as such descriptions do.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import shapely

from editor.core.plan import Plan

#: direction keys, clockwise from the east (the order of the description)
DIRECTIONS = ("E", "SE", "S", "SW", "W", "NW", "N", "NE")
DIRECTION_WORDS = {
    "zh": dict(
        zip(DIRECTIONS, ("东", "东南", "南", "西南", "西", "西北", "北", "东北"), strict=True)
    ),
    "en": dict(
        zip(
            DIRECTIONS,
            ("east", "southeast", "south", "southwest", "west", "northwest", "north", "northeast"),
            strict=True,
        )
    ),
}
#: the Chinese verbs, alternated so the sentence does not repeat one word
_ZH_VERBS = ("接壤", "相邻")


@dataclass(frozen=True)
class Neighbour:
    """One neighbouring unit of a unit: its id, name, direction and shared length (m)."""

    uid: int
    name: str
    direction: str  # one of DIRECTIONS
    shared_m: float


def direction_of(dx: float, dy: float) -> str:
    """The one of the eight directions (sectors of 45° centred on each) of ``(dx, dy)``."""
    angle = math.degrees(math.atan2(dy, dx)) % 360.0  # 0 = east, counter-clockwise
    sector = int(((angle + 22.5) % 360.0) // 45.0)  # 0 E, 1 NE, 2 N, 3 NW, 4 W ...
    return ("E", "NE", "N", "NW", "W", "SW", "S", "SE")[sector]


class UnitShapes:
    """Unions (metric) of the units of a plan, computed once each and kept."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self._shapes: dict[int, shapely.Geometry] = {}

    def __call__(self, uid: int) -> shapely.Geometry:
        got = self._shapes.get(uid)
        if got is None:
            members = self.plan.members(uid)
            got = self._shapes[uid] = shapely.union_all(self.plan.layer.geometry_m[members])
        return got


def neighbour_units(plan: Plan, uid: int) -> list[int]:
    """Ids of the units adjacent to ``uid`` (in the plan's display order)."""
    layer = plan.layer
    members = plan.members(uid)
    adjacent: set[int] = set()
    for t in members.tolist():
        adjacent.update(plan.unit_of[layer.adjacency.neighbors(t)].tolist())
    adjacent.discard(uid)
    return [u for u in plan.unit_ids() if u in adjacent]


def unit_neighbours(plan: Plan, uid: int, shapes: UnitShapes | None = None) -> list[Neighbour]:
    """The neighbours of ``uid`` with the direction of their shared boundary."""
    shapes = shapes or UnitShapes(plan)
    tol = max(plan.layer.tolerance_m, 0.01) * 2.0
    own = shapes(uid)
    centre = own.centroid
    ring = own.boundary
    out = []
    for v in neighbour_units(plan, uid):
        other = shapes(v)
        shared = shapely.intersection(ring, other.buffer(tol))
        length = float(shared.length) if not shared.is_empty else 0.0
        if length > 0:
            at = shared.centroid
        else:  # adjacent by the tolerant test only: the nearest point of the other unit
            at = shapely.shortest_line(own, other).centroid
        direction = direction_of(at.x - centre.x, at.y - centre.y)
        out.append(Neighbour(v, plan.units[v].name, direction, length))
    return out


def by_direction(neighbours: Sequence[Neighbour]) -> list[tuple[str, list[Neighbour]]]:
    """The neighbours grouped by direction (clockwise from the east), longest first."""
    groups = []
    for d in DIRECTIONS:
        here = sorted(
            (n for n in neighbours if n.direction == d), key=lambda n: (-n.shared_m, n.name)
        )
        if here:
            groups.append((d, here))
    return groups


def _english_list(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def describe(neighbours: Sequence[Neighbour], lang: str = "zh") -> str:
    """The sentence describing the boundary from ``neighbours``."""
    zh = str(lang).lower().startswith("zh")
    groups = by_direction(neighbours)
    words = DIRECTION_WORDS["zh" if zh else "en"]
    if not groups:
        return "四周无相邻乡镇。" if zh else "Borders no other unit."
    if zh:
        parts = [
            f"{words[d]}与{'、'.join(n.name for n in ns)}{_ZH_VERBS[k % 2]}"
            for k, (d, ns) in enumerate(groups)
        ]
        return "，".join(parts) + "。"
    parts = [f"{_english_list([n.name for n in ns])} to the {words[d]}" for d, ns in groups]
    return "Borders " + ", ".join(parts) + "."


def boundary_text(plan: Plan, uid: int, lang: str = "zh", shapes: UnitShapes | None = None) -> str:
    """The boundary description of unit ``uid``."""
    return describe(unit_neighbours(plan, uid, shapes), lang)


def boundary_texts(plan: Plan, lang: str = "zh") -> dict[int, str]:
    """The boundary description of every unit (unions computed once each)."""
    shapes = UnitShapes(plan)
    return {uid: boundary_text(plan, uid, lang, shapes) for uid in plan.unit_ids()}
