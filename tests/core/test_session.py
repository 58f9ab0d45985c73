"""core.session: plans placed on a layer by town id, carried onto a re-read layer, rules."""

from __future__ import annotations

import pytest

from editor.core.commands import MergeUnits, RenameUnit, SetNote, SetSeat
from editor.core.plan import Benchmark, Plan
from editor.core.project import Project
from editor.core.ruleset import RuleSet
from editor.core.session import (
    UnitRecord,
    apply_rules,
    carry_plan,
    carry_project,
    open_plan,
    place_units,
    take_benchmark,
    unit_records,
)
from editor.errors import PlanError
from tests.support import grid_layer


def merged_plan(layer):
    plan = Plan(layer, Benchmark("全国", 30000.0, 100.0))
    MergeUnits([0, 1, 3], 0).redo(plan)  # towns 0, 1, 3 in unit 0
    SetSeat(0, 3).redo(plan)
    SetNote(0, "第一稿").redo(plan)
    return plan


def groups(plan):
    """Unit name -> sorted town ids: what a user sees, independent of indices."""
    ids = plan.layer.ids
    return {plan.units[u].name: sorted(str(ids[t]) for t in plan.members(u)) for u in plan.units}


def test_place_units_reports_gone_and_new_towns_and_a_bad_seat():
    layer = grid_layer(2, 2)  # T0..T3
    units = [
        UnitRecord(7, "甲", ["T0", "T1", "X9"], seat="T1", note="n"),
        UnitRecord(8, "乙", ["T2"], seat="T0"),  # T0 is not a member of 乙
        UnitRecord(9, "丙", ["X8"]),  # all gone: the unit goes
    ]
    placed = place_units(layer, units, Benchmark("b", 1.0, 2.0))
    plan = placed.plan
    assert placed.gone == ["X9", "X8"] and placed.new == ["T3"]
    assert [m.key for m in placed.warnings] == ["planfile.seat_not_member"]
    assert set(plan.units) == {7, 8, 9}  # T3 alone, in a fresh id above the kept ones
    assert plan.units[7].seat == 1 and plan.units[7].note == "n" and plan.units[8].seat is None
    assert groups(plan) == {"甲": ["T0", "T1"], "乙": ["T2"], "镇3": ["T3"]}
    assert plan.benchmark == Benchmark("b", 1.0, 2.0)


def test_place_units_refuses_a_town_in_two_units():
    layer = grid_layer(2, 1)
    with pytest.raises(PlanError, match="T0 is in two units"):
        place_units(layer, [UnitRecord(0, "a", ["T0"]), UnitRecord(1, "b", ["T0"])], path="p")


def test_unit_records_round_trip_through_place_units():
    layer = grid_layer()
    plan = merged_plan(layer)
    again = place_units(layer, unit_records(plan), plan.benchmark).plan
    assert unit_records(again) == unit_records(plan)


def test_carry_plan_by_town_id_onto_a_layer_read_again():
    old = grid_layer()
    plan = merged_plan(old)
    # the same towns in another order, with names read in another encoding
    order = [8, 7, 6, 5, 4, 3, 2, 1, 0]
    new = grid_layer(
        ids=[f"T{k}" for k in order],
        names=[f"新{k}" for k in order],
        geometry=[old.geometry[k] for k in order],
    )
    RenameUnit(0, "城关").redo(plan)
    MergeUnits([2, 5], 2).redo(plan)
    carried = carry_plan(plan, new)
    assert groups(carried)["城关"] == ["T0", "T1", "T3"]  # a name given by the user stays
    assert groups(carried)["新2"] == ["T2", "T5"]  # a default name follows the town's new name
    assert groups(carried)["新4"] == ["T4"]
    unit = next(u for u in carried.units.values() if u.name == "城关")
    assert str(new.ids[unit.seat]) == "T3" and unit.note == "第一稿"
    assert carried.benchmark == plan.benchmark


def test_carry_plan_when_every_id_changed_maps_town_k_to_town_k():
    old = grid_layer()
    plan = merged_plan(old)
    new = grid_layer(ids=[f"G{k}" for k in range(9)])  # generated ids before, real ones now
    carried = carry_plan(plan, new)
    assert groups(carried)["镇0"] == ["G0", "G1", "G3"]


def test_carry_project_keeps_rules_notes_and_plan_file(tmp_path):
    layer = grid_layer()
    rules = RuleSet()
    rules.thresholds.max_towns = 2
    old = Project(layer, merged_plan(layer), rules=rules, load_options={"encoding": "gbk"})
    old.notes, old.plan_path = "备注", tmp_path / "a.tbplan"
    new = carry_project(old, grid_layer(), {"encoding": "utf-8"}, facilities=["F"])
    assert new.rules is rules and new.rules.thresholds.max_towns == 2
    assert new.notes == "备注" and new.plan_path == old.plan_path
    assert new.load_options == {"encoding": "utf-8"} and new.facilities == ["F"]
    assert groups(new.plan) == groups(old.plan)


def test_take_benchmark_keeps_a_saved_one_unless_replacing():
    layer = grid_layer()
    rules = RuleSet()
    rules.benchmark_values.label, rules.benchmark_values.mean_population = "规则", 5.0
    plan = Plan(layer)
    take_benchmark(plan, rules)
    assert plan.benchmark.label == "规则"
    saved = Benchmark("计划", 1.0, 1.0)
    plan.set_benchmark(saved)
    take_benchmark(plan, rules)
    assert plan.benchmark == saved  # the command line: the plan's own wins
    take_benchmark(plan, rules, replace=True)
    assert plan.benchmark.label == "规则"
    take_benchmark(plan, RuleSet(), replace=True)
    assert plan.benchmark is None  # a rule set without one clears it


def test_apply_rules_gives_the_project_one_rule_set():
    project = Project(grid_layer())
    rules = RuleSet()
    rules.thresholds.max_towns = 1
    apply_rules(project, rules)
    assert project.rules is rules is project.checker.rules
    assert project.rules_settings == rules.to_dict()  # a view of the one rule set
    other = RuleSet()
    other.thresholds.max_towns = 3
    project.rules_settings = other.to_dict()  # the old hand-over applies at once
    assert project.rules.thresholds.max_towns == 3 and project.rule_problem is None
    project.rules_settings = {"thresholds": {"max_towns": "many"}}
    assert "max_towns" in str(project.rule_problem)
    assert project.rules.thresholds.max_towns == 3  # an unusable rule set changes nothing


def test_open_plan_applies_saved_rules_or_says_why_not():
    layer = grid_layer()
    rules = RuleSet()
    rules.thresholds.max_towns = 1
    opened = open_plan(merged_plan(layer), rules=rules.to_dict(), notes="n", plan_path="x.tbplan")
    assert opened.rule_problem is None and opened.project.rules.thresholds.max_towns == 1
    assert opened.project.notes == "n" and str(opened.project.plan_path) == "x.tbplan"
    assert opened.project.plan.benchmark is None  # the rule set has none: it replaces
    bad = open_plan(merged_plan(layer), rules={"nonsense": 1}, plan_path="x.tbplan")
    assert "nonsense" in str(bad.rule_problem) and "x.tbplan" in str(bad.rule_problem)
    assert bad.project.rule_problem is bad.rule_problem  # the window reports it
    assert bad.project.plan.benchmark is not None  # unchanged: no rule set was applied
