"""Facility points counted per unit, and carried numeric fields summed per unit."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import pytest
import shapely

from editor.core.commands import AssignTowns
from editor.core.facilities import CarriedFields, FacilityLayer, merge_facilities
from editor.core.history import History
from editor.core.plan import Plan
from editor.errors import LayerError
from editor.io.facilities import load_facilities
from tests.support import grid_layer

# 2 x 2 grid of 0.1° boxes from lon 100, lat 24:  towns 2 3 / 0 1
LONLAT = [
    (100.03, 24.02, "学校", "一小"),  # town 0
    (100.07, 24.08, "卫生院", "中心卫生院"),  # town 0
    (100.15, 24.15, "学校", "三小"),  # town 3
    (100.12, 24.05, "学校", "二小"),  # town 1
    (101.00, 25.00, "学校", "外县学校"),  # outside every town
]


def to_metric(layer, lonlat):
    tr = pyproj.Transformer.from_crs(layer.crs, layer.metric_crs, always_xy=True)
    x, y = tr.transform([p[0] for p in lonlat], [p[1] for p in lonlat])
    return shapely.points(np.column_stack([x, y]))


def test_points_are_counted_per_unit_by_category():
    layer = grid_layer(2, 2)
    fac = FacilityLayer.from_points(
        layer,
        to_metric(layer, LONLAT),
        categories=[p[2] for p in LONLAT],
        names=[p[3] for p in LONLAT],
    )
    assert fac.town_of.tolist() == [0, 0, 3, 1, -1]
    assert fac.outside == 1 and "outside" in fac.notes[0]
    plan = Plan(layer)
    assert fac.unit_counts(plan, 0) == {"卫生院": 1, "学校": 1}
    assert fac.unit_counts(plan, 2) == {}
    History(plan).push(AssignTowns([1, 3], 0))
    assert fac.unit_counts(plan, 0) == {"卫生院": 1, "学校": 3}
    assert sorted(fac.names[fac.items(plan, 0)]) == sorted(["一小", "中心卫生院", "三小", "二小"])
    assert fac.all_unit_counts(plan) == {0: {"学校": 3, "卫生院": 1}}


def test_point_on_a_shared_edge_is_counted_once():
    layer = grid_layer(2, 1)
    fac = FacilityLayer.from_points(layer, to_metric(layer, [(100.1, 24.05)]))
    assert len(fac) == 1 and fac.town_of[0] in (0, 1)
    plan = Plan(layer)
    History(plan).push(AssignTowns([1], 0))
    assert fac.unit_counts(plan, 0) == {"facility": 1}


def test_load_facilities_from_another_crs(tmp_path):
    layer = grid_layer(2, 2)
    frame = gpd.GeoDataFrame(
        {"类别": [p[2] for p in LONLAT], "名称": [p[3] for p in LONLAT]},
        geometry=gpd.points_from_xy([p[0] for p in LONLAT], [p[1] for p in LONLAT]),
        crs=4490,
    ).to_crs(4526)  # CGCS2000 3-degree Gauss-Kruger zone 34: metres
    path = tmp_path / "设施.gpkg"
    frame.to_file(path, engine="pyogrio")
    fac = load_facilities(path, layer, category_field="类别", name_field="名称")
    assert fac.town_of.tolist() == [0, 0, 3, 1, -1]
    by_layer_name = load_facilities(path, layer)
    assert set(by_layer_name.categories) == {"设施"}
    with pytest.raises(LayerError, match="类型"):
        load_facilities(path, layer, category_field="类型")


def test_merge_facility_layers_keeps_categories():
    layer = grid_layer(2, 2)
    a = FacilityLayer.from_points(layer, to_metric(layer, LONLAT[:2]), label="学校")
    b = FacilityLayer.from_points(layer, to_metric(layer, LONLAT[2:4]), label="卫生院")
    both = merge_facilities([a, b])
    plan = Plan(layer)
    History(plan).push(AssignTowns([1, 2, 3], 0))
    assert both.unit_counts(plan, 0) == {"学校": 2, "卫生院": 2}
    assert merge_facilities([]) is None


def test_carried_fields_are_summed_per_unit():
    attrs = pd.DataFrame(
        {"资产": ["1,200", "800.5", "", "1000"], "负债": [10, 20, 30, 40], "名称": list("ABCD")}
    )
    layer = grid_layer(2, 2, attributes=attrs)
    carried = CarriedFields(layer, ["资产", "负债"])
    assert carried.missing("资产") == 1
    plan = Plan(layer)
    History(plan).push(AssignTowns([1, 2], 0))
    assert carried.unit_sums(plan, 0) == {"资产": pytest.approx(2000.5), "负债": 60}
    sums = carried.all_unit_sums(plan)
    assert sums[0] == carried.unit_sums(plan, 0) and sums[3] == {"资产": 1000, "负债": 40}


def test_carried_field_missing_names_it():
    layer = grid_layer(2, 1)
    with pytest.raises(LayerError, match="GDP"):
        CarriedFields(layer, ["GDP"])
