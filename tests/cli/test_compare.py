"""``python -m editor compare`` on the sample county's two plans (issue 13)."""

from __future__ import annotations

import csv
import json

from tests.support import SAMPLE, SAMPLE_PLAN, run

PLAN_B = SAMPLE.with_name("sample_plan_b.csv")
RULES = SAMPLE.with_name("sample_rules.toml")
MOVED = ["兴隆镇", "清水镇", "那鲁镇", "糯扎拉祜族乡", "翁堵乡", "班况乡"]


def test_text_names_the_changed_towns_and_the_new_violation():
    r = run("compare", SAMPLE, "--plan", SAMPLE_PLAN, "--plan", PLAN_B, "--rules", RULES)
    assert r.returncode == 0, r.stderr
    assert "changed towns: 6 (population 88,494" in r.stdout
    for name in MOVED:
        assert name in r.stdout
    assert "凤岗镇 (B) ← 凤岗镇 53% + 清水镇 47% (A)" in r.stdout
    assert "only in B: violation [max_towns] 凤岗镇" in r.stdout


def test_json_parses():
    r = run("compare", SAMPLE, "--plan", SAMPLE_PLAN, "--plan", PLAN_B, "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert [c["town_name"] for c in data["changed"]] == MOVED
    assert data["moved_population"] == 88494.0
    units = next(f for f in data["figures"] if f["figure"] == "units")
    assert (units["a"], units["b"], units["delta"]) == (17, 16, -1)


def test_out_writes_a_readable_table(tmp_path):
    out = tmp_path / "changes.csv"
    r = run("compare", SAMPLE, "--plan", SAMPLE_PLAN, "--plan", PLAN_B, "--out", out)
    assert r.returncode == 0, r.stderr
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:4] == ["乡镇代码", "乡镇名称", "方案A所属", "方案B所属"]
    assert [row[1] for row in rows[1:]] == MOVED
    assert {(row[2], row[3]) for row in rows[1:]} == {("清水镇", "凤岗镇")}


def test_out_onto_the_layer_dbf_is_refused_with_one_line():
    dbf = SAMPLE.with_suffix(".dbf")
    before = dbf.read_bytes()
    r = run("compare", SAMPLE, "--plan", SAMPLE_PLAN, "--plan", PLAN_B, "--out", dbf)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "sample_county.dbf" in lines[0]
    assert dbf.read_bytes() == before


def test_one_plan_is_a_usage_error():
    r = run("compare", SAMPLE, "--plan", SAMPLE_PLAN)
    assert r.returncode == 2 and r.stderr.startswith("error: compare takes exactly two")
