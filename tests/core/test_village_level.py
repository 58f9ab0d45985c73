"""Village layers (村级建制调整): township lines, village words, quota left out, radius sort.

The Qt-free parts (parent boundaries, level, quota switch, layout words and PDF, exports);
the canvas and the docks are in tests/gui/test_village_level_window.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely

from editor.cli.common import load_plan
from editor.core.parents import has_border_towns, level_of, parent_boundaries, quota_applies
from editor.core.plan import Plan
from editor.core.project import Project
from editor.core.ruleset import RuleSet, default_rules
from editor.core.unit_figures import unit_figures
from editor.io.load import LoadOptions, open_layer
from editor.layout.settings import LayoutSettings
from tests.support import REPO

SAMPLE = REPO / "sample_shapes"
COUNTY = SAMPLE / "sample_county.shp"
VILLAGES = SAMPLE / "sample_villages.shp"
VILLAGE_PLAN = SAMPLE / "sample_village_plan.csv"
TOWN_PLAN = SAMPLE / "sample_plan.csv"


@pytest.fixture(scope="module")
def villages():
    return open_layer(VILLAGES, LoadOptions())


@pytest.fixture(scope="module")
def towns():
    return open_layer(COUNTY, LoadOptions())


def village_project(villages) -> Project:
    plan, unmatched = load_plan(villages, VILLAGE_PLAN)
    assert not unmatched
    return Project(villages, plan)


def town_project(towns) -> Project:
    plan, unmatched = load_plan(towns, TOWN_PLAN)
    assert not unmatched
    return Project(towns, plan)


# -- core ------------------------------------------------------------------------------


def test_parent_boundaries_are_the_union_of_each_townships_villages(villages, towns):
    parents = parent_boundaries(villages)
    assert level_of(villages) == "village" and level_of(towns) == "town"
    assert parent_boundaries(towns) is None
    assert parent_boundaries(villages) is parents  # computed once per layer
    assert len(parents) == towns.n == 40
    parent = np.asarray(villages.parent).astype(str)
    for name, poly in zip(parents.names.tolist(), parents.polygons, strict=True):
        union = shapely.union_all(villages.geometry_m[parent == name])
        assert shapely.area(poly) == pytest.approx(shapely.area(union), rel=1e-6)
        assert shapely.area(shapely.symmetric_difference(poly, union)) < 1e-6 * union.area
    # each township equals its town of the towns layer (the sample splits them exactly)
    by_name = dict(zip(parents.names.tolist(), shapely.area(parents.polygons), strict=True))
    for i in range(towns.n):
        assert by_name[str(towns.names[i])] == pytest.approx(towns.computed_area_km2[i] * 1e6, 1e-4)
    # every shared edge once: the lines are as long as half the rings plus half the outline
    rings = float(shapely.length(shapely.boundary(parents.polygons)).sum())
    outline = float(shapely.length(shapely.boundary(shapely.union_all(parents.polygons))))
    assert shapely.length(parents.lines) == pytest.approx((rings + outline) / 2, rel=1e-6)


def test_quota_applies_at_town_level_and_at_village_level_only_when_asked(villages, towns):
    rules = default_rules()
    assert rules.quota.apply_to_villages is False
    assert quota_applies(towns, rules.quota)
    assert not quota_applies(villages, rules.quota)
    data = rules.to_dict()
    data["quota"]["apply_to_villages"] = True
    asked = RuleSet.from_dict(data)
    assert quota_applies(villages, asked.quota)
    plan = Plan(villages)
    assert unit_figures(plan, rules).has_quota is False
    assert unit_figures(plan, asked).has_quota is True
    assert unit_figures(Plan(towns), rules).has_quota is True


def test_default_rule_file_documents_the_switch():
    text = (REPO / "resources" / "rules" / "default.toml").read_text(encoding="utf-8")
    assert "apply_to_villages = false" in text


def test_border_column_flag(villages, towns):
    assert has_border_towns(towns)
    assert not has_border_towns(villages)


def test_layout_words_follow_the_level(villages, towns):
    s = LayoutSettings()
    assert s.for_layer(villages).text("col_unit") == "合并后村"
    assert s.for_layer(towns).text("col_unit") == "合并后乡镇"
    assert s.with_(language="en").for_layer(villages).text("col_members") == "Member villages"
    # a level set by the caller wins
    assert s.with_(level="town").for_layer(villages).text("col_unit") == "合并后乡镇"


def test_village_layout_pdf_says_village_and_leaves_the_quota_out(tmp_path):
    out = tmp_path / "v.pdf"
    args = ["layout", str(VILLAGES), "--plan", str(VILLAGE_PLAN), "--out", str(out)]
    run = subprocess.run(
        [sys.executable, "-m", "editor", *args], cwd=REPO, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    text = _pdf_text(out)
    assert "合并后村" in text and "原村" in text and "乡镇界" in text
    assert "村级建制调整方案" in text
    assert "编制" not in text
    assert "合并后乡镇" not in text


def _pdf_text(path: Path) -> str:
    try:
        run = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    except FileNotFoundError:
        pytest.skip("pdftotext is not installed")
    return run.stdout


def test_town_layout_tables_keep_the_quota(towns):
    from editor.layout import mapdraw as md
    from editor.layout.pages import summary_table, unit_table

    project = town_project(towns)
    settings = LayoutSettings()
    table, _ = unit_table(project.plan, md.PlanGeometry(project.plan), settings, 180, 7)
    headers = [c.title for c in table.columns]
    assert "编制" in headers and "合并后乡镇" in headers and "沿边" in headers
    summary = summary_table(project.plan, settings, 100, 7)
    assert any("".join(row.cells[0]) == "编制总数(名)" for row in summary.rows)


def test_village_layout_tables_leave_quota_and_border_out(villages):
    from editor.layout import mapdraw as md
    from editor.layout.pages import summary_table, unit_table

    project = village_project(villages)
    settings = LayoutSettings()
    geo = md.PlanGeometry(project.plan)
    assert geo.parents is not None
    table, _ = unit_table(project.plan, geo, settings, 180, 7)
    headers = [c.title for c in table.columns]
    assert "合并后村" in headers
    assert "编制" not in headers and "沿边" not in headers
    assert all(len(row.cells) == len(headers) for row in table.rows)
    summary = summary_table(project.plan, settings, 100, 7)
    firsts = ["".join(row.cells[0]) for row in summary.rows]
    assert firsts[0] == "村数量(个)"
    assert not any("编制" in f for f in firsts)


def test_village_exports_leave_the_quota_out(villages, tmp_path):
    from editor.io.tables import summary_rows, unit_rows

    project = village_project(villages)
    figures = unit_figures(project.plan)
    header, rows = unit_rows(project.plan, "en", figures)
    assert "quota" not in header and "quota_old" not in header
    assert all(len(r) == len(header) for r in rows)
    _, srows = summary_rows(project.plan, "en", figures)
    assert len(srows) == 3


# -- GUI -------------------------------------------------------------------------------


def test_stats_json_has_no_quota_at_village_level():
    import json
    import subprocess
    import sys

    from tests.support import REPO

    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "editor",
            "stats",
            "sample_shapes/sample_villages.shp",
            "--plan",
            "sample_shapes/sample_village_plan.csv",
            "--json",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert "quota_totals" not in data
    assert not any("quota" in u for u in data["units"])
