"""``python -m editor check`` exit codes and ``stats`` rule, seat, quota and facility figures."""

from __future__ import annotations

import json
import subprocess
import sys

import geopandas as gpd
import pytest

from tests.support import REPO, SAMPLE, SAMPLE_PLAN

RULES = SAMPLE.parent / "sample_rules.toml"
BROKEN = SAMPLE.parent / "sample_plan_violations.csv"


def run(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "editor", *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_clean_plan_exits_0():
    out = run("check", SAMPLE, "--plan", SAMPLE_PLAN, "--rules", RULES)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ok:")


def test_broken_plan_exits_1_and_lists_each_rule():
    out = run("check", SAMPLE, "--plan", BROKEN, "--rules", RULES)
    assert out.returncode == 1, out.stderr
    for rule in (
        "contiguity",
        "border_whole",
        "historic_whole",
        "county_seat_enlarged",
        "centre_enlarged",
        "min_population",
        "min_area",
        "max_towns",
        "max_service_radius",
        "unit_count",
        "mean_population",
        "mean_area",
    ):
        assert f"[{rule}]" in out.stdout, rule
    assert "勐岚镇: [border_whole]" in out.stdout
    assert "the plan breaks the rules" in out.stdout.splitlines()[-1]


def test_default_rules_without_thresholds():
    out = run("check", SAMPLE, "--plan", BROKEN)
    assert out.returncode == 1
    assert "[border_whole]" in out.stdout and "[min_population]" not in out.stdout


def test_check_json():
    out = run("check", SAMPLE, "--plan", BROKEN, "--rules", RULES, "--json")
    assert out.returncode == 1
    data = json.loads(out.stdout)
    assert data["ok"] is False and data["rule_problems"] == []
    v = next(v for v in data["violations"] if v["rule"] == "border_whole")
    assert v["unit"] == "勐岚镇" and v["towns"] == ["530830120000"]
    assert {p["key"] for p in data["county_progress"]} == {
        "units",
        "mean_population",
        "mean_area_km2",
    }
    grown = {e["town_name"]: e["grew"] for e in data["enlarged"]}
    assert grown == {"城关镇": False, "河西镇": True, "新营镇": False}


@pytest.mark.parametrize(
    "rules_text, problem",
    [
        (None, "not found"),
        ("[thresholds]\nmax_town = 3\n", "max_town"),
    ],
)
def test_bad_rule_file_exits_2_one_line(tmp_path, rules_text, problem):
    path = tmp_path / "rules.toml"
    if rules_text is not None:
        path.write_text(rules_text, encoding="utf-8")
    out = run("check", SAMPLE, "--plan", SAMPLE_PLAN, "--rules", path)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:")
    assert "rules.toml" in lines[0] and problem in lines[0]


def test_rule_field_missing_from_layer_exits_2(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text(
        '[[preserved]]\nkey = "ethnic"\nlabel = "民族乡"\nfield = "民族乡标志"\n', encoding="utf-8"
    )
    out = run("check", SAMPLE, "--plan", SAMPLE_PLAN, "--rules", path)
    assert out.returncode == 2
    assert out.stderr.startswith("error:") and "民族乡标志" in out.stderr


def test_stats_json_gains_rules_seats_quota_facilities_carried(tmp_path):
    towns = gpd.read_file(SAMPLE, engine="pyogrio")
    seat = towns[towns["乡镇名称"] == "城关镇"]
    # two facilities inside 城关镇 (one per category), one in 勐岚镇
    pts = gpd.GeoDataFrame(
        {"类型": ["卫生院", "学校", "学校"]},
        geometry=[
            seat.geometry.iloc[0].representative_point(),
            seat.geometry.iloc[0].representative_point(),
            towns[towns["乡镇名称"] == "勐岚镇"].geometry.iloc[0].representative_point(),
        ],
        crs=towns.crs,
    )
    fac = tmp_path / "facilities.gpkg"
    pts.to_file(fac, engine="pyogrio")
    out = run(
        "stats",
        SAMPLE,
        "--plan",
        SAMPLE_PLAN,
        "--json",
        "--rules",
        RULES,
        "--facilities",
        fac,
        "--facility-field",
        "类型",
        "--carry",
        "村委会数",
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    units = {u["name"]: u for u in data["units"]}
    cg = units["城关镇"]
    # the lead's keys are still there
    assert {"id", "towns", "population", "area_km2", "border", "contiguous", "seat"} <= set(cg)
    assert cg["seat_name"] == "城关镇"
    assert 0 < cg["mean_distance_km"] < cg["service_radius_km"] < 25
    assert cg["facilities"] == {"卫生院": 1, "学校": 1}
    assert units["勐岚镇"]["facilities"] == {"学校": 1}
    assert units["旧州镇"]["facilities"] == {}
    villages = towns.set_index("乡镇代码")["村委会数"]
    assert cg["carried"]["村委会数"] == sum(villages[t] for t in cg["towns"])
    q = cg["quota"]
    assert q["total"] > 0 and "county-seat town" in q["reasons"]
    assert q["old_total"] > q["total"]  # four towns' own quotas add up to more
    totals = data["quota_totals"]
    assert totals["old"] == pytest.approx(sum(u["quota"]["old_total"] for u in units.values()))
    assert totals["new"] == sum(u["quota"]["total"] for u in units.values())
    assert data["violations"] == [] and data["rule_problems"] == []
    assert data["summary"]["benchmark"]["label"] == "全国平均（示例）"
    assert len(data["enlarged"]) == 3


def test_stats_lists_violations_of_all_rules():
    out = run("stats", SAMPLE, "--plan", BROKEN, "--rules", RULES, "--json")
    assert out.returncode == 0, out.stderr
    rules = {v["rule"] for v in json.loads(out.stdout)["violations"]}
    assert {"max_service_radius", "mean_area", "centre_enlarged"} <= rules
