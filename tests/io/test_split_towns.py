"""Towns split over several features without an id field, and names that repeat
(issue 11, item 1). The truth comes from the generators in tests/quirks.py."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pytest
import shapely

from editor.core.plan import Plan
from editor.io.load import LoadOptions, open_layer
from tests.quirks import CRS, duplicate_names, split_towns, write
from tests.support import run


def _keys(layer) -> list[str]:
    return [getattr(w, "key", "") for w in layer.report.warnings]


def test_a_town_split_over_features_is_counted_once(tmp_path):
    quirk = split_towns()
    layer = open_layer(write(quirk, tmp_path / "街道.shp"))
    truth = quirk.truth
    assert layer.n == truth["towns"]
    assert layer.total_population == truth["population"]  # was +100 %: once per feature
    for i, name in enumerate(layer.names.tolist()):
        assert layer.population[i] == truth["town_population"][name]
        assert layer.area_km2[i] == pytest.approx(truth["area_km2"][name], rel=1e-6)
    assert sorted(layer.names.tolist()) == sorted(truth["town_population"])
    assert "load.split_towns_joined" in _keys(layer)
    (joined,) = [w for w in layer.report.warnings if w.key == "load.split_towns_joined"]
    assert "11 features, 6 towns" in joined
    # ids stay in feature order: each town's id is its first feature's
    assert layer.ids.tolist() == ["F00001", "F00002", "F00003", "F00005", "F00006", "F00011"]
    plan = Plan(layer)
    assert plan.summary().before.population == truth["population"]


def test_the_open_option_keeps_the_parts_apart(tmp_path):
    quirk = split_towns()
    path = write(quirk, tmp_path / "街道.shp")
    layer = open_layer(path, LoadOptions(group_split_towns=False))
    assert layer.n == quirk.truth["features"]
    assert "load.split_towns_apart" in _keys(layer)
    assert "load.names_repeat" in _keys(layer)
    options = LoadOptions.from_dict(LoadOptions(group_split_towns=False).to_dict())
    assert options.group_split_towns is False
    assert LoadOptions.from_dict({}).group_split_towns is True


def test_same_name_with_different_figures_are_distinct_towns_with_a_warning(tmp_path):
    quirk = duplicate_names()
    layer = open_layer(write(quirk, tmp_path / "乡.shp"))
    assert layer.n == quirk.truth["towns"]
    assert layer.total_population == quirk.truth["population"]
    (warning,) = [w for w in layer.report.warnings if w.key == "load.names_repeat"]
    assert "龙溪乡 ×2" in warning
    assert "load.split_towns_joined" not in _keys(layer)


def test_without_population_the_other_columns_decide(tmp_path):
    boxes = [shapely.box(110 + 0.05 * i, 30, 110.05 + 0.05 * i, 30.05) for i in range(4)]
    frame = gpd.GeoDataFrame(
        {"名称": ["东镇", "西镇", "东镇", "西镇"], "县": ["甲县", "甲县", "甲县", "乙县"]},
        geometry=boxes,
        crs=CRS,
    )
    layer = open_layer(write_frame(frame, tmp_path / "no_pop.gpkg"))
    # 东镇's two parts agree on every other column: one town; 西镇's do not: two
    assert sorted(layer.names.tolist()) == ["东镇", "西镇", "西镇"]
    east = int(np.flatnonzero(layer.names == "东镇")[0])
    assert shapely.area(layer.geometry[east]) == pytest.approx(2 * shapely.area(boxes[0]))


def write_frame(frame, path):
    frame.to_file(path)
    return path


def test_a_layer_with_ids_is_not_grouped_by_name(tmp_path):
    quirk = split_towns()
    frame = quirk.frame.copy()
    frame.insert(0, "code", [f"C{i:03d}" for i in range(len(frame))])
    layer = open_layer(write_frame(frame, tmp_path / "ids.gpkg"))
    assert layer.n == quirk.truth["features"]  # the ids say they are distinct towns


def test_info_counts_the_split_towns_once(tmp_path):
    quirk = split_towns()
    path = write(quirk, tmp_path / "街道.shp")
    info = json.loads(run("info", path, "--json").stdout)
    assert info["count"] == quirk.truth["towns"]
    assert info["total_population"] == quirk.truth["population"]
    assert any("were joined, each counted once" in w for w in info["warnings"])
