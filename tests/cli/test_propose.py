"""``python -m editor propose`` on the sample county."""

from __future__ import annotations

import json

from tests.support import SAMPLE, SAMPLES, run


def test_sample_county_plan_meets_every_rule(tmp_path):
    out = tmp_path / "p.tbplan"
    rules = SAMPLES / "sample_rules.toml"
    r = run("propose", SAMPLE, "--rules", rules, "--out", out, "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["meets_rules"] and data["status"] in ("optimal", "feasible")
    assert 15 <= data["units"] <= 17
    c = run("check", SAMPLE, "--plan", out, "--rules", rules)
    assert c.returncode == 0, c.stdout + c.stderr


def test_infeasible_target_exits_1_with_the_reason(tmp_path):
    text = (SAMPLES / "sample_rules.toml").read_text(encoding="utf-8")
    text = text.replace("units_min = 15", "units_min = 5").replace(
        "units_max = 17", "units_max = 6"
    )
    rules = tmp_path / "r.toml"
    rules.write_text(text, encoding="utf-8")
    r = run("propose", SAMPLE, "--rules", rules, "--out", tmp_path / "p.tbplan")
    assert r.returncode == 1
    assert "unit-count target 5–6 cannot be met" in r.stdout


def test_refuses_to_write_over_the_layer(tmp_path):
    r = run("propose", SAMPLE, "--out", SAMPLE)
    assert r.returncode == 2 and r.stderr.startswith("error:")
