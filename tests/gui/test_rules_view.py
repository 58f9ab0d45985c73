"""Issue 6 in the window: hatching, rule warnings in both languages, figure columns,
quota totals, facility layers, and the unsaved-changes prompt before another layer."""

from __future__ import annotations

import re

import geopandas
import numpy as np
import pytest
import shapely
from PySide6.QtCore import QCoreApplication, QPoint, QSettings, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from editor.core.commands import AssignTowns, MergeUnits
from editor.core.project import Project
from editor.core.quota import QuotaCalculator
from editor.core.ruleset import RuleSet
from editor.gui import canvas as canvas_mod
from editor.gui import i18n
from editor.gui import plan_actions as plan_actions_mod
from editor.gui.docks.units import COL_QUOTA, COL_RADIUS, N_COLUMNS
from editor.gui.facilities import FacilityFieldDialog
from editor.gui.main_window import MainWindow
from editor.gui.rules_dialog import apply_rules
from tests.support import grid_layer


@pytest.fixture(autouse=True)
def settings(tmp_path, monkeypatch, qapp):
    store = tmp_path / "settings.ini"
    monkeypatch.setattr(i18n, "settings", lambda: QSettings(str(store), QSettings.Format.IniFormat))
    yield
    if i18n.current_language() != i18n.ENGLISH:
        i18n.set_language(i18n.ENGLISH)
        QCoreApplication.processEvents()


def quota_rules(**targets) -> RuleSet:
    rules = RuleSet()
    rules.quota.basic = 10
    rules.quota.per_10k_population = 2
    rules.quota.per_100_km2 = 1
    for key, value in targets.items():
        setattr(rules.targets, key, value)
    return rules


def make_window(qtbot, layer=None, features=("editor.gui.docks",), rules=None):
    # 4 x 3 grid: town k at column k % 4, row k // 4
    project = Project(layer or grid_layer(4, 3), rules=rules)
    win = MainWindow(project, install_features=False)
    win.install_features(list(features))
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    win.canvas.zoom_to_all()
    return win


def drag(qtbot, win, a: int, b: int) -> None:
    vp = win.canvas.viewport()
    start, end = win.canvas.town_view_pos(a), win.canvas.town_view_pos(b)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    qtbot.mouseMove(vp, start + QPoint(12, 0))
    qtbot.mouseMove(vp, (start + end) / 2)
    qtbot.mouseMove(vp, end)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def test_non_contiguous_unit_from_a_drag_is_hatched_until_undone(qtbot):
    win = make_window(qtbot)
    canvas, plan = win.canvas, win.project.plan
    assert canvas.hatched_towns() == set()
    drag(qtbot, win, 0, 2)  # town 0 joins town 2's unit across town 1: two pieces
    assert plan.unit_of[0] == plan.unit_of[2] and not plan.stats(int(plan.unit_of[2])).contiguous
    assert canvas.hatched_towns() == {0, 2}
    item = canvas.hatch_items[0]
    assert item.scene() is canvas.scene() and item.isVisible()
    assert item.brush().style() == Qt.BrushStyle.BDiagPattern
    win.undo_stack.undo()
    assert canvas.hatched_towns() == set()
    assert all(i.scene() is None for i in [item])
    win.undo_stack.redo()
    assert canvas.hatched_towns() == {0, 2}
    # joining the middle town makes the unit one piece again: the hatch goes
    win.push(AssignTowns([1], int(plan.unit_of[2])))
    assert canvas.hatched_towns() == set()
    win.close()


def test_the_raster_overview_paints_the_hatch_too(qtbot, monkeypatch):
    monkeypatch.setattr(canvas_mod, "OVERVIEW_TOWNS", 4)  # the 12-town grid is "large"
    win = make_window(qtbot)
    canvas = win.canvas
    assert canvas.overview is not None
    img = canvas.overview.image
    # the pixels of town 0 in the image
    rect = canvas.town_items[0].sceneBoundingRect()
    ext = canvas.overview.extent
    sx, sy = img.width() / ext.width(), img.height() / ext.height()
    x0, x1 = int((rect.left() - ext.left()) * sx) + 2, int((rect.right() - ext.left()) * sx) - 2
    y0, y1 = int((rect.top() - ext.top()) * sy) + 2, int((rect.bottom() - ext.top()) * sy) - 2

    def pixels():
        return {img.pixel(x, y) for x in range(x0, x1, 3) for y in range(y0, y1, 3)}

    plain = pixels()
    assert len(plain) == 1  # one fill colour
    win.push(AssignTowns([0], int(win.project.plan.unit_of[2])))
    hatched = pixels()
    assert len(hatched) > 1  # fill and hatch lines
    win.undo_stack.undo()
    assert pixels() == plain
    # far out the image shows, and the vector hatch layer hides with the town paths
    win.push(AssignTowns([0], int(win.project.plan.unit_of[2])))
    canvas.zoom_to_all()
    assert canvas.overview.isVisible() and not canvas._hatch_layer.isVisible()
    win.close()


def test_county_target_warning_appears_after_edits_and_clears_when_fixed(qtbot):
    win = make_window(qtbot)
    project = win.project
    apply_rules(project, quota_rules(units_min=11, units_max=12))
    warnings = win.docks.warnings.list
    rules_shown = lambda: [v.rule for v in warnings.violations_shown()]  # noqa: E731
    assert "unit_count" not in rules_shown()
    win.push(AssignTowns([1], 0))  # 11 units: still within 11-12
    assert "unit_count" not in rules_shown()
    win.push(AssignTowns([5], 4))  # 10 units: fewer than 11
    assert "unit_count" in rules_shown()
    row = next(
        i
        for i in range(warnings.topLevelItemCount())
        if warnings.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole + 1).rule == "unit_count"
    )
    item = warnings.topLevelItem(row)
    assert item.text(1) == "10 units after the merger, fewer than the target minimum 11"
    assert item.text(0) == "County"
    # a county-wide warning has no unit to zoom to: clicking it changes nothing
    before = win.canvas.transform()
    warnings._on_clicked(item)
    assert win.canvas.transform() == before and not project.selection.towns
    assert win.docks.warnings.windowTitle().startswith("Warnings (")
    win.undo_stack.undo()  # back to 11
    assert "unit_count" not in rules_shown()
    win.close()


def test_summary_quota_totals_follow_edits(qtbot):
    rules = quota_rules()
    win = make_window(qtbot, rules=rules)
    project = win.project
    summary = win.docks.summary.summary
    calc = QuotaCalculator(project.layer, rules.quota)
    assert summary.quota_totals() == pytest.approx(calc.totals(project.plan))
    win.push(AssignTowns([1, 2], 0))
    win.push(MergeUnits([int(project.plan.unit_of[4]), int(project.plan.unit_of[8])], 4))
    win.undo_stack.undo()
    win.undo_stack.redo()
    totals = calc.totals(project.plan)
    assert totals["new"] < totals["old"]  # merging saves basic quotas
    assert summary.quota_totals() == pytest.approx(totals)
    assert summary.values[3][0].text() == f"{totals['old']:,.0f}"
    assert summary.values[3][1].text().startswith(f"{totals['new']:,.0f} (")
    # the units dock shows each unit's recomputed quota and service radius
    model = win.docks.units.model
    uid = int(project.plan.unit_of[0])
    row = model.row_of(uid)
    quota = calc.unit(project.plan, uid).total
    assert model.index(row, COL_QUOTA).data() == f"{quota:,.0f}"
    assert float(model.index(row, COL_RADIUS).data()) > 10  # 3 towns of ~10 km
    win.close()


def test_summary_shows_targets_and_enlarge_lines(qtbot):
    layer = grid_layer(4, 3, county_seat=np.arange(12) == 5)
    win = make_window(qtbot, layer=layer, rules=quota_rules(units_max=10))
    summary = win.docks.summary.summary
    assert "Units 12 → 12, target ≤ 10" in summary.targets_label.text()
    assert "did not grow" in summary.enlarge_label.text()
    win.push(AssignTowns([4, 6], 5))
    win.push(AssignTowns([0], 1))
    assert "met" in summary.targets_label.text()
    assert "grew" in summary.enlarge_label.text()
    win.close()


@pytest.fixture
def facility_file(tmp_path):
    # the grid's towns are 0.1° squares from lon 100, lat 24; town k at (k % 4, k // 4)
    pts = [(100.05, 24.05, "卫生院"), (100.06, 24.04, "学校"), (100.15, 24.05, "学校")]
    pts += [(100.25, 24.25, "卫生院"), (99.0, 20.0, "卫生院")]  # town 10, then outside
    frame = geopandas.GeoDataFrame(
        {"type": [p[2] for p in pts], "name": [f"F{k}" for k in range(len(pts))]},
        geometry=[shapely.Point(x, y) for x, y, _ in pts],
        crs=4490,
    )
    path = tmp_path / "设施.gpkg"
    frame.to_file(path, driver="GPKG")
    return path


def test_adding_a_facility_layer_adds_counted_columns(qtbot, facility_file, monkeypatch):
    win = make_window(qtbot, features=("editor.gui.docks", "editor.gui.facilities"))
    project, model = win.project, win.docks.units.model
    assert model.columnCount() == N_COLUMNS
    assert win.findChild(type(win.facility_actions.action), "action_add_facilities") is not None

    def accept(dialog):
        assert "type" in dialog.columns and "name" in dialog.columns
        dialog.category.setCurrentIndex(dialog.columns.index("type") + 1)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(FacilityFieldDialog, "exec", accept)
    fac = win.facility_actions.ask(facility_file)
    assert fac is not None and len(project.facilities) == 1 and fac.outside == 1
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[N_COLUMNS:] == ["卫生院", "学校"]
    plan = project.plan

    def counts(town):
        row = model.row_of(int(plan.unit_of[town]))
        return [model.index(row, c).data() for c in (N_COLUMNS, N_COLUMNS + 1)]

    assert counts(0) == ["1", "1"] and counts(1) == ["0", "1"] and counts(10) == ["1", "0"]
    win.push(AssignTowns([1], int(plan.unit_of[0])))
    assert counts(0) == ["1", "2"]
    win.undo_stack.undo()
    assert counts(0) == ["1", "1"]
    # the points are drawn, one colour per category
    assert len(win.canvas.facility_items) == 1
    assert set(win.canvas.facility_colors()) == {"卫生院", "学校"}
    win.close()


def test_warnings_in_chinese_for_every_rule(qtbot):
    layer = grid_layer(
        4,
        3,
        border=np.arange(12) == 0,
        historic=np.arange(12) == 3,
        centre=np.arange(12) == 8,
    )
    rules = quota_rules(units_min=20, mean_population=1e6, mean_area_km2=1e5)
    rules.thresholds.min_population = 5000
    rules.thresholds.min_area_km2 = 500
    rules.thresholds.max_towns = 2
    rules.thresholds.max_service_radius_km = 5
    win = make_window(qtbot, layer=layer, rules=rules)
    win.push(AssignTowns([0, 3], 1))  # border 0 and historic 3 merged; not one piece
    win.push(AssignTowns([8], 9))  # centre 8 absorbed by the more populous 9
    warnings = win.docks.warnings.list
    shown = {v.rule for v in warnings.violations_shown()}
    expected = {"contiguity", "border_whole", "historic_whole", "centre_enlarged"}
    expected |= {"min_population", "min_area", "max_towns", "max_service_radius"}
    expected |= {"unit_count", "mean_population", "mean_area"}
    assert expected <= shown
    assert i18n.set_language(i18n.CHINESE)
    qtbot.waitUntil(lambda: warnings.headerItem().text(1) == "问题")
    texts = [warnings.topLevelItem(i).text(1) for i in range(warnings.topLevelItemCount())]
    assert len(texts) >= len(expected)
    for text in texts:
        assert re.search(r"[\u4e00-\u9fff]", text), text
        words = re.findall(r"[A-Za-z]{3,}", text)
        assert set(words) <= {"km"}, text
    assert any("不连片" in t for t in texts)
    assert any("成建制保留" in t for t in texts)
    i18n.set_language(i18n.ENGLISH)
    qtbot.waitUntil(lambda: warnings.headerItem().text(1) == "Problem")
    win.close()


@pytest.mark.parametrize("answer", ["cancel", "discard"])
def test_opening_another_layer_asks_about_unsaved_changes(qtbot, monkeypatch, answer, tmp_path):
    win = make_window(qtbot, features=("editor.gui.docks", "editor.gui.plan.actions"))
    win.push(AssignTowns([1], 0))
    asked = []

    def question(parent, title, text, buttons=None, default=None):
        asked.append(text)
        return {
            "cancel": QMessageBox.StandardButton.Cancel,
            "discard": QMessageBox.StandardButton.Discard,
        }[answer]

    monkeypatch.setattr(plan_actions_mod, "_headless", lambda: False)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    opened = []
    import editor.gui.loader as loader

    monkeypatch.setattr(loader, "open_layer_async", lambda w, p, o=None: opened.append(p))
    result = win.open_layer(tmp_path / "other.shp")
    assert asked == ["The plan has unsaved changes. Save them?"]
    if answer == "cancel":
        assert result is False and opened == [] and not win.undo_stack.isClean()
    else:
        assert result is True and opened == [str(tmp_path / "other.shp")]
    # a clean plan is replaced without a question
    win.undo_stack.setClean()
    asked.clear()
    win.open_layer(tmp_path / "third.shp")
    assert asked == []
    win.close()
