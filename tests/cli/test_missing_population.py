"""A unit whose towns all lack a population is missing, never 0 (issue 11, item 7)."""

from __future__ import annotations

import json

import numpy as np

from editor.cli.stats import plan_stats
from editor.core.commands import NewUnit
from editor.core.plan import Plan
from editor.io.tables import unit_rows
from tests.support import grid_layer, run


def _plan() -> Plan:
    pop = np.array([np.nan, np.nan, 3000.0, np.nan, 5000.0, 6000.0, 7000.0, 8000.0, 9000.0])
    plan = Plan(grid_layer(population=pop))
    NewUnit([0, 1]).redo(plan)  # no member has a population
    NewUnit([2, 3]).redo(plan)  # one member has
    return plan


def test_stats_gives_null_for_a_unit_without_any_population():
    plan = _plan()
    units = {u["name"]: u for u in plan_stats(plan)["units"]}
    blank = units[plan.units[int(plan.unit_of[0])].name]
    assert blank["population"] is None and blank["missing_population"] == 2
    part = units[plan.units[int(plan.unit_of[2])].name]
    assert part["population"] == 3000 and part["missing_population"] == 1
    assert plan.stats(int(plan.unit_of[0])).known_population is None
    # the units table agrees (null, not 0)
    _, rows = unit_rows(plan, "en")
    by_id = {row[0]: row for row in rows}
    assert by_id[int(plan.unit_of[0])][7] is None


def test_stats_text_shows_a_dash_not_0(tmp_path):
    import geopandas as gpd
    import shapely

    frame = gpd.GeoDataFrame(
        {
            "code": ["A", "B", "C"],
            "name": ["甲乡", "乙乡", "丙乡"],
            "pop": [None, None, 4000.0],
        },
        geometry=[shapely.box(100 + 0.1 * i, 24, 100.1 + 0.1 * i, 24.1) for i in range(3)],
        crs=4490,
    )
    layer = tmp_path / "towns.gpkg"
    frame.to_file(layer)
    plan = tmp_path / "plan.csv"
    plan.write_text("town,unit\nA,甲乙乡\nB,甲乙乡\nC,丙乡\n", encoding="utf-8")
    done = run("stats", layer, "--plan", plan, "--json")
    assert done.returncode == 0, done.stderr
    units = {u["name"]: u for u in json.loads(done.stdout)["units"]}
    assert units["甲乙乡"]["population"] is None
    text = run("stats", layer, "--plan", plan).stdout
    (line,) = [ln for ln in text.splitlines() if ln.startswith("甲乙乡")]
    assert "—" in line and " 0 " not in line


def test_a_layer_without_any_population_says_so_not_0(tmp_path):
    """``info`` and the layout's county total give "—" when no town has a figure."""
    from editor.layout.pages.tables import _unit_total_row, figures_for
    from editor.layout.settings import LayoutSettings

    plan = Plan(grid_layer(population=np.full(9, np.nan)))
    NewUnit([0, 1]).redo(plan)
    settings = LayoutSettings()
    uids = plan.unit_ids()
    row = _unit_total_row(plan, figures_for(plan, settings, uids), settings, uids, False)
    assert row[4] == "—", row

    import geopandas as gpd
    import shapely

    frame = gpd.GeoDataFrame(
        {"code": ["A", "B"], "name": ["甲乡", "乙乡"]},
        geometry=[shapely.box(100 + 0.1 * i, 24, 100.1 + 0.1 * i, 24.1) for i in range(2)],
        crs=4490,
    )
    layer = tmp_path / "towns.gpkg"
    frame.to_file(layer)
    text = run("info", layer).stdout
    (line,) = [ln for ln in text.splitlines() if ln.startswith("population:")]
    assert "—" in line and " 0 " not in line and "0 total" not in line, line
