"""The batch figures of exports and layouts equal the per-unit ones of the panel and stats."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from editor.core.facilities import CarriedFields, FacilityLayer
from editor.core.plan import Plan
from editor.core.quota import QuotaCalculator
from editor.core.ruleset import default_rules
from editor.core.seats import unit_seat_figures
from editor.core.unit_figures import resolve_sources, unit_figures
from editor.errors import LayerError
from editor.io.rules_file import load_rules
from tests.support import SAMPLE, SAMPLE_PLAN, grid_layer

RULES = SAMPLE.with_name("sample_rules.toml")


@pytest.fixture(scope="module")
def sample():
    from editor.cli.common import load_plan
    from editor.io.load import open_layer

    layer = open_layer(SAMPLE)
    plan, _ = load_plan(layer, SAMPLE_PLAN)
    return plan


def sample_facilities(layer, per_town=(1, 0, 2)) -> FacilityLayer:
    """Points at the towns' surface points: town t holds ``per_town[t % 3]`` of each kind."""
    pts, cats = [], []
    surface = shapely.point_on_surface(layer.geometry_m)
    for t in range(layer.n):
        for cat, k in zip(("卫生院", "学校"), (per_town[t % 3], t % 2), strict=True):
            pts += [surface[t]] * k
            cats += [cat] * k
    return FacilityLayer.from_points(layer, np.array(pts, dtype=object), cats)


def test_batch_equals_per_unit_figures(sample):
    rules = load_rules(RULES)
    fac = sample_facilities(sample.layer)
    fig = unit_figures(sample, rules, [fac], ["户籍人口", "村委会数"])
    quota = QuotaCalculator(sample.layer, rules.quota)
    carried = CarriedFields(sample.layer, ["户籍人口", "村委会数"])
    assert fig.uids == sample.unit_ids()
    assert fig.categories == ["卫生院", "学校"]
    for uid in fig.uids:
        k = fig.position(uid)
        seat = unit_seat_figures(sample, uid)
        assert fig.seat[k] == seat.seat == sample.seat_of(uid)
        assert fig.service_radius_km[k] == pytest.approx(seat.service_radius_km, rel=1e-12)
        assert fig.mean_distance_km[k] == pytest.approx(seat.mean_distance_km, rel=1e-12)
        assert fig.quota[k] == quota.unit(sample, uid).total
        assert fig.quota_old[k] == quota.old_total_of(sample, uid)
        assert fig.facilities_of(uid) == {"卫生院": 0, "学校": 0} | fac.unit_counts(sample, uid)
        assert fig.carried_of(uid) == pytest.approx(carried.unit_sums(sample, uid))
    assert fig.quota_totals() == quota.totals(sample)
    assert fig.facility_counts.sum() == len(fac)


def test_rule_set_carried_fields_apply_when_carry_is_empty(sample):
    rules = default_rules()
    rules.data.carried_fields = ["村委会数"]
    assert unit_figures(sample, rules).carried_columns == ["村委会数"]
    # an explicit list replaces the rule set's, as `stats --carry` does
    assert unit_figures(sample, rules, carry=["户籍人口"]).carried_columns == ["户籍人口"]
    # no rule set: the default one, which carries nothing
    assert unit_figures(sample).carried_columns == []


def test_facility_layers_by_path_use_the_type_field(sample, tmp_path):
    import geopandas as gpd

    layer = sample.layer
    pts = shapely.point_on_surface(np.asarray(layer.geometry, dtype=object))[:6]
    path = tmp_path / "设施.gpkg"
    gpd.GeoDataFrame(
        {"类型": ["卫生院", "养老院", "卫生院", "", "学校", "学校"]}, geometry=pts, crs=layer.crs
    ).to_file(path)
    from editor.io import facilities as io_facilities

    with pytest.raises(TypeError, match="editor.io.facilities"):
        unit_figures(sample, facilities=[path])  # the core reads no files
    by_file = io_facilities.unit_figures(sample, facilities=[path])
    assert by_file.categories == ["设施"] and by_file.facility_counts.sum() == 6
    rules = default_rules()
    rules.data.facility_category_field = "类型"
    typed = io_facilities.unit_figures(sample, rules, facilities=[path])
    assert typed.categories == ["卫生院", "养老院", "设施", "学校"]  # blank type: the file's name
    assert typed.facility_counts.sum(axis=0).tolist() == [2, 1, 1, 2]


def test_text_or_missing_carried_field_is_refused(sample):
    with pytest.raises(LayerError, match="not numeric"):
        resolve_sources(sample.layer, carry=["乡镇名称"])
    with pytest.raises(LayerError, match="no field"):
        resolve_sources(sample.layer, carry=["资产"])


def test_mean_distance_without_population_is_the_plain_mean():
    layer = grid_layer(3, 1, population=np.full(3, np.nan))
    plan = Plan(layer)
    from editor.core.commands import NewUnit

    NewUnit([0, 1, 2]).redo(plan)
    fig = unit_figures(plan)
    (uid,) = fig.uids
    seat = unit_seat_figures(plan, uid)
    assert fig.mean_distance_km[0] == pytest.approx(seat.mean_distance_km)
    assert fig.mean_distance_km[0] > 0
