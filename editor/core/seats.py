"""Seat towns: how far a merged unit reaches from its seat.

For a unit with seat town ``s``:

service radius
    the geodesic distance (km) from ``s``'s representative point to the farthest point
    of the unit. The farthest point of a polygon from any point is one of the vertices
    of its convex hull, so candidates are the hull vertices of the members in the
    layer's equal-area metric CRS (``layer.geometry_m``); the few planar farthest are
    then measured on the ellipsoid with :class:`pyproj.Geod` and the largest kept.
mean distance
    the population-weighted mean geodesic distance (km) from each member's
    representative point to the seat's (a member with unknown population weighs 0;
    with no population known at all, the plain mean).

The representative point is ``shapely.point_on_surface``: always inside the town, unlike
the centroid of a crescent-shaped one. Points and hulls are computed per town on first
use and cached with the layer, so a change costs only the towns it touches.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np
import pyproj
import shapely

from editor.core.measure import geodetic_crs
from editor.core.plan import Plan
from editor.core.towns import TownLayer

# how many planar-farthest candidates to measure on the ellipsoid: the LAEA distortion
# across a province is well below a percent, so the true farthest is among these
_CANDIDATES = 8


@dataclass(frozen=True)
class SeatFigures:
    """A unit's seat and how far the unit reaches from it."""

    seat: int
    service_radius_km: float
    mean_distance_km: float
    farthest_lonlat: tuple[float, float]

    def to_dict(self, layer: TownLayer | None = None) -> dict:
        out: dict = {
            "seat": self.seat if layer is None else str(layer.ids[self.seat]),
            "service_radius_km": round(self.service_radius_km, 3),
            "mean_distance_km": round(self.mean_distance_km, 3),
        }
        if layer is not None:
            out["seat_name"] = str(layer.names[self.seat])
        return out


class SeatGeometry:
    """Cached representative points and hull vertices of a layer's towns."""

    def __init__(self, layer: TownLayer):
        self.layer = layer
        n = layer.n
        self._pt = np.full((n, 2), np.nan)
        self._hull: list[np.ndarray | None] = [None] * n
        geo = geodetic_crs(layer.metric_crs)
        self._to_lonlat = pyproj.Transformer.from_crs(layer.metric_crs, geo, always_xy=True)
        self.geod: pyproj.Geod = geo.get_geod() or pyproj.Geod(ellps="GRS80")

    # -- per-town caches ------------------------------------------------------------------
    def points(self, towns: np.ndarray) -> np.ndarray:
        """Representative points (metric x, y) of the towns, shape (k, 2)."""
        towns = np.asarray(towns, dtype=np.int64)
        todo = towns[np.isnan(self._pt[towns, 0])]
        if len(todo):
            todo = np.unique(todo)
            pts = shapely.point_on_surface(self.layer.geometry_m[todo])
            self._pt[todo] = shapely.get_coordinates(pts)
        return self._pt[towns]

    def hull_vertices(self, towns: np.ndarray) -> np.ndarray:
        """Convex-hull vertices (metric) of all the towns together, shape (m, 2)."""
        towns = np.asarray(towns, dtype=np.int64)
        todo = [int(t) for t in towns if self._hull[t] is None]
        if todo:
            hulls = shapely.convex_hull(self.layer.geometry_m[todo])
            coords, owner = shapely.get_coordinates(hulls, return_index=True)
            splits = np.searchsorted(owner, np.arange(1, len(todo)))
            for t, c in zip(todo, np.split(coords, splits), strict=True):
                self._hull[t] = c
        parts = [self._hull[t] for t in towns.tolist()]
        return parts[0] if len(parts) == 1 else np.concatenate(parts)

    def warm(self) -> None:
        """Compute every town's point and hull in one vectorised pass (before a batch)."""
        every = np.arange(self.layer.n)
        self.points(every)
        self.hull_vertices(every)

    def lonlat(self, xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        xy = np.atleast_2d(xy)
        return self._to_lonlat.transform(xy[:, 0], xy[:, 1])

    # -- measures -------------------------------------------------------------------------
    def service_radius(self, members: np.ndarray, seat: int) -> tuple[float, tuple[float, float]]:
        """Geodesic km from the seat's point to the farthest point of the members."""
        origin = self.points(np.array([seat]))[0]
        verts = self.hull_vertices(members)
        if len(verts) == 0:
            return 0.0, (float("nan"), float("nan"))
        d2 = ((verts - origin) ** 2).sum(axis=1)
        k = min(_CANDIDATES, len(d2))
        cand = verts[np.argpartition(d2, -k)[-k:]] if len(d2) > k else verts
        lon0, lat0 = self.lonlat(origin)
        lon, lat = self.lonlat(cand)
        _, _, dist = self.geod.inv(np.full(len(lon), lon0[0]), np.full(len(lat), lat0[0]), lon, lat)
        i = int(np.argmax(dist))
        return float(dist[i]) / 1000.0, (float(lon[i]), float(lat[i]))

    def mean_distance(self, members: np.ndarray, seat: int, population: np.ndarray) -> float:
        """Population-weighted mean geodesic km from the members' points to the seat's."""
        members = np.asarray(members, dtype=np.int64)
        if len(members) <= 1:
            return 0.0
        pts = self.points(np.concatenate([[seat], members]))
        lon, lat = self.lonlat(pts)
        _, _, dist = self.geod.inv(
            np.full(len(members), lon[0]), np.full(len(members), lat[0]), lon[1:], lat[1:]
        )
        w = np.nan_to_num(np.asarray(population, dtype=np.float64)[members], nan=0.0)
        w = np.clip(w, 0.0, None)
        if w.sum() <= 0:
            return float(dist.mean()) / 1000.0
        return float((dist * w).sum() / w.sum()) / 1000.0


_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def seat_geometry(layer: TownLayer) -> SeatGeometry:
    """The layer's :class:`SeatGeometry`, made once and kept while the layer lives."""
    geo = _cache.get(layer)
    if geo is None:
        geo = _cache[layer] = SeatGeometry(layer)
    return geo


def unit_seat_figures(plan: Plan, uid: int) -> SeatFigures:
    """Seat, service radius and population-weighted mean distance of one unit."""
    geo = seat_geometry(plan.layer)
    members = plan.members(uid)
    seat = plan.seat_of(uid)
    radius, far = geo.service_radius(members, seat)
    mean = geo.mean_distance(members, seat, plan.layer.population)
    return SeatFigures(seat, radius, mean, far)


def service_radius_km(plan: Plan, uid: int) -> float:
    """Geodesic km from the unit's seat to its farthest point."""
    geo = seat_geometry(plan.layer)
    return geo.service_radius(plan.members(uid), plan.seat_of(uid))[0]
