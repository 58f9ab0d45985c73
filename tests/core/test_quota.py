"""Staffing quota arithmetic, worked by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from editor.core.commands import AssignTowns
from editor.core.history import History
from editor.core.plan import Plan
from editor.core.quota import QuotaCalculator
from editor.core.ruleset import QuotaRules, default_rules
from tests.support import grid_layer

RULES = QuotaRules(
    basic=20,
    per_10k_population=3,
    per_100_km2=1,
    per_village=0.5,
    village_field="村委会数",
    large_population=100_000,
    large_population_bonus=5,
    county_seat_bonus=5,
    developed_field="发达镇",
    developed_bonus=3,
    pilot_field="试点",
    pilot_bonus=2,
)


def two_towns(**kwargs):
    attrs = pd.DataFrame({"村委会数": [10, "6"], "发达镇": ["是", ""], "试点": [0, 0]})
    args = dict(
        population=np.array([60_000.0, 50_000.0]),
        official_area_km2=np.array([100.0, 50.0]),
        county_seat=np.array([True, False]),
        attributes=attrs,
    )
    args.update(kwargs)
    return grid_layer(2, 1, **args)


def test_each_town_on_its_own():
    calc = QuotaCalculator(two_towns(), RULES)
    q0 = calc.town(0)
    # 20 + 6 x 3 + 1 x 1 + 10 x 0.5 + county seat 5 + developed 3 = 52
    assert (q0.basic, q0.population, q0.area, q0.villages) == (20, 18, 1, 5)
    assert q0.key_guarantee == 8 and q0.total == 52
    assert q0.reasons == ("county-seat town", "economically developed town")
    q1 = calc.town(1)
    # 20 + 5 x 3 + 0.5 x 1 + 6 x 0.5 = 38.5, rounded half up
    assert q1.indicator == pytest.approx(18.5) and q1.total == 39
    assert calc.old_total() == 91


def test_merged_unit_is_recomputed_not_summed():
    layer = two_towns()
    calc = QuotaCalculator(layer, RULES)
    plan = Plan(layer)
    History(plan).push(AssignTowns([1], 0))
    q = calc.unit(plan, 0)
    # 110,000 people: 33; 150 km²: 1.5; 16 villages: 8;
    # key: over 100,000 (5) + county seat (5) + developed (3) = 13; 20 + 33 + 1.5 + 8 + 13
    assert q.population == pytest.approx(33) and q.area == pytest.approx(1.5)
    assert q.villages == 8 and q.key_guarantee == 13
    assert q.total == 76  # 75.5 rounded half up
    assert "population over 100,000" in q.reasons
    assert calc.totals(plan) == {"old": 91, "new": 76, "change": -15}
    assert calc.old_total_of(plan, 0) == 91
    assert calc.unit_totals(plan) == {0: 76}


@pytest.mark.parametrize("how, total", [("none", 75.5), ("ceil", 76), ("floor", 75)])
def test_rounding(how, total):
    layer = two_towns()
    rules = QuotaRules(**{**RULES.__dict__, "rounding": how})
    plan = Plan(layer)
    History(plan).push(AssignTowns([1], 0))
    assert QuotaCalculator(layer, rules).unit(plan, 0).total == total


def test_exactly_the_population_line_gets_no_bonus():
    layer = two_towns(population=np.array([60_000.0, 40_000.0]))
    plan = Plan(layer)
    History(plan).push(AssignTowns([1], 0))
    q = QuotaCalculator(layer, RULES).unit(plan, 0)
    assert q.key_guarantee == 8  # county seat and developed only: 100,000 is not over


def test_missing_fields_are_noted_and_count_zero():
    layer = grid_layer(2, 1)
    calc = QuotaCalculator(layer, RULES)
    assert any("村委会数" in n for n in calc.notes)
    assert any("发达镇" in n for n in calc.notes)
    q = calc.town(0)
    assert q.villages == 0 and q.key_guarantee == 0


def test_vectorised_totals_match_unit_by_unit():
    rng = np.random.default_rng(5)
    attrs = pd.DataFrame({"村委会数": rng.integers(3, 20, 16), "发达镇": rng.integers(0, 2, 16)})
    layer = grid_layer(
        4,
        4,
        population=rng.uniform(5_000, 60_000, 16),
        county_seat=np.eye(1, 16, 5, dtype=bool)[0],
        attributes=attrs,
    )
    plan = Plan(layer)
    h = History(plan)
    h.push(AssignTowns([1, 4, 5], 0))
    h.push(AssignTowns([10, 11, 14, 15], 15))
    calc = QuotaCalculator(layer, RULES)
    totals = calc.unit_totals(plan)
    assert totals == {uid: calc.unit(plan, uid).total for uid in plan.units}
    assert calc.old_total() == sum(calc.town(t).total for t in range(16))


def test_default_rule_set_weights_apply_to_the_sample_fields():
    rules = default_rules().quota
    attrs = pd.DataFrame({"村委会数": [8]})
    layer = grid_layer(1, 1, population=np.array([20_000.0]), attributes=attrs)
    q = QuotaCalculator(layer, rules).town(0)
    assert q.villages == 8 * rules.per_village
    assert q.basic == rules.basic
