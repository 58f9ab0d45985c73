"""File > Export merged units… / Export tables… carry what the window shows: the
project's rule set (quota), facility layers, carried fields and the canvas colours."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import openpyxl
import pyogrio
import pytest
import shapely

from editor.cli.common import load_plan
from editor.core.project import Project
from editor.core.ruleset import default_rules
from editor.core.unit_figures import unit_figures
from editor.gui import i18n, plan_actions
from editor.gui.main_window import MainWindow
from editor.io.facilities import load_facilities
from editor.io.load import open_layer

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample_shapes" / "sample_county.shp"
SAMPLE_PLAN = REPO / "sample_shapes" / "sample_plan.csv"


@pytest.fixture(scope="module")
def layer():
    return open_layer(SAMPLE)


@pytest.fixture(autouse=True)
def _quiet(messages):
    return messages


def facility_file(layer, path: Path) -> Path:
    """Points inside the first 12 towns: clinics and schools, in the layer's CRS."""
    pts = shapely.point_on_surface(layer.geometry[:12])
    kinds = ["卫生院" if k % 3 else "学校" for k in range(12)]
    gpd.GeoDataFrame({"类型": kinds}, geometry=pts, crs=layer.crs).to_file(path)
    return path


@pytest.fixture
def window(qtbot, layer, tmp_path):
    plan, _ = load_plan(layer, SAMPLE_PLAN)
    rules = default_rules()
    rules.quota.basic = 17.0  # not the default: the export must use the project's rules
    rules.quota.per_10k_population = 3.0
    rules.data.carried_fields = ["村委会数"]
    project = Project(layer, plan, rules=rules, source_path=SAMPLE)
    project.add_facilities(
        load_facilities(facility_file(layer, tmp_path / "f.gpkg"), layer, "类型")
    )
    win = MainWindow(project, install_features=False)
    qtbot.addWidget(win)
    actions = plan_actions.install(win)
    colors = win.canvas.colors
    # shifted colours: still a colouring, but not what a fresh colouring of the plan gives
    colors.index = {u: (c + 2) % colors.k for u, c in colors.index.items()}
    return win, actions


def test_export_units_carries_rules_facilities_carried_fields_and_colours(qtbot, window, tmp_path):
    win, actions = window
    project = win.project
    job = actions.export_units(tmp_path / "u.gpkg", encoding="utf-8")
    qtbot.waitUntil(lambda: job.done)
    assert job.error is None
    got = pyogrio.read_dataframe(tmp_path / "u.gpkg")
    figures = unit_figures(project.plan, project.checker.rules, project.facilities)
    default = unit_figures(project.plan)
    rows = {int(r.unit_id): r for r in got.itertuples()}
    assert set(rows) == set(project.plan.unit_ids())
    quota = {u: float(rows[u].quota) for u in rows}
    expected = {u: float(figures.quota[figures.position(u)]) for u in rows}
    assert quota == pytest.approx(expected)
    assert quota != pytest.approx({u: float(default.quota[default.position(u)]) for u in rows})
    for cat in ("卫生院", "学校"):
        col = next(c for c in got.columns if c.startswith("n_") and cat in c)
        counts = {u: int(getattr(rows[u], col)) for u in rows}
        want = {u: int(figures.facilities_of(u).get(cat, 0)) for u in rows}
        assert counts == want
    assert sum(counts.values()) > 0
    villages = {u: float(rows[u].村委会数) for u in rows}
    members = {u: project.plan.members(u) for u in rows}
    raw = pyogrio.read_dataframe(SAMPLE)["村委会数"].astype(float).to_numpy()
    assert villages == {u: pytest.approx(float(np.sum(raw[m]))) for u, m in members.items()}
    screen = win.canvas.colors.palette_indices()
    assert {u: int(rows[u].color_idx) for u in rows} == {u: screen[u] for u in rows}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_export_tables_carries_the_same_and_follows_the_language(
    qtbot, window, tmp_path, monkeypatch, language
):
    win, actions = window
    monkeypatch.setattr(i18n, "current_language", lambda: "zh_CN" if language == "zh" else "en")
    out = tmp_path / "t.xlsx"
    job = actions.export_tables(out, kind="units")
    qtbot.waitUntil(lambda: job.done)
    assert job.error is None
    sheet = openpyxl.load_workbook(out).worksheets[0]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert "村委会数" in " ".join(map(str, header))
    assert any("卫生院" in str(h) for h in header) and any("学校" in str(h) for h in header)
    quota_word = "编制" if language == "zh" else "quota"
    assert any(quota_word in str(h).lower() for h in header)
    assert header[:2] == (
        ["合并后编号", "合并后乡镇"] if language == "zh" else ["unit_id", "unit_name"]
    )
