"""Areas on the ellipsoid and edge adjacency, vectorised over whole layers.

Areas
-----
Every geometry is projected once to a Lambert azimuthal *equal-area* projection on the
layer's own ellipsoid, centred on the layer, and measured there with shapely's
vectorised ``area``. The projection is authalic, so the area of each polygon equals its
ellipsoidal area; the only difference from GeographicLib's geodesic polygon area
(``pyproj.Geod``, what QGIS reports as ellipsoidal area) is how an edge between two
vertices is interpolated, which for township-sized edges is far below 0.01 % (measured
1.6e-7 relative on a 40,000-cell layer spanning 8 by 7 degrees). It is four times faster
than calling ``Geod.geometry_area_perimeter`` per polygon, and gives us metric
coordinates for the adjacency tolerance at the same time.

Adjacency
---------
Two towns are adjacent when they share an edge; touching at a corner is not adjacency.
Real layers have sub-metre gaps and overlaps, so the test is tolerant:

1. exact pass: every ring segment is keyed by its two end points quantised to 1 mm;
   a segment key owned by two towns makes them neighbours (cheap, catches clean
   tilings in one ``numpy`` sort);
2. tolerant pass, only for pairs whose envelopes, grown by the tolerance, overlap and
   that the exact pass did not pair: the pair must be within the tolerance
   (``shapely.dwithin``) and the part of one town's boundary lying within the
   tolerance of the other must be longer than ``min_shared`` (default ten times the
   tolerance), which a corner contact never is.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyproj
import shapely
from scipy import sparse


def geodetic_crs(crs: pyproj.CRS) -> pyproj.CRS:
    """The geographic CRS (datum and ellipsoid) underlying ``crs``."""
    geo = crs.geodetic_crs
    if geo is None:  # pragma: no cover - every CRS pyproj parses from a layer has one
        raise ValueError(f"CRS {crs.name!r} has no geodetic datum")
    return geo


def equal_area_crs(crs: pyproj.CRS, lon: float, lat: float) -> pyproj.CRS:
    """A Lambert azimuthal equal-area CRS on ``crs``'s ellipsoid centred at lon/lat."""
    ell = geodetic_crs(crs).ellipsoid
    a = ell.semi_major_metre
    rf = ell.inverse_flattening
    shape = f"+a={a!r} +rf={rf!r}" if rf and np.isfinite(rf) else f"+R={a!r}"
    return pyproj.CRS.from_proj4(
        f"+proj=laea +lat_0={lat:.6f} +lon_0={lon:.6f} +x_0=0 +y_0=0 {shape} +units=m +no_defs +type=crs"
    )


def _transform_geoms(geoms: np.ndarray, transformer: pyproj.Transformer) -> np.ndarray:
    def fn(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geoms, fn)


def reproject(geoms: np.ndarray, src: pyproj.CRS, dst: pyproj.CRS) -> np.ndarray:
    """Geometries from ``src`` to ``dst`` (pyproj picks the datum transformation)."""
    if pyproj.CRS(src) == pyproj.CRS(dst):
        return np.asarray(geoms, dtype=object)
    tr = pyproj.Transformer.from_crs(src, dst, always_xy=True)
    return _transform_geoms(np.asarray(geoms, dtype=object), tr)


def to_lonlat(geoms: np.ndarray, crs: pyproj.CRS) -> np.ndarray:
    """Geometries in longitude/latitude on the CRS's own datum."""
    if crs.is_geographic:
        return geoms
    tr = pyproj.Transformer.from_crs(crs, geodetic_crs(crs), always_xy=True)
    return _transform_geoms(geoms, tr)


@dataclass
class Projected:
    """Geometries in a metric equal-area CRS, with that CRS."""

    geoms: np.ndarray
    crs: pyproj.CRS


def project_equal_area(geoms: np.ndarray, crs: pyproj.CRS) -> Projected:
    """Project ``geoms`` (in ``crs``) to an equal-area CRS centred on their extent."""
    geoms = np.asarray(geoms, dtype=object)
    lonlat = to_lonlat(geoms, crs)
    xmin, ymin, xmax, ymax = shapely.total_bounds(lonlat)
    if not np.isfinite([xmin, ymin, xmax, ymax]).all():
        xmin = ymin = xmax = ymax = 0.0
    target = equal_area_crs(crs, (xmin + xmax) / 2, (ymin + ymax) / 2)
    src = geodetic_crs(crs)
    tr = pyproj.Transformer.from_crs(src, target, always_xy=True)
    return Projected(_transform_geoms(lonlat, tr), target)


def ellipsoidal_areas_km2(projected: Projected) -> np.ndarray:
    """Ellipsoidal areas in km² of geometries already in an equal-area CRS."""
    return shapely.area(projected.geoms) / 1e6


@dataclass
class Adjacency:
    """Symmetric edge adjacency in compressed sparse row form.

    ``neighbors(i)`` is ``indices[indptr[i]:indptr[i+1]]`` (sorted town indices).
    """

    indptr: np.ndarray
    indices: np.ndarray

    @property
    def n(self) -> int:
        return len(self.indptr) - 1

    def neighbors(self, i: int) -> np.ndarray:
        return self.indices[self.indptr[i] : self.indptr[i + 1]]

    def pairs(self) -> np.ndarray:
        """Unique pairs (i < j) as an (m, 2) array."""
        rows = np.repeat(np.arange(self.n), np.diff(self.indptr))
        keep = rows < self.indices
        return np.column_stack([rows[keep], self.indices[keep]])

    def matrix(self) -> sparse.csr_matrix:
        data = np.ones(len(self.indices), dtype=np.int8)
        return sparse.csr_matrix((data, self.indices, self.indptr), shape=(self.n, self.n))

    @classmethod
    def from_pairs(cls, n: int, pairs: np.ndarray) -> Adjacency:
        pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
        pairs = pairs[pairs[:, 0] != pairs[:, 1]]
        rows = np.concatenate([pairs[:, 0], pairs[:, 1]])
        cols = np.concatenate([pairs[:, 1], pairs[:, 0]])
        m = sparse.csr_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n))
        m.sum_duplicates()
        m.sort_indices()
        return cls(m.indptr.astype(np.int64), m.indices.astype(np.int64))


def _mix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Combine two int64 arrays into one 64-bit hash (wrapping arithmetic)."""
    with np.errstate(over="ignore"):
        h = a * np.int64(-7046029254386353131) + b
        h ^= h >> np.int64(29)
        h *= np.int64(-4658895280553007687)
        h ^= h >> np.int64(32)
    return h


def _exact_shared_edge_pairs(geoms_m: np.ndarray, quantum: float = 1e-3) -> np.ndarray:
    """Pairs of towns owning an identical ring segment (end points equal to ``quantum``).

    Each quantised point is hashed to one int64 and each segment to the hash of its two
    point hashes in canonical order, so one ``argsort`` of an int64 array finds the
    segments two towns share. A 64-bit collision among a few million segments has a
    probability below 1e-6, and would at worst add one candidate pair.
    """
    rings, ring_owner = shapely.get_rings(geoms_m, return_index=True)
    coords, coord_ring = shapely.get_coordinates(rings, return_index=True)
    if len(coords) < 2:
        return np.empty((0, 2), dtype=np.int64)
    q = np.round(coords / quantum).astype(np.int64)
    pkey = _mix(q[:, 0], q[:, 1])
    same_ring = coord_ring[1:] == coord_ring[:-1]
    a = pkey[:-1][same_ring]
    b = pkey[1:][same_ring]
    owner = ring_owner[coord_ring[:-1][same_ring]]
    keep = a != b
    a, b, owner = a[keep], b[keep], owner[keep]
    skey = _mix(np.minimum(a, b), np.maximum(a, b))
    order = np.argsort(skey, kind="stable")
    skey, owner = skey[order], owner[order]
    hit = (skey[1:] == skey[:-1]) & (owner[1:] != owner[:-1])
    return np.column_stack([owner[:-1][hit], owner[1:][hit]])


def edge_adjacency(
    geoms_m: np.ndarray,
    tolerance_m: float = 1.0,
    min_shared_m: float | None = None,
) -> Adjacency:
    """Edge adjacency of polygons in a metric CRS.

    Parameters
    ----------
    geoms_m
        Polygons in metres (e.g. from :func:`project_equal_area`).
    tolerance_m
        Gaps and overlaps up to this width still count as a shared edge.
    min_shared_m
        Shortest length of boundary lying within the tolerance of the other town that
        makes an edge; defaults to ``max(10 * tolerance_m, 1.0)``. Corner contact stays
        below it.
    """
    geoms_m = np.asarray(geoms_m, dtype=object)
    n = len(geoms_m)
    if min_shared_m is None:
        min_shared_m = max(10.0 * tolerance_m, 1.0)
    exact = _exact_shared_edge_pairs(geoms_m)
    exact = np.sort(exact, axis=1)

    # envelope candidates, grown by the tolerance
    b = shapely.bounds(geoms_m)
    boxes = shapely.box(
        b[:, 0] - tolerance_m, b[:, 1] - tolerance_m, b[:, 2] + tolerance_m, b[:, 3] + tolerance_m
    )
    tree = shapely.STRtree(geoms_m)
    qi, qj = tree.query(boxes)
    keep = qi < qj
    cand = np.column_stack([qi[keep], qj[keep]])
    if len(exact) and len(cand):
        key_exact = np.unique(exact[:, 0] * n + exact[:, 1])
        key_cand = cand[:, 0] * n + cand[:, 1]
        cand = cand[~np.isin(key_cand, key_exact)]
    found = [exact]
    if len(cand):
        gi, gj = geoms_m[cand[:, 0]], geoms_m[cand[:, 1]]
        near = shapely.dwithin(gi, gj, tolerance_m)
        cand, gi, gj = cand[near], gi[near], gj[near]
        if len(cand):
            grown = shapely.buffer(gj, max(tolerance_m, 1e-6), quad_segs=2)
            shared = shapely.length(shapely.intersection(shapely.boundary(gi), grown))
            found.append(cand[shared > min_shared_m])
    pairs = np.concatenate(found) if found else np.empty((0, 2), dtype=np.int64)
    return Adjacency.from_pairs(n, pairs)
