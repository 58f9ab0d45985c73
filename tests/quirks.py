"""Generators of the quirks of real township layers, and truths computed apart from the editor.

Not a test module (no ``test_`` prefix); tests import it as ``from tests.quirks import ...``.
Each generator returns a :class:`Quirk`: a GeoDataFrame in a geographic CRS (CGCS2000,
EPSG:4490) and what a planner should read off it, computed here from the generator's
own construction with ``pyproj.Geod`` and shapely, never with the editor:

* :func:`overlay_zone`: four townships in a 2 x 2 grid and a 开发区 drawn on top of two
  of them (overlapping each by a known area), as county layers with development zones
  are drawn;
* :func:`split_towns`: towns cut into several features (islands, enclaves), with no id
  field, each part repeating the town's name and population;
* :func:`duplicate_names`: two different towns that carry one name (龙溪乡), with
  different figures;
* :func:`dense_grid`: a grid of square towns whose every edge has ``k`` segments, the
  vertices of a shared edge bit-identical on both sides (a clean, survey-grade coverage).

:func:`write` saves a quirk as a UTF-8 shapefile (or any format by the suffix).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyproj
import shapely

CRS = pyproj.CRS(4490)
GEOD = pyproj.Geod(ellps="GRS80")  # CGCS2000's ellipsoid (its flattening differs in 1e-11)


@dataclass
class Quirk:
    """A generated layer and its truth (figures named by the test that reads them)."""

    frame: gpd.GeoDataFrame
    truth: dict = field(default_factory=dict)


def geodesic_area_km2(geom: shapely.Geometry, step_deg: float = 0.0005) -> float:
    """Geodesic area (km²) of a lon/lat geometry, its edges densified first.

    Densifying makes the straight lon/lat edges of the layer (what GIS software draws
    and the editor measures) and the geodesics ``Geod`` assumes agree to well below
    1e-6 of the area.
    """
    dense = shapely.segmentize(geom, step_deg)
    area, _ = GEOD.geometry_area_perimeter(dense)
    return abs(area) / 1e6


def _box(x0: float, y0: float, x1: float, y1: float) -> shapely.Polygon:
    return shapely.box(x0, y0, x1, y1)


def overlay_zone(size: float = 0.1, zone: float = 0.04) -> Quirk:
    """Four townships (2 x 2, ``size`` degrees), a 开发区 straddling the two southern ones
    and a 工业园区 inside 丙镇.

    The zone is a ``2 * zone`` x ``zone`` box centred on the southern shared edge, so it
    overlaps 甲镇 and 乙镇 by one ``zone`` x ``zone`` square each; the park lies wholly
    inside 丙镇, touching none of its edges (so it is no edge neighbour of it). Truth: each town's
    area, the zone's overlap with each town, the area of the union of every town set a
    test asks for (``union_km2(names)``), and the county's union area.
    """
    x0, y0 = 110.0, 28.0
    towns = {
        "甲镇": _box(x0, y0, x0 + size, y0 + size),
        "乙镇": _box(x0 + size, y0, x0 + 2 * size, y0 + size),
        "丙镇": _box(x0, y0 + size, x0 + size, y0 + 2 * size),
        "丁镇": _box(x0 + size, y0 + size, x0 + 2 * size, y0 + 2 * size),
    }
    mid = x0 + size
    cy = y0 + size / 2
    towns["经济开发区"] = _box(mid - zone, cy - zone / 2, mid + zone, cy + zone / 2)
    # an industrial park drawn inside 丙镇, touching none of its edges
    towns["工业园区"] = _box(x0 + 0.2 * size, y0 + 1.02 * size, x0 + 0.5 * size, y0 + 1.3 * size)
    names = list(towns)
    frame = gpd.GeoDataFrame(
        {
            "code": [f"33010{k}" for k in range(len(names))],
            "name": names,
            "pop": [30000, 20000, 15000, 12000, 8000, 3000],
        },
        geometry=list(towns.values()),
        crs=CRS,
    )
    geoms = dict(towns)

    def union_km2(members: list[str]) -> float:
        return geodesic_area_km2(shapely.union_all([geoms[m] for m in members]))

    zone_geom = towns["经济开发区"]
    overlap = {
        n: geodesic_area_km2(shapely.intersection(zone_geom, towns[n])) for n in ("甲镇", "乙镇")
    }
    overlap["丙镇"] = geodesic_area_km2(towns["工业园区"])
    truth = {
        "area_km2": {n: geodesic_area_km2(g) for n, g in towns.items()},
        "overlap_km2": overlap,  # of 开发区 with 甲镇 and 乙镇, of 工业园区 with 丙镇
        "county_km2": union_km2(names),
        "union_km2": union_km2,
        "population": 88000,
    }
    return Quirk(frame, truth)


def split_towns() -> Quirk:
    """Six towns in 11 features, no id field: each part repeats its town's name and population.

    Truth: 6 towns, total population 300,000 (each town counted once), and per town its
    population and its area (the union of its parts).
    """
    size = 0.05
    x0, y0 = 120.8, 28.1
    towns = {  # name -> (population, the columns of its parts)
        "城东街道": (80000, [0, 1, 2]),
        "城南街道": (60000, [3, 4]),
        "柳市镇": (50000, [5]),
        "虹桥镇": (45000, [6, 7]),
        "大荆镇": (40000, [8, 9]),
        "雁荡镇": (25000, [10]),
    }
    rows = []
    for name, (pop, cols) in towns.items():
        for c in cols:
            rows.append((name, pop, _box(x0 + size * c, y0, x0 + size * (c + 1), y0 + size)))
    # feature order as a digitiser leaves it: parts of one town not next to each other
    order = [0, 3, 5, 1, 6, 8, 2, 4, 7, 9, 10]
    rows = [rows[i] for i in order]
    frame = gpd.GeoDataFrame(
        {"名称": [r[0] for r in rows], "人口": [r[1] for r in rows]},
        geometry=[r[2] for r in rows],
        crs=CRS,
    )
    area = {
        name: geodesic_area_km2(shapely.union_all(list(frame.geometry[frame["名称"] == name])))
        for name in towns
    }
    truth = {
        "towns": len(towns),
        "features": len(rows),
        "population": sum(p for p, _ in towns.values()),
        "town_population": {n: p for n, (p, _) in towns.items()},
        "area_km2": area,
    }
    return Quirk(frame, truth)


def duplicate_names() -> Quirk:
    """Four towns in a row, two of them both named 龙溪乡 with different populations; no id.

    Truth: 4 distinct towns, total population 61,000, the repeated name.
    """
    size = 0.05
    x0, y0 = 104.0, 30.0
    names = ["龙溪乡", "青山镇", "龙溪乡", "白石镇"]
    pops = [12000, 20000, 9000, 20000]
    geoms = [_box(x0 + size * c, y0, x0 + size * (c + 1), y0 + size) for c in range(4)]
    frame = gpd.GeoDataFrame({"名称": names, "人口": pops}, geometry=geoms, crs=CRS)
    truth = {"towns": 4, "population": sum(pops), "repeated": ["龙溪乡"]}
    return Quirk(frame, truth)


def dense_grid(rows: int = 4, cols: int = 4, k: int = 500, size: float = 0.02) -> Quirk:
    """``rows * cols`` square towns, each edge in ``k`` segments (``4k`` vertices a town).

    Town ``r * cols + c`` sits at row ``r``, column ``c`` from the south-west. Every
    vertex comes from one lattice, so neighbours share bit-identical vertices. Truth:
    the rook neighbour pairs, the county's geodesic area, each town's area.
    """
    x0, y0 = 108.0, 29.8
    step = size / k
    lattice_x = x0 + step * np.arange(cols * k + 1)
    lattice_y = y0 + step * np.arange(rows * k + 1)
    geoms, names = [], []
    for r in range(rows):
        for c in range(cols):
            xs = lattice_x[c * k : (c + 1) * k + 1]
            ys = lattice_y[r * k : (r + 1) * k + 1]
            ring = np.concatenate(
                [
                    np.column_stack([xs[:-1], np.full(k, ys[0])]),
                    np.column_stack([np.full(k, xs[-1]), ys[:-1]]),
                    np.column_stack([xs[::-1][:-1], np.full(k, ys[-1])]),
                    np.column_stack([np.full(k, xs[0]), ys[::-1][:-1]]),
                ]
            )
            geoms.append(shapely.Polygon(ring))
            names.append(f"格{r:02d}{c:02d}镇")
    n = rows * cols
    frame = gpd.GeoDataFrame(
        {
            "code": [f"D{i:05d}" for i in range(n)],
            "name": names,
            "pop": (np.arange(n) % 7 + 1) * 1000,
        },
        geometry=geoms,
        crs=CRS,
    )
    pairs = {(r * cols + c, r * cols + c + 1) for r in range(rows) for c in range(cols - 1)}
    pairs |= {(r * cols + c, (r + 1) * cols + c) for r in range(rows - 1) for c in range(cols)}
    truth = {
        "pairs": pairs,
        "county_km2": geodesic_area_km2(_box(x0, y0, x0 + cols * size, y0 + rows * size)),
        "area_km2": [geodesic_area_km2(g) for g in geoms],
    }
    return Quirk(frame, truth)


def write(quirk: Quirk, path: str | Path) -> Path:
    """Write the quirk's layer (a UTF-8 shapefile for ``.shp``, else by suffix)."""
    path = Path(path)
    if path.suffix.lower() == ".shp":
        quirk.frame.to_file(path, encoding="utf-8", engine="pyogrio")
    else:
        quirk.frame.to_file(path, engine="pyogrio")
    return path


#: every generator, by name (tests parametrise over these)
GENERATORS = {
    "overlay_zone": overlay_zone,
    "split_towns": split_towns,
    "duplicate_names": duplicate_names,
    "dense_grid": dense_grid,
}
