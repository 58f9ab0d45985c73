"""The sample county's village layer: an exact split of the towns and a village merger."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from editor.cli.common import load_plan
from editor.core.project import Project
from editor.core.rules import RuleChecker
from editor.io.load import LoadOptions, open_layer

SAMPLE = Path(__file__).resolve().parents[2] / "sample_shapes"
COUNTY = SAMPLE / "sample_county.shp"
VILLAGES = SAMPLE / "sample_villages.shp"
PLAN = SAMPLE / "sample_village_plan.csv"
VIOLATIONS = SAMPLE / "sample_village_plan_violations.csv"


@pytest.fixture(scope="module")
def towns() -> gpd.GeoDataFrame:
    return gpd.read_file(COUNTY, engine="pyogrio")


@pytest.fixture(scope="module")
def villages() -> gpd.GeoDataFrame:
    return gpd.read_file(VILLAGES, engine="pyogrio")


@pytest.fixture(scope="module")
def layer():
    return open_layer(VILLAGES, LoadOptions())


def test_fields_codes_and_names(villages, towns):
    assert list(villages.columns) == [
        "村代码",
        "村名称",
        "人口",
        "所属乡镇",
        "乡镇代码",
        "geometry",
    ]
    assert (SAMPLE / "sample_villages.cpg").read_text().strip() == "GBK"
    assert villages.crs.to_epsg() == 4490
    assert villages["村代码"].is_unique and villages["村代码"].str.fullmatch(r"\d{12}").all()
    assert (villages["村代码"].str[:9] == villages["乡镇代码"].str[:9]).all()
    by_code = dict(zip(towns["乡镇代码"], towns["乡镇名称"], strict=True))
    assert (villages["所属乡镇"] == villages["乡镇代码"].map(by_code)).all()
    street = villages["所属乡镇"].str.endswith("街道")
    assert villages.loc[street, "村名称"].str.endswith("社区").all()
    assert villages.loc[~street, "村名称"].str.endswith("村").all()
    # Names are unique within each town (and across the county, so plan names are too).
    assert villages["村名称"].is_unique


def test_villages_tile_each_town_exactly(villages, towns):
    geoms = villages.geometry.values
    assert shapely.is_valid(geoms).all() and (villages.geom_type == "Polygon").all()
    assert shapely.coverage_is_valid(geoms)
    counts = villages.groupby("乡镇代码").size()
    people = villages.groupby("乡镇代码")["人口"].sum()
    for code, town, n, population in zip(
        towns["乡镇代码"], towns.geometry, towns["村委会数"], towns["户籍人口"], strict=True
    ):
        mine = villages.geometry[villages["乡镇代码"] == code].values
        union = shapely.coverage_union_all(mine)
        assert shapely.hausdorff_distance(union, town) < 1e-9, code
        assert counts[code] == n, code
        assert people[code] == population, code
    assert (villages["人口"] > 0).all()


def test_parent_detected_when_opened(layer, villages):
    assert layer.mapping.parent == "所属乡镇"
    assert layer.mapping.id == "村代码" and layer.mapping.name == "村名称"
    assert layer.mapping.population == "人口"
    assert list(layer.parent) == list(villages["所属乡镇"])


def test_clean_plan_merges_neighbours_within_towns(layer):
    table = pd.read_csv(PLAN, dtype=str, encoding="utf-8-sig")
    assert PLAN.read_bytes().startswith(b"\xef\xbb\xbf")
    assert list(table.columns) == ["村代码", "合并后村"]
    plan, unmatched = load_plan(layer, PLAN)
    assert not unmatched
    sizes = [len(u.members) for u in plan.units.values()]
    assert max(sizes) == 3 and sizes.count(2) > 0 and sizes.count(3) > 0
    assert 0.55 <= len(plan.units) / layer.n <= 0.65  # about 40% fewer villages
    for uid, unit in plan.units.items():
        stats = plan.stats(uid)
        assert stats.contiguous, unit.name
        members = plan.members(uid)
        # named after its most populous village
        assert unit.name == layer.names[members[layer.population[members].argmax()]]
    assert RuleChecker(plan).violations() == []


def run_check(plan: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "editor", "check", str(VILLAGES), "--plan", str(plan), "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def test_check_exits_zero_on_the_clean_plan():
    result = run_check(PLAN)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_names_only_the_crossing_unit_in_the_violations_plan():
    result = run_check(VIOLATIONS)
    assert result.returncode == 1, result.stdout + result.stderr
    data = json.loads(result.stdout)
    assert [v["rule"] for v in data["violations"]] == ["village_parent"]
    assert data["rule_problems"] == []
    # The two plans differ in exactly one village, which joined a unit of another town.
    clean = pd.read_csv(PLAN, dtype=str, encoding="utf-8-sig")
    broken = pd.read_csv(VIOLATIONS, dtype=str, encoding="utf-8-sig")
    moved = clean["合并后村"] != broken["合并后村"]
    assert moved.sum() == 1


def test_gui_lists_the_crossing_unit(qtbot, layer):
    from editor.gui.main_window import MainWindow

    clean, _ = load_plan(layer, PLAN)
    window = MainWindow(Project(layer, clean))
    qtbot.addWidget(window)
    warnings = window.docks.warnings.list
    assert warnings.violations_shown() == []
    plan, _ = load_plan(layer, VIOLATIONS)
    window.set_project(Project(layer, plan))
    shown = warnings.violations_shown()
    assert [v.rule for v in shown] == ["village_parent"]
    unit = plan.units[shown[0].unit]
    assert len({layer.parent[t] for t in unit.members}) == 2
    window.close()
