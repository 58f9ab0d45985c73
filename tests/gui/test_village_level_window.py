"""Village layers in the real window: township lines on the map, village words in the docks,
the quota column, the radius sort (pytest-qt on the sample county's towns and villages).

The Qt-free parts are in tests/core/test_village_level.py.
"""

from __future__ import annotations

import pytest
import shapely
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from editor.cli.common import load_plan
from editor.core.parents import parent_boundaries
from editor.core.plan import Plan
from editor.core.project import Project
from editor.io.load import LoadOptions, open_layer
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


def test_dock_headers_say_village_or_town_in_chinese(make_window, chinese, villages, towns):
    from editor.gui.docks.units import COL_BORDER, COL_NAME, COL_QUOTA, COL_TOWNS

    w = make_window(village_project(villages))
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


def test_quota_column_shown_at_village_level_when_the_rules_ask(qtbot, make_window, villages):
    from editor.gui.docks.units import COL_QUOTA

    project = village_project(villages)
    w = make_window(project)
    view = w.docks.units.view
    assert view.isColumnHidden(COL_QUOTA)
    # Plan > Rules…: tick "apply the quota to villages", then OK
    (rules,) = [a for a in w.menus["plan"].actions() if a.objectName() == "action_rules"]
    rules.trigger()
    dlg = w.rules_feature.dialog
    qtbot.waitUntil(dlg.isVisible)
    assert not dlg.q_villages.isChecked()
    dlg.q_villages.setChecked(True)
    qtbot.mouseClick(
        dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert project.rules.quota.apply_to_villages
    assert not view.isColumnHidden(COL_QUOTA)
    assert not w.docks.summary.summary.row_labels[3].isHidden()


def test_sort_by_radius_computes_every_radius_in_one_batch(make_window, monkeypatch):
    from editor.gui.docks.units import COL_RADIUS, figures, rows
    from editor.gui.docks.units import model as model_mod

    layer = grid_layer(50, 40, size=0.01)
    plan = Plan(layer)  # 2,000 units of one town each
    project = Project(layer, plan)
    w = make_window(project)
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
