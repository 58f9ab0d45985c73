"""Ellipsoidal areas and edge adjacency on hand-made and real layers."""

from __future__ import annotations

import numpy as np
import pyproj
import pytest
import shapely

from editor.core.measure import edge_adjacency, ellipsoidal_areas_km2, project_equal_area, to_lonlat
from tests.support import grid_layer, real_path


def geodesic_km2(geoms, crs) -> np.ndarray:
    """GeographicLib's ellipsoidal area (what QGIS reports), per polygon."""
    crs = pyproj.CRS(crs)
    ell = crs.geodetic_crs.ellipsoid
    geod = pyproj.Geod(a=ell.semi_major_metre, rf=ell.inverse_flattening)
    lonlat = to_lonlat(np.asarray(geoms, dtype=object), crs)
    return np.array([abs(geod.geometry_area_perimeter(g)[0]) / 1e6 for g in lonlat])


def test_area_matches_geodesic_on_grid():
    layer = grid_layer()
    ref = geodesic_km2(layer.geometry, layer.crs)
    assert np.allclose(layer.area_km2, ref, rtol=1e-4)
    # 0.1 degree squares at 24N are about 11.1 km x 10.2 km
    assert 110 < layer.area_km2[0] < 115


@pytest.mark.parametrize("epsg", [4526, 4545, 4490])
def test_area_independent_of_crs(epsg):
    box = shapely.box(114.0, 30.0, 114.2, 30.15)
    src = pyproj.CRS(4490)
    tr = pyproj.Transformer.from_crs(src, pyproj.CRS(epsg), always_xy=True)
    geom = shapely.transform(
        shapely.segmentize(box, 0.001), lambda c: np.column_stack(tr.transform(c[:, 0], c[:, 1]))
    )
    area = ellipsoidal_areas_km2(project_equal_area(np.array([geom]), pyproj.CRS(epsg)))[0]
    ref = geodesic_km2([box], src)[0]
    assert area == pytest.approx(ref, rel=1e-4)


@pytest.mark.parametrize(
    "parts",
    [
        ("guigang", "贵港乡镇.geojson"),
        ("ny_hamilton_fulton", "hftown.shp"),
        ("yueqing_gbk", "乐清市街道.shp"),
    ],
)
def test_area_matches_geodesic_on_real_layers(parts):
    import pyogrio

    path = real_path(*parts)
    frame = pyogrio.read_dataframe(path)
    geoms = shapely.make_valid(np.asarray(frame.geometry.array))
    crs = pyproj.CRS(frame.crs)
    area = ellipsoidal_areas_km2(project_equal_area(geoms, crs))
    ref = geodesic_km2(geoms, crs)
    assert np.all(np.abs(area / ref - 1) < 1e-4)


def test_grid_adjacency_is_rook_not_queen():
    layer = grid_layer()
    pairs = {tuple(p) for p in layer.adjacency.pairs().tolist()}
    assert (0, 1) in pairs and (0, 3) in pairs
    assert (0, 4) not in pairs  # corner contact only
    assert len(pairs) == 12


def _gk_squares(gap: float, x0: float) -> np.ndarray:
    """Two 1 km squares in CGCS2000 GK (metres), ``gap`` metres apart (negative: overlap)."""
    y0 = 3300000.0
    a = shapely.box(x0, y0, x0 + 1000, y0 + 1000)
    b = shapely.box(x0 + 1000 + gap, y0 + 100, x0 + 2000 + gap, y0 + 1100)
    c = shapely.box(x0, y0 + 1000 + 0.3, x0 + 1000, y0 + 2000)  # 0.3 m gap above a
    return np.array([a, b, c], dtype=object)


@pytest.mark.parametrize("epsg,x0", [(4545, 500000.0), (4526, 38500000.0)])
@pytest.mark.parametrize(
    "gap,adjacent", [(0.0, True), (0.5, True), (-0.5, True), (0.99, True), (5.0, False)]
)
def test_gaps_and_overlaps_within_tolerance(gap, adjacent, epsg, x0):
    geoms = _gk_squares(gap, x0)
    projected = project_equal_area(geoms, pyproj.CRS(epsg))
    adj = edge_adjacency(projected.geoms, tolerance_m=1.0)
    pairs = {tuple(p) for p in adj.pairs().tolist()}
    assert ((0, 1) in pairs) == adjacent
    assert (0, 2) in pairs


def test_corner_contact_within_tolerance_is_not_adjacency():
    a = shapely.box(0, 0, 1000, 1000)
    b = shapely.box(1000.4, 1000.4, 2000, 2000)  # diagonal neighbour 0.57 m away at a corner
    adj = edge_adjacency(np.array([a, b]), tolerance_m=1.0)
    assert len(adj.pairs()) == 0


def test_enclave_and_island():
    outer = shapely.Polygon(
        [(0, 0), (3000, 0), (3000, 3000), (0, 3000)],
        holes=[[(1000, 1000), (2000, 1000), (2000, 2000), (1000, 2000)]],
    )
    inner = shapely.box(1000, 1000, 2000, 2000)
    island = shapely.box(10000, 10000, 11000, 11000)
    adj = edge_adjacency(np.array([outer, inner, island]))
    assert adj.neighbors(0).tolist() == [1]
    assert adj.neighbors(1).tolist() == [0]
    assert adj.neighbors(2).tolist() == []


def test_shared_edge_with_extra_vertex_is_found():
    a = shapely.Polygon(
        [(0, 0), (1000, 0), (1000, 500), (1000, 1000), (0, 1000)]
    )  # extra vertex on the edge
    b = shapely.box(1000, 0, 2000, 1000)
    assert edge_adjacency(np.array([a, b])).pairs().tolist() == [[0, 1]]


def test_ny_real_layer_edges_not_corners():
    """The NY towns touch in 45 pairs: 43 along an edge and 2 at a single point."""
    import pyogrio

    from editor.io.load import open_layer

    path = real_path("ny_hamilton_fulton", "hftown.shp")
    layer = open_layer(path)
    assert layer.n == 21
    pairs = {tuple(p) for p in layer.adjacency.pairs().tolist()}
    geoms = np.asarray(pyogrio.read_dataframe(path).geometry.array)
    touching = {
        (i, j)
        for i, j in zip(*shapely.STRtree(geoms).query(geoms, predicate="intersects"), strict=True)
        if i < j
    }
    assert len(touching) == 45
    corners = {
        (i, j) for i, j in touching if shapely.intersection(geoms[i], geoms[j]).geom_type == "Point"
    }
    assert len(corners) == 2
    assert pairs == touching - corners
