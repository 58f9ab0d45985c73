"""Field-role detection and the value parsers."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import pytest
from shapely.geometry import box

from editor.core.fields import FieldMapping
from editor.errors import LayerError
from editor.io.fields import (
    MappingGuess,
    detect_mapping,
    parse_flag,
    parse_number,
    parse_population,
)

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "real"


# --- parse_population -----------------------------------------------------------------


def test_parse_population_reads_statistics_table_spellings():
    values = [1200, "12,345", "12，345", " 2.3万 ", "1.2亿", "23000人", "１２３", "4.5e3", 7.0]
    expected = [1200, 12345, 12345, 23000, 1.2e8, 23000, 123, 4500, 7]
    np.testing.assert_allclose(parse_population(values), expected)


@pytest.mark.parametrize("blank", [None, "", " ", "-", "—", "——", "NA", "n/a", "nan", np.nan])
def test_parse_population_blanks_are_nan_never_zero(blank):
    out = parse_population(["100", blank])
    assert out[0] == 100
    assert np.isnan(out[1])


def test_parse_population_rejects_junk_and_sentinels():
    out = parse_population(["abc", "12,5", -9999, "-1", True, "3户"])
    assert np.isnan(out).all()


def test_parse_population_keeps_an_explicit_zero_and_returns_float64():
    out = parse_population(pd.Series(["0", 0, "5"], dtype=object))
    assert out.dtype == np.float64
    np.testing.assert_array_equal(out, [0.0, 0.0, 5.0])


def test_parse_population_numeric_column_with_missing():
    out = parse_population(pd.Series([1.0, None, 3.0]))
    assert out[0] == 1 and np.isnan(out[1]) and out[2] == 3


def test_parse_population_pandas_string_dtype():
    out = parse_population(pd.Series(["1,000", None, "2万"], dtype="string"))
    assert out[0] == 1000 and np.isnan(out[1]) and out[2] == 20000


# --- parse_number / parse_flag --------------------------------------------------------


def test_parse_number():
    out = parse_number(["1,234.5", "12.3 km2", "-3", "", "x", 2, "5平方公里"])
    np.testing.assert_allclose(out[[0, 1, 2, 5, 6]], [1234.5, 12.3, -3, 2, 5])
    assert np.isnan(out[[3, 4]]).all()


def test_parse_flag_marks():
    yes = [1, "1", True, "是", "Y", "yes", "√", "沿边", "历史文化名镇", "TRUE", 2.0]
    no = [0, "0", False, "否", "N", "no", "", None, np.nan, "非沿边", "不是", "abc"]
    assert parse_flag(yes).tolist() == [True] * len(yes)
    assert parse_flag(no).tolist() == [False] * len(no)


def test_parse_flag_numeric_and_bool_columns():
    assert parse_flag(pd.Series([1.0, 0.0, None])).tolist() == [True, False, False]
    assert parse_flag(pd.Series([True, False])).tolist() == [True, False]
    assert parse_flag(np.array([0, 3])).dtype == bool


# --- detect_mapping -------------------------------------------------------------------


def _county_frame(**extra) -> pd.DataFrame:
    n = 6
    data = {
        "行政区划代码": [f"3303821{i:02d}000" for i in range(n)],
        "乡镇名称": ["城关镇", "白石街道", "柳市镇", "北白象镇", "虹桥镇", "雁荡镇"],
        "户籍人口": ["12,345", "2.3万", "8800", "", "15000", "9,100"],
        "省": ["浙江省"] * n,
        "县": ["乐清市"] * n,
        "geom": [f"POLYGON(({i} 0, ...))" for i in range(n)],
    }
    data.update(extra)
    return pd.DataFrame(data)


def test_chinese_county_columns():
    guess = detect_mapping(_county_frame())
    assert isinstance(guess, MappingGuess)
    m = guess.mapping
    assert (m.id, m.name, m.population) == ("行政区划代码", "乡镇名称", "户籍人口")
    assert m.area is None and m.border is None and m.parent is None
    assert guess.unsure == []
    assert "population field: 户籍人口" in guess.notes


def test_two_population_columns_is_unsure():
    frame = _county_frame(常住人口=[1, 2, 3, 4, 5, 6])
    guess = detect_mapping(frame)
    assert guess.mapping.population == "户籍人口"
    assert "population" in guess.unsure
    assert any("常住人口" in note for note in guess.notes)


def test_missing_population_is_reported():
    frame = _county_frame().drop(columns=["户籍人口"])
    guess = detect_mapping(frame)
    assert guess.mapping.population is None
    assert "population" in guess.unsure
    assert "no population field found" in guess.notes


def test_geom_and_wkt_columns_are_never_roles():
    frame = pd.DataFrame(
        {"geom": ["a", "b", "c"], "wkt": ["x", "y", "z"], "NAME": ["甲", "乙", "丙"]}
    )
    m = detect_mapping(frame).mapping
    assert m.name == "NAME"
    assert "geom" not in m.to_dict().values() and "wkt" not in m.to_dict().values()


def test_arcgis_zero_id_is_not_an_id():
    frame = pd.DataFrame({"Id": [0, 0, 0, 0], "XZQMC": ["甲镇", "乙镇", "丙乡", "丁乡"]})
    guess = detect_mapping(frame)
    assert guess.mapping.id is None
    assert guess.mapping.name == "XZQMC"
    assert "id" in guess.unsure


def test_english_columns():
    frame = pd.DataFrame(
        {
            "GEOID": ["3603500001", "3603500002", "3603500003"],
            "NAMELSAD": ["Bleecker town", "Caroga town", "Ephratah town"],
            "POP2010": [573, 1407, 1000],
            "POP_DENS": [1.2, 3.4, 5.6],
        }
    )
    m = detect_mapping(frame).mapping
    assert (m.id, m.name, m.population) == ("GEOID", "NAMELSAD", "POP2010")


def test_population_density_is_not_population():
    frame = pd.DataFrame({"名称": ["甲", "乙"], "人口密度": [120.5, 300.2]})
    assert detect_mapping(frame).mapping.population is None


def test_partial_names_are_guessed():
    frame = pd.DataFrame(
        {
            "乡镇代码2020": ["1", "2", "3"],
            "乡镇名称_新": ["甲", "乙", "丙"],
            "2020年人口": [1, 2, 3],
        }
    )
    guess = detect_mapping(frame)
    assert guess.mapping.id == "乡镇代码2020"
    assert guess.mapping.name == "乡镇名称_新"
    assert guess.mapping.population == "2020年人口"


def test_population_in_wan_is_flagged():
    frame = (
        _county_frame()
        .drop(columns=["户籍人口"])
        .assign(**{"人口(万人)": [1.2, 2.3, 0.8, 1, 2, 3]})
    )
    guess = detect_mapping(frame)
    assert guess.mapping.population == "人口(万人)"
    assert "population" in guess.unsure


def test_flag_columns():
    frame = _county_frame(
        是否沿边=["是", "否", "", "否", "是", "否"],
        历史文化名镇=[0, 0, 1, 0, 0, 0],
        县城驻地=["√", "", "", "", "", ""],
        中心镇=["Y", "N", "N", "Y", "N", "N"],
        驻地=["城关村", "白石村", "柳市村", "北白象村", "虹桥村", "雁荡村"],
    )
    m = detect_mapping(frame).mapping
    assert m.border == "是否沿边"
    assert m.historic == "历史文化名镇"
    assert m.county_seat == "县城驻地"
    assert m.centre == "中心镇"


def test_seat_column_holding_place_names_is_not_a_flag():
    frame = _county_frame(驻地=["城关村", "白石村", "柳市村", "北白象村", "虹桥村", "雁荡村"])
    assert detect_mapping(frame).mapping.county_seat is None


def test_village_layer_maps_parent():
    frame = pd.DataFrame(
        {
            "村代码": [f"330382101{i:03d}" for i in range(4)],
            "村名称": ["东村", "西村", "南村", "北村"],
            "乡镇代码": ["330382101"] * 2 + ["330382102"] * 2,
            "乡镇名称": ["城关镇"] * 2 + ["柳市镇"] * 2,
            "人口": [100, 200, 300, 400],
        }
    )
    m = detect_mapping(frame).mapping
    assert (m.id, m.name, m.parent, m.population) == ("村代码", "村名称", "乡镇代码", "人口")


def test_parent_name_and_code_of_the_same_townships_are_not_a_doubt():
    frame = pd.DataFrame(
        {
            "村代码": [f"330382101{i:03d}" for i in range(4)],
            "村名称": ["东村", "西村", "南村", "北村"],
            "所属乡镇": ["城关镇"] * 2 + ["柳市镇"] * 2,
            "乡镇代码": ["330382101000"] * 2 + ["330382102000"] * 2,
            "人口": [100, 200, 300, 400],
        }
    )
    guess = detect_mapping(frame)
    assert guess.mapping.parent == "所属乡镇"
    assert "parent" not in guess.unsure
    # Columns that group the villages differently still leave the choice to the user.
    frame["乡镇代码"] = ["330382101000", "330382102000"] * 2
    guess = detect_mapping(frame)
    assert guess.mapping.parent == "所属乡镇"
    assert "parent" in guess.unsure


def test_overrides_win_and_empty_string_clears():
    frame = _county_frame(常住人口=[1, 2, 3, 4, 5, 6])
    guess = detect_mapping(frame, {"population": "常住人口", "id": "", "name": None})
    m = guess.mapping
    assert m.population == "常住人口"
    assert m.id is None
    assert m.name == "乡镇名称"  # None leaves the role to detection
    assert "population" not in guess.unsure and "id" not in guess.unsure


def test_override_column_is_not_reused_for_another_role():
    frame = _county_frame()
    m = detect_mapping(frame, {"name": "行政区划代码"}).mapping
    assert m.name == "行政区划代码"
    assert m.id != "行政区划代码"


def test_bad_override_is_a_layer_error():
    with pytest.raises(LayerError, match="no field named 'nope'"):
        detect_mapping(_county_frame(), {"name": "nope"})
    with pytest.raises(LayerError, match="unknown field role"):
        detect_mapping(_county_frame(), {"mayor": "乡镇名称"})


# --- area units -----------------------------------------------------------------------


def _geo_frame(area_values, column="面积") -> gpd.GeoDataFrame:
    # Three 0.1-degree squares near 28N: about 10.9 x 11.1 km = ~121 km² each.
    geoms = [box(120 + i * 0.1, 28.0, 120.1 + i * 0.1, 28.1) for i in range(3)]
    frame = gpd.GeoDataFrame(
        {"乡镇名称": ["甲镇", "乙镇", "丙镇"], column: area_values}, geometry=geoms, crs=4490
    )
    return frame


def _true_km2(frame: gpd.GeoDataFrame) -> np.ndarray:
    geod = pyproj.CRS(frame.crs).get_geod()
    return np.array([abs(geod.geometry_area_perimeter(g)[0]) / 1e6 for g in frame.geometry])


def test_area_named_in_km2_is_used():
    frame = pd.DataFrame({"名称": ["甲", "乙"], "面积(km2)": ["12.5", "30"]})
    guess = detect_mapping(frame)
    assert guess.mapping.area == "面积(km2)"


def test_plain_area_matching_polygons_is_used():
    frame = _geo_frame([0, 0, 0])
    frame["面积"] = np.round(_true_km2(frame), 2)
    assert detect_mapping(frame).mapping.area == "面积"


def test_plain_area_in_square_metres_is_not_used():
    frame = _geo_frame([0, 0, 0], column="MJ")
    frame["MJ"] = _true_km2(frame) * 1e6
    guess = detect_mapping(frame)
    assert guess.mapping.area is None
    assert any("m²" in note for note in guess.notes)


def test_plain_area_without_geometry_is_not_trusted():
    frame = pd.DataFrame({"名称": ["甲", "乙"], "面积": [12.5, 30.0]})
    guess = detect_mapping(frame)
    assert guess.mapping.area is None
    assert "area" in guess.unsure


def test_shape_area_is_not_an_area_field():
    frame = _geo_frame([0.01, 0.01, 0.01], column="Shape_Area")
    assert detect_mapping(frame).mapping.area is None


# --- real layers ----------------------------------------------------------------------


def _real_frame(relative: str) -> gpd.GeoDataFrame:
    from editor.io.reader import read_layer_frame

    path = REAL / relative
    if not path.exists():
        pytest.skip(f"real layer not present: {path}")
    return read_layer_frame(path).frame


def test_real_yueqing_maps_xiang_as_name():
    guess = detect_mapping(_real_frame("yueqing_gbk/乐清市街道.shp"))
    assert guess.mapping.name == "乡"
    assert guess.mapping.population is None
    assert "geom" not in guess.mapping.to_dict().values()
    assert "population" in guess.unsure


def test_real_ny_maps_total_pop():
    frame = _real_frame("ny_hamilton_fulton/hftown.shp")
    guess = detect_mapping(frame)
    assert guess.mapping.population == "TOTAL_POP"
    assert guess.mapping.name == "TOWN"
    assert guess.mapping.id == "ID"
    assert parse_population(frame["TOTAL_POP"]).min() > 0


def test_real_guigang_maps_name_and_code():
    frame = _real_frame("guigang/贵港乡镇.geojson")
    guess = detect_mapping(frame)
    assert (guess.mapping.id, guess.mapping.name) == ("code", "Name")
    assert len(frame) == 58
    assert isinstance(guess.mapping, FieldMapping)


def test_chinese_names_cut_to_dbf_width_are_recognised():
    # A GBK shapefile stores 行政区划代码 (12 bytes) as 行政区划代, 户籍人口数 stays whole.
    frame = pd.DataFrame(
        {"行政区划代": ["1", "2", "3"], "乡镇名称": ["甲", "乙", "丙"], "户籍人口数": [1, 2, 3]}
    )
    m = detect_mapping(frame).mapping
    assert (m.id, m.name, m.population) == ("行政区划代", "乡镇名称", "户籍人口数")


# --- known schemas (issue 11, item 9) ---------------------------------------------------
def _n03() -> pd.DataFrame:
    n = 6
    return pd.DataFrame(
        {
            "N03_001": ["北海道"] * n,
            "N03_002": ["石狩振興局"] * n,
            "N03_003": ["札幌市"] * 3 + [None] * 3,
            "N03_004": ["中央区", "北区", "東区", "夕張市", "岩見沢市", "美唄市"],
            "N03_005": [None] * n,
            "N03_007": ["01101", "01102", "01103", "01204", "01210", "01215"],
        }
    )


def _vg250() -> pd.DataFrame:
    n = 5
    return pd.DataFrame(
        {
            "ADE": [6] * n,
            "GF": [4] * n,
            "ARS": [f"0100100000{i:02d}" for i in range(n)],
            "AGS": [f"010010{i:02d}" for i in range(n)],
            "GEN": ["Flensburg", "Kiel", "Lübeck", "Neumünster", "Heide"],
            "BEZ": ["Kreisfreie Stadt"] * n,
            "SN_L": ["01"] * n,
            "EWZ": [89000, 246000, 216000, 79000, 21000],
            "DEBKG_ID": [f"DEBKGDL2000{i:04d}" for i in range(n)],
        }
    )


def _tiger() -> pd.DataFrame:
    names = ["Bleecker", "Broadalbin", "Johnstown", "Johnstown", "Gloversville"]
    kinds = ["town", "town", "city", "town", "city"]
    return pd.DataFrame(
        {
            "STATEFP": ["36"] * 5,
            "COUSUBFP": [f"{i:05d}" for i in range(5)],
            "GEOID": [f"3603500{i:03d}" for i in range(5)],
            "NAME": names,
            "NAMELSAD": [f"{a} {b}" for a, b in zip(names, kinds, strict=True)],
            "ALAND": [1e8] * 5,
            "POP20": [500, 5000, 8000, 7000, 15000],
        }
    )


def test_japanese_n03_code_and_name():
    guess = detect_mapping(_n03())
    assert (guess.mapping.id, guess.mapping.name) == ("N03_007", "N03_004")
    assert guess.unsure == ["population"]  # N03 has none: still asked
    assert any("(N03)" in n for n in guess.notes)


def test_german_vg250_code_name_population():
    guess = detect_mapping(_vg250())
    m = guess.mapping
    assert (m.id, m.name, m.population) == ("AGS", "GEN", "EWZ")
    assert guess.unsure == []
    assert any("VG250" in n for n in guess.notes)


def test_us_census_geoid_namelsad_when_names_repeat_and_pop():
    guess = detect_mapping(_tiger())
    m = guess.mapping
    # NAME repeats (Johnstown city, Johnstown town): NAMELSAD names each town once
    assert (m.id, m.name, m.population) == ("GEOID", "NAMELSAD", "POP20")
    assert guess.unsure == []
    assert any("TIGER" in n for n in guess.notes)
    unique = _tiger().drop(index=3)
    assert detect_mapping(unique).mapping.name == "NAME"


def test_schema_gives_way_to_the_users_choice():
    m = detect_mapping(_vg250(), {"id": "ARS", "population": ""}).mapping
    assert (m.id, m.name, m.population) == ("ARS", "GEN", None)


def test_export_schema_maps_cnty_seat_not_seat_id():
    frame = pd.DataFrame(
        {
            "unit_id": [0, 1],
            "name": ["甲镇", "乙镇"],
            "seat_id": ["001", "003"],
            "seat": ["甲", "丙"],
            "member_ids": ["001,002", "003"],
            "population": [np.nan, 1200.0],
            "pop_miss": [2, 0],
            "area_km2": [10.5, 3.0],
            "border": [1, 0],
            "historic": [0, 0],
            "cnty_seat": [0, 1],
        }
    )
    m = detect_mapping(frame).mapping
    assert (m.id, m.population, m.county_seat, m.centre) == (
        "unit_id",
        "population",
        "cnty_seat",
        None,
    )
