"""Reading layers: encodings, CRSs, broken inputs and the three real layers."""

from __future__ import annotations

import struct
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyproj
import pytest
from shapely.geometry import LineString, MultiPolygon, Point, box

from editor.errors import LayerError
from editor.io.reader import RawLayer, list_layers, read_layer_frame

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "real"

NAMES = ["城关镇", "白石街道", "柳市镇"]


def _frame(crs=4490, origin=(120.0, 28.0), size=0.1, names=NAMES) -> gpd.GeoDataFrame:
    x0, y0 = origin
    geoms = [box(x0 + i * size, y0, x0 + (i + 1) * size, y0 + size) for i in range(len(names))]
    return gpd.GeoDataFrame(
        {"乡镇名称": names, "代码": [f"33038210{i}" for i in range(len(names))], "人口": [1, 2, 3]},
        geometry=geoms,
        crs=crs,
    )


def _write_shp(frame: gpd.GeoDataFrame, path: Path, encoding: str = "GBK") -> Path:
    frame.to_file(path, encoding=encoding, engine="pyogrio")
    return path


def _set_ldid(path: Path, ldid: int) -> None:
    with path.with_suffix(".dbf").open("r+b") as f:
        f.seek(29)
        f.write(bytes([ldid]))


def _drop(path: Path, ext: str) -> None:
    path.with_suffix(ext).unlink(missing_ok=True)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# --- encodings ------------------------------------------------------------------------


def test_gbk_without_cpg_or_code_page_is_detected(tmp_path):
    shp = _write_shp(_frame(), tmp_path / "towns.shp")
    _drop(shp, ".cpg")
    _set_ldid(shp, 0)
    before = _snapshot(tmp_path)

    raw = read_layer_frame(shp)

    assert isinstance(raw, RawLayer)
    assert list(raw.frame.columns) == ["乡镇名称", "代码", "人口", "geometry"]
    assert list(raw.frame["乡镇名称"]) == NAMES
    assert raw.encoding in ("GBK", "GB18030")
    assert raw.encoding_source == "detected"
    assert raw.driver == "ESRI Shapefile"
    assert raw.layer is None
    assert _snapshot(tmp_path) == before  # the source is never written to


@pytest.mark.parametrize("cpg", ["GBK", "936", "CP936", "GB2312", "gbk\r\n"])
def test_gbk_with_cpg(tmp_path, cpg):
    shp = _write_shp(_frame(), tmp_path / "towns.shp")
    shp.with_suffix(".cpg").write_text(cpg)
    raw = read_layer_frame(shp)
    assert list(raw.frame["乡镇名称"]) == NAMES
    assert (raw.encoding, raw.encoding_source) == ("GBK", "cpg")


def test_gbk_code_page_in_dbf_header(tmp_path):
    shp = _write_shp(_frame(), tmp_path / "towns.shp")
    _drop(shp, ".cpg")
    _set_ldid(shp, 0x4D)
    raw = read_layer_frame(shp)
    assert list(raw.frame["乡镇名称"]) == NAMES
    assert (raw.encoding, raw.encoding_source) == ("GBK", "dbf-header")


def test_utf8_cpg(tmp_path):
    frame = _frame(names=["城关", "白石", "柳市"]).rename(columns={"乡镇名称": "名称"})
    shp = _write_shp(frame, tmp_path / "towns.shp", encoding="UTF-8")
    assert shp.with_suffix(".cpg").read_text().strip().upper() == "UTF-8"
    raw = read_layer_frame(shp)
    assert list(raw.frame["名称"]) == ["城关", "白石", "柳市"]
    assert (raw.encoding, raw.encoding_source) == ("UTF-8", "cpg")


def test_utf8_field_name_cut_mid_character_still_reads(tmp_path):
    # GDAL cuts a 12-byte UTF-8 name to 10 bytes, splitting a character; the values
    # must still read and the name keep its readable part.
    shp = _write_shp(_frame(), tmp_path / "towns.shp", encoding="UTF-8")
    raw = read_layer_frame(shp)
    assert list(raw.frame.columns) == ["乡镇名", "代码", "人口", "geometry"]
    assert list(raw.frame["乡镇名"]) == NAMES
    assert (raw.encoding, raw.encoding_source) == ("UTF-8", "cpg")


def test_cp1252_text(tmp_path):
    frame = gpd.GeoDataFrame(
        {"NAME": ["Müller", "Café", "Zoë"]},
        geometry=[box(i, 0, i + 1, 1) for i in range(3)],
        crs=4326,
    )
    shp = _write_shp(frame, tmp_path / "w.shp", encoding="cp1252")
    _drop(shp, ".cpg")
    _set_ldid(shp, 0)
    raw = read_layer_frame(shp)
    assert list(raw.frame["NAME"]) == ["Müller", "Café", "Zoë"]
    assert raw.encoding == "cp1252"

    shp.with_suffix(".cpg").write_text("1252")
    raw = read_layer_frame(shp)
    assert list(raw.frame["NAME"]) == ["Müller", "Café", "Zoë"]
    assert (raw.encoding, raw.encoding_source) == ("cp1252", "cpg")


def test_ansi_ldid_holding_gbk_is_read_as_gbk(tmp_path):
    # LDID 0x57 means "the writer's ANSI code page": on a Chinese machine that is GBK.
    shp = _write_shp(_frame(), tmp_path / "towns.shp")
    _drop(shp, ".cpg")
    _set_ldid(shp, 0x57)
    raw = read_layer_frame(shp)
    assert list(raw.frame["乡镇名称"]) == NAMES
    assert raw.encoding == "GBK"


def test_wrong_cpg_falls_back_to_detection(tmp_path):
    shp = _write_shp(_frame(), tmp_path / "towns.shp")
    shp.with_suffix(".cpg").write_text("UTF-8")
    raw = read_layer_frame(shp)
    assert list(raw.frame["乡镇名称"]) == NAMES
    assert raw.encoding == "GBK"
    assert any(".cpg says UTF-8" in w for w in raw.warnings)


def test_encoding_override_wins_over_cpg(tmp_path):
    shp = _write_shp(_frame(), tmp_path / "towns.shp")
    shp.with_suffix(".cpg").write_text("UTF-8")
    raw = read_layer_frame(shp, encoding="936")
    assert list(raw.frame["乡镇名称"]) == NAMES
    assert (raw.encoding, raw.encoding_source) == ("GBK", "override")


def test_unknown_encoding_override_is_an_error(tmp_path):
    shp = _write_shp(_frame(), tmp_path / "towns.shp")
    with pytest.raises(LayerError, match="unknown text encoding"):
        read_layer_frame(shp, encoding="no-such-codec")


# --- CRS ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("epsg", "origin", "size"),
    [(4526, (38_500_000.0, 3_000_000.0), 5000.0), (4545, (500_000.0, 3_000_000.0), 5000.0)],
)
def test_gauss_kruger_prj_is_kept(tmp_path, epsg, origin, size):
    shp = _write_shp(_frame(crs=epsg, origin=origin, size=size), tmp_path / "gk.shp")
    raw = read_layer_frame(shp)
    assert raw.crs.equals(pyproj.CRS.from_epsg(epsg))
    assert raw.frame.crs.equals(raw.crs)
    assert raw.crs_assumed is False
    assert not raw.crs.is_geographic


def test_cgcs2000_geographic(tmp_path):
    shp = _write_shp(_frame(crs=4490), tmp_path / "g.shp")
    raw = read_layer_frame(shp)
    assert raw.crs.to_epsg() == 4490
    assert raw.crs_assumed is False
    assert raw.warnings == []


def test_no_prj_degrees_assumes_cgcs2000(tmp_path):
    shp = _write_shp(_frame(crs=4490), tmp_path / "noprj.shp")
    _drop(shp, ".prj")
    raw = read_layer_frame(shp)
    assert raw.crs.to_epsg() == 4490
    assert raw.crs_assumed is True
    assert raw.frame.crs.to_epsg() == 4490
    assert any("noprj.shp" in w and "EPSG:4490" in w and "no .prj" in w for w in raw.warnings)


def test_no_prj_gauss_kruger_with_zone_number(tmp_path):
    shp = _write_shp(
        _frame(crs=4526, origin=(38_500_000.0, 3_000_000.0), size=5000.0), tmp_path / "z.shp"
    )
    _drop(shp, ".prj")
    raw = read_layer_frame(shp)
    assert raw.crs.to_epsg() == 4526
    assert raw.crs_assumed is True
    assert any("zone 38" in w for w in raw.warnings)


def test_no_prj_plain_metres_assumes_cm114_and_says_so(tmp_path):
    shp = _write_shp(
        _frame(crs=4545, origin=(500_000.0, 3_000_000.0), size=5000.0), tmp_path / "m.shp"
    )
    _drop(shp, ".prj")
    raw = read_layer_frame(shp)
    assert raw.crs.to_epsg() == 4547
    assert raw.crs_assumed is True
    assert any("m.shp" in w and "EPSG:4547" in w and "central meridian" in w for w in raw.warnings)


def test_crs_override(tmp_path):
    shp = _write_shp(
        _frame(crs=4545, origin=(500_000.0, 3_000_000.0), size=5000.0), tmp_path / "m.shp"
    )
    _drop(shp, ".prj")
    raw = read_layer_frame(shp, crs="EPSG:4545")
    assert raw.crs.to_epsg() == 4545
    assert raw.crs_assumed is False
    assert not any("EPSG" in w for w in raw.warnings)


def test_bad_crs_override_is_an_error(tmp_path):
    shp = _write_shp(_frame(), tmp_path / "towns.shp")
    with pytest.raises(LayerError, match="unknown coordinate system"):
        read_layer_frame(shp, crs="EPSG:999999")


# --- other formats --------------------------------------------------------------------


def test_geopackage_two_polygon_layers_needs_a_choice(tmp_path):
    gpkg = tmp_path / "county.gpkg"
    _frame().to_file(gpkg, layer="towns", engine="pyogrio")
    _frame(names=["甲村", "乙村", "丙村"]).to_file(gpkg, layer="villages", engine="pyogrio")
    gpd.GeoDataFrame({"n": [1]}, geometry=[Point(120, 28)], crs=4490).to_file(
        gpkg, layer="seats", engine="pyogrio"
    )

    assert sorted(list_layers(gpkg)) == ["towns", "villages"]
    with pytest.raises(LayerError) as info:
        read_layer_frame(gpkg)
    assert "county.gpkg" in str(info.value) and "towns" in str(info.value)

    raw = read_layer_frame(gpkg, layer="villages")
    assert raw.layer == "villages"
    assert raw.driver == "GPKG"
    assert raw.encoding is None and raw.encoding_source == "format"
    assert list(raw.frame["乡镇名称"]) == ["甲村", "乙村", "丙村"]

    with pytest.raises(LayerError, match="no layer named 'roads'"):
        read_layer_frame(gpkg, layer="roads")
    with pytest.raises(LayerError, match="points, not polygons"):
        read_layer_frame(gpkg, layer="seats")


def test_geopackage_single_polygon_layer_is_the_default(tmp_path):
    gpkg = tmp_path / "one.gpkg"
    _frame().to_file(gpkg, layer="towns", engine="pyogrio")
    gpd.GeoDataFrame({"n": [1]}, geometry=[Point(120, 28)], crs=4490).to_file(
        gpkg, layer="seats", engine="pyogrio"
    )
    raw = read_layer_frame(gpkg)
    assert raw.layer == "towns"
    assert raw.crs.to_epsg() == 4490


def test_geopackage_without_polygon_layer(tmp_path):
    gpkg = tmp_path / "pts.gpkg"
    gpd.GeoDataFrame({"n": [1]}, geometry=[Point(120, 28)], crs=4490).to_file(
        gpkg, layer="seats", engine="pyogrio"
    )
    with pytest.raises(LayerError, match="no polygon layer") as info:
        read_layer_frame(gpkg)
    assert "pts.gpkg" in str(info.value)


def test_geojson_mixed_polygons_and_multipolygons(tmp_path):
    frame = _frame()
    frame.loc[1, "geometry"] = MultiPolygon([box(0, 0, 0.1, 0.1), box(0.2, 0, 0.3, 0.1)])
    path = tmp_path / "t.geojson"
    frame.to_file(path, driver="GeoJSON", engine="pyogrio")
    raw = read_layer_frame(path)
    assert raw.driver == "GeoJSON"
    assert len(raw.frame) == 3
    assert list(raw.frame["乡镇名称"]) == NAMES
    assert raw.encoding is None


def test_null_geometries_are_dropped_with_a_count(tmp_path):
    frame = _frame()
    frame.loc[1, "geometry"] = None
    shp = _write_shp(frame, tmp_path / "holes.shp")
    raw = read_layer_frame(shp)
    assert list(raw.frame["乡镇名称"]) == ["城关镇", "柳市镇"]
    assert list(raw.frame.index) == [0, 2]  # source positions are kept
    assert any("dropped 1 features" in w for w in raw.warnings)


def test_geometry_column_is_named_geometry(tmp_path):
    gpkg = tmp_path / "g.gpkg"
    _frame().rename_geometry("shape").to_file(gpkg, layer="towns", engine="pyogrio")
    raw = read_layer_frame(gpkg)
    assert raw.frame.geometry.name == "geometry"
    assert "shape" not in raw.frame.columns


def test_dbf_path_reads_the_shapefile(tmp_path):
    shp = _write_shp(_frame(), tmp_path / "towns.shp")
    raw = read_layer_frame(shp.with_suffix(".dbf"))
    assert raw.path == shp
    assert len(raw.frame) == 3


# --- broken input ---------------------------------------------------------------------


def _assert_layer_error(path, *words, **kwargs) -> LayerError:
    with pytest.raises(LayerError) as info:
        read_layer_frame(path, **kwargs)
    message = str(info.value)
    assert Path(path).name in message
    assert "\n" not in message
    for word in words:
        assert word in message, message
    return info.value


def test_missing_file(tmp_path):
    _assert_layer_error(tmp_path / "nowhere.shp", "not found")


def test_text_file_named_shp(tmp_path):
    path = tmp_path / "notes.shp"
    path.write_text("乡镇名称,人口\n城关镇,100\n", encoding="utf-8")
    _assert_layer_error(path, "not a shapefile")


def test_random_bytes_named_gpkg(tmp_path):
    path = tmp_path / "junk.gpkg"
    path.write_bytes(np.random.default_rng(1).bytes(4096))
    _assert_layer_error(path, "not a map layer")


def test_text_file_is_not_a_layer(tmp_path):
    path = tmp_path / "readme.txt"
    path.write_text("hello\n")
    with pytest.raises(LayerError) as info:
        read_layer_frame(path)
    assert "readme.txt" in str(info.value)


def test_truncated_shp(tmp_path):
    shp = _write_shp(_frame(), tmp_path / "cut.shp")
    data = shp.read_bytes()
    shp.write_bytes(data[: len(data) - 40])
    _assert_layer_error(shp, "truncated")


def test_missing_dbf(tmp_path):
    shp = _write_shp(_frame(), tmp_path / "nodbf.shp")
    _drop(shp, ".dbf")
    _assert_layer_error(shp, ".dbf")


def test_missing_shx_is_restored_without_touching_the_source(tmp_path):
    shp = _write_shp(_frame(), tmp_path / "noshx.shp")
    _drop(shp, ".shx")
    before = _snapshot(tmp_path)
    raw = read_layer_frame(shp)
    assert list(raw.frame["乡镇名称"]) == NAMES
    assert raw.crs.to_epsg() == 4490
    assert any(".shx" in w for w in raw.warnings)
    assert _snapshot(tmp_path) == before


def test_zero_features(tmp_path):
    empty = _frame().iloc[:0]
    shp = _write_shp(empty, tmp_path / "empty.shp")
    _assert_layer_error(shp, "no features")


def test_points_instead_of_polygons(tmp_path):
    frame = gpd.GeoDataFrame({"n": [1, 2]}, geometry=[Point(0, 0), Point(1, 1)], crs=4490)
    shp = _write_shp(frame, tmp_path / "pts.shp")
    _assert_layer_error(shp, "points", "not polygons")


def test_lines_instead_of_polygons_in_geojson(tmp_path):
    frame = gpd.GeoDataFrame({"n": [1]}, geometry=[LineString([(0, 0), (1, 1)])], crs=4326)
    path = tmp_path / "roads.geojson"
    frame.to_file(path, driver="GeoJSON", engine="pyogrio")
    _assert_layer_error(path, "lines", "not polygons")


def test_dbf_with_fewer_records_than_shapes(tmp_path):
    shp = _write_shp(_frame(), tmp_path / "short.shp")
    with shp.with_suffix(".dbf").open("r+b") as f:
        f.seek(4)
        f.write(struct.pack("<I", 2))
    _assert_layer_error(shp, "2 records", "3 shapes")


def test_all_geometries_null(tmp_path):
    frame = _frame()
    frame["geometry"] = None
    path = tmp_path / "nulls.gpkg"
    frame.set_geometry("geometry", crs=4490).to_file(path, layer="t", engine="pyogrio")
    _assert_layer_error(path, "no polygons")


# --- real layers ----------------------------------------------------------------------


def _real(relative: str) -> Path:
    path = REAL / relative
    if not path.exists():
        pytest.skip(f"real layer not present: {path}")
    return path


def test_real_yueqing_gbk():
    raw = read_layer_frame(_real("yueqing_gbk/乐清市街道.shp"))
    assert len(raw.frame) == 17
    assert {"省", "市", "县", "乡"} <= set(raw.frame.columns)
    names = list(raw.frame["乡"])
    assert all(n.endswith(("街道", "镇")) for n in names), names
    assert "芙蓉镇" in names
    assert set(raw.frame["县"]) == {"乐清市"}
    assert raw.encoding == "GBK"
    assert raw.crs.is_geographic and not raw.crs_assumed


def test_real_ny_gcs_unknown():
    raw = read_layer_frame(_real("ny_hamilton_fulton/hftown.shp"))
    assert len(raw.frame) == 21
    assert raw.crs.is_geographic
    assert raw.crs.ellipsoid is not None
    assert raw.crs.ellipsoid.semi_major_metre == pytest.approx(6378206.4)
    assert not raw.crs_assumed
    assert "035\\06882" in set(raw.frame["ID"])
    assert raw.frame["TOTAL_POP"].sum() > 0


def test_real_guigang_geojson():
    raw = read_layer_frame(_real("guigang/贵港乡镇.geojson"))
    assert len(raw.frame) == 58
    assert raw.driver == "GeoJSON"
    assert {"Name", "code"} <= set(raw.frame.columns)
    assert raw.crs.is_geographic


def test_unreadable_prj_is_said_so_and_crs_guessed(tmp_path):
    shp = _write_shp(_frame(), tmp_path / "badprj.shp")
    shp.with_suffix(".prj").write_text("this is not WKT")
    raw = read_layer_frame(shp)
    assert raw.crs_assumed is True
    assert raw.crs.to_epsg() == 4490
    assert any("badprj.shp" in w and ".prj is not" in w for w in raw.warnings)


def test_encoding_override_is_ignored_for_utf8_formats(tmp_path):
    gpkg = tmp_path / "t.gpkg"
    _frame().to_file(gpkg, layer="towns", engine="pyogrio")
    raw = read_layer_frame(gpkg, encoding="GBK")
    assert list(raw.frame["乡镇名称"]) == NAMES
    assert raw.encoding is None
    assert any("ignored" in w for w in raw.warnings)
