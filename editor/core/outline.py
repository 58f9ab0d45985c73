"""Unit outlines and drawing geometry for map views (Qt-free).

A map view draws towns filled by merged unit, thin lines between towns and thick
lines around each unit. ``UnitOutlines`` keeps, per unit, the outline (the boundary of
the union of its towns, so edges shared by two member towns vanish), a label point and
the bounds, computed lazily and dropped only for the units a ``PlanChange`` touched.

``ring_vertices`` flattens polygons into one vertex array with "a ring starts here"
flags and per-geometry offsets, which a view turns into paths in one pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import shapely

from editor.core.plan import Plan, PlanChange
from editor.core.towns import TownLayer


@dataclass(frozen=True)
class Vertices:
    """Polygon rings flattened: ``xy`` (n, 2), ``start`` (n,) bool, ``offsets`` (m+1,).

    Geometry ``k`` owns vertices ``offsets[k]:offsets[k+1]``; ``start`` marks the first
    vertex of each ring (or line part).
    """

    xy: np.ndarray
    start: np.ndarray
    offsets: np.ndarray


def ring_vertices(geoms: np.ndarray, tolerance: float = 0.0) -> Vertices:
    """Vertices of polygon rings (or line parts) of each geometry, optionally simplified.

    Parameters
    ----------
    geoms
        Polygons, multipolygons, lines or multilines (metric coordinates).
    tolerance
        Douglas-Peucker tolerance in the geometries' units; 0 keeps every vertex. A
        geometry the simplification empties keeps its original vertices.
    """
    geoms = np.asarray(geoms, dtype=object)
    if tolerance > 0:
        simple = shapely.simplify(geoms, tolerance, preserve_topology=False)
        lost = shapely.is_empty(simple) | shapely.is_missing(simple)
        if lost.any():
            simple[lost] = geoms[lost]
        geoms = simple
    parts, part_of = shapely.get_parts(geoms, return_index=True)
    kinds = shapely.get_type_id(parts)
    polygonal = kinds == 3
    if polygonal.all():
        rings, ring_of = shapely.get_rings(parts, return_index=True)
        owner = part_of[ring_of]
    else:
        # lines stay lines; polygons contribute their rings
        rings_list, owner_list = [], []
        if polygonal.any():
            r, ri = shapely.get_rings(parts[polygonal], return_index=True)
            rings_list.append(r)
            owner_list.append(part_of[polygonal][ri])
        lines = ~polygonal & np.isin(kinds, (1, 2))
        rings_list.append(parts[lines])
        owner_list.append(part_of[lines])
        rings = np.concatenate(rings_list)
        owner = np.concatenate(owner_list)
        order = np.argsort(owner, kind="stable")
        rings, owner = rings[order], owner[order]
    xy, ring_idx = shapely.get_coordinates(rings, return_index=True)
    start = np.ones(len(xy), dtype=bool)
    start[1:] = ring_idx[1:] != ring_idx[:-1]
    vertex_owner = owner[ring_idx]
    offsets = np.searchsorted(vertex_owner, np.arange(len(geoms) + 1))
    return Vertices(xy, start, offsets)


def label_points(geoms: np.ndarray) -> np.ndarray:
    """A point inside each geometry (x, y), for labels and markers."""
    pts = shapely.point_on_surface(np.asarray(geoms, dtype=object))
    return shapely.get_coordinates(pts)


def unit_boundary(geoms: np.ndarray, tolerance_m: float = 1.0) -> shapely.Geometry:
    """The union of a unit's towns (a polygon or multipolygon).

    ``coverage_union_all`` is exact and fast for a clean coverage; where the towns
    overlap or leave sub-metre gaps (real layers) its result is invalid or keeps the
    slivers, so fall back to a union of the towns grown and shrunk by the tolerance.
    """
    geoms = np.asarray(geoms, dtype=object)
    if len(geoms) == 1:
        return geoms[0]
    try:
        merged = shapely.coverage_union_all(geoms)
    except shapely.errors.GEOSException:
        merged = None  # edges not noded alike ("incorrectly noded inputs"): union below
    if (
        merged is not None
        and shapely.is_valid(merged)
        and shapely.get_num_geometries(merged)
        <= max(1, int(shapely.get_num_geometries(geoms).sum()))
    ):
        return merged
    tol = max(float(tolerance_m), 0.01)
    return shapely.buffer(shapely.union_all(shapely.buffer(geoms, tol)), -tol)


@dataclass(frozen=True)
class Outline:
    """A unit's outline: the union's rings, a label point and bounds (metric)."""

    geometry: shapely.Geometry  # polygonal union
    label_xy: tuple[float, float]
    bounds: tuple[float, float, float, float]
    area_m2: float


class UnitOutlines:
    """Outlines of a plan's units, cached per unit and dropped for touched units.

    Subscribe :meth:`on_change` to ``plan.events.changed`` *before* any view that reads
    outlines (or call it from the view's own handler first).
    """

    def __init__(self, plan: Plan):
        self.plan = plan
        self.layer: TownLayer = plan.layer
        self._cache: dict[int, Outline] = {}
        self._town_points: np.ndarray | None = None

    @property
    def town_points(self) -> np.ndarray:
        if self._town_points is None:
            self._town_points = label_points(self.layer.geometry_m)
        return self._town_points

    def invalidate(self, uids: Iterable[int]) -> None:
        for uid in uids:
            self._cache.pop(int(uid), None)

    def on_change(self, change: PlanChange) -> None:
        self.invalidate(change.touched | change.removed | change.added)

    def get(self, uid: int) -> Outline:
        out = self._cache.get(uid)
        if out is None:
            out = self._cache[uid] = self._compute(uid)
        return out

    def _compute(self, uid: int) -> Outline:
        members = self.plan.members(uid)
        geoms = self.layer.geometry_m[members]
        if len(members) == 1:
            geom = geoms[0]
            x, y = self.town_points[members[0]]
        else:
            geom = unit_boundary(geoms, self.layer.tolerance_m)
            parts = shapely.get_parts(geom)
            biggest = parts[int(np.argmax(shapely.area(parts)))] if len(parts) else geom
            x, y = shapely.get_coordinates(shapely.point_on_surface(biggest))[0]
        x0, y0, x1, y1 = (float(v) for v in shapely.bounds(geom))
        return Outline(geom, (float(x), float(y)), (x0, y0, x1, y1), float(shapely.area(geom)))


def total_bounds(geoms: np.ndarray) -> np.ndarray:
    """(xmin, ymin, xmax, ymax) of all geometries."""
    return shapely.total_bounds(np.asarray(geoms, dtype=object))


def count_vertices(geoms: np.ndarray) -> int:
    """Total number of vertices (to decide whether drawing needs simplified paths)."""
    return int(shapely.get_num_coordinates(np.asarray(geoms, dtype=object)).sum())


class TownIndex:
    """Which town is at a point, which towns meet a box (STRtree over metric geometry)."""

    def __init__(self, geoms: np.ndarray):
        self.geoms = np.asarray(geoms, dtype=object)
        self.tree = shapely.STRtree(self.geoms)

    def town_at(self, x: float, y: float) -> int:
        """The town containing the point (the smallest, where towns overlap), -1 for none."""
        hits = self.tree.query(shapely.points(x, y), predicate="intersects")
        if len(hits) == 0:
            return -1
        if len(hits) > 1:
            hits = hits[np.argsort(shapely.area(self.geoms[hits]), kind="stable")]
        return int(hits[0])

    def towns_in_box(self, x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
        """Sorted indices of the towns that intersect the box."""
        box = shapely.box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        return np.sort(self.tree.query(box, predicate="intersects"))
