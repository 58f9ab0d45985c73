"""Comparing two plans (issue 13): the sample county's 方案一 and 方案二, and small grids.

The truth is computed apart from the editor: the plan tables read with ``csv``, the
towns' figures from the DBF with geopandas, areas with ``pyproj.Geod`` on the file's
lon/lat polygons.
"""

from __future__ import annotations

import csv

import geopandas as gpd
import numpy as np
import pyproj
import pytest

from editor.core.compare import compare_plans
from editor.core.session import plan_from_assignment
from editor.io.rules_file import load_rules
from tests.support import SAMPLE, SAMPLE_PLAN, grid_layer

PLAN_B = SAMPLE.with_name("sample_plan_b.csv")
RULES = SAMPLE.with_name("sample_rules.toml")


def read_plan(path) -> dict[str, str]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    return dict(rows[1:])


@pytest.fixture(scope="module")
def sample():
    from editor.cli.common import load_plan
    from editor.io.load import open_layer

    layer = open_layer(SAMPLE)
    a, _ = load_plan(layer, SAMPLE_PLAN)
    b, _ = load_plan(layer, PLAN_B)
    return a, b


@pytest.fixture(scope="module")
def truth():
    frame = gpd.read_file(SAMPLE, encoding="gbk")
    geod = pyproj.Geod(ellps="GRS80")
    frame["km2"] = [abs(geod.geometry_area_perimeter(g)[0]) / 1e6 for g in frame.geometry]
    return frame.set_index("乡镇代码")


def test_sample_plan_b_is_plan_a_with_qingshui_merged_into_minle_unit(truth):
    a, b = read_plan(SAMPLE_PLAN), read_plan(PLAN_B)
    names = dict(zip(truth["乡镇名称"], truth.index, strict=True))
    qingshui, minle = a[names["清水镇"]], a[names["民乐镇"]]
    assert (qingshui, minle) == ("清水镇", "凤岗镇")
    assert b == {k: (minle if v == qingshui else v) for k, v in a.items()}
    assert len(set(b.values())) == len(set(a.values())) - 1


def test_changed_towns_are_those_of_qingshui_unit(sample, truth):
    a_table = read_plan(SAMPLE_PLAN)
    moved = sorted(k for k, v in a_table.items() if v == "清水镇")
    comparison = compare_plans(*sample)
    assert [c.town_id for c in comparison.changes] == moved
    assert {(c.unit_a, c.unit_b) for c in comparison.changes} == {("清水镇", "凤岗镇")}
    people = truth.loc[moved, "户籍人口"]
    assert comparison.moved_population == float(people.sum()) == 88494.0
    assert [c.population for c in comparison.changes] == [float(p) for p in people]
    assert comparison.moved_area_km2 == pytest.approx(truth.loc[moved, "km2"].sum(), rel=1e-6)
    assert comparison.changes[0].town_name == truth.loc[moved[0], "乡镇名称"]


def test_correspondence_of_the_merged_unit_and_the_identical_ones(sample, truth):
    a_table = read_plan(SAMPLE_PLAN)
    plan_a, plan_b = sample
    comparison = compare_plans(plan_a, plan_b)
    pop = truth["户籍人口"].astype(float)
    unit_pop = {u: pop[[k for k, v in a_table.items() if v == u]].sum() for u in a_table.values()}
    merged = next(c for c in comparison.correspondence if c.name_b == "凤岗镇")
    assert [s.name_a for s in merged.sources] == ["凤岗镇", "清水镇"]  # 100,264 > 88,494
    total = unit_pop["凤岗镇"] + unit_pop["清水镇"]
    assert merged.main.share == pytest.approx(unit_pop["凤岗镇"] / total)
    assert merged.sources[1].share == pytest.approx(unit_pop["清水镇"] / total)
    assert [s.share_of_a for s in merged.sources] == [1.0, 1.0]
    assert [s.towns for s in merged.sources] == [6, 6]
    assert not merged.identical and merged.by == "population"
    assert merged.text() == "凤岗镇 (B) ← 凤岗镇 53% + 清水镇 47% (A)"
    # every other unit of B has the same towns as one of A
    others = [c for c in comparison.correspondence if c is not merged]
    assert len(others) == 15 and all(c.identical and c.main.share == 1.0 for c in others)
    assert all(c.name_b == c.main.name_a for c in others)
    assert len(comparison.identical) == 15
    assert [c.uid_b for c in comparison.correspondence] == plan_b.unit_ids()


def test_figures_side_by_side(sample, truth):
    comparison = compare_plans(*sample)
    total_pop = float(truth["户籍人口"].sum())
    total_area = truth["km2"].sum()
    units = comparison.figure("units")
    assert (units.a, units.b, units.delta) == (17, 16, -1)
    mean = comparison.figure("mean_population")
    assert mean.a == pytest.approx(total_pop / 17)
    assert mean.b == pytest.approx(total_pop / 16)
    assert mean.delta == pytest.approx(total_pop / 16 - total_pop / 17)
    area = comparison.figure("mean_area_km2")
    assert area.a == pytest.approx(total_area / 17, rel=1e-6)
    assert area.delta == pytest.approx(total_area / 16 - total_area / 17, rel=1e-6)
    assert not comparison.rules_checked and "only_in_a" not in comparison.to_dict()


def test_violations_only_in_plan_b(sample):
    comparison = compare_plans(*sample, rules=load_rules(RULES))
    # sample_plan.csv keeps every rule; the merged unit has 12 towns, the maximum is 6
    assert comparison.violations_by_rule == {"max_towns": (0, 1)}
    assert comparison.only_in_a == []
    (v,) = comparison.only_in_b
    plan_b = sample[1]
    assert v.rule == "max_towns" and plan_b.units[v.unit].name == "凤岗镇"
    data = comparison.to_dict()
    assert data["violations_by_rule"] == {"max_towns": {"a": 0, "b": 1, "delta": 1}}
    assert data["only_in_b"][0]["unit"] == "凤岗镇"


def test_a_plan_against_itself_changes_nothing(sample):
    plan_a, _ = sample
    comparison = compare_plans(plan_a, plan_a.copy(), rules=load_rules(RULES))
    assert comparison.changes == [] and comparison.moved_population == 0.0
    assert len(comparison.identical) == len(plan_a)
    assert all(f.delta == 0 for f in comparison.figures)
    assert comparison.only_in_a == comparison.only_in_b == []


def grid_plan(layer, units: dict[str, list[int]]):
    rows = [(f"T{t}", name) for name, towns in units.items() for t in towns]
    plan, unmatched = plan_from_assignment(layer, rows)
    assert unmatched == []
    return plan


def test_a_split_moves_the_smaller_part_and_a_rename_moves_nothing():
    # 3 x 3 grid, populations 1000, 2000, ... 9000 (town k has (k + 1) * 1000)
    layer = grid_layer()
    a = grid_plan(layer, {"甲": [0, 1, 2], "乙": [3, 4, 5], "丙": [6, 7, 8]})
    b = grid_plan(layer, {"甲一": [0, 1], "甲二": [2], "丁": [3, 4, 5], "丙": [6, 7, 8]})
    comparison = compare_plans(a, b)
    # 甲 (6,000) splits into 甲一 (1,000 + 2,000) and 甲二 (3,000): the tie goes to the
    # part with more area, so town 2 moved; 乙 is only renamed 丁
    assert [(c.town, c.unit_a, c.unit_b) for c in comparison.changes] == [(2, "甲", "甲二")]
    assert comparison.moved_population == 3000.0
    by_b = {c.name_b: c for c in comparison.correspondence}
    assert by_b["甲一"].main.name_a == "甲" and by_b["甲一"].main.share_of_a == 0.5
    assert by_b["丁"].identical and by_b["丁"].main.name_a == "乙"
    assert comparison.figure("units").delta == 1


def test_shares_by_area_where_population_is_missing():
    layer = grid_layer(population=np.full(9, np.nan))
    a = grid_plan(layer, {"甲": [0, 1], "乙": [2, 5]})
    b = grid_plan(layer, {"甲": [0, 1, 2]})
    comparison = compare_plans(a, b)
    merged = next(c for c in comparison.correspondence if c.name_b == "甲")
    assert merged.by == "area"
    area = layer.area_km2
    assert merged.main.name_a == "甲"
    assert merged.main.share == pytest.approx((area[0] + area[1]) / area[[0, 1, 2]].sum())
    # 乙 (towns 2 and 5) continues as town 5 alone: town 2 moved into 甲
    assert [(c.town, c.unit_a, c.unit_b) for c in comparison.changes] == [(2, "乙", "甲")]
    assert comparison.changes[0].population is None
    assert comparison.figure("mean_population").a is None
    assert comparison.figure("mean_population").delta is None


def test_plans_of_two_layers_are_refused():
    a = grid_plan(grid_layer(), {})
    b = grid_plan(grid_layer(), {})
    with pytest.raises(ValueError, match="same town layer"):
        compare_plans(a, b)
