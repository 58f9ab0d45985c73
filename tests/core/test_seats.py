"""Service radius and population-weighted distance, against pyproj.Geod on known boxes."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from pyproj import Geod

from editor.core.commands import AssignTowns, SetSeat
from editor.core.history import History
from editor.core.plan import Plan
from editor.core.seats import seat_geometry, service_radius_km, unit_seat_figures
from tests.support import grid_layer

GEOD = Geod(ellps="GRS80")  # CGCS2000's ellipsoid (the grid is EPSG:4490)
SIZE = 0.1  # degrees; the grid's boxes start at lon 100, lat 24


def corners(i: int, j: int) -> list[tuple[float, float]]:
    x0, y0 = 100 + SIZE * i, 24 + SIZE * j
    return [(x0, y0), (x0 + SIZE, y0), (x0, y0 + SIZE), (x0 + SIZE, y0 + SIZE)]


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000


def seat_lonlat(layer, town: int) -> tuple[float, float]:
    geo = seat_geometry(layer)
    lon, lat = geo.lonlat(geo.points(np.array([town])))
    return float(lon[0]), float(lat[0])


def test_single_box_radius_is_centre_to_corner():
    layer = grid_layer(1, 1)
    plan = Plan(layer)
    centre = (100 + SIZE / 2, 24 + SIZE / 2)
    expected = max(km(centre, c) for c in corners(0, 0))
    assert 7.0 < expected < 8.0  # about 5.1 km east and 5.5 km north
    # the seat's point is on the box's surface, within a few metres of its centre
    assert km(seat_lonlat(layer, 0), centre) < 0.05
    assert service_radius_km(plan, 0) == pytest.approx(expected, abs=0.05)


def test_row_of_three_radius_reaches_the_far_corner():
    layer = grid_layer(3, 1)
    plan = Plan(layer)
    History(plan).push(AssignTowns([1, 2], 0))
    plan_seat = plan.seat_of(0)
    assert plan_seat == 2  # the most populous town is the default seat
    seat = seat_lonlat(layer, 2)
    expected = max(km(seat, c) for i in range(3) for c in corners(i, 0))
    fig = unit_seat_figures(plan, 0)
    assert fig.seat == 2
    assert fig.service_radius_km == pytest.approx(expected, rel=1e-6)
    # the farthest point is the west side of town 0
    assert fig.farthest_lonlat[0] == pytest.approx(100.0, abs=1e-6)


def test_choosing_another_seat_changes_the_radius():
    layer = grid_layer(3, 1)
    plan = Plan(layer)
    h = History(plan)
    h.push(AssignTowns([1, 2], 0))
    end = unit_seat_figures(plan, 0).service_radius_km
    h.push(SetSeat(0, 1))  # the middle town: about half as far
    middle = unit_seat_figures(plan, 0).service_radius_km
    assert middle < 0.65 * end
    expected = max(km(seat_lonlat(layer, 1), c) for i in range(3) for c in corners(i, 0))
    assert middle == pytest.approx(expected, rel=1e-6)


def test_mean_distance_is_population_weighted():
    pop = np.array([1000.0, 3000.0])
    layer = grid_layer(2, 1, population=pop)
    plan = Plan(layer)
    History(plan).push(AssignTowns([1], 0))
    assert plan.seat_of(0) == 1
    d = km(seat_lonlat(layer, 0), seat_lonlat(layer, 1))
    assert d == pytest.approx(km((100.05, 24.05), (100.15, 24.05)), rel=0.01)
    fig = unit_seat_figures(plan, 0)
    # the seat (3,000 people) is at distance 0, the other (1,000) at d
    assert fig.mean_distance_km == pytest.approx(d * 1000 / 4000, rel=1e-9)


def test_mean_distance_without_population_is_the_plain_mean():
    layer = grid_layer(3, 1, population=np.full(3, np.nan))
    plan = Plan(layer)
    History(plan).push(AssignTowns([1, 2], 0))
    seat = plan.seat_of(0)
    pts = [seat_lonlat(layer, t) for t in range(3)]
    expected = np.mean([km(pts[seat], p) for p in pts])
    assert unit_seat_figures(plan, 0).mean_distance_km == pytest.approx(expected, rel=1e-9)


def test_single_town_mean_distance_is_zero_and_point_inside():
    # a crescent: its centroid lies outside, the representative point must not
    ring = shapely.Polygon(
        [
            (100, 24),
            (100.3, 24),
            (100.3, 24.3),
            (100, 24.3),
            (100, 24.2),
            (100.2, 24.2),
            (100.2, 24.1),
            (100, 24.1),
        ]
    )
    from editor.core.towns import TownLayer

    layer = TownLayer(
        ids=["C"], names=["月牙乡"], population=np.array([5000.0]), geometry=[ring], crs=4490
    )
    plan = Plan(layer)
    fig = unit_seat_figures(plan, 0)
    assert fig.mean_distance_km == 0
    assert shapely.contains(ring, shapely.Point(seat_lonlat(layer, 0)))
    assert fig.service_radius_km > 0
