"""Rule checks on small hand-made layers where the right answer is known, rule set files."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from editor.core.commands import AssignTowns, DetachTowns, MergeUnits, NewUnit, RenameUnit, SetSeat
from editor.core.history import History
from editor.core.plan import Plan
from editor.core.rules import (
    RuleChecker,
    Violation,
    county_progress,
    enlarge_summary,
)
from editor.core.ruleset import (
    PreservedCategory,
    RuleSet,
    RuleSetError,
    default_rules,
)
from editor.io.rules_file import DEFAULT_PATH, dumps_rules, load_rules, save_rules
from tests.support import SAMPLE, SAMPLE_PLAN, grid_layer

# The 3 x 3 grid of conftest: town k = row * 3 + column, population 1000 * (k + 1).
#   6 7 8
#   3 4 5
#   0 1 2


def flags(*towns: int, n: int = 9) -> np.ndarray:
    out = np.zeros(n, dtype=bool)
    out[list(towns)] = True
    return out


def rules_of(v: list[Violation]) -> list[str]:
    return sorted(x.rule for x in v)


def checked(layer, rules: RuleSet | None = None) -> tuple[Plan, History, RuleChecker]:
    plan = Plan(layer)
    return plan, History(plan), RuleChecker(plan, rules or RuleSet())


def test_clean_grid_has_no_violation(grid):
    plan, h, checker = checked(grid)
    h.push(NewUnit([0, 1, 3, 4]))
    assert checker.violations() == []


def test_contiguity_can_be_switched_off(grid):
    plan, h, checker = checked(grid)
    h.push(AssignTowns([8], 0))
    assert rules_of(checker.violations()) == ["contiguity"]
    rules = RuleSet(contiguity=False)
    checker.set_rules(rules)
    assert checker.violations() == []


def test_border_town_neither_absorbs_nor_is_absorbed():
    layer = grid_layer(border=flags(4))
    plan, h, checker = checked(layer)
    h.push(AssignTowns([1], 4))  # the border town absorbs
    (v,) = checker.violations()
    assert v.rule == "border_whole" and v.unit == 4 and v.towns == (4,)
    assert "镇4" in v.message and "镇1" in v.message
    h.undo()
    assert checker.violations() == []
    h.push(AssignTowns([4], 1))  # the border town is absorbed
    (v,) = checker.violations()
    assert v.rule == "border_whole" and v.unit == 1
    h.push(DetachTowns([4]))
    assert checker.violations() == []


def test_any_flag_column_can_be_preserved():
    attrs = pd.DataFrame({"民族乡": ["", "", "是", "", "", "", "", "", ""]})
    layer = grid_layer(attributes=attrs)
    rules = RuleSet()
    rules.preserved.append(PreservedCategory("ethnic", "民族乡", "民族乡", "whole"))
    plan, h, checker = checked(layer, rules)
    h.push(AssignTowns([2], 5))
    (v,) = checker.violations()
    assert v.rule == "ethnic_whole" and v.towns == (2,)


def test_historic_town_keeps_its_name_or_warns():
    layer = grid_layer(historic=flags(4))
    plan, h, checker = checked(layer)
    h.push(AssignTowns([1], 4))  # unit 4 is named 镇4 after the historic town
    assert checker.violations() == []
    h.push(RenameUnit(4, "新城镇"))
    (v,) = checker.violations()
    assert v.rule == "historic_whole" and "镇4" in v.message
    h.push(RenameUnit(4, "镇4"))
    assert checker.violations() == []
    h.push(AssignTowns([4], 5))  # absorbed by 镇5: the unit is named 镇5
    assert rules_of(checker.violations()) == ["historic_whole"]


def test_historic_mode_whole_forbids_any_merger():
    layer = grid_layer(historic=flags(4))
    rules = RuleSet()
    rules.preserved[1].mode = "whole"
    plan, h, checker = checked(layer, rules)
    h.push(AssignTowns([1], 4))
    assert rules_of(checker.violations()) == ["historic_whole"]


def test_two_historic_towns_cannot_both_keep_the_name():
    layer = grid_layer(historic=flags(3, 4))
    plan, h, checker = checked(layer)
    h.push(AssignTowns([3], 4))
    (v,) = checker.violations()
    assert v.towns == (3,)


def test_enlarge_towns_must_grow_and_be_the_seat():
    layer = grid_layer(county_seat=flags(0), centre=flags(8))
    plan, h, checker = checked(layer)
    found = {(v.rule, v.towns) for v in checker.violations()}
    assert found == {("county_seat_enlarged", (0,)), ("centre_enlarged", (8,))}
    h.push(AssignTowns([1, 3], 0))  # the county seat grows
    h.push(AssignTowns([5, 7], 8))  # the centre town grows
    assert checker.violations() == []
    summary = {s["town_name"]: s for s in enlarge_summary(plan, checker.rules)}
    assert summary["镇0"]["towns"] == [1, 3]
    assert summary["镇0"]["population"] == [1000, 1000 + 2000 + 4000]
    assert summary["镇0"]["grew"] and summary["镇8"]["grew"]
    # the centre town joins the county seat's unit: absorbed, not absorbing
    h.push(AssignTowns([4], 0))  # so that the two units touch along an edge
    h.push(MergeUnits([8], 0))
    (v,) = checker.violations()
    assert v.rule == "centre_enlarged" and v.towns == (8,) and "absorbed" in v.message
    summary = {s["town_name"]: s for s in enlarge_summary(plan, checker.rules)}
    assert not summary["镇8"]["grew"] and summary["镇0"]["grew"]


def test_enlarge_with_an_explicit_seat_elsewhere():
    layer = grid_layer(centre=flags(8))
    plan, h, checker = checked(layer)
    h.push(AssignTowns([7], 8))
    assert checker.violations() == []
    h.push(SetSeat(8, 7))
    assert rules_of(checker.violations()) == ["centre_enlarged"]


def test_thresholds_population_area_towns():
    layer = grid_layer()
    rules = RuleSet()
    rules.thresholds.min_population = 10_000
    rules.thresholds.max_towns = 3
    plan, h, checker = checked(layer, rules)
    # every single town is below 10,000 people
    assert rules_of(checker.violations()) == ["min_population"] * 9
    h.push(NewUnit([0, 1, 2, 3]))  # 1+2+3+4 thousand = 10,000: not below
    uid = int(plan.unit_of[0])
    assert [v.rule for v in checker.for_unit(uid)] == ["max_towns"]
    area_one = plan.stats(4).area_km2
    rules = RuleSet()
    rules.thresholds.min_area_km2 = area_one * 1.5
    checker.set_rules(rules)
    assert checker.for_unit(uid) == []  # four towns are big enough
    assert [v.rule for v in checker.for_unit(4)] == ["min_area"]


def test_preserved_single_town_is_exempt_from_minimums():
    layer = grid_layer(border=flags(4))
    rules = RuleSet()
    rules.thresholds.min_population = 100_000
    plan, h, checker = checked(layer, rules)
    assert checker.for_unit(4) == []
    assert len(checker.for_unit(3)) == 1
    rules.thresholds.exempt_preserved = False
    checker.set_rules(rules)
    assert len(checker.for_unit(4)) == 1


def test_missing_population_is_named_in_the_message():
    pop = np.arange(9, dtype=float) * 1000 + 1000
    pop[1] = np.nan
    layer = grid_layer(population=pop)
    rules = RuleSet()
    rules.thresholds.min_population = 5000
    plan, h, checker = checked(layer, rules)
    h.push(AssignTowns([1], 0))
    (v,) = checker.for_unit(0)
    assert "1 town(s) without population" in v.message


def test_service_radius_threshold():
    layer = grid_layer()
    rules = RuleSet()
    # a 0.1 degree box at lat 24 is about 10 km across: a row of three reaches ~26 km
    rules.thresholds.max_service_radius_km = 20
    plan, h, checker = checked(layer, rules)
    assert checker.violations() == []
    h.push(AssignTowns([1], 0))
    assert checker.violations() == []
    h.push(AssignTowns([2], 0))
    (v,) = checker.violations()
    assert v.rule == "max_service_radius" and "km" in v.message


def test_village_units_must_not_cross_township_lines():
    parent = ["甲镇"] * 3 + ["乙镇"] * 6  # row 0 belongs to 甲镇
    layer = grid_layer(parent=parent)
    plan, h, checker = checked(layer)
    h.push(AssignTowns([3, 4], 0))
    (v,) = checker.violations()
    assert v.rule == "village_parent" and "甲镇" in v.message and "乙镇" in v.message
    h.undo()
    h.push(AssignTowns([1, 2], 0))
    assert checker.violations() == []


def test_village_parent_from_a_rule_set_field():
    attrs = pd.DataFrame({"所属乡镇": ["甲", "甲", "乙", "乙", "乙", "乙", "乙", "乙", "乙"]})
    layer = grid_layer(attributes=attrs)
    rules = RuleSet()
    rules.village.parent_field = "所属乡镇"
    plan, h, checker = checked(layer, rules)
    h.push(AssignTowns([1], 0))
    assert checker.violations() == []
    h.push(AssignTowns([2], 0))
    assert rules_of(checker.violations()) == ["village_parent"]


def test_county_targets_and_progress(grid):
    rules = RuleSet()
    rules.targets.units_min = 3
    rules.targets.units_max = 4
    rules.targets.mean_population = 15_000  # 45,000 people: needs 3 units
    rules.benchmark_values.label = "全国平均"
    rules.benchmark_values.mean_population = 30_000
    plan, h, checker = checked(grid, rules)
    assert rules_of(checker.violations()) == ["mean_population", "unit_count"]
    progress = {p["key"]: p for p in county_progress(plan, rules)}
    assert progress["units"]["before"] == 9 and progress["units"]["after"] == 9
    assert progress["units"]["met"] is False and progress["units"]["progress"] == 0
    assert progress["mean_population"]["benchmark"] == 30_000
    assert progress["mean_area_km2"]["met"] is None  # no target
    h.push(NewUnit([0, 1, 2]))
    h.push(NewUnit([3, 4, 5]))  # 5 units: 4/5 of the way from 9 to 4
    progress = {p["key"]: p for p in checker.progress()}
    assert progress["units"]["progress"] == pytest.approx(0.8)
    assert progress["mean_population"]["after"] == pytest.approx(9000)
    h.push(NewUnit([6, 7, 8]))
    assert checker.violations() == []
    progress = {p["key"]: p for p in checker.progress()}
    assert progress["units"]["met"] and progress["mean_population"]["met"]
    assert "全国平均" in progress["mean_population"]["text"]


def test_missing_rule_field_is_an_error_not_silence(grid):
    rules = RuleSet()
    rules.preserved.append(PreservedCategory("ethnic", "民族乡", "民族乡"))
    plan, h, checker = checked(grid, rules)
    assert checker.problems and "民族乡" in checker.problems[0]
    (v,) = checker.violations()
    assert v.rule == "rule_set" and v.severity == "error" and v.unit is None


def test_incremental_matches_a_fresh_check():
    rng = np.random.default_rng(3)
    layer = grid_layer(
        4,
        4,
        border=flags(0, 5, n=16),
        historic=flags(10, n=16),
        county_seat=flags(6, n=16),
        centre=flags(15, n=16),
        population=np.arange(16, dtype=float) * 1500 + 500,
    )
    rules = RuleSet()
    rules.thresholds.min_population = 6000
    rules.thresholds.max_towns = 3
    rules.thresholds.max_service_radius_km = 18
    rules.targets.units_max = 8
    plan, h, checker = checked(layer, rules)
    for _ in range(60):
        towns = rng.choice(16, size=rng.integers(1, 4), replace=False)
        unit = int(rng.choice(list(plan.units)))
        action = rng.integers(0, 4)
        try:
            if action == 0:
                h.push(AssignTowns(towns, unit))
            elif action == 1:
                h.push(DetachTowns(towns))
            elif action == 2:
                h.undo()
            else:
                h.push(NewUnit(towns))
        except Exception:  # nothing to undo, towns already alone
            continue
        fresh = RuleChecker(plan, rules)
        assert checker.violations() == fresh.violations()
        fresh.close()


def test_changed_fires_and_close_detaches(grid):
    plan, h, checker = checked(grid)
    seen = []
    checker.changed.connect(lambda: seen.append(1))
    h.push(AssignTowns([8], 0))
    assert seen == [1]
    checker.set_rules(RuleSet(contiguity=False))
    assert seen == [1, 1] and checker.violations() == []
    checker.close()
    h.push(AssignTowns([4], 0))
    assert seen == [1, 1]


def test_violation_to_dict_names_unit_and_towns():
    layer = grid_layer(border=flags(4))
    plan, h, checker = checked(layer)
    h.push(AssignTowns([1], 4))
    d = checker.violations()[0].to_dict(plan)
    assert d["unit"] == "镇4" and d["rule"] == "border_whole" and d["severity"] == "warning"
    assert d["towns"] == ["T4"]
    assert Violation(None, "unit_count", "x").to_dict(plan)["unit"] is None


def test_units_in_violation_and_for_unit(grid):
    plan, h, checker = checked(grid)
    h.push(AssignTowns([8], 0))
    assert checker.units_in_violation() == {0}
    assert [v.rule for v in checker.for_unit(0)] == ["contiguity"]


def test_legacy_switches_still_work():
    rules = RuleSet()
    assert rules.border_whole and rules.historic_whole
    rules.border_whole = False
    assert not rules.preserved[0].enabled and rules.historic_whole


# -- rule set files -----------------------------------------------------------------------
def test_default_file_loads_and_marks_examples():
    rules = default_rules()
    assert [c.key for c in rules.preserved] == ["border", "historic"]
    assert [c.key for c in rules.enlarge] == ["county_seat", "centre"]
    assert rules.quota.basic > 0 and rules.quota.village_field == "村委会数"
    assert rules.benchmark() is not None
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    assert "EXAMPLE" in text and "示例" in text
    # the built-in default is the documented file, value for value
    assert load_rules(DEFAULT_PATH) == rules
    # thresholds are off by default: they depend on the province
    assert rules.thresholds.min_population == 0 and rules.targets.units_max == 0


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_save_and_load_round_trip(tmp_path, suffix):
    rules = default_rules()
    rules.name = '测试规则 "quoted" \\ back'
    rules.thresholds.min_population = 12_345
    rules.targets.units_min = 14
    rules.preserved.append(PreservedCategory("ethnic", "民族乡", "民族 乡", "name", False))
    rules.data.carried_fields = ["资产", "GDP"]
    path = save_rules(rules, tmp_path / f"rules{suffix}")
    again = load_rules(path)
    assert again == rules
    assert not list(tmp_path.glob(".*tmp*"))  # no temporary file left behind


def test_toml_writer_output_is_valid_toml():
    import tomllib

    data = default_rules().to_dict()
    assert tomllib.loads(dumps_rules(default_rules())) == json.loads(json.dumps(data))


def test_a_failed_save_keeps_the_old_file(tmp_path, monkeypatch):
    from editor.errors import WriteError
    from editor.io import atomic

    path = save_rules(default_rules(), tmp_path / "rules.toml")
    before = path.read_bytes()
    rules = default_rules()
    rules.thresholds.min_population = 9_999

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", crash)
    with pytest.raises(WriteError, match="rules.toml"):
        save_rules(rules, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rules.toml"]


@pytest.mark.parametrize(
    "text, problem",
    [
        ("[thresholds]\nmin_populaton = 5\n", "min_populaton"),
        ("[thresholds]\nmin_population = 'many'\n", "thresholds.min_population"),
        ("[thresholds]\nmin_population = -5\n", "negative"),
        ("[[preserved]]\nlabel = 'x'\n", "needs a key"),
        ("[[preserved]]\nkey = 'b'\nmode = 'sometimes'\n", "mode"),
        ("[[enlarge]]\nkey = 'c'\nfield = '@capital'\n", "@capital"),
        ("[targets]\nunits_min = 9\nunits_max = 3\n", "units_min"),
        ("version = 7\n", "version"),
        ("this is = not toml =\n", "not a valid rule set"),
    ],
)
def test_bad_rule_files_name_the_problem(tmp_path, text, problem):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleSetError) as err:
        load_rules(path)
    assert problem in str(err.value) and "bad.toml" in str(err.value)


def test_missing_rule_file(tmp_path):
    with pytest.raises(RuleSetError, match="not found"):
        load_rules(tmp_path / "nope.toml")


# -- the sample county demonstrates each rule -------------------------------------------
SAMPLE_RULES = SAMPLE.parent / "sample_rules.toml"
SAMPLE_VIOLATIONS = SAMPLE.parent / "sample_plan_violations.csv"


@pytest.fixture(scope="module")
def sample_layer():
    from editor.io.load import open_layer

    return open_layer(SAMPLE)


def sample_checker(layer, plan_path) -> RuleChecker:
    from editor.cli.common import load_plan

    plan, unmatched = load_plan(layer, plan_path)
    assert unmatched == []
    return RuleChecker(plan, load_rules(SAMPLE_RULES))


def test_sample_plan_keeps_every_rule(sample_layer):
    checker = sample_checker(sample_layer, SAMPLE_PLAN)
    assert checker.violations() == []
    grown = {s["town_name"]: s for s in checker.enlarge_summary()}
    assert set(grown) == {"城关镇", "新营镇", "河西镇"} and all(s["grew"] for s in grown.values())


def test_sample_violations_plan_breaks_each_rule(sample_layer):
    checker = sample_checker(sample_layer, SAMPLE_VIOLATIONS)
    plan = checker.plan
    found = {
        (v.rule, plan.units[v.unit].name if v.unit is not None else None)
        for v in checker.violations()
    }
    expected = {
        ("contiguity", "凤岗镇"),
        ("border_whole", "勐岚镇"),
        ("historic_whole", "青龙镇"),
        ("county_seat_enlarged", "城关镇"),
        ("centre_enlarged", "新营镇"),
        ("min_population", "大坪乡"),
        ("min_area", "城关镇"),
        ("max_towns", "清水镇"),
        ("max_service_radius", "兴隆镇"),
        ("unit_count", None),
        ("mean_population", None),
        ("mean_area", None),
    }
    assert expected <= found
    assert {r for r, _ in found} == {r for r, _ in expected}
