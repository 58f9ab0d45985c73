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
Edge adjacency (shared edges, tolerant of sub-metre gaps and overlaps, never corner
contact) lives in :mod:`editor.core.adjacency`; :class:`Adjacency` and
:func:`edge_adjacency` are re-exported here.

Progress
--------
The heavy steps take an optional ``progress(stage, fraction)`` callback (plain Python,
no Qt): :func:`project_equal_area` reports ``STAGE_PROJECT``, :func:`edge_adjacency`
``STAGE_SHARED_EDGES`` then ``STAGE_NEAR_EDGES``. The callback may raise to cancel.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyproj
import shapely

from editor.core.adjacency import (
    STAGE_NEAR_EDGES,
    STAGE_SHARED_EDGES,
    Adjacency,
    Progress,
    edge_adjacency,
)

__all__ = [
    "STAGE_NEAR_EDGES",
    "STAGE_PROJECT",
    "STAGE_SHARED_EDGES",
    "Adjacency",
    "Progress",
    "Projected",
    "edge_adjacency",
    "ellipsoidal_areas_km2",
    "equal_area_crs",
    "geodetic_crs",
    "project_equal_area",
    "reproject",
    "to_lonlat",
]

STAGE_PROJECT = "project"
# coordinates transformed at once (bounds the temporary arrays on dense layers)
TRANSFORM_CHUNK_VERTICES = 4_000_000


def geodetic_crs(crs: pyproj.CRS) -> pyproj.CRS:
    """The geographic CRS (datum and ellipsoid) underlying ``crs``."""
    geo = crs.geodetic_crs
    if geo is None:  # pragma: no cover - every CRS pyproj parses from a layer has one
        raise ValueError(f"CRS {crs.name!r} has no geodetic datum")
    return geo


def equal_area_crs(crs: pyproj.CRS, lon: float, lat: float) -> pyproj.CRS:
    """A Lambert azimuthal equal-area CRS on ``crs``'s ellipsoid centred at lon/lat."""
    ell = geodetic_crs(crs).ellipsoid
    if ell is None:
        raise ValueError(f"{crs.name} has no ellipsoid")
    a = ell.semi_major_metre
    rf = ell.inverse_flattening
    shape = f"+a={a!r} +rf={rf!r}" if rf and np.isfinite(rf) else f"+R={a!r}"
    return pyproj.CRS.from_proj4(
        f"+proj=laea +lat_0={lat:.6f} +lon_0={lon:.6f} +x_0=0 +y_0=0 {shape} +units=m +no_defs +type=crs"
    )


def _transform_geoms(
    geoms: np.ndarray,
    transformer: pyproj.Transformer | list[pyproj.Transformer],
    progress: Progress | None = None,
    stage: str = STAGE_PROJECT,
) -> np.ndarray:
    """``geoms`` through ``transformer`` (or several, one after the other), a few million
    coordinates at a time."""
    geoms = np.asarray(geoms, dtype=object)
    steps = transformer if isinstance(transformer, list) else [transformer]

    def fn(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        for step in steps:
            x, y = step.transform(x, y)
        return x, y

    cum = np.cumsum(shapely.get_num_coordinates(geoms))
    total = int(cum[-1]) if len(cum) else 0
    if total <= TRANSFORM_CHUNK_VERTICES:
        out = shapely.transform(geoms, fn, interleaved=False)
        if progress is not None:
            progress(stage, 1.0)
        return out
    out = np.empty(len(geoms), dtype=object)
    start = 0
    while start < len(geoms):
        before = cum[start - 1] if start else 0
        stop = int(np.searchsorted(cum, before + TRANSFORM_CHUNK_VERTICES, side="right"))
        stop = max(stop, start + 1)
        out[start:stop] = shapely.transform(geoms[start:stop], fn, interleaved=False)
        start = stop
        if progress is not None:
            progress(stage, float(cum[start - 1]) / total)
    return out


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


# vertices whose longitude/latitude place the centre of the equal-area projection
CENTRE_SAMPLE = 100_000


def _lonlat_extent(geoms: np.ndarray, crs: pyproj.CRS) -> tuple[float, float, float, float]:
    """Longitude/latitude extent of ``geoms``' vertices (of every n-th one on dense layers)."""
    coords = shapely.get_coordinates(geoms)
    if len(coords) > CENTRE_SAMPLE:
        step = -(-len(coords) // CENTRE_SAMPLE)
        coords = np.concatenate([coords[::step], coords[-1:]])
    if not crs.is_geographic and len(coords):
        tr = pyproj.Transformer.from_crs(crs, geodetic_crs(crs), always_xy=True)
        x, y = tr.transform(coords[:, 0], coords[:, 1])
        coords = np.column_stack([x, y])
    if len(coords) == 0:
        return 0.0, 0.0, 0.0, 0.0
    with np.errstate(invalid="ignore"):
        xmin, ymin = np.nanmin(coords, axis=0) if np.isfinite(coords).any() else (0.0, 0.0)
        xmax, ymax = np.nanmax(coords, axis=0) if np.isfinite(coords).any() else (0.0, 0.0)
    return float(xmin), float(ymin), float(xmax), float(ymax)


def project_equal_area(
    geoms: np.ndarray, crs: pyproj.CRS, progress: Progress | None = None
) -> Projected:
    """Project ``geoms`` (in ``crs``) to an equal-area CRS centred on their extent.

    The source CRS's own geographic coordinates are projected to a Lambert azimuthal
    equal-area CRS on the same ellipsoid, centred on the layer's longitude/latitude
    extent, in one pass over the coordinates. ``progress(STAGE_PROJECT, fraction)`` is
    called as the coordinates are transformed.
    """
    geoms = np.asarray(geoms, dtype=object)
    crs = pyproj.CRS(crs)
    xmin, ymin, xmax, ymax = _lonlat_extent(geoms, crs)
    if not np.isfinite([xmin, ymin, xmax, ymax]).all():
        xmin = ymin = xmax = ymax = 0.0
    target = equal_area_crs(crs, (xmin + xmax) / 2, (ymin + ymax) / 2)
    src = geodetic_crs(crs)
    steps = [pyproj.Transformer.from_crs(src, target, always_xy=True)]
    if not crs.is_geographic:
        # the inverse projection to the source's own geographic CRS first, applied to
        # the same coordinate arrays (no intermediate geometries)
        steps.insert(0, pyproj.Transformer.from_crs(crs, src, always_xy=True))
    return Projected(_transform_geoms(geoms, steps, progress, STAGE_PROJECT), target)


def ellipsoidal_areas_km2(projected: Projected) -> np.ndarray:
    """Ellipsoidal areas in km² of geometries already in an equal-area CRS."""
    return shapely.area(projected.geoms) / 1e6
