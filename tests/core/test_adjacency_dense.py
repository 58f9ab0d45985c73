"""Edge adjacency on dense (survey-grade) grids, against the grid's own rook neighbours."""

from __future__ import annotations

import numpy as np
import pyproj
import pytest
import shapely

import editor.core.adjacency as adjacency
import editor.core.measure as measure
from editor.core.measure import edge_adjacency, project_equal_area
from tests.dense_grid import dense_grid, rook_pairs


def _pairs(adj) -> set[tuple[int, int]]:
    return {tuple(p) for p in adj.pairs().tolist()}


def _adjacency(rows, cols, k, **kwargs):
    geoms, crs = dense_grid(rows, cols, k, **kwargs)
    return edge_adjacency(project_equal_area(geoms, crs).geoms, tolerance_m=1.0)


def test_generator_truth_counts():
    # 63 x 64 = 4,032 towns have 7,937 rook pairs (the layer of issue 11, item 5)
    assert len(rook_pairs(63, 64)) == 7937
    geoms, _crs = dense_grid(3, 4, 5)
    assert len(geoms) == 12
    assert shapely.get_num_coordinates(geoms).tolist() == [21] * 12
    assert shapely.is_valid(geoms).all()
    assert shapely.coverage_is_valid(geoms)


@pytest.mark.parametrize("crs", [4545, 4490])
def test_dense_grid_is_rook_not_queen(crs):
    rows, cols = 6, 7
    assert _pairs(_adjacency(rows, cols, 200, crs=crs)) == rook_pairs(rows, cols)


def test_hash_collisions_never_make_neighbours(monkeypatch):
    """Every segment hashing into one of four values: the coordinates decide."""
    rows, cols = 5, 6

    def weak(a, b):
        return (a ^ b) & np.int64(3)

    monkeypatch.setattr(adjacency, "_mix", weak)
    assert _pairs(_adjacency(rows, cols, 40)) == rook_pairs(rows, cols)


def test_constant_hash_still_exact(monkeypatch):
    rows, cols = 4, 4
    monkeypatch.setattr(adjacency, "_segment_hash", lambda lo, hi: np.zeros_like(lo))
    geoms, crs = dense_grid(rows, cols, 30)
    geoms_m = project_equal_area(geoms, crs).geoms
    exact = adjacency._exact_shared_edge_pairs(geoms_m)
    assert {tuple(p) for p in exact.tolist()} == rook_pairs(rows, cols)


def test_bands_and_chunks_give_the_same_neighbours(monkeypatch):
    rows, cols = 7, 5
    whole = _pairs(_adjacency(rows, cols, 60, gap=0.3, wiggle=2.0))
    monkeypatch.setattr(adjacency, "BAND_VERTICES", 900)  # about four towns a band
    monkeypatch.setattr(adjacency, "NEAR_CHUNK_VERTICES", 1000)
    monkeypatch.setattr(measure, "TRANSFORM_CHUNK_VERTICES", 700)
    geoms, crs = dense_grid(rows, cols, 60)
    exact = adjacency._exact_shared_edge_pairs(project_equal_area(geoms, crs).geoms)
    assert {tuple(p) for p in exact.tolist()} == rook_pairs(rows, cols)
    assert (
        _pairs(_adjacency(rows, cols, 60, gap=0.3, wiggle=2.0)) == whole == rook_pairs(rows, cols)
    )


@pytest.mark.parametrize(
    "gap,wiggle,adjacent",
    [(0.3, 0.0, True), (-0.5, 0.0, True), (0.9, 3.0, True), (0.3, 3.0, True), (5.0, 0.0, False)],
)
def test_dense_gaps_and_overlaps_within_tolerance(gap, wiggle, adjacent):
    """No vertex is shared: the tolerant pass alone finds the rook pairs, never the
    diagonal ones (their corners are within the tolerance too)."""
    rows, cols = 4, 5
    got = _pairs(_adjacency(rows, cols, 150, gap=gap, wiggle=wiggle))
    assert got == (rook_pairs(rows, cols) if adjacent else set())


def test_mixed_geometry_types_and_a_segment_in_three_towns():
    a = shapely.box(0, 0, 1000, 1000)
    b = shapely.MultiPolygon([shapely.box(1000, 0, 2000, 1000)])
    twin = shapely.GeometryCollection([shapely.box(1000, 0, 2000, 1000)])  # b again
    corner = shapely.box(2000, 1000, 3000, 2000)
    pairs = _pairs(edge_adjacency(np.array([a, b, twin, corner], dtype=object)))
    assert pairs == {(0, 1), (0, 2), (1, 2)}


def test_empty_and_missing_geometries_have_no_neighbours():
    geoms = np.array(
        [shapely.box(0, 0, 10, 10), None, shapely.Polygon(), shapely.box(10, 0, 20, 10)],
        dtype=object,
    )
    adj = edge_adjacency(geoms)
    assert _pairs(adj) == {(0, 3)}
    assert adj.n == 4


def test_progress_reports_each_stage_and_can_cancel():
    geoms, crs = dense_grid(4, 4, 50)
    seen: list[tuple[str, float]] = []
    projected = project_equal_area(geoms, crs, progress=lambda s, f: seen.append((s, f)))
    edge_adjacency(projected.geoms, progress=lambda s, f: seen.append((s, f)))
    stages = [s for s, _ in seen]
    assert stages[0] == measure.STAGE_PROJECT
    first = {s: stages.index(s) for s in set(stages)}
    assert first[measure.STAGE_PROJECT] < first[measure.STAGE_SHARED_EDGES]
    assert first[measure.STAGE_SHARED_EDGES] < first[measure.STAGE_NEAR_EDGES]
    for stage in set(stages):
        fractions = [f for s, f in seen if s == stage]
        assert fractions == sorted(fractions) and fractions[-1] == 1.0
        assert all(0.0 <= f <= 1.0 for f in fractions)

    class Cancelled(Exception):
        pass

    def cancel(stage, fraction):
        if stage == measure.STAGE_NEAR_EDGES:
            raise Cancelled

    with pytest.raises(Cancelled):
        edge_adjacency(projected.geoms, progress=cancel)


def test_dense_areas_match_geodesic_and_chunking_changes_nothing(monkeypatch):
    geoms, crs = dense_grid(3, 3, 100)
    whole = project_equal_area(geoms, crs)
    monkeypatch.setattr(measure, "TRANSFORM_CHUNK_VERTICES", 500)
    chunked = project_equal_area(geoms, crs)
    assert np.array_equal(
        shapely.get_coordinates(whole.geoms), shapely.get_coordinates(chunked.geoms)
    )
    ell = crs.geodetic_crs.ellipsoid
    geod = pyproj.Geod(a=ell.semi_major_metre, rf=ell.inverse_flattening)
    lonlat = measure.to_lonlat(geoms, crs)
    ref = np.array([abs(geod.geometry_area_perimeter(g)[0]) for g in lonlat]) / 1e6
    assert np.allclose(measure.ellipsoidal_areas_km2(whole), ref, rtol=1e-6)
