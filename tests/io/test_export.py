"""Exports of merged units: round trips, encodings, field names, atomicity, styles."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyproj
import pytest
import shapely

from editor.core.plan import Plan
from editor.core.session import plan_from_assignment
from editor.core.towns import TownLayer
from editor.errors import WriteError
from editor.io import atomic, export
from editor.io.export import export_units, shapefile_names
from editor.io.load import open_layer
from editor.io.plantable import read_assignment_table

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample_shapes" / "sample_county.shp"
SAMPLE_PLAN = REPO / "sample_shapes" / "sample_plan.csv"


@pytest.fixture(scope="module")
def plan():
    layer = open_layer(SAMPLE)
    plan, unmatched = plan_from_assignment(layer, read_assignment_table(SAMPLE_PLAN))
    assert not unmatched
    return plan


def _geodesic_km2(frame: gpd.GeoDataFrame) -> np.ndarray:
    geod = pyproj.CRS(frame.crs).get_geod()
    lonlat = frame.to_crs(pyproj.CRS(frame.crs).geodetic_crs)
    return np.array([abs(geod.geometry_area_perimeter(g)[0]) / 1e6 for g in lonlat.geometry])


@pytest.mark.parametrize("ext", [".shp", ".gpkg", ".geojson"])
def test_export_round_trip_same_units_areas_population(tmp_path, plan, ext):
    out = tmp_path / f"合并后乡镇{ext}"
    result = export_units(plan, out)
    assert out.exists() and (tmp_path / "合并后乡镇.qml").exists()
    assert result.units == len(plan)
    got = gpd.read_file(out)
    assert len(got) == len(plan)
    assert got.crs.equals(plan.layer.crs)
    assert got.geometry.is_valid.all()
    assert set(got.geom_type) <= {"Polygon", "MultiPolygon"}
    layer = plan.layer
    areas = _geodesic_km2(got)
    for row, area in zip(got.itertuples(), areas, strict=True):
        uid = int(row.unit_id)
        assert row.name == plan.units[uid].name
        assert row.member_ids.split(",") == [str(layer.ids[t]) for t in plan.members(uid)]
        assert row.towns == plan.stats(uid).towns
        assert area == pytest.approx(plan.stats(uid).area_km2, rel=1e-4)
        # every unit here is contiguous and the sample is a clean coverage: one piece
        assert len(shapely.get_parts(got.geometry[row.Index])) == 1
    assert got["population"].sum() == pytest.approx(layer.total_population)
    assert areas.sum() == pytest.approx(layer.total_area_km2, rel=1e-4)
    # no gaps or overlaps between units: their union has the county's area
    metric = got.to_crs(layer.metric_crs).geometry.values
    assert shapely.area(shapely.union_all(metric)) == pytest.approx(
        shapely.area(metric).sum(), rel=1e-9
    )


def test_export_in_another_crs(tmp_path, plan):
    out = tmp_path / "units.gpkg"
    export_units(plan, out, crs="4526")
    got = gpd.read_file(out)
    assert got.crs.to_epsg() == 4526
    # projected metres, same ellipsoidal areas
    areas = _geodesic_km2(got)
    want = [plan.stats(int(u)).area_km2 for u in got["unit_id"]]
    assert np.allclose(areas, want, rtol=1e-4)


def test_utf8_shapefile_maps_long_field_names_deliberately(tmp_path, plan):
    out = tmp_path / "units.shp"
    result = export_units(plan, out, carry=["户籍人口", "村委会数"])
    assert (tmp_path / "units.cpg").read_text().strip().upper() == "UTF-8"
    # 户籍人口 is 12 bytes in UTF-8: mapped to a short ASCII name, written beside
    assert result.field_map["fld_1"] == "户籍人口" and result.field_map["fld_2"] == "村委会数"
    fmap = (tmp_path / "units.fieldmap.csv").read_bytes()
    assert fmap.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(tmp_path / "units.fieldmap.csv", encoding="utf-8-sig", dtype=str)
    assert dict(zip(table["field"], table["full_name"], strict=True))["fld_1"] == "户籍人口"
    got = pyogrio.read_dataframe(out)
    assert "fld_1" in got.columns
    src = pyogrio.read_dataframe(SAMPLE)
    assert got["fld_1"].sum() == src["户籍人口"].sum()
    assert got["fld_2"].sum() == src["村委会数"].sum()
    assert got["name"].tolist() == [plan.units[u].name for u in plan.unit_ids()]


def test_gbk_shapefile_reads_back_chinese_names(tmp_path, plan):
    out = tmp_path / "units_gbk.shp"
    result = export_units(plan, out, encoding="gbk", carry=["户籍人口"])
    assert (tmp_path / "units_gbk.cpg").read_text().strip().upper() == "GBK"
    assert result.field_map["户籍人口"] == "户籍人口"  # 8 bytes in GBK: fits as it is
    dbf = (tmp_path / "units_gbk.dbf").read_bytes()
    assert "城关镇".encode("gbk") in dbf and "城关镇".encode() not in dbf
    got = pyogrio.read_dataframe(out)  # the reader follows the .cpg
    assert got["name"].tolist() == [plan.units[u].name for u in plan.unit_ids()]
    assert "户籍人口" in got.columns
    assert got["members"].str.contains("、").any()


def test_shapefile_names_never_cut_a_character():
    names = shapefile_names(
        ["name", "户籍人口", "人口", "abcdefghijk", "ABCDEFGHIJ", "abcdefghij"], "utf-8"
    )
    assert names["name"] == "name" and names["人口"] == "人口"  # 6 bytes: fits
    assert names["户籍人口"].startswith("fld_") and names["abcdefghijk"].startswith("fld_")
    # DBF names are case-insensitive: the second of two equal names is renamed
    assert names["ABCDEFGHIJ"] == "ABCDEFGHIJ" and names["abcdefghij"].startswith("fld_")
    assert len(set(n.lower() for n in names.values())) == len(names)
    assert all(len(n.encode("utf-8")) <= 10 for n in names.values())


def test_long_member_list_is_clipped_on_purpose(tmp_path, plan):
    from editor.core.commands import ApplyAssignment

    p = Plan(plan.layer)
    ApplyAssignment({"全县一镇": list(range(plan.layer.n))}).redo(p)
    result = export_units(p, tmp_path / "one.shp")
    assert any("254 bytes" in w for w in result.warnings)
    got = pyogrio.read_dataframe(tmp_path / "one.shp")
    text = got["members"].iloc[0]
    assert text.endswith("…") and len(text.encode("utf-8")) <= 254
    # the GeoPackage keeps it whole
    export_units(p, tmp_path / "one.gpkg")
    whole = pyogrio.read_dataframe(tmp_path / "one.gpkg")["members"].iloc[0]
    assert len(whole.split("、")) == plan.layer.n


def test_interrupted_export_leaves_no_partial_file(tmp_path, plan, monkeypatch):
    real = export._write_frame

    def crash_midway(frame, path, driver, encoding):
        real(frame.iloc[:3], path, driver, encoding)  # some files written...
        raise RuntimeError("power cut")  # ...then the process "dies"

    monkeypatch.setattr(export, "_write_frame", crash_midway)
    with pytest.raises(WriteError):
        export_units(plan, tmp_path / "units.shp")
    assert list(tmp_path.iterdir()) == []  # nothing at the destination, no staging left

    # an older export at the destination stays whole
    monkeypatch.setattr(export, "_write_frame", real)
    export_units(plan, tmp_path / "units.shp")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    monkeypatch.setattr(export, "_write_frame", crash_midway)
    with pytest.raises(WriteError):
        export_units(plan, tmp_path / "units.shp")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_overwriting_a_shapefile_removes_its_stale_sidecars(tmp_path, plan):
    out = tmp_path / "units.shp"
    export_units(plan, out)
    (tmp_path / "units.qix").write_bytes(b"old spatial index")
    export_units(plan, out, style=False)
    assert not (tmp_path / "units.qix").exists()
    assert not (tmp_path / "units.qml").exists()
    assert len(pyogrio.read_dataframe(out)) == len(plan)


def test_unwritable_folder_gives_write_error(tmp_path, plan, monkeypatch):
    def denied(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkdtemp", denied)
    with pytest.raises(WriteError, match="read-only"):
        export_units(plan, tmp_path / "units.gpkg")


def test_read_only_folder_for_real(tmp_path, plan):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as root: chmod does not stop writing")
        with pytest.raises(WriteError, match="read-only"):
            export_units(plan, folder / "units.shp")
    finally:
        folder.chmod(0o755)


def test_unknown_extension_and_field(tmp_path, plan):
    with pytest.raises(WriteError, match="unsupported"):
        export_units(plan, tmp_path / "units.kml")
    from editor.errors import LayerError

    with pytest.raises(LayerError, match="no field"):
        export_units(plan, tmp_path / "units.gpkg", carry=["不存在"])
    with pytest.raises(LayerError, match="not numeric"):
        export_units(plan, tmp_path / "units.gpkg", carry=["乡镇名称"])


def test_qml_is_categorized_and_labelled(tmp_path, plan):
    export_units(plan, tmp_path / "units.gpkg")
    root = ET.parse(tmp_path / "units.qml").getroot()
    assert root.tag == "qgis" and root.get("labelsEnabled") == "1"
    renderer = root.find("renderer-v2")
    assert renderer.get("type") == "categorizedSymbol" and renderer.get("attr") == "name"
    values = [c.get("value") for c in renderer.find("categories")]
    assert sorted(values) == sorted(u.name for u in plan.units.values())
    colors = {
        s.get("name"): s.find("layer/prop[@k='color']").get("v") for s in renderer.find("symbols")
    }
    assert len(colors) == len(values)
    assert root.find("labeling/settings/text-style").get("fieldName") == "name"


def _layer(geoms, tolerance=1.0):
    n = len(geoms)
    return TownLayer(
        ids=[f"T{i}" for i in range(n)],
        names=[f"镇{i}" for i in range(n)],
        population=np.full(n, 1000.0),
        geometry=np.asarray(geoms, dtype=object),
        crs=pyproj.CRS.from_epsg(4526),
        tolerance_m=tolerance,
    )


def test_sliver_gap_inside_a_unit_is_filled_and_overlaps_fall_back(tmp_path):
    x0, y0 = 38500000.0, 2650000.0  # CGCS2000 3-degree zone 38
    box = lambda a, b, c, d: shapely.box(x0 + a, y0 + b, x0 + c, y0 + d)  # noqa: E731
    # a 0.3 m gap between the left and right towns, closed above and below
    gap = [
        box(0, 0, 1000, 1000),
        box(1000.3, 0, 2000, 1000),
        box(0, 1000, 2000, 2000),
        box(0, -1000, 2000, 0),
    ]
    from editor.core.commands import ApplyAssignment

    p = Plan(_layer(gap))
    ApplyAssignment({"大镇": [0, 1, 2, 3]}).redo(p)
    result = export_units(p, tmp_path / "gap.gpkg")
    g = gpd.read_file(tmp_path / "gap.gpkg").geometry[0]
    assert shapely.get_num_interior_rings(shapely.get_parts(g)[0]) == 0  # no sliver hole
    assert any("sliver" in w for w in result.warnings)

    # a real hole (a town of another unit inside) stays
    ring = [
        box(0, 0, 3000, 3000).difference(box(1000, 1000, 2000, 2000)),
        box(1000, 1000, 2000, 2000),
    ]
    p2 = Plan(_layer(ring))
    export_units(p2, tmp_path / "ring.gpkg")
    got = gpd.read_file(tmp_path / "ring.gpkg")
    assert shapely.get_num_interior_rings(shapely.get_parts(got.geometry[0])[0]) == 1

    # overlapping towns: not a valid coverage, joined with a full union, still valid
    over = [box(0, 0, 1000.5, 1000), box(1000, 0, 2000, 1000)]
    p3 = Plan(_layer(over))
    ApplyAssignment({"重叠": [0, 1]}).redo(p3)
    result = export_units(p3, tmp_path / "over.gpkg")
    assert result.fallback_units == 1
    got = gpd.read_file(tmp_path / "over.gpkg")
    assert got.geometry.is_valid.all() and got.geometry[0].area == pytest.approx(2000 * 1000)


def _cli(*args):
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "editor", *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_plan_export_table_stats(tmp_path, plan):
    tb = tmp_path / "方案.tbplan"
    r = _cli("plan", SAMPLE, "--plan", SAMPLE_PLAN, "--out", tb)
    assert r.returncode == 0, r.stderr
    r = _cli("export", SAMPLE, "--plan", tb, "--out", tmp_path / "u.shp", "--out-encoding", "gbk")
    assert r.returncode == 0, r.stderr
    got = pyogrio.read_dataframe(tmp_path / "u.shp")
    assert sorted(got["name"]) == sorted(u.name for u in plan.units.values())
    assert (tmp_path / "u.cpg").read_text().strip() == "GBK"
    r = _cli(
        "export",
        SAMPLE,
        "--plan",
        SAMPLE_PLAN,
        "--out",
        tmp_path / "u.geojson",
        "--out-crs",
        "4326",
    )
    assert r.returncode == 0, r.stderr
    assert gpd.read_file(tmp_path / "u.geojson").crs.to_epsg() == 4326
    r = _cli("table", SAMPLE, "--plan", tb, "--out", tmp_path / "t.csv", "--kind", "units")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "t.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    r = _cli("stats", SAMPLE, "--plan", tb, "--json")
    assert r.returncode == 0, r.stderr
    r = _cli("export", SAMPLE, "--plan", tmp_path / "missing.tbplan", "--out", tmp_path / "x.gpkg")
    assert r.returncode == 2 and r.stderr.startswith("error:") and "missing.tbplan" in r.stderr
    assert "Traceback" not in r.stderr


# -- the reform's figures ----------------------------------------------------------------
def _facilities(layer):
    """Two kinds of facility at the towns' surface points (counts vary by town)."""
    from editor.core.facilities import FacilityLayer

    surface = shapely.point_on_surface(layer.geometry_m)
    pts, cats = [], []
    for t in range(layer.n):
        for cat, k in (("卫生院", t % 3), ("养老院", 1 - t % 2)):
            pts += [surface[t]] * k
            cats += [cat] * k
    return FacilityLayer.from_points(layer, np.array(pts, dtype=object), cats)


@pytest.mark.parametrize("ext", [".gpkg", ".shp"])
def test_export_carries_quota_facilities_and_sums(tmp_path, plan, ext):
    from editor.core.facilities import CarriedFields
    from editor.core.quota import QuotaCalculator
    from editor.core.seats import unit_seat_figures
    from editor.io.rules_file import load_rules

    rules = load_rules(SAMPLE.with_name("sample_rules.toml"))
    fac = _facilities(plan.layer)
    out = tmp_path / f"units{ext}"
    result = export_units(
        plan, out, rules=rules, facilities=[fac], carry=["户籍人口", "村委会数"], language="zh"
    )
    got = pyogrio.read_dataframe(out)
    if ext == ".shp":  # long names mapped on purpose: read them back through the field map
        got = got.rename(columns=result.field_map)
        fmap = pd.read_csv(tmp_path / "units.fieldmap.csv", encoding="utf-8-sig", dtype=str)
        described = dict(zip(fmap["完整名称"], fmap["说明"], strict=True))
        assert described["n_卫生院"] == "卫生院数量"
        assert described["quota"] == "测算编制"
    quota = QuotaCalculator(plan.layer, rules.quota)
    carried = CarriedFields(plan.layer, ["户籍人口", "村委会数"])
    for row in got.to_dict("records"):
        uid = int(row["unit_id"])
        assert row["quota"] == quota.unit(plan, uid).total
        assert row["quota_old"] == quota.old_total_of(plan, uid)
        counts = fac.unit_counts(plan, uid)
        assert row["n_卫生院"] == counts.get("卫生院", 0)
        assert row["n_养老院"] == counts.get("养老院", 0)
        sums = carried.unit_sums(plan, uid)
        assert row["户籍人口"] == pytest.approx(sums["户籍人口"])
        assert row["村委会数"] == pytest.approx(sums["村委会数"])
        seat = unit_seat_figures(plan, uid)
        assert row["seat_id"] == str(plan.layer.ids[seat.seat])
        assert row["radius_km"] == pytest.approx(seat.service_radius_km, abs=1e-3)
        assert row["mean_km"] == pytest.approx(seat.mean_distance_km, abs=1e-3)
    assert got["n_卫生院"].sum() + got["n_养老院"].sum() == len(fac)
    assert got["quota"].sum() == quota.totals(plan)["new"]


def test_export_uses_given_colours(tmp_path, plan):
    uids = plan.unit_ids()
    colors = {u: k % 3 for k, u in enumerate(uids)}
    export_units(plan, tmp_path / "c.gpkg", colors=colors)
    got = pyogrio.read_dataframe(tmp_path / "c.gpkg")
    assert dict(zip(got["unit_id"].astype(int), got["color_idx"], strict=True)) == colors


def test_cli_export_and_table_take_rules_facilities_carry(tmp_path, plan):
    import geopandas as gpd

    layer = plan.layer
    pts = shapely.point_on_surface(np.asarray(layer.geometry, dtype=object))
    gpd.GeoDataFrame(
        {"类型": ["学校" if k % 2 else "卫生院" for k in range(layer.n)]},
        geometry=pts,
        crs=layer.crs,
    ).to_file(tmp_path / "facilities.gpkg")
    rules = SAMPLE.with_name("sample_rules.toml")
    common = ["--rules", rules, "--facilities", tmp_path / "facilities.gpkg"]
    common += ["--facility-field", "类型", "--carry", "村委会数"]
    r = _cli("export", SAMPLE, "--plan", SAMPLE_PLAN, "--out", tmp_path / "u.gpkg", *common)
    assert r.returncode == 0, r.stderr
    got = pyogrio.read_dataframe(tmp_path / "u.gpkg")
    assert got["n_学校"].sum() + got["n_卫生院"].sum() == layer.n
    assert got["村委会数"].sum() == pyogrio.read_dataframe(SAMPLE)["村委会数"].sum()
    r = _cli("table", SAMPLE, "--plan", SAMPLE_PLAN, "--out", tmp_path / "t.csv")
    assert r.returncode == 0, r.stderr
    r = _cli(
        "table", SAMPLE, "--plan", SAMPLE_PLAN, "--out", tmp_path / "t.csv", "--kind", "units",
        "--lang", "en", *common,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    table = pd.read_csv(tmp_path / "t.csv", encoding="utf-8-sig")
    assert table["学校 (count)"].sum() + table["卫生院 (count)"].sum() == layer.n
    assert table["quota"].tolist() == got["quota"].tolist()
    r = _cli(
        "export", SAMPLE, "--plan", SAMPLE_PLAN, "--out", tmp_path / "x.gpkg", "--carry", "乡镇名称"
    )
    assert r.returncode == 2 and "not numeric" in r.stderr and "Traceback" not in r.stderr
