"""The drag preview's figures on messy layers, dragged through the real window (issue 11,
items 2 and 7): the banner's area is the area of the union (overlaps counted once), as
the panel shows after the drop; a population nobody has is "—", never 0."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from editor.core.commands import AssignTowns
from editor.core.project import Project
from editor.gui.docks import numbers
from editor.gui.docks.units import COL_AREA, COL_POP
from editor.gui.main_window import MainWindow
from editor.io.load import open_layer
from tests.quirks import overlay_zone, write
from tests.support import grid_layer


def make_window(qtbot, layer) -> MainWindow:
    win = MainWindow(Project(layer))
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.canvas.zoom_to_all()
    return win


def drag(qtbot, win, a: int, b: int, release: bool = True):
    """Press on town ``a``, move onto town ``b`` through the viewport (and drop)."""
    vp = win.canvas.viewport()
    start, end = win.canvas.town_view_pos(a), win.canvas.town_view_pos(b)
    assert win.canvas.town_at(start) == a and win.canvas.town_at(end) == b
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    qtbot.mouseMove(vp, start + QPoint(12, 0))
    qtbot.mouseMove(vp, (start + end) / 2)
    qtbot.mouseMove(vp, end)
    if release:
        qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def banner_after_area(win) -> float:
    text = win.docks.units.widget_.banner.text()
    found = re.search(r"area ([\d,.]+) → ([\d,.]+) km²", text)
    assert found, text
    return float(found.group(2).replace(",", ""))


def test_banner_area_of_a_town_and_its_overlay_zone_is_their_union(qtbot, tmp_path):
    quirk = overlay_zone()
    layer = open_layer(write(quirk, tmp_path / "开发区.shp"))
    win = make_window(qtbot, layer)
    units = win.docks.units
    zone = int(np.flatnonzero(layer.names == "经济开发区")[0])
    town = int(np.flatnonzero(layer.names == "甲镇")[0])
    target = int(win.project.plan.unit_of[town])
    union = quirk.truth["union_km2"](["甲镇", "经济开发区"])
    naive = quirk.truth["area_km2"]["甲镇"] + quirk.truth["area_km2"]["经济开发区"]
    assert naive - union > 10  # 17 km² apart: the figures tell them apart

    drag(qtbot, win, zone, town, release=False)
    assert units.widget_.banner.isVisible()
    assert banner_after_area(win) == pytest.approx(union, abs=0.05)
    cell = units.model.index(units.model.row_of(target), COL_AREA).data()
    assert cell.endswith("→ " + numbers.area(union)), cell
    assert numbers.area(union, 2) in win.statusBar().currentMessage() or (
        f"{union:,.1f} km²" in win.statusBar().currentMessage()
    )
    vp = win.canvas.viewport()
    end = win.canvas.town_view_pos(town)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    # after the drop the panel says what the banner said
    assert win.project.plan.unit_of[zone] == target
    assert win.project.plan.stats(target).area_km2 == pytest.approx(union, rel=1e-4)
    cell = units.model.index(units.model.row_of(target), COL_AREA).data()
    assert cell == numbers.area(union)
    win.close()


def test_banner_and_panel_show_a_dash_when_no_town_has_a_population(qtbot):
    population = np.arange(12, dtype=float) * 1000 + 1000
    population[[0, 1, 4]] = np.nan  # towns 0, 1 and 4 (below 0) have no figure
    win = make_window(qtbot, grid_layer(4, 3, population=population))
    units = win.docks.units
    plan = win.project.plan
    win.push(AssignTowns([1], int(plan.unit_of[0])))
    target = int(plan.unit_of[0])

    drag(qtbot, win, 4, 0, release=False)
    assert units.widget_.banner.isVisible()
    text = units.widget_.banner.text()
    assert "population — → —" in text, text
    cell = units.model.index(units.model.row_of(target), COL_POP).data()
    assert cell == "— → —", cell
    status = win.statusBar().currentMessage()
    assert "nan" not in status and "population 0" not in status, status
    qtbot.keyClick(win.canvas, Qt.Key.Key_Escape)
    vp = win.canvas.viewport()
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)

    # a known town dragged onto the blank unit: its figure, no 0 before it
    drag(qtbot, win, 5, 1, release=False)
    text = units.widget_.banner.text()
    assert f"population — → {numbers.population(6000)}" in text, text
    win.close()
