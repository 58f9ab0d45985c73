"""Village layers (村级建制调整): township lines, village words, quota left out, radius sort.

Qt-free parts first (parent boundaries, level, quota switch, layout words and PDF), then
the canvas and docks with pytest-qt on the sample county's towns and villages.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QCoreApplication, QSettings

from editor.cli.common import load_plan
from editor.core.parents import has_border_towns, level_of, parent_boundaries, quota_applies
from editor.core.plan import Plan
from editor.core.project import Project
from editor.core.ruleset import RuleSet, default_rules
from editor.core.unit_figures import unit_figures
from editor.io.load import LoadOptions, open_layer
from editor.layout.settings import LayoutSettings
from tests.support import REPO, grid_layer

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


@pytest.fixture
def chinese(tmp_path, monkeypatch, qapp):
    from editor.gui import i18n

    store = tmp_path / "settings.ini"
    monkeypatch.setattr(i18n, "settings", lambda: QSettings(str(store), QSettings.Format.IniFormat))
    i18n.set_language(i18n.CHINESE)
    QCoreApplication.processEvents()
    yield
    i18n.set_language(i18n.ENGLISH)
    QCoreApplication.processEvents()


def _window(qtbot, project):
    from editor.gui import docks as docks_pkg
    from tests.support_qt import FakeWindow

    w = FakeWindow(project)
    qtbot.addWidget(w)
    docks_pkg.install(w)
    w.show()
    return w


def test_canvas_draws_township_lines_for_villages_only(qtbot, villages, towns):
    from editor.gui.canvas import Z_OUTLINES, Z_TOWNS, MapCanvas

    canvas = MapCanvas(village_project(villages))
    qtbot.addWidget(canvas)
    item = canvas.parent_item
    assert item is not None and item.scene() is canvas.scene()
    assert Z_TOWNS < item.zValue() < Z_OUTLINES  # over the fills, under unit outlines
    pen = item.pen()
    assert pen.widthF() > canvas.town_pen.widthF() and pen.widthF() > canvas.unit_pen.widthF()
    # the path runs along the township lines: as long as them (within simplification)
    rect = item.path().boundingRect()
    x0, y0, x1, y1 = shapely.bounds(parent_boundaries(villages).lines)
    assert rect.left() == pytest.approx(x0, abs=1) and rect.bottom() == pytest.approx(-y0, abs=1)
    canvas.set_project(town_project(towns))
    assert canvas.parent_item is None
    canvas.close()


def test_dock_headers_say_village_or_town_in_chinese(qtbot, chinese, villages, towns):
    from editor.gui.docks.units import COL_BORDER, COL_NAME, COL_QUOTA, COL_TOWNS

    w = _window(qtbot, village_project(villages))
    d = w.docks
    model = d.units.model
    headers = model.headers()
    assert headers[COL_NAME] == "合并后村" and headers[COL_TOWNS] == "所含村"
    assert d.units.windowTitle() == "合并后村"
    assert d.summary.summary.row_labels[0].text() == "村数"
    assert d.warnings.list.headerItem().text(0) == "合并后村"
    assert d.info.windowTitle() == "光标处村"
    # the quota (a township figure) and the border column (no border village) are hidden
    view = d.units.view
    assert view.isColumnHidden(COL_QUOTA) and view.isColumnHidden(COL_BORDER)
    assert d.summary.summary.row_labels[3].isHidden()

    w.set_project(town_project(towns))
    headers = model.headers()
    assert headers[COL_NAME] == "合并后乡镇" and headers[COL_TOWNS] == "所含乡镇"
    assert d.units.windowTitle() == "合并后乡镇"
    assert d.summary.summary.row_labels[0].text() == "乡镇数"
    assert d.warnings.list.headerItem().text(0) == "乡镇"
    assert not view.isColumnHidden(COL_QUOTA) and not view.isColumnHidden(COL_BORDER)
    assert not d.summary.summary.row_labels[3].isHidden()
    w.close()


def test_quota_column_shown_at_village_level_when_the_rules_ask(qtbot, villages):
    from editor.gui.docks.units import COL_QUOTA
    from editor.gui.rules_dialog import apply_rules

    project = village_project(villages)
    w = _window(qtbot, project)
    view = w.docks.units.view
    assert view.isColumnHidden(COL_QUOTA)
    data = default_rules().to_dict()
    data["quota"]["apply_to_villages"] = True
    apply_rules(project, RuleSet.from_dict(data))
    assert not view.isColumnHidden(COL_QUOTA)
    assert not w.docks.summary.summary.row_labels[3].isHidden()
    w.close()


def test_sort_by_radius_computes_every_radius_in_one_batch(qtbot, monkeypatch):
    from editor.gui.docks.units import COL_RADIUS, figures, rows
    from editor.gui.docks.units import model as model_mod

    layer = grid_layer(50, 40, size=0.01)
    plan = Plan(layer)  # 2,000 units of one town each
    project = Project(layer, plan)
    w = _window(qtbot, project)
    model = w.docks.units.model
    calls = {"batch": 0, "batch_units": 0, "single": 0}
    batch, single = model_mod.seat_arrays, figures.service_radius_km

    def counting_batch(p, uids):
        calls["batch"] += 1
        calls["batch_units"] += len(uids)
        return batch(p, uids)

    def counting_single(p, uid):
        calls["single"] += 1
        return single(p, uid)

    monkeypatch.setattr(model_mod, "seat_arrays", counting_batch)
    monkeypatch.setattr(figures, "service_radius_km", counting_single)
    model.sort(COL_RADIUS)
    assert calls["batch"] == 1 and calls["batch_units"] >= 1900
    assert calls["single"] <= rows.BATCH_RADII
    # the order is by radius, and each radius is what the one-at-a-time path gives
    order = [model.uid_at(r) for r in range(model.rowCount())]
    radii = [model.figure(u, "radius") for u in order]
    assert radii == sorted(radii)
    for uid in (order[0], order[len(order) // 2], order[-1]):
        assert model.figure(uid, "radius") == pytest.approx(single(plan, uid), rel=1e-9)
    model.sort(COL_RADIUS)  # sorted again: all cached, no new batch
    assert calls["batch"] == 1
    w.close()


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
