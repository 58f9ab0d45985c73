"""``python -m editor info/stats``: JSON shape, figures, and one-line errors."""

from __future__ import annotations

import json

import pytest

from tests.support import SAMPLE, SAMPLE_PLAN, real_path, run


def test_info_json_sample_county():
    out = run("info", SAMPLE, "--json")
    assert out.returncode == 0, out.stderr
    info = json.loads(out.stdout)
    assert set(info) >= {
        "count",
        "crs",
        "crs_assumed",
        "encoding",
        "fields",
        "total_population",
        "missing_population",
        "total_area_km2",
        "repaired",
        "warnings",
        "towns",
    }
    assert info["count"] == 40 == len(info["towns"])
    assert info["crs"] == "EPSG:4490" and info["crs_assumed"] is False
    assert info["fields"] == {
        "id": "乡镇代码",
        "name": "乡镇名称",
        "population": "户籍人口",
        "border": "沿边",
    }
    assert info["missing_population"] == 0
    assert info["total_population"] == pytest.approx(sum(t["population"] for t in info["towns"]))
    town = info["towns"][0]
    assert set(town) == {"id", "name", "population", "area_km2", "border", "neighbors"}
    # adjacency is symmetric
    by_id = {t["id"]: t for t in info["towns"]}
    for t in info["towns"]:
        for nb in t["neighbors"]:
            assert t["id"] in by_id[nb]["neighbors"]
    assert sum(t["border"] for t in info["towns"]) == 7


def test_info_border_from_line_layer_matches_flag():
    flagged = json.loads(run("info", SAMPLE, "--json").stdout)
    lines = SAMPLE.parent / "border_line.shp"
    out = run("info", SAMPLE, "--json", "--border-field", "", "--border-layer", lines)
    assert out.returncode == 0, out.stderr
    computed = json.loads(out.stdout)
    assert [t["border"] for t in computed["towns"]] == [t["border"] for t in flagged["towns"]]


def test_info_gbk_real_layer_chinese_names():
    out = run("info", real_path("yueqing_gbk", "乐清市街道.shp"), "--json")
    assert out.returncode == 0, out.stderr
    info = json.loads(out.stdout)
    assert info["count"] == 17
    names = [t["name"] for t in info["towns"]]
    assert all(n.endswith(("镇", "街道", "乡")) for n in names), names
    assert info["missing_population"] == 17  # no population field: missing, never 0
    assert info["total_population"] == 0


def test_stats_json_sample_plan():
    out = run("stats", SAMPLE, "--plan", SAMPLE_PLAN, "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    units = data["units"]
    assert {"id", "name", "towns", "population", "area_km2", "border", "contiguous", "seat"} <= set(
        units[0]
    )
    all_towns = [t for u in units for t in u["towns"]]
    assert len(all_towns) == len(set(all_towns)) == 40  # every town in exactly one unit
    info = json.loads(run("info", SAMPLE, "--json").stdout)
    assert sum(u["population"] for u in units) == pytest.approx(info["total_population"])
    assert sum(u["area_km2"] for u in units) == pytest.approx(info["total_area_km2"])
    s = data["summary"]
    assert s["before"]["units"] == 40 and s["after"]["units"] == len(units)
    assert s["after"]["mean_population"] == pytest.approx(info["total_population"] / len(units))
    assert isinstance(data["violations"], list)


def test_stats_table_by_names_with_header(tmp_path):
    table = tmp_path / "plan.csv"
    table.write_text(
        "乡镇名称,合并后乡镇\n城关镇,城关镇\n凤鸣街道,城关镇\n不存在镇,城关镇\n", encoding="gbk"
    )
    out = run("stats", SAMPLE, "--plan", table, "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    chengguan = next(u for u in data["units"] if u["name"] == "城关镇")
    assert len(chengguan["towns"]) == 2
    assert data["unmatched"] == ["不存在镇"]


@pytest.mark.parametrize(
    "make, problem",
    [
        (lambda d: d / "missing.shp", "not found"),
        (
            lambda d: [(d / "junk.shp").write_bytes(b"this is not a shapefile"), d / "junk.shp"][1],
            "",
        ),
    ],
)
def test_errors_are_one_line_exit_2(tmp_path, make, problem):
    path = make(tmp_path)
    out = run("info", path)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:")
    assert path.name in lines[0] and problem in lines[0]
    assert "Traceback" not in out.stderr


def test_bad_plan_table_is_one_line(tmp_path):
    table = tmp_path / "plan.csv"
    table.write_text("only one column\n", encoding="utf-8")
    out = run("stats", SAMPLE, "--plan", table)
    assert out.returncode == 2
    assert (
        out.stderr.startswith("error:")
        and "plan.csv" in out.stderr
        and len(out.stderr.strip().splitlines()) == 1
    )


def test_unknown_field_override_is_one_line():
    out = run("info", SAMPLE, "--population-field", "人口总数")
    assert out.returncode == 2
    assert (
        out.stderr.startswith("error:") and "人口总数" in out.stderr and SAMPLE.name in out.stderr
    )
