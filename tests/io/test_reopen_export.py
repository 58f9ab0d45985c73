"""Reopening the editor's own export maps it back exactly (issue 11, item 8).

The truth is the plan that was exported: its unit count, population, missing towns,
flags and areas, the geodesic area of the written polygons computed with pyproj.Geod.
"""

from __future__ import annotations

import numpy as np
import pyogrio
import pyproj
import pytest

from editor.core.plan import Plan
from editor.core.session import plan_from_assignment
from editor.io.export import export_units
from editor.io.load import open_layer
from editor.io.plantable import read_assignment_table
from tests.support import SAMPLE, SAMPLE_PLAN


@pytest.fixture(scope="module")
def plan() -> Plan:
    layer = open_layer(SAMPLE)
    plan, unmatched = plan_from_assignment(layer, read_assignment_table(SAMPLE_PLAN))
    assert not unmatched
    return plan


def _geodesic_total_km2(path) -> float:
    frame = pyogrio.read_dataframe(path)
    crs = pyproj.CRS(frame.crs)
    geod = crs.get_geod()
    lonlat = frame.to_crs(crs.geodetic_crs)
    return sum(abs(geod.geometry_area_perimeter(g)[0]) for g in lonlat.geometry) / 1e6


@pytest.mark.parametrize("ext", [".shp", ".gpkg", ".geojson"])
def test_reopened_export_has_the_plans_units_and_totals(tmp_path, plan, ext):
    out = tmp_path / f"units{ext}"
    export_units(plan, out, carry=["户籍人口", "村委会数"])
    units = open_layer(out)
    m = units.mapping
    assert (m.id, m.name, m.population, m.area) == ("unit_id", "name", "population", "area_km2")
    assert (m.border, m.historic, m.county_seat, m.centre) == (
        "border",
        "historic",
        "cnty_seat",
        None,
    )
    assert units.n == len(plan)
    summary = plan.summary()
    assert units.total_population == pytest.approx(plan.layer.total_population)
    assert units.total_area_km2 == pytest.approx(summary.after.units * summary.after.mean_area_km2)
    assert units.total_area_km2 == pytest.approx(_geodesic_total_km2(out), rel=1e-4)
    assert int(units.county_seat.sum()) == sum(plan.stats(u).county_seat for u in plan.units)
    assert int(units.border.sum()) == sum(plan.stats(u).border_towns > 0 for u in plan.units)
    assert sorted(units.names) == sorted(u.name for u in plan.units.values())
    assert any("export of merged units" in n for n in units.report.notes)


def test_shapefile_field_map_restores_long_names(tmp_path, plan):
    out = tmp_path / "units.shp"
    result = export_units(plan, out, carry=["户籍人口", "村委会数"])
    assert result.field_map["fld_1"] == "户籍人口"
    units = open_layer(out)
    assert "户籍人口" in units.attributes.columns and "fld_1" not in units.attributes.columns
    assert units.attributes["户籍人口"].sum() == pytest.approx(plan.layer.total_population)
    assert any("units.fieldmap.csv" in n for n in units.report.warnings + units.report.notes)


def test_export_without_population_is_missing_not_pop_miss(tmp_path, plan):
    layer = plan.layer
    blank = type(layer)(
        ids=layer.ids,
        names=layer.names,
        population=np.full(layer.n, np.nan),
        geometry=layer.geometry,
        crs=layer.crs,
    )
    bare = Plan(blank)
    out = tmp_path / "bare.shp"
    export_units(bare, out)
    units = open_layer(out)
    assert units.mapping.population is None  # the export wrote NULL, not a count
    assert np.isnan(units.population).all()
    assert units.n == layer.n
