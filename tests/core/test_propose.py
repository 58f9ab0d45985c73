"""方案生成 on small generated grids: every hard rule holds, locks kept, infeasible explained."""

from __future__ import annotations

import numpy as np

from editor.core.plan import Plan
from editor.core.propose import check_proposal, propose
from editor.core.ruleset import RuleSet
from tests.support import grid_layer


def _rules(**targets) -> RuleSet:
    rules = RuleSet()
    rules.thresholds.min_population = 12000
    rules.targets.units_min = targets.get("lo", 0)
    rules.targets.units_max = targets.get("hi", 0)
    return rules


def _layer():
    border = np.zeros(16, dtype=bool)
    border[0] = True
    seat = np.zeros(16, dtype=bool)
    seat[10] = True
    return grid_layer(4, 4, border=border, county_seat=seat)


def test_every_hard_rule_holds_and_same_seed_same_plan():
    layer, rules = _layer(), _rules(lo=3, hi=6)
    p = propose(layer, rules, time_limit=5, seed=3)
    assert p.status == "optimal" and not p.relaxed
    assert check_proposal(layer, rules, p.plan_assignment, p.seats) == []
    assert p.plan_assignment[0] == 0 and (p.plan_assignment == 0).sum() == 1  # kept whole
    assert (p.plan_assignment == 10).sum() >= 2  # the county seat grew
    q = propose(layer, rules, time_limit=5, seed=3)
    assert q.plan_assignment.tolist() == p.plan_assignment.tolist()


def test_locked_units_are_untouched():
    layer, rules = _layer(), _rules(lo=2, hi=8)
    current = Plan(layer)
    from editor.core.commands import NewUnit

    NewUnit([14, 15], name="锁定", seat=15).redo(current)
    uid = current.find_unit("锁定")
    p = propose(layer, rules, current=current, locked=["锁定"], time_limit=5)
    assert p.found and not p.relaxed
    assert set(np.flatnonzero(p.plan_assignment == 15)) == {14, 15}
    plan = p.plan(layer)
    assert plan.find_unit("锁定") is not None and uid is not None


def test_infeasible_unit_count_is_named():
    layer, rules = _layer(), _rules(lo=14, hi=16)
    p = propose(layer, rules, time_limit=5)
    assert p.relaxed == ("unit_count",)
    assert p.messages[0].key == "propose.infeasible_units_most"
    assert "unit-count target 14–16" in p.messages[0]
    assert check_proposal(layer, rules, p.plan_assignment, p.seats)  # the count is broken
