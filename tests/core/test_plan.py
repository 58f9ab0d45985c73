"""The plan: commands with undo/redo, incremental statistics, events."""

from __future__ import annotations

import numpy as np
import pytest

from editor.core.commands import (
    ApplyAssignment,
    AssignTowns,
    CommandError,
    DetachTowns,
    MergeUnits,
    NewUnit,
    RenameUnit,
    SetSeat,
)
from editor.core.history import History
from editor.core.plan import Benchmark, Plan, Snapshot
from editor.core.rules import RuleChecker
from editor.core.session import plan_from_assignment
from tests.support import grid_layer


def full_stats(plan: Plan, uid: int) -> tuple:
    """Statistics recomputed from scratch, to compare with the incremental ones."""
    m = np.flatnonzero(plan.unit_of == uid)
    pop = plan.layer.population[m]
    return (len(m), float(np.nansum(pop)), float(plan.layer.area_km2[m].sum()))


def check_consistent(plan: Plan) -> None:
    assert sorted(set(plan.unit_of.tolist())) == sorted(plan.units)
    for uid, unit in plan.units.items():
        assert unit.members == set(np.flatnonzero(plan.unit_of == uid).tolist())
        s = plan.stats(uid)
        towns, pop, area = full_stats(plan, uid)
        assert (s.towns, s.population) == (towns, pop)
        assert s.area_km2 == pytest.approx(area)


def test_initial_plan_is_each_town_alone(grid):
    plan = Plan(grid)
    assert len(plan) == 9
    assert plan.summary().before.units == plan.summary().after.units == 9
    check_consistent(plan)


def test_assign_undo_redo_and_events(grid):
    plan = Plan(grid)
    history = History(plan)
    changes = []
    plan.events.changed.connect(changes.append)
    history.push(AssignTowns([1, 2], 0))
    assert len(plan) == 7
    assert plan.stats(0).towns == 3 and plan.stats(0).population == 1000 + 2000 + 3000
    assert history.undo_label == "Merge 2 towns into 镇0"
    assert changes[-1].removed == {1, 2} and 0 in changes[-1].touched
    check_consistent(plan)
    history.undo()
    assert len(plan) == 9 and plan.unit_of.tolist() == list(range(9))
    assert plan.units[1].name == "镇1"
    check_consistent(plan)
    history.redo()
    assert plan.unit_of[:3].tolist() == [0, 0, 0]
    check_consistent(plan)
    assert len(changes) == 3


def test_summary_before_after_and_benchmark(grid):
    plan = Plan(grid, benchmark=Benchmark("全国平均", 31000, 100))
    History(plan).push(NewUnit([0, 1, 3, 4]))
    s = plan.summary()
    total = grid.population.sum()
    assert s.before.units == 9 and s.after.units == 6
    assert s.after.mean_population == pytest.approx(total / 6)
    assert s.after.mean_area_km2 == pytest.approx(grid.area_km2.sum() / 6)
    assert s.to_dict()["benchmark"]["mean_population"] == 31000


def test_contiguity_and_parts(grid):
    plan = Plan(grid)
    History(plan).push(AssignTowns([8], 0))  # opposite corners of the grid
    assert plan.stats(0).parts == 2 and not plan.stats(0).contiguous
    checker = RuleChecker(plan)
    assert [v.rule for v in checker.violations()] == ["contiguity"]
    History(plan).push(AssignTowns([1, 2, 5], 0))  # connect them
    assert plan.stats(0).contiguous
    assert checker.violations() == []


def test_border_town_merged_is_a_violation():
    layer = grid_layer(border=np.array([1, 0, 0, 0, 0, 0, 0, 0, 0], dtype=bool))
    plan = Plan(layer)
    checker = RuleChecker(plan)
    History(plan).push(AssignTowns([1], 0))
    (v,) = checker.violations()
    assert v.rule == "border_whole" and "镇0" in v.message
    assert plan.stats(0).border


def test_new_unit_detach_rename_seat(grid):
    plan = Plan(grid)
    h = History(plan)
    h.push(NewUnit([3, 4, 5]))
    uid = int(plan.unit_of[3])
    assert plan.units[uid].name == "镇5"  # named after its most populous town, the default seat
    assert plan.seat_of(uid) == 5
    h.push(SetSeat(uid, 3))
    assert plan.seat_of(uid) == 3
    h.push(RenameUnit(uid, "新城镇"))
    assert plan.units[uid].name == "新城镇"
    h.push(DetachTowns([3]))
    assert plan.units[int(plan.unit_of[3])].name == "镇3"
    assert plan.seat_of(uid) == 5  # the chosen seat left: back to automatic
    h.undo()
    assert plan.seat_of(uid) == 3 and plan.unit_of[3] == uid
    h.undo()
    h.undo()
    assert plan.units[uid].name == "镇5" and plan.seat_of(uid) == 5
    check_consistent(plan)


def test_county_seat_flag_makes_default_seat():
    layer = grid_layer(county_seat=np.array([0, 1, 0, 0, 0, 0, 0, 0, 0], dtype=bool))
    plan = Plan(layer)
    History(plan).push(NewUnit([1, 2, 8]))
    assert plan.seat_of(int(plan.unit_of[1])) == 1


def test_merge_units_and_apply_assignment(grid):
    plan = Plan(grid)
    h = History(plan)
    h.push(ApplyAssignment({"北": [6, 7, 8], "南": [0, 1, 2]}))
    north, south = plan.find_unit("北"), plan.find_unit("南")
    assert plan.stats(north).towns == 3 and plan.stats(south).towns == 3
    h.push(MergeUnits([north], south))
    assert plan.find_unit("北") is None and plan.stats(south).towns == 6
    h.undo()
    h.undo()
    assert len(plan) == 9
    check_consistent(plan)


def test_commands_that_cannot_apply(grid):
    plan = Plan(grid)
    with pytest.raises(CommandError):
        AssignTowns([], 0)
    with pytest.raises(CommandError):
        AssignTowns([1], 999).redo(plan)
    with pytest.raises(CommandError):
        SetSeat(0, 5).redo(plan)
    with pytest.raises(CommandError):
        DetachTowns([0]).redo(plan)
    assert len(plan) == 9


def test_plan_from_assignment_rows(grid):
    plan, unmatched = plan_from_assignment(
        grid, [("T0", "甲"), ("镇1", "甲"), ("T9", "乙"), ("T2", "")]
    )
    assert unmatched == ["T9", "T2"]
    assert plan.stats(plan.find_unit("甲")).towns == 2
    assert len(plan) == 8


def test_snapshot_round_trip_json(grid):
    plan = Plan(grid)
    change = AssignTowns([1, 2], 0).redo(plan)
    data = change.after.to_dict()
    again = Snapshot.from_dict(data)
    fresh = Plan(grid)
    fresh.restore(again)
    assert fresh.unit_of.tolist() == plan.unit_of.tolist()
    check_consistent(fresh)


def test_random_edits_keep_statistics_consistent():
    layer = grid_layer(5, 5)
    plan = Plan(layer)
    h = History(plan)
    rng = np.random.default_rng(7)
    for _ in range(60):
        towns = rng.choice(layer.n, size=rng.integers(1, 4), replace=False)
        uid = int(rng.choice(list(plan.units)))
        h.push(AssignTowns(towns, uid))
    check_consistent(plan)
    for _ in range(60):
        h.undo()
    assert plan.unit_of.tolist() == list(range(layer.n))
    check_consistent(plan)


def test_summary_with_missing_population_is_not_zero():
    layer = grid_layer(population=np.full(9, np.nan))
    s = Plan(layer).summary()
    assert s.before.missing_population == 9 and not s.before.population_known
    assert s.to_dict()["before"]["mean_population"] is None
    partly = grid_layer(population=np.array([1000, np.nan] + [1000] * 7))
    d = Plan(partly).summary().to_dict()
    assert d["after"]["mean_population"] == pytest.approx(8000 / 9)
    assert d["after"]["missing_population"] == 1


def test_copy_is_independent_of_later_edits(grid):
    plan = Plan(grid)
    AssignTowns([1, 2], 0).redo(plan)
    clone = plan.copy()
    AssignTowns([3], 0).redo(plan)
    RenameUnit(0, "新名").redo(plan)
    assert clone.unit_of[3] == 3 and clone.units[0].name == "镇0"
    assert clone.stats(0).towns == 3 and plan.stats(0).towns == 4
    check_consistent(clone)
    check_consistent(plan)
