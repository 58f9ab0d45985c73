"""The bundled sample county: readable, a clean coverage, a true border, deterministic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Geod
from shapely.strtree import STRtree

SAMPLE = Path(__file__).resolve().parents[2] / "sample_shapes"
COUNTY = SAMPLE / "sample_county.shp"
BORDER = SAMPLE / "border_line.shp"
PLAN = SAMPLE / "sample_plan.csv"
GEOD = Geod(ellps="GRS80")
FIELDS = [
    "乡镇代码",
    "乡镇名称",
    "户籍人口",
    "面积",
    "沿边",
    "历史文化",
    "县城驻地",
    "中心镇",
    "村委会数",
]


@pytest.fixture(scope="module")
def towns() -> gpd.GeoDataFrame:
    return gpd.read_file(COUNTY, engine="pyogrio")


@pytest.fixture(scope="module")
def border() -> gpd.GeoDataFrame:
    return gpd.read_file(BORDER, engine="pyogrio")


def shared_length_m(a, b) -> float:
    """Geodesic length (m) of the boundary two geometries share."""
    return GEOD.geometry_length(shapely.intersection(a, b))


def neighbour_pairs(geoms) -> list[tuple[int, int]]:
    """Pairs of towns sharing an edge (not just a corner)."""
    tree = STRtree(geoms)
    pairs = []
    for i, j in zip(*tree.query(geoms, predicate="intersects"), strict=True):
        if i < j and shared_length_m(geoms[i].boundary, geoms[j].boundary) > 1.0:
            pairs.append((int(i), int(j)))
    return pairs


def test_fields_and_chinese_names_read_back(towns):
    assert list(towns.columns) == [*FIELDS, "geometry"]
    assert towns.crs.to_epsg() == 4490
    names = list(towns["乡镇名称"])
    assert "城关镇" in names
    assert any(n.endswith("街道") for n in names)
    assert any(n.startswith("勐") and n.endswith("乡") for n in names)
    assert all(n.endswith(("镇", "乡", "街道")) for n in names)
    assert len(set(names)) == len(names)
    assert (SAMPLE / "sample_county.cpg").read_text().strip() == "GBK"


def test_about_forty_towns_with_unique_codes(towns):
    assert 35 <= len(towns) <= 45
    codes = towns["乡镇代码"]
    assert codes.is_unique
    assert codes.str.fullmatch(r"\d{12}").all()


def test_plausible_place_and_size(towns):
    minx, miny, maxx, maxy = towns.total_bounds
    assert 99.0 < minx < maxx < 101.0 and 23.0 < miny < maxy < 24.8
    areas = np.array([abs(GEOD.geometry_area_perimeter(g)[0]) / 1e6 for g in towns.geometry])
    assert 1600 < areas.sum() < 1800
    assert areas.min() < 20 and areas.max() > 60  # towns of varied size
    # The official area field is the computed area, rounded.
    assert np.allclose(towns["面积"], areas, atol=0.01)


def test_clean_coverage_neighbours_share_edges(towns):
    geoms = towns.geometry.values
    assert shapely.is_valid(geoms).all()
    assert (towns.geom_type == "Polygon").all()
    assert shapely.coverage_is_valid(geoms)
    # No slivers or gaps wider than about a metre either.
    assert shapely.is_empty(shapely.coverage_invalid_edges(geoms, gap_width=1e-5)).all()
    union = shapely.coverage_union_all(geoms)
    assert union.geom_type == "Polygon" and len(union.interiors) == 0
    pairs = neighbour_pairs(geoms)
    assert len(pairs) > len(geoms)  # a tiling, not a scatter
    for i, j in pairs:
        # Exact sharing: no overlap, and each town's boundary contains the other's
        # stretch of shared edge.
        assert shapely.area(shapely.intersection(geoms[i], geoms[j])) == 0
        shared = shapely.intersection(geoms[i].boundary, geoms[j].boundary)
        assert shapely.covered_by(shared, geoms[i].boundary)
        assert shapely.covered_by(shared, geoms[j].boundary)


def test_border_towns_lie_along_the_border_line(towns, border):
    assert len(border) == 1
    assert border["名称"].iloc[0] == "国界线（示意）"
    assert border.crs.to_epsg() == 4490
    line = border.geometry.iloc[0]
    assert line.geom_type == "LineString"
    flagged = towns["沿边"] == 1
    assert 6 <= flagged.sum() <= 8
    for geom, is_border in zip(towns.geometry, flagged, strict=True):
        along = shared_length_m(geom.boundary, line)
        if is_border:
            assert along > 1000.0
        else:
            assert along == 0.0
    # The line is made of the border towns' own vertices, not a near copy.
    outer = shapely.union_all(towns.geometry[flagged].boundary.values)
    vertices = shapely.points(shapely.get_coordinates(line))
    assert shapely.distance(vertices, outer).max() < 1e-9


def test_population_and_roles(towns):
    pop = towns["户籍人口"]
    assert 18_000 <= pop.mean() <= 26_000
    assert pop.min() >= 5_000 and pop.max() <= 90_000
    seat = towns[towns["县城驻地"] == 1]
    assert len(seat) == 1 and seat["户籍人口"].iloc[0] == pop.max()
    assert towns["历史文化"].sum() == 2
    assert towns["中心镇"].sum() == 2
    assert towns["村委会数"].between(5, 20).all()
    special = towns[(towns["历史文化"] == 1) | (towns["中心镇"] == 1) | (towns["县城驻地"] == 1)]
    assert (special["沿边"] == 0).all()


def test_plan_covers_every_town_with_contiguous_units(towns):
    raw = PLAN.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    plan = pd.read_csv(PLAN, dtype=str, encoding="utf-8-sig")
    assert list(plan.columns) == ["乡镇代码", "合并后乡镇"]
    assert sorted(plan["乡镇代码"]) == sorted(towns["乡镇代码"])
    merged = towns.merge(plan, on="乡镇代码")
    units = merged.groupby("合并后乡镇")
    assert 16 <= units.ngroups <= 18
    # Border towns stay whole; the county seat absorbs two or three neighbours.
    for _, row in merged[merged["沿边"] == 1].iterrows():
        assert (merged["合并后乡镇"] == row["合并后乡镇"]).sum() == 1
    seat_unit = merged.loc[merged["县城驻地"] == 1, "合并后乡镇"].iloc[0]
    assert 3 <= (merged["合并后乡镇"] == seat_unit).sum() <= 4
    # Every unit is connected through shared edges.
    geoms = merged.geometry.values
    pairs = neighbour_pairs(geoms)
    for name, group in units:
        members = set(group.index)
        seen, stack = set(), [min(members)]
        while stack:
            k = stack.pop()
            if k in seen:
                continue
            seen.add(k)
            stack.extend(
                j for a, b in pairs for k2, j in ((a, b), (b, a)) if k2 == k and j in members
            )
        assert seen == members, f"unit {name} is not contiguous"


def test_script_is_deterministic(tmp_path):
    """Two runs give identical bytes; they match the committed files (geometry to 1 cm).

    Byte equality with the committed files would tie the test to one GEOS/PROJ build;
    the committed attributes must match exactly and the shapes within 1e-7 degrees.
    """
    import geopandas as gpd

    script = SAMPLE / "make_sample.py"
    runs = [tmp_path / "a", tmp_path / "b"]
    for out in runs:
        subprocess.run(
            [sys.executable, str(script), "--out", str(out)], check=True, capture_output=True
        )
    for f in sorted(runs[0].iterdir()):
        assert f.read_bytes() == (runs[1] / f.name).read_bytes(), f.name
    for plan in (
        "sample_plan.csv",
        "sample_plan_b.csv",
        "sample_village_plan.csv",
        "sample_village_plan_violations.csv",
    ):
        assert (runs[0] / plan).read_bytes() == (SAMPLE / plan).read_bytes(), plan
    for stem in ("sample_county", "border_line", "sample_villages"):
        fresh = gpd.read_file(runs[0] / f"{stem}.shp")
        committed = gpd.read_file(SAMPLE / f"{stem}.shp")
        attrs = [c for c in committed.columns if c != "geometry"]
        assert fresh[attrs].equals(committed[attrs]), stem
        assert fresh.crs == committed.crs
        assert all(
            shapely.equals_exact(a, b, tolerance=1e-7)
            for a, b in zip(fresh.geometry, committed.geometry, strict=True)
        ), stem
